#include "interphase/hull/phase_diagram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "interphase/error.hpp"
#include "interphase/hull/qhull.hpp"

namespace interphase {
namespace {

/// Below the elemental references by more than this, an entry may be a vertex (pymatgen's value).
constexpr double kFormationTolerance = 1e-11;
/// Barycentric weights at or below this are not products (pymatgen's numerical_tol).
constexpr double kFractionTolerance = 1e-8;
/// Facets whose hull value is this close to the maximum are candidates for containing a point.
constexpr double kEnergyTie = 1e-9;

/// A composition key: atomic fractions on a 1e-10 grid.
std::vector<long long> composition_key(const Eigen::VectorXd& x) {
  std::vector<long long> key(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) key[i] = std::llround(x[i] * 1e10);
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

}  // namespace

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

  facets_.clear();
  auto add_facet = [&](std::vector<std::size_t> vertex_entries) {
    Eigen::MatrixXd m(n, n);
    Eigen::VectorXd energy(n);
    for (Eigen::Index j = 0; j < n; ++j) {
      m.col(j) = coords_[vertex_entries[j]];
      energy[j] = entries_[vertex_entries[j]].e_form;
    }
    if (std::abs(m.determinant()) <= 1e-14) return;  // degenerate (flat) simplex
    LowerFacet f;
    f.entries = std::move(vertex_entries);
    f.inverse = m.inverse();
    f.chempots = f.inverse.transpose() * energy;
    facets_.push_back(std::move(f));
  };

  if (n == 1) {
    add_facet({refs[0]});
  } else {
    // Qhull points: fractions of elements 1..n-1 and the energy, plus one point far
    // above the centroid so that the set is always full-dimensional (as pymatgen does);
    // every facet through that point belongs to the upper hull and is dropped.
    std::vector<double> points;
    double highest = 1.0;
    for (std::size_t i : candidates) {
      for (Eigen::Index k = 1; k < n; ++k) points.push_back(coords_[i][k]);
      points.push_back(entries_[i].e_form);
      highest = std::max(highest, entries_[i].e_form);
    }
    for (Eigen::Index k = 1; k < n; ++k) points.push_back(1.0 / static_cast<double>(n));
    points.push_back(highest + 1.0);
    const int extra = static_cast<int>(candidates.size());
    for (const auto& facet : convex_hull_facets(points, static_cast<int>(n))) {
      if (std::find(facet.vertices.begin(), facet.vertices.end(), extra) != facet.vertices.end()) continue;
      if (facet.normal.back() >= 0.0) continue;  // not a lower facet
      std::vector<std::size_t> vertex_entries;
      for (int v : facet.vertices) vertex_entries.push_back(candidates[v]);
      add_facet(std::move(vertex_entries));
    }
  }

  stable_flag_.assign(entries_.size(), 0);
  for (const auto& f : facets_)
    for (std::size_t i : f.entries) stable_flag_[i] = 1;
  stable_.clear();
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (stable_flag_[i]) stable_.push_back(i);
  spdlog::debug("hull of {}: {} entries, {} candidates, {} lower facets, {} stable", chemsys(), entries_.size(),
                candidates.size(), facets_.size(), stable_.size());
  if (facets_.empty()) throw ThermoError("the hull of " + chemsys() + " has no lower facet");
}

bool PhaseDiagram::is_stable(std::size_t entry) const { return stable_flag_.at(entry) != 0; }

double PhaseDiagram::hull_energy(const Eigen::VectorXd& x) const {
  double best = -std::numeric_limits<double>::infinity();
  for (const auto& f : facets_) best = std::max(best, f.chempots.dot(x));
  return best;
}

std::size_t PhaseDiagram::facet_index(const Eigen::VectorXd& x) const {
  // The lower hull is convex: E_hull(x) is the largest of the facets' planes at x,
  // and a facet whose plane attains it (within rounding) and whose barycentric
  // weights are all non-negative contains x.
  const double top = hull_energy(x);
  std::size_t best = facets_.size();
  double best_min_weight = -std::numeric_limits<double>::infinity();
  for (std::size_t f = 0; f < facets_.size(); ++f) {
    if (facets_[f].chempots.dot(x) < top - kEnergyTie) continue;
    const double min_weight = (facets_[f].inverse * x).minCoeff();
    if (min_weight > best_min_weight) {
      best_min_weight = min_weight;
      best = f;
    }
  }
  if (best == facets_.size()) throw ThermoError("no facet of the hull of " + chemsys() + " contains the composition");
  return best;
}

Decomposition PhaseDiagram::decomposition(const Eigen::VectorXd& x) const {
  const auto& f = facets_[facet_index(x)];
  const Eigen::VectorXd weights = f.inverse * x;
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
  return (above < 0.0 && above > -1e-9) ? 0.0 : above;
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

std::vector<double> PhaseDiagram::line_crossings(const Eigen::VectorXd& x0, const Eigen::VectorXd& x1) const {
  const Eigen::VectorXd d = x1 - x0;
  const double length = d.norm();
  std::vector<double> ts{0.0, 1.0};
  if (length == 0.0) return ts;
  // Each facet holds the segment on the t interval where all barycentric weights
  // a + t b are non-negative; the ends of those intervals are the crossings.
  for (const auto& f : facets_) {
    const Eigen::VectorXd a = f.inverse * x0;
    const Eigen::VectorXd b = f.inverse * d;
    double lo = 0.0, hi = 1.0;
    bool empty = false;
    for (Eigen::Index k = 0; k < a.size() && !empty; ++k) {
      if (std::abs(b[k]) < 1e-14) {
        empty = a[k] < -1e-9;
      } else if (b[k] > 0) {
        lo = std::max(lo, -a[k] / b[k]);
      } else {
        hi = std::min(hi, -a[k] / b[k]);
      }
    }
    if (empty || lo > hi + 1e-9 / length) continue;
    ts.push_back(std::clamp(lo, 0.0, 1.0));
    ts.push_back(std::clamp(hi, 0.0, 1.0));
  }
  std::sort(ts.begin(), ts.end());
  // Unique to 1e-8 in composition space, as pymatgen's get_critical_compositions.
  std::vector<double> unique{ts.front()};
  for (double t : ts)
    if ((t - unique.back()) * length > 1e-8) unique.push_back(t);
  if (unique.back() != 1.0) {
    if ((1.0 - unique.back()) * length <= 1e-8) unique.back() = 1.0; else unique.push_back(1.0);
  }
  return unique;
}

}  // namespace interphase
