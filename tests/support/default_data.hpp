#pragma once
// The default data set (mp_e_form.csv, read in place) imported once per test
// process into a temporary database.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/hull/load.hpp"
#include "support/temp_dir.hpp"

namespace interphase::test {

/// A fresh temporary directory that lives until the process exits.
inline std::filesystem::path temp_dir(const std::string& tag) {
  static std::vector<std::unique_ptr<TempDir>> dirs;
  dirs.push_back(std::make_unique<TempDir>(tag));
  return dirs.back()->path;
}

/// The default data set's database (imported on first call).
inline const Database& default_database() {
  static const std::unique_ptr<Database> db = [] {
    auto d = std::make_unique<Database>(temp_dir("default") / "db.sqlite");
    d->import_csv(INTERPHASE_DEFAULT_DATA);
    return d;
  }();
  return *db;
}

/// The phase diagram of a chemical system ("Li-In-Cl") on the default data.
inline PhaseDiagram default_phase_diagram(const std::string& chemsys) {
  const Database& db = default_database();
  return load_phase_diagram(db, db.resolve_dataset().id, parse_chemsys(chemsys));
}

}  // namespace interphase::test
