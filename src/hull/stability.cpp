#include "interphase/hull/stability.hpp"

namespace interphase {

Stability stability(const PhaseDiagram& pd, const Composition& c) {
  Stability s;
  s.composition = c;
  s.decomposition = pd.decomposition(c);
  s.hull_energy = s.decomposition.energy;
  s.lowest = pd.lowest_entry(c);
  if (s.lowest) {
    s.e_form = pd.entries()[*s.lowest].e_form;
    s.e_above_hull = pd.e_above_hull(*s.lowest);
    s.stable = pd.is_stable(*s.lowest);
    if (s.stable) s.decomposition_enthalpy = pd.decomposition_enthalpy(*s.lowest);
  }
  return s;
}

}  // namespace interphase
