#include "interphase/hull/stability.hpp"

#include <algorithm>
#include <map>

#include "interphase/error.hpp"
#include "interphase/hull/load.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

std::vector<std::pair<std::string, double>> named(const PhaseDiagram& pd, const Decomposition& d) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& part : d.parts) out.emplace_back(pd.entries()[part.entry].name(), part.fraction);
  return out;
}

bool is_subset(const std::vector<int>& inner, const std::vector<int>& outer) {
  return std::includes(outer.begin(), outer.end(), inner.begin(), inner.end());
}

/// e_form - E_hull' for a stable entry, the hull' built without every entry of
/// its composition: from the stable entries of its proper subsystems and the
/// other entries of its own chemical system, taken from `system` (entries with
/// their stable flags). 0 for an element, as pymatgen.
double decomposition_enthalpy(const Entry& target, const std::vector<std::pair<const Entry*, bool>>& system) {
  const auto own = target.composition.elements();
  if (own.size() == 1) return 0.0;
  const Composition fractional = target.composition.fractional();
  std::vector<Entry> others;
  for (const auto& [e, stable] : system) {
    const auto elements = e->composition.elements();
    if (!is_subset(elements, own)) continue;
    if (elements.size() < own.size() ? stable : !e->composition.fractional().almost_equal(fractional, tol::kSameCompositionTol))
      others.push_back(*e);
  }
  // The hull energy by linear programming over these phases: no hull is built,
  // so the cost does not explode with the number of elements.
  return target.e_form - StableSet(std::move(others), own).hull_energy(target.composition);
}

}  // namespace

Stability stability(const PhaseDiagram& pd, const Composition& c) {
  Stability s;
  s.composition = c;
  s.chemsys = pd.chemsys();
  const Decomposition d = pd.decomposition(c);
  s.hull_energy = d.energy;
  s.products = named(pd, d);
  if (const auto lowest = pd.lowest_entry(c)) {
    s.entry_id = pd.entries()[*lowest].id;
    s.e_form = pd.entries()[*lowest].e_form;
    s.e_above_hull = pd.e_above_hull(*lowest);
    s.stable = pd.is_stable(*lowest);
    if (s.stable) s.decomposition_enthalpy = pd.decomposition_enthalpy(*lowest);
  }
  return s;
}

Stability stored_stability(const Database& db, std::int64_t dataset_id, const Composition& c) {
  const auto elements = c.elements();
  const auto lowest = db.lowest_entry(dataset_id, c);
  if (!lowest) {
    require_entries_hold(db, dataset_id, elements, "no stability of " + c.reduced_formula() + " to compute");
    // The stable entries of the system and the hull LP over them, as hull,
    // react and window read it: Qhull over them grows without bound with the
    // number of elements (10 elements took 15 s, 11 more than 2 minutes).
    const StableSet set(db.stable_entries_in_system(elements, dataset_id), elements);
    const Decomposition d = set.decomposition(c);
    Stability s;
    s.composition = c;
    s.chemsys = set.chemsys();
    s.hull_energy = d.energy;
    for (const auto& part : d.parts) s.products.emplace_back(set.name(part.entry), part.fraction);
    return s;
  }
  const auto rows = db.stability_of({lowest->key});
  if (rows.empty()) throw DataError("no stored stability for entry " + lowest->id + " (run `interphase db check`)");
  const StoredStability& row = rows.front();
  Stability s;
  s.composition = c;
  s.chemsys = c.chemsys();
  s.entry_id = lowest->id;
  s.e_form = lowest->e_form;
  s.e_above_hull = row.e_above_hull;
  s.hull_energy = row.hull_energy;
  s.stable = row.stable;
  std::vector<std::int64_t> keys;
  for (const auto& [key, fraction] : row.decomposition) keys.push_back(key);
  const auto names = db.phase_names(keys);
  for (std::size_t i = 0; i < keys.size(); ++i) s.products.emplace_back(names[i], row.decomposition[i].second);
  if (s.stable) {
    const auto system = db.entries_in_system(elements, dataset_id);
    std::vector<std::int64_t> system_keys;
    for (const Entry& e : system) system_keys.push_back(e.key);
    std::map<std::int64_t, bool> stable;
    for (const auto& r : db.stability_of(system_keys)) stable[r.entry] = r.stable;
    std::vector<std::pair<const Entry*, bool>> flagged;
    for (const Entry& e : system) flagged.emplace_back(&e, stable[e.key]);
    s.decomposition_enthalpy = decomposition_enthalpy(*lowest, flagged);
  }
  return s;
}

std::size_t HullTable::stable_count() const {
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const Row& r) { return r.stable; }));
}

HullTable hull_table(const PhaseDiagram& pd) {
  HullTable t;
  t.chemsys = pd.chemsys();
  for (std::size_t i = 0; i < pd.entries().size(); ++i) {
    HullTable::Row row{pd.entries()[i], pd.e_above_hull(i), pd.is_stable(i), std::nullopt};
    if (row.stable) row.decomposition_enthalpy = pd.decomposition_enthalpy(i);
    t.rows.push_back(std::move(row));
  }
  return t;
}

HullTable stored_hull_table(const Database& db, std::int64_t dataset_id, const std::vector<int>& elements) {
  require_entries_hold(db, dataset_id, elements, "no hull of " + chemsys_string(elements) + " to compute");
  HullTable t;
  t.chemsys = chemsys_string(elements);
  const auto entries = db.entries_in_system(elements, dataset_id);
  std::vector<std::int64_t> keys;
  for (const Entry& e : entries) keys.push_back(e.key);
  std::map<std::int64_t, StoredStability> stored;
  for (auto& r : db.stability_of(keys)) stored.emplace(r.entry, std::move(r));
  std::vector<std::pair<const Entry*, bool>> flagged;
  for (const Entry& e : entries) {
    const auto it = stored.find(e.key);
    if (it == stored.end()) throw DataError("no stored stability for entry " + e.id + " (run `interphase db check`)");
    flagged.emplace_back(&e, it->second.stable);
  }
  for (const Entry& e : entries) {
    const StoredStability& s = stored.at(e.key);
    HullTable::Row row{e, s.e_above_hull, s.stable, std::nullopt};
    if (s.stable) row.decomposition_enthalpy = decomposition_enthalpy(e, flagged);
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace interphase
