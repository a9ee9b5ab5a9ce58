/// \file default_database.cpp
/// Where the database and the default data set live, and building the
/// database from the default data set on first use. A new database is built
/// in a temporary file beside its path and moved into place when complete, so
/// no process ever sees (or deletes) a half-built one; the database's lock
/// (lock.hpp) makes the other first runs wait for that one build.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>

#include "interphase/data/database.hpp"
#include "interphase/data/lock.hpp"
#include "interphase/error.hpp"
#include "interphase/quote.hpp"

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

/// Remove a database file this process created, with its journals.
void remove_database_files(const fs::path& db_file) {
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    fs::remove(fs::path(db_file.string() + suffix), ignored);
  }
}

/// Whether `path` exists; DataError naming it if the system cannot tell
/// (a name too long, a component that is not a directory, no permission), or
/// if it is a symbolic link to nothing (a database there would be made at the
/// link's target, which is rarely what was meant).
bool database_exists(const fs::path& path) {
  std::error_code error;
  const bool exists = fs::exists(path, error);
  if (error) throw DataError("cannot use database " + in_quotes(path.string(), 1000) + ": " + error.message());
  if (!exists && fs::is_symlink(path, error)) {
    throw DataError("database " + in_quotes(path.string(), 1000) + " is a symbolic link to " +
                    in_quotes(fs::read_symlink(path, error).string(), 1000) +
                    ", which does not exist: point the link at a database, remove it, or name another file");
  }
  return exists;
}

/// The process id of a temporary database "<database>.building-<pid>-<n>"
/// (or its -journal, -wal or -shm) beside `db_file`, or 0 for any other name.
long builder_of(const fs::path& db_file, const std::string& name) {
  const std::string prefix = db_file.filename().string() + ".building-";
  if (name.compare(0, prefix.size(), prefix) != 0) return 0;
  const char* p = name.c_str() + prefix.size();
  char* end = nullptr;
  const long pid = std::strtol(p, &end, 10);
  if (end == p || *end != '-' || pid <= 0) return 0;
  p = end + 1;
  std::strtoul(p, &end, 10);
  if (end == p) return 0;
  const std::string suffix = end;
  return suffix.empty() || suffix == "-journal" || suffix == "-wal" || suffix == "-shm" ? pid : 0;
}

/// Remove the temporary databases a killed build left beside `db_file` (with
/// their journals): those of processes that no longer run. Called holding the
/// building lock, so no build of this kind is under way.
void remove_abandoned_builds(const fs::path& db_file) {
  std::error_code error;
  const fs::path dir = db_file.parent_path().empty() ? fs::path(".") : db_file.parent_path();
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const long pid = builder_of(db_file, it->path().filename().string());
    if (pid == 0 || pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    if (fs::remove(it->path(), ignored)) {
      spdlog::info("removed {}, left by a build that was stopped (process {})", it->path().string(), pid);
    }
  }
}

/// The directory of a database file, created if missing.
fs::path database_directory(const fs::path& path) {
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) {
    throw DataError("cannot open database " + in_quotes(path.string(), 1000) + ": cannot create directory " +
                    in_quotes(dir.string(), 1000) + ": " + error.message());
  }
  return dir;
}

/// A name for a temporary database beside `path`, unique to this process and call.
fs::path temporary_beside(const fs::path& path) {
  static std::atomic<unsigned> counter{0};
  return fs::path(path.string() + ".building-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
}

/// Move the finished temporary database to `path` unless a file appeared there
/// meanwhile (never replacing it); true if moved.
bool move_into_place(const fs::path& temp, const fs::path& path) {
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) return true;
  if (errno == EEXIST) return false;
  if (errno == EINVAL || errno == ENOSYS) {  // no RENAME_NOREPLACE here: a hard link is just as exclusive
    if (::link(temp.c_str(), path.c_str()) == 0) {
      ::unlink(temp.c_str());
      return true;
    }
    if (errno == EEXIST) return false;
  }
  throw DataError("cannot create database " + in_quotes(path.string(), 1000) + ": " + std::strerror(errno));
}

/// Tells the user that the database is being built: on a terminal as the
/// build starts (the line is erased if it fails), elsewhere once it is done,
/// so that a failure prints only the error line.
class BuildNotice {
 public:
  BuildNotice(const fs::path& db_file, const fs::path& data, bool first_run)
      : text_("interphase: building database " + db_file.string() + " from " + data.string() +
              (first_run ? " (first run)" : " (it has no data set)") + " ..."),
        terminal_(::isatty(STDERR_FILENO) == 1) {
    if (terminal_) std::cerr << text_ << std::flush;
  }
  void done(std::int64_t n_entries) const {
    std::cerr << (terminal_ ? "" : text_) << " " << n_entries << " entries" << std::endl;
  }
  void failed() const {
    if (terminal_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  std::string text_;
  bool terminal_;
};

/// Import `data` into `db`, telling the user; errors say which database failed to build.
void build_database(Database& db, const fs::path& db_file, const fs::path& data, bool first_run) {
  const BuildNotice notice(db_file, data, first_run);
  try {
    notice.done(import_data(db, data).n_entries);
  } catch (const DataError& e) {
    notice.failed();
    throw DataError("cannot build database " + in_quotes(db_file.string(), 1000) + ": " + e.what());
  } catch (...) {
    notice.failed();
    throw;
  }
}

/// Build a new database at `db_file` from `data` in a temporary file beside it,
/// then move it into place. False if another database got there first.
bool build_new_database(const fs::path& db_file, const fs::path& data) {
  const fs::path temp = temporary_beside(db_file);
  try {
    {
      std::optional<Database> db;
      try {
        db.emplace(temp);
      } catch (const DataError& e) {  // e.g. a directory without write permission
        throw DataError("cannot build database " + in_quotes(db_file.string(), 1000) + ": " + e.what());
      }
      build_database(*db, db_file, data, /*first_run=*/true);
    }
    if (move_into_place(temp, db_file)) return true;
  } catch (...) {
    remove_database_files(temp);
    throw;
  }
  remove_database_files(temp);
  return false;
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
  if (const char* set = std::getenv("INTERPHASE_DB"); set != nullptr && *set == '\0') {
    // An unset variable in a script: never the user's own database instead.
    throw DataError("INTERPHASE_DB is set but empty: set it to a database file, or unset it for the default database");
  }
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

Database open_or_create_database(const fs::path& db_path, const fs::path& data_path, const OpenNotice& notice) {
  const fs::path db_file = db_path.empty() ? default_database_path() : db_path;
  if (std::error_code error; !data_path.empty() && !fs::exists(data_path, error)) {
    // Refused even when the database holds data already and would not import it:
    // a misspelt file must not pass unnoticed in one run and fail in the next.
    const std::string problem = "--data " + in_quotes(data_path.string(), 1000) + ": " +
                                (error ? error.message() : std::string("No such file or directory")) +
                                " (the data that builds the database on first use)";
    if (error) throw DataError(problem);
    throw FileNotFound(problem);
  }
  if (database_exists(db_file)) {
    Database db(db_file);
    if (!db.datasets().empty()) return db;
  }
  // One build at a time; who waited uses what was built. Without the lock
  // (lock.hpp) building still cannot lose data: the database is moved into
  // place only if none is there.
  database_directory(db_file);
  const DatabaseLock lock(db_file, DatabaseWork::Building, "building the database", notice.waiting);
  if (lock.held()) remove_abandoned_builds(db_file);
  if (database_exists(db_file)) {
    Database db(db_file);
    if (db.datasets().empty()) build_database(db, db_file, data_to_import(data_path), /*first_run=*/false);
    return db;
  }
  build_new_database(db_file, data_to_import(data_path));
  Database db(db_file);
  if (db.datasets().empty()) throw DataError("database " + in_quotes(db_file.string(), 1000) + " was created empty by another process");
  return db;
}

void update_database(const fs::path& path, const std::function<void(Database&)>& fill) {
  if (database_exists(path)) {
    Database db(path);
    fill(db);
    return;
  }
  database_directory(path);
  const DatabaseLock lock(path, DatabaseWork::Building, "building the database");
  if (lock.held()) remove_abandoned_builds(path);
  const fs::path temp = temporary_beside(path);
  try {
    {
      Database db(temp);
      fill(db);
    }
    if (move_into_place(temp, path)) return;
  } catch (...) {
    remove_database_files(temp);
    throw;
  }
  remove_database_files(temp);
  Database db(path);  // another process created it meanwhile: add to that one
  fill(db);
}

}  // namespace interphase
