#include <boost/test/unit_test.hpp>

/// Per-entry uncertainties: the CSV column, what is stored and read back, the
/// content hash (unchanged for entries without one), bad values refused with
/// the database unchanged, and the upgrade of a version 2 database.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "support/data_errors.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_sigma)

namespace fs = std::filesystem;
using namespace interphase;
using interphase::test::data_error_message;
using interphase::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

fs::path write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

void sql(const fs::path& path, const std::string& statements) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, statements.c_str(), nullptr, nullptr, &message);
  BOOST_TEST_REQUIRE(rc == SQLITE_OK, (message ? message : ""));
  sqlite3_close(db);
}

CsvImportOptions with_sigma(const std::string& name = {}) {
  CsvImportOptions o;
  o.sigma_column = "sigma";
  o.name = name;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sigma_column_round_trip) {
  TempDir dir;
  const fs::path csv = write(dir.path / "s.csv", "formula,target,sigma\nLi2O1,-2.0,0.03\nLi1,0.0,\nO2,0,0\nLiO2,-0.9,1e-2\n");
  Database db(dir.path / "db.sqlite");
  const DatasetInfo d = db.import_csv(csv, with_sigma());
  const auto entries = db.entries(d.id);
  BOOST_TEST_REQUIRE(entries.size() == 4u);
  BOOST_TEST(entries[0].sigma.value_or(-1) == 0.03);
  BOOST_TEST(!entries[1].sigma.has_value());  // an empty field: none
  BOOST_TEST(entries[2].sigma.value_or(-1) == 0.0);
  BOOST_TEST(entries[3].sigma.value_or(-1) == 0.01);
  BOOST_TEST(db.entries_in_system({3, 8}, d.id)[0].sigma.value_or(-1) == 0.03);
  BOOST_TEST(db.entry_by_id(d.id, "s:4").sigma.value_or(-1) == 0.01);
  BOOST_TEST(d.content_hash == db.compute_content_hash(d.id));

  // Without the column the same file stores no sigma at all.
  const DatasetInfo plain = db.import_csv(csv, CsvImportOptions{"formula", "target", "plain", kDefaultMaxAbsEnergy, ""});
  for (const Entry& e : db.entries(plain.id)) BOOST_TEST(!e.sigma.has_value());

  // add/remove keep the hash current with a sigma.
  Entry e;
  e.id = "extra";
  e.formula = "Li2O2";
  e.composition = Composition::parse("Li2O2");
  e.e_form = -1.6;
  e.sigma = 0.05;
  db.add_entry(d.id, e);
  BOOST_TEST(db.content_hash(d.id) == db.compute_content_hash(d.id));
  BOOST_TEST(db.entry_by_id(d.id, "extra").sigma.value_or(-1) == 0.05);
  db.remove_entry(d.id, "extra");
  BOOST_TEST(db.content_hash(d.id) == d.content_hash);
}

BOOST_AUTO_TEST_CASE(content_hash_includes_sigma_only_when_given) {
  TempDir dir;
  Database db(dir.path / "db.sqlite");
  const fs::path none = write(dir.path / "a.csv", "formula,target,sigma\nLi2O1,-2.0,\nLi1,0.0,\n");
  const fs::path plain = write(dir.path / "a2.csv", "formula,target\nLi2O1,-2.0\nLi1,0.0\n");
  const fs::path given = write(dir.path / "a3.csv", "formula,target,sigma\nLi2O1,-2.0,0.02\nLi1,0.0,\n");
  // Ids are "<name>:<row>": give all three the same name in separate databases.
  const std::string h_none = db.import_csv(none, with_sigma("a")).content_hash;
  Database db2(dir.path / "db2.sqlite");
  const std::string h_plain = db2.import_csv(plain, CsvImportOptions{"formula", "target", "a", kDefaultMaxAbsEnergy, ""}).content_hash;
  Database db3(dir.path / "db3.sqlite");
  const std::string h_given = db3.import_csv(given, with_sigma("a")).content_hash;
  BOOST_TEST(h_none == h_plain);
  BOOST_TEST(h_given != h_plain);
}

BOOST_AUTO_TEST_CASE(bad_sigma_refused_with_the_database_unchanged) {
  TempDir dir;
  const fs::path db_path = dir.path / "db.sqlite";
  Database db(db_path);
  const auto refused = [&](const std::string& value) {
    const fs::path csv = write(dir.path / "bad.csv", "formula,target,sigma\nLi2O1,-2.0,0.01\nLi1,0.0," + value + "\n");
    return data_error_message([&] { db.import_csv(csv, with_sigma()); });
  };
  BOOST_TEST(contains(refused("-0.01"), "bad.csv: row 2: invalid uncertainty '-0.01' in column 'sigma': negative"));
  BOOST_TEST(contains(refused("abc"), "row 2: invalid uncertainty 'abc' in column 'sigma': not a number"));
  BOOST_TEST(contains(refused("inf"), "not a finite number"));
  BOOST_TEST(contains(refused("nan"), "not a finite number"));
  BOOST_TEST(contains(refused("24"), "above 5 eV/atom, the largest accepted"));
  const fs::path no_column = write(dir.path / "nocol.csv", "formula,target\nLi2O1,-2.0\n");
  BOOST_TEST(contains(data_error_message([&] { db.import_csv(no_column, with_sigma()); }),
                      "row 0 (header): no column 'sigma'"));
  BOOST_TEST(db.datasets().empty());
}

BOOST_AUTO_TEST_CASE(upgrades_a_version_2_database) {
  TempDir dir;
  const fs::path path = dir.path / "v2.sqlite";
  const fs::path csv = write(dir.path / "old.csv", "formula,target\nLi2O1,-2.0\nLi1,0.0\n");
  std::string hash;
  {
    Database db(path);
    hash = db.import_csv(csv).content_hash;
  }
  // Back to version 2: the entry table without its sigma column.
  sql(path, "ALTER TABLE entry DROP COLUMN sigma; PRAGMA user_version = 2;");
  BOOST_TEST(contains(data_error_message([&] { Database db(path, OpenMode::Existing); }),
                      "has schema version 2, older than this build's (3)"));
  Database db(path);
  const auto d = db.resolve_dataset();
  BOOST_TEST(d.content_hash == hash);
  BOOST_TEST(db.compute_content_hash(d.id) == hash);
  for (const Entry& e : db.entries(d.id)) BOOST_TEST(!e.sigma.has_value());
  Database reopened(path, OpenMode::Existing);
  BOOST_TEST(reopened.datasets().size() == 1u);
}

BOOST_AUTO_TEST_CASE(upgrade_drops_stability_of_the_early_version_2_layout) {
  TempDir dir;
  const fs::path path = dir.path / "v2early.sqlite";
  const fs::path csv = write(dir.path / "old.csv", "formula,target\nLi2O1,-2.0\nLi1,0.0\n");
  { Database db(path); db.import_csv(csv); }
  // Early version 2: stability rows without their data set and element columns.
  sql(path,
      "ALTER TABLE entry DROP COLUMN sigma; DROP TABLE stability; DROP TABLE stability_state; "
      "CREATE TABLE stability (entry_id INTEGER PRIMARY KEY, e_above_hull REAL NOT NULL, hull_energy REAL NOT NULL, "
      "stable INTEGER NOT NULL, decomposition TEXT NOT NULL); "
      "INSERT INTO stability VALUES (1, 0.5, -1.0, 0, 'x'); PRAGMA user_version = 2;");
  Database db(path);
  const auto d = db.resolve_dataset();
  BOOST_TEST(db.entries(d.id).size() == 2u);
  // The old rows are gone and the table has today's layout (dataset_id is queryable).
  BOOST_TEST(!db.stability_current(d.id));
  BOOST_TEST(db.stability(d.id).empty());
}

BOOST_AUTO_TEST_CASE(pymatgen_json_sigma_key) {
  TempDir dir;
  const std::string head = R"([{"entry_id": "a", "composition": {"Li": 1}, "energy": -1.9},
    {"entry_id": "b", "composition": {"O": 2}, "energy": -9.8, "sigma": null},
    {"entry_id": "c", "composition": {"Li": 2, "O": 1}, "energy": -14.3, "sigma": )";
  Database db(dir.path / "db.sqlite");
  const DatasetInfo d = db.import_pymatgen_json(write(dir.path / "e.json", head + "0.02}]"), "e", kDefaultMaxAbsEnergy, "sigma");
  BOOST_TEST(!db.entry_by_id(d.id, "a").sigma.has_value());
  BOOST_TEST(!db.entry_by_id(d.id, "b").sigma.has_value());
  BOOST_TEST(db.entry_by_id(d.id, "c").sigma.value_or(-1) == 0.02);
  // Without the key, nothing is read.
  const DatasetInfo plain = db.import_pymatgen_json(dir.path / "e.json", "plain");
  BOOST_TEST(!db.entry_by_id(plain.id, "c").sigma.has_value());
  BOOST_TEST(contains(data_error_message([&] {
                        db.import_pymatgen_json(write(dir.path / "bad.json", head + "-1}]"), "bad", kDefaultMaxAbsEnergy, "sigma");
                      }),
                      "bad.json: entry 3 (c): invalid uncertainty 'sigma' -1: negative"));
  BOOST_TEST(contains(data_error_message([&] {
                        db.import_pymatgen_json(write(dir.path / "bad2.json", head + "\"x\"}]"), "bad2", kDefaultMaxAbsEnergy, "sigma");
                      }),
                      "entry 3 (c): invalid uncertainty 'sigma': not a number"));
  BOOST_TEST(db.datasets().size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()  // test_sigma
