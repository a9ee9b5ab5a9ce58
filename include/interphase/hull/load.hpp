#pragma once
/// \file load.hpp
/// Phase diagrams straight from the database.
#include <cstdint>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/hull/phase_diagram.hpp"

namespace interphase {

/// The phase diagram of `elements` from the entries of one data set (formation
/// energies, elemental references implicit at 0).
PhaseDiagram load_phase_diagram(const Database& db, std::int64_t dataset_id, const std::vector<int>& elements);

/// Unless some entry of the data set holds each of `elements` (atomic
/// numbers), ThermoError naming those none holds, as screen's rows do: "no
/// entry of the data set holds Og: " + `consequence`. Every hull, decomposition
/// and reaction read from a data set starts here, so that an element with no
/// data never enters as an element at 0 eV.
void require_entries_hold(const Database& db, std::int64_t dataset_id, const std::vector<int>& elements,
                          const std::string& consequence);

/// Sorted union of the elements of some compositions.
std::vector<int> elements_of(const std::vector<Composition>& compositions);

}  // namespace interphase
