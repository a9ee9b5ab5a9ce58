#include "interphase/hull/load.hpp"

#include <set>

#include "interphase/error.hpp"

namespace interphase {

PhaseDiagram load_phase_diagram(const Database& db, std::int64_t dataset_id, const std::vector<int>& elements) {
  require_entries_hold(db, dataset_id, elements, "no phase diagram of " + chemsys_string(elements) + " to compute");
  return PhaseDiagram::from_formation_energies(db.entries_in_system(elements, dataset_id), elements);
}

void require_entries_hold(const Database& db, std::int64_t dataset_id, const std::vector<int>& elements,
                          const std::string& consequence) {
  const std::vector<int> missing = db.elements_without_entries(dataset_id, elements);
  if (missing.empty()) return;
  std::string symbols;
  for (const int z : missing) {  // appended piecewise: GCC 12 warns falsely (-Wrestrict) on a sum
    if (!symbols.empty()) symbols += ' ';
    symbols.append(element(z).symbol);
  }
  throw ThermoError("no entry of the data set holds " + symbols + ": " + consequence);
}

std::vector<int> elements_of(const std::vector<Composition>& compositions) {
  std::set<int> all;
  for (const auto& c : compositions)
    for (int z : c.elements()) all.insert(z);
  return {all.begin(), all.end()};
}

}  // namespace interphase
