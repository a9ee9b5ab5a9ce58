#include "interphase/reaction/explain.hpp"
#include "interphase/tolerances.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "interphase/error.hpp"

namespace interphase {
namespace {

/// Weights at or below this are not products (as StableSet::decomposition).
constexpr double kFractionTolerance = tol::kNumericalTol;
/// A phase left out of the hull is raised by this much (eV/atom): far above every other.
constexpr double kRemoved = 1e4;
/// Pieces of the line within this of a position hold it.
constexpr double kPosition = tol::kLpPieceLength;
/// Pivot elements at or below this are zero (as HullLP).
constexpr double kPivot = tol::kLpPivot;

double grand_factor(const StableSet& space, std::size_t i) {
  return space.entry(i).composition.num_atoms() / space.space_atoms(i);
}

/// The largest reduced cost of phase j over the optimal duals at c (space units), or infinity.
double drop_margin(const HullLP& lp, const Eigen::VectorXd& c, Eigen::Index j, double hull) {
  const Eigen::VectorXd xj = lp.points().col(j);
  const Eigen::VectorXd d = c - xj;
  if (d.norm() < tol::kExplainSamePoint) return lp.energies()[j] - hull;
  // Move away from x_j as far as the composition space allows (half of it).
  double s = 1.0;
  for (Eigen::Index e = 0; e < d.size(); ++e) {
    if (d[e] >= 0) continue;
    if (c[e] <= tol::kExplainSamePoint) return std::numeric_limits<double>::infinity();  // x_j holds an element c lacks
    s = std::min(s, c[e] / -d[e]);
  }
  const auto pieces = lp.along(c, c + 0.5 * s * d);
  return lp.energies()[j] - pieces.front().chempots.dot(xj);
}

/// How far product p (weight w at c) may rise (space units) before the products at c change, or infinity.
double raise_margin(const HullLP& lp, const Eigen::VectorXd& c, Eigen::Index p, double w) {
  Eigen::VectorXd energies = lp.energies();
  energies[p] += kRemoved;
  const HullLP without(lp.points(), energies);
  const Eigen::VectorXd xp = lp.points().col(p);
  double plane = 0;  // the highest supporting plane of the hull without p, at x_p
  if (w >= 1.0 - tol::kInSimplexTol) {
    plane = without.solve(c).energy;
  } else {
    Eigen::VectorXd rest = (c - w * xp).cwiseMax(0.0);
    rest /= rest.sum();
    if ((xp - rest).norm() < tol::kExplainSamePoint) return std::numeric_limits<double>::infinity();
    plane = without.along(rest, xp).front().chempots.dot(xp);
  }
  const double margin = plane - lp.energies()[p];
  return margin > kRemoved / 2 ? std::numeric_limits<double>::infinity() : margin;
}

/// The optimal bases at position t: those of the pieces holding t.
std::vector<std::vector<Eigen::Index>> bases_at(const InterfaceReaction& r, double t) {
  std::vector<std::vector<Eigen::Index>> out;
  for (const auto& p : r.pieces())
    if (t >= p.t0 - kPosition && t <= p.t1 + kPosition) out.push_back(p.basis);
  return out;
}

}  // namespace

Eigen::VectorXd mixture_coordinates(const InterfaceReaction& r, double x) {
  const double t = r.position_from_x(x);
  const Eigen::VectorXd xa = r.space().coordinates(r.a().composition), xb = r.space().coordinates(r.b().composition);
  return xb + t * (xa - xb);
}

Explanation explain(const StableSet& closed, const InterfaceReaction& r, double x, const ReactionOptions& options) {
  if (!(x >= 0.0 && x <= 1.0)) throw Error("mixing ratio x must lie in [0, 1], got " + std::to_string(x));
  const StableSet& space = r.space();
  const HullLP& lp = space.lp();
  const double t = r.position_from_x(x);
  const Eigen::VectorXd c = mixture_coordinates(r, x);
  Explanation out;
  out.reaction = r.at(x);
  out.sensitivities = sensitivities(closed, r, x, options);

  // The products at c, as the reaction reports them (the piece holding t).
  const HullLP::Piece& holding = r.piece_at(t);
  const Decomposition d = space.decomposition(holding, t);
  const double hull = lp.energy(holding, t);
  std::set<Eigen::Index> support;
  for (const auto& part : d.parts) {
    const auto j = static_cast<Eigen::Index>(part.entry);
    support.insert(j);
    PhaseMargin m{space.entry(part.entry), space.name(part.entry), part.fraction,
                  raise_margin(lp, c, j, part.fraction)};
    m.margin /= grand_factor(space, part.entry);
    out.products.push_back(std::move(m));
  }
  for (Eigen::Index j = 0; j < lp.size(); ++j) {
    if (support.count(j)) continue;
    const double margin = drop_margin(lp, c, j, hull);
    if (!std::isfinite(margin)) continue;
    const auto i = static_cast<std::size_t>(j);
    out.competitors.push_back({space.entry(i), space.name(i), 0.0, std::max(0.0, margin) / grand_factor(space, i)});
  }
  std::stable_sort(out.competitors.begin(), out.competitors.end(),
                   [](const PhaseMargin& a, const PhaseMargin& b) { return a.margin < b.margin; });

  // The second-best vertex: one exchange away from an optimal basis, with another support.
  const Eigen::Index n = lp.points().rows();
  for (const auto& basis : bases_at(r, t)) {
    Eigen::MatrixXd b(n, n);
    for (Eigen::Index k = 0; k < n; ++k) b.col(k) = lp.points().col(basis[static_cast<std::size_t>(k)]);
    const Eigen::PartialPivLU<Eigen::MatrixXd> lu(b);
    const Eigen::VectorXd w = lu.solve(c);
    const Eigen::VectorXd reduced = lp.reduced_costs(basis).first;
    for (Eigen::Index j = 0; j < lp.size(); ++j) {
      if (std::find(basis.begin(), basis.end(), j) != basis.end()) continue;
      const Eigen::VectorXd alpha = lu.solve(lp.points().col(j));
      double theta = std::numeric_limits<double>::infinity();
      for (Eigen::Index k = 0; k < n; ++k)
        if (alpha[k] > kPivot) theta = std::min(theta, std::max(w[k], 0.0) / alpha[k]);
      if (!(theta > kFractionTolerance) || !std::isfinite(theta)) continue;  // the same point, or no step
      const double above = std::max(reduced[j], 0.0) * theta;
      if (out.second_best && above >= out.second_best->above) continue;
      std::vector<std::pair<std::string, double>> products;
      std::set<Eigen::Index> phases;
      const Eigen::VectorXd moved = w - theta * alpha;
      for (Eigen::Index k = 0; k < n; ++k) {
        if (moved[k] <= kFractionTolerance) continue;
        const auto i = static_cast<std::size_t>(basis[static_cast<std::size_t>(k)]);
        products.emplace_back(space.name(i), moved[k]);
        phases.insert(basis[static_cast<std::size_t>(k)]);
      }
      products.emplace_back(space.name(static_cast<std::size_t>(j)), theta);
      phases.insert(j);
      if (phases == support) continue;
      std::stable_sort(products.begin(), products.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      out.second_best = AlternativeProducts{std::move(products), above};
    }
  }
  return out;
}

}  // namespace interphase
