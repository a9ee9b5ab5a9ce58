#pragma once
// The default data set (mp_e_form.csv, read in place) imported once per test
// process into a temporary database.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

#include "interphase/data/database.hpp"
#include "interphase/hull/load.hpp"

namespace interphase::test {

/// A fresh, empty temporary directory, removed at process exit.
inline std::filesystem::path temp_dir(const std::string& tag) {
  auto dir = std::filesystem::temp_directory_path() /
             ("interphase-test-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  static std::vector<std::filesystem::path> to_remove;
  static const bool registered = [] {
    std::atexit([] {
      std::error_code ec;
      for (const auto& d : to_remove) std::filesystem::remove_all(d, ec);
    });
    return true;
  }();
  (void)registered;
  to_remove.push_back(dir);
  return dir;
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
