#include "interphase/screen/coat.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "interphase/composition/element_set.hpp"
#include "interphase/error.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/grand/profile.hpp"
#include "interphase/hull/stable_set.hpp"

namespace interphase {
namespace {

std::string number(double v) { return detail::limit_number(v); }

/// The most negative of some optional values (none if any is missing or there are none).
std::optional<double> lowest(const std::vector<std::optional<double>>& values) {
  if (values.empty()) return std::nullopt;
  double out = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) return std::nullopt;
    out = i == 0 ? *values[i] : std::min(out, *values[i]);
  }
  return out;
}

std::optional<double> energy_of(const CoatReaction& r) {
  return r.minimum ? std::optional<double>(r.minimum->energy) : std::nullopt;
}

std::optional<double> energy_of(const std::optional<CoatReaction>& r) {
  return r ? energy_of(*r) : std::nullopt;
}

bool reaction_holds(const std::optional<double>& energy, const CoatCriteria& criteria) {
  return energy && *energy >= -criteria.max_reaction - kCoatLimitTolerance;
}

/// The condition of a range: Li open over every voltage of it.
Condition range_condition(const VoltageRange& range) {
  Condition c;
  c.range = range;
  c.range_element = kLithium;
  c.label = range.label();
  return c;
}

/// A side checked before anything is computed: parsed, its elements in the
/// data set, and with a range something besides the Li the range opens.
void check_side(const Database& db, std::int64_t dataset_id, const std::string& formula, const std::string& role,
                bool range) {
  Composition c;
  try {
    c = Composition::parse(formula);
  } catch (const Error& e) {
    throw Error(role + " '" + formula + "': " + e.what());
  }
  if (const auto missing = db.elements_without_entries(dataset_id, c.elements()); !missing.empty())
    throw Error(role + " '" + formula + "': no entry of the data set holds " + std::string(element(missing.front()).symbol));
  if (range && c.elements() == std::vector<int>{kLithium})
    throw Error(role + " '" + formula + "' is Li alone, the element a range opens: no reaction with it over a range");
}

/// The Li atoms per atom of a formula (none if it does not parse).
std::optional<double> li_fraction(const std::string& formula) {
  try {
    const Composition c = Composition::parse(formula);
    return c.amount(kLithium) / c.num_atoms();
  } catch (const Error&) {
    return std::nullopt;
  }
}

CoatReaction reaction_of(const ScreenRow& row) {
  return {row.minimum, row.voltage, row.chemsys, row.error};
}

}  // namespace

// ---------------------------------------------------------------- criteria

double CoatCriteria::oxidation_limit(const std::optional<VoltageRange>& range) const {
  if (min_oxidation) return *min_oxidation;
  return range ? range->to : kCoatDefaultOxidation;
}

void CoatCriteria::check() const {
  const auto non_negative = [](double v, const std::string& name, const std::string& unit) {
    if (!std::isfinite(v) || v < 0)
      throw SettingError("{" + name + "} must be a non-negative number of " + unit + ", got " + number(v));
  };
  non_negative(max_e_above_hull, "max_ehull", "eV/atom");
  non_negative(max_reaction, "max_reaction", "eV/atom");
  check_voltage(max_reduction, "{max_reduction}");
  if (min_oxidation) check_voltage(*min_oxidation, "{min_oxidation}");
}

std::vector<std::string> coat_criteria(bool range) {
  std::vector<std::string> out = {kCoatEhull, kCoatReduction, kCoatOxidation, kCoatElectrolyte};
  if (range) out.push_back(kCoatElectrolyteRange);
  out.push_back(kCoatCathode);
  if (range) out.push_back(kCoatCathodeRange);
  return out;
}

// ---------------------------------------------------------------- candidate

std::optional<double> CoatCandidate::energy_electrolyte() const { return energy_of(electrolyte.closed); }
std::optional<double> CoatCandidate::energy_electrolyte_range() const { return energy_of(electrolyte.range); }

std::optional<double> CoatCandidate::energy_cathode() const {
  std::vector<std::optional<double>> values;
  for (const auto& side : cathodes) values.push_back(energy_of(side.closed));
  return lowest(values);
}

std::optional<double> CoatCandidate::energy_cathode_range() const {
  std::vector<std::optional<double>> values;
  for (const auto& side : cathodes) values.push_back(energy_of(side.range));
  return lowest(values);
}

std::optional<std::size_t> CoatCandidate::worst_cathode(bool range) const {
  std::optional<std::size_t> out;
  double worst = 0;
  for (std::size_t i = 0; i < cathodes.size(); ++i) {
    const auto e = range ? energy_of(cathodes[i].range) : energy_of(cathodes[i].closed);
    if (!e) return std::nullopt;
    if (!out || *e < worst) out = i, worst = *e;
  }
  return out;
}

std::optional<double> CoatCandidate::worst_energy() const {
  std::vector<std::optional<double>> values;
  std::vector<const CoatSide*> sides{&electrolyte};
  for (const auto& s : cathodes) sides.push_back(&s);
  for (const CoatSide* s : sides) {
    values.push_back(energy_of(s->closed));
    if (s->range) values.push_back(energy_of(*s->range));
  }
  return lowest(values);
}

namespace {

bool ehull_holds(const std::optional<double>& e_above_hull, const CoatCriteria& criteria) {
  return e_above_hull && *e_above_hull <= criteria.max_e_above_hull + kCoatLimitTolerance;
}

bool reduction_holds(const std::optional<MaterialWindow>& w, const CoatCriteria& criteria) {
  return w && w->error.empty() && (!w->reduction || *w->reduction <= criteria.max_reduction + kCoatLimitTolerance);
}

bool oxidation_holds(const std::optional<MaterialWindow>& w, const CoatCriteria& criteria,
                     const std::optional<VoltageRange>& range) {
  return w && w->error.empty() &&
         (!w->oxidation || *w->oxidation >= criteria.oxidation_limit(range) - kCoatLimitTolerance);
}

}  // namespace

bool meets(const CoatCandidate& c, const std::string& criterion, const CoatCriteria& criteria,
           const std::optional<VoltageRange>& range) {
  if (!c.error.empty()) return false;
  if (criterion == kCoatEhull) return ehull_holds(c.e_above_hull, criteria);
  if (criterion == kCoatReduction) return reduction_holds(c.window, criteria);
  if (criterion == kCoatOxidation) return oxidation_holds(c.window, criteria, range);
  if (criterion == kCoatElectrolyte) return reaction_holds(c.energy_electrolyte(), criteria);
  if (criterion == kCoatElectrolyteRange) return reaction_holds(c.energy_electrolyte_range(), criteria);
  if (criterion == kCoatCathode) return reaction_holds(c.energy_cathode(), criteria);
  if (criterion == kCoatCathodeRange) return reaction_holds(c.energy_cathode_range(), criteria);
  throw Error("no coating criterion '" + criterion + "'");
}

void judge_coating(CoatCandidate& c, const CoatCriteria& criteria, const std::optional<VoltageRange>& range) {
  c.failed.clear();
  c.passes = false;
  if (!c.error.empty()) return;
  for (const auto& criterion : coat_criteria(range.has_value()))
    if (!meets(c, criterion, criteria, range)) c.failed.push_back(criterion);
  c.passes = c.failed.empty();
}

// ---------------------------------------------------------------- funnel, ranking

std::vector<CoatStage> coat_funnel(const std::vector<CoatCandidate>& candidates, const CoatCriteria& criteria,
                                   const std::optional<VoltageRange>& range) {
  std::vector<const CoatCandidate*> left;
  for (const auto& c : candidates)
    if (c.error.empty()) left.push_back(&c);
  std::vector<CoatStage> out = {{"candidates", "every candidate", candidates.size()},
                                {"computed", "computed without an error", left.size()}};
  const std::string reaction = "-" + number(criteria.max_reaction) + " eV/atom";
  for (const auto& criterion : coat_criteria(range.has_value())) {
    std::string rule;
    if (criterion == kCoatEhull) rule = "e_above_hull <= " + number(criteria.max_e_above_hull) + " eV/atom";
    else if (criterion == kCoatReduction) rule = "window reduction limit <= " + number(criteria.max_reduction) + " V";
    else if (criterion == kCoatOxidation)
      rule = "window oxidation limit >= " + number(criteria.oxidation_limit(range)) + " V";
    else if (criterion == kCoatElectrolyte) rule = "closed reaction with the electrolyte >= " + reaction;
    else if (criterion == kCoatElectrolyteRange)
      rule = "reaction with the electrolyte over " + range->label() + " V >= " + reaction.substr(0, reaction.size() - 5) +
             " per non-Li atom";
    else if (criterion == kCoatCathode) rule = "closed reaction with every cathode state >= " + reaction;
    else rule = "reaction with every cathode state over " + range->label() + " V >= " + reaction.substr(0, reaction.size() - 5) +
                " per non-Li atom";
    left.erase(std::remove_if(left.begin(), left.end(),
                              [&](const CoatCandidate* c) { return !meets(*c, criterion, criteria, range); }),
               left.end());
    out.push_back({criterion, rule, left.size()});
  }
  return out;
}

void rank_coatings(std::vector<CoatCandidate>& candidates) {
  const auto group = [](const CoatCandidate& c) { return !c.error.empty() ? 2 : c.passes ? 0 : 1; };
  // The worst energy in whole units of kCoatRankResolution (rounding noise ties), none last in its group.
  const auto key = [](const CoatCandidate& c) -> std::optional<long long> {
    const auto e = c.worst_energy();
    if (!e) return std::nullopt;
    return std::llround(*e / kCoatRankResolution);
  };
  std::stable_sort(candidates.begin(), candidates.end(), [&](const CoatCandidate& p, const CoatCandidate& q) {
    if (group(p) != group(q)) return group(p) < group(q);
    const auto kp = key(p), kq = key(q);
    if (kp.has_value() != kq.has_value()) return kp.has_value();
    if (kp && *kp != *kq) return *kp > *kq;  // least reactive first
    return p.formula < q.formula;
  });
  for (std::size_t i = 0; i < candidates.size(); ++i) candidates[i].rank = i + 1;
}

// ---------------------------------------------------------------- Monte Carlo

namespace {

/// The sorted, distinct elements of some compositions, and Li if `li`.
std::vector<int> system_of(const std::vector<const Composition*>& compositions, bool li) {
  std::vector<int> out;
  for (const Composition* c : compositions)
    for (int z : c->elements()) out.push_back(z);
  if (li) out.push_back(kLithium);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// The fraction of samples in which one computed candidate meets every
/// criterion. A sample draws every entry's formation energy once (the draws
/// depend only on the seed, the sample and the entry), so each criterion of a
/// sample sees the same energies; the criteria are judged in the funnel's
/// order and a sample stops at the first one it misses.
/// The voltages of each side's element profile in each sample (`[side][sample]`;
/// the electrolyte first), from the side's own elements and Li: the same in
/// every set that holds them, so computed once for all candidates.
using SideProfiles = std::vector<std::vector<std::vector<double>>>;

std::vector<double> profile_voltages(const StableSet& closed, const Composition& c) {
  std::vector<double> out;
  for (const ProfileStep& step : element_profile(closed, kLithium, c)) out.push_back(step.voltage);
  return out;
}

SideProfiles side_profiles(const Database& db, std::int64_t dataset, const CoatOptions& o) {
  const MonteCarloOptions& mc = *o.monte_carlo;
  std::vector<std::string> formulas{o.electrolyte};
  formulas.insert(formulas.end(), o.cathodes.begin(), o.cathodes.end());
  SideProfiles out;
  for (const auto& f : formulas) {
    const Composition c = Composition::parse(f);
    std::vector<int> elements = c.elements();
    elements.push_back(kLithium);
    std::sort(elements.begin(), elements.end());
    elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
    const auto system = load_uncertain_system(db, dataset, load_stable_set(db, dataset, elements), mc);
    out.emplace_back();
    for (std::size_t s = 0; s < mc.samples; ++s) out.back().push_back(profile_voltages(*system->sample(mc.seed, s), c));
  }
  return out;
}

double candidate_p_pass(const Database& db, std::int64_t dataset, const CoatCandidate& c, const CoatOptions& o,
                        const SideProfiles& profiles) {
  const MonteCarloOptions& mc = *o.monte_carlo;
  const Composition coating = Composition::parse(c.formula);
  // The chemical systems the criteria need, each loaded when a sample first reaches it.
  std::map<std::vector<int>, std::size_t> index;
  std::vector<std::vector<int>> elements_of;
  std::vector<std::shared_ptr<const UncertainSystem>> systems;
  const auto system_for = [&](const std::vector<int>& elements) {
    const auto [it, added] = index.emplace(elements, elements_of.size());
    if (added) elements_of.push_back(elements);
    return it->second;
  };
  const auto system = [&](std::size_t i) -> const UncertainSystem& {
    if (systems.size() <= i) systems.resize(elements_of.size());
    if (!systems[i]) systems[i] = load_uncertain_system(db, dataset, load_stable_set(db, dataset, elements_of[i]), mc);
    return *systems[i];
  };
  const auto reactant = [&](const std::string& formula, const Composition& composition) {
    return Reactant{formula, composition, std::nullopt, db.lowest_entry(dataset, composition)};
  };
  const Reactant coat_reactant = reactant(c.formula, coating);
  if (!coat_reactant.own_entry) throw DataError("no entry of " + c.formula);
  const std::size_t own = system_for(system_of({&coating}, true));
  struct Side {
    Composition composition;
    Reactant reactant;
    std::size_t closed = 0, range = 0;
    const std::vector<std::vector<double>>* profiles = nullptr;  // by sample
  };
  std::vector<Side> sides;  // the electrolyte, then each cathode state
  std::vector<std::string> formulas{o.electrolyte};
  formulas.insert(formulas.end(), o.cathodes.begin(), o.cathodes.end());
  for (const auto& f : formulas) {
    Side side{Composition::parse(f), {}, 0, 0, o.range ? &profiles.at(sides.size()) : nullptr};
    side.reactant = reactant(f, side.composition);
    side.closed = system_for(system_of({&coating, &side.composition}, false));
    if (o.range) side.range = system_for(system_of({&coating, &side.composition}, true));
    sides.push_back(std::move(side));
  }
  const ReactionOptions closed_options{o.form, ReactantEnergy::Entry, {}};
  std::vector<double> coating_profile;  // this sample's
  std::size_t passed = 0;
  for (std::size_t s = 0; s < mc.samples; ++s) {
    std::vector<std::shared_ptr<const StableSet>> sets(elements_of.size());
    const auto set = [&](std::size_t i) -> const std::shared_ptr<const StableSet>& {
      if (!sets[i]) sets[i] = system(i).sample(mc.seed, s);
      return sets[i];
    };
    // Whether the minimum with a side holds (closed, or at every voltage where
    // the range's worst case can lie: range_voltages, the exact worst voltage first).
    const auto holds = [&](const Side& side, std::size_t k, bool over_range) {
      const std::size_t i = over_range ? side.range : side.closed;
      const auto& closed = set(i);
      // The mutual form takes the reactants at the sample's hull: their own entries do not enter.
      const bool own = o.form == EnergyForm::Total;
      const Reactant a = own ? system(i).reactant(coat_reactant, *closed, mc.seed, s) : coat_reactant;
      const Reactant b = own ? system(i).reactant(side.reactant, *closed, mc.seed, s) : side.reactant;
      if (!over_range) return reaction_holds(reaction_minimum(closed, a, b, closed_options).energy, o.criteria);
      if (o.range->to == o.range->from || o.range->from < 0)
        return reaction_holds(range_minimum(closed, a, b, kLithium, *o.range, closed_options).minimum.energy, o.criteria);
      std::vector<double> profile = coating_profile;
      const auto& other = (*side.profiles)[s];
      profile.insert(profile.end(), other.begin(), other.end());
      std::vector<double> voltages = range_voltages(*o.range, o.form, profile);
      const CoatReaction* exact = k == 0 ? &*c.electrolyte.range : &*c.cathodes[k - 1].range;
      if (exact->voltage) {
        const double worst = *exact->voltage;
        std::stable_sort(voltages.begin(), voltages.end(), [&](double p, double q) {
          return std::abs(p - worst) < std::abs(q - worst);
        });
      }
      for (const double v : voltages) {
        ReactionOptions at = closed_options;
        at.open = {{kLithium, -v}};
        if (!reaction_holds(reaction_minimum(closed, a, b, at).energy, o.criteria)) return false;
      }
      return true;
    };
    const auto sides_hold = [&](std::size_t first, std::size_t last, bool over_range) {
      for (std::size_t k = first; k < last; ++k)
        if (!holds(sides[k], k, over_range)) return false;
      return true;
    };
    const auto& own_set = set(own);
    const Entry& entry = *coat_reactant.own_entry;
    const double own_energy =
        entry.e_form + system(own).entry_sigma(entry) * standard_normal(mc.seed, s, draw_key(entry));
    if (!ehull_holds(std::max(0.0, own_energy - own_set->hull_energy(coating)), o.criteria)) continue;
    const auto profile = element_profile(*own_set, kLithium, coating);
    const Window w = stability_window(profile);
    coating_profile.clear();
    for (const ProfileStep& step : profile) coating_profile.push_back(step.voltage);
    std::optional<MaterialWindow> window;
    if (w.found) window = MaterialWindow{w.reduction, w.oxidation, ""};
    if (!reduction_holds(window, o.criteria) || !oxidation_holds(window, o.criteria, o.range)) continue;
    if (!sides_hold(0, 1, false) || (o.range && !sides_hold(0, 1, true))) continue;
    if (!sides_hold(1, sides.size(), false) || (o.range && !sides_hold(1, sides.size(), true))) continue;
    ++passed;
  }
  return static_cast<double>(passed) / static_cast<double>(mc.samples);
}

/// p_pass of every computed candidate, the candidates spread over the threads
/// (each opens the database itself); the numbers do not depend on the threads.
void sample_p_pass(const Database& db, std::int64_t dataset, std::vector<CoatCandidate>& candidates,
                   const CoatOptions& o) {
  if (o.monte_carlo->samples == 0) throw SettingError("{samples} must be at least 1");
  std::vector<CoatCandidate*> todo;
  for (auto& c : candidates)
    if (c.error.empty()) todo.push_back(&c);
  const SideProfiles profiles = o.range && !todo.empty() ? side_profiles(db, dataset, o) : SideProfiles{};
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr failure;
  const auto work = [&] {
    try {
      const Database own(db.path());
      for (std::size_t i = next++; i < todo.size(); i = next++) {
        try {
          todo[i]->p_pass = candidate_p_pass(own, dataset, *todo[i], o, profiles);
        } catch (const Error&) {
          // A candidate the samples cannot compute keeps no p_pass.
        }
      }
    } catch (...) {
      const std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      next = todo.size();
    }
  };
  unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, todo.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

// ---------------------------------------------------------------- the run

CoatOutcome run_coat(const Database& db, std::int64_t dataset_id, const std::vector<CoatInput>& inputs,
                     const CoatOptions& options, const ScreenProgress& progress) {
  options.criteria.check();
  if (options.range) {
    check_voltage(options.range->from, "{range}");
    check_voltage(options.range->to, "{range}");
    if (!(options.range->from <= options.range->to))
      throw SettingError("{range} " + options.range->label() + ": its first voltage must not exceed its second");
  }
  if (options.cathodes.empty()) throw Error("a coating search needs at least one cathode state");
  check_side(db, dataset_id, options.electrolyte, "electrolyte", options.range.has_value());
  for (std::size_t i = 0; i < options.cathodes.size(); ++i) {
    check_side(db, dataset_id, options.cathodes[i], "cathode state", options.range.has_value());
    for (std::size_t j = 0; j < i; ++j)
      if (options.cathodes[j] == options.cathodes[i])
        throw Error("cathode state '" + options.cathodes[i] + "' given twice");
  }
  if (inputs.empty()) throw Error("a coating search needs at least one candidate");

  // Each formula once (the first), in the order given.
  CoatOutcome out;
  std::vector<std::string> screened;  // the candidates the screen computes
  std::vector<std::size_t> screened_index;
  std::set<std::string> seen;
  for (const CoatInput& in : inputs) {
    if (!seen.insert(in.formula).second) continue;
    CoatCandidate c;
    c.formula = in.formula;
    c.e_above_hull = in.e_above_hull;
    c.error = in.error;
    c.li_fraction = li_fraction(in.formula);
    c.electrolyte.formula = options.electrolyte;
    for (const auto& b : options.cathodes) c.cathodes.push_back({b, {}, std::nullopt});
    if (c.error.empty()) {
      screened.push_back(c.formula);
      screened_index.push_back(out.candidates.size());
    }
    out.candidates.push_back(std::move(c));
  }
  std::vector<std::string> sides{options.electrolyte};
  sides.insert(sides.end(), options.cathodes.begin(), options.cathodes.end());
  for (std::size_t s = 0; s < sides.size(); ++s)
    out.sides.push_back({sides[s], s == 0 ? "electrolyte" : "cathode", std::nullopt, std::nullopt});

  if (!screened.empty()) {
    ScreenOptions so;
    Condition closed;
    closed.label = "closed";
    so.conditions = {closed};
    if (options.range) so.conditions.push_back(range_condition(*options.range));
    so.form = options.form;
    so.windows = true;
    so.window_element = kLithium;
    so.threads = options.threads;
    so.pairs_per_job = sides.size();  // a candidate's sides together: they share stable sets and worst voltages
    Screen screen(db, dataset_id, screened, sides, so);
    const std::size_t per_side = so.conditions.size(), per_candidate = sides.size() * per_side;
    screen.run(
        [&](const ScreenRow& row) {
          CoatCandidate& c = out.candidates[screened_index[row.index / per_candidate]];
          const std::size_t s = (row.index / per_side) % sides.size();
          CoatSide& side = s == 0 ? c.electrolyte : c.cathodes[s - 1];
          const bool range = row.condition.range.has_value();
          if (range) side.range = reaction_of(row);
          else side.closed = reaction_of(row);
          if (row.a_window) c.window = row.a_window;
          if (range && row.a_hold) c.hold = row.a_hold;
          CoatSideInfo& info = out.sides[s];
          if (!info.window && row.b_window && row.error.empty()) info.window = row.b_window;
          if (range && !info.hold && row.b_hold) info.hold = row.b_hold;
          if (!row.error.empty() && c.error.empty())
            c.error = per_candidate == 1 ? row.error : "with " + sides[s] + " (" + row.condition.label + "): " + row.error;
        },
        0, progress);
    // An error of the candidate itself (the same in every row) is said without the side.
    for (std::size_t i : screened_index) {
      CoatCandidate& c = out.candidates[i];
      if (c.error.empty()) continue;
      std::set<std::string> errors{c.electrolyte.closed.error};
      for (const auto& side : c.cathodes) errors.insert(side.closed.error);
      if (errors.size() == 1 && !errors.begin()->empty()) c.error = *errors.begin();
    }
  }
  for (auto& c : out.candidates) judge_coating(c, options.criteria, options.range);
  if (options.monte_carlo) sample_p_pass(db, dataset_id, out.candidates, options);
  if (!options.rank) return out;
  out.funnel = coat_funnel(out.candidates, options.criteria, options.range);
  rank_coatings(out.candidates);
  return out;
}

}  // namespace interphase
