#include "interphase/hull/hull_lp.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "interphase/error.hpp"

namespace interphase {
namespace {

/// Reduced costs below -kOptimality (eV/atom) improve the objective.
constexpr double kOptimality = 1e-12;
/// Pivot elements at or below this are treated as zero.
constexpr double kPivot = 1e-11;

}  // namespace

HullLP::HullLP(Eigen::MatrixXd points, Eigen::VectorXd energies)
    : points_(std::move(points)), energies_(std::move(energies)) {
  const Eigen::Index n = points_.rows();
  if (energies_.size() != points_.cols()) throw ThermoError("hull LP: one energy per phase needed");
  pure_.assign(static_cast<std::size_t>(n), -1);
  for (Eigen::Index j = 0; j < points_.cols(); ++j) {
    Eigen::Index k = -1;
    points_.col(j).maxCoeff(&k);
    if (points_(k, j) != 1.0) continue;
    auto& p = pure_[static_cast<std::size_t>(k)];
    if (p < 0 || energies_[j] < energies_[p]) p = j;
  }
  for (Eigen::Index k = 0; k < n; ++k)
    if (pure_[static_cast<std::size_t>(k)] < 0)
      throw ThermoError("hull LP: element " + std::to_string(k) + " of the system has no pure phase");
}

HullLP::Result HullLP::solve(const Eigen::VectorXd& c, Eigen::Index excluded) const {
  const Eigen::Index n = points_.rows(), m = points_.cols();
  std::vector<Eigen::Index> basis(pure_);
  std::vector<char> in_basis(static_cast<std::size_t>(m), 0);
  for (Eigen::Index j : basis) in_basis[static_cast<std::size_t>(j)] = 1;
  if (excluded >= 0 && in_basis[static_cast<std::size_t>(excluded)])
    throw ThermoError("hull LP: a pure phase that starts the simplex cannot be left out");
  Eigen::MatrixXd inverse = Eigen::MatrixXd::Identity(n, n);  // B^-1; B = I for the pure phases
  Eigen::VectorXd x = c;                                        // basic weights
  Eigen::VectorXd eb(n);
  for (Eigen::Index k = 0; k < n; ++k) eb[k] = energies_[basis[static_cast<std::size_t>(k)]];

  int degenerate = 0;
  const int max_iterations = static_cast<int>(50 * (n + m));
  for (int iteration = 0;; ++iteration) {
    if (iteration > max_iterations) throw ThermoError("hull LP did not converge");
    const Eigen::VectorXd pi = inverse.transpose() * eb;
    const Eigen::VectorXd reduced = energies_ - points_.transpose() * pi;
    // Dantzig's rule; Bland's (the first improving phase) after a run of degenerate pivots, which cannot cycle.
    const bool bland = degenerate > 2 * n;
    Eigen::Index q = -1;
    double best = -kOptimality;
    for (Eigen::Index j = 0; j < m; ++j) {
      if (in_basis[static_cast<std::size_t>(j)] || j == excluded) continue;
      if (reduced[j] < best) {
        q = j;
        if (bland) break;
        best = reduced[j];
      }
    }
    if (q < 0) break;
    const Eigen::VectorXd d = inverse * points_.col(q);
    Eigen::Index leave = -1;
    double theta = std::numeric_limits<double>::infinity();
    for (Eigen::Index i = 0; i < n; ++i) {
      if (d[i] <= kPivot) continue;
      const double t = std::max(x[i], 0.0) / d[i];
      if (leave < 0 || t < theta - 1e-15) {
        leave = i;
        theta = t;
      } else if (t <= theta + 1e-15 && (bland ? basis[static_cast<std::size_t>(i)] < basis[static_cast<std::size_t>(leave)]
                                              : d[i] > d[leave])) {
        leave = i;  // a tie: Bland's smallest index, else the largest pivot
      }
    }
    if (leave < 0) throw ThermoError("hull LP is unbounded: the phases do not span the composition");
    degenerate = theta <= 1e-15 ? degenerate + 1 : 0;
    // Pivot: row `leave` of B^-1 and x scaled, the other rows eliminated.
    const double pivot = d[leave];
    inverse.row(leave) /= pivot;
    x[leave] /= pivot;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (i == leave) continue;
      inverse.row(i) -= d[i] * inverse.row(leave);
      x[i] -= d[i] * x[leave];
    }
    in_basis[static_cast<std::size_t>(basis[static_cast<std::size_t>(leave)])] = 0;
    basis[static_cast<std::size_t>(leave)] = q;
    in_basis[static_cast<std::size_t>(q)] = 1;
    eb[leave] = energies_[q];
  }

  // The final basis solved afresh, so the weights and the energy carry no drift from the pivots.
  Eigen::MatrixXd b(n, n);
  for (Eigen::Index k = 0; k < n; ++k) b.col(k) = points_.col(basis[static_cast<std::size_t>(k)]);
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu(b);
  x = lu.solve(c);
  Result r;
  r.chempots = lu.transpose().solve(eb);
  r.energy = eb.dot(x);
  for (Eigen::Index k = 0; k < n; ++k) r.basis.emplace_back(basis[static_cast<std::size_t>(k)], x[k]);
  return r;
}

}  // namespace interphase
