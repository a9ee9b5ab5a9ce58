// The interphase program end to end, on made-up data: output formats, the
// first-run database build, and one clear error line with exit code 2 for bad
// input, leaving the database unchanged.
#include <boost/test/unit_test.hpp>

#include <array>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "interphase/data/database.hpp"
#include "support/cli.hpp"
#include "support/close.hpp"

BOOST_AUTO_TEST_SUITE(test_cli)

using interphase::test::count_lines;
using interphase::test::Run;
using interphase::test::run_cli;
using interphase::test::slurp;
using interphase::test::write_temp_file;

namespace {

const std::string kData = std::string(INTERPHASE_TEST_DATA_DIR) + "/cli_li_o.csv";

/// --db and --data options for a fresh database built from the made-up Li-O data.
std::string fresh_db(const std::string& name) {
  static const auto dir = interphase::test::temp_dir("cli-db");
  return "--db " + (dir / (name + ".sqlite")).string() + " --data " + kData;
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_teaches) {
  const Run r = run_cli("--help");
  BOOST_TEST(r.code == 0);
  for (const char* word : {"react", "decompose", "hull", "db", "Examples"}) BOOST_TEST(r.out.find(word) != std::string::npos, word);
  const Run sub = run_cli("react --help");
  BOOST_TEST(sub.code == 0);
  BOOST_TEST(sub.out.find("--energy") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(react_json_on_made_up_data) {
  const std::string db = fresh_db("react");
  const Run first = run_cli("react Li O2 --format json " + db);
  BOOST_TEST_REQUIRE(first.code == 0, first.err);
  // The first run builds the database and says so on stderr.
  BOOST_TEST(first.err.find("building database") != std::string::npos);
  const auto j = nlohmann::json::parse(first.out);
  BOOST_TEST(j["reactants"][0] == "Li");
  BOOST_TEST(j["energy"] == "mutual");
  BOOST_TEST(j["chemsys"] == "Li-O");
  // Hand values: kinks at x = 0, 1/2 (Li2O2, -1.6), 2/3 (Li2O, -2.0), 1.
  BOOST_TEST_REQUIRE(j["kinks"].size() == 4u);
  CHECK_ABS(j["kinks"][2]["x"].get<double>(), 2.0 / 3.0, 1e-12);
  CHECK_ABS(j["kinks"][2]["energy"].get<double>(), -2.0, 1e-12);
  CHECK_ABS(j["kinks"][1]["energy"].get<double>(), -1.6, 1e-12);
  BOOST_TEST(j["kinks"][2]["products"].contains("Li2O"));
  CHECK_ABS(j["minimum"]["energy"].get<double>(), -2.0, 1e-12);
  for (std::size_t i = 1; i < j["kinks"].size(); ++i) BOOST_TEST(j["kinks"][i]["x"] > j["kinks"][i - 1]["x"]);
  // Later runs reuse the database silently.
  const Run second = run_cli("react Li O2 --format csv " + db);
  BOOST_TEST(second.code == 0);
  BOOST_TEST(second.err.empty(), second.err);
  BOOST_TEST(count_lines(second.out) == 5);
  BOOST_TEST(second.out.rfind("x,x_molar,x_mass,energy,energy_kj_mol,reaction,products", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(decompose_and_hull) {
  const std::string db = fresh_db("decompose");
  const Run d = run_cli("decompose LiO2 --format json " + db);
  BOOST_TEST_REQUIRE(d.code == 0, d.err);
  const auto j = nlohmann::json::parse(d.out);
  CHECK_ABS(j["e_above_hull"].get<double>(), 1.0 / 6.0, 1e-12);
  BOOST_TEST(j["stable"] == false);
  CHECK_ABS(j["decomposition"]["Li2O2"].get<double>(), 2.0 / 3.0, 1e-12);
  CHECK_ABS(j["decomposition"]["O2"].get<double>(), 1.0 / 3.0, 1e-12);
  const Run h = run_cli("hull Li-O --all --format csv " + db);
  BOOST_TEST_REQUIRE(h.code == 0, h.err);
  BOOST_TEST(count_lines(h.out) == 7);  // header + 6 entries
  const Run stable = run_cli("hull O-Li " + db);
  BOOST_TEST(stable.code == 0);
  BOOST_TEST(stable.out.find("Li2O2") != std::string::npos);
  BOOST_TEST(stable.out.find("LiO2 ") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_input_is_one_line_and_exit_2) {
  const std::string db = fresh_db("errors");
  for (const std::string args : {"react 'Li2(RuO3' O2 ", "decompose Xq2O ", "hull Li-Qq ", "react Li O2 --energy huge "}) {
    const Run r = run_cli(args + db);
    BOOST_TEST(r.code == 2, args);
    BOOST_TEST(count_lines(r.err) >= 1, args);
    BOOST_TEST(r.out.empty(), args);
  }
  const Run formula = run_cli("decompose 'Li2(RuO3' " + db);
  BOOST_TEST(formula.err.find("Li2(RuO3") != std::string::npos, formula.err);
  BOOST_TEST(count_lines(formula.err) == 1, formula.err);
  const Run element = run_cli("decompose Xq2O " + db);
  BOOST_TEST(element.err.find("Xq") != std::string::npos, element.err);
  BOOST_TEST(count_lines(element.err) == 1, element.err);
}

BOOST_AUTO_TEST_CASE(bad_data_leaves_the_database_unchanged) {
  const std::string db = fresh_db("import");
  BOOST_TEST_REQUIRE(run_cli("hull Li-O " + db).code == 0);  // builds it
  const Run before = run_cli("db info " + db);
  BOOST_TEST_REQUIRE(before.code == 0, before.err);
  const Run missing = run_cli("db import /nonexistent/file.csv " + db);
  BOOST_TEST(missing.code == 2);
  BOOST_TEST(count_lines(missing.err) == 1, missing.err);
  BOOST_TEST(missing.err.find("/nonexistent/file.csv") != std::string::npos, missing.err);
  const Run bad = run_cli("db import " + std::string(INTERPHASE_TEST_DATA_DIR) + "/cli_bad_row.csv " + db);
  BOOST_TEST(bad.code == 2);
  BOOST_TEST(count_lines(bad.err) == 1, bad.err);
  BOOST_TEST(bad.err.find("row 3") != std::string::npos, bad.err);
  const Run after = run_cli("db info " + db);
  BOOST_TEST(after.out == before.out);
}

// ---------------------------------------------------------------- open lithium
// On the made-up Li-O data the Li chemical potentials of the hull's facets are
// 0 (Li-Li2O), -2.8 (Li2O-Li2O2) and -3.2 (Li2O2-O2).

BOOST_AUTO_TEST_CASE(open_lithium_commands) {
  const std::string db = fresh_db("open");
  const Run window = run_cli("window Li2O --format json " + db);
  BOOST_TEST_REQUIRE(window.code == 0, window.err);
  const auto w = nlohmann::json::parse(window.out);
  CHECK_ABS(w["reduction_V"].get<double>(), 0.0, 1e-12);
  CHECK_ABS(w["oxidation_V"].get<double>(), 2.8, 1e-12);
  BOOST_TEST(w["profile"].size() == 3u);
  BOOST_TEST(w["profile"][1]["phases"][0] == "Li2O2");
  CHECK_ABS(w["profile"][1]["evolution"].get<double>(), -1.0, 1e-12);

  // Li2O + O2 at 3 V, total form: Li2O2 (Phi = -0.2 per O) against 0 at both ends.
  const Run react = run_cli("react Li2O O2 --open Li --voltage 3 --energy total --format json " + db);
  BOOST_TEST_REQUIRE(react.code == 0, react.err);
  const auto r = nlohmann::json::parse(react.out);
  CHECK_ABS(r["open"]["Li"].get<double>(), -3.0, 1e-12);
  CHECK_ABS(r["minimum"]["energy"].get<double>(), -0.2, 1e-12);
  BOOST_TEST(r["kinks"].back()["reaction"] == "Li2O -> Li + 0.5 Li2O2");
  const Run by_mu = run_cli("react Li2O O2 --mu Li=-3 --energy total --format json " + db);
  BOOST_TEST(nlohmann::json::parse(by_mu.out)["kinks"] == r["kinks"]);

  const Run sweep = run_cli("sweep Li2O O2 --from 2 --to 4 --step 0.5 --energy total --format json " + db);
  BOOST_TEST_REQUIRE(sweep.code == 0, sweep.err);
  const auto s = nlohmann::json::parse(sweep.out);
  BOOST_TEST_REQUIRE(s["rows"].size() == 5u);
  // At 2 V O2 takes up Li into Li2O: Phi(Li2O) = 3 (-2.0) - 2 (-2) = -2 per O atom, at x = 0.
  CHECK_ABS(s["rows"][0]["energy"].get<double>(), -2.0, 1e-12);
  CHECK_ABS(s["rows"][0]["x"].get<double>(), 0.0, 1e-12);
  CHECK_ABS(s["rows"][2]["V"].get<double>(), 3.0, 1e-12);
  CHECK_ABS(s["rows"][2]["energy"].get<double>(), -0.2, 1e-12);

  const Run map = run_cli("map Li2O O2 --format json " + db);
  BOOST_TEST_REQUIRE(map.code == 0, map.err);
  const auto m = nlohmann::json::parse(map.out);
  BOOST_TEST_REQUIRE(m["regions"].size() == 3u);
  CHECK_ABS(m["regions"][1]["V"][0].get<double>(), 2.8, 1e-9);
  CHECK_ABS(m["regions"][1]["V"][1].get<double>(), 3.2, 1e-9);
  BOOST_TEST(m["regions"][1]["products"][0] == "Li2O2");
  const Run csv = run_cli("map Li2O O2 --format csv " + db);
  BOOST_TEST(count_lines(csv.out) == 4);
}

BOOST_AUTO_TEST_CASE(open_lithium_errors) {
  const std::string db = fresh_db("open-errors");
  BOOST_TEST_REQUIRE(run_cli("hull Li-O " + db).code == 0);  // built, so stderr holds only the error
  for (const std::string args : {"react Li2O O2 --open Li ", "react Li2O O2 --open Li --open O --voltage 3 ",
                                 "react Li2O O2 --mu Li=abc ", "react Li2O O2 --mu Li=-3 --voltage 3 ",
                                 "sweep Li2O O2 --step 0 ", "sweep Li2O O2 --from 3 --to 1 ", "map Li2O O2 --from 2 --to 2 ",
                                 "window Li2O --open Xx ", "react Li2O O2 --gas O=300 "}) {
    const Run r = run_cli(args + db);
    BOOST_TEST(r.code == 2, args << ": " << r.err);
    BOOST_TEST(count_lines(r.err) == 1, args << ": " << r.err);
  }
}

BOOST_AUTO_TEST_CASE(plots) {
  const std::string db = fresh_db("plots");
  const Run react = run_cli("react Li O2 --format svg " + db);
  BOOST_TEST_REQUIRE(react.code == 0, react.err);
  BOOST_TEST(react.out.find("<svg") != std::string::npos);
  BOOST_TEST(react.out.rfind("</svg>") != std::string::npos);
  // One marker per kink: x = 0, 1/2, 2/3 and 1 on the made-up Li-O data.
  std::size_t markers = 0;
  for (std::size_t at = react.out.find("class=\"kink\""); at != std::string::npos; at = react.out.find("class=\"kink\"", at + 1)) ++markers;
  BOOST_TEST(markers == 4u);
  const Run map = run_cli("map Li2O O2 --format svg " + db);
  BOOST_TEST(map.code == 0, map.err);
  BOOST_TEST(map.out.find("class=\"region\"") != std::string::npos);
  const Run sweep = run_cli("sweep Li2O O2 --step 0.5 --format svg " + db);
  BOOST_TEST(sweep.code == 0, sweep.err);
  const Run none = run_cli("window Li2O --format svg " + db);  // no plot for windows
  BOOST_TEST(none.code == 2);
}

BOOST_AUTO_TEST_CASE(screen_pairs) {
  // Li + O2: Li2O at x = 2/3, -2.0. Li2O + O2: Li2O2 at x_O = 1/2, where the
  // Li2O-O2 line is at -1.5, so -1.6 + 1.5 = -0.1 (x = 3/4 of the atoms from Li2O).
  const std::string db = fresh_db("screen");
  const Run r = run_cli("screen Li Li2O --against O2 --format json " + db);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  std::istringstream lines_in(r.out);
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines_in, line);) rows.push_back(nlohmann::json::parse(line));
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0]["A"] == "Li");
  BOOST_TEST(rows[0]["condition"] == "closed");
  CHECK_ABS(rows[0]["energy"].get<double>(), -2.0, 1e-12);
  CHECK_ABS(rows[0]["x"].get<double>(), 2.0 / 3.0, 1e-12);
  CHECK_ABS(rows[1]["energy"].get<double>(), -0.1, 1e-12);
  CHECK_ABS(rows[1]["x"].get<double>(), 0.75, 1e-12);
  BOOST_TEST(rows[1]["products"].contains("Li2O2"));
  const Run missing = run_cli("screen Li Li2O " + db);  // no --against
  BOOST_TEST(missing.code == 2);
}

// ------------------------------------------------------------ hostile input
// Every case: one line "interphase: error: ..." naming the input, exit 2, and
// the database byte for byte as it was.

namespace {

std::string db_path_of(const std::string& name) {
  static const auto dir = interphase::test::temp_dir("cli-hostile");
  return (dir / (name + ".sqlite")).string();
}

using interphase::test::check_refused;

}  // namespace

BOOST_AUTO_TEST_CASE(hostile_numbers_and_formulas) {
  const std::string db = db_path_of("numbers");
  BOOST_TEST_REQUIRE(run_cli("hull Li-O --db " + db + " --data " + kData).code == 0);
  check_refused(db, "sweep Li2O O2 --to inf", "--to: 'inf' is not a finite number");
  check_refused(db, "sweep Li2O O2 --to nan", "--to: 'nan' is not a finite number");
  check_refused(db, "sweep Li2O O2 --from -1e308 --to 1e308 --step 1e300",
                "--from: -1e+308 V is outside the accepted range -100 to 100 V");
  check_refused(db, "sweep Li2O O2 --step 0.0000001", "voltage grid too fine");
  check_refused(db, "map Li2O O2 --to inf", "--to: 'inf' is not a finite number");
  check_refused(db, "map Li2O O2 --to 1e5", "--to: 1e+05 V is outside");
  check_refused(db, "react Li2O O2 --voltage -1e308", "--voltage: -1e+308 V is outside");
  check_refused(db, "react Li2O O2 --voltage 1e999", "--voltage: '1e999' is not a finite number");
  BOOST_TEST(run_cli("react Li2O O2 --voltage 1e-400 --db " + db).code == 0);  // an underflow is just 0 V
  check_refused(db, "react Li2O O2 --gas O=1e308,1e308", "temperature '1e308' is outside (0, 10000] K");
  check_refused(db, "react Li2O O2 --gas O=inf,1e5", "'inf' is not a finite number");
  check_refused(db, "react Li2O O2 --mu Li=-1e300", "-1e+300 eV is outside the accepted range");
  check_refused(db, "decompose Li99999999999999999999O", "amount 99999999999999999999 is above the limit of 1e+09");
  check_refused(db, "decompose Li0O", "zero amount");
  check_refused(db, "decompose Li0", "zero amount");
  check_refused(db, "decompose '" + std::string(40000, '(') + "Li" + std::string(40000, ')') + "'",
                "brackets nested deeper than 100 levels");
  check_refused(db, "decompose 'Li\u2082O'", "unexpected '\u2082' at position 2");
  check_refused(db, "decompose \"$(printf 'Li\\001O')\"", "unexpected '\\x01' at position 2");
}

BOOST_AUTO_TEST_CASE(hostile_imports) {
  const std::string db = db_path_of("imports");
  BOOST_TEST_REQUIRE(run_cli("hull Li-O --db " + db + " --data " + kData).code == 0);
  check_refused(db, "db import " + write_temp_file("nul.csv", std::string("formula,target\nLi3\0O,-1\n", 25)),
                "nul.csv: row 1: field 1 'Li3\\0O' contains a NUL byte");
  check_refused(db, "db import /dev/zero --kind csv --name zero", "/dev/zero: row 0: record longer than 1048576 bytes");
  check_refused(db, "db import " + std::string(INTERPHASE_TEST_DATA_DIR) + "/made_up.pymatgen.json --kind csv",
                "the file looks like JSON, not CSV");
  check_refused(db, "db import " + write_temp_file("huge.csv", "formula,target\nLi2O,1e308\n"),
                "huge.csv: row 1: formation energy 1e+308 eV/atom is beyond the limit of 100 eV/atom");
  check_refused(db, "db import " + write_temp_file("o.csv", "formula,target\nO,-1\n"), "o.csv: row 1: elemental O at -1 eV/atom");
  check_refused(db, "db import " + write_temp_file("big.json", R"([{"composition": {"Li": 1}, "energy": 1e400}])"),
                "big.json: entry 1: invalid JSON: number overflow parsing '1e400'");
  std::string binary = "\x7f" "ELF\x02\x01\x01";
  for (int i = 0; i < 3000; ++i) binary += static_cast<char>((i * 131) % 256);
  const std::string before = slurp(db);
  const Run r = run_cli("db import " + write_temp_file("binary.csv", binary) + " --db " + db);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(count_lines(r.err) == 1);
  BOOST_TEST(r.err.size() < 400u, r.err);
  BOOST_TEST(slurp(db) == before);
  // Above 0, an elemental row is a metastable allotrope: accepted.
  BOOST_TEST(run_cli("db import " + write_temp_file("allotrope.csv", "formula,target\nO,0.3\n") + " --db " + db).code == 0);
  // The limit can be raised.
  BOOST_TEST(run_cli("db import " + write_temp_file("wide.csv", "formula,target\nLi2O,-150\n") + " --max-abs-energy 200 --db " + db)
                 .code == 0);
}

BOOST_AUTO_TEST_CASE(database_files) {
  // A failed import into a new path leaves no file.
  const std::string fresh = db_path_of("never");
  const Run failed = run_cli("db import " + std::string(INTERPHASE_TEST_DATA_DIR) + "/cli_bad_row.csv --db " + fresh);
  BOOST_TEST(failed.code == 2);
  BOOST_TEST(!std::filesystem::exists(fresh));
  // db info neither builds nor creates.
  const Run missing = run_cli("db info --db " + fresh);
  BOOST_TEST(missing.code == 2);
  BOOST_TEST(missing.err.find("does not exist yet") != std::string::npos, missing.err);
  BOOST_TEST(!std::filesystem::exists(fresh));
  // An empty database: db info says so, without importing anything.
  const std::string empty = db_path_of("empty");
  { interphase::Database created(empty); }
  const Run info = run_cli("db info --db " + empty + " --data " + kData);
  BOOST_TEST(info.code == 0);
  BOOST_TEST(info.out.find("it is empty") != std::string::npos, info.out);
  BOOST_TEST(info.err.empty(), info.err);
  const Run json = run_cli("db info --format json --db " + empty);
  BOOST_TEST_REQUIRE(json.code == 0, json.err);
  BOOST_TEST(nlohmann::json::parse(json.out)["datasets"].empty());
  // Unusable database files are named.
  check_refused("/dev/null", "hull Li-O", "'/dev/null'");
  const std::string text = write_temp_file("text.sqlite", std::string(200, 'x'));
  check_refused(text, "hull Li-O", "cannot open database '" + text + "': file is not a database");
  check_refused(text, "hull Li-O", "interphase db check --db " + text);
  const std::string too_long = "/tmp/" + std::string(300, 'y') + ".sqlite";
  const Run long_path = run_cli("hull Li-O --data " + kData + " --db " + too_long);
  BOOST_TEST(long_path.code == 2, long_path.err);
  BOOST_TEST(count_lines(long_path.err) == 1);
  BOOST_TEST(long_path.err.find(too_long) != std::string::npos, long_path.err);
}

BOOST_AUTO_TEST_CASE(first_run_failure_is_one_line) {
  const std::string db = db_path_of("first-run");
  const Run r = run_cli("hull Li-O --db " + db + " --data " + std::string(INTERPHASE_TEST_DATA_DIR) + "/cli_bad_row.csv");
  BOOST_TEST(r.code == 2);
  BOOST_TEST(count_lines(r.err) == 1, r.err);
  BOOST_TEST(r.err.find("cannot build database '" + db + "'") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("row 3") != std::string::npos, r.err);
  BOOST_TEST(!std::filesystem::exists(db));
}

BOOST_AUTO_TEST_CASE(db_check) {
  const std::string db = db_path_of("check");
  BOOST_TEST_REQUIRE(run_cli("hull Li-O --db " + db + " --data " + kData).code == 0);
  const Run healthy = run_cli("db check --db " + db);
  BOOST_TEST(healthy.code == 0, healthy.err);
  BOOST_TEST(healthy.out.find("healthy") != std::string::npos, healthy.out);
  const std::string text = write_temp_file("check.sqlite", std::string(200, 'x'));
  const Run damaged = run_cli("db check --db " + text);
  BOOST_TEST(damaged.code == 2);
  BOOST_TEST(damaged.out.find("to recover:") != std::string::npos, damaged.out);
  BOOST_TEST(count_lines(damaged.err) == 1, damaged.err);
}

// Output that cannot be written is an error (exit 1), not a silent success.
BOOST_AUTO_TEST_CASE(write_failures) {
  if (!std::filesystem::exists("/dev/full")) return;
  const std::string db = fresh_db("full");
  BOOST_TEST_REQUIRE(run_cli("hull Li-O " + db).code == 0);
  const std::string cmd = std::string(INTERPHASE_CLI) + " hull Li-O " + db + " >/dev/full 2>/dev/null";
  const int status = std::system(cmd.c_str());
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 1);
}

// An open element the system does not have.
BOOST_AUTO_TEST_CASE(open_element_outside_the_system) {
  const std::string db = fresh_db("open-outside");
  BOOST_TEST_REQUIRE(run_cli("hull Li-O " + db).code == 0);
  const Run r = run_cli("react Li2O O2 --open Na --mu Li=-3 --mu Na=-1 " + db);
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.err.find("warning") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("Na") != std::string::npos, r.err);
  const Run nothing = run_cli("react Li2O O2 --mu Na=-1 " + db);
  BOOST_TEST(nothing.code == 2, nothing.err);
  BOOST_TEST(nothing.err == "interphase: error: open Na: no compound of Li-Na-O holds it, so nothing would be open\n");
  for (const std::string args : {"window Li2O --open Na ", "sweep Li2O O2 --open Na ", "map Li2O O2 --open Na "}) {
    const Run single = run_cli(args + db);
    BOOST_TEST(single.code == 2, args << single.err);
  }
}

// Energies imported at the highest limit an import may set still give answers
// (hulls are linear programs over the stable phases: no precision failure of a
// hull code).
BOOST_AUTO_TEST_CASE(energies_at_the_highest_limit_still_give_answers) {
  const std::string db = db_path_of("qhull");
  const std::string data = write_temp_file("absurd.csv", "formula,target\nLi,0\nO2,0\nLi2O,-1000\nLi2O2,1000\n");
  BOOST_TEST_REQUIRE(run_cli("db import " + data + " --max-abs-energy 1000 --db " + db).code == 0);
  const Run r = run_cli("hull Li-O --format csv --db " + db);
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.find("absurd:3,Li2O,-1000,0,true") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("Li2O2") == std::string::npos, r.out);
}

BOOST_AUTO_TEST_SUITE_END()  // test_cli
