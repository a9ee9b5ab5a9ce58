#pragma once
/// \file map.hpp
/// The exact (x, V) reaction map of two reactants with one open element.
///
/// At fixed chemical potential a grand facet is a set of phases whose grand
/// points span a lower facet; every Phi is affine in mu and no composition moves,
/// so a facet holds on one mu interval. Along the mixing line the optimal bases
/// (the grand facets the line crosses) therefore stay optimal up to the
/// voltage where some other phase's reduced cost, affine in V, reaches zero:
/// the map walks up in V from one such event to the next, each interval's
/// bases found at its lower end with ties broken toward higher voltage. So the
/// (x, V) rectangle is partitioned exactly into rectangles, each with one
/// product set; inside one, the reaction energy is bilinear in (position on the
/// open-element-free mixing line, V). In the mutual form the reactants' own
/// critical voltages (where the bases at the ends change) also bound
/// rectangles, since the end-point energies change slope there.
#include <memory>
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

/// One voltage interval of the map with its kinks: the kinks' x, reactions and
/// products hold on the whole interval; their energies are linear in V.
struct MapColumn {
  double v0 = 0, v1 = 0;
  std::vector<Kink> kinks;     ///< energies at v0
  std::vector<double> at_v1;   ///< each kink's energy at v1
  /// The kinks' energies at V (v0 <= V <= v1).
  double energy(std::size_t kink, double voltage) const;
};

struct ReactionMap {
  Reactant a, b;
  int open = kLithium;
  EnergyForm form = EnergyForm::Mutual;
  ReactantEnergy source = ReactantEnergy::Entry;
  double v_from = 0, v_to = 0;
  std::vector<double> voltages;      ///< every voltage where the bases along the line change, ascending, ends included
  std::vector<MapColumn> columns;    ///< one per interval between consecutive voltages
  std::vector<MapRegion> regions;    ///< by v0, then x0

  /// The region holding (x, V); on a shared edge, the first one in order.
  /// Throws Error if the point is outside the map.
  const MapRegion& region_at(double x, double v) const;
  /// The column holding V (the upper one at a voltage where two meet).
  const MapColumn& column_at(double v) const;
};

/// The reaction energy at (x, V) in `column` of `map` (column.v0 <= V <= column.v1):
/// linear in the position on the open-element-free mixing line between the
/// kinks around x, the kinks' energies linear in V.
double column_energy(const ReactionMap& map, const MapColumn& column, double x, double voltage);

/// The reaction energy at (x, V) read off the exact map: column_energy in the column holding V.
double map_energy(const ReactionMap& map, double x, double voltage);

/// The map over V in [v_from, v_to] (open element `z` at mu = -V). `closed` is
/// the closed stable set of the reactants' elements and `z`; options.form and
/// options.source apply (options.open is ignored).
ReactionMap reaction_map(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b, int z,
                         double v_from, double v_to, const ReactionOptions& options = {});

}  // namespace interphase
