#pragma once
/// \file hull_lp.hpp
/// The lower convex hull at one composition as a linear program.
///
/// Over a set of phases j with atomic fractions x_j (over n elements, summing
/// to 1) and energies E_j (eV/atom), the hull energy at a composition c is
///     E_hull(c) = min sum_j w_j E_j   subject to   sum_j w_j x_j = c,  w >= 0,
/// and the phases of an optimal basis with positive weights are c's
/// decomposition (their weights its atomic fractions; the dual variables are
/// the elements' chemical potentials there). Every element needs a pure phase:
/// the pure phases are the simplex's first basis, feasible at every c.
/// This answers a hull query without building the hull: the cost grows with
/// the number of phases, not with the number of facets, which explodes with
/// the number of elements.
#include <utility>
#include <vector>

#include <Eigen/Dense>

namespace interphase {

class HullLP {
 public:
  /// `points`: n x m, column j the atomic fractions of phase j. `energies`:
  /// m values, eV/atom. Throws ThermoError if an element has no pure phase.
  /// `slopes` (optional, m values): how each energy changes with a parameter
  /// (e.g. the voltage of an open element). Ties between optimal bases are
  /// then broken lexicographically toward the parameter's increase, so every
  /// basis returned stays optimal for a small increase of it.
  HullLP(Eigen::MatrixXd points, Eigen::VectorXd energies, Eigen::VectorXd slopes = {});

  struct Result {
    double energy = 0.0;  ///< E_hull(c), eV/atom
    /// The optimal basis: phase index and weight (atomic fraction; >= 0 up to
    /// rounding, zero weights included), one per element.
    std::vector<std::pair<Eigen::Index, double>> basis;
    Eigen::VectorXd chempots;  ///< dual values, eV/atom per element: E_hull = chempots . c on this basis
  };

  /// The lower hull at `c` (n atomic fractions summing to 1), optionally with
  /// the phase `excluded` left out.
  Result solve(const Eigen::VectorXd& c, Eigen::Index excluded = -1) const;

  /// One piece of the lower hull along a segment c(t) = c0 + t (c1 - c0): on
  /// [t0, t1] one basis is optimal and the weights are u + t v.
  struct Piece {
    double t0 = 0.0, t1 = 0.0;
    std::vector<Eigen::Index> basis;  ///< phase indices, one per element
    Eigen::VectorXd u, v;             ///< weights of the basis phases at t: u + t v
    Eigen::VectorXd chempots;         ///< dual values: E_hull(c(t)) = chempots . c(t) on the piece
    /// Weights at t and the hull energy there.
    Eigen::VectorXd weights(double t) const { return u + t * v; }
  };

  /// The lower hull along the segment from c0 (t = 0) to c1 (t = 1): its
  /// pieces in order, covering [0, 1], each boundary a kink of E_hull (a
  /// change of the optimal basis), found exactly by parametric (dual) simplex
  /// steps. Pieces shorter than 1e-12 are dropped.
  std::vector<Piece> along(const Eigen::VectorXd& c0, const Eigen::VectorXd& c1) const;

  /// E_hull at t on a piece: the basis phases' energies weighted.
  double energy(const Piece& piece, double t) const;

  /// Reduced costs of every phase on a basis: energies (first) and slopes
  /// (second; empty without slopes). Non-negative on an optimal basis.
  std::pair<Eigen::VectorXd, Eigen::VectorXd> reduced_costs(const std::vector<Eigen::Index>& basis) const;

  Eigen::Index size() const { return points_.cols(); }
  const Eigen::MatrixXd& points() const { return points_; }
  const Eigen::VectorXd& energies() const { return energies_; }
  const Eigen::VectorXd& slopes() const { return slopes_; }

 private:
  /// Reduced costs of every phase on a basis (and of the slopes, if any).
  void reduced_costs(const Eigen::PartialPivLU<Eigen::MatrixXd>& lu, const std::vector<Eigen::Index>& basis,
                     Eigen::VectorXd& r, Eigen::VectorXd& r2) const;

  Eigen::MatrixXd points_;
  Eigen::VectorXd energies_;
  Eigen::VectorXd slopes_;   ///< empty, or one per phase
  std::vector<Eigen::Index> pure_;  ///< per element, its lowest pure phase
};

}  // namespace interphase
