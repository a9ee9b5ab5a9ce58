#pragma once
/// \file open.hpp
/// Reactions with open elements at fixed chemical potentials, and voltage sweeps.
#include <memory>
#include <string>
#include <vector>

#include "interphase/grand/grand.hpp"
#include "interphase/reaction/interface.hpp"

namespace interphase {

/// Where the total form takes the reactants' closed-system energies from.
enum class ReactantEnergy {
  Entry,  ///< their own lowest entries (E_hull where a formula has none); pymatgen use_hull_energy=False
  Hull,   ///< their closed hull energies; pymatgen use_hull_energy=True
};
std::string to_string(ReactantEnergy source);
/// "entry" or "hull"; throws Error otherwise.
ReactantEnergy parse_reactant_energy(const std::string& text);

/// The reaction of A and B with open elements at chemical potentials `mu`.
/// Energies are per non-open atom; x is the atomic fraction of A in the original
/// reactants (open elements included). Mutual: the grand hull at the reactants'
/// projected compositions (ends at 0); total: the reactants' closed energies,
/// transformed to grand potentials (pymatgen's include_no_mixing_energy=True).
class OpenReaction {
 public:
  /// `closed`: the closed diagram of the reactants' elements and the open ones.
  OpenReaction(const PhaseDiagram& closed, const Reactant& a, const Reactant& b, const ChemPots& mu, EnergyForm form,
               ReactantEnergy source = ReactantEnergy::Entry);
  const GrandPhaseDiagram& grand() const { return *grand_; }
  const InterfaceReaction& reaction() const { return *reaction_; }

 private:
  std::unique_ptr<GrandPhaseDiagram> grand_;
  std::unique_ptr<InterfaceReaction> reaction_;
};

/// The energy a reactant contributes at chemical potentials `mu` (eV per non-open atom).
double open_reactant_energy(const PhaseDiagram& closed, const GrandPhaseDiagram& grand, const Composition& c,
                            EnergyForm form, ReactantEnergy source);

/// The minimum reaction energy at one voltage.
struct SweepRow {
  double voltage = 0;
  Kink minimum;
};

/// The minimum over x at each voltage (open element `z` at mu = -V).
std::vector<SweepRow> voltage_sweep(const PhaseDiagram& closed, const Reactant& a, const Reactant& b, int z,
                                    const std::vector<double>& voltages, EnergyForm form,
                                    ReactantEnergy source = ReactantEnergy::Entry);

/// Voltages from `from` to `to` (inclusive, within 1e-9) in steps of `step`;
/// throws Error if step <= 0 or to < from.
std::vector<double> voltage_grid(double from, double to, double step);

}  // namespace interphase
