#pragma once
/// \file phase_diagram.hpp
/// The phase diagram of a chemical system: the lower convex hull of its entries'
/// (composition, energy per atom) points, computed with Qhull.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "interphase/data/entry.hpp"

namespace interphase {

/// A composition's equilibrium: stable entries (indices into the diagram's entries)
/// with their atomic fractions, and the hull energy there.
struct Decomposition {
  struct Part {
    std::size_t entry;  ///< index into PhaseDiagram::entries()
    double fraction;    ///< atomic fraction (barycentric weight), > 1e-8; parts sum to 1
  };
  std::vector<Part> parts;   ///< sorted by descending fraction
  double energy = 0.0;       ///< E_hull at the composition, eV/atom
};

/// One lower facet of the hull: a simplex of stable entries. Over the facet the
/// hull energy is chempots . c (c the atomic fractions over the diagram's elements):
/// chempots are the elements' chemical potentials in this phase equilibrium.
struct LowerFacet {
  std::vector<std::size_t> entries;     ///< indices into PhaseDiagram::entries(), one per vertex
  Eigen::FullPivLU<Eigen::MatrixXd> lu; ///< LU of the vertex-composition matrix (columns = vertices)
  Eigen::VectorXd chempots;             ///< eV/atom, one per element of the diagram

  /// Barycentric weights of the point x over the vertices (solved by LU).
  Eigen::VectorXd weights(const Eigen::VectorXd& x) const { return lu.solve(x); }
};

/// The phase diagram of the chemical system `elements`.
///
/// Entries are given with an energy per atom (`Entry::e_form`); each element
/// needs at least one pure entry (its reference). As in pymatgen, only the lowest
/// entry of each composition that lies below the elemental references (by more
/// than 1e-11 eV/atom), and the references themselves, enter the hull.
class PhaseDiagram {
 public:
  /// Entries whose elements are not all in `elements` are ignored. If `elements`
  /// is empty it is the union of the entries' elements. Throws ThermoError when an
  /// element has no pure entry.
  explicit PhaseDiagram(std::vector<Entry> entries, std::vector<int> elements = {});

  /// As above for formation-energy data: an element without a pure entry gets
  /// an implicit reference at 0 eV/atom (entry id "reference:<El>").
  static PhaseDiagram from_formation_energies(std::vector<Entry> entries, std::vector<int> elements = {});

  const std::vector<int>& elements() const { return elements_; }
  std::string chemsys() const;
  const std::vector<Entry>& entries() const { return entries_; }
  const std::vector<LowerFacet>& facets() const { return facets_; }

  /// Indices of the stable entries (hull vertices), ordered as entries().
  const std::vector<std::size_t>& stable() const { return stable_; }
  bool is_stable(std::size_t entry) const;

  /// Atomic fractions of `c` over elements(); throws ThermoError if `c` has
  /// an element outside the system or is empty.
  Eigen::VectorXd coordinates(const Composition& c) const;

  /// E_hull at a composition (eV/atom).
  double hull_energy(const Composition& c) const { return hull_energy(coordinates(c)); }
  double hull_energy(const Eigen::VectorXd& x) const;

  /// The stable phases at a composition and their atomic fractions.
  Decomposition decomposition(const Composition& c) const { return decomposition(coordinates(c)); }
  Decomposition decomposition(const Eigen::VectorXd& x) const;

  /// A facet containing the point: among the facets whose plane attains E_hull
  /// there, one whose barycentric weights are all at least -tol::kInSimplexTol.
  /// If none of facets() does (a facet lost to a flat simplex or a precision
  /// merge), the hull is built once more from joggled input (Qhull QJ) and that
  /// hull's facet is returned; if that fails too, InternalError names the
  /// chemical system and the composition. Never a facet that does not hold x.
  const LowerFacet& facet_containing(const Eigen::VectorXd& x) const;

  /// e_form - E_hull at the entry's composition (>= 0; 0 for stable entries).
  double e_above_hull(std::size_t entry) const;

  /// Decomposition enthalpy: for a stable entry, e_form - E_hull' where the hull'
  /// leaves out every entry of that composition (< 0; 0 for an element, as in
  /// pymatgen); for an unstable entry, its e_above_hull.
  double decomposition_enthalpy(std::size_t entry) const;

  /// The lowest entry with the same reduced composition as `c`, if any.
  std::optional<std::size_t> lowest_entry(const Composition& c) const;

  /// Whether an entry takes part in the hull construction (pymatgen's
  /// qhull_entries): an elemental reference, or the lowest entry of its
  /// composition lying below the references by more than 1e-11 eV/atom.
  bool in_hull_set(std::size_t entry) const { return in_hull_set_.at(entry) != 0; }

  /// Positions t in [0, 1] along the segment x0 + t (x1 - x0) where it crosses
  /// from one lower facet to another (the kinks of E_hull along the line),
  /// including 0 and 1, sorted and unique to 1e-9.
  /// As facet_containing, the facets' intervals must cover the whole segment.
  std::vector<double> line_crossings(const Eigen::VectorXd& x0, const Eigen::VectorXd& x1) const;

  /// For tests of the failure path only: drop the facets that contain `x` from
  /// facets() and, with `also_joggled`, from the joggled rebuild as well.
  void drop_facets_for_testing(const Eigen::VectorXd& x, bool also_joggled);

 private:
  struct Joggled;  // the hull rebuilt from joggled input, built on first need

  void build();
  std::vector<LowerFacet> make_facets(bool joggle) const;
  const std::vector<LowerFacet>& joggled_facets() const;
  /// The facet of `facets` containing x and E_hull there, or nullptr.
  std::pair<const LowerFacet*, double> find_facet(const std::vector<LowerFacet>& facets, const Eigen::VectorXd& x) const;
  std::pair<const LowerFacet*, double> containing(const Eigen::VectorXd& x) const;
  std::string describe(const Eigen::VectorXd& x) const;

  std::vector<Entry> entries_;
  std::vector<int> elements_;
  std::vector<Eigen::VectorXd> coords_;      // per entry
  std::vector<std::size_t> group_min_;       // per entry: index of lowest entry of its composition
  std::vector<LowerFacet> facets_;
  std::vector<std::size_t> hull_points_;     // entries given to Qhull
  std::shared_ptr<Joggled> joggled_;         // shared by copies (same entries, same hull)
  std::optional<Eigen::VectorXd> drop_at_;   // drop_facets_for_testing
  std::vector<std::size_t> stable_;
  std::vector<char> stable_flag_;
  std::vector<char> in_hull_set_;
};

}  // namespace interphase
