#include "interphase/session/session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "interphase/error.hpp"
#include "interphase/grand/grand.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/hull/load.hpp"
#include "interphase/hull/stability_check.hpp"
#include "interphase/quote.hpp"
#include "interphase/reaction/setup.hpp"
#include "interphase/session/settings.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {

namespace fs = std::filesystem;

namespace {

/// "2.5" as the shortest text that reads back to the same double.
std::vector<int> open_numbers(const ChemPots& mu) {
  std::vector<int> z;
  for (const auto& [el, value] : mu) z.push_back(el);
  return z;
}

/// The energy form and reactant energies of a request, as the reaction layer takes them (nothing open yet).
ReactionOptions reaction_options(const ReactionSettings& settings) {
  ReactionOptions options;
  options.form = settings.energy;
  options.source = settings.reactant_energy;
  return options;
}

/// Element symbols -> sorted, distinct atomic numbers.
std::vector<int> element_system(const std::vector<std::string>& symbols) {
  std::vector<int> elements = atomic_numbers(symbols);
  std::sort(elements.begin(), elements.end());
  elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
  return elements;
}

void check_sigma(double sigma) {
  if (!(sigma >= 0 && sigma <= kMaxSigma))
    throw SettingError("{sigma} must be a number of eV/atom from 0 to " + shortest_number(kMaxSigma) + ", got " +
                       shortest_number(sigma));
}

/// Filters of select that no entry can pass together: refused, rather than an empty answer.
void select_contradictions(const SelectRequest& q) {
  const auto listed = [](const std::vector<std::string>& symbols, const std::string& symbol) {
    return std::find(symbols.begin(), symbols.end(), symbol) != symbols.end();
  };
  for (const std::string& el : q.with) {
    if (listed(q.without, el)) throw SettingError("{with} and {without} both name " + el + ": no entry passes both");
    if (!q.only.empty() && !listed(q.only, el))
      throw SettingError("{with} names " + el + ", which {only} leaves out: no entry passes both");
  }
  if (!q.any.empty() && std::all_of(q.any.begin(), q.any.end(), [&](const auto& el) { return listed(q.without, el); }))
    throw SettingError("{without} names every element of {any}: no entry passes both");
  if (q.stable && q.max_e_above_hull)
    throw SettingError("{stable} and {max_e_above_hull}: give one (stable entries lie on the hull, e_above_hull 0)");
}

/// The sigma and, if sampling, the number of samples, before any data is read.
void check_uncertainty(const UncertaintySettings& u) {
  check_sigma(u.sigma);
  if (u.samples > 0) check_samples(u.samples);
  check_within(u.threshold, 100, "{threshold}", "eV/atom");  // NaN compared false: every sample "did not react"
}

}  // namespace

// ------------------------------------------------------------- conversions

MonteCarloOptions UncertaintySettings::monte_carlo() const {
  MonteCarloOptions mc;
  mc.samples = samples;
  mc.seed = seed;
  mc.threshold = threshold;
  mc.sigma = sigma;
  mc.threads = threads;
  return mc;
}

std::vector<int> atomic_numbers(const std::vector<std::string>& symbols) {
  std::vector<int> out;
  for (const auto& s : symbols) out.push_back(atomic_number(s));
  return out;
}

ChemPots chempots(const OpenChempots& open) {
  ChemPots out;
  for (const auto& [symbol, mu] : open) {
    const int z = atomic_number(symbol);
    check_within(mu, kMaxAbsChempot, "chemical potential of " + symbol, "eV");
    out[z] = mu;
  }
  return out;
}

Condition voltage_condition(double volts, const std::string& element_symbol) {
  check_voltage(volts, "voltage condition");
  Condition c;
  c.voltage = volts;
  c.open = {{atomic_number(element_symbol), -volts}};
  c.label = shortest_number(volts);
  return c;
}

Condition range_condition(const VoltageRange& range, const std::string& element_symbol) {
  check_voltage_range(range, "{range} " + range.label());
  Condition c;
  c.range = range;
  c.range_element = atomic_number(element_symbol);
  c.label = range.label();
  return c;
}

Condition chempot_condition(const OpenChempots& open) {
  Condition c;
  c.open = chempots(open);
  for (const auto& [el, value] : c.open) {  // appended piecewise: GCC 12 warns falsely (-Wstringop-overflow) on a sum
    if (!c.label.empty()) c.label += ';';
    c.label.append(element(el).symbol);
    c.label += '=';
    c.label += shortest_number(value);
  }
  return c;
}

Condition closed_condition() {
  Condition c;
  c.label = "closed";
  return c;
}

OpenChempots open_chempots(const std::vector<std::string>& open, const std::optional<double>& voltage,
                           const std::vector<std::string>& mu, const std::vector<std::string>& gas) {
  OpenChempots out;
  for (const auto& [z, value] : resolve_chempots(open, voltage, mu, gas)) out[std::string(element(z).symbol)] = value;
  return out;
}

void set_screen_conditions(ScreenRequest& q, const std::optional<std::string>& conditions, const std::vector<std::string>& open,
                           const std::optional<double>& voltage, const std::vector<std::string>& mu,
                           const std::vector<std::string>& gas) {
  if (open.size() > 1) throw Error("screen opens one element at its voltages, got " + std::to_string(open.size()));
  const int z = open.size() == 1 ? atomic_number(open.front()) : kLithium;
  q.open = element(z).symbol;
  if (conditions && conditions->empty()) throw SettingError("{conditions} is empty: expected e.g. closed,3,4.5");
  const std::string given = conditions.value_or("");
  const std::string text = given + (voltage ? (given.empty() ? "" : ",") + shortest_number(*voltage) : "");
  q.conditions = text.empty() ? std::vector<Condition>{} : parse_conditions(text, z);
  if (!mu.empty() || !gas.empty()) q.conditions.push_back(chempot_condition(open_chempots({}, std::nullopt, mu, gas)));
}

std::vector<std::string> element_symbols(const std::string& text, const std::string& setting) {
  try {
    std::vector<std::string> out;
    for (int z : parse_chemsys(text)) out.emplace_back(element(z).symbol);
    return out;
  } catch (const Error& e) {
    if (setting.empty()) throw;
    throw SettingError("{" + setting + "} '" + SettingError::literal(text) + "': " + SettingError::literal(e.what()));
  }
}

std::pair<int, int> parse_element_count(const std::string& text) {
  int lo = 0, hi = 0;
  char dash = 0, extra = 0;
  const int n = std::sscanf(text.c_str(), "%d%c%d%c", &lo, &dash, &hi, &extra);
  if (n == 1) hi = lo;
  if (!(n == 1 || (n == 3 && dash == '-')) || lo < 1 || hi < lo || hi > kNumElements)
    throw SettingError("{elements} '" + SettingError::literal(text) +
                       "': expected a number of elements N or a range N-M, e.g. 3-5");
  return {lo, hi};
}

double parse_formation_energy(const std::string& text) {
  // A decimal number (no hex: "0x10" was 16 by stod), spaces around it allowed.
  const auto first = text.find_first_not_of(" \t\n\r");
  const auto last = text.find_last_not_of(" \t\n\r");
  const std::optional<double> value =
      first == std::string::npos ? std::nullopt : parse_decimal(std::string_view(text).substr(first, last - first + 1));
  if (!value) throw Error("formation energy '" + text + "' is not a number (eV/atom)");
  if (!std::isfinite(*value)) throw Error("formation energy '" + text + "' is not a finite number (eV/atom)");
  return *value;
}

ImportKind parse_import_kind(const std::string& text) {
  if (text == "auto" || text.empty()) return ImportKind::Auto;
  if (text == "csv") return ImportKind::Csv;
  if (text == "pymatgen-json") return ImportKind::PymatgenJson;
  if (text == "mp-json") return ImportKind::MpJson;
  throw Error("kind '" + text + "': expected csv, pymatgen-json, mp-json or auto");
}

std::string to_string(ImportKind kind) {
  switch (kind) {
    case ImportKind::Auto: return "auto";
    case ImportKind::Csv: return "csv";
    case ImportKind::PymatgenJson: return "pymatgen-json";
    case ImportKind::MpJson: return "mp-json";
  }
  return "auto";
}

// ------------------------------------------------------------------ session

struct Session::ReactionSpace {
  DatasetInfo dataset;
  ReactionSetup setup;
};

Session::Session(SessionOptions options, SessionObserver* observer)
    : options_(std::move(options)),
      path_(options_.database.empty() ? default_database_path() : options_.database),
      observer_(observer) {}

Session::~Session() = default;

void Session::stage(const std::string& what) const {
  check_interrupt();
  if (observer_) observer_->stage(what);
}

Database& Session::database() {
  if (db_) return *db_;
  stage("opening the database");
  std::error_code error;
  const bool exists = fs::exists(path_, error);
  if (!exists && !error && (!options_.create || options_.read_only))
    throw DatabaseNotFound("database " + in_quotes(path_.string(), 1000) +
                           " does not exist (ask for it to be created, or check the path)");
  if (options_.read_only) {
    db_ = std::make_unique<Database>(path_, OpenMode::ReadOnly);
    return *db_;
  }
  if (observer_) observer_->opening_database(path_, exists);
  OpenNotice notice;
  notice.waiting = [&] {
    if (observer_) observer_->database_waiting(path_);
  };
  db_ = std::make_unique<Database>(open_or_create_database(path_, options_.data, notice));
  return *db_;
}

DatasetInfo Session::resolve() { return database().resolve_dataset(options_.dataset); }

DatasetInfo Session::ready_locked(unsigned threads) { return ready_locked(threads, options_.dataset); }

DatasetInfo Session::ready_locked(unsigned threads, const std::optional<std::string>& name) {
  Database& db = database();
  const DatasetInfo dataset = db.resolve_dataset(name);
  if (db.stability_current(dataset.id)) return dataset;
  if (options_.read_only)
    throw StabilityNotStored("the stability of data set " + in_quotes(dataset.name) + " is not stored in " +
                             in_quotes(path_.string(), 1000) + " (opened read-only): run `interphase stability --db " +
                             path_.string() + " > /dev/null` once to compute and store it");
  stage("computing the stability of data set " + in_quotes(dataset.name));
  const auto start = std::chrono::steady_clock::now();
  const auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  bool told = false;  // whether the observer heard of a computation or a wait
  StabilityNotice notice;
  notice.waiting = [&] {
    told = true;
    if (observer_) observer_->stability_waiting(dataset);
  };
  notice.computing = [&] {
    told = true;
    if (observer_) observer_->stability_started(dataset);
  };
  try {
    ensure_stability(db, dataset.id, threads, notice);
  } catch (...) {
    if (observer_ && told) observer_->stability_finished(dataset, seconds(), false);
    throw;
  }
  if (observer_ && told) observer_->stability_finished(dataset, seconds(), true);
  return dataset;
}

DatasetInfo Session::ready(unsigned threads) {
  const std::lock_guard lock(mutex_);
  return ready_locked(threads);
}

Session::ReactionSpace Session::reaction_space(const std::vector<std::string>& formulas, const std::vector<int>& extra) {
  for (const auto& f : formulas) Composition::parse(f);  // a bad formula before the database is built
  const std::lock_guard lock(mutex_);
  ReactionSpace space;
  space.dataset = ready_locked(0);
  stage("loading the stable phases");
  space.setup = setup_reaction(database(), space.dataset.id, formulas, extra);
  return space;
}

// ---------------------------------------------------------------- reactions

RangeContext Session::react_range(const ReactRequest& q, const ReactionOptions& options) {
  const int z = atomic_number(q.range_element);
  if (!q.open.empty())
    throw SettingError("{range} opens " + q.range_element + " alone over " + q.range->label() +
                       " V: give no {voltage}, {mu} or {gas} with it");
  if (q.uncertainty.samples > 0)
    throw SettingError("{samples} (Monte Carlo) takes closed and single voltages, not the range " + q.range->label() +
                       " (its worst voltage moves from sample to sample): sample at the worst voltage with {voltage}");
  const auto space = reaction_space({q.a, q.b}, {z});
  const ReactionSetup& s = space.setup;
  require_open_present(*s.closed, z);
  stage("computing the worst case of " + q.a + " and " + q.b + " over " + q.range->label() + " V");
  const RangeMinimum worst = range_minimum(s.closed, s.reactants[0], s.reactants[1], z, *q.range, options);
  RangeContext out{*q.range, q.range_element, worst.voltage, worst.minimum.energy, std::nullopt, std::nullopt};
  const auto hold = [&](const Reactant& r) -> std::optional<RangeHold> {
    const Window w = stability_window(element_profile(*s.closed, z, r.composition));
    return range_hold(w, *q.range);
  };
  out.a = hold(s.reactants[0]);
  out.b = hold(s.reactants[1]);
  return out;
}

ReactResult Session::react(const ReactRequest& q) {
  for (double x : q.explain_at_x)
    if (!(x >= 0.0 && x <= 1.0))
      throw SettingError("{explain_at_x} " + shortest_number(x) + ": a mixing ratio lies in [0, 1]");
  check_uncertainty(q.uncertainty);
  if (!(q.composite_mass_fraction >= 0 && q.composite_mass_fraction <= 1))
    throw Error("composite mass fraction " + shortest_number(q.composite_mass_fraction) +
                ": expected a number from 0 to 1");
  ReactionOptions options = reaction_options(q.settings);
  options.open = chempots(q.open);
  std::optional<RangeContext> range;
  if (q.range) {
    range = react_range(q, options);
    options.open = {{atomic_number(range->element), -range->voltage}};
  }
  auto space = reaction_space({q.a, q.b}, open_numbers(options.open));
  if (const ChemPots present = open_elements_present(*space.setup.closed, options.open);
      present.size() != options.open.size()) {
    options.open = present;
    space = reaction_space({q.a, q.b}, open_numbers(options.open));
  }
  ReactionSetup& s = space.setup;
  note_reactant_energies(options.form, options.open.empty() ? "entry" : to_string(options.source), s.reactants);
  ReactionContext context;
  context.range = std::move(range);
  context.form = options.form;
  context.chemsys = s.closed->chemsys();
  context.composite_mass_fraction = q.composite_mass_fraction;
  for (const auto& [z, value] : options.open) context.open[std::string(element(z).symbol)] = value;
  stage("computing the reaction of " + q.a + " and " + q.b + " in " + context.chemsys);
  ReactResult out{interphase::react(s.closed, s.reactants[0], s.reactants[1], options), std::move(context), {}, s.closed};
  const InterfaceReaction& r = out.reaction;
  const double sigma = q.uncertainty.sigma;
  ReactionContext& ctx = out.context;
  if (q.uncertainty.linear) ctx.uncertainty = reaction_uncertainty(*s.closed, r, options, sigma, ctx.composite_mass_fraction);
  if (q.uncertainty.samples > 0) {
    ctx.monte_carlo_options = q.uncertainty.monte_carlo();
    std::shared_ptr<const UncertainSystem> system;
    {
      const std::lock_guard lock(mutex_);
      system = load_uncertain_system(database(), space.dataset.id, s.closed, ctx.monte_carlo_options);
    }
    ctx.monte_carlo = monte_carlo_minimum(*system, s.reactants[0], s.reactants[1], options, ctx.monte_carlo_options);
  }
  if (q.explain || !q.explain_at_x.empty()) {
    const auto add = [&](const std::string& at, double x) {
      ExplainedPoint p{at, explain(*s.closed, r, x, options), std::nullopt};
      if (q.uncertainty.linear) p.energy_std_linear = energy_std_linear(p.explanation.sensitivities, entry_sigmas(sigma));
      out.explanations.push_back(std::move(p));
    };
    add("minimum", r.minimum().x);
    for (double x : q.explain_at_x) add("x", x);
  }
  return out;
}

SweepResult Session::sweep(const SweepRequest& q) {
  check_uncertainty(q.uncertainty);
  ReactionOptions options = reaction_options(q.settings);
  const int z = atomic_number(q.open);
  const auto voltages = voltage_grid(q.from, q.to, q.step);
  if (q.uncertainty.samples > 0) check_sweep_samples(voltages.size(), q.uncertainty.samples);
  const auto space = reaction_space({q.a, q.b}, {z});
  const ReactionSetup& s = space.setup;
  require_open_present(*s.closed, z);
  note_reactant_energies(options.form, to_string(options.source), s.reactants);
  SweepResult out{s.reactants[0], s.reactants[1], z, options.form, {}};
  stage("computing the sweep of " + q.a + " and " + q.b + " over " + std::to_string(voltages.size()) + " voltages");
  out.rows = voltage_sweep(s.closed, out.a, out.b, z, voltages, options);
  if (q.uncertainty.linear) sweep_std_linear(s.closed, out.a, out.b, z, out.rows, options, entry_sigmas(q.uncertainty.sigma));
  if (q.uncertainty.samples > 0) {
    const MonteCarloOptions mc = q.uncertainty.monte_carlo();
    std::shared_ptr<const UncertainSystem> system;
    {
      const std::lock_guard lock(mutex_);
      system = load_uncertain_system(database(), space.dataset.id, s.closed, mc);
    }
    const auto stats = monte_carlo_sweep(*system, out.a, out.b, z, voltages, options, mc);
    for (std::size_t i = 0; i < out.rows.size(); ++i) out.rows[i].monte_carlo = stats[i];
  }
  return out;
}

MapResult Session::map(const MapRequest& q) {
  ReactionOptions options = reaction_options(q.settings);
  const int z = atomic_number(q.open);
  const auto space = reaction_space({q.a, q.b}, {z});
  const ReactionSetup& s = space.setup;
  require_open_present(*s.closed, z);
  note_reactant_energies(options.form, to_string(options.source), s.reactants);
  stage("computing the map of " + q.a + " and " + q.b + " in " + s.closed->chemsys());
  return {reaction_map(s.closed, s.reactants[0], s.reactants[1], z, q.from, q.to, options)};
}

WindowResult Session::window(const WindowRequest& q) {
  const int z = atomic_number(q.open);
  const auto space = reaction_space({q.formula}, {z});
  const ReactionSetup& s = space.setup;
  require_open_present(*s.closed, z);
  stage("computing the " + std::string(element(z).symbol) + " profile of " + q.formula);
  return {q.formula, z, s.closed, element_profile(*s.closed, z, s.reactants[0].composition)};
}

CompareResult Session::compare(const CompareRequest& q) {
  if (q.uncertainty.samples == 0) throw SettingError("compare needs {samples} N (at least 1)");
  check_uncertainty(q.uncertainty);
  ReactionOptions options = reaction_options(q.settings);
  CompareResult out;
  out.first = q.first_a + " + " + q.first_b;
  out.second = q.second_a + " + " + q.second_b;
  out.monte_carlo = q.uncertainty.monte_carlo();
  const std::vector<Condition> conditions = q.conditions.empty() ? std::vector<Condition>{closed_condition()} : q.conditions;
  for (const Condition& c : conditions) {
    if (c.range)  // paired samples compare minima at one condition; a range's worst voltage moves with the sample
      throw SettingError("compare takes closed and single voltages in {conditions}, not the range " + c.label);
    const auto open = open_numbers(c.open);
    const auto s1 = reaction_space({q.first_a, q.first_b}, open), s2 = reaction_space({q.second_a, q.second_b}, open);
    std::shared_ptr<const UncertainSystem> u1, u2;
    {
      const std::lock_guard lock(mutex_);
      u1 = load_uncertain_system(database(), s1.dataset.id, s1.setup.closed, out.monte_carlo);
      u2 = load_uncertain_system(database(), s2.dataset.id, s2.setup.closed, out.monte_carlo);
    }
    options.open = c.open;
    out.rows.push_back(compare_pairs(*u1, s1.setup.reactants[0], s1.setup.reactants[1], *u2, s2.setup.reactants[0],
                                     s2.setup.reactants[1], options, out.monte_carlo));
    out.labels.push_back(c.voltage ? c.label + " V" : c.label);
  }
  return out;
}

PreparedScreen Session::screen(const ScreenRequest& q) {
  check_uncertainty(q.uncertainty);
  ScreenOptions options;
  options.uncertainty = q.uncertainty.linear;
  options.sigma = q.uncertainty.sigma;
  if (q.uncertainty.samples > 0) options.monte_carlo = q.uncertainty.monte_carlo();
  options.form = q.settings.energy;
  options.source = q.settings.reactant_energy;
  options.windows = q.windows;
  options.threads = q.threads;
  options.window_element = atomic_number(q.open);
  options.conditions = q.conditions;
  options.shard = q.shard;
  options.shards = q.shards;
  const std::lock_guard lock(mutex_);
  const DatasetInfo dataset = ready_locked(q.threads);
  PreparedScreen out;
  out.screen = std::make_unique<Screen>(database(), dataset.id, q.as, q.bs, options);
  ScreenSettings& st = out.settings;
  st.form = options.form;
  st.conditions = out.screen->options().conditions;
  st.windows = options.windows;
  st.open = element(options.window_element).symbol;
  st.dataset = dataset.name;
  st.dataset_source = dataset.source;
  st.dataset_entries = dataset.n_entries;
  st.dataset_sha256 = dataset.sha256;
  st.dataset_content_hash = dataset.content_hash;
  st.source = options.source;
  st.uncertainty = options.uncertainty;
  st.sigma = options.sigma;
  st.own_sigmas = options.uncertainty && database().has_entry_sigmas(dataset.id);
  st.monte_carlo = options.monte_carlo.has_value();
  st.ranges = has_range(st.conditions);
  return out;
}

// --------------------------------------------------------------- stability

DecomposeResult Session::decompose(const DecomposeRequest& q) {
  const Composition c = Composition::parse(q.formula);
  const std::lock_guard lock(mutex_);
  const DatasetInfo dataset = ready_locked(0);
  stage("reading the stability of " + q.formula);
  return {q.formula, stored_stability(database(), dataset.id, c)};
}

HullResult Session::hull(const HullRequest& q) {
  const std::vector<int> elements = element_system(q.elements);
  if (elements.empty()) throw Error("a chemical system needs at least one element");
  const std::lock_guard lock(mutex_);
  const DatasetInfo dataset = ready_locked(0);
  stage("reading the hull of " + chemsys_string(elements));
  return {stored_hull_table(database(), dataset.id, elements), q.all};
}

StabilityResult Session::stability(const StabilityRequest& q) {
  const std::lock_guard lock(mutex_);
  const DatasetInfo dataset = ready_locked(q.threads);
  stage("reading the stored stability");
  return {database().entries(dataset.id), database().stability(dataset.id)};
}

SelectResult Session::select(const SelectRequest& q) {
  EntryQuery query;
  query.with = atomic_numbers(q.with);
  query.any = atomic_numbers(q.any);
  query.without = atomic_numbers(q.without);
  if (!q.only.empty()) query.only = atomic_numbers(q.only);
  if (q.min_elements < 0 || q.max_elements < 0 || q.max_elements > kNumElements ||
      (q.max_elements > 0 && q.max_elements < q.min_elements))
    throw Error("number of elements " + std::to_string(q.min_elements) + " to " + std::to_string(q.max_elements) +
                ": expected 1 <= min <= max <= " + std::to_string(kNumElements));
  select_contradictions(q);
  if (q.min_elements > 0) query.min_elements = q.min_elements;
  if (q.max_elements > 0) query.max_elements = q.max_elements;
  query.stable = q.stable;
  if (q.max_e_above_hull) {
    if (!std::isfinite(*q.max_e_above_hull) || *q.max_e_above_hull < 0)
      throw SettingError("{max_e_above_hull} must be a non-negative number of eV/atom, got " + std::to_string(*q.max_e_above_hull));
    query.max_e_above_hull = *q.max_e_above_hull;
  }
  query.sort = q.sort_by_formula ? EntryQuery::Sort::Formula : EntryQuery::Sort::Ehull;
  query.lowest_per_formula = !q.polymorphs;
  query.limit = q.limit;
  const std::lock_guard lock(mutex_);
  const DatasetInfo dataset = ready_locked(q.threads);
  stage("selecting entries");
  return {database().select(dataset.id, query)};
}

PhaseDiagram Session::phase_diagram(const std::vector<std::string>& symbols) {
  const std::vector<int> elements = element_system(symbols);
  const std::lock_guard lock(mutex_);
  const DatasetInfo dataset = ready_locked(0);
  stage("loading the phase diagram of " + chemsys_string(elements));
  return load_phase_diagram(database(), dataset.id, elements);
}

Composition Session::diagram_composition(const std::string& key, const std::string& chemsys) {
  try {
    return Composition::parse(key);
  } catch (const FormulaError& e) {
    const std::lock_guard lock(mutex_);
    const DatasetInfo dataset = ready_locked(0);
    Entry entry;
    try {
      entry = database().entry_by_id(dataset.id, key);
    } catch (const DataError&) {
      throw FormulaError("'" + key + "' is neither an entry id of data set '" + dataset.name + "' nor a formula (" +
                         e.what() + ")");
    }
    std::vector<int> elements;
    for (const auto& [z, amount] : entry.composition.amounts()) elements.push_back(z);
    throw ThermoError("entry '" + key + "' (" + entry.name() + ", elements " + chemsys_string(elements) +
                      ") is outside the phase diagram of " + chemsys);
  }
}

DiagramStability Session::stability_in(const PhaseDiagram& pd, const std::string& key) {
  const std::vector<Entry>& entries = pd.entries();
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].id == key) return {interphase::stability(pd, entries[i].composition), pd.e_above_hull(i)};
  const Stability s = interphase::stability(pd, diagram_composition(key, pd.chemsys()));
  return {s, s.e_above_hull};
}

DiagramStability Session::stored_stability_in(const HullTable& system, const std::string& key) {
  const auto in_system = [&](const Composition& c) {
    const std::lock_guard lock(mutex_);
    const DatasetInfo dataset = ready_locked(0);
    Stability s = stored_stability(database(), dataset.id, c);
    s.chemsys = system.chemsys;
    return s;
  };
  for (const HullTable::Row& row : system.rows)
    if (row.entry.id == key) return {in_system(row.entry.composition), row.e_above_hull};
  const Composition c = diagram_composition(key, system.chemsys);
  const std::vector<int> elements = parse_chemsys(system.chemsys);
  for (const int z : c.elements())
    if (!std::binary_search(elements.begin(), elements.end(), z))
      throw ThermoError("composition " + c.reduced_formula() + " has " + std::string(element(z).symbol) +
                        ", which is not in the chemical system " + system.chemsys);
  if (c.empty()) throw ThermoError("empty composition has no place in a phase diagram");
  const Stability s = in_system(c);
  return {s, s.e_above_hull};
}

void Session::check_interrupt() const {
  if (observer_ && observer_->interrupted()) throw Interrupted("interrupted");
}

// ---------------------------------------------------------------- database

namespace {

/// An added entry's result: its stored stability and, if unstable, its products.
EntryChangeResult added_result(const Database& db, const EntryChange& change) {
  EntryChangeResult out{change.entry, std::nullopt, {}, change.run};
  const auto rows = db.stability_of({change.entry.key});
  if (!rows.empty()) {
    out.stability = rows.front();
    std::vector<std::int64_t> keys;
    for (const auto& [key, fraction] : rows.front().decomposition) keys.push_back(key);
    if (!rows.front().stable) out.decomposition = db.phase_names(keys);
  }
  return out;
}

}  // namespace

EntryChangeResult Session::add_entry(const AddEntryRequest& q, const EntryChangeCheck& before_commit) {
  const Composition c = Composition::parse(q.formula);
  if (const std::string problem = entry_problem(c, q.e_form); !problem.empty())  // the importers' rule, before any lock
    throw Error("cannot add " + c.reduced_formula() + ": " + problem);
  if (const std::string problem = entry_id_problem(q.id); !problem.empty())
    throw SettingError("{id}: " + SettingError::literal(problem));
  const std::lock_guard lock(mutex_);
  Database& db = database();
  const DatasetInfo dataset = resolve();
  std::optional<EntryChangeResult> out;  // no id: Database::add_entry gives a new one
  interphase::add_entry(db, dataset.id, Entry{q.id, q.formula, c, q.e_form, 0, std::nullopt}, q.threads, {},
                        [&](const EntryChange& change) {
                          out = added_result(db, change);  // read inside the transaction
                          if (before_commit) before_commit(*out);
                        });
  return std::move(*out);
}

EntryChangeResult Session::remove_entry(const RemoveEntryRequest& q, const EntryChangeCheck& before_commit) {
  const std::lock_guard lock(mutex_);
  const DatasetInfo dataset = resolve();
  std::optional<EntryChangeResult> out;
  interphase::remove_entry(database(), dataset.id, q.id, q.threads, {}, [&](const EntryChange& change) {
    out = EntryChangeResult{change.entry, std::nullopt, {}, change.run};
    if (before_commit) before_commit(*out);
  });
  return std::move(*out);
}

ImportResult Session::import_file(const ImportRequest& q) {
  const ImportKind kind = q.kind == ImportKind::Auto ? parse_import_kind(guess_kind(q.file)) : q.kind;
  const std::string kind_name = to_string(kind);
  if (!q.thermo_type.empty() && kind != ImportKind::MpJson)
    throw SettingError("{thermo_type} applies to Materials Project documents ({kind} mp-json), not to " + kind_name + " files");
  if (!q.sigma_column.empty() && kind == ImportKind::MpJson)
    throw SettingError("{sigma_column} applies to CSV and pymatgen-json files, not to mp-json files");
  ImportResult out;
  stage("importing " + in_quotes(q.file.string()) + " (" + kind_name + ")");
  const auto fill = [&](Database& db) {
    if (kind == ImportKind::MpJson)
      out.dataset = db.import_mp_json(q.file, MpImportOptions{q.name, q.thermo_type, q.max_abs_energy}, &out.reported);
    else if (kind == ImportKind::PymatgenJson)
      out.dataset = db.import_pymatgen_json(q.file, q.name, q.max_abs_energy, q.sigma_column);
    else
      out.dataset = db.import_csv(q.file, CsvImportOptions{q.formula_column, q.energy_column, q.name, q.max_abs_energy,
                                                           q.sigma_column});
  };
  const std::lock_guard lock(mutex_);
  if (db_) fill(*db_);
  else update_database(path_, fill);
  if (!out.reported.empty()) {
    if (!db_) db_ = std::make_unique<Database>(path_);
    ready_locked(q.threads, out.dataset.name);
    out.differences = compare_reported(*db_, out.dataset.id, out.reported, tol::kReportedStabilityTol);
  }
  return out;
}

InfoResult Session::info() const {
  std::error_code error;
  if (!fs::exists(path_, error)) {
    if (error) throw DataError("cannot use database '" + path_.string() + "': " + error.message());
    throw DataError("database '" + path_.string() + "' does not exist yet (the first command that needs data builds it)");
  }
  const Database db(path_, OpenMode::Existing);
  return {db.path(), db.datasets()};
}

HealthReport Session::check(bool quick) const {
  HealthReport report = check_database(path_);
  if (quick || !report.healthy()) return report;
  try {  // the file is sound: compare its stored results with a computation afresh
    check_stored_results(Database(path_, OpenMode::Existing), report);
  } catch (const DataError& e) {
    report.problems.push_back({std::string("cannot read the stored stability: ") + e.what(),
                               "restore the database from a backup, or import its file again under a new name"});
  }
  return report;
}

}  // namespace interphase
