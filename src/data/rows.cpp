/// \file rows.cpp
/// How entries are written to and read from the entry table.
#include "rows.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <map>

#include "interphase/composition/composition.hpp"
#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "detail.hpp"

namespace interphase::data::detail {

std::string encode_composition(const Composition& composition) {
  std::string out;
  char buffer[64];
  for (const auto& [z, amount] : composition.amounts()) {
    if (!out.empty()) out += ' ';
    out += std::to_string(z);
    out += ':';
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, amount);
    out.append(buffer, result.ptr);
  }
  return out;
}

Composition decode_composition(std::string_view text, const std::string& entry_id) {
  std::map<int, double> amounts;
  while (!text.empty()) {
    const std::string_view pair = text.substr(0, text.find(' '));
    text.remove_prefix(std::min(pair.size() + 1, text.size()));
    const auto colon = pair.find(':');
    int z = 0;
    double amount = 0.0;
    const char* end = pair.data() + pair.size();
    if (colon == std::string_view::npos || std::from_chars(pair.data(), pair.data() + colon, z).ec != std::errc() ||
        std::from_chars(pair.data() + colon + 1, end, amount).ptr != end) {
      throw DataError("corrupt composition '" + std::string(pair) + "' of entry " + entry_id + " in the database");
    }
    amounts[z] = amount;
  }
  return Composition(amounts);
}

std::vector<std::string> subsystems(const std::vector<int>& elements) {
  std::vector<std::string> symbols;
  for (const int z : elements) symbols.emplace_back(element(z).symbol);
  std::sort(symbols.begin(), symbols.end());
  std::vector<std::string> out;
  const std::uint32_t n = static_cast<std::uint32_t>(symbols.size());
  for (std::uint32_t subset = 1; subset < (std::uint32_t{1} << n); ++subset) {
    std::string chemsys;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (subset & (std::uint32_t{1} << i)) chemsys += (chemsys.empty() ? "" : "-") + symbols[i];
    }
    out.push_back(std::move(chemsys));
  }
  return out;
}

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

Entry read_entry(const Statement& row) {
  Entry entry;
  entry.key = row.integer(0);
  entry.id = row.text(1);
  entry.formula = row.text(2);
  entry.composition = decode_composition(row.text(3), entry.id);
  entry.e_form = row.real(4);
  entry.sigma = row.optional_real(5);
  return entry;
}

EntryInserter::EntryInserter(sqlite3* db, std::int64_t dataset_id)
    : db_(db),
      statement_(db,
                 "INSERT INTO entry (dataset_id, external_id, formula, reduced_formula, chemsys, composition, "
                 "natoms, e_form, elements_lo, elements_hi, sigma) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)") {
  statement_.bind(1, dataset_id);
}

std::int64_t EntryInserter::insert(const Entry& entry) {
  // Every way in checks the id with its own words first; this is the last line for any other.
  if (const std::string problem = entry_id_problem(entry.id); !problem.empty()) throw DataError(problem);
  const std::vector<int> elements = entry.composition.elements();
  const ElementSet mask(elements);
  statement_.bind(2, std::string_view(entry.id))
      .bind(3, std::string_view(entry.formula))
      .bind(4, std::string_view(entry.composition.reduced_formula()))
      .bind(5, std::string_view(chemsys_string(elements)))
      .bind(6, std::string_view(encode_composition(entry.composition)))
      .bind(7, entry.composition.num_atoms())
      .bind(8, entry.e_form)
      .bind(9, sql_word(mask.lo()))
      .bind(10, sql_word(mask.hi()))
      .bind(11, entry.sigma);
  statement_.run();
  return sqlite3_last_insert_rowid(db_);
}

ContentDigest ContentDigest::of(const std::string& external_id, const Composition& composition, double e_form,
                                std::optional<double> sigma) {
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, e_form).ptr;
  std::string text = external_id;
  text += '\x1f';
  text += encode_composition(composition);
  text += '\x1f';
  text.append(buffer, end);
  if (sigma) {  // absent: the digest of an entry as before sigma was stored
    text += "\x1fsigma:";
    text.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, *sigma).ptr);
  }
  return parse(sha256_hex(text));
}

ContentDigest ContentDigest::parse(const std::string& hex) {
  ContentDigest d;
  if (hex.empty()) return d;
  if (hex.size() != 64) throw DataError("corrupt content hash '" + hex + "' in the database");
  for (int i = 0; i < 4; ++i) {
    const char* first = hex.data() + 16 * i;
    if (std::from_chars(first, first + 16, d.lane[i], 16).ptr != first + 16) {
      throw DataError("corrupt content hash '" + hex + "' in the database");
    }
  }
  return d;
}

std::string ContentDigest::hex() const {
  std::string out;
  char buffer[17];
  for (const std::uint64_t v : lane) {
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
    out += buffer;
  }
  return out;
}

ContentDigest& ContentDigest::operator+=(const ContentDigest& other) {
  for (int i = 0; i < 4; ++i) lane[i] += other.lane[i];
  return *this;
}

ContentDigest& ContentDigest::operator-=(const ContentDigest& other) {
  for (int i = 0; i < 4; ++i) lane[i] -= other.lane[i];
  return *this;
}

}  // namespace interphase::data::detail
