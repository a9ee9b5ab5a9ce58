#pragma once
/// \file entry.hpp
/// An entry: one computed phase, a composition and its formation energy.
#include <cstdint>
#include <optional>
#include <string>

#include "interphase/composition/composition.hpp"

namespace interphase {

struct Entry {
  std::string id;           ///< stable external id, e.g. "mp_e_form:1234" or "mp-1234"
  std::string formula;      ///< formula as written in the source ("Li2Ru1O3")
  Composition composition;  ///< parsed composition (as written, not reduced)
  double e_form = 0.0;      ///< formation energy per atom, eV/atom, elements' ground states at 0
  std::int64_t key = 0;     ///< row id in the database (entry.id), 0 for an entry not stored
  /// 1-sigma uncertainty of e_form (eV/atom) where the data gives one; none:
  /// the uniform sigma of the calculation applies (see data/sigma.hpp).
  std::optional<double> sigma;

  /// Formation energy of the formula as written (eV per formula unit).
  double energy() const { return e_form * composition.num_atoms(); }
  /// pymatgen-style reduced formula of the composition.
  std::string name() const { return composition.reduced_formula(); }
};

}  // namespace interphase
