#include "interphase/hull/phase_diagram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <set>

#include <spdlog/spdlog.h>

#include "interphase/error.hpp"
#include "interphase/hull/qhull.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

/// Below the elemental references by more than this, an entry may be a vertex (pymatgen's value).
constexpr double kFormationTolerance = tol::kFormationEnergyTol;
/// Barycentric weights at or below this are not products (pymatgen's numerical_tol).
constexpr double kFractionTolerance = tol::kNumericalTol;
/// Facets whose hull value is this close to the maximum are candidates for containing a point.
constexpr double kEnergyTie = tol::kFacetEnergyTie;

/// A composition key: atomic fractions on the tol::kCompositionKeyScale grid.
std::vector<long long> composition_key(const Eigen::VectorXd& x) {
  std::vector<long long> key(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) key[i] = std::llround(x[i] * tol::kCompositionKeyScale);
  return key;
}

bool is_subset(const std::vector<int>& elements, const std::vector<int>& system) {
  return std::includes(system.begin(), system.end(), elements.begin(), elements.end());
}

std::vector<int> union_of_elements(const std::vector<Entry>& entries) {
  std::set<int> all;
  for (const auto& e : entries)
    for (const auto& [z, amount] : e.composition.amounts()) all.insert(z);
  return {all.begin(), all.end()};
}

/// Lower facets of the hull of `points` (entry indices) over the element indices
/// `axes` (sorted): each facet's vertices as entry indices. As pymatgen: a point far
/// above the centroid makes the set full-dimensional; facets through it belong to
/// the upper hull, and so do facets whose normal does not point down; flat
/// simplices (|det| <= tol::kFlatSimplexDeterminant in composition space) are dropped.
std::vector<std::vector<std::size_t>> lower_facets(const std::vector<std::size_t>& points, const std::vector<Eigen::Index>& axes,
                                                   const std::vector<Eigen::VectorXd>& coords, const std::vector<Entry>& entries,
                                                   bool joggle = false) {
  const auto n = static_cast<Eigen::Index>(axes.size());
  std::vector<std::vector<std::size_t>> out;
  if (n == 1) {
    const auto lowest = std::min_element(points.begin(), points.end(), [&](std::size_t p, std::size_t q) {
      return entries[p].e_form < entries[q].e_form;
    });
    if (lowest != points.end()) out.push_back({*lowest});
    return out;
  }
  std::vector<double> flat;
  double highest = 1.0;
  for (std::size_t i : points) {
    for (Eigen::Index k = 1; k < n; ++k) flat.push_back(coords[i][axes[k]]);
    flat.push_back(entries[i].e_form);
    highest = std::max(highest, entries[i].e_form);
  }
  for (Eigen::Index k = 1; k < n; ++k) flat.push_back(1.0 / static_cast<double>(n));
  flat.push_back(highest + 1.0);
  const int extra = static_cast<int>(points.size());
  for (const auto& facet : convex_hull_facets(flat, static_cast<int>(n), joggle)) {
    if (std::find(facet.vertices.begin(), facet.vertices.end(), extra) != facet.vertices.end()) continue;
    if (facet.normal.back() >= 0.0) continue;  // not a lower facet
    Eigen::MatrixXd m(n, n);
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index k = 0; k < n; ++k) m(k, j) = coords[points[facet.vertices[j]]][axes[k]];
    if (std::abs(m.determinant()) <= tol::kFlatSimplexDeterminant) continue;  // flat simplex
    std::vector<std::size_t> vertices;
    for (int v : facet.vertices) vertices.push_back(points[v]);
    out.push_back(std::move(vertices));
  }
  return out;
}

/// Element indices (into the diagram's elements) present in a coordinate vector.
std::vector<Eigen::Index> support(const Eigen::VectorXd& x) {
  std::vector<Eigen::Index> out;
  for (Eigen::Index k = 0; k < x.size(); ++k)
    if (x[k] > 0) out.push_back(k);
  return out;
}

/// Only a vertex of the hull of its own elements can be a vertex of the whole
/// hull. Builds those subsystem hulls from the smallest up, each from its own
/// candidates and the survivors of its subsystems, and returns the survivors:
/// far fewer points for Qhull in many dimensions, and the same hull.
std::vector<std::size_t> vertices_of_subsystems(const std::vector<std::size_t>& candidates,
                                                const std::vector<Eigen::VectorXd>& coords, const std::vector<Entry>& entries) {
  std::map<std::vector<Eigen::Index>, std::vector<std::size_t>> groups;
  for (std::size_t i : candidates) groups[support(coords[i])].push_back(i);
  std::vector<const std::pair<const std::vector<Eigen::Index>, std::vector<std::size_t>>*> order;
  for (const auto& g : groups) order.push_back(&g);
  std::stable_sort(order.begin(), order.end(), [](auto* p, auto* q) { return p->first.size() < q->first.size(); });
  const auto full = static_cast<std::size_t>(coords.empty() ? 0 : coords.front().size());
  std::vector<std::pair<const std::vector<Eigen::Index>*, std::size_t>> kept;
  for (const auto* g : order) {
    const auto& axes = g->first;
    if (axes.size() <= 1 || axes.size() == full) {  // references, and compounds of every element
      for (std::size_t i : g->second) kept.emplace_back(&axes, i);
      continue;
    }
    std::vector<std::size_t> points;
    for (const auto& [set, i] : kept)
      if (std::includes(axes.begin(), axes.end(), set->begin(), set->end())) points.push_back(i);
    const std::size_t own = points.size();
    points.insert(points.end(), g->second.begin(), g->second.end());
    std::set<std::size_t> vertices;
    for (const auto& f : lower_facets(points, axes, coords, entries)) vertices.insert(f.begin(), f.end());
    for (std::size_t j = own; j < points.size(); ++j)
      if (vertices.count(points[j])) kept.emplace_back(&axes, points[j]);
  }
  std::vector<std::size_t> out;
  for (const auto& [set, i] : kept) out.push_back(i);
  return out;
}

/// Whether facet f holds the point x (its weights at least -tol::kInSimplexTol).
bool holds(const LowerFacet& f, const Eigen::VectorXd& x) { return f.weights(x).minCoeff() >= -tol::kInSimplexTol; }

}  // namespace

/// The hull rebuilt from joggled input: built at most once, on the first
/// lookup the regular hull cannot answer, and safe to reach from many threads.
struct PhaseDiagram::Joggled {
  std::once_flag once;
  std::vector<LowerFacet> facets;
  std::string error;  // why it could not be built
  bool drop = false;  // drop_facets_for_testing(..., also_joggled)
};

PhaseDiagram::PhaseDiagram(std::vector<Entry> entries, std::vector<int> elements)
    : elements_(std::move(elements)) {
  if (elements_.empty()) elements_ = union_of_elements(entries);
  std::sort(elements_.begin(), elements_.end());
  elements_.erase(std::unique(elements_.begin(), elements_.end()), elements_.end());
  if (elements_.empty()) throw ThermoError("a phase diagram needs at least one element");
  for (auto& e : entries) {
    if (e.composition.empty()) throw ThermoError("entry '" + e.id + "' has an empty composition");
    if (is_subset(e.composition.elements(), elements_)) entries_.push_back(std::move(e));
  }
  build();
}

PhaseDiagram PhaseDiagram::from_formation_energies(std::vector<Entry> entries, std::vector<int> elements) {
  if (elements.empty()) elements = union_of_elements(entries);
  for (int z : elements) {
    const bool has_reference = std::any_of(entries.begin(), entries.end(), [z](const Entry& e) {
      return e.composition.amounts().size() == 1 && e.composition.amount(z) > 0 && e.e_form <= 0.0;
    });
    if (!has_reference) {
      Entry ref;
      ref.id = "reference:" + std::string(element(z).symbol);
      ref.formula = std::string(element(z).symbol);
      ref.composition = Composition({{z, 1.0}});
      ref.e_form = 0.0;
      entries.push_back(std::move(ref));
    }
  }
  return PhaseDiagram(std::move(entries), std::move(elements));
}

std::string PhaseDiagram::chemsys() const { return chemsys_string(elements_); }

Eigen::VectorXd PhaseDiagram::coordinates(const Composition& c) const {
  if (c.empty()) throw ThermoError("empty composition has no place in a phase diagram");
  Eigen::VectorXd x = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(elements_.size()));
  const double total = c.num_atoms();
  for (const auto& [z, amount] : c.amounts()) {
    const auto it = std::lower_bound(elements_.begin(), elements_.end(), z);
    if (it == elements_.end() || *it != z) {
      throw ThermoError("composition " + c.reduced_formula() + " has " + std::string(element(z).symbol) +
                        ", which is not in the chemical system " + chemsys());
    }
    x[it - elements_.begin()] = amount / total;
  }
  return x;
}

void PhaseDiagram::build() {
  const auto n = static_cast<Eigen::Index>(elements_.size());
  coords_.clear();
  for (const auto& e : entries_) coords_.push_back(coordinates(e.composition));

  // Lowest entry of each composition.
  std::map<std::vector<long long>, std::size_t> lowest;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    auto [it, inserted] = lowest.emplace(composition_key(coords_[i]), i);
    if (!inserted && entries_[i].e_form < entries_[it->second].e_form) it->second = i;
  }
  group_min_.assign(entries_.size(), 0);
  for (std::size_t i = 0; i < entries_.size(); ++i) group_min_[i] = lowest.at(composition_key(coords_[i]));

  // Elemental references.
  std::vector<std::size_t> refs(elements_.size());
  Eigen::VectorXd ref_energy(n);
  for (Eigen::Index k = 0; k < n; ++k) {
    Eigen::VectorXd unit = Eigen::VectorXd::Zero(n);
    unit[k] = 1.0;
    const auto it = lowest.find(composition_key(unit));
    if (it == lowest.end()) {
      throw ThermoError("no entry for the element " + std::string(element(elements_[k]).symbol) +
                        " in the chemical system " + chemsys() + ": its hull has no reference for it");
    }
    refs[k] = it->second;
    ref_energy[k] = entries_[it->second].e_form;
  }

  // Hull candidates: lowest entry of each composition below the references, plus the references.
  std::vector<std::size_t> candidates;
  for (const auto& [key, i] : lowest) {
    const double formation = entries_[i].e_form - coords_[i].dot(ref_energy);
    if (formation < -kFormationTolerance) candidates.push_back(i);
  }
  candidates.insert(candidates.end(), refs.begin(), refs.end());
  in_hull_set_.assign(entries_.size(), 0);
  for (std::size_t i : candidates) in_hull_set_[i] = 1;

  // In many dimensions most candidates lie above the hulls of their own subsystems.
  if (n >= 5 && candidates.size() > 150) candidates = vertices_of_subsystems(candidates, coords_, entries_);

  hull_points_ = std::move(candidates);
  facets_ = make_facets(false);
  joggled_ = std::make_shared<Joggled>();

  stable_flag_.assign(entries_.size(), 0);
  for (const auto& f : facets_)
    for (std::size_t i : f.entries) stable_flag_[i] = 1;
  stable_.clear();
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (stable_flag_[i]) stable_.push_back(i);
  spdlog::debug("hull of {}: {} entries, {} candidates, {} lower facets, {} stable", chemsys(), entries_.size(),
                hull_points_.size(), facets_.size(), stable_.size());
  if (facets_.empty()) throw ThermoError("the hull of " + chemsys() + " has no lower facet");
}

std::vector<LowerFacet> PhaseDiagram::make_facets(bool joggle) const {
  const auto n = static_cast<Eigen::Index>(elements_.size());
  std::vector<Eigen::Index> axes(static_cast<std::size_t>(n));
  std::iota(axes.begin(), axes.end(), Eigen::Index{0});
  std::vector<LowerFacet> facets;
  for (auto& vertex_entries : lower_facets(hull_points_, axes, coords_, entries_, joggle)) {
    Eigen::MatrixXd m(n, n);
    Eigen::VectorXd energy(n);
    for (Eigen::Index j = 0; j < n; ++j) {
      m.col(j) = coords_[vertex_entries[j]];
      energy[j] = entries_[vertex_entries[j]].e_form;
    }
    LowerFacet f;
    f.entries = std::move(vertex_entries);
    f.lu.compute(m);
    f.chempots = f.lu.transpose().solve(energy);
    facets.push_back(std::move(f));
  }
  return facets;
}

const std::vector<LowerFacet>& PhaseDiagram::joggled_facets() const {
  Joggled& j = *joggled_;
  std::call_once(j.once, [&] {
    try {
      j.facets = make_facets(true);
    } catch (const std::exception& e) {
      j.error = e.what();
    }
    if (j.drop && drop_at_) std::erase_if(j.facets, [&](const LowerFacet& f) { return holds(f, *drop_at_); });
    spdlog::debug("hull of {} rebuilt from joggled input: {} lower facets{}", chemsys(), j.facets.size(),
                  j.error.empty() ? "" : " (" + j.error + ")");
  });
  return j.facets;
}

void PhaseDiagram::drop_facets_for_testing(const Eigen::VectorXd& x, bool also_joggled) {
  drop_at_ = x;
  std::erase_if(facets_, [&](const LowerFacet& f) { return holds(f, x); });
  joggled_ = std::make_shared<Joggled>();
  joggled_->drop = also_joggled;
}

bool PhaseDiagram::is_stable(std::size_t entry) const { return stable_flag_.at(entry) != 0; }

std::pair<const LowerFacet*, double> PhaseDiagram::find_facet(const std::vector<LowerFacet>& facets,
                                                              const Eigen::VectorXd& x) const {
  // The lower hull is convex: E_hull(x) is the largest of the facets' planes at x,
  // and a facet whose plane attains it (within rounding) and whose barycentric
  // weights are all non-negative (within rounding) contains x.
  double top = -std::numeric_limits<double>::infinity();
  for (const auto& f : facets) top = std::max(top, f.chempots.dot(x));
  const LowerFacet* best = nullptr;
  double best_min_weight = -std::numeric_limits<double>::infinity();
  for (const auto& f : facets) {
    if (f.chempots.dot(x) < top - kEnergyTie) continue;
    const double min_weight = f.weights(x).minCoeff();
    if (min_weight > best_min_weight) {
      best_min_weight = min_weight;
      best = &f;
    }
  }
  if (best_min_weight < -tol::kInSimplexTol) best = nullptr;
  return {best, top};
}

std::string PhaseDiagram::describe(const Eigen::VectorXd& x) const {
  std::map<int, double> amounts;
  for (Eigen::Index k = 0; k < x.size(); ++k)
    if (x[k] > 0) amounts[elements_[static_cast<std::size_t>(k)]] = x[k];
  return amounts.empty() ? "an empty composition" : Composition(amounts).reduced_formula();
}

std::pair<const LowerFacet*, double> PhaseDiagram::containing(const Eigen::VectorXd& x) const {
  if (const auto found = find_facet(facets_, x); found.first) return found;
  spdlog::debug("hull of {}: no facet contains {}; rebuilding it from joggled input", chemsys(), describe(x));
  const auto& joggled = joggled_facets();
  if (const auto found = find_facet(joggled, x); found.first) return found;
  throw InternalError("no facet of the hull of " + chemsys() + " contains the composition " + describe(x) +
                      ", even after rebuilding the hull from joggled input (Qhull QJ)" +
                      (joggled_->error.empty() ? "" : ": " + joggled_->error));
}

const LowerFacet& PhaseDiagram::facet_containing(const Eigen::VectorXd& x) const { return *containing(x).first; }

double PhaseDiagram::hull_energy(const Eigen::VectorXd& x) const { return containing(x).second; }

Decomposition PhaseDiagram::decomposition(const Eigen::VectorXd& x) const {
  const auto& f = facet_containing(x);
  const Eigen::VectorXd weights = f.weights(x);
  Decomposition d;
  for (Eigen::Index j = 0; j < weights.size(); ++j) {
    d.energy += weights[j] * entries_[f.entries[j]].e_form;
    if (weights[j] > kFractionTolerance) d.parts.push_back({f.entries[j], weights[j]});
  }
  std::sort(d.parts.begin(), d.parts.end(), [](const auto& a, const auto& b) { return a.fraction > b.fraction; });
  return d;
}

double PhaseDiagram::e_above_hull(std::size_t entry) const {
  const std::size_t lowest = group_min_.at(entry);
  if (stable_flag_[lowest]) return entries_[entry].e_form - entries_[lowest].e_form;
  const double above = entries_[entry].e_form - hull_energy(coords_[entry]);
  return (above < 0.0 && above > -tol::kAboveHullRounding) ? 0.0 : above;
}

double PhaseDiagram::decomposition_enthalpy(std::size_t entry) const {
  if (!is_stable(entry)) return e_above_hull(entry);
  const auto& target = entries_.at(entry);
  if (target.composition.amounts().size() == 1) return 0.0;
  const auto key = composition_key(coords_[entry]);
  const auto own = target.composition.elements();
  std::vector<Entry> others;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (composition_key(coords_[i]) == key) continue;
    if (is_subset(entries_[i].composition.elements(), own)) others.push_back(entries_[i]);
  }
  const PhaseDiagram without(std::move(others), own);
  return target.e_form - without.hull_energy(target.composition);
}

std::optional<std::size_t> PhaseDiagram::lowest_entry(const Composition& c) const {
  const auto key = composition_key(coordinates(c));
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (group_min_[i] == i && composition_key(coords_[i]) == key) return i;
  return std::nullopt;
}

namespace {

/// The crossings of the segment x0 + t d by `facets` (see line_crossings), or
/// nothing if the facets' intervals leave a gap in [0, 1] (a lost facet).
std::optional<std::vector<double>> crossings(const std::vector<LowerFacet>& facets, const Eigen::VectorXd& x0,
                                             const Eigen::VectorXd& d, double length) {
  // Each facet holds the segment on the t interval where all its barycentric
  // weights are non-negative; the ends of those intervals are the crossings. A
  // weight binds only where it changes sign by more than rounding between the
  // segment's ends: one that stays at zero (the line running along the facet's
  // boundary) must not cut the interval at a point made of rounding noise.
  constexpr double kWeightTolerance = tol::kInSimplexTol;
  const Eigen::VectorXd x1 = x0 + d;
  std::vector<double> ts{0.0, 1.0};
  std::vector<std::pair<double, double>> intervals;
  for (const auto& f : facets) {
    const Eigen::VectorXd w0 = f.weights(x0);
    const Eigen::VectorXd w1 = f.weights(x1);
    double lo = 0.0, hi = 1.0;
    bool empty = false;
    for (Eigen::Index k = 0; k < w0.size() && !empty; ++k) {
      const bool in0 = w0[k] >= -kWeightTolerance, in1 = w1[k] >= -kWeightTolerance;
      if (in0 && in1) continue;
      if (!in0 && !in1) {
        empty = true;
        continue;
      }
      const double t = w0[k] / (w0[k] - w1[k]);  // where the weight is zero
      if (in1) lo = std::max(lo, t);
      else hi = std::min(hi, t);
    }
    if (empty || lo > hi + tol::kSegmentOverlapTol / length) continue;
    ts.push_back(std::clamp(lo, 0.0, 1.0));
    ts.push_back(std::clamp(hi, 0.0, 1.0));
    intervals.emplace_back(ts[ts.size() - 2], ts.back());
  }
  // The intervals cover the segment, or a facet is missing.
  std::sort(intervals.begin(), intervals.end());
  double covered = 0.0;
  for (const auto& [lo, hi] : intervals) {
    if ((lo - covered) * length > tol::kNumericalTol) break;
    covered = std::max(covered, hi);
  }
  if ((1.0 - covered) * length > tol::kNumericalTol) return std::nullopt;
  return ts;
}

}  // namespace

std::vector<double> PhaseDiagram::line_crossings(const Eigen::VectorXd& x0, const Eigen::VectorXd& x1) const {
  const Eigen::VectorXd d = x1 - x0;
  const double length = d.norm();
  if (length == 0.0) return {0.0, 1.0};
  auto ts = crossings(facets_, x0, d, length);
  if (!ts) {
    spdlog::debug("hull of {}: facets leave a gap between {} and {}; rebuilding it from joggled input", chemsys(),
                  describe(x0), describe(x1));
    ts = crossings(joggled_facets(), x0, d, length);
  }
  if (!ts) {
    throw InternalError("the lower facets of the hull of " + chemsys() + " leave a gap on the line from " +
                        describe(x0) + " to " + describe(x1) +
                        ", even after rebuilding the hull from joggled input (Qhull QJ)");
  }
  std::sort(ts->begin(), ts->end());
  // Unique to tol::kNumericalTol in composition space, as pymatgen's get_critical_compositions.
  std::vector<double> unique{ts->front()};
  for (double t : *ts)
    if ((t - unique.back()) * length > tol::kNumericalTol) unique.push_back(t);
  if (unique.back() != 1.0) {
    if ((1.0 - unique.back()) * length <= tol::kNumericalTol) unique.back() = 1.0; else unique.push_back(1.0);
  }
  return unique;
}

}  // namespace interphase
