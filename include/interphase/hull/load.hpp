#pragma once
/// \file load.hpp
/// Phase diagrams straight from the database.
#include <cstdint>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/hull/phase_diagram.hpp"

namespace interphase {

/// The phase diagram of `elements` from the entries of one data set (formation
/// energies, elemental references implicit at 0).
PhaseDiagram load_phase_diagram(const Database& db, std::int64_t dataset_id, const std::vector<int>& elements);

/// Sorted union of the elements of some compositions.
std::vector<int> elements_of(const std::vector<Composition>& compositions);

}  // namespace interphase
