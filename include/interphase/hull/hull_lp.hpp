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
  HullLP(Eigen::MatrixXd points, Eigen::VectorXd energies);

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

  Eigen::Index size() const { return points_.cols(); }
  const Eigen::MatrixXd& points() const { return points_; }
  const Eigen::VectorXd& energies() const { return energies_; }

 private:
  Eigen::MatrixXd points_;
  Eigen::VectorXd energies_;
  std::vector<Eigen::Index> pure_;  ///< per element, its lowest pure phase
};

}  // namespace interphase
