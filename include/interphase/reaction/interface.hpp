#pragma once
/// \file interface.hpp
/// Reaction energy of two reactants over their mixing ratio: the mixing line
/// through the hull, its exact kinks, and the balanced reaction at each.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interphase/hull/phase_diagram.hpp"
#include "interphase/reaction/reaction.hpp"

namespace interphase {

/// Which reactant energies the reaction energy subtracts (SCIENCE.md).
enum class EnergyForm {
  Mutual,  ///< hull energies at the reactants' compositions: dE(0) = dE(1) = 0 (Mo's scheme)
  Total,   ///< the reactants' own lowest entries (hull energy where a formula has none, see own_entry)
};
std::string to_string(EnergyForm form);
/// "mutual" or "total"; throws Error otherwise.
EnergyForm parse_energy_form(const std::string& text);

/// A reactant as the user wrote it.
struct Reactant {
  std::string formula;      ///< as given ("Li2Ru1O3")
  Composition composition;  ///< parsed
  static Reactant parse(const std::string& formula) { return {formula, Composition::parse(formula)}; }
};

/// The reaction at one mixing ratio.
struct Kink {
  double x = 0;        ///< atomic fraction of reactant A in the mixture (open elements included)
  double x_molar = 0;  ///< fraction of A's formula units (as written): nA / (nA + nB)
  double x_mass = 0;   ///< mass fraction of A
  double energy = 0;   ///< reaction energy, eV per atom of the mixture (per non-open atom if any is open)
  BalancedReaction reaction;                              ///< per formula unit, x_molar A + (1 - x_molar) B -> ...
  std::vector<std::pair<std::string, double>> products;   ///< reduced formula -> atomic fraction (hull space)
};

/// Where the reaction happens: a hull (closed, or a grand potential hull at fixed
/// chemical potentials), the entries as they are (aligned with hull.entries()),
/// and the open elements (whose atoms the hull's compositions leave out).
struct ReactionSpace {
  const PhaseDiagram* hull = nullptr;
  const std::vector<Entry>* phases = nullptr;
  std::vector<int> open;
};

/// The reaction energy of A and B at every mixing ratio.
class InterfaceReaction {
 public:
  /// `energy_a`, `energy_b`: the reactants' energies per hull-space atom that
  /// the reaction energy subtracts.
  InterfaceReaction(ReactionSpace space, Reactant a, Reactant b, double energy_a, double energy_b);

  const Reactant& a() const { return a_; }
  const Reactant& b() const { return b_; }
  /// Kinks sorted by x, from 0 (pure B) to 1 (pure A).
  const std::vector<Kink>& kinks() const { return kinks_; }
  /// The kink of lowest energy (the first one on a tie, energies within 1e-12 eV tie).
  const Kink& minimum() const;
  /// Reaction energy at atomic fraction x of A.
  double energy_at(double x) const;
  /// Energies subtracted for A and B (per hull-space atom).
  double energy_a() const { return energy_a_; }
  double energy_b() const { return energy_b_; }

  /// x (atomic fraction of A, open elements included) <-> position t on the hull-space line.
  double x_from_position(double t) const;
  double position_from_x(double x) const;
  /// The reaction at atomic fraction x of A (not necessarily a kink).
  Kink at(double x) const;
  /// Atomic fraction x of A at mass fraction w of A.
  double x_from_mass_fraction(double w) const;
  /// Molar and mass fractions of A at atomic fraction x.
  double molar_fraction(double x) const;
  double mass_fraction(double x) const;

 private:
  Kink kink_at(double t) const;

  ReactionSpace space_;
  Reactant a_, b_;
  Composition pa_, pb_;           // hull-space compositions, one atom each
  Eigen::VectorXd xa_, xb_;       // their coordinates
  double fa_ = 1, fb_ = 1;        // non-open atoms per atom of A, B
  double energy_a_ = 0, energy_b_ = 0;
  std::vector<Kink> kinks_;
};

/// The closed-system reaction of A and B in the phase diagram of their elements.
/// Mutual: E_hull at A and B; total: their lowest entries (E_hull where a formula has none).
InterfaceReaction react(const PhaseDiagram& pd, const Reactant& a, const Reactant& b, EnergyForm form);

/// The entry whose energy the total form takes for a reactant: its lowest
/// entry, if that one takes part in the hull (below the elemental references,
/// or a reference itself; pymatgen's rule). A compound whose lowest entry lies
/// at or above the references, or a formula without an entry, has none and
/// takes its hull energy instead.
std::optional<std::size_t> own_entry(const PhaseDiagram& pd, const Composition& c);

/// The reactant energy for the given form in a closed diagram (eV/atom).
double reactant_energy(const PhaseDiagram& pd, const Composition& c, EnergyForm form);

/// Composition without the given elements.
Composition without_elements(const Composition& c, const std::vector<int>& removed);

}  // namespace interphase
