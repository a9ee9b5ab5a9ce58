#pragma once
/// \file database.hpp
/// The SQLite store of entries (schema in database/schema.sql) and its importers.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interphase/data/entry.hpp"

struct sqlite3;

namespace interphase::data::detail {
class Transaction;
}

namespace interphase {

/// One imported data set.
struct DatasetInfo {
  std::int64_t id = 0;
  std::string name;         ///< unique name, by default the file's stem ("mp_e_form")
  std::string source;       ///< absolute path of the imported file
  std::string sha256;       ///< hex SHA-256 of the file's bytes
  std::string imported_at;  ///< UTC, ISO 8601
  std::string kind;         ///< "csv", "pymatgen-json" or "mp-json"
  std::int64_t n_entries = 0;
  std::string content_hash; ///< hash of the entries' content (changes with every add and remove)
};

/// The stability of one stored entry, as the hull layer computes it; the data
/// layer stores and reads it, never computes it.
struct StoredStability {
  std::int64_t entry = 0;      ///< the entry's row id (Entry::key)
  double e_above_hull = 0.0;   ///< eV/atom
  double hull_energy = 0.0;    ///< E_hull at the entry's composition, eV/atom
  bool stable = false;         ///< a hull vertex (the lowest entry of its composition)
  /// Products: phase row id (-Z for an implicit elemental reference of element Z
  /// at 0 eV/atom) and atomic fraction, by descending fraction.
  std::vector<std::pair<std::int64_t, double>> decomposition;
};

/// A query over the entries of a data set and their stored stability (`select`).
struct EntryQuery {
  std::vector<int> with;                 ///< entries holding all of these elements
  std::vector<int> any;                  ///< ... at least one of these (if not empty)
  std::vector<int> without;              ///< ... none of these
  std::optional<std::vector<int>> only;  ///< ... no element outside these
  int min_elements = 0;                  ///< number of elements, at least (0: any)
  int max_elements = 0;                  ///< ... at most (0: any)
  bool stable = false;                   ///< only hull vertices
  std::optional<double> max_e_above_hull;  ///< eV/atom
  enum class Sort { Ehull, Formula } sort = Sort::Ehull;  ///< e_above_hull (then formula), or formula
  bool lowest_per_formula = true;        ///< one entry per reduced formula: its lowest
  std::optional<std::size_t> limit;      ///< at most this many rows
};

/// One row of a query: the entry with its stored stability.
struct SelectedEntry {
  Entry entry;
  std::string reduced_formula;
  StoredStability stability;
  std::vector<std::pair<std::string, double>> products;  ///< the decomposition by reduced formula
};

/// Importers refuse formation energies beyond this magnitude (eV/atom) unless
/// told otherwise: real compounds lie within a few eV/atom of their elements,
/// and absurd values break every hull of their chemical system.
inline constexpr double kDefaultMaxAbsEnergy = 100.0;
/// The most an import may raise that limit to (--max-abs-energy), eV/atom:
/// beyond it tables fill with absurd numbers and nothing real is gained.
inline constexpr double kMaxAbsEnergyCeiling = 1000.0;
/// Error naming --max-abs-energy (Python: max_abs_energy) unless `limit` is a
/// number of eV/atom above 0 and at most kMaxAbsEnergyCeiling.
void check_max_abs_energy(double limit);
/// The rule every way into a data set applies to an entry (each importer and
/// Database::add_entry): the problem, or "" if it is acceptable. Refused are
/// amounts beyond the limits of a formula (Composition::check_amount_limits),
/// a formation energy that is not finite or beyond `max_abs_energy` in
/// magnitude, and an element below 0 (it would replace the element's reference).
std::string entry_problem(const Composition& composition, double e_form, double max_abs_energy = kDefaultMaxAbsEnergy);
/// The rule every way in applies to an entry's external id: the problem, or ""
/// if it is acceptable. Refused is an id holding a control character (below
/// U+0020, or DEL: a NUL, a tab, a line end), which would break the lines and
/// CSV rows it is printed in.
std::string entry_id_problem(std::string_view id);
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
  /// Column holding each entry's 1-sigma uncertainty of e_form (eV/atom);
  /// empty: none stored. An empty field leaves that entry without one.
  std::string sigma_column;
};

/// Largest 1-sigma uncertainty (eV/atom) an importer accepts: formation
/// energies are uncertain by tens of meV/atom, and one beyond this is a unit or
/// column mistake.
inline constexpr double kMaxSigma = 5.0;

/// How Database opens a file. In either mode an SQLite file of another program
/// (not empty, without interphase's tables) is a DataError, left as it was;
/// and a file that cannot be written where it lies (a read-only file system,
/// file or directory: data::detail::read_only_reason) is opened read-only, so
/// that reading works and the first write is a DataError saying it is read-only.
enum class OpenMode {
  Create,    ///< create the file (and its directories) if missing, apply the schema if new or empty
  Existing,  ///< the file must exist and hold the schema; nothing is created or written
  ReadOnly,  ///< as Existing, and the connection cannot write (SQLite's read-only mode)
};

/// Options of the Materials Project importer (see Database::import_mp_json).
struct MpImportOptions {
  std::string name;         ///< dataset name; empty -> file stem
  std::string thermo_type;  ///< e.g. "GGA_GGA+U"; empty: the file's only thermo type
  double max_abs_energy = kDefaultMaxAbsEnergy;  ///< refuse |e_form| above this (eV/atom)
};

/// What a data file itself says of an entry's stability (the Materials Project's
/// energy_above_hull), to compare with the hull of the imported data set.
struct ReportedStability {
  std::string id;               ///< external id of the entry
  std::string reduced_formula;
  double e_above_hull = 0.0;    ///< eV/atom, as the file gives it
};

/// A database of entries. Every import is one transaction: a bad row imports
/// nothing and the error names the file, the row and the problem.
class Database {
 public:
  /// Open (creating if needed, with the schema applied) the database at `path`.
  /// Connections use SQLite's WAL journal, so readers never wait for a writer;
  /// every write (an import, an added or removed entry, stored stability) waits
  /// for the one under way as long as other work does (kDatabaseWaitLimit, lock.hpp).
  explicit Database(const std::filesystem::path& path, OpenMode mode = OpenMode::Create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;

  const std::filesystem::path& path() const { return path_; }
  /// DataError starting with `what` if the database is open read-only (it
  /// cannot be written where it lies, see OpenMode), saying why: what a write
  /// (Transaction) would throw, for a caller to say before it starts work.
  void require_writable(const std::string& what) const;

  /// Import a CSV of formulas and formation energies (eV/atom). Row ids are
  /// "<name>:<row>" with row the 1-based data row (header is row 0).
  /// Throws DataError (missing file, missing column, bad formula, bad number,
  /// duplicate dataset name) leaving the database unchanged.
  DatasetInfo import_csv(const std::filesystem::path& file, const CsvImportOptions& options = {});

  /// Import a JSON list of pymatgen ComputedEntry dicts (composition, energy,
  /// correction, entry_id). Total energies (energy + correction, eV per formula)
  /// become formation energies per atom relative to the lowest-energy pure entry
  /// of each element in the file; an element without a pure entry is an error.
  /// `sigma_key`: the key of each dict holding its 1-sigma uncertainty of the
  /// formation energy (eV/atom; absent or null: none); empty: none is read.
  DatasetInfo import_pymatgen_json(const std::filesystem::path& file, std::string name = {},
                                   double max_abs_energy = kDefaultMaxAbsEnergy, const std::string& sigma_key = {});

  /// Import a JSON list of Materials Project summary or thermo documents (as
  /// the mp-api client returns them): material_id, formula_pretty, composition
  /// and formation_energy_per_atom of each document (energy_above_hull, where
  /// given, into `reported`). A document without formation_energy_per_atom, or
  /// a file mixing thermo types without one chosen, is a DataError, as is a
  /// formula_pretty that names another composition than `composition`.
  /// Every importer refuses a max_abs_energy outside check_max_abs_energy and
  /// an entry entry_problem refuses, importing nothing.
  DatasetInfo import_mp_json(const std::filesystem::path& file, const MpImportOptions& options = {},
                             std::vector<ReportedStability>* reported = nullptr);

  /// All imported data sets, by id.
  std::vector<DatasetInfo> datasets() const;

  /// The data set to query: `name` if given (DataError if absent); otherwise the
  /// only data set, or "mp_e_form" if there are several; DataError if the database is empty.
  DatasetInfo resolve_dataset(const std::optional<std::string>& name = std::nullopt) const;

  /// Entries of a data set whose elements are all in `elements` (atomic numbers).
  std::vector<Entry> entries_in_system(const std::vector<int>& elements, std::int64_t dataset_id) const;

  /// Number of entries in a data set.
  std::int64_t count_entries(std::int64_t dataset_id) const;
  /// Whether some entry of a data set has its own 1-sigma (Entry::sigma).
  bool has_entry_sigmas(std::int64_t dataset_id) const;

  /// Every entry of a data set (Entry::key set), in row order.
  std::vector<Entry> entries(std::int64_t dataset_id) const;

  /// Entries by row id (Entry::key), in the order asked; DataError for an unknown id.
  std::vector<Entry> entries_by_key(const std::vector<std::int64_t>& keys) const;

  /// The lowest entry (smallest e_form, first in row order on a tie) of the
  /// data set with the composition of `c` (the same atomic fractions).
  std::optional<Entry> lowest_entry(std::int64_t dataset_id, const Composition& c) const;
  /// lowest_entry for each composition in turn, with one prepared query.
  std::vector<std::optional<Entry>> lowest_entries(std::int64_t dataset_id, const std::vector<Composition>& cs) const;

  /// The entry with this external id; DataError naming the id and the data set if none.
  Entry entry_by_id(std::int64_t dataset_id, const std::string& external_id) const;

  /// The stored content hash of a data set (see schema.sql): it changes with
  /// every entry added, removed or changed.
  std::string content_hash(std::int64_t dataset_id) const;
  /// The content hash computed afresh from the entries (what content_hash()
  /// should be; `db check` compares the two).
  std::string compute_content_hash(std::int64_t dataset_id) const;

  /// Add one entry to a data set (its external id must be new there, and
  /// entry_problem with the default limit must find nothing) and keep
  /// the data set's content hash and entry count current. An entry without an
  /// id is given "<data set>:added-N", N above every N given before in the
  /// data set (a removed id is never given again). Returns it with its key and id.
  Entry add_entry(std::int64_t dataset_id, Entry entry);
  /// Remove the entry with this external id (DataError if none), with its
  /// stored stability row. Returns it as it was.
  Entry remove_entry(std::int64_t dataset_id, const std::string& external_id);

  /// The content hash the stored stability of a data set was computed for, if any.
  std::optional<std::string> stability_hash(std::int64_t dataset_id) const;
  /// Whether the stored stability describes the data set as it is now.
  bool stability_current(std::int64_t dataset_id) const;
  /// Store stability rows of a data set computed for its content `computed_for`
  /// (a content hash) and mark the stored stability current. `replace_all`: drop
  /// every previous row of the data set first. DataError, storing nothing, if
  /// the data set's content is no longer `computed_for` (it changed meanwhile).
  void store_stability(std::int64_t dataset_id, const std::vector<StoredStability>& rows, std::int64_t n_systems,
                       bool replace_all, const std::string& computed_for);
  /// Every stored stability row of a data set, by entry key.
  std::vector<StoredStability> stability(std::int64_t dataset_id) const;
  /// The stored stability of some entries (by key); entries without a row are left out.
  std::vector<StoredStability> stability_of(const std::vector<std::int64_t>& keys) const;
  /// Entries holding every element of `elements` or stored as stable, each with
  /// its stored stable flag (false where none is stored), in row order: what an
  /// incremental update of the systems containing `elements` reads.
  std::vector<std::pair<Entry, bool>> entries_for_update(const std::vector<int>& elements, std::int64_t dataset_id) const;
  /// The chemical systems (distinct element sets, "Li-O") of a data set's entries.
  std::vector<std::string> chemical_systems(std::int64_t dataset_id) const;
  /// The elements of `elements` (atomic numbers) that no entry of a data set
  /// holds, ascending: a hull or a reaction over them would take them as
  /// elements at 0 eV with nothing known of them.
  std::vector<int> elements_without_entries(std::int64_t dataset_id, const std::vector<int>& elements) const;
  /// Number of chemical systems (distinct element sets) among a data set's entries.
  std::int64_t count_systems(std::int64_t dataset_id) const;
  /// Stable entries (hull vertices) whose elements all lie in `elements`, in row order.
  std::vector<Entry> stable_entries_in_system(const std::vector<int>& elements, std::int64_t dataset_id) const;
  /// Entries and their stored stability matching a query (the stability must be current).
  std::vector<SelectedEntry> select(std::int64_t dataset_id, const EntryQuery& query) const;
  /// Reduced formulas of phases by key (Entry::key; -Z: the element Z), in the order asked.
  std::vector<std::string> phase_names(const std::vector<std::int64_t>& keys) const;

  /// A write transaction over several calls (BEGIN IMMEDIATE), rolled back
  /// unless committed: e.g. an added entry and the stability it changes land together.
  class Transaction {
   public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

   private:
    std::unique_ptr<data::detail::Transaction> impl_;
  };

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

/// The importer a file needs: "csv" unless its name ends in ".json"; then
/// "mp-json" if its first 64 KiB name a Materials Project field
/// ("formation_energy_per_atom" or "material_id"), else "pymatgen-json".
/// DataError if the file cannot be read.
std::string guess_kind(const std::filesystem::path& file);

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
/// check, the schema version, each data set's entries against its record (entry
/// count and content hash), and that stored stability results describe the
/// data set's current content (one row per entry).
/// Throws DataError only if `path` does not exist.
HealthReport check_database(const std::filesystem::path& path);

/// Run `fill` on the database at `path`. If no file exists there yet, the
/// database is built in a temporary file beside it and moved into place only
/// when `fill` succeeds, so a failure leaves no file behind; as a first run's
/// build does, it holds the building lock meanwhile and first removes what
/// builds killed earlier left there. A symbolic link to nothing at `path` is a
/// DataError naming it.
void update_database(const std::filesystem::path& path, const std::function<void(Database&)>& fill);

/// Where the database lives: $INTERPHASE_DB if set, else
/// $XDG_DATA_HOME/interphase/interphase.sqlite, else ~/.local/share/interphase/interphase.sqlite.
/// INTERPHASE_DB set but empty is a DataError (a script's unset variable must
/// not mean the user's own database).
std::filesystem::path default_database_path();

/// The default data set: $INTERPHASE_DATA if set, else the path fixed at configure
/// time (INTERPHASE_DEFAULT_DATA, ../shared/data/mp_e_form.csv of the source tree).
std::filesystem::path default_data_path();

/// What open_or_create_database tells its caller (each callback optional).
struct OpenNotice {
  /// Called once, before this process waits for another that is building the
  /// database (several first runs at once: one builds, the others wait, at most
  /// kDatabaseWaitLimit of lock.hpp, then use it).
  std::function<void()> waiting;
};

/// Open the database at `db_path` (default_database_path() if empty). If it
/// holds no data set, import `data_path` (default_data_path() if empty) first,
/// saying so on stderr. Later calls reuse it. One process at a time builds it:
/// others wait for that build (see `notice`) and then use it. The build first
/// removes the temporary databases ("<db>.building-PID-N" and their journals)
/// of builds whose process no longer runs. A symbolic link to nothing at
/// `db_path` is a DataError naming it.
Database open_or_create_database(const std::filesystem::path& db_path = {},
                                 const std::filesystem::path& data_path = {}, const OpenNotice& notice = {});

}  // namespace interphase
