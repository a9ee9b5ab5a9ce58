#pragma once
/// \file requests.hpp
/// One typed request in, one typed result out, per question the tool answers.
///
/// A request holds what a user asks, as enums, numbers and element symbols
/// (never option strings); each has sane defaults, so a new setting is one new
/// field. A result holds the numbers the report layer renders. Session
/// (session.hpp) answers them; the program, the Python module and any other
/// front end only convert to a request, call, and convert the result.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/data/sigma.hpp"
#include "interphase/grand/profile.hpp"
#include "interphase/hull/dataset_stability.hpp"
#include "interphase/hull/stability.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/reaction/explain.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/map.hpp"
#include "interphase/reaction/open.hpp"
#include "interphase/reaction/sensitivity.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "interphase/screen/coat.hpp"
#include "interphase/screen/screen.hpp"

namespace interphase {

/// Open elements at fixed chemical potentials: element symbol -> mu, eV
/// relative to the element's reference (Li at V volts vs Li/Li+: mu = -V).
using OpenChempots = std::map<std::string, double>;

/// How a reaction energy is formed, shared by every reaction request.
struct ReactionSettings {
  EnergyForm energy = EnergyForm::Mutual;
  /// Total form with open elements: the reactants' closed energies from their
  /// own lowest entry or from the closed hull.
  ReactantEnergy reactant_energy = ReactantEnergy::Entry;
};

/// The uncertainty asked of a reaction: analytic (linear) and/or Monte Carlo.
struct UncertaintySettings {
  bool linear = false;           ///< the analytic 1-sigma at fixed products
  double sigma = kDefaultSigma;  ///< eV/atom, of every compound without its own; 0 to kMaxSigma
  std::size_t samples = 0;       ///< Monte Carlo samples; 0: none
  std::uint64_t seed = 0;        ///< Monte Carlo seed: the same seed gives the same numbers
  double threshold = 0.0;        ///< a sample reacts if its minimum lies below this, eV/atom
  unsigned threads = 0;          ///< Monte Carlo worker threads; 0: all cores
  /// The Monte Carlo options these settings describe.
  MonteCarloOptions monte_carlo() const;
};

/// `react`: the reaction energy of A and B over their mixing ratio.
struct ReactRequest {
  std::string a, b;  ///< formulas: x = 1 is pure A
  ReactionSettings settings;
  OpenChempots open;  ///< empty: closed
  UncertaintySettings uncertainty;
  bool explain = false;                ///< explain the minimum
  std::vector<double> explain_at_x;    ///< ... and the reaction at these x (implies explain)
  double composite_mass_fraction = 0.3;  ///< the composite shown beside the kinks: mass fraction of A
  /// A cycling window: `range_element` open over every voltage in it (no other
  /// open element); the reaction is the one at the range's worst voltage.
  std::optional<VoltageRange> range;
  std::string range_element = "Li";
};

/// The worst case over a voltage range, as a reaction table reports it.
struct RangeContext {
  VoltageRange range;
  std::string element = "Li";  ///< the open element
  double voltage = 0;          ///< where the lowest energy over the range lies (the reaction shown)
  double energy = 0;           ///< that energy, eV per non-open atom
  std::optional<RangeHold> a, b;  ///< each reactant on its own over the range (none: it has no window)
};

/// What a reaction table says about how it was computed.
struct ReactionContext {
  EnergyForm form = EnergyForm::Mutual;
  std::string chemsys;                  ///< of the hull, e.g. "Cl-Li-O-P-Ru-S"
  std::map<std::string, double> open;   ///< open element -> chemical potential (eV), empty if closed
  double composite_mass_fraction = 0.3; ///< the experiment's composite: mass fraction of A shown beside the kinks
  std::optional<ReactionUncertainty> uncertainty;  ///< shown where present
  /// Monte Carlo statistics of the minimum, and how they were sampled (none: no samples).
  std::optional<MinimumStatistics> monte_carlo;
  MonteCarloOptions monte_carlo_options;
  std::optional<RangeContext> range;  ///< the reaction is a range's worst case
};

/// An explanation (react --explain) with what it explains: "minimum" or "x".
struct ExplainedPoint {
  std::string at;                  ///< "minimum" or "x"
  Explanation explanation;
  std::optional<double> energy_std_linear;  ///< with an analytic uncertainty
};

struct ReactResult {
  InterfaceReaction reaction;
  ReactionContext context;
  std::vector<ExplainedPoint> explanations;  ///< with ReactRequest::explain
  std::shared_ptr<const StableSet> closed;   ///< the closed stable set it was computed in
};

/// `sweep`: the minimum reaction energy at each voltage of one open element.
struct SweepRequest {
  std::string a, b;
  ReactionSettings settings;
  std::string open = "Li";  ///< the open element
  double from = 0, to = 5, step = 0.01;  ///< voltages, V vs the element's reference (mu = -V)
  UncertaintySettings uncertainty;
};
struct SweepResult {
  Reactant a, b;
  int open = kLithium;  ///< atomic number of the open element
  EnergyForm form = EnergyForm::Mutual;
  std::vector<SweepRow> rows;
};

/// `map`: the exact (x, V) reaction map.
struct MapRequest {
  std::string a, b;
  ReactionSettings settings;
  std::string open = "Li";
  double from = 0, to = 5;  ///< V
};
struct MapResult {
  ReactionMap map;
};

/// `window`: the electrochemical window and element profile of one material.
struct WindowRequest {
  std::string formula;
  std::string open = "Li";
};
struct WindowResult {
  std::string formula;
  int open = kLithium;
  std::shared_ptr<const StableSet> closed;
  std::vector<ProfileStep> profile;
};

/// `compare`: two pairs' Monte Carlo minima with the same draws of shared entries.
struct CompareRequest {
  std::string first_a, first_b, second_a, second_b;
  ReactionSettings settings;
  std::vector<Condition> conditions;  ///< empty: closed only
  UncertaintySettings uncertainty;    ///< samples must be at least 1
};
struct CompareResult {
  std::string first, second;          ///< "A + B"
  std::vector<std::string> labels;    ///< per condition: "closed", "3 V", ...
  std::vector<PairedComparison> rows;
  MonteCarloOptions monte_carlo;
};

/// `screen`: every A against every B under each condition.
struct ScreenRequest {
  std::vector<std::string> as, bs;
  ReactionSettings settings;
  std::vector<Condition> conditions;  ///< empty: closed only
  std::string open = "Li";            ///< the element of voltage conditions and windows
  bool windows = false;
  UncertaintySettings uncertainty;    ///< linear: energy_std_linear; samples > 0: Monte Carlo per row
  unsigned threads = 0;
  std::size_t shard = 0, shards = 1;  ///< this 0-based shard of this many
};

/// A screen ready to run: rows come through the caller's sink, in input order.
struct PreparedScreen {
  std::unique_ptr<Screen> screen;
  ScreenSettings settings;  ///< what the reports say about it
};

/// `coat`: candidate coatings between an electrolyte and the states of a
/// cathode, each computed against every side, judged by the criteria and
/// ranked (screen/coat.hpp).
struct CoatRequest {
  std::string electrolyte;            ///< A
  std::vector<std::string> cathodes;  ///< the B states, at least one
  std::optional<VoltageRange> range;  ///< the cycling window, Li open over it; none: closed only
  /// The candidates as formulas. Empty: every entry of the data set that
  /// holds Li and two or more elements and no radioactive element (Tc, Pm,
  /// Z >= 84), the lowest of each reduced formula, stable (or within
  /// pool_max_e_above_hull), narrowed by `with`, `without` and the number of elements.
  std::vector<std::string> candidates;
  std::vector<std::string> with, without;  ///< element symbols: held besides Li / held by none
  int min_elements = 0, max_elements = 0;  ///< 0: no bound (at least 2 in any case)
  std::optional<double> pool_max_e_above_hull;  ///< eV/atom; none: stable entries only
  CoatCriteria criteria;
  ReactionSettings settings;        ///< the energy form of the reactions
  UncertaintySettings uncertainty;  ///< samples > 0: p_pass from that many paired samples
  std::string explain;              ///< a candidate to explain (one of the candidates); empty: none
  unsigned threads = 0;
  /// This 0-based shard of this many: the candidates (each formula once, in
  /// order) cut into `shards` disjoint slices (Session::plan_coat).
  std::size_t shard = 0, shards = 1;
};

/// A coating search ready to compute: its settings, every candidate (each
/// formula once, in order) and the slice of them its shard computes.
struct CoatPlan {
  CoatSettings settings;
  CoatOptions options;
  std::vector<std::string> formulas;  ///< every candidate of the search, each once
  std::vector<CoatInput> inputs;      ///< this shard's candidates, in order
  std::size_t first = 0;              ///< the position of inputs[0] among formulas
  std::size_t shard = 0, shards = 1;
};
struct CoatResult {
  CoatSettings settings;
  std::vector<CoatCandidate> candidates;  ///< ranked
  std::vector<CoatStage> funnel;
  std::vector<CoatSideInfo> sides;        ///< the electrolyte, then each cathode state
  std::optional<CoatExplanation> explanation;
};

/// `decompose`: one composition's stability against the hull of its elements.
struct DecomposeRequest {
  std::string formula;
};
struct DecomposeResult {
  std::string formula;
  Stability stability;
};

/// `hull`: the stable phases (and every entry) of a chemical system.
struct HullRequest {
  std::vector<std::string> elements;  ///< symbols, e.g. {"Li", "In", "Cl"}
  bool all = false;                   ///< every entry, not only the stable ones
};
struct HullResult {
  HullTable table;
  bool all = false;
};

/// One entry or composition in a phase diagram (Session::stability_in).
struct DiagramStability {
  Stability stability;  ///< of its composition against the diagram's hull
  /// Of the entry an id names; of a formula, its lowest entry's (none: no entry of it).
  std::optional<double> e_above_hull;
};

/// `stability`: every entry of the data set.
struct StabilityRequest {
  unsigned threads = 0;
};
struct StabilityResult {
  std::vector<Entry> entries;
  std::vector<StoredStability> rows;
};

/// `select`: entries by elements and stability.
struct SelectRequest {
  std::vector<std::string> with, any, without;  ///< element symbols
  std::vector<std::string> only;  ///< the only elements allowed; empty: any
  int min_elements = 0, max_elements = 0;             ///< 0: no bound
  bool stable = false;
  std::optional<double> max_e_above_hull;  ///< eV/atom, >= 0
  bool sort_by_formula = false;            ///< else by e_above_hull, then formula
  bool polymorphs = false;                 ///< every entry, not only the lowest of each reduced formula
  std::optional<std::size_t> limit;
  unsigned threads = 0;
};
struct SelectResult {
  std::vector<SelectedEntry> entries;
};

/// `db add`: one entry, with the stored stability brought up to date.
struct AddEntryRequest {
  std::string formula;
  double e_form = 0;  ///< eV/atom
  std::string id;     ///< empty: "<data set>:added-N"
  unsigned threads = 0;
};
/// `db add` and `db remove`: the entry and its stability.
struct EntryChangeResult {
  Entry entry;
  std::optional<StoredStability> stability;  ///< after an add
  std::vector<std::string> decomposition;    ///< product names of an unstable added entry
  StabilityRun run;
};

/// `db remove`.
struct RemoveEntryRequest {
  std::string id;
  unsigned threads = 0;
};

/// The kinds of data file `db import` reads.
enum class ImportKind { Auto, Csv, PymatgenJson, MpJson };

/// `db import`: a data file as a new data set (all rows or none).
struct ImportRequest {
  std::filesystem::path file;
  ImportKind kind = ImportKind::Auto;
  std::string name;  ///< data set name; empty: the file's stem
  std::string formula_column = "formula", energy_column = "target", sigma_column;
  std::string thermo_type;  ///< Materials Project documents only
  double max_abs_energy = kDefaultMaxAbsEnergy;
  unsigned threads = 0;
};
struct ImportResult {
  DatasetInfo dataset;
  std::vector<ReportedStability> reported;     ///< the file's own energy_above_hull, if it had some
  std::vector<StabilityDifference> differences;  ///< of those, the ones our hull differs from
};

/// `db info`.
struct InfoResult {
  std::filesystem::path database;
  std::vector<DatasetInfo> datasets;
};

// ------------------------------------------------------------- by name
//
// Each setting of a request by the name every front end uses for it (the
// name SettingError's placeholders give it): for_each_setting(q, f) calls
// f(name, field) for each, so that a front end that is given settings by name
// (Python's keywords, a form or a JSON document) fills any request the same
// way, and a new setting is one new field and one line here. The conditions
// of a screen or comparison are not among them: each front end builds them
// (voltage_condition, chempot_condition, parse_conditions). A name may come
// twice: a screen's threads run its pairs and its Monte Carlo alike.

/// The fewest and most elements of an entry as one setting, "N" or "N-M"
/// (parse_element_count): `elements` beside min_elements and max_elements.
struct ElementCount {
  int& min;
  int& max;
};

/// Two formulas as one setting, "A B": a pair of a comparison.
struct FormulaPair {
  std::string& a;
  std::string& b;
};

template <class F>
void for_each_setting(ReactionSettings& s, F&& f) {
  f("energy", s.energy);
  f("reactant_energy", s.reactant_energy);
}

template <class F>
void for_each_setting(UncertaintySettings& u, F&& f) {
  f("uncertainty", u.linear);
  f("sigma", u.sigma);
  f("samples", u.samples);
  f("seed", u.seed);
  f("threshold", u.threshold);
  f("threads", u.threads);
}

/// The settings of a pair's reaction that react, sweep and map share.
template <class Q, class F>
void for_each_pair_setting(Q& q, F&& f) {
  f("a", q.a);
  f("b", q.b);
  for_each_setting(q.settings, f);
  f("open", q.open);
}

template <class F>
void for_each_setting(ReactRequest& q, F&& f) {
  for_each_pair_setting(q, f);
  for_each_setting(q.uncertainty, f);
  f("explain", q.explain);
  f("explain_at_x", q.explain_at_x);
  f("composite_mass_fraction", q.composite_mass_fraction);
  f("range", q.range);
}

template <class F>
void for_each_setting(SweepRequest& q, F&& f) {
  for_each_pair_setting(q, f);
  f("from", q.from);
  f("to", q.to);
  f("step", q.step);
  for_each_setting(q.uncertainty, f);
}

template <class F>
void for_each_setting(MapRequest& q, F&& f) {
  for_each_pair_setting(q, f);
  f("from", q.from);
  f("to", q.to);
}

template <class F>
void for_each_setting(CompareRequest& q, F&& f) {
  FormulaPair pair{q.first_a, q.first_b}, versus{q.second_a, q.second_b};
  f("pair", pair);
  f("versus", versus);
  for_each_setting(q.settings, f);
  for_each_setting(q.uncertainty, f);
}

template <class F>
void for_each_setting(ScreenRequest& q, F&& f) {
  f("as", q.as);
  f("bs", q.bs);
  for_each_setting(q.settings, f);
  f("open", q.open);
  f("windows", q.windows);
  for_each_setting(q.uncertainty, f);
  f("threads", q.threads);
  f("shard", q.shard);
  f("shards", q.shards);
}


template <class F>
void for_each_setting(CoatCriteria& c, F&& f) {
  f("max_e_above_hull", c.max_e_above_hull);
  f("max_reduction", c.max_reduction);
  f("min_oxidation", c.min_oxidation);
  f("max_reaction", c.max_reaction);
}

template <class F>
void for_each_setting(CoatRequest& q, F&& f) {
  f("electrolyte", q.electrolyte);
  f("cathodes", q.cathodes);
  f("range", q.range);
  f("candidates", q.candidates);
  f("with", q.with);
  f("without", q.without);
  f("min_elements", q.min_elements);
  f("max_elements", q.max_elements);
  ElementCount elements{q.min_elements, q.max_elements};
  f("elements", elements);
  f("pool_max_e_above_hull", q.pool_max_e_above_hull);
  for_each_setting(q.criteria, f);
  for_each_setting(q.settings, f);
  for_each_setting(q.uncertainty, f);
  f("explain", q.explain);
  f("threads", q.threads);
  f("shard", q.shard);
  f("shards", q.shards);
}

template <class F>
void for_each_setting(SelectRequest& q, F&& f) {
  f("with", q.with);
  f("any", q.any);
  f("without", q.without);
  f("only", q.only);
  f("min_elements", q.min_elements);
  f("max_elements", q.max_elements);
  ElementCount elements{q.min_elements, q.max_elements};
  f("elements", elements);
  f("stable", q.stable);
  f("max_e_above_hull", q.max_e_above_hull);
  f("sort_by_formula", q.sort_by_formula);
  f("polymorphs", q.polymorphs);
  f("limit", q.limit);
  f("threads", q.threads);
}

template <class F>
void for_each_setting(ImportRequest& q, F&& f) {
  f("file", q.file);
  f("kind", q.kind);
  f("name", q.name);
  f("formula_column", q.formula_column);
  f("energy_column", q.energy_column);
  f("sigma_column", q.sigma_column);
  f("thermo_type", q.thermo_type);
  f("max_abs_energy", q.max_abs_energy);
  f("threads", q.threads);
}

template <class F>
void for_each_setting(WindowRequest& q, F&& f) {
  f("formula", q.formula);
  f("open", q.open);
}

template <class F>
void for_each_setting(DecomposeRequest& q, F&& f) {
  f("formula", q.formula);
}

template <class F>
void for_each_setting(HullRequest& q, F&& f) {
  f("chemsys", q.elements);
  f("all", q.all);
}

template <class F>
void for_each_setting(StabilityRequest& q, F&& f) {
  f("threads", q.threads);
}

template <class F>
void for_each_setting(AddEntryRequest& q, F&& f) {
  f("formula", q.formula);
  f("e_form", q.e_form);
  f("id", q.id);
  f("threads", q.threads);
}

template <class F>
void for_each_setting(RemoveEntryRequest& q, F&& f) {
  f("id", q.id);
  f("threads", q.threads);
}

}  // namespace interphase
