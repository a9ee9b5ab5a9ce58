#pragma once
/// \file sigma.hpp
/// The uncertainty of a formation energy where the data gives none.

namespace interphase {

/// 1-sigma uncertainty of a formation energy, eV/atom, for entries without
/// their own (Entry::sigma): 0.024 eV/atom, the spread of GGA+U reaction
/// energies between oxides against experiment (Hautier et al., Phys. Rev. B 85,
/// 155208 (2012)). Commands take another value with --sigma.
inline constexpr double kDefaultSigma = 0.024;

}  // namespace interphase
