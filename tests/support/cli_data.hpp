#pragma once
// What the CLI tests of database files share: a small database of the made-up
// Li-O data (tests/data_small/cli_li_o.csv) built through the program, and SQL
// run on a file with SQLite itself, as a user with sqlite3 (or another
// program) would.
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "support/cli.hpp"

namespace interphase::test {

/// The made-up Li-O data: Li and O2 at 0; Li2O -2.0 (x_O 1/3) and Li2O2 -1.6
/// (1/2) stable; Li3O -1.0 (1/4) lies 0.5 eV/atom above Li + Li2O; LiO2 -0.9
/// (2/3) lies 1/6 eV/atom above Li2O2 + O2.
inline std::string li_o_data() { return std::string(INTERPHASE_TEST_DATA_DIR) + "/cli_li_o.csv"; }

/// A database of the Li-O data at dir/name, imported and its stability stored by the program.
inline std::filesystem::path small_database(const std::filesystem::path& dir, const std::string& name = "db.sqlite") {
  const std::filesystem::path db = dir / name;
  const Run import = run_cli("db import " + li_o_data() + " --db " + db.string());
  BOOST_REQUIRE_MESSAGE(import.code == 0, import.err);
  const Run stability = run_cli("stability --format csv --db " + db.string());
  BOOST_REQUIRE_MESSAGE(stability.code == 0, stability.err);
  return db;
}

/// Run SQL on a file with SQLite itself.
inline void raw_sql(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::string text = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, text);
}

}  // namespace interphase::test
