#pragma once
/// \file explain.hpp
/// What decides a reaction at one mixing ratio: the phases on both sides with
/// their sensitivities, how far each competing phase must drop and each product
/// may rise before the products there change, and the next-best products.
///
/// At the mixture's composition c the products are the support of the optimal
/// solution of the hull LP (hull_lp.hpp). Its optimal duals (the chemical
/// potentials pi; a set of them where c lies on a face shared by facets, as at
/// a kink) decide the rest. Lowering a phase j not among the products by delta
/// keeps the products while some optimal pi still has E_j - delta >= pi.x_j: the
/// margin is the largest reduced cost over the optimal duals, max (E_j - pi.x_j),
/// found exactly as the slope of the hull from c directly away from x_j (the
/// first piece of HullLP::along). Raising a product p keeps the products while
/// the hull without p, at the composition of the other products, still has a
/// supporting plane at or above p: the margin is that plane's largest height at
/// x_p minus E_p, the slope of the hull without p from there toward x_p. With
/// open elements the shifts are of grand potentials per non-open atom;
/// reported as shifts of the formation energy, eV/atom of the phase.
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interphase/reaction/sensitivity.hpp"

namespace interphase {

/// One phase and the smallest shift of its formation energy that changes the products.
struct PhaseMargin {
  Entry entry;        ///< as stored
  std::string name;   ///< reduced formula
  double fraction = 0;  ///< atomic fraction among the products (0 for a competing phase)
  /// eV/atom of the phase's formation energy: how far a competing phase must
  /// drop, or a product may rise, before the products change; +infinity if no
  /// shift does (a product that alone holds an element, a phase with an
  /// element the mixture lacks).
  double margin = std::numeric_limits<double>::infinity();
};

/// Another decomposition of the same composition.
struct AlternativeProducts {
  std::vector<std::pair<std::string, double>> products;  ///< reduced formula -> atomic fraction, descending
  /// eV per atom of the mixture (per non-open atom) above the products' energy there.
  double above = 0;
};

struct Explanation {
  Kink reaction;  ///< the reaction at x (a kink if x is one)
  std::vector<Sensitivity> sensitivities;
  std::vector<PhaseMargin> products;     ///< every product with its raise margin, in the order of the reaction's products
  std::vector<PhaseMargin> competitors;  ///< every other phase with a finite margin, smallest first
  /// The cheapest decomposition of the composition into other linearly
  /// independent phases, one exchange away from the products (the LP's
  /// second-best vertex); none if there is no other.
  std::optional<AlternativeProducts> second_best;
};

/// The explanation of the reaction at atomic fraction x of A. `closed`: the
/// closed stable set the reaction was made from (see sensitivities).
Explanation explain(const StableSet& closed, const InterfaceReaction& r, double x, const ReactionOptions& options);

/// The mixture's composition at x over r.space().elements().
Eigen::VectorXd mixture_coordinates(const InterfaceReaction& r, double x);

}  // namespace interphase
