#pragma once
/// \file stability.hpp
/// Stability of one composition against a phase diagram: the `decompose` query.
#include <optional>
#include <string>
#include <vector>

#include "interphase/hull/phase_diagram.hpp"

namespace interphase {

struct Stability {
  Composition composition;                 ///< as queried
  std::optional<std::size_t> lowest;       ///< lowest entry of that composition, if any
  double hull_energy = 0;                  ///< E_hull at the composition, eV/atom
  std::optional<double> e_form;            ///< the lowest entry's formation energy
  std::optional<double> e_above_hull;      ///< e_form - hull_energy
  std::optional<double> decomposition_enthalpy;  ///< for a stable entry (< 0)
  bool stable = false;                     ///< the lowest entry is a hull vertex
  Decomposition decomposition;             ///< products at the composition
};

/// Evaluate `c` against `pd`.
Stability stability(const PhaseDiagram& pd, const Composition& c);

}  // namespace interphase
