// Session::coat: the candidates of a coating search, the search, and the explanation of one candidate.
#include <algorithm>
#include <cmath>
#include <set>

#include "interphase/error.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/session/session.hpp"

namespace interphase {

namespace {

/// Radioactive elements, never candidates from the data set: Tc, Pm and Z >= 84.
std::vector<int> radioactive() {
  std::vector<int> out = {43, 61};
  for (int z = 84; z <= kNumElements; ++z) out.push_back(z);
  return out;
}

std::string count_words(std::size_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

/// The data set's candidates: lowest entry per reduced formula, Li and two or more elements, no radioactive element.
EntryQuery pool_query(const CoatRequest& q) {
  EntryQuery query;
  query.with = atomic_numbers(q.with);
  query.with.push_back(kLithium);
  query.without = atomic_numbers(q.without);
  for (int z : radioactive()) query.without.push_back(z);
  if (q.min_elements < 0 || q.max_elements < 0 || q.max_elements > kNumElements ||
      (q.max_elements > 0 && q.max_elements < q.min_elements))
    throw SettingError("{elements} " + std::to_string(q.min_elements) + " to " + std::to_string(q.max_elements) +
                       ": expected 1 <= min <= max <= " + std::to_string(kNumElements));
  query.min_elements = std::max(2, q.min_elements);
  if (q.max_elements > 0) query.max_elements = q.max_elements;
  if (q.pool_max_e_above_hull) {
    if (!std::isfinite(*q.pool_max_e_above_hull) || *q.pool_max_e_above_hull < 0)
      throw Error("the candidates' largest e_above_hull must be a non-negative number of eV/atom, got " +
                  detail::limit_number(*q.pool_max_e_above_hull));
    query.max_e_above_hull = *q.pool_max_e_above_hull;
  } else {
    query.stable = true;
  }
  query.sort = EntryQuery::Sort::Formula;
  query.lowest_per_formula = true;
  return query;
}

std::string pool_words(const CoatRequest& q, std::size_t n) {
  std::string out = q.pool_max_e_above_hull
                        ? "every entry of the data set within " + detail::limit_number(*q.pool_max_e_above_hull) +
                              " eV/atom of the hull (the lowest of each formula)"
                        : "every stable entry of the data set";
  std::string with = "Li";
  for (const auto& s : q.with) with += ", " + s;
  out += " holding " + with + ", of ";
  if (q.max_elements > 0 && q.max_elements == std::max(2, q.min_elements))
    out += std::to_string(q.max_elements);
  else
    out += std::to_string(std::max(2, q.min_elements)) +
           (q.max_elements > 0 ? " to " + std::to_string(q.max_elements) : " or more");
  out += " elements, no radioactive element";
  if (!q.without.empty()) {
    std::string without;
    for (const auto& s : q.without) without += (without.empty() ? "" : ", ") + s;
    out += ", none of " + without;
  }
  return out + " (" + count_words(n, "candidate") + ")";
}

/// A given candidate with its stored e_above_hull, or the reason it has none.
CoatInput given_candidate(const Database& db, std::int64_t dataset, const std::string& formula) {
  CoatInput in{formula, std::nullopt, ""};
  try {
    const auto lowest = db.lowest_entry(dataset, Composition::parse(formula));
    if (!lowest) {
      in.error = "no entry of " + formula + " in the data set";
      return in;
    }
    const auto rows = db.stability_of({lowest->key});
    if (rows.empty()) throw DataError("no stored stability for entry " + lowest->id);
    in.e_above_hull = rows.front().e_above_hull;
  } catch (const Error& e) {
    in.error = e.what();
  }
  return in;
}

/// The names of some phases of a stable set.
std::vector<std::string> phase_names(const StableSet& set, const std::vector<std::size_t>& phases) {
  std::vector<std::string> out;
  for (std::size_t i : phases) out.push_back(set.name(i));
  return out;
}

}  // namespace

CoatPlan Session::plan_coat(const CoatRequest& q) {
  q.criteria.check();
  if (!(q.uncertainty.sigma >= 0 && q.uncertainty.sigma <= kMaxSigma))
    throw SettingError("{sigma} must be a number of eV/atom from 0 to " + detail::limit_number(kMaxSigma) + ", got " +
                       detail::limit_number(q.uncertainty.sigma));
  if (q.cathodes.empty()) throw Error("a coating search needs at least one cathode state");
  if (q.shards == 0 || q.shard >= q.shards)
    throw SettingError("{shard} " + std::to_string(q.shard + 1) + "/" + std::to_string(q.shards) +
                       ": expected I/N with 1 <= I <= N");
  const bool filters = !q.with.empty() || !q.without.empty() || q.min_elements > 0 || q.max_elements > 0 ||
                       q.pool_max_e_above_hull.has_value();
  if (!q.candidates.empty() && filters)
    throw SettingError("{with}, {without}, {elements} and the candidates' e_above_hull choose candidates from the data "
                       "set; with {candidates} given, they are taken as they are");
  const EntryQuery query = q.candidates.empty() ? pool_query(q) : EntryQuery{};

  const std::lock_guard lock(mutex_);
  const DatasetInfo dataset = ready_locked(q.threads);
  Database& db = database();
  std::vector<CoatInput> inputs;
  CoatPlan plan;
  CoatSettings& s = plan.settings;
  if (q.candidates.empty()) {
    stage("selecting the candidate coatings");
    for (const auto& e : db.select(dataset.id, query)) inputs.push_back({e.reduced_formula, e.stability.e_above_hull, ""});
    if (inputs.empty()) throw Error("no candidate coatings: " + pool_words(q, 0));
    s.candidates = pool_words(q, inputs.size());
  } else {
    stage("reading the candidates' stability");
    std::set<std::string> seen;
    for (const auto& f : q.candidates)
      if (seen.insert(f).second) inputs.push_back(given_candidate(db, dataset.id, f));
    s.candidates = "given (" + count_words(q.candidates.size(), "formula") + ")";
  }
  for (const auto& in : inputs) plan.formulas.push_back(in.formula);
  plan.shard = q.shard;
  plan.shards = q.shards;
  plan.first = inputs.size() * q.shard / q.shards;
  const std::size_t last = inputs.size() * (q.shard + 1) / q.shards;
  plan.inputs.assign(inputs.begin() + static_cast<std::ptrdiff_t>(plan.first),
                     inputs.begin() + static_cast<std::ptrdiff_t>(last));

  CoatOptions& options = plan.options;
  options.electrolyte = q.electrolyte;
  options.cathodes = q.cathodes;
  options.range = q.range;
  options.criteria = q.criteria;
  options.form = q.settings.energy;
  options.threads = q.threads;
  if (q.uncertainty.samples > 0) options.monte_carlo = q.uncertainty.monte_carlo();
  s.electrolyte = q.electrolyte;
  s.cathodes = q.cathodes;
  s.range = q.range;
  s.criteria = q.criteria;
  s.min_oxidation = q.criteria.oxidation_limit(q.range);
  s.form = q.settings.energy;
  s.dataset = dataset.name;
  s.dataset_source = dataset.source;
  s.dataset_entries = dataset.n_entries;
  s.dataset_content_hash = dataset.content_hash;
  s.monte_carlo = options.monte_carlo;
  return plan;
}

void Session::coat_candidates(const CoatPlan& plan, std::size_t from, std::size_t chunk,
                              const std::function<void(const CoatOutcome&)>& sink) {
  const std::lock_guard lock(mutex_);
  const DatasetInfo dataset = ready_locked(plan.options.threads);
  CoatOptions options = plan.options;
  options.rank = false;
  chunk = std::max<std::size_t>(1, chunk);
  for (std::size_t i = from; i < plan.inputs.size(); i += chunk) {
    const std::vector<CoatInput> part(plan.inputs.begin() + static_cast<std::ptrdiff_t>(i),
                                      plan.inputs.begin() + static_cast<std::ptrdiff_t>(std::min(i + chunk, plan.inputs.size())));
    stage("computing candidates " + std::to_string(plan.first + i + 1) + " to " +
          std::to_string(plan.first + i + part.size()) + " of " + std::to_string(plan.formulas.size()));
    sink(run_coat(database(), dataset.id, part, options, [this](std::size_t, std::size_t) { check_interrupt(); }));
  }
}

CoatResult Session::coat(const CoatRequest& q) {
  if (q.shards != 1) throw SettingError("{shard}: a coating search in shards is written to a file, shard by shard");
  const CoatPlan plan = plan_coat(q);
  CoatResult out;
  {
    const std::lock_guard lock(mutex_);
    const DatasetInfo dataset = ready_locked(q.threads);
    stage("computing " + count_words(plan.inputs.size(), "candidate") + " against " + q.electrolyte + " and " +
          count_words(q.cathodes.size(), "cathode state"));
    CoatOutcome outcome = run_coat(database(), dataset.id, plan.inputs, plan.options,
                                   [this](std::size_t, std::size_t) { check_interrupt(); });
    out.settings = plan.settings;
    out.candidates = std::move(outcome.candidates);
    out.funnel = std::move(outcome.funnel);
    out.sides = std::move(outcome.sides);
  }
  if (!q.explain.empty()) out.explanation = explain_coating(q, out);
  return out;
}

CoatExplanation Session::explain_coating(const CoatRequest& q, const CoatResult& result) {
  std::string wanted;
  try {
    wanted = Composition::parse(q.explain).reduced_formula();
  } catch (const Error& e) {
    throw Error("explain '" + q.explain + "': " + e.what());
  }
  const auto it = std::find_if(result.candidates.begin(), result.candidates.end(), [&](const CoatCandidate& c) {
    try {
      return Composition::parse(c.formula).reduced_formula() == wanted;
    } catch (const Error&) {
      return c.formula == q.explain;
    }
  });
  if (it == result.candidates.end()) throw Error("explain '" + q.explain + "': it is not among the candidates");
  const CoatCandidate& c = *it;
  CoatExplanation out{c.formula, c.rank, c.passes, c.error, {}, {}};
  if (!c.error.empty()) return out;
  const auto& range = q.range;
  const CoatCriteria& criteria = q.criteria;
  stage("explaining " + c.formula);

  // The window's ends and the phases beyond them.
  const WindowResult w = window({c.formula, "Li"});
  const Window win = stability_window(w.profile);
  double worst = 0;
  for (const auto& criterion : coat_criteria(range.has_value())) {
    CoatCheck check;
    check.criterion = criterion;
    check.passes = meets(c, criterion, criteria, range);
    if (criterion == kCoatEhull) {
      check.value = c.e_above_hull;
      check.limit = criteria.max_e_above_hull;
      if (c.e_above_hull) check.margin = check.limit - *c.e_above_hull;
      if (c.e_above_hull && *c.e_above_hull > 0)
        for (const auto& [name, fraction] : decompose({c.formula}).stability.products) check.deciding.push_back(name);
    } else if (criterion == kCoatReduction || criterion == kCoatOxidation) {
      const bool red = criterion == kCoatReduction;
      check.value = red ? win.reduction : win.oxidation;
      check.limit = red ? criteria.max_reduction : criteria.oxidation_limit(range);
      if (check.value) check.margin = red ? check.limit - *check.value : *check.value - check.limit;
      check.deciding = phase_names(*w.closed, red ? win.reduced_phases : win.oxidized_phases);
    } else {
      const bool electrolyte = criterion == kCoatElectrolyte || criterion == kCoatElectrolyteRange;
      const bool over_range = criterion == kCoatElectrolyteRange || criterion == kCoatCathodeRange;
      const auto side_index = electrolyte ? std::optional<std::size_t>(0) : c.worst_cathode(over_range);
      if (!side_index) continue;
      const CoatSide& side = electrolyte ? c.electrolyte : c.cathodes[*side_index];
      const CoatReaction& r = over_range ? *side.range : side.closed;
      check.side = side.formula;
      check.limit = -criteria.max_reaction;
      if (r.minimum) {
        check.value = r.minimum->energy;
        check.margin = r.minimum->energy - check.limit;
      }
      ReactRequest rq;
      rq.a = c.formula;
      rq.b = side.formula;
      rq.settings = q.settings;
      if (over_range) rq.range = range;
      rq.explain = true;
      const ReactResult reaction = react(rq);
      if (!reaction.explanations.empty()) {
        const Explanation& e = reaction.explanations.front().explanation;
        // The products, the one whose energy moves the minimum most first.
        std::vector<std::pair<double, std::string>> weighted;
        for (const auto& p : e.products) {
          double weight = 0;
          for (const auto& s : e.sensitivities)
            if (s.name == p.name) weight = std::max(weight, std::abs(s.coefficient));
          weighted.emplace_back(-weight, p.name);
        }
        std::stable_sort(weighted.begin(), weighted.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [weight, name] : weighted) check.deciding.push_back(name);
        if (!e.competitors.empty()) {
          check.competitor = e.competitors.front().name;
          check.competitor_margin = e.competitors.front().margin;
        }
      }
    }
    // The closest: the smallest margin in units of its limit.
    if (check.margin) {
      const double scale = std::abs(check.limit) > 0 ? std::abs(check.limit) : 1.0;
      const double relative = *check.margin / scale;
      if (out.closest.empty() || relative < worst) {
        out.closest = criterion;
        worst = relative;
      }
    }
    out.checks.push_back(std::move(check));
  }
  return out;
}

}  // namespace interphase
