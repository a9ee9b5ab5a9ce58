// db check compares the stored stability results with a computation afresh:
// each way of changing them behind the program's back (e_above_hull and the
// stable flag, e_above_hull alone, the flag alone, the hull energy, a
// decomposition naming an entry the data set does not hold, a decomposition
// of another composition) is found and named, and --quick keeps the cheap
// check of the file, its records and hashes only.
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "support/cli.hpp"
#include "support/cli_data.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_db_check)

namespace fs = std::filesystem;
using interphase::test::count_lines;
using interphase::test::Run;
using interphase::test::run_cli;
using interphase::test::raw_sql;
using interphase::test::small_database;
using interphase::test::slurp;

namespace {

/// The stability row of the entry of `formula` (as the CSV writes it).
std::string row_of(const std::string& formula) {
  return "entry_id = (SELECT id FROM entry WHERE formula = '" + formula + "')";
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_untouched_database_is_healthy) {
  const interphase::test::TempDir dir("db-check");
  const fs::path db = small_database(dir.path, "db.sqlite");
  const std::string before = slurp(db);
  const Run full = run_cli("db check --db " + db.string());
  BOOST_TEST(full.code == 0, full.err);
  BOOST_TEST(full.out.find("matches a computation afresh") != std::string::npos, full.out);
  const Run quick = run_cli("db check --quick --db " + db.string());
  BOOST_TEST(quick.code == 0, quick.err);
  BOOST_TEST(quick.out.find("computation afresh") == std::string::npos, quick.out);
  BOOST_TEST(slurp(db) == before);
}

BOOST_AUTO_TEST_CASE(each_tampered_stored_result_fails_db_check) {
  const interphase::test::TempDir dir("db-check");
  struct Case {
    std::string name, sql, expected;
  };
  const Case cases[] = {
      // The case: an unstable entry made stable at 0.5 eV/atom.
      {"flag_and_energy", "UPDATE stability SET e_above_hull = 0.5, stable = 1 WHERE " + row_of("Li1O2"),
       "LiO2 (cli_li_o:6): stored as stable, computed not stable"},
      {"energy", "UPDATE stability SET e_above_hull = 0.3 WHERE " + row_of("Li1O2"),
       "LiO2 (cli_li_o:6): e_above_hull 0.3 stored, 0.166667 computed"},
      {"flag", "UPDATE stability SET stable = 0 WHERE " + row_of("Li2O1"),
       "Li2O (cli_li_o:4): stored as not stable, computed stable"},
      {"hull_energy", "UPDATE stability SET hull_energy = -1.2 WHERE " + row_of("Li3O1"),
       "Li3O (cli_li_o:3): hull energy -1.2 stored, -1.5 computed"},
      {"missing_entry", "UPDATE stability SET decomposition = '999999:1' WHERE " + row_of("Li1O2"),
       "LiO2 (cli_li_o:6): its decomposition names entry row 999999, which the data set does not hold"},
      {"foreign_element", "UPDATE stability SET decomposition = '-26:1' WHERE " + row_of("Li3O1"),
       "Li3O (cli_li_o:3): its decomposition names element 26, which it does not hold"},
      // Li3O as Li2O2 alone: real entries, but not Li3O's composition.
      {"other_composition",
       "UPDATE stability SET decomposition = (SELECT id FROM entry WHERE formula = 'Li2O2') || ':1' WHERE " +
           row_of("Li3O1"),
       "Li3O (cli_li_o:3): decomposition Li2O2:1 stored, Li2O:0.75 + Li:0.25 computed"},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      const fs::path db = small_database(dir.path, c.name + ".sqlite");
      raw_sql(db, c.sql);
      const std::string before = slurp(db);
      const Run r = run_cli("db check --db " + db.string());
      BOOST_TEST(r.code == 2, r.out << r.err);
      BOOST_TEST(r.out.find(c.expected) != std::string::npos, r.out << " lacks " << c.expected);
      BOOST_TEST(r.out.find("differs from a computation afresh") != std::string::npos, r.out);
      BOOST_TEST(count_lines(r.err) == 1, r.err);
      BOOST_TEST(slurp(db) == before);  // checking changes nothing
      // The cheap check does not compare the results (so it passes), as documented.
      BOOST_TEST(run_cli("db check --quick --db " + db.string()).code == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_tie_between_decompositions_is_not_a_problem) {
  // Li3O (x_O 1/4) as Li + Li2O is the computed decomposition; written again in
  // another order with the same fractions it is the same one.
  const interphase::test::TempDir dir("db-check");
  const fs::path db = small_database(dir.path, "tie.sqlite");
  raw_sql(db,
          "UPDATE stability SET decomposition = '-3:0.25 ' || (SELECT id FROM entry WHERE formula = 'Li2O1') || "
          "':0.75' WHERE " +
              row_of("Li3O1"));
  const Run r = run_cli("db check --db " + db.string());
  BOOST_TEST(r.code == 0, r.out << r.err);
}

BOOST_AUTO_TEST_SUITE_END()
