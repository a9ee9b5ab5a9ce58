/// \file health.cpp
/// `interphase db check`: what is wrong with a database file and how to recover.
///
/// Each check is one function in kChecks below; a new check is one more
/// function and one more line there.
/// Checks run in order and read only; a check that finds the file unusable
/// stops the ones after it.
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "interphase/quote.hpp"

#include "detail.hpp"
#include "rows.hpp"
#include "sqlite.hpp"

namespace interphase {

namespace {

namespace fs = std::filesystem;
using namespace data::detail;

/// What the checks share: the open file and the report they add to.
struct CheckContext {
  const fs::path& path;
  sqlite3* db;
  HealthReport& report;

  /// Record a problem, or a check that passed.
  void problem(std::string what, std::string remedy) { report.problems.push_back({std::move(what), std::move(remedy)}); }
  void passed(std::string what) { report.passed.push_back(std::move(what)); }
};

/// The advice for a damaged file.
std::string restore_advice(const fs::path& path) {
  return "restore " + path.string() + " from a backup, or move it aside and run any command (it rebuilds the "
         "default data set) or `interphase db import FILE` again";
}

/// True to go on with the next check.
using Check = bool (*)(CheckContext&);

/// SQLite's own integrity check of every page, index and constraint.
bool integrity(CheckContext& c) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(c.db, "PRAGMA integrity_check(20)", -1, &stmt, nullptr) != SQLITE_OK) {
    c.problem(std::string("SQLite cannot read the file: ") + sqlite3_errmsg(c.db), restore_advice(c.path));
    return false;
  }
  std::vector<std::string> found;
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    const std::string line = text ? text : "";
    if (line != "ok") found.push_back(printable(line, 160));
  }
  if (rc != SQLITE_DONE) found.push_back(std::string("SQLite cannot read the file: ") + sqlite3_errmsg(c.db));
  sqlite3_finalize(stmt);
  if (found.empty()) {
    c.passed("SQLite integrity check: ok");
    return true;
  }
  std::string what = "SQLite integrity check failed:";
  for (const auto& line : found) what += "\n    " + line;
  c.problem(what, restore_advice(c.path));
  return false;
}

/// The schema version this build reads.
bool schema(CheckContext& c) {
  Statement query(c.db, "PRAGMA user_version");
  const int version = query.step() ? static_cast<int>(query.integer(0)) : 0;
  if (version == schema_version()) {
    c.passed("schema version " + std::to_string(version));
    return true;
  }
  if (version == 0) {
    c.problem("the file has no interphase schema (user_version 0): it is not an interphase database",
              "point --db at an interphase database, or remove the file if it is not needed");
  } else if (version > schema_version()) {
    c.problem("schema version " + std::to_string(version) + " is newer than this build of interphase supports (" +
                  std::to_string(schema_version()) + ")",
              "use a newer interphase for this database");
  } else {
    c.problem("schema version " + std::to_string(version) + " is older than this build's (" +
                  std::to_string(schema_version()) + ") and no migration exists",
              "import the data again into a new database");
  }
  return false;
}

/// The advice for a data set whose entries no longer match their record.
std::string reimport_advice() {
  return "import its file again under a new name (`interphase db import FILE --name NAME`), or restore the database "
         "from a backup";
}

/// Each data set holds as many entries as its record says it imported.
bool entry_counts(CheckContext& c) {
  Statement query(c.db,
                  "SELECT d.name, d.n_entries, (SELECT count(*) FROM entry e WHERE e.dataset_id = d.id) "
                  "FROM dataset d ORDER BY d.id");
  std::size_t datasets = 0;
  bool ok = true;
  while (query.step()) {
    ++datasets;
    const std::string name = query.text(0);
    const std::int64_t recorded = query.integer(1), stored = query.integer(2);
    if (recorded != stored) {
      ok = false;
      c.problem("data set " + in_quotes(name) + " records " + std::to_string(recorded) + " entries but holds " +
                    std::to_string(stored),
                reimport_advice());
    }
  }
  if (ok) c.passed(std::to_string(datasets) + " data set(s), entry counts as recorded");
  return true;
}

/// Each data set's stored content hash is the hash of the entries it holds
/// (external id, composition, formation energy): no entry was changed, added
/// or removed behind the library's back.
bool content_hashes(CheckContext& c) {
  Statement datasets(c.db, "SELECT id, name, content_hash FROM dataset ORDER BY id");
  Statement entries(c.db, "SELECT external_id, composition, e_form FROM entry WHERE dataset_id = ?1");
  std::size_t checked = 0;
  bool ok = true;
  while (datasets.step()) {
    const std::int64_t id = datasets.integer(0);
    const std::string name = datasets.text(1), stored = datasets.text(2);
    ContentDigest digest;
    std::string unreadable;
    entries.bind(1, id);
    while (entries.step()) {
      const std::string external_id = entries.text(0);
      try {
        digest += ContentDigest::of(external_id, decode_composition(entries.text(1), external_id), entries.real(2));
      } catch (const DataError& e) {
        if (unreadable.empty()) unreadable = e.what();
      }
    }
    entries.reset();
    ++checked;
    if (!unreadable.empty()) {
      ok = false;
      c.problem("data set " + in_quotes(name) + " has an unreadable entry: " + printable(unreadable, 200), reimport_advice());
    } else if (digest.hex() != stored) {
      ok = false;
      c.problem("data set " + in_quotes(name) + ": its entries do not match its stored content hash (stored " +
                    in_quotes(stored, 16) + ", entries give " +
                    in_quotes(digest.hex(), 16) +
                    "): entries were changed outside interphase, or the record is damaged",
                reimport_advice());
    }
  }
  if (ok) c.passed(std::to_string(checked) + " data set(s), content hashes match their entries");
  return true;
}

/// Stored stability results describe each data set as it is now: computed for
/// its current content hash, one row per entry, and no row for an entry of
/// another data set. Results that are missing are not a problem (they are
/// computed on first need); stale or partial ones are.
bool stored_stability(CheckContext& c) {
  Statement datasets(c.db,
                     "SELECT d.id, d.name, d.content_hash, s.content_hash, "
                     "(SELECT count(*) FROM entry e WHERE e.dataset_id = d.id), "
                     "(SELECT count(*) FROM stability t JOIN entry e ON e.id = t.entry_id WHERE e.dataset_id = d.id), "
                     "(SELECT count(*) FROM stability t JOIN entry e ON e.id = t.entry_id "
                     " WHERE t.dataset_id = d.id AND e.dataset_id <> d.id) "
                     "FROM dataset d LEFT JOIN stability_state s ON s.dataset_id = d.id ORDER BY d.id");
  std::size_t current = 0, absent = 0;
  bool ok = true;
  while (datasets.step()) {
    const std::string name = datasets.text(1), content = datasets.text(2);
    const std::string recompute = "run `interphase stability --dataset " + printable(name) +
                                  "` (it computes the stored stability again), or any command that reads it";
    if (datasets.is_null(3)) {
      ++absent;
      continue;
    }
    const std::string computed_for = datasets.text(3);
    const std::int64_t n_entries = datasets.integer(4), rows = datasets.integer(5), misplaced = datasets.integer(6);
    if (computed_for != content) {
      ok = false;
      c.problem("data set " + in_quotes(name) +
                    ": its stored stability results are stale (computed for content hash " +
                    in_quotes(computed_for, 16) + ", the data set's is now " +
                    in_quotes(content, 16) + ")",
                recompute);
    } else if (rows != n_entries || misplaced != 0) {
      ok = false;
      c.problem("data set " + in_quotes(name) + ": its stored stability is marked current but has " +
                    std::to_string(rows) + " row(s) for " + std::to_string(n_entries) + " entries" +
                    (misplaced ? " and " + std::to_string(misplaced) + " row(s) filed under the wrong data set" : ""),
                recompute);
    } else {
      ++current;
    }
  }
  if (ok) {
    c.passed("stored stability: " + std::to_string(current) + " data set(s) current" +
             (absent ? ", " + std::to_string(absent) + " not computed yet (computed on first need)" : ""));
  }
  return true;
}

constexpr Check kChecks[] = {integrity, schema, entry_counts, content_hashes, stored_stability};

}  // namespace

HealthReport check_database(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) {
    throw DataError("database " + in_quotes(path.string(), 1000) + " does not exist" + (error ? ": " + error.message() : ""));
  }
  HealthReport report;
  sqlite3* db = nullptr;
  const int rc = open_read_only(path, &db);  // in a read-only place too: every check only reads
  if (rc != SQLITE_OK) {
    // The system refused the file (its content unseen): not a sign of damage.
    const int system = (rc & 0xFF) == SQLITE_CANTOPEN && db ? sqlite3_system_errno(db) : 0;
    report.problems.push_back({std::string("SQLite cannot open the file: ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) +
                                   (system ? " (" + std::string(std::strerror(system)) + ")" : ""),
                               system ? "make the file readable, or check a copy of it in a place this user can write"
                                      : restore_advice(path)});
    sqlite3_close(db);
    return report;
  }
  if (const std::string why = read_only_reason(path.string()); !why.empty()) {
    report.passed.push_back("the file is read-only here (" + why + "): checked as it is; commands that only read it work");
  }
  sqlite3_busy_timeout(db, 10000);
  try {
    CheckContext context{path, db, report};
    for (const Check check : kChecks) {
      if (!check(context)) break;
    }
  } catch (const DataError& e) {
    report.problems.push_back({std::string("cannot read the file: ") + e.what(), restore_advice(path)});
  }
  sqlite3_close(db);
  return report;
}

}  // namespace interphase
