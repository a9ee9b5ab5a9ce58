#pragma once
/// \file grand.hpp
/// Open elements at fixed chemical potentials: the grand potential phase diagram.
///
/// With formation energies (elements' references at 0) an entry with N_i atoms of
/// each open element i, N_X other atoms and formation energy E per formula unit has
/// the grand potential  Phi = (E - sum_i mu_i N_i) / N_X  per non-open atom.
/// The grand hull is the hull of these Phi over the compositions without the open
/// elements; pure open-element entries drop out. For lithium, mu_Li = -V (V vs Li/Li+).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "interphase/hull/phase_diagram.hpp"

namespace interphase {

/// Open element (atomic number) -> chemical potential relative to its reference, eV/atom.
using ChemPots = std::map<int, double>;

/// Chemical potential of Li at a voltage vs Li/Li+: mu = -V (eV).
inline double li_chempot_from_voltage(double volts) { return -volts; }

/// pymatgen's ideal-gas correction to the chemical potential of a diatomic gas
/// (O, N, Cl, F or H) at temperature (K) and pressure (Pa) relative to the
/// standard state (298.15 K, 1 bar), eV/atom (InterfacialReactivity.get_chempot_correction).
/// Throws Error for other elements or non-positive T or p.
double gas_chempot_correction(int z, double temperature, double pressure);

/// "Li=-3.0" -> {3, -3.0}; throws Error naming the text if malformed.
std::pair<int, double> parse_chempot(const std::string& text);

/// "O=1000,1e5" (element=temperature in K,pressure in Pa) -> {8, gas_chempot_correction(8, 1000, 1e5)};
/// throws Error naming the text if malformed.
std::pair<int, double> parse_gas_chempot(const std::string& text);

/// The chemical potentials of a command line: `open` elements (symbols) at
/// `voltage` (mu = -V; one open element, default Li), plus explicit `mu`
/// ("Li=-3.0") and `gas` ("O=1000,1e5") settings. Throws Error naming what is
/// missing or contradictory (an open element without a potential, one given twice).
ChemPots resolve_chempots(const std::vector<std::string>& open, const std::optional<double>& voltage,
                          const std::vector<std::string>& mu, const std::vector<std::string>& gas);

/// Grand potential per non-open atom of a composition with energy `energy_per_atom`.
/// Throws ThermoError if the composition holds only open elements.
double grand_potential(const Composition& c, double energy_per_atom, const ChemPots& mu);

/// The grand potential phase diagram of a chemical system with some elements open.
class GrandPhaseDiagram {
 public:
  /// `entries`: formation-energy entries (closed system) whose elements lie in
  /// `elements` (the full system, open elements included). Throws ThermoError
  /// if no element is left closed, or an open element is not in the system.
  GrandPhaseDiagram(const std::vector<Entry>& entries, const std::vector<int>& elements, ChemPots mu);

  /// The hull over the closed elements, energies Phi (eV per non-open atom).
  const PhaseDiagram& hull() const { return hull_; }
  /// The entries as they are (open elements included), aligned with hull().entries().
  const std::vector<Entry>& phases() const { return phases_; }
  const ChemPots& chempots() const { return mu_; }
  std::vector<int> open_elements() const;

 private:
  ChemPots mu_;
  std::vector<Entry> phases_;
  PhaseDiagram hull_;
};

}  // namespace interphase
