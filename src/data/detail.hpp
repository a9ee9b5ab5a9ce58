#pragma once
/// \file detail.hpp
/// Functions shared by the files of src/data (not part of the public API).
/// The parse functions take bytes, not files, so that they can be fuzzed
/// (tests/fuzz/) without a database.
#include <cstddef>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interphase/data/database.hpp"

namespace interphase::data::detail {

/// The schema version the embedded database/schema.sql sets (database.cpp).
int schema_version();

/// Incremental SHA-256 (OpenSSL's EVP interface; sha256.cpp).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  /// The digest of everything hashed so far, lowercase hex; ends the hash.
  std::string hex_digest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Hex SHA-256 of some bytes.
std::string sha256_hex(std::string_view bytes);

/// A source of bytes read in chunks: a file, or text in memory.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// The next chunk; empty at the end.
  virtual std::string_view read() = 0;
};

/// Text in memory, as one chunk.
class TextSource : public ByteSource {
 public:
  explicit TextSource(std::string_view text) : text_(text) {}
  std::string_view read() override { return std::exchange(text_, std::string_view{}); }

 private:
  std::string_view text_;
};

/// Called with each entry as it is parsed.
using EntrySink = std::function<void(Entry&&)>;

/// Parse a CSV of formulas and formation energies per atom, one record at a
/// time, calling `sink` with each entry; returns the number of entries. Memory
/// stays bounded by the longest record (kMaxCsvRecordBytes). Throws DataError
/// naming `source`, the row and the problem (csv_import.cpp).
std::size_t parse_csv(ByteSource& in, const std::string& source, const CsvImportOptions& options,
                      const std::string& dataset_name, const EntrySink& sink);

/// All entries of a CSV in memory (parse_csv into a vector).
std::vector<Entry> parse_csv_entries(std::string_view text, const std::string& source, const CsvImportOptions& options,
                                     const std::string& dataset_name);

/// Entries of a JSON list of pymatgen ComputedEntry dicts, read from a stream
/// one list element at a time (pymatgen_import.cpp). `sigma_key`: the key of
/// each dict holding its 1-sigma (eV/atom; absent or null: none); empty: none read.
std::vector<Entry> parse_pymatgen_entries(std::istream& in, const std::string& source,
                                          const std::string& dataset_name, double max_abs_energy,
                                          const std::string& sigma_key = {});

/// The same from text in memory.
std::vector<Entry> parse_pymatgen_entries(std::string_view text, const std::string& source,
                                          const std::string& dataset_name,
                                          double max_abs_energy = kDefaultMaxAbsEnergy);

/// The problem with a 1-sigma uncertainty (eV/atom) an importer must refuse,
/// or "" if acceptable: not finite, negative, or above kMaxSigma.
std::string sigma_problem(double sigma);

/// Entries of a JSON list of Materials Project summary or thermo documents
/// (mp_import.cpp): those of `thermo_type` (empty: the file's only one);
/// `reported` receives the documents' own energy_above_hull where given.
std::vector<Entry> parse_mp_documents(std::istream& in, const std::string& source, const std::string& thermo_type,
                                      std::vector<ReportedStability>* reported, double max_abs_energy);
/// The same from text in memory.
std::vector<Entry> parse_mp_documents(std::string_view text, const std::string& source, const std::string& thermo_type,
                                      std::vector<ReportedStability>* reported,
                                      double max_abs_energy = kDefaultMaxAbsEnergy);

}  // namespace interphase::data::detail
