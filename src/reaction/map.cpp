#include "interphase/reaction/map.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "interphase/error.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

/// Voltages closer than this are one event (V).
constexpr double kVoltTol = tol::kMapVoltageTol;
/// Slopes of reduced costs (eV per non-open atom per V) above -kSlopeTol do not fall.
constexpr double kSlopeTol = tol::kMapSlopeTol;
/// Regions hold points, and match bounds, within this.
constexpr double kRegionTol = tol::kMapRegionTol;

/// The highest voltage up to which every basis along the line stays optimal.
double validity_end(const StableSet& grand, const InterfaceReaction& r, double v0) {
  double end = std::numeric_limits<double>::infinity();
  for (const auto& piece : r.pieces()) {
    const auto [reduced, slopes] = grand.lp().reduced_costs(piece.basis);
    for (Eigen::Index j = 0; j < reduced.size(); ++j) {
      if (slopes[j] >= -kSlopeTol) continue;  // the reduced cost does not fall as V rises
      if (std::find(piece.basis.begin(), piece.basis.end(), j) != piece.basis.end()) continue;
      end = std::min(end, v0 + std::max(reduced[j], 0.0) / -slopes[j]);
    }
  }
  return end;
}

/// A reaction's kink energies re-evaluated at another voltage on the same bases.
class VoltageEnergies {
 public:
  VoltageEnergies(const InterfaceReaction& r, const StableSet& closed, int z, const ReactionOptions& options)
      : r_(r), closed_(closed), z_(z), options_(options) {}

  /// E_hull along the line at position t and voltage v, on the piece holding t.
  double line(double t, double v) const {
    const HullLP::Piece& piece = r_.piece_at(t);
    const Eigen::VectorXd w = piece.weights(t);
    double e = 0.0;
    for (std::size_t k = 0; k < piece.basis.size(); ++k)
      e += w[static_cast<Eigen::Index>(k)] * r_.space().energy_at_voltage(static_cast<std::size_t>(piece.basis[k]), z_, v);
    return e;
  }

  /// The reaction energy at atomic fraction x of A and voltage v.
  double reaction(double x, double v) const {
    const double t = r_.position_from_x(x);
    return line(t, v) - t * reactant(r_.a(), 1.0, v) - (1.0 - t) * reactant(r_.b(), 0.0, v);
  }

 private:
  double reactant(const Reactant& reactant, double end, double v) const {
    if (options_.form == EnergyForm::Mutual) return line(end, v);
    ReactionOptions at_v = options_;
    at_v.open = {{z_, -v}};
    return reactant_energy(closed_, r_.space(), reactant, at_v);
  }

  const InterfaceReaction& r_;
  const StableSet& closed_;
  int z_;
  const ReactionOptions& options_;
};

}  // namespace

double MapColumn::energy(std::size_t kink, double voltage) const {
  if (v1 <= v0) return kinks[kink].energy;
  const double s = (voltage - v0) / (v1 - v0);
  return (1.0 - s) * kinks[kink].energy + s * at_v1[kink];
}

const MapRegion& ReactionMap::region_at(double x, double v) const {
  for (const auto& r : regions)
    if (x >= r.x0 - kRegionTol && x <= r.x1 + kRegionTol && v >= r.v0 - kRegionTol && v <= r.v1 + kRegionTol) return r;
  throw Error("(x = " + std::to_string(x) + ", V = " + std::to_string(v) + ") is outside the map");
}

const MapColumn& ReactionMap::column_at(double v) const {
  if (columns.empty() || v < v_from - kVoltTol || v > v_to + kVoltTol)
    throw Error("V = " + std::to_string(v) + " is outside the map (" + std::to_string(v_from) + " to " +
                std::to_string(v_to) + " V)");
  const auto it = std::upper_bound(columns.begin(), columns.end(), v,
                                   [](double value, const MapColumn& c) { return value < c.v1; });
  return it == columns.end() ? columns.back() : *it;
}

double column_energy(const ReactionMap& map, const MapColumn& column, double x, double voltage) {
  const auto& kinks = column.kinks;
  if (kinks.size() < 2) return kinks.empty() ? 0.0 : column.energy(0, voltage);
  std::size_t k = 1;
  while (k + 1 < kinks.size() && kinks[k].x < x) ++k;
  // Closed-element atoms per atom of each reactant: the map's single open element left out.
  const auto share = [&](const Reactant& r) {
    return without_elements(r.composition, {map.open}).num_atoms() / r.composition.num_atoms();
  };
  const double fa = share(map.a), fb = share(map.b);
  const double t0 = position_from_x(kinks[k - 1].x, fa, fb), t1 = position_from_x(kinks[k].x, fa, fb);
  const double t = position_from_x(x, fa, fb);
  const double s = t1 > t0 ? std::clamp((t - t0) / (t1 - t0), 0.0, 1.0) : 0.0;
  return (1 - s) * column.energy(k - 1, voltage) + s * column.energy(k, voltage);
}

double map_energy(const ReactionMap& map, double x, double voltage) {
  return column_energy(map, map.column_at(voltage), x, voltage);
}

ReactionMap reaction_map(std::shared_ptr<const StableSet> closed, const Reactant& a, const Reactant& b, int z,
                         double v_from, double v_to, const ReactionOptions& options) {
  check_voltage(v_from, "{from}");
  check_voltage(v_to, "{to}");
  if (!(v_to > v_from))
    throw Error("map voltage range is empty: from " + std::to_string(v_from) + " to " + std::to_string(v_to));
  if (!std::binary_search(closed->elements().begin(), closed->elements().end(), z))
    throw ThermoError(std::string(element(z).symbol) + " is not in the chemical system " + closed->chemsys());
  if (without_elements(a.composition, {z}).empty() || without_elements(b.composition, {z}).empty())
    throw ThermoError("a reactant holds only the open element: no map");

  ReactionMap map{a, b, z, options.form, options.source, v_from, v_to, {}, {}, {}};
  ReactionOptions at = options;
  std::vector<MapRegion> open_column;  // regions of the previous interval, still extendable
  std::vector<std::string> previous_ends;
  double v0 = v_from;
  while (true) {
    at.open = {{z, -v0}};
    const auto grand = StableSet::grand(closed, at.open, z);
    const InterfaceReaction r = react_in(closed, grand, a, b, at);
    const double v1 = std::clamp(validity_end(*grand, r, v0), v0 + kVoltTol, v_to);
    map.voltages.push_back(v0);
    const VoltageEnergies energies(r, *closed, z, options);

    MapColumn column{v0, v1, r.kinks(), {}};
    for (const auto& k : r.kinks()) column.at_v1.push_back(energies.reaction(k.x, v1));
    // The products at both ends: in the mutual form a change there changes the energy's slope in V.
    std::vector<std::string> ends = product_set(r.kinks().front());
    for (const auto& name : product_set(r.kinks().back())) ends.push_back("|" + name);
    const bool cut = options.form == EnergyForm::Mutual && ends != previous_ends;
    previous_ends = ends;

    std::vector<MapRegion> next;
    std::vector<char> extended(open_column.size(), 0);
    const auto& kinks = r.kinks();
    for (std::size_t j = 0; j + 1 < kinks.size(); ++j) {
      MapRegion region;
      region.x0 = kinks[j].x;
      region.x1 = kinks[j + 1].x;
      region.v0 = v0;
      region.v1 = v1;
      region.products = product_set(r.at(0.5 * (region.x0 + region.x1)));
      region.e00 = column.kinks[j].energy;
      region.e10 = column.kinks[j + 1].energy;
      region.e01 = column.at_v1[j];
      region.e11 = column.at_v1[j + 1];
      // Extend a rectangle of the interval below when nothing changes across v0.
      std::size_t m = 0;
      while (m < open_column.size() &&
             !(!extended[m] && std::abs(open_column[m].x0 - region.x0) < kRegionTol &&
               std::abs(open_column[m].x1 - region.x1) < kRegionTol && open_column[m].products == region.products))
        ++m;
      if (m < open_column.size() && !cut) {
        extended[m] = 1;
        open_column[m].v1 = region.v1;
        open_column[m].e01 = region.e01;
        open_column[m].e11 = region.e11;
        next.push_back(open_column[m]);
      } else {
        next.push_back(std::move(region));
      }
    }
    for (std::size_t m = 0; m < open_column.size(); ++m)
      if (!extended[m]) map.regions.push_back(std::move(open_column[m]));
    open_column = std::move(next);
    map.columns.push_back(std::move(column));
    if (v1 >= v_to) break;
    v0 = v1;
  }
  map.voltages.push_back(v_to);
  for (auto& r : open_column) map.regions.push_back(std::move(r));
  std::sort(map.regions.begin(), map.regions.end(), [](const MapRegion& p, const MapRegion& q) {
    return p.v0 != q.v0 ? p.v0 < q.v0 : p.x0 < q.x0;
  });
  return map;
}

}  // namespace interphase
