#include "interphase/hull/stable_set.hpp"

#include <algorithm>
#include <cmath>

#include "interphase/data/database.hpp"
#include "interphase/hull/dataset_stability.hpp"
#include "interphase/error.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

/// Weights at or below this are not products (pymatgen's numerical_tol).
constexpr double kFractionTolerance = tol::kNumericalTol;

Entry implicit_reference(int z) {
  Entry ref;
  ref.id = "reference:" + std::string(element(z).symbol);
  ref.formula = std::string(element(z).symbol);
  ref.composition = Composition({{z, 1.0}});
  return ref;
}

/// Fractions of `c` over `elements`, leaving out the open elements of `open`;
/// ThermoError if c holds an element outside both, or only open ones.
Eigen::VectorXd fractions(const Composition& c, const std::vector<int>& elements, const std::map<int, double>& open) {
  const auto chemsys = [&] { return chemsys_string(elements); };
  Eigen::VectorXd x = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(elements.size()));
  double total = 0.0;
  for (const auto& [z, amount] : c.amounts()) {
    if (open.count(z)) continue;
    const auto it = std::lower_bound(elements.begin(), elements.end(), z);
    if (it == elements.end() || *it != z) {
      throw ThermoError("composition " + c.reduced_formula() + " has " + std::string(element(z).symbol) +
                        ", which is not in the chemical system " + chemsys());
    }
    x[it - elements.begin()] = amount;
    total += amount;
  }
  if (total <= 0.0) throw ThermoError(c.reduced_formula() + " holds only open elements: it has no place in " + chemsys());
  return x / total;
}

}  // namespace

StableSet::StableSet(std::vector<Entry> phases, std::vector<int> elements, EntryLoader all_entries)
    : elements_(std::move(elements)), all_entries_(std::move(all_entries)) {
  auto held = std::make_shared<Phases>();
  for (Entry& e : phases) {
    held->entries.push_back(std::move(e));
    held->names.push_back(PhaseName::of(held->entries.back()));
    held->refs.push_back({&held->entries.back(), &held->names.back()});
  }
  init(std::move(held));
}

StableSet::StableSet(std::vector<PhaseRef> phases, std::shared_ptr<const void> owner, std::vector<int> elements,
                     EntryLoader all_entries)
    : elements_(std::move(elements)), all_entries_(std::move(all_entries)) {
  auto held = std::make_shared<Phases>();
  for (const PhaseRef& p : phases)
    if (!p.entry || !p.name) throw InternalError("a stable set's phase without its entry or name");
  held->refs = std::move(phases);
  held->owner = std::move(owner);
  init(std::move(held));
}

void StableSet::init(std::shared_ptr<Phases> phases) {
  std::sort(elements_.begin(), elements_.end());
  elements_.erase(std::unique(elements_.begin(), elements_.end()), elements_.end());
  if (elements_.empty()) throw ThermoError("a stable set needs at least one element");
  for (int z : elements_) {
    const bool has_reference = std::any_of(phases->refs.begin(), phases->refs.end(), [z](const PhaseRef& p) {
      const Entry& e = *p.entry;
      return e.composition.amounts().size() == 1 && e.composition.amount(z) > 0 && e.e_form <= 0.0;
    });
    if (!has_reference) {
      phases->entries.push_back(implicit_reference(z));
      phases->names.push_back(PhaseName::of(phases->entries.back()));
      phases->refs.push_back({&phases->entries.back(), &phases->names.back()});
    }
  }
  std::vector<Eigen::VectorXd> points;
  energies_.resize(static_cast<Eigen::Index>(phases->refs.size()));
  for (std::size_t i = 0; i < phases->refs.size(); ++i) {
    const Entry& e = *phases->refs[i].entry;
    points.push_back(fractions(e.composition, elements_, open_));
    energies_[static_cast<Eigen::Index>(i)] = e.e_form;
    source_.push_back(i);
    space_atoms_.push_back(e.composition.num_atoms());
  }
  phases_ = std::move(phases);
  build(points);
}

void StableSet::build(const std::vector<Eigen::VectorXd>& points, Eigen::VectorXd slopes) {
  Eigen::MatrixXd matrix(static_cast<Eigen::Index>(elements_.size()), static_cast<Eigen::Index>(points.size()));
  for (std::size_t j = 0; j < points.size(); ++j) matrix.col(static_cast<Eigen::Index>(j)) = points[j];
  lp_ = std::make_unique<HullLP>(std::move(matrix), energies_, std::move(slopes));
}

double StableSet::energy_at_voltage(std::size_t i, int z, double voltage) const {
  if (open_.empty()) return energy(i);
  const Entry& e = entry(i);
  double total = closed().energy(source(i)) * e.composition.num_atoms(), closed_atoms = 0.0;
  for (const auto& [el, amount] : e.composition.amounts()) {
    if (el == z) total += voltage * amount;
    else if (const auto it = open_.find(el); it != open_.end()) total -= it->second * amount;
    else closed_atoms += amount;
  }
  return total / closed_atoms;
}

std::shared_ptr<const StableSet> StableSet::of(const PhaseDiagram& pd) {
  std::vector<Entry> stable;
  for (std::size_t i : pd.stable()) stable.push_back(pd.entries()[i]);
  return std::make_shared<const StableSet>(std::move(stable), pd.elements(),
                                           [all = pd.entries()] { return all; });
}

namespace {

/// Whether an open-only phase of `closed` lies below the reservoir at `mu` (its e - mu.x < 0).
bool reservoir_is_unstable(const StableSet& closed, const std::map<int, double>& mu) {
  for (std::size_t i = 0; i < closed.size(); ++i) {
    const Entry& e = closed.entry(i);
    double below = closed.energy(i) * e.composition.num_atoms();
    bool open_only = true;
    for (const auto& [z, amount] : e.composition.amounts()) {
      const auto it = mu.find(z);
      if (it == mu.end()) {
        open_only = false;
        break;
      }
      below -= it->second * amount;
    }
    if (open_only && below < -tol::kOpenPhaseBelowReservoir * e.composition.num_atoms()) return true;
  }
  return false;
}

/// The hull vertices of every entry of the system that holds a closed element.
std::vector<Entry> vertices_without_open_only_phases(std::vector<Entry> all, const std::map<int, double>& mu) {
  std::erase_if(all, [&](const Entry& e) {
    for (const auto& [z, amount] : e.composition.amounts())
      if (!mu.count(z)) return false;
    return true;
  });
  std::vector<EntryStability> rows;
  compute_stability(all, rows, 1);
  std::vector<Entry> out;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (rows[i].stable) out.push_back(std::move(all[i]));
  return out;
}

}  // namespace

std::shared_ptr<const StableSet> StableSet::grand(std::shared_ptr<const StableSet> closed,
                                                  const std::map<int, double>& mu, int rising, const StableSet* like) {
  if (!closed->open_.empty()) throw ThermoError("a grand set is made from a closed set");
  std::shared_ptr<StableSet> g(new StableSet());
  for (const auto& [z, value] : mu) {
    if (!std::binary_search(closed->elements_.begin(), closed->elements_.end(), z))
      throw ThermoError("open element " + std::string(element(z).symbol) + " is not in the chemical system " +
                        closed->chemsys());
    if (!std::isfinite(value))
      throw ThermoError("chemical potential of " + std::string(element(z).symbol) + " is not a finite number");
  }
  for (int z : closed->elements_)
    if (!mu.count(z)) g->elements_.push_back(z);
  if (g->elements_.empty())
    throw ThermoError("every element of " + closed->chemsys() + " is open: nothing is left to react");
  g->open_ = mu;
  if (rising != 0 && !mu.count(rising))
    throw ThermoError(std::string(element(rising).symbol) + " is not open: no voltage to rise");
  if (reservoir_is_unstable(*closed, mu)) {
    if (!closed->all_entries_) {
      throw ThermoError("at these chemical potentials an open element's own phase lies below the reservoir; the grand "
                        "hull of " + closed->chemsys() + " then needs every entry of the system, not only the stable ones");
    }
    closed = std::make_shared<const StableSet>(vertices_without_open_only_phases(closed->all_entries_(), mu),
                                               closed->elements_);
  }
  // The points depend on which elements are open, not on their potentials: a
  // grand set of the same closed set with the same open ones has them already.
  const bool same_points = like && like->closed_ == closed && like->lp_ && like->open_.size() == mu.size() &&
                           std::equal(mu.begin(), mu.end(), like->open_.begin(),
                                      [](const auto& p, const auto& q) { return p.first == q.first; });
  g->phases_ = closed->phases_;
  std::vector<Eigen::VectorXd> points;
  std::vector<double> energies, slopes;
  for (std::size_t i = 0; i < closed->size(); ++i) {
    const Entry& e = closed->entry(i);
    double energy = closed->energy(i) * e.composition.num_atoms(), closed_atoms = 0.0;
    for (const auto& [z, amount] : e.composition.amounts()) {
      const auto it = mu.find(z);
      if (it != mu.end()) energy -= it->second * amount;
      else closed_atoms += amount;
    }
    if (closed_atoms <= 0.0) continue;  // a pure open element
    if (!same_points) points.push_back(fractions(e.composition, g->elements_, mu));
    energies.push_back(energy / closed_atoms);
    g->space_atoms_.push_back(closed_atoms);
    if (rising != 0) slopes.push_back(e.composition.amount(rising) / closed_atoms);
    g->source_.push_back(closed->source_[i]);
  }
  g->energies_ = Eigen::Map<const Eigen::VectorXd>(energies.data(), static_cast<Eigen::Index>(energies.size()));
  g->closed_ = std::move(closed);
  const Eigen::VectorXd slope = Eigen::Map<const Eigen::VectorXd>(slopes.data(), static_cast<Eigen::Index>(slopes.size()));
  if (same_points) g->lp_ = std::make_unique<HullLP>(like->lp_->points(), g->energies_, slope);
  else g->build(points, slope);
  return g;
}

std::shared_ptr<const StableSet> StableSet::perturbed(const std::shared_ptr<const StableSet>& base,
                                                      const Eigen::VectorXd& shifts) {
  if (!base->open_.empty()) throw ThermoError("only a closed stable set is perturbed");
  if (shifts.size() != static_cast<Eigen::Index>(base->size()))
    throw ThermoError("perturbed stable set: one shift per phase needed");
  std::shared_ptr<StableSet> p(new StableSet());
  p->elements_ = base->elements_;
  p->phases_ = base->phases_;
  p->source_ = base->source_;
  p->space_atoms_ = base->space_atoms_;
  p->all_entries_ = {};  // the grand fallback would read unperturbed energies: refuse it instead
  p->energies_ = base->energies_ + shifts;
  p->lp_ = std::make_unique<HullLP>(base->lp_->points(), p->energies_);
  return p;
}

std::vector<int> StableSet::open_elements() const {
  std::vector<int> out;
  for (const auto& [z, value] : open_) out.push_back(z);
  return out;
}

Eigen::VectorXd StableSet::coordinates(const Composition& c) const {
  if (c.empty()) throw ThermoError("empty composition has no place in a phase diagram");
  return fractions(c, elements_, open_);
}

Decomposition StableSet::decomposition(const Eigen::VectorXd& x) const {
  const HullLP::Result r = lp_->solve(x);
  Decomposition d;
  d.energy = r.energy;
  for (const auto& [j, w] : r.basis)
    if (w > kFractionTolerance) d.parts.push_back({static_cast<std::size_t>(j), w});
  std::stable_sort(d.parts.begin(), d.parts.end(), [](const auto& a, const auto& b) { return a.fraction > b.fraction; });
  return d;
}

Decomposition StableSet::decomposition(const HullLP::Piece& piece, double t) const {
  const Eigen::VectorXd w = piece.weights(t);
  Decomposition d;
  for (std::size_t k = 0; k < piece.basis.size(); ++k) {
    const double f = w[static_cast<Eigen::Index>(k)];
    d.energy += f * energies_[piece.basis[k]];
    if (f > kFractionTolerance) d.parts.push_back({static_cast<std::size_t>(piece.basis[k]), f});
  }
  std::stable_sort(d.parts.begin(), d.parts.end(), [](const auto& a, const auto& b) { return a.fraction > b.fraction; });
  return d;
}

std::shared_ptr<const StableSet> load_stable_set(const Database& db, std::int64_t dataset_id,
                                                 const std::vector<int>& elements) {
  return std::make_shared<const StableSet>(db.stable_entries_in_system(elements, dataset_id), elements,
                                           [path = db.path(), dataset_id, elements] {
                                             return Database(path).entries_in_system(elements, dataset_id);
                                           });
}

}  // namespace interphase
