// --uncertainty, --sigma and --explain end to end: hand values on a made-up
// ternary, and on the default data sigma = 0 leaves every number as it is.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/close.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_uncertainty)

using interphase::test::run_cli;
using interphase::test::Run;
using Json = nlohmann::json;

namespace {

/// --db and --data for a database of Fe-Co-Ni: FeNi -0.1, FeCo -0.4, CoNi -0.4 eV/atom.
std::string fe_co_ni() {
  static const std::string options = [] {
    const auto dir = interphase::test::temp_dir("cli-uncertainty");
    std::ofstream(dir / "fe_co_ni.csv") << "formula,target\nFe,0\nCo,0\nNi,0\nFeNi,-0.1\nFeCo,-0.4\nCoNi,-0.4\n";
    return "--db " + (dir / "fe_co_ni.sqlite").string() + " --data " + (dir / "fe_co_ni.csv").string();
  }();
  return options;
}

/// A JSON value with every "sigma" and "energy_std_linear" key taken out.
Json without_uncertainty(Json j) {
  if (j.is_object()) {
    j.erase("sigma");
    j.erase("energy_std_linear");
    for (auto& [key, value] : j.items()) value = without_uncertainty(value);
  } else if (j.is_array()) {
    for (auto& value : j) value = without_uncertainty(value);
  }
  return j;
}

/// Every "energy_std_linear" value in a JSON document.
void collect_std(const Json& j, std::vector<double>& out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      if (key == "energy_std_linear") out.push_back(value.get<double>());
      else collect_std(value, out);
    }
  } else if (j.is_array()) {
    for (const auto& value : j) collect_std(value, out);
  }
}

/// CSV text with its last column dropped.
std::string drop_last_column(const std::string& csv) {
  std::string out, line;
  std::istringstream in(csv);
  while (std::getline(in, line)) out += line.substr(0, line.rfind(',')) + "\n";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(hand_worked_ternary) {
  // FeNi + Co: minimum -0.35 at x = 1/2, dE/dE = 1/2 for FeCo, CoNi, -1/2 for FeNi (Co, an element, has no sigma).
  const Run r = run_cli("react FeNi Co --sigma 0.1 --explain --format json " + fe_co_ni());
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const Json j = Json::parse(r.out);
  CHECK_ABS(j["sigma"].get<double>(), 0.1, 0.0);
  CHECK_ABS(j["minimum"]["energy"].get<double>(), -0.35, 1e-12);
  CHECK_ABS(j["minimum"]["energy_std_linear"].get<double>(), 0.1 * std::sqrt(0.75), 1e-12);
  BOOST_TEST_REQUIRE(j["kinks"].size() == 3u);
  CHECK_ABS(j["kinks"][0]["energy_std_linear"].get<double>(), 0.0, 1e-12);
  BOOST_TEST_REQUIRE(j["explain"].size() == 1u);
  const Json& e = j["explain"][0];
  BOOST_TEST(e["at"] == "minimum");
  CHECK_ABS(e["energy_std_linear"].get<double>(), 0.1 * std::sqrt(0.75), 1e-12);
  BOOST_TEST(e["sensitivities"].size() == 4u);
  BOOST_TEST_REQUIRE(e["competitors"].size() == 4u);
  // FeNi and Co at 0.7, then Fe and Ni at 0.8.
  BOOST_TEST((e["competitors"][0]["formula"] == "FeNi" || e["competitors"][0]["formula"] == "Co"));
  CHECK_ABS(e["competitors"][0]["margin"].get<double>(), 0.7, 1e-12);
  CHECK_ABS(e["competitors"][3]["margin"].get<double>(), 0.8, 1e-12);
  for (const auto& p : e["product_margins"]) CHECK_ABS(p["raise_margin"].get<double>(), 0.4, 1e-12);
  CHECK_ABS(e["second_best"]["above"].get<double>(), 0.2, 1e-12);

  // --at-x explains another point too; text shows +/- and the margins.
  const Run text = run_cli("react FeNi Co --uncertainty --at-x 0.25 " + fe_co_ni());
  BOOST_TEST_REQUIRE(text.code == 0, text.err);
  for (const char* word : {"+/-", "At the minimum", "At, x = 0.250000", "rise margin", "drop margin", "Second-best"})
    BOOST_TEST(text.out.find(word) != std::string::npos, word);
}

BOOST_AUTO_TEST_CASE(bad_options_are_one_line_and_exit_2) {
  for (const std::string args : {"react FeNi Co --sigma -0.1", "react FeNi Co --sigma nan", "react FeNi Co --at-x 1.5",
                                 "react FeNi Co --explain --format csv", "react FeNi Co --explain --format svg"}) {
    const Run r = run_cli(args + " " + fe_co_ni());
    BOOST_TEST(r.code == 2, args << ": " << r.err);
    BOOST_TEST(interphase::test::count_lines(r.err) == 1, args << ": " << r.err);
  }
}

BOOST_AUTO_TEST_CASE(zero_sigma_changes_no_number) {
  const std::string db = interphase::test::default_db_option();
  for (const std::string pair : {"Li6PS5Cl Li2RuO3", "Li3InCl6 Li2RuO3"}) {
    for (const std::string extra : {"", " --energy total", " --open Li --voltage 3"}) {
      const Run plain = run_cli("react " + pair + extra + " --format json " + db);
      const Run zero = run_cli("react " + pair + extra + " --sigma 0 --format json " + db);
      BOOST_TEST_REQUIRE(plain.code == 0, plain.err);
      BOOST_TEST_REQUIRE(zero.code == 0, zero.err);
      const Json p = Json::parse(plain.out), z = Json::parse(zero.out);
      BOOST_TEST(without_uncertainty(z) == p, pair + extra);
      std::vector<double> stds;
      collect_std(z, stds);
      BOOST_TEST(stds.size() == p["kinks"].size() + 2);
      for (double s : stds) BOOST_TEST(s == 0.0);
      // The default sigma gives a positive spread at the minimum.
      const Json d = Json::parse(run_cli("react " + pair + extra + " --uncertainty --format json " + db).out);
      BOOST_TEST(d["minimum"]["energy_std_linear"].get<double>() > 0.0);
    }
  }
  // sweep and screen: the same rows plus one last column, zero at sigma = 0.
  const std::string sweep = "sweep Li6PS5Cl Li2RuO3 --from 0 --to 5 --step 0.5 --format csv " + db;
  const Run plain = run_cli(sweep), zero = run_cli(sweep + " --sigma 0");
  BOOST_TEST_REQUIRE(zero.code == 0, zero.err);
  BOOST_TEST(drop_last_column(zero.out) == plain.out);
  BOOST_TEST(zero.out.find(",0\n") != std::string::npos);
  BOOST_TEST(zero.out.rfind("V,x,energy,reaction,products,energy_std_linear\n", 0) == 0u);
  const std::string screen =
      "screen Li6PS5Cl Li3InCl6 --against Li2RuO3 --conditions closed,3 --quiet --threads 1 --format csv " + db;
  const Run splain = run_cli(screen), szero = run_cli(screen + " --sigma 0"), sdefault = run_cli(screen + " --uncertainty");
  BOOST_TEST_REQUIRE(szero.code == 0, szero.err);
  BOOST_TEST(drop_last_column(szero.out) == splain.out);
  BOOST_TEST(szero.out.find("energy_std_linear") != std::string::npos);
  // The screen's spread is react's at the same pair and condition.
  const Json r = Json::parse(run_cli("react Li3InCl6 Li2RuO3 --open Li --voltage 3 --uncertainty --format json " + db).out);
  std::string last_row = sdefault.out.substr(sdefault.out.rfind('\n', sdefault.out.size() - 2) + 1);
  last_row.pop_back();
  CHECK_ABS(std::stod(last_row.substr(last_row.rfind(',') + 1)), r["minimum"]["energy_std_linear"].get<double>(), 1e-15);
}

BOOST_AUTO_TEST_SUITE_END()  // test_cli_uncertainty
