#pragma once
/// \file session.hpp
/// A session: one database and data set, and the answer to every request.
///
/// The session owns the database location, the data set it resolves to, the
/// upkeep of its stored stability (computed once and stored; when another
/// process is computing it, this one waits and then reads it) and a lock that
/// lets several threads ask at once. It reports what it is doing through an
/// observer the front end supplies: the library prints nothing itself.
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interphase/error.hpp"
#include "interphase/session/requests.hpp"

namespace interphase {

/// What a session tells its front end while it works. Every method has an
/// empty default; a front end overrides what it shows.
class SessionObserver {
 public:
  virtual ~SessionObserver() = default;
  /// The request enters a new stage ("loading the stable phases").
  virtual void stage(const std::string& what) { (void)what; }
  /// The database file is about to be opened; `exists` false: this is the
  /// first run, which builds it from the default data (and says so itself).
  virtual void opening_database(const std::filesystem::path& path, bool exists) { (void)path, (void)exists; }
  /// Another process is building the database file: this one waits, then uses it.
  virtual void database_waiting(const std::filesystem::path& path) { (void)path; }
  /// The stored stability of `dataset` is not current: this process computes it now.
  virtual void stability_started(const DatasetInfo& dataset) { (void)dataset; }
  /// Another process is computing it: this one waits, then reads the stored result.
  virtual void stability_waiting(const DatasetInfo& dataset) { (void)dataset; }
  /// The computation (or the wait) ended after `seconds`; `ok` false: it failed.
  /// Called only after stability_started or stability_waiting.
  virtual void stability_finished(const DatasetInfo& dataset, double seconds, bool ok) {
    (void)dataset, (void)seconds, (void)ok;
  }
  /// Whether the caller asks the request under way to stop (Python: a
  /// pending Ctrl-C). Asked on the calling thread at each stage and between
  /// rows of a screen or coating search; true ends the request with
  /// Interrupted, nothing written. Asked often: keep it cheap.
  virtual bool interrupted() { return false; }
};

/// A request stopped because the observer asked it to (SessionObserver::interrupted).
class Interrupted : public Error {
 public:
  using Error::Error;
};

/// Where a session's data comes from.
struct SessionOptions {
  std::filesystem::path database;      ///< empty: default_database_path()
  std::filesystem::path data;          ///< builds a new database; empty: default_data_path()
  std::optional<std::string> dataset;  ///< empty: the only one, or mp_e_form
  /// Whether a database file that does not exist may be created (and built
  /// from `data`). If not, DataFileNotFound names it.
  bool create = true;
  /// Open the database read-only: nothing is created, built or stored. A data
  /// set whose stability is not stored is then a StabilityNotStored error.
  bool read_only = false;
};

/// A database file the caller named does not exist and may not be created.
class DatabaseNotFound : public FileNotFound {
 public:
  using FileNotFound::FileNotFound;
};

/// A read-only session's data set has no current stored stability (the
/// message says which command stores it).
class StabilityNotStored : public DataError {
 public:
  using DataError::DataError;
};

class Session {
 public:
  explicit Session(SessionOptions options = {}, SessionObserver* observer = nullptr);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// The database file (resolved: never empty).
  const std::filesystem::path& database_path() const { return path_; }
  const SessionOptions& options() const { return options_; }
  /// The observer; `observer` may be null (nothing is reported).
  void set_observer(SessionObserver* observer) { observer_ = observer; }

  /// The data set, its stored stability brought up to date.
  DatasetInfo ready(unsigned threads = 0);

  ReactResult react(const ReactRequest& request);
  SweepResult sweep(const SweepRequest& request);
  MapResult map(const MapRequest& request);
  WindowResult window(const WindowRequest& request);
  CompareResult compare(const CompareRequest& request);
  /// A screen, ready to run (its rows come through Screen::run's sink).
  PreparedScreen screen(const ScreenRequest& request);
  /// A coating search, computed, judged and ranked (its funnel in the result).
  CoatResult coat(const CoatRequest& request);
  /// A coating search checked and its candidates chosen (each formula once)
  /// and sliced to the request's shard, nothing computed yet.
  CoatPlan plan_coat(const CoatRequest& request);
  /// The plan's candidates from its `from`-th on, computed and judged but not
  /// ranked, `chunk` at a time (each whole chunk given to `sink` in order, with
  /// the sides as its rows saw them), so a caller can keep each as it comes.
  void coat_candidates(const CoatPlan& plan, std::size_t from, std::size_t chunk,
                       const std::function<void(const CoatOutcome&)>& sink);
  DecomposeResult decompose(const DecomposeRequest& request);
  HullResult hull(const HullRequest& request);
  StabilityResult stability(const StabilityRequest& request);
  SelectResult select(const SelectRequest& request);
  /// A phase diagram of one chemical system with every entry (Qhull).
  PhaseDiagram phase_diagram(const std::vector<std::string>& elements);
  /// The stability in `pd` of the entry `id_or_formula` names, or else of
  /// the formula. An id of an entry of the data set outside the diagram is a
  /// ThermoError saying so; neither an id nor a formula, a FormulaError.
  DiagramStability stability_in(const PhaseDiagram& pd, const std::string& id_or_formula);
  /// As stability_in, from the stored stability of the data set, for the
  /// system of `system` (a hull() table with every entry): linear programs
  /// over the stable entries, no hull built, so a system of 11 elements takes
  /// as long as `hull` of it (Qhull over every entry took 38 s).
  DiagramStability stored_stability_in(const HullTable& system, const std::string& id_or_formula);

  /// Interrupted if the observer asks the request under way to stop.
  void check_interrupt() const;

  /// Called with the result of add_entry or remove_entry before the change is
  /// committed: if it throws, the database is left as it was (a front end
  /// reports the change here, so that a report that cannot be written leaves
  /// nothing changed, and a retry does not add the entry twice).
  using EntryChangeCheck = std::function<void(const EntryChangeResult&)>;
  EntryChangeResult add_entry(const AddEntryRequest& request, const EntryChangeCheck& before_commit = {});
  EntryChangeResult remove_entry(const RemoveEntryRequest& request, const EntryChangeCheck& before_commit = {});
  /// A data file as a new data set. The database file is created only if the import succeeds.
  ImportResult import_file(const ImportRequest& request);
  /// What the database holds, without building or changing it (DataError if it does not exist).
  InfoResult info() const;
  /// SQLite integrity, schema, entry counts, content hashes and stored
  /// stability; unless `quick`, also every stored stability result against a
  /// computation afresh (check_stored_results), when the rest is sound.
  HealthReport check(bool quick = false) const;

  /// Run `f` with the open database, under the session's lock.
  template <class F>
  auto with_database(F&& f) {
    const std::lock_guard lock(mutex_);
    return f(database());
  }

 private:
  Database& database();  ///< opened (and built if need be) on first use; mutex_ held
  DatasetInfo resolve();  ///< mutex_ held
  DatasetInfo ready_locked(unsigned threads);
  DatasetInfo ready_locked(unsigned threads, const std::optional<std::string>& dataset);
  void stage(const std::string& what) const;
  /// The composition `key` names as a formula; else ThermoError for an entry id
  /// of the data set (outside the diagram `chemsys`), FormulaError for neither.
  Composition diagram_composition(const std::string& key, const std::string& chemsys);
  struct ReactionSpace;
  ReactionSpace reaction_space(const std::vector<std::string>& formulas, const std::vector<int>& extra);
  CoatExplanation explain_coating(const CoatRequest& q, const CoatResult& result);  ///< q.explain's candidate
  RangeContext react_range(const ReactRequest& q, const ReactionOptions& options);  ///< q.range's worst case

  SessionOptions options_;
  std::filesystem::path path_;
  SessionObserver* observer_ = nullptr;
  std::unique_ptr<Database> db_;
  std::recursive_mutex mutex_;
};

/// The condition of a screen or comparison at one voltage of `element` (mu = -V).
Condition voltage_condition(double volts, const std::string& element = "Li");
/// The condition with these open elements at fixed chemical potentials.
Condition chempot_condition(const OpenChempots& open);
/// The condition with nothing open.
Condition closed_condition();
/// The condition of `element` open over every voltage of a range (the worst case over it).
Condition range_condition(const VoltageRange& range, const std::string& element = "Li");

/// Open elements as text settings give them (resolve_chempots): the elements
/// opened, one voltage (mu = -V) of the one without a potential (Li if none
/// is named), chemical potentials "Li=-3.0" and gases "O=1000,21000" (K, Pa).
/// The chemical potentials they set, by element symbol.
OpenChempots open_chempots(const std::vector<std::string>& open, const std::optional<double>& voltage,
                           const std::vector<std::string>& mu, const std::vector<std::string>& gas);

/// A screen's open element and conditions from text settings: `conditions`
/// ("closed,3,4.5", voltages of the one element of `open`, Li if none), then
/// `voltage` if given, then one condition of `mu` and `gas` (as for
/// open_chempots) if any; none of them: closed only. Error if `open` names
/// more than one element, or `conditions` is given empty.
void set_screen_conditions(ScreenRequest& request, const std::optional<std::string>& conditions,
                           const std::vector<std::string>& open,
                           const std::optional<double>& voltage, const std::vector<std::string>& mu,
                           const std::vector<std::string>& gas);

/// "Li-In-Cl", "Li,S" -> element symbols. FormulaError from the parser; with
/// `setting` named, a SettingError naming it and the text ("{with} 'Li,Xx': ...").
std::vector<std::string> element_symbols(const std::string& text, const std::string& setting = "");
/// "3" or "3-5": the fewest and most elements of an entry (SettingError naming
/// {elements} unless 1 <= N <= M <= the number of elements).
std::pair<int, int> parse_element_count(const std::string& text);
/// A formation energy given as text ("-1.71", eV/atom): Error naming it unless
/// the whole text is one finite number.
double parse_formation_energy(const std::string& text);

/// ImportKind from its name: auto, csv, pymatgen-json, mp-json (Error otherwise).
ImportKind parse_import_kind(const std::string& text);
std::string to_string(ImportKind kind);

/// Element symbols -> atomic numbers (FormulaError naming an unknown one).
std::vector<int> atomic_numbers(const std::vector<std::string>& symbols);
/// Open chemical potentials by symbol -> by atomic number, each checked to be
/// finite and within the accepted range (Error naming the element).
ChemPots chempots(const OpenChempots& open);

}  // namespace interphase
