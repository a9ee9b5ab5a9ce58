#pragma once
/// \file rows.hpp
/// How entries are written to and read from the entry table, shared by the
/// files of src/data (not part of the public API).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interphase/composition/element_set.hpp"
#include "interphase/data/entry.hpp"
#include "sqlite.hpp"

namespace interphase::data::detail {

/// "Z:amount" pairs, ascending Z, space-separated, amounts in shortest round-trip form.
std::string encode_composition(const Composition& composition);
/// The inverse of encode_composition; DataError naming the entry if the text is corrupt.
Composition decode_composition(std::string_view text, const std::string& entry_id);

/// A word of an ElementSet as the elements_lo and elements_hi columns hold it
/// (ElementSet's layout; SQLite's integers are signed, so bit 63 of a
/// complemented word makes it negative, bit for bit the same).
inline std::int64_t sql_word(std::uint64_t word) { return static_cast<std::int64_t>(word); }

/// Chemsys strings of every non-empty subset of `elements`.
std::vector<std::string> subsystems(const std::vector<int>& elements);

/// The current time, UTC, ISO 8601 ("2024-05-01T12:00:00Z").
std::string utc_now_iso8601();

/// The columns read_entry reads, in its order.
inline constexpr std::string_view kEntrySelect = "id, external_id, formula, composition, e_form, sigma";
/// The same columns of the entry table under the alias "e".
inline constexpr std::string_view kEntrySelectE = "e.id, e.external_id, e.formula, e.composition, e.e_form, e.sigma";
/// Number of columns in kEntrySelect.
inline constexpr int kEntryColumnCount = 6;
/// An entry from a row of "SELECT <kEntrySelect> ..." (columns 0-5; Entry::key is the row id).
Entry read_entry(const Statement& row);

/// Inserts entries of one data set, one statement prepared once.
class EntryInserter {
 public:
  EntryInserter(sqlite3* db, std::int64_t dataset_id);
  /// Insert one entry; returns its row id.
  std::int64_t insert(const Entry& entry);

 private:
  sqlite3* db_;
  Statement statement_;
};

/// A digest of one entry's content (external id, composition, e_form, and
/// sigma where given, so entries without one hash as before it existed): 32 bytes
/// as four 64-bit lanes. A data set's content hash is the lane-wise sum of its
/// entries' digests (mod 2^64), so it does not depend on the entries' order and
/// is updated by adding or subtracting one digest.
struct ContentDigest {
  std::uint64_t lane[4] = {0, 0, 0, 0};
  static ContentDigest of(const std::string& external_id, const Composition& composition, double e_form,
                          std::optional<double> sigma = std::nullopt);
  /// The hex form stored in dataset.content_hash ('' parses as zero).
  static ContentDigest parse(const std::string& hex);
  std::string hex() const;
  ContentDigest& operator+=(const ContentDigest& other);
  ContentDigest& operator-=(const ContentDigest& other);
};

}  // namespace interphase::data::detail
