#include "interphase/reaction/interface.hpp"

#include <algorithm>
#include <cmath>

#include "interphase/error.hpp"

namespace interphase {

std::string to_string(EnergyForm form) { return form == EnergyForm::Mutual ? "mutual" : "total"; }

EnergyForm parse_energy_form(const std::string& text) {
  if (text == "mutual") return EnergyForm::Mutual;
  if (text == "total") return EnergyForm::Total;
  throw Error("unknown energy form '" + text + "': expected 'mutual' or 'total'");
}

Composition without_elements(const Composition& c, const std::vector<int>& removed) {
  std::map<int, double> kept;
  for (const auto& [z, amount] : c.amounts())
    if (std::find(removed.begin(), removed.end(), z) == removed.end()) kept[z] = amount;
  return Composition(kept);
}

InterfaceReaction::InterfaceReaction(ReactionSpace space, Reactant a, Reactant b, double energy_a, double energy_b)
    : space_(std::move(space)), a_(std::move(a)), b_(std::move(b)), energy_a_(energy_a), energy_b_(energy_b) {
  if (!space_.hull || !space_.phases) throw ThermoError("reaction space without a hull");
  const Composition ka = without_elements(a_.composition, space_.open);
  const Composition kb = without_elements(b_.composition, space_.open);
  for (const auto* r : {&a_, &b_}) {
    if (without_elements(r->composition, space_.open).empty())
      throw ThermoError("reactant " + r->formula + " holds only open elements: it has no place in the open system");
  }
  pa_ = ka.fractional();
  pb_ = kb.fractional();
  fa_ = ka.num_atoms() / a_.composition.num_atoms();
  fb_ = kb.num_atoms() / b_.composition.num_atoms();
  xa_ = space_.hull->coordinates(pa_);
  xb_ = space_.hull->coordinates(pb_);
  for (double t : space_.hull->line_crossings(xb_, xa_)) kinks_.push_back(kink_at(t));
}

const Kink& InterfaceReaction::minimum() const {
  // The first kink at the lowest energy; energies within 1e-12 eV are a tie
  // (rounding), so "no reaction" reports x = 0 rather than a random end.
  double lowest = kinks_.front().energy;
  for (const auto& k : kinks_) lowest = std::min(lowest, k.energy);
  for (const auto& k : kinks_)
    if (k.energy <= lowest + 1e-12) return k;
  return kinks_.front();
}

double InterfaceReaction::x_from_position(double t) const { return t * fb_ / ((1.0 - t) * fa_ + t * fb_); }

double InterfaceReaction::position_from_x(double x) const { return x * fa_ / ((1.0 - x) * fb_ + x * fa_); }

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

Kink InterfaceReaction::at(double x) const {
  if (!(x >= 0.0 && x <= 1.0)) throw Error("mixing ratio x must lie in [0, 1], got " + std::to_string(x));
  return kink_at(position_from_x(x));
}

double InterfaceReaction::x_from_mass_fraction(double w) const {
  if (!(w >= 0.0 && w <= 1.0)) throw Error("mass fraction must lie in [0, 1], got " + std::to_string(w));
  const double na = w / a_.composition.mass();
  const double nb = (1.0 - w) / b_.composition.mass();
  const double atoms_a = na * a_.composition.num_atoms();
  return atoms_a / (atoms_a + nb * b_.composition.num_atoms());
}

double InterfaceReaction::energy_at(double x) const {
  if (!(x >= 0.0 && x <= 1.0)) throw Error("mixing ratio x must lie in [0, 1], got " + std::to_string(x));
  const double t = position_from_x(x);
  return space_.hull->hull_energy(xb_ + t * (xa_ - xb_)) - t * energy_a_ - (1.0 - t) * energy_b_;
}

Kink InterfaceReaction::kink_at(double t) const {
  const PhaseDiagram& hull = *space_.hull;
  const Eigen::VectorXd point = xb_ + t * (xa_ - xb_);
  const Decomposition d = hull.decomposition(point);
  Kink k;
  k.x = x_from_position(t);
  k.x_molar = molar_fraction(k.x);
  k.x_mass = mass_fraction(k.x);
  // The same evaluation of E_hull as the mutual form's end points, so that those are exactly 0.
  k.energy = hull.hull_energy(point) - t * energy_a_ - (1.0 - t) * energy_b_;

  // Balance per formula unit: x_molar A + (1 - x_molar) B (+ open elements) -> products.
  const double ma = k.x_molar, mb = 1.0 - k.x_molar;
  const double closed_atoms = ma * without_elements(a_.composition, space_.open).num_atoms() +
                              mb * without_elements(b_.composition, space_.open).num_atoms();
  std::vector<ReactionTerm> products;
  std::vector<double> open_in_products(space_.open.size(), 0.0);
  for (const auto& part : d.parts) {
    const Entry& phase = (*space_.phases)[part.entry];
    const double units = part.fraction * closed_atoms / without_elements(phase.composition, space_.open).num_atoms();
    add_term(products, phase.composition, units);
    for (std::size_t i = 0; i < space_.open.size(); ++i)
      open_in_products[i] += units * phase.composition.amount(space_.open[i]);
    k.products.emplace_back(phase.name(), part.fraction);
  }
  add_term(k.reaction.reactants, a_.composition, ma);
  add_term(k.reaction.reactants, b_.composition, mb);
  for (std::size_t i = 0; i < space_.open.size(); ++i) {
    const int z = space_.open[i];
    const double net = open_in_products[i] - ma * a_.composition.amount(z) - mb * b_.composition.amount(z);
    const Composition atom({{z, 1.0}});
    if (net > 0) add_term(k.reaction.reactants, atom, net);
    else add_term(k.reaction.products, atom, -net);
  }
  k.reaction.products.insert(k.reaction.products.end(), products.begin(), products.end());
  return k;
}

std::optional<std::size_t> own_entry(const PhaseDiagram& pd, const Composition& c) {
  const auto lowest = pd.lowest_entry(c);
  if (lowest && pd.in_hull_set(*lowest)) return lowest;
  return std::nullopt;
}

double reactant_energy(const PhaseDiagram& pd, const Composition& c, EnergyForm form) {
  if (form == EnergyForm::Total) {
    if (const auto own = own_entry(pd, c)) return pd.entries()[*own].e_form;
  }
  return pd.hull_energy(c);
}

InterfaceReaction react(const PhaseDiagram& pd, const Reactant& a, const Reactant& b, EnergyForm form) {
  return InterfaceReaction(ReactionSpace{&pd, &pd.entries(), {}}, a, b, reactant_energy(pd, a.composition, form),
                           reactant_energy(pd, b.composition, form));
}

}  // namespace interphase
