#pragma once
/// \file interface.hpp
/// Reaction energy of two reactants over their mixing ratio: the mixing line
/// through the hull, its exact kinks, and the balanced reaction at each.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/grand/grand.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/reaction/reaction.hpp"

namespace interphase {

/// Which reactant energies the reaction energy subtracts (SCIENCE.md).
enum class EnergyForm {
  Mutual,  ///< hull energies at the reactants' compositions: dE(0) = dE(1) = 0 (Mo's scheme)
  Total,   ///< the reactants' own lowest entries (hull energy where a formula has none, see own_energy)
};
std::string to_string(EnergyForm form);
/// "mutual" or "total"; throws Error otherwise.
EnergyForm parse_energy_form(const std::string& text);

/// Where the total form takes the reactants' closed-system energies from when elements are open.
enum class ReactantEnergy {
  Entry,  ///< their own lowest entries (E_hull where a formula has none); pymatgen use_hull_energy=False
  Hull,   ///< their closed hull energies; pymatgen use_hull_energy=True
};
std::string to_string(ReactantEnergy source);
/// "entry" or "hull"; throws Error otherwise.
ReactantEnergy parse_reactant_energy(const std::string& text);

/// A reactant as the user wrote it.
struct Reactant {
  std::string formula;      ///< as given ("Li2Ru1O3")
  Composition composition;  ///< parsed
  /// Formation energy (eV/atom) of its own lowest entry when that entry takes
  /// part in the hull (see own_energy): what the total form subtracts. None:
  /// the hull energy at its composition.
  std::optional<double> own_energy;
  /// The entry own_energy comes from, when known (what its uncertainty refers to).
  std::optional<Entry> own_entry;
  static Reactant parse(const std::string& formula) {
    return {formula, Composition::parse(formula), std::nullopt, std::nullopt};
  }
};

/// How a reaction is computed.
struct ReactionOptions {
  EnergyForm form = EnergyForm::Mutual;
  ReactantEnergy source = ReactantEnergy::Entry;  ///< total form with open elements
  ChemPots open;                                  ///< open elements at these potentials; empty: closed
};

/// eV -> kJ/mol: pymatgen's InterfacialReactivity.EV_TO_KJ_PER_MOL (2022.11.7), kept
/// as it is (CODATA's Faraday constant gives 96.485332) so that energies per
/// reaction formula agree with pymatgen's get_kinks() and the Materials Project
/// Interface Reactions app.
inline constexpr double kEvToKjPerMol = 96.4853;

/// The reaction at one mixing ratio.
struct Kink {
  double x = 0;        ///< atomic fraction of reactant A in the mixture (open elements included)
  double x_molar = 0;  ///< fraction of A's formula units (as written): nA / (nA + nB)
  double x_mass = 0;   ///< mass fraction of A
  double energy = 0;   ///< reaction energy, eV per atom of the mixture (per non-open atom if any is open)
  BalancedReaction reaction;                              ///< per formula unit, x_molar A + (1 - x_molar) B -> ...
  /// Atoms of non-open elements in the reaction's formula, x_molar A + (1 - x_molar) B
  /// (A and B as written): what energy_kj_per_mol multiplies the energy by.
  double reaction_atoms = 0;
  std::vector<std::pair<std::string, double>> products;   ///< reduced formula -> atomic fraction (space atoms)
};

/// The reaction energy per mole of the kink's reaction formula (kJ/mol):
/// energy x reaction_atoms x kEvToKjPerMol. pymatgen's energy_per_rxn_formula,
/// the 5th element of InterfacialReactivity.get_kinks(): with open elements
/// only the non-open atoms count, as GrandPotentialInterfacialReactivity counts
/// them (the energy is per non-open atom), so the open element exchanged with
/// the reservoir adds none.
double energy_kj_per_mol(const Kink& k);

/// The reaction energy of A and B at every mixing ratio.
class InterfaceReaction {
 public:
  /// The reaction of `a` and `b` in `space` (a closed or a grand stable set),
  /// subtracting `energy_a` and `energy_b` per atom of the space; none: the
  /// hull energy at that reactant, evaluated exactly as the kinks are (the
  /// mutual form's ends then come out exactly 0).
  InterfaceReaction(std::shared_ptr<const StableSet> space, Reactant a, Reactant b, std::optional<double> energy_a,
                    std::optional<double> energy_b);

  /// Which kinks a reaction builds: all, or only the minimum (kinks() then
  /// holds that one; its energies are those of the whole set, bit for bit).
  enum class Kinks { All, Minimum };
  InterfaceReaction(std::shared_ptr<const StableSet> space, Reactant a, Reactant b, std::optional<double> energy_a,
                    std::optional<double> energy_b, Kinks kinks);

  const Reactant& a() const { return a_; }
  const Reactant& b() const { return b_; }
  const StableSet& space() const { return *space_; }
  /// Kinks sorted by x, from 0 (pure B) to 1 (pure A).
  const std::vector<Kink>& kinks() const { return kinks_; }
  /// The kink of lowest energy (the first one on a tie, energies within 1e-12 eV tie).
  const Kink& minimum() const;
  /// Reaction energy at atomic fraction x of A.
  double energy_at(double x) const;
  /// Energies subtracted for A and B (per space atom).
  double energy_a() const { return energy_a_; }
  double energy_b() const { return energy_b_; }

  /// x (atomic fraction of A, open elements included) <-> position t on the space's line.
  double x_from_position(double t) const;
  double position_from_x(double x) const;
  /// The reaction at atomic fraction x of A (not necessarily a kink).
  Kink at(double x) const;
  /// Atomic fraction x of A at mass fraction w of A.
  double x_from_mass_fraction(double w) const;
  /// Molar and mass fractions of A at atomic fraction x.
  double molar_fraction(double x) const;
  double mass_fraction(double x) const;
  /// The lower hull along the line, piece by piece (t from B to A).
  const std::vector<HullLP::Piece>& pieces() const { return pieces_; }
  /// The piece holding position t (the first on a boundary between two; the last past the end).
  const HullLP::Piece& piece_at(double t) const;

 private:
  Kink kink_at(double t, const HullLP::Piece& piece) const;
  double energy_at_position(double t, const HullLP::Piece& piece) const;

  std::shared_ptr<const StableSet> space_;
  Reactant a_, b_;
  Eigen::VectorXd xa_, xb_;       // the reactants in the space, one atom each
  double fa_ = 1, fb_ = 1;        // space atoms per atom of A, B
  double closed_atoms_a_ = 1, closed_atoms_b_ = 1;  // space atoms per formula unit of A, B
  std::pair<std::string, double> reduced_a_, reduced_b_;
  std::vector<int> open_;
  double energy_a_ = 0, energy_b_ = 0;
  std::vector<HullLP::Piece> pieces_;
  std::vector<Kink> kinks_;
};

/// The reaction of A and B in the closed stable set `closed` of their elements
/// (and the open ones): closed, or with `options.open` at fixed chemical
/// potentials (energies then per non-open atom; x still counts all atoms).
/// Mutual: the reactants at the hull (grand hull) energies of their
/// compositions; total: their own energies (Reactant::own_energy, else the
/// closed hull energy; with open elements as ReactantEnergy says), transformed
/// to grand potentials.
InterfaceReaction react(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b,
                        const ReactionOptions& options = {});

/// As react, in a space already made from `closed`: `closed` itself, or
/// StableSet::grand(closed, options.open, ...).
InterfaceReaction react_in(const std::shared_ptr<const StableSet>& closed, std::shared_ptr<const StableSet> space,
                           const Reactant& a, const Reactant& b, const ReactionOptions& options);

/// react(closed, a, b, options).minimum(), the same kink bit for bit, without
/// building the other kinks' products and reactions (the reaction at many
/// voltages, when only its lowest point is wanted).
Kink reaction_minimum(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b,
                      const ReactionOptions& options = {});
/// As reaction_minimum, in a space already made from `closed` (as react_in).
Kink reaction_minimum_in(const std::shared_ptr<const StableSet>& closed, std::shared_ptr<const StableSet> space,
                         const Reactant& a, const Reactant& b, const ReactionOptions& options);

/// The energy the reaction subtracts for a reactant, per atom of `space`
/// (closed, or the grand set of `closed`).
double reactant_energy(const StableSet& closed, const StableSet& space, const Reactant& r, const ReactionOptions& options);

/// pymatgen's rule for the energy the total form takes: the lowest entry of the
/// composition if it lies below the elemental references of `closed` by more
/// than 1e-11 eV/atom, or is the reference of a pure element; otherwise none
/// (the hull energy is taken). `lowest` is that entry, if the data has one.
std::optional<double> own_energy(const StableSet& closed, const Composition& c, const std::optional<Entry>& lowest);

/// A reactant with its own energy from the lowest entry of its composition in
/// a data set (`closed`: the closed stable set it reacts in).
Reactant reactant_from(const Database& db, std::int64_t dataset_id, const StableSet& closed, const std::string& formula);

/// The same from a phase diagram (all entries in memory): the index of the
/// entry the total form takes for a composition (PhaseDiagram::in_hull_set).
std::optional<std::size_t> own_entry(const PhaseDiagram& pd, const Composition& c);
/// A reactant with its own energy looked up in a phase diagram.
Reactant reactant_in(const PhaseDiagram& pd, const std::string& formula);

/// The reduced formulas of a kink's products, sorted: its product set.
std::vector<std::string> product_set(const Kink& k);

/// Composition without the given elements.
Composition without_elements(const Composition& c, const std::vector<int>& removed);

/// The mixing line's two coordinates: atomic fraction x of A (open elements
/// included) and position t on the open-element-free line (0 at B, 1 at A),
/// for reactants with `fa` and `fb` atoms of closed elements per atom (both 1
/// when nothing is open). Each is the other's inverse.
double position_from_x(double x, double fa, double fb);
double x_from_position(double t, double fa, double fb);

/// Atomic fraction x of A in the mixture of mass fraction w of A (Error unless 0 <= w <= 1).
double x_from_mass_fraction(const Composition& a, const Composition& b, double w);

/// The reaction at the composite of mass fraction `mass_fraction` of A (the
/// experiment's electrode: 0.3), as InterfaceReaction::at gives it.
Kink composite_point(const InterfaceReaction& r, double mass_fraction);

}  // namespace interphase
