#include "interphase/reaction/map.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "interphase/error.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/grand/profile.hpp"

namespace interphase {
namespace {

constexpr double kVoltTol = 1e-9;

using Point = std::array<double, 2>;

/// Clip a convex polygon by the half-plane c0 + c1 u + c2 w >= -tol (Sutherland-Hodgman).
std::vector<Point> clip(const std::vector<Point>& polygon, double c0, double c1, double c2) {
  constexpr double tol = 1e-12;
  std::vector<Point> out;
  const auto value = [&](const Point& p) { return c0 + c1 * p[0] + c2 * p[1]; };
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    const Point& p = polygon[i];
    const Point& q = polygon[(i + 1) % polygon.size()];
    const double vp = value(p), vq = value(q);
    if (vp >= -tol) out.push_back(p);
    if ((vp >= -tol) != (vq >= -tol)) {
      const double s = vp / (vp - vq);
      out.push_back({p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])});
    }
  }
  return out;
}

/// Chemical potentials of element index k in the closed facets that meet the
/// triangle (pure element, A', B'): only these can change the map.
std::vector<double> relevant_chempots(const PhaseDiagram& pd, Eigen::Index k, const Eigen::VectorXd& pa,
                                      const Eigen::VectorXd& pb) {
  Eigen::VectorXd pz = Eigen::VectorXd::Zero(pa.size());
  pz[k] = 1.0;
  std::vector<double> mus;
  for (const auto& f : pd.facets()) {
    // Point(u, w) = pz + u (pa - pz) + w (pb - pz); barycentric weights affine in (u, w).
    const Eigen::VectorXd l0 = f.inverse * pz, lu = f.inverse * (pa - pz), lw = f.inverse * (pb - pz);
    std::vector<Point> polygon{{0, 0}, {1, 0}, {0, 1}};
    for (Eigen::Index j = 0; j < l0.size() && !polygon.empty(); ++j) polygon = clip(polygon, l0[j], lu[j], lw[j]);
    if (!polygon.empty()) mus.push_back(f.chempots[k]);
  }
  return mus;
}

std::vector<std::string> product_names(const Kink& k) {
  std::vector<std::string> out;
  for (const auto& [name, fraction] : k.products) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

bool near(double p, double q) { return std::abs(p - q) <= kVoltTol; }

}  // namespace

const MapRegion& ReactionMap::region_at(double x, double v) const {
  for (const auto& r : regions)
    if (x >= r.x0 - 1e-12 && x <= r.x1 + 1e-12 && v >= r.v0 - 1e-12 && v <= r.v1 + 1e-12) return r;
  throw Error("(x = " + std::to_string(x) + ", V = " + std::to_string(v) + ") is outside the map");
}

ReactionMap reaction_map(const PhaseDiagram& closed, const Reactant& a, const Reactant& b, int z, double v_from,
                         double v_to, EnergyForm form, ReactantEnergy source) {
  check_voltage(v_from, "--from");
  check_voltage(v_to, "--to");
  if (!(v_to > v_from)) throw Error("map voltage range is empty: from " + std::to_string(v_from) + " to " + std::to_string(v_to));
  const auto& els = closed.elements();
  const auto it = std::find(els.begin(), els.end(), z);
  if (it == els.end()) throw ThermoError(std::string(element(z).symbol) + " is not in the chemical system " + closed.chemsys());
  const auto k = static_cast<Eigen::Index>(it - els.begin());

  ReactionMap map{a, b, z, form, source, v_from, v_to, {}, {}};
  const Composition pa = without_elements(a.composition, {z}), pb = without_elements(b.composition, {z});
  if (pa.empty() || pb.empty()) throw ThermoError("a reactant holds only the open element: no map");

  // Every voltage where the grand hull along the mixing line may change.
  map.voltages = {v_from, v_to};
  for (double mu : relevant_chempots(closed, k, closed.coordinates(pa), closed.coordinates(pb)))
    if (-mu > v_from + kVoltTol && -mu < v_to - kVoltTol) map.voltages.push_back(-mu);
  std::sort(map.voltages.begin(), map.voltages.end());
  map.voltages.erase(std::unique(map.voltages.begin(), map.voltages.end(), near), map.voltages.end());

  // In the mutual form the reactants' own critical voltages cut rectangles too.
  std::vector<double> cuts;
  if (form == EnergyForm::Mutual) {
    for (const auto* r : {&a, &b})
      for (const auto& step : element_profile(closed, z, r->composition)) cuts.push_back(step.voltage);
  }
  const auto is_cut = [&](double v) {
    return std::any_of(cuts.begin(), cuts.end(), [v](double c) { return near(c, v); });
  };

  auto reaction_at = [&](double v) { return OpenReaction(closed, a, b, ChemPots{{z, -v}}, form, source); };
  OpenReaction lower = reaction_at(map.voltages.front());
  std::vector<MapRegion> open_column;  // regions of the previous interval, still extendable
  for (std::size_t i = 0; i + 1 < map.voltages.size(); ++i) {
    const double v0 = map.voltages[i], v1 = map.voltages[i + 1];
    const OpenReaction middle = reaction_at(0.5 * (v0 + v1));
    OpenReaction upper = reaction_at(v1);
    const auto& kinks = middle.reaction().kinks();
    std::vector<MapRegion> column;
    for (std::size_t j = 0; j + 1 < kinks.size(); ++j) {
      MapRegion r;
      r.x0 = kinks[j].x;
      r.x1 = kinks[j + 1].x;
      r.v0 = v0;
      r.v1 = v1;
      r.products = product_names(middle.reaction().at(0.5 * (r.x0 + r.x1)));
      r.e00 = lower.reaction().energy_at(r.x0);
      r.e10 = lower.reaction().energy_at(r.x1);
      r.e01 = upper.reaction().energy_at(r.x0);
      r.e11 = upper.reaction().energy_at(r.x1);
      column.push_back(std::move(r));
    }
    // Extend a rectangle of the interval below when nothing changes across v0.
    std::vector<MapRegion> next;
    std::vector<char> extended(open_column.size(), 0);
    for (auto& r : column) {
      std::size_t m = 0;
      while (m < open_column.size() && !(!extended[m] && std::abs(open_column[m].x0 - r.x0) < 1e-12 &&
                                          std::abs(open_column[m].x1 - r.x1) < 1e-12 &&
                                          open_column[m].products == r.products))
        ++m;
      if (m < open_column.size() && !is_cut(v0)) {
        extended[m] = 1;
        open_column[m].v1 = r.v1;
        open_column[m].e01 = r.e01;
        open_column[m].e11 = r.e11;
        next.push_back(open_column[m]);
      } else {
        next.push_back(std::move(r));
      }
    }
    for (std::size_t m = 0; m < open_column.size(); ++m)
      if (!extended[m]) map.regions.push_back(std::move(open_column[m]));
    open_column = std::move(next);
    lower = std::move(upper);
  }
  for (auto& r : open_column) map.regions.push_back(std::move(r));
  std::sort(map.regions.begin(), map.regions.end(), [](const MapRegion& p, const MapRegion& q) {
    return p.v0 != q.v0 ? p.v0 < q.v0 : p.x0 < q.x0;
  });
  return map;
}

}  // namespace interphase
