#pragma once
/// \file qhull.hpp
/// A small RAII wrapper over Qhull's reentrant C API: the facets of a convex hull.
#include <vector>

namespace interphase {

/// One triangulated facet of a convex hull.
struct HullFacet {
  std::vector<int> vertices;  ///< indices into the input points (dim of them)
  std::vector<double> normal; ///< outward unit normal (dim components)
  double offset = 0.0;        ///< normal . p + offset = 0 on the facet
};

/// Convex hull of `num_points` points of dimension `dim`, stored row by row in
/// `points` (num_points * dim values). Runs Qhull with triangulated output ("Qt"),
/// so every facet is a simplex; with `joggle`, Qhull joggles the input instead
/// ("QJ", with a fixed seed: the same input gives the same facets), which also
/// gives simplices and avoids the precision merges of nearly degenerate input.
/// Throws ThermoError with Qhull's message on failure (e.g. fewer than dim + 1
/// points, or all points in a hyperplane).
std::vector<HullFacet> convex_hull_facets(const std::vector<double>& points, int dim, bool joggle = false);

}  // namespace interphase
