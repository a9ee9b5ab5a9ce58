#include "interphase/hull/load.hpp"

#include <set>

namespace interphase {

PhaseDiagram load_phase_diagram(const Database& db, std::int64_t dataset_id, const std::vector<int>& elements) {
  return PhaseDiagram::from_formation_energies(db.entries_in_system(elements, dataset_id), elements);
}

std::vector<int> elements_of(const std::vector<Composition>& compositions) {
  std::set<int> all;
  for (const auto& c : compositions)
    for (int z : c.elements()) all.insert(z);
  return {all.begin(), all.end()};
}

}  // namespace interphase
