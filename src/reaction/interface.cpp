#include "interphase/reaction/interface.hpp"

#include <algorithm>
#include <cmath>

#include "interphase/error.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

/// Kinks closer than this in composition space are one (pymatgen's get_critical_compositions).
constexpr double kKinkDistance = tol::kNumericalTol;
/// Below the elemental references by more than this, an entry takes part in the hull (pymatgen's value).
constexpr double kFormationTolerance = tol::kFormationEnergyTol;

}  // namespace

std::string to_string(EnergyForm form) { return form == EnergyForm::Mutual ? "mutual" : "total"; }

EnergyForm parse_energy_form(const std::string& text) {
  if (text == "mutual") return EnergyForm::Mutual;
  if (text == "total") return EnergyForm::Total;
  throw Error("unknown energy form '" + text + "': expected 'mutual' or 'total'");
}

std::string to_string(ReactantEnergy source) { return source == ReactantEnergy::Entry ? "entry" : "hull"; }

ReactantEnergy parse_reactant_energy(const std::string& text) {
  if (text == "entry") return ReactantEnergy::Entry;
  if (text == "hull") return ReactantEnergy::Hull;
  throw Error("unknown reactant energy '" + text + "': expected 'entry' or 'hull'");
}

std::vector<std::string> product_set(const Kink& k) {
  std::vector<std::string> out;
  for (const auto& [name, fraction] : k.products) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

Composition without_elements(const Composition& c, const std::vector<int>& removed) {
  std::map<int, double> kept;
  for (const auto& [z, amount] : c.amounts())
    if (std::find(removed.begin(), removed.end(), z) == removed.end()) kept[z] = amount;
  return Composition(kept);
}

InterfaceReaction::InterfaceReaction(std::shared_ptr<const StableSet> space, Reactant a, Reactant b,
                                     std::optional<double> energy_a, std::optional<double> energy_b)
    : InterfaceReaction(std::move(space), std::move(a), std::move(b), energy_a, energy_b, Kinks::All) {}

InterfaceReaction::InterfaceReaction(std::shared_ptr<const StableSet> space, Reactant a, Reactant b,
                                     std::optional<double> energy_a, std::optional<double> energy_b, Kinks wanted)
    : space_(std::move(space)), a_(std::move(a)), b_(std::move(b)) {
  if (!space_) throw ThermoError("reaction without a stable set");
  open_ = space_->open_elements();
  for (const auto* r : {&a_, &b_}) {
    if (without_elements(r->composition, open_).empty())
      throw ThermoError("reactant " + r->formula + " holds only open elements: it has no place in the open system");
  }
  closed_atoms_a_ = without_elements(a_.composition, open_).num_atoms();
  closed_atoms_b_ = without_elements(b_.composition, open_).num_atoms();
  fa_ = closed_atoms_a_ / a_.composition.num_atoms();
  fb_ = closed_atoms_b_ / b_.composition.num_atoms();
  reduced_a_ = a_.composition.reduced_formula_and_factor();
  reduced_b_ = b_.composition.reduced_formula_and_factor();
  xa_ = space_->coordinates(a_.composition);
  xb_ = space_->coordinates(b_.composition);
  pieces_ = space_->along(xb_, xa_);
  energy_a_ = energy_a ? *energy_a : space_->lp().energy(pieces_.back(), 1.0);
  energy_b_ = energy_b ? *energy_b : space_->lp().energy(pieces_.front(), 0.0);
  // The kinks' positions on the line, each with its piece.
  struct Position {
    double t;
    std::size_t piece;
  };
  std::vector<Position> positions;
  const double length = (xa_ - xb_).norm();
  const auto last_t = [&] { return position_from_x(x_from_position(positions.back().t)); };
  for (std::size_t k = 0; k < pieces_.size(); ++k) {
    // The line starts at B: t = 0 exactly (the first piece may start a rounding
    // error later), so that x and the mutual energy there are exactly 0.
    const double t = k == 0 ? 0.0 : pieces_[k].t0;
    if (!positions.empty() && (t - last_t()) * length <= kKinkDistance) continue;
    positions.push_back({t, k});
  }
  // The end at A: on the last piece (a kink within kKinkDistance of it is the end itself).
  if (positions.size() > 1 && (1.0 - last_t()) * length <= kKinkDistance) positions.pop_back();
  positions.push_back({1.0, pieces_.size() - 1});
  if (wanted == Kinks::All) {
    for (const Position& p : positions) kinks_.push_back(kink_at(p.t, pieces_[p.piece]));
    return;
  }
  // The energies exactly as kink_at evaluates them, and minimum()'s rule on them.
  std::vector<double> energies;
  for (const Position& p : positions) energies.push_back(energy_at_position(p.t, pieces_[p.piece]));
  const double lowest = *std::min_element(energies.begin(), energies.end());
  std::size_t k = 0;
  while (!(energies[k] <= lowest + tol::kMinimumEnergyTie)) ++k;
  kinks_.push_back(kink_at(positions[k].t, pieces_[positions[k].piece]));
}

const Kink& InterfaceReaction::minimum() const {
  // The first kink at the lowest energy; energies within tol::kMinimumEnergyTie are a tie
  // (rounding), so "no reaction" reports x = 0 rather than a random end.
  double lowest = kinks_.front().energy;
  for (const auto& k : kinks_) lowest = std::min(lowest, k.energy);
  for (const auto& k : kinks_)
    if (k.energy <= lowest + tol::kMinimumEnergyTie) return k;
  return kinks_.front();
}

double energy_kj_per_mol(const Kink& k) { return k.energy * k.reaction_atoms * kEvToKjPerMol; }

double position_from_x(double x, double fa, double fb) { return x * fa / ((1.0 - x) * fb + x * fa); }

double x_from_position(double t, double fa, double fb) { return t * fb / ((1.0 - t) * fa + t * fb); }

double InterfaceReaction::x_from_position(double t) const { return interphase::x_from_position(t, fa_, fb_); }

double InterfaceReaction::position_from_x(double x) const { return interphase::position_from_x(x, fa_, fb_); }

double InterfaceReaction::molar_fraction(double x) const {
  const double na = x / a_.composition.num_atoms();
  const double nb = (1.0 - x) / b_.composition.num_atoms();
  return na / (na + nb);
}

double InterfaceReaction::mass_fraction(double x) const {
  const double m = molar_fraction(x);
  const double ma = m * a_.composition.mass();
  return ma / (ma + (1.0 - m) * b_.composition.mass());
}

const HullLP::Piece& InterfaceReaction::piece_at(double t) const {
  for (const auto& p : pieces_)
    if (t <= p.t1) return p;
  return pieces_.back();
}

Kink InterfaceReaction::at(double x) const {
  if (!(x >= 0.0 && x <= 1.0)) throw Error("mixing ratio x must lie in [0, 1], got " + std::to_string(x));
  const double t = position_from_x(x);
  return kink_at(t, piece_at(t));
}

double x_from_mass_fraction(const Composition& a, const Composition& b, double w) {
  if (!(w >= 0.0 && w <= 1.0)) throw Error("mass fraction must lie in [0, 1], got " + std::to_string(w));
  const double na = w / a.mass();
  const double nb = (1.0 - w) / b.mass();
  const double atoms_a = na * a.num_atoms();
  return atoms_a / (atoms_a + nb * b.num_atoms());
}

double InterfaceReaction::x_from_mass_fraction(double w) const {
  return interphase::x_from_mass_fraction(a_.composition, b_.composition, w);
}

Kink composite_point(const InterfaceReaction& r, double mass_fraction) {
  return r.at(r.x_from_mass_fraction(mass_fraction));
}

double InterfaceReaction::energy_at(double x) const {
  if (!(x >= 0.0 && x <= 1.0)) throw Error("mixing ratio x must lie in [0, 1], got " + std::to_string(x));
  const double t = position_from_x(x);
  return space_->lp().energy(piece_at(t), t) - t * energy_a_ - (1.0 - t) * energy_b_;
}

double InterfaceReaction::energy_at_position(double t, const HullLP::Piece& piece) const {
  // The same evaluation of E_hull as the mutual form's end points, so that those are exactly 0.
  return space_->lp().energy(piece, t) - t * energy_a_ - (1.0 - t) * energy_b_;
}

Kink InterfaceReaction::kink_at(double t, const HullLP::Piece& piece) const {
  const StableSet& space = *space_;
  const auto& open = open_;
  const Decomposition d = space.decomposition(piece, t);
  Kink k;
  k.x = x_from_position(t);
  k.x_molar = molar_fraction(k.x);
  k.x_mass = mass_fraction(k.x);
  k.energy = energy_at_position(t, piece);

  // Balance per formula unit: x_molar A + (1 - x_molar) B (+ open elements) -> products.
  const double ma = k.x_molar, mb = 1.0 - k.x_molar;
  const double closed_atoms = ma * closed_atoms_a_ + mb * closed_atoms_b_;
  k.reaction_atoms = closed_atoms;
  std::vector<ReactionTerm> products;
  std::vector<double> open_in_products(open.size(), 0.0);
  for (const auto& part : d.parts) {
    const Entry& phase = space.entry(part.entry);
    const double units = part.fraction * closed_atoms / space.space_atoms(part.entry);
    const auto& [formula, factor] = space.reduced(part.entry);
    add_term(products, formula, factor, units);
    for (std::size_t i = 0; i < open.size(); ++i) open_in_products[i] += units * phase.composition.amount(open[i]);
    k.products.emplace_back(space.name(part.entry), part.fraction);
  }
  add_term(k.reaction.reactants, reduced_a_.first, reduced_a_.second, ma);
  add_term(k.reaction.reactants, reduced_b_.first, reduced_b_.second, mb);
  for (std::size_t i = 0; i < open.size(); ++i) {
    const int z = open[i];
    const double net = open_in_products[i] - ma * a_.composition.amount(z) - mb * b_.composition.amount(z);
    const Composition atom({{z, 1.0}});
    if (net > 0) add_term(k.reaction.reactants, atom, net);
    else add_term(k.reaction.products, atom, -net);
  }
  k.reaction.products.insert(k.reaction.products.end(), products.begin(), products.end());
  return k;
}

double reactant_energy(const StableSet& closed, const StableSet& space, const Reactant& r,
                       const ReactionOptions& options) {
  if (options.form == EnergyForm::Mutual) return space.hull_energy(r.composition);
  const bool own = options.open.empty() || options.source == ReactantEnergy::Entry;
  const double energy = own && r.own_energy ? *r.own_energy : closed.hull_energy(r.composition);
  if (options.open.empty()) return energy;
  // grand_potential names the reduced formula of a composition without closed elements; name the reactant as written.
  const auto& amounts = r.composition.amounts();
  if (std::all_of(amounts.begin(), amounts.end(), [&](const auto& a) { return options.open.count(a.first) > 0; }))
    throw ThermoError(r.formula + " holds only open elements: it has no grand potential per atom");
  return grand_potential(r.composition, energy, options.open);
}

InterfaceReaction react(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b,
                        const ReactionOptions& options) {
  if (!closed->open().empty()) throw ThermoError("react takes the closed stable set; open elements go in the options");
  auto space = options.open.empty() ? closed : StableSet::grand(closed, options.open);
  return react_in(closed, std::move(space), a, b, options);
}

namespace {

InterfaceReaction react_with(const std::shared_ptr<const StableSet>& closed, std::shared_ptr<const StableSet> space,
                             Reactant a, Reactant b, const ReactionOptions& options, InterfaceReaction::Kinks kinks) {
  if (options.form == EnergyForm::Mutual)
    return InterfaceReaction(std::move(space), std::move(a), std::move(b), std::nullopt, std::nullopt, kinks);
  const double ea = reactant_energy(*closed, *space, a, options), eb = reactant_energy(*closed, *space, b, options);
  return InterfaceReaction(std::move(space), std::move(a), std::move(b), ea, eb, kinks);
}

}  // namespace

InterfaceReaction react_in(const std::shared_ptr<const StableSet>& closed, std::shared_ptr<const StableSet> space,
                           const Reactant& a, const Reactant& b, const ReactionOptions& options) {
  return react_with(closed, std::move(space), a, b, options, InterfaceReaction::Kinks::All);
}

Kink reaction_minimum(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b,
                      const ReactionOptions& options) {
  if (!closed->open().empty()) throw ThermoError("react takes the closed stable set; open elements go in the options");
  auto space = options.open.empty() ? closed : StableSet::grand(closed, options.open);
  return reaction_minimum_in(closed, std::move(space), a, b, options);
}

Kink reaction_minimum_in(const std::shared_ptr<const StableSet>& closed, std::shared_ptr<const StableSet> space,
                         const Reactant& a, const Reactant& b, const ReactionOptions& options) {
  // The reaction is only a means to its minimum kink, which needs neither reactant's own entry: not copied.
  const auto light = [](const Reactant& r) { return Reactant{r.formula, r.composition, r.own_energy, std::nullopt}; };
  return react_with(closed, std::move(space), light(a), light(b), options, InterfaceReaction::Kinks::Minimum)
      .kinks()
      .front();
}

std::optional<double> own_energy(const StableSet& closed, const Composition& c, const std::optional<Entry>& lowest) {
  if (!lowest) return std::nullopt;
  const Eigen::VectorXd x = closed.coordinates(c);
  double references = 0.0;
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    if (x[k] == 0.0) continue;
    double ref = 0.0;
    bool found = false;
    const Eigen::MatrixXd& points = closed.lp().points();
    for (std::size_t i = 0; i < closed.size(); ++i) {
      if (points(k, static_cast<Eigen::Index>(i)) == 1.0 && (!found || closed.energy(i) < ref)) {
        ref = closed.energy(i);
        found = true;
      }
    }
    references += x[k] * ref;
  }
  if (c.amounts().size() == 1) return lowest->e_form <= references ? std::optional<double>(lowest->e_form) : std::nullopt;
  if (lowest->e_form - references < -kFormationTolerance) return lowest->e_form;
  return std::nullopt;
}

std::optional<std::size_t> own_entry(const PhaseDiagram& pd, const Composition& c) {
  const auto lowest = pd.lowest_entry(c);
  if (lowest && pd.in_hull_set(*lowest)) return lowest;
  return std::nullopt;
}

Reactant reactant_from(const Database& db, std::int64_t dataset_id, const StableSet& closed, const std::string& formula) {
  Reactant r = Reactant::parse(formula);
  const auto lowest = db.lowest_entry(dataset_id, r.composition);
  r.own_energy = own_energy(closed, r.composition, lowest);
  if (r.own_energy) r.own_entry = lowest;
  return r;
}

Reactant reactant_in(const PhaseDiagram& pd, const std::string& formula) {
  Reactant r = Reactant::parse(formula);
  if (const auto own = own_entry(pd, r.composition)) {
    r.own_energy = pd.entries()[*own].e_form;
    r.own_entry = pd.entries()[*own];
  }
  return r;
}

}  // namespace interphase
