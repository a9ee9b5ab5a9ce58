#include "interphase/hull/hull_lp.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "interphase/error.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

/// Reduced costs below -kOptimality (eV/atom) improve the objective.
constexpr double kOptimality = tol::kLpOptimality;
/// Pivot elements at or below this are treated as zero.
constexpr double kPivot = tol::kLpPivot;
/// Ratios this close are a tie.
constexpr double kTie = tol::kLpTie;

}  // namespace

HullLP::HullLP(Eigen::MatrixXd points, Eigen::VectorXd energies, Eigen::VectorXd slopes)
    : points_(std::move(points)), energies_(std::move(energies)), slopes_(std::move(slopes)) {
  const Eigen::Index n = points_.rows();
  if (energies_.size() != points_.cols()) throw ThermoError("hull LP: one energy per phase needed");
  if (slopes_.size() != 0 && slopes_.size() != points_.cols()) throw ThermoError("hull LP: one slope per phase needed");
  pure_.assign(static_cast<std::size_t>(n), -1);
  for (Eigen::Index j = 0; j < points_.cols(); ++j) {
    Eigen::Index k = -1;
    points_.col(j).maxCoeff(&k);
    if (points_(k, j) != 1.0) continue;
    auto& p = pure_[static_cast<std::size_t>(k)];
    const bool lower = p < 0 || energies_[j] < energies_[p] ||
                       (energies_[j] == energies_[p] && slopes_.size() != 0 && slopes_[j] < slopes_[p]);
    if (lower) p = j;
  }
  for (Eigen::Index k = 0; k < n; ++k)
    if (pure_[static_cast<std::size_t>(k)] < 0)
      throw ThermoError("hull LP: element " + std::to_string(k) + " of the system has no pure phase");
}

void HullLP::reduced_costs(const Eigen::PartialPivLU<Eigen::MatrixXd>& lu, const std::vector<Eigen::Index>& basis,
                           Eigen::VectorXd& r, Eigen::VectorXd& r2) const {
  const Eigen::Index n = points_.rows();
  Eigen::VectorXd eb(n);
  for (Eigen::Index k = 0; k < n; ++k) eb[k] = energies_[basis[static_cast<std::size_t>(k)]];
  const Eigen::VectorXd pi = lu.transpose().solve(eb);
  r = energies_ - points_.transpose() * pi;
  if (slopes_.size() == 0) return;
  for (Eigen::Index k = 0; k < n; ++k) eb[k] = slopes_[basis[static_cast<std::size_t>(k)]];
  const Eigen::VectorXd pi2 = lu.transpose().solve(eb);
  r2 = slopes_ - points_.transpose() * pi2;
}

HullLP::Result HullLP::solve(const Eigen::VectorXd& c, Eigen::Index excluded) const {
  const Eigen::Index n = points_.rows(), m = points_.cols();
  const bool lexicographic = slopes_.size() != 0;
  std::vector<Eigen::Index> basis(pure_);
  std::vector<char> in_basis(static_cast<std::size_t>(m), 0);
  for (Eigen::Index j : basis) in_basis[static_cast<std::size_t>(j)] = 1;
  if (excluded >= 0 && in_basis[static_cast<std::size_t>(excluded)])
    throw ThermoError("hull LP: a pure phase that starts the simplex cannot be left out");
  Eigen::MatrixXd inverse = Eigen::MatrixXd::Identity(n, n);  // B^-1; B = I for the pure phases
  Eigen::VectorXd x = c;                                        // basic weights
  Eigen::VectorXd eb(n), sb(n);
  for (Eigen::Index k = 0; k < n; ++k) {
    eb[k] = energies_[basis[static_cast<std::size_t>(k)]];
    if (lexicographic) sb[k] = slopes_[basis[static_cast<std::size_t>(k)]];
  }

  int degenerate = 0;
  const int max_iterations = static_cast<int>(50 * (n + m));
  Eigen::VectorXd reduced(m), reduced2(lexicographic ? m : 0), d(n);
  for (int iteration = 0;; ++iteration) {
    if (iteration > max_iterations) throw ThermoError("hull LP did not converge");
    reduced = energies_ - points_.transpose() * (inverse.transpose() * eb);
    if (lexicographic) reduced2 = slopes_ - points_.transpose() * (inverse.transpose() * sb);
    // Dantzig's rule (lexicographic on (energy, slope)); Bland's (the first
    // improving phase) after a run of degenerate pivots, which cannot cycle.
    const bool bland = degenerate > 2 * n;
    Eigen::Index q = -1;
    double best = -kOptimality, best2 = -kOptimality;
    bool tie_only = true;  // q improves only through the slope
    for (Eigen::Index j = 0; j < m; ++j) {
      if (in_basis[static_cast<std::size_t>(j)] || j == excluded) continue;
      if (reduced[j] < best || (reduced[j] < -kOptimality && tie_only)) {
        q = j;
        best = reduced[j];
        tie_only = false;
        if (bland) break;
      } else if (lexicographic && tie_only && reduced[j] <= kOptimality && reduced2[j] < best2) {
        q = j;
        best2 = reduced2[j];
        if (bland) break;
      }
    }
    if (q < 0) break;
    d.noalias() = inverse * points_.col(q);
    Eigen::Index leave = -1;
    double theta = std::numeric_limits<double>::infinity();
    for (Eigen::Index i = 0; i < n; ++i) {
      if (d[i] <= kPivot) continue;
      const double t = std::max(x[i], 0.0) / d[i];
      if (leave < 0 || t < theta - kTie) {
        leave = i;
        theta = t;
      } else if (t <= theta + kTie && (bland ? basis[static_cast<std::size_t>(i)] < basis[static_cast<std::size_t>(leave)]
                                             : d[i] > d[leave])) {
        leave = i;  // a tie: Bland's smallest index, else the largest pivot
      }
    }
    if (leave < 0) throw ThermoError("hull LP is unbounded: the phases do not span the composition");
    degenerate = theta <= kTie ? degenerate + 1 : 0;
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
    if (lexicographic) sb[leave] = slopes_[q];
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

std::pair<Eigen::VectorXd, Eigen::VectorXd> HullLP::reduced_costs(const std::vector<Eigen::Index>& basis) const {
  const Eigen::Index n = points_.rows();
  Eigen::MatrixXd b(n, n);
  for (Eigen::Index k = 0; k < n; ++k) b.col(k) = points_.col(basis[static_cast<std::size_t>(k)]);
  std::pair<Eigen::VectorXd, Eigen::VectorXd> out;
  reduced_costs(Eigen::PartialPivLU<Eigen::MatrixXd>(b), basis, out.first, out.second);
  return out;
}

double HullLP::energy(const Piece& piece, double t) const {
  double e = 0.0;
  const Eigen::VectorXd w = piece.weights(t);
  for (std::size_t k = 0; k < piece.basis.size(); ++k) e += w[static_cast<Eigen::Index>(k)] * energies_[piece.basis[k]];
  return e;
}

std::vector<HullLP::Piece> HullLP::along(const Eigen::VectorXd& c0, const Eigen::VectorXd& c1) const {
  const Eigen::Index n = points_.rows(), m = points_.cols();
  const bool lexicographic = slopes_.size() != 0;
  const Eigen::VectorXd d = c1 - c0;
  std::vector<Eigen::Index> basis;
  for (const auto& [j, w] : solve(c0).basis) basis.push_back(j);
  std::vector<char> in_basis(static_cast<std::size_t>(m), 0);
  for (Eigen::Index j : basis) in_basis[static_cast<std::size_t>(j)] = 1;
  std::vector<Piece> pieces;
  double t = 0.0;
  const int max_steps = static_cast<int>(50 * (n + m));
  // Buffers of every step (the same arithmetic as fresh ones, without the allocations).
  Eigen::MatrixXd b(n, n);
  Eigen::VectorXd eb(n), row(n), reduced(m), reduced2(lexicographic ? m : 0);
  Eigen::PartialPivLU<Eigen::MatrixXd> lu(n);
  for (int step = 0;; ++step) {
    if (step > max_steps) throw ThermoError("hull LP: the parametric steps along a line did not converge");
    for (Eigen::Index k = 0; k < n; ++k) {
      b.col(k) = points_.col(basis[static_cast<std::size_t>(k)]);
      eb[k] = energies_[basis[static_cast<std::size_t>(k)]];
    }
    lu.compute(b);
    Piece piece;
    piece.t0 = t;
    piece.basis = basis;
    piece.u = lu.solve(c0);
    piece.v = lu.solve(d);
    piece.chempots = lu.transpose().solve(eb);
    // The first weight to reach zero as t grows ends the piece (Bland: the lowest phase index on a tie).
    Eigen::Index leave = -1;
    double t_next = 1.0;
    for (Eigen::Index k = 0; k < n; ++k) {
      if (piece.v[k] >= -kPivot) continue;
      const double tk = std::max(t, -piece.u[k] / piece.v[k]);
      if (tk < t_next - kTie ||
          (tk <= t_next + kTie && leave >= 0 && basis[static_cast<std::size_t>(k)] < basis[static_cast<std::size_t>(leave)])) {
        t_next = std::min(t_next, tk);
        leave = k;
      }
    }
    // A weight that reaches zero only at the end (to rounding) ends nothing: the line ends there.
    if (leave < 0 || t_next >= 1.0 - tol::kLpPieceLength) {
      piece.t1 = 1.0;
      if (pieces.empty() || piece.t1 - piece.t0 > tol::kLpPieceLength) pieces.push_back(std::move(piece));
      else pieces.back().t1 = 1.0;
      break;
    }
    piece.t1 = t_next;
    if (t_next - t > tol::kLpPieceLength) pieces.push_back(std::move(piece));
    // Dual simplex step at t_next: the entering phase keeps every reduced cost
    // non-negative (lexicographically with the slopes).
    row.setZero();
    row[leave] = 1.0;
    row = lu.transpose().solve(row);  // row `leave` of B^-1
    reduced_costs(lu, basis, reduced, reduced2);
    Eigen::Index enter = -1;
    double best = std::numeric_limits<double>::infinity(), best2 = best;
    for (Eigen::Index j = 0; j < m; ++j) {
      if (in_basis[static_cast<std::size_t>(j)]) continue;
      const double alpha = row.dot(points_.col(j));
      if (alpha >= -kPivot) continue;
      const double r = reduced[j] <= kOptimality ? 0.0 : reduced[j];
      const double ratio = r / -alpha;
      const double ratio2 = lexicographic ? reduced2[j] / -alpha : 0.0;
      if (enter < 0 || ratio < best - kTie * (1.0 + best) || (ratio <= best + kTie * (1.0 + best) && ratio2 < best2)) {
        best = ratio;
        best2 = ratio2;
        enter = j;
      }
    }
    if (enter < 0) throw ThermoError("hull LP: the line leaves the composition space of the phases");
    in_basis[static_cast<std::size_t>(basis[static_cast<std::size_t>(leave)])] = 0;
    in_basis[static_cast<std::size_t>(enter)] = 1;
    basis[static_cast<std::size_t>(leave)] = enter;
    t = t_next;
  }
  return pieces;
}

}  // namespace interphase
