#pragma once
/// \file map.hpp
/// The exact (x, V) reaction map of two reactants with one open element.
///
/// At fixed chemical potential a grand facet is a set of phases whose grand
/// points span a lower facet; every Phi is affine in mu and no composition moves,
/// so a facet holds on one mu interval, between the chemical potentials of the
/// element in the closed facets that border it. Between two consecutive such
/// values (of the closed facets that meet the plane of the open element and the
/// two reactants) the grand hull along the mixing line is fixed: the kinks stay
/// at the same x and the products in each x interval do not change. So the
/// (x, V) rectangle is partitioned exactly into rectangles, each with one
/// product set; inside one, the reaction energy is bilinear in (position on the
/// open-element-free mixing line, V). In the mutual form the reactants' own
/// critical voltages also bound rectangles (the end-point energies change slope).
#include <string>
#include <vector>

#include "interphase/reaction/open.hpp"

namespace interphase {

/// One rectangle of the map.
struct MapRegion {
  double x0 = 0, x1 = 0;  ///< atomic fraction of A (open element included), x0 < x1
  double v0 = 0, v1 = 0;  ///< volts, v0 < v1 (mu = -V)
  std::vector<std::string> products;  ///< reduced formulas of the equilibrium phases, sorted
  /// Reaction energy (eV per non-open atom) at the corners (x0,v0), (x1,v0), (x0,v1), (x1,v1).
  double e00 = 0, e10 = 0, e01 = 0, e11 = 0;
};

struct ReactionMap {
  Reactant a, b;
  int open = 3;
  EnergyForm form = EnergyForm::Mutual;
  ReactantEnergy source = ReactantEnergy::Entry;
  double v_from = 0, v_to = 0;
  std::vector<double> voltages;      ///< every voltage where the structure may change, ascending, ends included
  std::vector<MapRegion> regions;    ///< by v0, then x0

  /// The region holding (x, V); on a shared edge, the first one in order.
  /// Throws Error if the point is outside the map.
  const MapRegion& region_at(double x, double v) const;
};

/// The map over V in [v_from, v_to] (open element `z` at mu = -V). `closed` is the
/// closed diagram of the reactants' elements and `z`.
ReactionMap reaction_map(const PhaseDiagram& closed, const Reactant& a, const Reactant& b, int z, double v_from,
                         double v_to, EnergyForm form, ReactantEnergy source = ReactantEnergy::Entry);

}  // namespace interphase
