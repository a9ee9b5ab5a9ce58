#pragma once
// Sample an (x, V) grid through Qhull grand phase diagrams (independent of the
// linear programs the engine uses), for checking maps.
#include <algorithm>
#include <string>
#include <vector>

#include "interphase/grand/grand.hpp"
#include "interphase/reaction/map.hpp"

namespace interphase::test {

/// True if (x, v) lies within `tol` of an edge of region r (such samples sit on a
/// lower-dimensional face and legitimately have fewer products).
inline bool on_edge(const MapRegion& r, double x, double v, double tol = 1e-9) {
  return std::abs(x - r.x0) < tol || std::abs(x - r.x1) < tol || std::abs(v - r.v0) < tol || std::abs(v - r.v1) < tol;
}

/// x (atomic fraction of A, open element included) <-> position t on the open-element-free line.
struct LinePositions {
  double fa = 1, fb = 1;  // closed atoms per atom of A, B
  LinePositions(const Reactant& a, const Reactant& b, int z)
      : fa(without_elements(a.composition, {z}).num_atoms() / a.composition.num_atoms()),
        fb(without_elements(b.composition, {z}).num_atoms() / b.composition.num_atoms()) {}
  double t(double x) const { return position_from_x(x, fa, fb); }
};

/// A region's energy at (x, v) interpolated from its corners, bilinearly in the
/// position on the open-element-free mixing line and in V.
inline double corner_interpolation(const MapRegion& r, const LinePositions& positions, double x, double v) {
  const double t = positions.t(x), t0 = positions.t(r.x0), t1 = positions.t(r.x1);
  const double s = t1 > t0 ? (t - t0) / (t1 - t0) : 0.0, u = (v - r.v0) / (r.v1 - r.v0);
  return (1 - s) * (1 - u) * r.e00 + s * (1 - u) * r.e10 + (1 - s) * u * r.e01 + s * u * r.e11;
}

/// Products and reaction energy at x for a reaction with the open element at
/// voltage v, from the Qhull grand phase diagram of `closed`.
class GridSampler {
 public:
  GridSampler(const PhaseDiagram& closed, const Reactant& a, const Reactant& b, int z, double v, EnergyForm form)
      : grand_(closed.entries(), closed.elements(), ChemPots{{z, -v}}),
        positions_(a, b, z),
        xa_(grand_.hull().coordinates(without_elements(a.composition, {z}).fractional())),
        xb_(grand_.hull().coordinates(without_elements(b.composition, {z}).fractional())) {
    if (form == EnergyForm::Mutual) {
      ea_ = grand_.hull().hull_energy(xa_);
      eb_ = grand_.hull().hull_energy(xb_);
    } else {
      const auto own = [&](const Reactant& r) {
        const auto entry = own_entry(closed, r.composition);
        const double e = entry ? closed.entries()[*entry].e_form : closed.hull_energy(r.composition);
        return grand_potential(r.composition, e, grand_.chempots());
      };
      ea_ = own(a);
      eb_ = own(b);
    }
  }

  std::vector<std::string> products(double x) const {
    const auto& hull = grand_.hull();
    std::vector<std::string> out;
    for (const auto& part : hull.decomposition(point(x)).parts) out.push_back(grand_.phases()[part.entry].name());
    std::sort(out.begin(), out.end());
    return out;
  }
  double energy(double x) const {
    const double t = positions_.t(x);
    return grand_.hull().hull_energy(point(x)) - t * ea_ - (1.0 - t) * eb_;
  }
  const LinePositions& positions() const { return positions_; }

 private:
  Eigen::VectorXd point(double x) const {
    const double t = positions_.t(x);
    return xb_ + t * (xa_ - xb_);
  }
  GrandPhaseDiagram grand_;
  LinePositions positions_;
  Eigen::VectorXd xa_, xb_;
  double ea_ = 0, eb_ = 0;
};

}  // namespace interphase::test
