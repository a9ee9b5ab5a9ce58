// Odd input on the command line: each is refused with one line naming the
// setting and the problem, exit 2, and the database byte for byte as it was.
#include <boost/test/unit_test.hpp>

#include <string>

#include "support/cli.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_odd_input)

using interphase::test::check_refused;
using interphase::test::Run;
using interphase::test::run_cli;
using interphase::test::write_temp_file;

namespace {

/// A built database of made-up Li-Co-O data (Li, O2, Co, Li2O, CoO, LiCoO2).
std::string li_co_o_database(const std::string& name) {
  const std::string path = (interphase::test::temp_dir("cli-odd-input") / (name + ".sqlite")).string();
  const std::string data = write_temp_file("li_co_o.csv", "formula,target\nLi,0\nO2,0\nCo,0\nLi2O,-2\nCoO,-1.2\n"
                                                          "LiCoO2,-1.8\n");
  const Run built = run_cli("react Li2O CoO --db " + path + " --data " + data);
  BOOST_REQUIRE_MESSAGE(built.code == 0, built.err);
  return path;
}

}  // namespace

BOOST_AUTO_TEST_CASE(conditions_are_decimal_voltages_each_once) {
  // "0,-0" was two conditions, "0x3" read as 3 V (std::stod's hexadecimal) and "" as closed.
  const std::string db = li_co_o_database("conditions");
  for (const std::string& command : {"screen Li2O --against CoO", "compare Li2O CoO --versus Li2O LiCoO2"}) {
    check_refused(db, command + " --conditions 0,-0", "condition '-0' given twice in --conditions");
    check_refused(db, command + " --conditions closed,0x3",
                  "condition '0x3' in --conditions: expected 'closed', a voltage in V or a range of voltages");
    check_refused(db, command + " --conditions ''", "--conditions is empty");
  }
  check_refused(db, "screen Li2O --against CoO --conditions '' --voltage 3", "--conditions is empty");
  const Run ok = run_cli("screen Li2O --against CoO --conditions closed,+3 --format csv --db " + db);
  BOOST_TEST(ok.code == 0, ok.err);
  BOOST_TEST(ok.out.find("Li2O,CoO,3,") != std::string::npos, ok.out);
}

BOOST_AUTO_TEST_CASE(missing_data_file_is_refused_always) {
  // Once the database held a data set, --data naming no file was passed over in silence.
  const std::string db = li_co_o_database("data");
  const std::string missing = (interphase::test::temp_dir("cli-odd-input") / "no-such.csv").string();
  check_refused(db, "react Li2O CoO --data " + missing,
                "--data '" + missing + "': No such file or directory (the data that builds the database on first use)");
}

BOOST_AUTO_TEST_CASE(formula_lists_hold_one_printable_formula_a_line) {
  // A byte order mark was an error row; NUL and \xFF bytes reached the CSV as
  // they were; "Li2O<tab>CoO" was read as one formula, Li2CoO2.
  const std::string db = li_co_o_database("lists");
  const std::string bom = write_temp_file("bom.txt", "\xEF\xBB\xBFLi2O\nLiCoO2\n");
  const Run r = run_cli("screen @" + bom + " --against CoO --format csv --db " + db);
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("\nLi2O,CoO,closed,Co-Li-O,") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("error") == r.out.rfind("error"), r.out);  // the header's only
  const auto refused = [&](const std::string& name, const std::string& bytes, const std::string& expected) {
    const std::string list = write_temp_file(name, bytes);
    check_refused(db, "screen @" + list + " --against CoO", "@" + list + " line 2: " + expected);
  };
  refused("tab.txt", "Li2O\nLi2O\tCoO\n", "'Li2O\\tCoO' holds a tab: one formula per line");
  refused("space.txt", "Li2O\nLi2O CoO\n", "'Li2O CoO' holds a space: one formula per line");
  refused("nul.txt", std::string("Li2O\nLi\0" "2O\n", 10), "'Li\\02O' holds a NUL byte: a formula is printable text");
  refused("ff.txt", "Li2O\nLi2O\xFF\n", "'Li2O\\xFF' holds a byte that is not UTF-8");
}

BOOST_AUTO_TEST_CASE(csv_cells_never_run_as_formulas) {
  // OWASP's rule: a cell that starts with =, +, - or @ and is not a number gets a leading quote.
  const std::string db = li_co_o_database("injection");
  BOOST_REQUIRE(run_cli("db add Li2O2 -1 --id '=HYPERLINK(\"x\")|a' --db " + db).code == 0);
  const Run csv = run_cli("select --with Li --format csv --db " + db);
  BOOST_TEST(csv.code == 0, csv.err);
  BOOST_TEST(csv.out.find(",\"'=HYPERLINK(\"\"x\"\")|a\",Li2O2,-1,") != std::string::npos, csv.out);
  BOOST_TEST(csv.out.find(",-2,") != std::string::npos, csv.out);  // numbers stay as they are
  const Run md = run_cli("select --with Li --format markdown --db " + db);
  BOOST_TEST(md.out.find("| =HYPERLINK(\"x\")\\|a |") != std::string::npos, md.out);
  // An @FILE formula is a row's A: neutralised, and read back so by --resume.
  const std::string list = write_temp_file("formulas.txt", "Li2O\n=1+2\n@SUM(A1)\n");
  const std::string out = (interphase::test::temp_dir("cli-odd-input") / "screen.csv").string();
  const Run first = run_cli("screen @" + list + " --against CoO --format csv --output " + out + " --db " + db);
  BOOST_TEST(first.code == 0, first.err);
  const std::string written = interphase::test::slurp(out);
  BOOST_TEST(written.find("\n'=1+2,CoO,closed,") != std::string::npos, written);
  BOOST_TEST(written.find("\n'@SUM(A1),CoO,closed,") != std::string::npos, written);
  const Run resumed = run_cli("screen @" + list + " --against CoO --format csv --output " + out + " --resume --db " + db);
  BOOST_TEST(resumed.code == 0, resumed.err);
  BOOST_TEST(interphase::test::slurp(out) == written);
}

BOOST_AUTO_TEST_CASE(minus_inf_is_not_a_finite_number) {
  // The option parser takes "-inf" for an option: the message was "E_FORM is required".
  const std::string db = li_co_o_database("inf");
  check_refused(db, "db add LiCoO2 -inf", "'-inf' is not a finite number");
  check_refused(db, "db add LiCoO2 -NaN", "'-NaN' is not a finite number");
  const std::string before = interphase::test::slurp(db);
  const Run ended = run_cli("db add LiCoO2 --db " + db + " -- -inf");  // after "--" it is E_FORM
  BOOST_TEST(ended.code == 2);
  BOOST_TEST(ended.err == "interphase: error: formation energy '-inf' is not a finite number (eV/atom)\n", ended.err);
  BOOST_TEST(interphase::test::slurp(db) == before);
}

BOOST_AUTO_TEST_SUITE_END()  // test_cli_odd_input
