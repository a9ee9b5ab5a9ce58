// The interphase program end to end, on made-up data: output formats, the
// first-run database build, and one clear error line with exit code 2 for bad
// input, leaving the database unchanged.
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "support/close.hpp"
#include "support/default_data.hpp"

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Run the program with arguments (already shell-quoted where needed).
Run run(const std::string& args) {
  static const auto dir = interphase::test::temp_dir("cli");
  const auto out = dir / "out.txt", err = dir / "err.txt";
  const std::string cmd = std::string(INTERPHASE_CLI) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

const std::string kData = std::string(INTERPHASE_TEST_DATA_DIR) + "/cli_li_o.csv";

/// --db and --data options for a fresh database built from the made-up Li-O data.
std::string fresh_db(const std::string& name) {
  static const auto dir = interphase::test::temp_dir("cli-db");
  return "--db " + (dir / (name + ".sqlite")).string() + " --data " + kData;
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_teaches) {
  const Run r = run("--help");
  BOOST_TEST(r.code == 0);
  for (const char* word : {"react", "decompose", "hull", "db", "Examples"}) BOOST_TEST(r.out.find(word) != std::string::npos, word);
  const Run sub = run("react --help");
  BOOST_TEST(sub.code == 0);
  BOOST_TEST(sub.out.find("--energy") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(react_json_on_made_up_data) {
  const std::string db = fresh_db("react");
  const Run first = run("react Li O2 --format json " + db);
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
  const Run second = run("react Li O2 --format csv " + db);
  BOOST_TEST(second.code == 0);
  BOOST_TEST(second.err.empty(), second.err);
  BOOST_TEST(lines(second.out) == 5);
  BOOST_TEST(second.out.rfind("x,x_molar,x_mass,energy,reaction,products", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(decompose_and_hull) {
  const std::string db = fresh_db("decompose");
  const Run d = run("decompose LiO2 --format json " + db);
  BOOST_TEST_REQUIRE(d.code == 0, d.err);
  const auto j = nlohmann::json::parse(d.out);
  CHECK_ABS(j["e_above_hull"].get<double>(), 1.0 / 6.0, 1e-12);
  BOOST_TEST(j["stable"] == false);
  CHECK_ABS(j["decomposition"]["Li2O2"].get<double>(), 2.0 / 3.0, 1e-12);
  CHECK_ABS(j["decomposition"]["O2"].get<double>(), 1.0 / 3.0, 1e-12);
  const Run h = run("hull Li-O --all --format csv " + db);
  BOOST_TEST_REQUIRE(h.code == 0, h.err);
  BOOST_TEST(lines(h.out) == 7);  // header + 6 entries
  const Run stable = run("hull O-Li " + db);
  BOOST_TEST(stable.code == 0);
  BOOST_TEST(stable.out.find("Li2O2") != std::string::npos);
  BOOST_TEST(stable.out.find("LiO2 ") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_input_is_one_line_and_exit_2) {
  const std::string db = fresh_db("errors");
  for (const std::string args : {"react 'Li2(RuO3' O2 ", "decompose Xq2O ", "hull Li-Qq ", "react Li O2 --energy huge "}) {
    const Run r = run(args + db);
    BOOST_TEST(r.code == 2, args);
    BOOST_TEST(lines(r.err) >= 1, args);
    BOOST_TEST(r.out.empty(), args);
  }
  const Run formula = run("decompose 'Li2(RuO3' " + db);
  BOOST_TEST(formula.err.find("Li2(RuO3") != std::string::npos, formula.err);
  BOOST_TEST(lines(formula.err) == 1, formula.err);
  const Run element = run("decompose Xq2O " + db);
  BOOST_TEST(element.err.find("Xq") != std::string::npos, element.err);
  BOOST_TEST(lines(element.err) == 1, element.err);
}

BOOST_AUTO_TEST_CASE(bad_data_leaves_the_database_unchanged) {
  const std::string db = fresh_db("import");
  const Run before = run("db info " + db);
  BOOST_TEST_REQUIRE(before.code == 0, before.err);
  const Run missing = run("db import /nonexistent/file.csv " + db);
  BOOST_TEST(missing.code == 2);
  BOOST_TEST(lines(missing.err) == 1, missing.err);
  BOOST_TEST(missing.err.find("/nonexistent/file.csv") != std::string::npos, missing.err);
  const Run bad = run("db import " + std::string(INTERPHASE_TEST_DATA_DIR) + "/cli_bad_row.csv " + db);
  BOOST_TEST(bad.code == 2);
  BOOST_TEST(lines(bad.err) == 1, bad.err);
  BOOST_TEST(bad.err.find("row 3") != std::string::npos, bad.err);
  const Run after = run("db info " + db);
  BOOST_TEST(after.out == before.out);
}

// ---------------------------------------------------------------- open lithium
// On the made-up Li-O data the Li chemical potentials of the hull's facets are
// 0 (Li-Li2O), -2.8 (Li2O-Li2O2) and -3.2 (Li2O2-O2).

BOOST_AUTO_TEST_CASE(open_lithium_commands) {
  const std::string db = fresh_db("open");
  const Run window = run("window Li2O --format json " + db);
  BOOST_TEST_REQUIRE(window.code == 0, window.err);
  const auto w = nlohmann::json::parse(window.out);
  CHECK_ABS(w["reduction_V"].get<double>(), 0.0, 1e-12);
  CHECK_ABS(w["oxidation_V"].get<double>(), 2.8, 1e-12);
  BOOST_TEST(w["profile"].size() == 3u);
  BOOST_TEST(w["profile"][1]["phases"][0] == "Li2O2");
  CHECK_ABS(w["profile"][1]["evolution"].get<double>(), -1.0, 1e-12);

  // Li2O + O2 at 3 V, total form: Li2O2 (Phi = -0.2 per O) against 0 at both ends.
  const Run react = run("react Li2O O2 --open Li --voltage 3 --energy total --format json " + db);
  BOOST_TEST_REQUIRE(react.code == 0, react.err);
  const auto r = nlohmann::json::parse(react.out);
  CHECK_ABS(r["open"]["Li"].get<double>(), -3.0, 1e-12);
  CHECK_ABS(r["minimum"]["energy"].get<double>(), -0.2, 1e-12);
  BOOST_TEST(r["kinks"].back()["reaction"] == "Li2O -> Li + 0.5 Li2O2");
  const Run by_mu = run("react Li2O O2 --mu Li=-3 --energy total --format json " + db);
  BOOST_TEST(nlohmann::json::parse(by_mu.out)["kinks"] == r["kinks"]);

  const Run sweep = run("sweep Li2O O2 --from 2 --to 4 --step 0.5 --energy total --format json " + db);
  BOOST_TEST_REQUIRE(sweep.code == 0, sweep.err);
  const auto s = nlohmann::json::parse(sweep.out);
  BOOST_TEST_REQUIRE(s["rows"].size() == 5u);
  // At 2 V O2 takes up Li into Li2O: Phi(Li2O) = 3 (-2.0) - 2 (-2) = -2 per O atom, at x = 0.
  CHECK_ABS(s["rows"][0]["energy"].get<double>(), -2.0, 1e-12);
  CHECK_ABS(s["rows"][0]["x"].get<double>(), 0.0, 1e-12);
  CHECK_ABS(s["rows"][2]["V"].get<double>(), 3.0, 1e-12);
  CHECK_ABS(s["rows"][2]["energy"].get<double>(), -0.2, 1e-12);

  const Run map = run("map Li2O O2 --format json " + db);
  BOOST_TEST_REQUIRE(map.code == 0, map.err);
  const auto m = nlohmann::json::parse(map.out);
  BOOST_TEST_REQUIRE(m["regions"].size() == 3u);
  CHECK_ABS(m["regions"][1]["V"][0].get<double>(), 2.8, 1e-9);
  CHECK_ABS(m["regions"][1]["V"][1].get<double>(), 3.2, 1e-9);
  BOOST_TEST(m["regions"][1]["products"][0] == "Li2O2");
  const Run csv = run("map Li2O O2 --format csv " + db);
  BOOST_TEST(lines(csv.out) == 4);
}

BOOST_AUTO_TEST_CASE(open_lithium_errors) {
  const std::string db = fresh_db("open-errors");
  BOOST_TEST_REQUIRE(run("db info " + db).code == 0);  // built, so stderr holds only the error
  for (const std::string args : {"react Li2O O2 --open Li ", "react Li2O O2 --open Li --open O --voltage 3 ",
                                 "react Li2O O2 --mu Li=abc ", "react Li2O O2 --mu Li=-3 --voltage 3 ",
                                 "sweep Li2O O2 --step 0 ", "sweep Li2O O2 --from 3 --to 1 ", "map Li2O O2 --from 2 --to 2 ",
                                 "window Li2O --open Xx ", "react Li2O O2 --gas O=300 "}) {
    const Run r = run(args + db);
    BOOST_TEST(r.code == 2, args << ": " << r.err);
    BOOST_TEST(lines(r.err) == 1, args << ": " << r.err);
  }
}

BOOST_AUTO_TEST_CASE(plots) {
  const std::string db = fresh_db("plots");
  const Run react = run("react Li O2 --format svg " + db);
  BOOST_TEST_REQUIRE(react.code == 0, react.err);
  BOOST_TEST(react.out.find("<svg") != std::string::npos);
  BOOST_TEST(react.out.rfind("</svg>") != std::string::npos);
  // One marker per kink: x = 0, 1/2, 2/3 and 1 on the made-up Li-O data.
  std::size_t markers = 0;
  for (std::size_t at = react.out.find("class=\"kink\""); at != std::string::npos; at = react.out.find("class=\"kink\"", at + 1)) ++markers;
  BOOST_TEST(markers == 4u);
  const Run map = run("map Li2O O2 --format svg " + db);
  BOOST_TEST(map.code == 0, map.err);
  BOOST_TEST(map.out.find("class=\"region\"") != std::string::npos);
  const Run sweep = run("sweep Li2O O2 --step 0.5 --format svg " + db);
  BOOST_TEST(sweep.code == 0, sweep.err);
  const Run none = run("window Li2O --format svg " + db);  // no plot for windows
  BOOST_TEST(none.code == 2);
}

BOOST_AUTO_TEST_CASE(screen_pairs) {
  // Li + O2: Li2O at x = 2/3, -2.0. Li2O + O2: Li2O2 at x_O = 1/2, where the
  // Li2O-O2 line is at -1.5, so -1.6 + 1.5 = -0.1 (x = 3/4 of the atoms from Li2O).
  const std::string db = fresh_db("screen");
  const Run r = run("screen Li Li2O --against O2 --format json " + db);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  BOOST_TEST_REQUIRE(j["pairs"].size() == 2u);
  BOOST_TEST(j["pairs"][0]["reactants"][0] == "Li");
  CHECK_ABS(j["pairs"][0]["energy"].get<double>(), -2.0, 1e-12);
  CHECK_ABS(j["pairs"][0]["x"].get<double>(), 2.0 / 3.0, 1e-12);
  CHECK_ABS(j["pairs"][1]["energy"].get<double>(), -0.1, 1e-12);
  CHECK_ABS(j["pairs"][1]["x"].get<double>(), 0.75, 1e-12);
  BOOST_TEST(j["pairs"][1]["products"].contains("Li2O2"));
  const Run missing = run("screen Li Li2O " + db);  // no --against
  BOOST_TEST(missing.code == 2);
}
