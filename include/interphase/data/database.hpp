#pragma once
/// \file database.hpp
/// The SQLite store of entries (schema in database/schema.sql) and its importers.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interphase/data/entry.hpp"

struct sqlite3;

namespace interphase {

/// One imported data set.
struct DatasetInfo {
  std::int64_t id = 0;
  std::string name;         ///< unique name, by default the file's stem ("mp_e_form")
  std::string source;       ///< absolute path of the imported file
  std::string sha256;       ///< hex SHA-256 of the file's bytes
  std::string imported_at;  ///< UTC, ISO 8601
  std::string kind;         ///< "csv" or "pymatgen-json"
  std::int64_t n_entries = 0;
};

/// Options of the CSV importer (formula + formation energy per atom per row).
struct CsvImportOptions {
  std::string formula_column = "formula";
  std::string energy_column = "target";  ///< formation energy, eV/atom
  std::string name;                      ///< dataset name; empty -> file stem
};

/// A database of entries. Every import is one transaction: a bad row imports
/// nothing and the error names the file, the row and the problem.
class Database {
 public:
  /// Open (creating if needed, with the schema applied) the database at `path`.
  explicit Database(const std::filesystem::path& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;

  const std::filesystem::path& path() const { return path_; }

  /// Import a CSV of formulas and formation energies (eV/atom). Row ids are
  /// "<name>:<row>" with row the 1-based data row (header is row 0).
  /// Throws DataError (missing file, missing column, bad formula, bad number,
  /// duplicate dataset name) leaving the database unchanged.
  DatasetInfo import_csv(const std::filesystem::path& file, const CsvImportOptions& options = {});

  /// Import a JSON list of pymatgen ComputedEntry dicts (composition, energy,
  /// correction, entry_id). Total energies (energy + correction, eV per formula)
  /// become formation energies per atom relative to the lowest-energy pure entry
  /// of each element in the file; an element without a pure entry is an error.
  DatasetInfo import_pymatgen_json(const std::filesystem::path& file, std::string name = {});

  /// All imported data sets, by id.
  std::vector<DatasetInfo> datasets() const;

  /// The data set to query: `name` if given (DataError if absent); otherwise the
  /// only data set, or "mp_e_form" if there are several; DataError if the database is empty.
  DatasetInfo resolve_dataset(const std::optional<std::string>& name = std::nullopt) const;

  /// Entries of a data set whose elements are all in `elements` (atomic numbers).
  std::vector<Entry> entries_in_system(const std::vector<int>& elements, std::int64_t dataset_id) const;

  /// Number of entries in a data set.
  std::int64_t count_entries(std::int64_t dataset_id) const;

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

/// Where the database lives: $INTERPHASE_DB if set, else
/// $XDG_DATA_HOME/interphase/interphase.sqlite, else ~/.local/share/interphase/interphase.sqlite.
std::filesystem::path default_database_path();

/// The default data set: $INTERPHASE_DATA if set, else the path fixed at configure
/// time (INTERPHASE_DEFAULT_DATA, ../shared/data/mp_e_form.csv of the source tree).
std::filesystem::path default_data_path();

/// Open the database at `db_path` (default_database_path() if empty). If it
/// holds no data set, import `data_path` (default_data_path() if empty) first,
/// saying so on stderr. Later calls reuse it.
Database open_or_create_database(const std::filesystem::path& db_path = {},
                                 const std::filesystem::path& data_path = {});

}  // namespace interphase
