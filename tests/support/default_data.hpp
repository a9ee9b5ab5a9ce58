#pragma once
// The default data set (mp_e_form.csv, read in place) imported once per test
// process into a temporary database.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/hull/dataset_stability.hpp"
#include "interphase/hull/load.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/setup.hpp"
#include "support/temp_dir.hpp"

namespace interphase::test {

/// A fresh temporary directory that lives until the process exits.
inline std::filesystem::path temp_dir(const std::string& tag) {
  static std::vector<std::unique_ptr<TempDir>> dirs;
  dirs.push_back(std::make_unique<TempDir>(tag));
  return dirs.back()->path;
}

/// The default data set's database, its stability computed and stored (on first call).
inline const Database& default_database() {
  static const std::unique_ptr<Database> db = [] {
    auto d = std::make_unique<Database>(temp_dir("default") / "db.sqlite");
    const auto dataset = d->import_csv(INTERPHASE_DEFAULT_DATA);
    ensure_stability(*d, dataset.id);
    return d;
  }();
  return *db;
}

/// The stable set of some elements on the default data, as the program loads it.
inline std::shared_ptr<const StableSet> default_stable_set(const std::vector<int>& elements) {
  const Database& db = default_database();
  return load_stable_set(db, db.resolve_dataset().id, elements);
}

/// What a reaction request on the default data starts from (setup_reaction): the
/// stable set of some compositions' elements (and `extra` ones), and the reactants.
inline ReactionSetup default_setup(const std::vector<std::string>& formulas, const std::vector<int>& extra = {}) {
  const Database& db = default_database();
  return setup_reaction(db, db.resolve_dataset().id, formulas, extra);
}

/// The stable set of some compositions' elements (and `extra` ones) on the default data.
inline std::shared_ptr<const StableSet> default_stable_set(const std::vector<std::string>& formulas,
                                                           const std::vector<int>& extra = {}) {
  return default_setup(formulas, extra).closed;
}

/// A reactant with its own energy from the default data.
inline Reactant default_reactant(const StableSet& closed, const std::string& formula) {
  const Database& db = default_database();
  return reactant_from(db, db.resolve_dataset().id, closed, formula);
}

/// The phase diagram of a chemical system ("Li-In-Cl") on the default data.
inline PhaseDiagram default_phase_diagram(const std::string& chemsys) {
  const Database& db = default_database();
  return load_phase_diagram(db, db.resolve_dataset().id, parse_chemsys(chemsys));
}

}  // namespace interphase::test
