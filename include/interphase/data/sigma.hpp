#pragma once
/// \file sigma.hpp
/// The uncertainty of a formation energy: the entry's own where the data gives
/// one, a default where it does not.
#include "interphase/data/entry.hpp"

namespace interphase {

/// 1-sigma uncertainty of a formation energy, eV/atom, for entries without
/// their own (Entry::sigma): 0.024 eV/atom, the spread of GGA+U reaction
/// energies between oxides against experiment (Hautier et al., Phys. Rev. B 85,
/// 155208 (2012)). Commands take another value with --sigma.
inline constexpr double kDefaultSigma = 0.024;

/// The 1-sigma (eV/atom) of an entry's formation energy: 0 for a phase of one
/// element (the reference formation energies are measured from, 0 by
/// definition), else its own Entry::sigma, else `fallback`. The one rule both
/// the analytic propagation and the Monte Carlo draws use.
inline double entry_sigma(const Entry& e, double fallback = kDefaultSigma) {
  if (e.composition.amounts().size() == 1) return 0.0;
  return e.sigma ? *e.sigma : fallback;
}

}  // namespace interphase
