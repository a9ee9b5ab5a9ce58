// An element that no entry of the data set holds: every command that reads a
// hull or a reaction refuses it by name, as screen's rows do, instead of taking
// it as an element at 0 eV (a Li-O data set knows nothing of Co or Og).
#include <boost/test/unit_test.hpp>

#include <string>

#include "support/cli.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_absent_elements)

using interphase::test::check_refused;
using interphase::test::Run;
using interphase::test::run_cli;

namespace {

/// A database of the made-up Li-O data (Li, O2, Li3O, Li2O, Li2O2, LiO2), built.
std::string li_o_database() {
  static const std::string db = [] {
    const std::string path = (interphase::test::temp_dir("cli-absent") / "li_o.sqlite").string();
    const Run built = run_cli("react Li2O O2 --db " + path + " --data " + INTERPHASE_TEST_DATA_DIR + "/cli_li_o.csv");
    BOOST_REQUIRE_MESSAGE(built.code == 0, built.err);
    return path;
  }();
  return db;
}

}  // namespace

BOOST_AUTO_TEST_CASE(reactions_name_the_elements) {
  const std::string db = li_o_database();
  const std::string co = "no entry of the data set holds Co: no reaction to compute";
  check_refused(db, "react Li2O CoO", co);
  check_refused(db, "react Li2O CoO --voltage 3", co);
  check_refused(db, "react Li2O CoO --range 2-4", co);
  check_refused(db, "react Li3O Og2O3", "no entry of the data set holds Og: no reaction to compute");
  check_refused(db, "react CoO Og2O3", "no entry of the data set holds Co Og: no reaction to compute");
  check_refused(db, "sweep Li2O CoO", co);
  check_refused(db, "map Li2O CoO", co);
  check_refused(db, "window CoO", co);
  check_refused(db, "compare Li2O CoO --versus Li2O O2 --samples 2", co);
  check_refused(db, "compare Li2O O2 --versus Li2O CoO --samples 2", co);
  // The elements the data holds still react, and an open element outside them keeps its own rule.
  BOOST_TEST(run_cli("react Li2O O2 --db " + db).code == 0);
}

BOOST_AUTO_TEST_CASE(hulls_and_decompositions_name_the_elements) {
  const std::string db = li_o_database();
  check_refused(db, "decompose CoO", "no entry of the data set holds Co: no stability of CoO to compute");
  check_refused(db, "decompose Og", "no entry of the data set holds Og: no stability of Og to compute");
  check_refused(db, "hull Co-O", "no entry of the data set holds Co: no hull of Co-O to compute");
  check_refused(db, "hull Li-O-Co-Og", "no entry of the data set holds Co Og: no hull of Co-Li-O-Og to compute");
  BOOST_TEST(run_cli("decompose Li5O2 --db " + db).code == 0);
  BOOST_TEST(run_cli("hull Li-O --db " + db).code == 0);
}

// coat names the side and the first element the data set lacks, before computing anything.
BOOST_AUTO_TEST_CASE(coat_names_the_side_and_the_element) {
  const std::string db = li_o_database();
  check_refused(db, "coat CoO Li2O2 --candidates Li2O", "electrolyte 'CoO': no entry of the data set holds Co");
  check_refused(db, "coat Li2O CoO2 Og2O --candidates Li2O2", "cathode state 'CoO2': no entry of the data set holds Co");
  check_refused(db, "coat Li2O Li2O2 OgCoO --candidates LiO2", "cathode state 'OgCoO': no entry of the data set holds Co");
  BOOST_TEST(run_cli("coat Li2O Li2O2 --candidates LiO2 --db " + db).code == 0);
}

// screen says the same in the pair's row, and the run exits 2 when no row is computed.
BOOST_AUTO_TEST_CASE(screen_rows_say_the_same) {
  const Run r = run_cli("screen Li2O --against CoO --format csv --db " + li_o_database());
  BOOST_TEST(r.code == 2, r.err);
  BOOST_TEST(r.out.find("no entry of the data set holds Co: no reaction to compute") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_SUITE_END()  // test_cli_absent_elements
