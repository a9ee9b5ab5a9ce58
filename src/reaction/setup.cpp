#include "interphase/reaction/setup.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "interphase/error.hpp"
#include "interphase/hull/load.hpp"

namespace interphase {

ReactionSetup setup_reaction(const Database& db, std::int64_t dataset_id, const std::vector<std::string>& formulas,
                             const std::vector<int>& extra) {
  std::vector<Composition> compositions;
  for (const auto& f : formulas) compositions.push_back(Composition::parse(f));
  auto elements = elements_of(compositions);
  require_entries_hold(db, dataset_id, elements, "no reaction to compute");
  elements.insert(elements.end(), extra.begin(), extra.end());
  std::sort(elements.begin(), elements.end());
  elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
  ReactionSetup setup{load_stable_set(db, dataset_id, elements), {}};
  for (const auto& f : formulas) setup.reactants.push_back(reactant_from(db, dataset_id, *setup.closed, f));
  return setup;
}

bool any_compound_holds(const StableSet& set, int z) {
  for (std::size_t i = 0; i < set.size(); ++i) {
    const Composition& c = set.entry(i).composition;
    if (c.amounts().size() > 1 && c.amount(z) > 0) return true;
  }
  return false;
}

ChemPots open_elements_present(const StableSet& set, ChemPots mu) {
  std::string absent;
  for (auto it = mu.begin(); it != mu.end();) {
    if (any_compound_holds(set, it->first)) {
      ++it;
      continue;
    }
    absent += (absent.empty() ? "" : ", ") + std::string(element(it->first).symbol);
    it = mu.erase(it);
  }
  if (absent.empty()) return mu;
  if (mu.empty())
    throw Error("open " + absent + ": no compound of " + set.chemsys() + " holds it, so nothing would be open");
  spdlog::warn("open {}: no compound of {} holds it, so it changes nothing and is left out", absent, set.chemsys());
  return mu;
}

void require_open_present(const StableSet& set, int z) {
  if (!any_compound_holds(set, z))
    throw Error("open " + std::string(element(z).symbol) + ": no compound of " + set.chemsys() +
                " holds it, so nothing would be open");
}

int single_open(const std::vector<std::string>& open) {
  if (open.size() > 1) throw Error("this command takes one open element, got " + std::to_string(open.size()));
  return open.empty() ? kLithium : atomic_number(open.front());
}

void note_reactant_energies(EnergyForm form, const std::string& source, const std::vector<Reactant>& reactants) {
  if (form != EnergyForm::Total || source == "hull") return;
  for (const auto& r : reactants) {
    if (!r.own_energy)
      spdlog::warn("{} has no entry below the elemental references: the total form takes its hull energy", r.formula);
  }
}

}  // namespace interphase
