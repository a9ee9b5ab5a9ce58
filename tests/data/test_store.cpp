#include <boost/test/unit_test.hpp>

/// Entries one at a time, the content hash, the stored stability and queries
/// over it (the data layer stores stability rows; it never computes them, so
/// these tests write made-up rows).
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "interphase/composition/composition.hpp"
#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "support/data_errors.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_store)

namespace fs = std::filesystem;
using namespace interphase;
using interphase::test::data_error_message;
using interphase::test::TempDir;

namespace {

const fs::path kDataDir = INTERPHASE_TEST_DATA_DIR;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Entry made_up(const std::string& id, const std::string& formula, double e_form) {
  return Entry{id, formula, Composition::parse(formula), e_form, 0, std::nullopt};
}

void sql(const fs::path& path, const std::string& text) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message);
  BOOST_TEST_REQUIRE(rc == SQLITE_OK, (message ? message : ""));
  sqlite3_close(db);
}

struct Fixture {
  TempDir dir;
  fs::path path = dir.path / "store.sqlite";
  Database db{path};
  DatasetInfo small = db.import_csv(kDataDir / "small.csv");
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store, Fixture)

BOOST_AUTO_TEST_CASE(content_hash_follows_every_change) {
  const std::string imported = db.content_hash(small.id);
  BOOST_TEST(imported.size() == 64u);
  BOOST_TEST(imported == small.content_hash);
  BOOST_TEST(imported == db.compute_content_hash(small.id));

  const Entry added = db.add_entry(small.id, made_up("new:1", "Li3InO3", -1.7));
  BOOST_TEST(added.key > 0);
  const std::string after_add = db.content_hash(small.id);
  BOOST_TEST(after_add != imported);
  BOOST_TEST(after_add == db.compute_content_hash(small.id));
  BOOST_TEST(db.count_entries(small.id) == 13);
  BOOST_TEST(db.datasets().front().n_entries == 13);

  // The same id with another energy is another content.
  db.remove_entry(small.id, "new:1");
  BOOST_TEST(db.content_hash(small.id) == imported);
  db.add_entry(small.id, made_up("new:1", "Li3InO3", -1.8));
  BOOST_TEST(db.content_hash(small.id) != after_add);
  BOOST_TEST(db.content_hash(small.id) == db.compute_content_hash(small.id));

  // Removing and re-adding an imported entry gives back the imported hash.
  db.remove_entry(small.id, "new:1");
  const Entry lic = db.remove_entry(small.id, "small:7");
  BOOST_TEST(lic.formula == "Li3In1Cl6");
  BOOST_TEST(db.content_hash(small.id) != imported);
  db.add_entry(small.id, lic);
  BOOST_TEST(db.content_hash(small.id) == imported);
  BOOST_TEST(db.count_entries(small.id) == 12);
}

BOOST_AUTO_TEST_CASE(add_and_remove_refuse_bad_ids) {
  const std::string before = db.content_hash(small.id);
  BOOST_TEST(contains(data_error_message([&] { db.add_entry(small.id, made_up("small:3", "Li2O", -1.0)); }),
                      "already has an entry with id 'small:3'"));
  BOOST_TEST(contains(data_error_message([&] { db.remove_entry(small.id, "small:99"); }),
                      "data set 'small' in '" + path.string() + "' has no entry with id 'small:99'"));
  BOOST_TEST(db.content_hash(small.id) == before);
  BOOST_TEST(db.count_entries(small.id) == 12);
}

// The rule of the importers (entry_problem, the default limit) for one entry
// added: -1e300 once filled text tables with 300 digits and broke every hull of
// In-Li-O. Nothing is stored on a refusal.
BOOST_AUTO_TEST_CASE(add_applies_the_importers_rule) {
  const std::string before = db.content_hash(small.id);
  const auto refused = [&](const Entry& e, const std::string& expected) {
    const std::string message = data_error_message([&] { db.add_entry(small.id, e); });
    BOOST_TEST(contains(message, expected), message << " lacks " << expected);
  };
  refused(made_up("x:1", "LiInO2", -1e300),
          "cannot add LiInO2: formation energy -1e+300 eV/atom is beyond the limit of 100 eV/atom in magnitude");
  refused(made_up("x:2", "LiInO2", 100.5), "formation energy 100.5 eV/atom is beyond the limit of 100");
  refused(made_up("x:3", "LiInO2", std::nan("")), "formation energy is not a finite number");
  refused(made_up("x:4", "O2", -0.5), "elemental O at -0.5 eV/atom");
  refused(Entry{"x:5", "Li1O1", Composition({{3, 1e12}, {8, 1}}), -1, 0, std::nullopt},
          "invalid composition: amount 1e+12 of Li is above the limit of 1e+09");
  BOOST_TEST(db.content_hash(small.id) == before);
  BOOST_TEST(db.count_entries(small.id) == 12);
  BOOST_TEST(db.add_entry(small.id, made_up("x:6", "LiInO2", -100)).key > 0);  // at the limit
}

BOOST_AUTO_TEST_CASE(imports_refuse_a_limit_that_is_no_limit) {
  const fs::path csv = dir.path / "li2o.csv";
  std::ofstream(csv) << "formula,target\nLi2O,-2\n";
  const auto message_of = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(no Error)");
  };
  for (const double limit : {std::nan(""), -1.0, 0.0, 1000.5, 1e308, HUGE_VAL}) {
    BOOST_TEST_CONTEXT(limit) {
      CsvImportOptions options;
      options.name = "limited";
      options.max_abs_energy = limit;
      const std::string message = message_of([&] { db.import_csv(csv, options); });
      BOOST_TEST(contains(message, "--max-abs-energy "), message);
      BOOST_TEST(contains(message, ": expected a number of eV/atom above 0 and at most 1000"), message);
      BOOST_TEST(contains(message_of([&] { db.import_pymatgen_json(csv, "p", limit); }), "--max-abs-energy"));
      BOOST_TEST(contains(message_of([&] { db.import_mp_json(csv, {"m", "", limit}); }), "--max-abs-energy"));
    }
  }
  BOOST_TEST(db.datasets().size() == 1u);
}

// The elements no entry holds, for the refusal of hulls and reactions over
// them: Ru is held by RuO2 alone (no elemental entry), Co and Og by nothing.
BOOST_AUTO_TEST_CASE(elements_without_entries) {
  BOOST_TEST(db.elements_without_entries(small.id, {3, 8, 44, 49}).empty());
  BOOST_TEST(db.elements_without_entries(small.id, {118, 3, 27, 8}) == (std::vector<int>{27, 118}));
  BOOST_TEST(db.elements_without_entries(small.id + 1, {3}) == std::vector<int>{3});  // a data set that does not exist
}

BOOST_AUTO_TEST_CASE(lookups) {
  const auto li2o = db.lowest_entry(small.id, Composition::parse("Li2O"));
  BOOST_REQUIRE(li2o);
  BOOST_TEST(li2o->id == "small:3");
  // Li2O2 (-1.6) and Li4O2 (= Li2O, -1.9): Li2O's lowest entry is small:3 at -2.0.
  BOOST_TEST(db.lowest_entry(small.id, Composition::parse("Li2O2"))->id == "small:4");
  BOOST_TEST(db.lowest_entry(small.id, Composition::parse("Li6O3"))->id == "small:3");
  BOOST_TEST(!db.lowest_entry(small.id, Composition::parse("LiO3")));
  BOOST_TEST(db.entry_by_id(small.id, "small:11").formula == "Ru1O2");
  const auto keyed = db.entries_by_key({li2o->key});
  BOOST_TEST(keyed.front().id == "small:3");
  BOOST_TEST(db.entries(small.id).size() == 12u);
}

BOOST_AUTO_TEST_CASE(stability_rows_and_currency) {
  BOOST_TEST(!db.stability_hash(small.id));
  BOOST_TEST(!db.stability_current(small.id));
  const auto entries = db.entries(small.id);
  std::vector<StoredStability> rows;
  for (const Entry& e : entries) {
    // Made-up rows: e_above_hull = row number / 100, stable for even rows,
    // decomposition into the first entry and (as an implicit reference) oxygen.
    const double row = std::stod(e.id.substr(e.id.find(':') + 1));
    rows.push_back({e.key, row / 100, -row, static_cast<int>(row) % 2 == 0, {{entries[0].key, 0.75}, {-8, 0.25}}});
  }
  db.store_stability(small.id, rows, 7, true, db.content_hash(small.id));
  BOOST_TEST(db.stability_current(small.id));
  BOOST_TEST(*db.stability_hash(small.id) == db.content_hash(small.id));
  // Rows computed for another content are refused.
  BOOST_TEST(data_error_message([&] { db.store_stability(small.id, rows, 7, true, std::string(64, '0')); })
                 .find("changed while its stability was being computed") != std::string::npos);
  BOOST_TEST(db.stability_current(small.id));

  const auto stored = db.stability(small.id);
  BOOST_REQUIRE_EQUAL(stored.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    BOOST_TEST(stored[i].entry == rows[i].entry);
    BOOST_TEST(stored[i].e_above_hull == rows[i].e_above_hull);
    BOOST_TEST(stored[i].hull_energy == rows[i].hull_energy);
    BOOST_TEST(stored[i].stable == rows[i].stable);
    BOOST_TEST(stored[i].decomposition == rows[i].decomposition);
  }
  BOOST_TEST(db.phase_names({entries[0].key, -8}) == (std::vector<std::string>{"Li", "O2"}));

  // Any change to the entries makes the stored stability stale; removing an
  // entry removes its row.
  db.remove_entry(small.id, "small:12");
  BOOST_TEST(!db.stability_current(small.id));
  BOOST_TEST(db.stability(small.id).size() == rows.size() - 1);
  BOOST_TEST(db.stability_of({entries[11].key}).empty());
  BOOST_TEST(db.stability_of({entries[2].key}).size() == 1u);
}

BOOST_AUTO_TEST_CASE(select_filters_sorts_and_keeps_the_lowest_entry_of_each_formula) {
  const auto entries = db.entries(small.id);
  std::vector<StoredStability> rows;
  for (const Entry& e : entries) {
    const double row = std::stod(e.id.substr(e.id.find(':') + 1));
    // Made-up rows: stable at or below -1.7 eV/atom and at 0, else 0.05 eV/atom per row number above.
    const bool stable = e.e_form <= -1.7 || e.e_form == 0.0;
    rows.push_back({e.key, stable ? 0.0 : 0.05 * row, 0.0, stable, {{e.key, 1.0}}});
  }
  db.store_stability(small.id, rows, 7, true, db.content_hash(small.id));
  const auto formulas = [&](const EntryQuery& q) {
    std::vector<std::string> out;
    for (const auto& s : db.select(small.id, q)) out.push_back(s.reduced_formula);
    return out;
  };
  using V = std::vector<std::string>;
  EntryQuery with_li;
  with_li.with = {3};
  with_li.sort = EntryQuery::Sort::Formula;
  // Li4O2 (small:9) is Li2O at -1.9, above small:3 at -2.0: one Li2O row.
  BOOST_TEST(formulas(with_li) == (V{"Li", "Li2O", "Li2O2", "Li3InCl6", "LiCl"}));
  EntryQuery all_rows = with_li;
  all_rows.lowest_per_formula = false;
  BOOST_TEST(formulas(all_rows).size() == 6u);

  EntryQuery li_o = with_li;
  li_o.with = {3, 8};
  BOOST_TEST(formulas(li_o) == (V{"Li2O", "Li2O2"}));
  EntryQuery any_halide;
  any_halide.any = {17, 35, 53};
  any_halide.sort = EntryQuery::Sort::Formula;
  BOOST_TEST(formulas(any_halide) == (V{"Cl2", "Li3InCl6", "LiCl"}));
  EntryQuery no_o = with_li;
  no_o.without = {8};
  BOOST_TEST(formulas(no_o) == (V{"Li", "Li3InCl6", "LiCl"}));
  EntryQuery only = with_li;
  only.with.clear();
  only.only = std::vector<int>{3, 8};
  BOOST_TEST(formulas(only) == (V{"Li", "Li2O", "Li2O2", "O2"}));
  EntryQuery ternary = with_li;
  ternary.with.clear();
  ternary.min_elements = 3;
  BOOST_TEST(formulas(ternary) == (V{"Li3InCl6"}));
  EntryQuery binary = with_li;
  binary.with.clear();
  binary.min_elements = binary.max_elements = 2;
  BOOST_TEST(formulas(binary) == (V{"In2O3", "Li2O", "Li2O2", "LiCl", "RuO2"}));

  EntryQuery stable = with_li;
  stable.stable = true;
  BOOST_TEST(formulas(stable) == (V{"Li", "Li2O", "LiCl"}));
  // Li2O2 (row 4, -1.6) is 0.2 above: out at 0.1, in at 0.2.
  EntryQuery near = with_li;
  near.max_e_above_hull = 0.1;
  BOOST_TEST(formulas(near) == (V{"Li", "Li2O", "LiCl"}));
  near.max_e_above_hull = 0.2;
  BOOST_TEST(formulas(near) == (V{"Li", "Li2O", "Li2O2", "LiCl"}));

  // Sorted by e_above_hull, then formula; limited.
  EntryQuery by_ehull;
  by_ehull.with = {8};
  by_ehull.limit = 3;
  const auto top = db.select(small.id, by_ehull);
  BOOST_REQUIRE_EQUAL(top.size(), 3u);
  BOOST_TEST(top[0].reduced_formula == "In2O3");
  BOOST_TEST(top[1].reduced_formula == "Li2O");
  BOOST_TEST(top[2].reduced_formula == "O2");
  BOOST_TEST(top[0].products.size() == 1u);
  BOOST_TEST(top[0].products[0].first == "In2O3");
}

BOOST_AUTO_TEST_CASE(transaction_spans_calls) {
  const std::string before = db.content_hash(small.id);
  {
    Database::Transaction transaction(db);
    db.add_entry(small.id, made_up("t:1", "LiO2", -1.0));
    db.remove_entry(small.id, "small:1");
    // not committed: both roll back
  }
  BOOST_TEST(db.content_hash(small.id) == before);
  BOOST_TEST(db.count_entries(small.id) == 12);
  {
    Database::Transaction transaction(db);
    db.add_entry(small.id, made_up("t:1", "LiO2", -1.0));
    transaction.commit();
  }
  BOOST_TEST(db.count_entries(small.id) == 13);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(migrates_a_version_1_database) {
  TempDir dir;
  const fs::path path = dir.path / "v1.sqlite";
  // The version 1 schema as released, with one data set of two entries.
  sql(path,
      "CREATE TABLE dataset (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL, "
      "sha256 TEXT NOT NULL, imported_at TEXT NOT NULL, kind TEXT NOT NULL, n_entries INTEGER NOT NULL DEFAULT 0);"
      "CREATE TABLE entry (id INTEGER PRIMARY KEY, dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,"
      " external_id TEXT NOT NULL, formula TEXT NOT NULL, reduced_formula TEXT NOT NULL, chemsys TEXT NOT NULL,"
      " composition TEXT NOT NULL, natoms REAL NOT NULL, e_form REAL NOT NULL, elements_lo INTEGER NOT NULL,"
      " elements_hi INTEGER NOT NULL);"
      "CREATE INDEX entry_by_chemsys ON entry (dataset_id, chemsys);"
      "INSERT INTO dataset VALUES (1, 'old', '/x/old.csv', 'abc', '2026-01-01T00:00:00Z', 'csv', 2);"
      "INSERT INTO entry VALUES (1, 1, 'old:1', 'Li2O1', 'Li2O', 'Li-O', '3:2 8:1', 3, -2.0, 132, 0);"
      "INSERT INTO entry VALUES (2, 1, 'old:2', 'Li1', 'Li', 'Li', '3:1', 1, 0.0, 4, 0);"
      "PRAGMA user_version = 1;");
  Database db(path);
  const auto datasets = db.datasets();
  BOOST_REQUIRE_EQUAL(datasets.size(), 1u);
  BOOST_TEST(datasets[0].content_hash.size() == 64u);
  BOOST_TEST(datasets[0].content_hash == db.compute_content_hash(1));
  BOOST_TEST(!db.stability_current(1));
  // The same two entries imported into a new database hash the same.
  const fs::path csv = dir.path / "old.csv";
  std::ofstream(csv) << "formula,target\nLi2O1,-2.0\nLi1,0.0\n";
  Database fresh(dir.path / "fresh.sqlite");
  BOOST_TEST(fresh.import_csv(csv).content_hash == datasets[0].content_hash);
}

BOOST_AUTO_TEST_SUITE_END()  // test_store
