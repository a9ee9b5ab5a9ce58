/// \file default_database.cpp
/// Where the database and the default data set live, and building the
/// database from the default data set on first use.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>

#include "interphase/data/database.hpp"
#include "interphase/error.hpp"

#ifndef INTERPHASE_DEFAULT_DATA
#define INTERPHASE_DEFAULT_DATA ""  // the build normally sets it (CMakeLists.txt)
#endif

namespace interphase {

namespace {

namespace fs = std::filesystem;

/// A non-empty environment variable.
std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

/// The importer that suits a data file (guess_kind).
DatasetInfo import_data(Database& db, const fs::path& data) {
  const std::string kind = guess_kind(data);
  if (kind == "mp-json") return db.import_mp_json(data);
  if (kind == "pymatgen-json") return db.import_pymatgen_json(data);
  return db.import_csv(data);
}

/// Remove a database file that a failed first build left behind, with its journals.
void remove_database_files(const fs::path& db_file) {
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    fs::remove(fs::path(db_file.string() + suffix), ignored);
  }
}

/// Import `data` into the empty database `db`, telling the user on stderr.
/// Another process may build the same database at the same time: if our
/// import fails because it got there first, its data set is used.
void build_database(Database& db, const fs::path& data, bool first_run) {
  std::cerr << "interphase: building database " << db.path().string() << " from " << data.string()
            << (first_run ? " (first run)" : " (it has no data set)") << " ..." << std::flush;
  try {
    const DatasetInfo info = import_data(db, data);
    std::cerr << " " << info.n_entries << " entries" << std::endl;
  } catch (const DataError&) {
    if (!db.datasets().empty()) {
      std::cerr << " built meanwhile by another process" << std::endl;
      return;
    }
    std::cerr << " failed" << std::endl;
    throw;
  } catch (...) {
    std::cerr << " failed" << std::endl;
    throw;
  }
}

/// `data_path`, or the default data set, which must exist.
fs::path data_to_import(const fs::path& data_path) {
  if (!data_path.empty()) return data_path;
  const fs::path data = default_data_path();
  if (!fs::exists(data)) {
    throw DataError("cannot open '" + data.string() +
                    "': No such file or directory (the default data set; set INTERPHASE_DATA to import another file)");
  }
  return data;
}

}  // namespace

fs::path default_database_path() {
  if (const auto path = environment("INTERPHASE_DB")) return *path;
  if (const auto xdg = environment("XDG_DATA_HOME"); xdg && fs::path(*xdg).is_absolute()) {
    return fs::path(*xdg) / "interphase" / "interphase.sqlite";
  }
  if (const auto home = environment("HOME")) return fs::path(*home) / ".local" / "share" / "interphase" / "interphase.sqlite";
  throw DataError("cannot locate the database: set INTERPHASE_DB (or HOME)");
}

fs::path default_data_path() {
  if (const auto path = environment("INTERPHASE_DATA")) return *path;
  const fs::path configured = INTERPHASE_DEFAULT_DATA;
  if (configured.empty()) throw DataError("no default data set was configured at build time: set INTERPHASE_DATA");
  return configured;
}

Database open_or_create_database(const fs::path& db_path, const fs::path& data_path) {
  const fs::path db_file = db_path.empty() ? default_database_path() : db_path;
  const bool existed = fs::exists(db_file);
  try {
    Database db(db_file);
    if (db.datasets().empty()) build_database(db, data_to_import(data_path), !existed);
    return db;
  } catch (...) {
    if (!existed) remove_database_files(db_file);
    throw;
  }
}

}  // namespace interphase
