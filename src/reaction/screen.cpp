#include "interphase/reaction/screen.hpp"

#include "interphase/hull/load.hpp"

namespace interphase {

std::vector<ScreenRow> screen(const Database& db, std::int64_t dataset_id, const std::vector<Reactant>& as,
                              const std::vector<Reactant>& bs, const ChemPots& mu, EnergyForm form,
                              ReactantEnergy source) {
  std::vector<Composition> open;
  for (const auto& [z, value] : mu) open.push_back(Composition({{z, 1.0}}));
  std::vector<ScreenRow> rows;
  for (const auto& a : as) {
    for (const auto& b : bs) {
      std::vector<Composition> all = open;
      all.push_back(a.composition);
      all.push_back(b.composition);
      const PhaseDiagram pd = load_phase_diagram(db, dataset_id, elements_of(all));
      const Kink minimum = mu.empty() ? react(pd, a, b, form).minimum()
                                      : OpenReaction(pd, a, b, mu, form, source).reaction().minimum();
      rows.push_back({a, b, pd.chemsys(), minimum});
    }
  }
  return rows;
}

}  // namespace interphase
