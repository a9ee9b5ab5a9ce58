#pragma once
/// \file database.hpp
/// The SQLite store of entries (schema in database/schema.sql) and its importers.
#include <cstdint>
#include <filesystem>
#include <functional>
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

/// Importers refuse formation energies beyond this magnitude (eV/atom) unless
/// told otherwise: real compounds lie within a few eV/atom of their elements,
/// and absurd values break every hull of their chemical system.
inline constexpr double kDefaultMaxAbsEnergy = 100.0;
/// Longest CSV record (line) the importer reads, in bytes.
inline constexpr std::size_t kMaxCsvRecordBytes = std::size_t{1} << 20;
/// Largest pymatgen JSON file the importer reads, in bytes (parsed one entry at a time).
inline constexpr std::uintmax_t kMaxJsonFileBytes = std::uintmax_t{1} << 30;

/// Options of the CSV importer (formula + formation energy per atom per row).
struct CsvImportOptions {
  std::string formula_column = "formula";
  std::string energy_column = "target";  ///< formation energy, eV/atom
  std::string name;                      ///< dataset name; empty -> file stem
  double max_abs_energy = kDefaultMaxAbsEnergy;  ///< refuse |e_form| above this (eV/atom)
};

/// How Database opens a file.
enum class OpenMode {
  Create,    ///< create the file (and its directories) if missing, apply the schema if new
  Existing,  ///< the file must exist and hold the schema; nothing is created
};

/// A database of entries. Every import is one transaction: a bad row imports
/// nothing and the error names the file, the row and the problem.
class Database {
 public:
  /// Open (creating if needed, with the schema applied) the database at `path`.
  /// Connections use SQLite's WAL journal, so readers never wait for a writer.
  explicit Database(const std::filesystem::path& path, OpenMode mode = OpenMode::Create);
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
  DatasetInfo import_pymatgen_json(const std::filesystem::path& file, std::string name = {},
                                   double max_abs_energy = kDefaultMaxAbsEnergy);

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

/// One thing `interphase db check` found wrong, and how to recover.
struct HealthProblem {
  std::string what;
  std::string remedy;
};

/// What check_database found: the checks that passed and the problems.
struct HealthReport {
  std::vector<std::string> passed;
  std::vector<HealthProblem> problems;
  bool healthy() const { return problems.empty(); }
};

/// Check the database file at `path` without changing it: SQLite's integrity
/// check, the schema version, and each data set's entries against its record.
/// Throws DataError only if `path` does not exist.
HealthReport check_database(const std::filesystem::path& path);

/// Run `fill` on the database at `path`. If no file exists there yet, the
/// database is built in a temporary file beside it and moved into place only
/// when `fill` succeeds, so a failure leaves no file behind.
void update_database(const std::filesystem::path& path, const std::function<void(Database&)>& fill);

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
