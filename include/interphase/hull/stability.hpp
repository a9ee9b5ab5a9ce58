#pragma once
/// \file stability.hpp
/// Stability of one composition (`decompose`) and of the entries of a chemical
/// system (`hull`): from a phase diagram, or read from the stored stability of
/// every entry of a data set.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/hull/phase_diagram.hpp"

namespace interphase {

struct Stability {
  Composition composition;                 ///< as queried
  std::string chemsys;                     ///< the chemical system it was judged in
  std::optional<std::string> entry_id;     ///< lowest entry of that composition, if any
  double hull_energy = 0;                  ///< E_hull at the composition, eV/atom
  std::optional<double> e_form;            ///< the lowest entry's formation energy
  std::optional<double> e_above_hull;      ///< e_form - hull_energy
  std::optional<double> decomposition_enthalpy;  ///< for a stable entry (< 0; 0 for an element)
  bool stable = false;                     ///< the lowest entry is a hull vertex
  /// Products at the composition: reduced formula and atomic fraction, by descending fraction.
  std::vector<std::pair<std::string, double>> products;
};

/// Evaluate `c` against `pd`.
Stability stability(const PhaseDiagram& pd, const Composition& c);

/// Evaluate `c` from the stored stability of a data set (which must be current):
/// its lowest entry's stored row, or, for a composition without an entry, the
/// hull of the stable entries of its elements (ThermoError if no entry holds
/// one of them).
Stability stored_stability(const Database& db, std::int64_t dataset_id, const Composition& c);

/// The entries of a chemical system with their stability (`hull`).
struct HullTable {
  struct Row {
    Entry entry;
    double e_above_hull = 0;
    bool stable = false;
    std::optional<double> decomposition_enthalpy;  ///< stable entries only
  };
  std::string chemsys;
  std::vector<Row> rows;  ///< every entry of the system, in row order
  std::size_t stable_count() const;
};

/// From a phase diagram.
HullTable hull_table(const PhaseDiagram& pd);
/// From the stored stability of a data set (which must be current); ThermoError
/// if no entry holds one of `elements`.
HullTable stored_hull_table(const Database& db, std::int64_t dataset_id, const std::vector<int>& elements);

}  // namespace interphase
