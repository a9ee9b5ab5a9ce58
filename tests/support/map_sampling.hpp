#pragma once
// Sample an (x, V) grid through the engine's grand hulls, for checking maps.
#include <algorithm>
#include <string>
#include <vector>

#include "interphase/reaction/map.hpp"

namespace interphase::test {

/// True if (x, v) lies within `tol` of an edge of region r (such samples sit on a
/// lower-dimensional face and legitimately have fewer products).
inline bool on_edge(const MapRegion& r, double x, double v, double tol = 1e-9) {
  return std::abs(x - r.x0) < tol || std::abs(x - r.x1) < tol || std::abs(v - r.v0) < tol || std::abs(v - r.v1) < tol;
}

/// A region's energy at (x, v) interpolated from its corners, bilinearly in the
/// position on the open-element-free mixing line (from `positions`) and in V.
inline double corner_interpolation(const MapRegion& r, const InterfaceReaction& positions, double x, double v) {
  const double t = positions.position_from_x(x), t0 = positions.position_from_x(r.x0), t1 = positions.position_from_x(r.x1);
  const double s = t1 > t0 ? (t - t0) / (t1 - t0) : 0.0, u = (v - r.v0) / (r.v1 - r.v0);
  return (1 - s) * (1 - u) * r.e00 + s * (1 - u) * r.e10 + (1 - s) * u * r.e01 + s * u * r.e11;
}

/// The products (sorted names) at x for a reaction with the open element at voltage v.
class GridSampler {
 public:
  GridSampler(const PhaseDiagram& closed, const Reactant& a, const Reactant& b, int z, double v)
      : reaction_(closed, a, b, ChemPots{{z, -v}}, EnergyForm::Mutual),
        xa_(reaction_.grand().hull().coordinates(without_elements(a.composition, {z}).fractional())),
        xb_(reaction_.grand().hull().coordinates(without_elements(b.composition, {z}).fractional())) {}

  std::vector<std::string> products(double x) const {
    const double t = reaction_.reaction().position_from_x(x);
    const auto& hull = reaction_.grand().hull();
    std::vector<std::string> out;
    for (const auto& part : hull.decomposition(Eigen::VectorXd(xb_ + t * (xa_ - xb_))).parts)
      out.push_back(reaction_.grand().phases()[part.entry].name());
    std::sort(out.begin(), out.end());
    return out;
  }
  const InterfaceReaction& reaction() const { return reaction_.reaction(); }

 private:
  OpenReaction reaction_;
  Eigen::VectorXd xa_, xb_;
};

}  // namespace interphase::test
