#pragma once
/// \file stable_set.hpp
/// The stable phases of a chemical system: every hull query answered by linear
/// programming over them, with no hull built.
///
/// The vertices of a system's hull are exactly the stable entries of its
/// subsystems (SCIENCE.md), which the stored stability of a data set lists, so
/// the phases of any union of elements are known without a Qhull run. A set is
/// either closed (energies are formation energies per atom) or a grand set:
/// some elements open at fixed chemical potentials, compositions over the
/// other elements and energies the grand potentials per non-open atom.
/// Sets are immutable once built and shared between threads.
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "interphase/data/entry.hpp"
#include "interphase/hull/hull_lp.hpp"
#include "interphase/hull/phase_diagram.hpp"

namespace interphase {

class StableSet {
 public:
  /// Every entry of the system, on demand (see grand()). May be called from any thread.
  using EntryLoader = std::function<std::vector<Entry>()>;

  /// The stable phases of the chemical system `elements` (every entry's
  /// elements lie in it; entries outside are an error). An element without a
  /// pure phase at or below 0 eV/atom gets an implicit reference at 0
  /// ("reference:El"), as PhaseDiagram::from_formation_energies. `all_entries`
  /// loads every entry of the system when a grand set needs more than the
  /// stable phases (see grand()).
  StableSet(std::vector<Entry> phases, std::vector<int> elements, EntryLoader all_entries = {});
  /// A phase's reduced formula (Entry::name) and its reduced formula with the
  /// number of those formula units per formula as written.
  struct PhaseName {
    std::string name;
    std::pair<std::string, double> reduced;
    static PhaseName of(const Entry& e) {  // Entry::name is the reduced formula: computed once for both
      auto reduced = e.composition.reduced_formula_and_factor();
      return {reduced.first, std::move(reduced)};
    }
  };
  /// A phase held elsewhere: its entry and its name (PhaseName::of(*entry)).
  struct PhaseRef {
    const Entry* entry = nullptr;
    const PhaseName* name = nullptr;
  };
  /// As above, with the phases' entries and names held by `owner`, kept alive
  /// by this set and every set made from it: for a caller that builds many
  /// sets from the same entries, naming each entry once and copying none.
  StableSet(std::vector<PhaseRef> phases, std::shared_ptr<const void> owner, std::vector<int> elements,
            EntryLoader all_entries = {});

  /// The stable phases of a phase diagram (its hull vertices).
  static std::shared_ptr<const StableSet> of(const PhaseDiagram& pd);

  /// The grand set of `closed` with the elements of `mu` open at those
  /// chemical potentials (eV, relative to their references): each phase's
  /// grand potential per non-open atom, Phi = (E - sum mu_i N_i) / N_X, over its
  /// composition without the open elements; phases of open elements only drop
  /// out. Throws ThermoError if an open element is not in the system or none is left closed.
  ///
  /// The stable phases are all a grand hull needs while the open elements'
  /// own phases (Li, Li2O, O2, ...) lie at or above the reservoir (e - mu.x >= 0:
  /// at a voltage >= 0 for Li alone). Beyond that, those phases drop out of the
  /// grand hull (as in pymatgen) and phases they outcompeted in the closed hull
  /// can return: the set is then rebuilt from every entry of the system (the
  /// loader; ThermoError without one).
  /// `rising`: an open element whose chemical potential is about to fall (its
  /// voltage V = -mu about to rise); ties between optimal bases are then
  /// broken as just above this voltage (HullLP slopes dPhi/dV = N_z / N_X), so
  /// the bases found stay optimal on an interval upward. 0: no such element.
  /// `like`: a grand set of the same closed set with the same open elements at
  /// other potentials (several voltages in turn); its points are reused, only
  /// the energies are computed (the same set, bit for bit, as without it).
  static std::shared_ptr<const StableSet> grand(std::shared_ptr<const StableSet> closed, const std::map<int, double>& mu,
                                                int rising = 0, const StableSet* like = nullptr);
  /// Phase i's grand potential per non-open atom with open element `z` at
  /// voltage V (mu_z = -V) and the other open elements as in open(); for a closed set, its energy.
  double energy_at_voltage(std::size_t i, int z, double voltage) const;

  /// The same phases with their energies shifted (eV/atom, one per phase):
  /// Monte Carlo samples of a closed set. Shares the phases and their names.
  static std::shared_ptr<const StableSet> perturbed(const std::shared_ptr<const StableSet>& base,
                                                    const Eigen::VectorXd& shifts);

  /// The elements of this set's compositions (the closed ones of a grand set), sorted.
  const std::vector<int>& elements() const { return elements_; }
  std::string chemsys() const { return chemsys_string(elements_); }
  /// Open elements and their chemical potentials (empty for a closed set).
  const std::map<int, double>& open() const { return open_; }
  std::vector<int> open_elements() const;
  /// The closed set a grand set was made from (itself for a closed set).
  const StableSet& closed() const { return closed_ ? *closed_ : *this; }

  std::size_t size() const { return energies_.size(); }
  /// The entry of phase i as stored (its full composition, open elements included).
  const Entry& entry(std::size_t i) const { return *phases_->refs[source_[i]].entry; }
  /// Phase i's reduced formula (Entry::name), and its reduced formula with the
  /// number of those formula units per formula as written.
  const std::string& name(std::size_t i) const { return phases_->refs[source_[i]].name->name; }
  const std::pair<std::string, double>& reduced(std::size_t i) const { return phases_->refs[source_[i]].name->reduced; }
  /// Atoms of phase i per formula unit as written, open elements left out.
  double space_atoms(std::size_t i) const { return space_atoms_[i]; }
  /// Index of phase i in closed().
  std::size_t source(std::size_t i) const { return source_[i]; }
  /// Energy of phase i per atom of this set's compositions (eV/atom or eV per non-open atom).
  double energy(std::size_t i) const { return energies_[static_cast<Eigen::Index>(i)]; }
  /// Atomic fractions of phase i over elements().
  Eigen::VectorXd point(std::size_t i) const { return lp_->points().col(static_cast<Eigen::Index>(i)); }

  /// Atomic fractions of a composition over elements() (open elements left
  /// out); ThermoError if it holds another element or nothing else.
  Eigen::VectorXd coordinates(const Composition& c) const;
  double hull_energy(const Eigen::VectorXd& x) const { return lp_->solve(x).energy; }
  double hull_energy(const Composition& c) const { return hull_energy(coordinates(c)); }
  /// The phases at a composition (indices into this set, fractions > 1e-8, descending).
  Decomposition decomposition(const Eigen::VectorXd& x) const;
  Decomposition decomposition(const Composition& c) const { return decomposition(coordinates(c)); }
  /// The decomposition at t on a piece of along().
  Decomposition decomposition(const HullLP::Piece& piece, double t) const;
  /// The lower hull along the segment x0 -> x1 (HullLP::along).
  std::vector<HullLP::Piece> along(const Eigen::VectorXd& x0, const Eigen::VectorXd& x1) const {
    return lp_->along(x0, x1);
  }
  const HullLP& lp() const { return *lp_; }

 private:
  StableSet() = default;
  /// The closed set's phases: where each entry and name is, those held here, and the owner of the others.
  struct Phases {
    std::vector<PhaseRef> refs;
    std::deque<Entry> entries;
    std::deque<PhaseName> names;
    std::shared_ptr<const void> owner;
  };
  /// Adds the implicit references to `phases` and builds the set on them.
  void init(std::shared_ptr<Phases> phases);
  void build(const std::vector<Eigen::VectorXd>& points, Eigen::VectorXd slopes = {});

  std::vector<int> elements_;
  std::map<int, double> open_;
  std::shared_ptr<const Phases> phases_;              // the closed set's phases
  std::shared_ptr<const StableSet> closed_;            // null for a closed set
  EntryLoader all_entries_;
  std::vector<std::size_t> source_;                    // phase -> index into phases_->refs
  std::vector<double> space_atoms_;                    // per phase
  Eigen::VectorXd energies_;
  std::unique_ptr<HullLP> lp_;
};

/// Reading the stable phases from the stored stability (hull layer, data in).
class Database;
/// The stable set of `elements` from a data set whose stored stability is
/// current; its loader of every entry opens the database afresh.
std::shared_ptr<const StableSet> load_stable_set(const Database& db, std::int64_t dataset_id, const std::vector<int>& elements);

}  // namespace interphase
