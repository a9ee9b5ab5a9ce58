#pragma once
/// \file screen.hpp
/// Screening: the minimum reaction energy of every pair of two lists of
/// materials (electrolytes against cathodes, say), closed or with open elements.
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/reaction/open.hpp"

namespace interphase {

/// One screened pair.
struct ScreenRow {
  Reactant a, b;
  std::string chemsys;  ///< of the closed diagram the pair was evaluated in
  Kink minimum;         ///< the lowest kink of the reaction energy
};

/// For each A in `as` and each B in `bs` (in that order), the minimum of the
/// reaction energy, each pair in the phase diagram of its own elements (and the
/// open ones) from data set `dataset_id`. `mu` empty: closed.
std::vector<ScreenRow> screen(const Database& db, std::int64_t dataset_id, const std::vector<Reactant>& as,
                              const std::vector<Reactant>& bs, const ChemPots& mu, EnergyForm form,
                              ReactantEnergy source = ReactantEnergy::Entry);

}  // namespace interphase
