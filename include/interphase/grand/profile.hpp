#pragma once
/// \file profile.hpp
/// The element profile of one composition (its phase equilibria as an open
/// element's chemical potential falls from the element's own, mu = 0) and the
/// electrochemical stability window that follows from it (Zhu, He and Mo, 2015).
#include <optional>
#include <vector>

#include "interphase/hull/stable_set.hpp"

namespace interphase {

/// One step of an element profile: from chemical potential `mu` down to the next
/// step's, the composition is in equilibrium with `phases`, exchanging
/// `evolution` atoms of the open element per formula unit: > 0 taken up from
/// the reservoir, < 0 given off (pymatgen's sign).
struct ProfileStep {
  double mu = 0;                     ///< eV, relative to the element's reference
  double voltage = 0;                ///< -mu (V vs M/M+ for a monovalent M such as Li)
  double evolution = 0;              ///< open-element atoms taken up per formula unit (< 0: given off)
  std::vector<std::size_t> phases;   ///< indices into the closed set
};

/// pymatgen's get_element_profile: steps ordered by falling mu (rising voltage),
/// the first at mu = 0. `closed` is the closed stable set holding the element:
/// the ray from the pure element to the composition without it crosses the
/// hull's facets, each crossing a step at the facet's chemical potential.
std::vector<ProfileStep> element_profile(const StableSet& closed, int element, const Composition& c);

/// The stability window: the voltage range in which the equilibrium at the
/// composition exchanges none of the open element. A composition inside a facet
/// (a mixture of more phases than its elements need, e.g. a metastable compound
/// with no phase equilibrium of its own) takes up the element below one voltage
/// and gives it off above: its window is that single voltage.
struct Window {
  std::optional<double> reduction;   ///< lower end, V (reduction onset); absent if none
  std::optional<double> oxidation;   ///< upper end, V (oxidation onset); absent if unbounded
  std::vector<std::size_t> phases;           ///< equilibrium inside the window
  std::vector<std::size_t> reduced_phases;   ///< just below the window
  std::vector<std::size_t> oxidized_phases;  ///< just above the window
  bool found = false;                ///< false: the composition gives off the element at every voltage
  bool single_voltage = false;       ///< reduction == oxidation: stable at one voltage only
};

/// The window from a profile (its zero-evolution step: tolerance 1e-6 atoms).
Window stability_window(const std::vector<ProfileStep>& profile);

}  // namespace interphase
