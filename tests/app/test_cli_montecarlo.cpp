// Monte Carlo from the command line on the default data: sigma 0 reproduces
// the exact numbers, a seed fixes the output whatever the thread count, screen
// rows carry the same statistics as react, and bad settings exit 2.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/close.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_montecarlo)

using interphase::test::default_db_option;
using interphase::test::Run;
using interphase::test::run_cli;

namespace {

namespace fs = std::filesystem;

nlohmann::json react_json(const std::string& args) {
  const Run r = run_cli("react Li6PS5Cl Li2RuO3 " + args + " --format json " + default_db_option());
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace

BOOST_AUTO_TEST_CASE(sigma_zero_reproduces_the_exact_minimum) {
  for (const std::string conditions : {"", "--voltage 3", "--energy total", "--energy total --voltage 3"}) {
    const auto exact = react_json(conditions);
    const auto mc = react_json(conditions + " --samples 25 --sigma 0");
    const auto& m = mc["minimum"];
    const double e = exact["minimum"]["energy"].get<double>();
    BOOST_TEST(m["energy"].get<double>() == e);
    BOOST_TEST(m["energy_std"].get<double>() == 0.0);
    BOOST_TEST(m["energy_p05"].get<double>() == e);
    BOOST_TEST(m["energy_p95"].get<double>() == e);
    BOOST_TEST(m["p_react"].get<double>() == (e < 0 ? 1.0 : 0.0));
    BOOST_TEST_REQUIRE(m["product_sets"].size() == 1u);
    BOOST_TEST(m["product_sets"][0]["p"].get<double>() == 1.0);
    std::vector<std::string> names;
    for (const auto& [name, f] : exact["minimum"]["products"].items()) names.push_back(name);
    std::sort(names.begin(), names.end());
    BOOST_TEST(m["product_sets"][0]["products"].get<std::vector<std::string>>() == names);
    // Everything else is as without samples.
    auto rest = mc;
    for (const char* key : {"energy_std", "energy_p05", "energy_p95", "p_react", "product_sets"}) rest["minimum"].erase(key);
    rest.erase("monte_carlo");
    BOOST_TEST(rest == exact);
  }
}

BOOST_AUTO_TEST_CASE(a_seed_fixes_the_output_for_any_thread_count) {
  const std::string args = "react Li6PS5Cl Li2RuO3 --samples 300 --seed 4 --format json " + default_db_option();
  const Run one = run_cli(args + " --threads 1"), two = run_cli(args + " --threads 2");
  BOOST_TEST_REQUIRE(one.code == 0, one.err);
  BOOST_TEST(one.out == two.out);
  const auto j = nlohmann::json::parse(one.out);
  BOOST_TEST(j["monte_carlo"]["samples"].get<int>() == 300);
  BOOST_TEST(j["minimum"]["energy_std"].get<double>() > 0.0);
  BOOST_TEST(j["minimum"]["energy_p05"].get<double>() < j["minimum"]["energy_p95"].get<double>());
  const Run other = run_cli("react Li6PS5Cl Li2RuO3 --samples 300 --seed 5 --format json " + default_db_option());
  BOOST_TEST(other.out != one.out);
  // Without --samples there is nothing of Monte Carlo in the output.
  const auto exact = react_json("--sigma 0.05");
  BOOST_TEST(!exact["minimum"].contains("energy_std"));
  BOOST_TEST(!exact.contains("monte_carlo"));
}

BOOST_AUTO_TEST_CASE(csv_and_text_carry_the_statistics) {
  const Run csv = run_cli("react Li6PS5Cl Li2RuO3 --samples 50 --format csv " + default_db_option());
  BOOST_TEST_REQUIRE(csv.code == 0, csv.err);
  BOOST_TEST(csv.out.starts_with("x,x_molar,x_mass,energy,energy_kj_mol,reaction,products,energy_std,energy_p05,energy_p95,"
                                 "p_react,product_sets\n"));
  const Run text = run_cli("react Li6PS5Cl Li2RuO3 --samples 50 " + default_db_option());
  BOOST_TEST(text.out.find("Monte Carlo: 50 samples, seed 0, sigma 0.0240") != std::string::npos);
  BOOST_TEST(text.out.find("P(minimum < 0.000) = ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(screen_rows_match_react) {
  const Run screen = run_cli("screen Li6PS5Cl Li3InCl6 --against Li2RuO3 --conditions closed,3 --samples 100 --seed 2 "
                             "--format json --quiet " + default_db_option());
  BOOST_TEST_REQUIRE(screen.code == 0, screen.err);
  std::istringstream lines(screen.out);
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    const auto row = nlohmann::json::parse(line);
    const std::string voltage = row["condition"] == "closed" ? "" : " --voltage 3";
    const Run r = run_cli("react " + row["A"].get<std::string>() + " Li2RuO3 --samples 100 --seed 2 --format json" +
                          voltage + " " + default_db_option());
    const auto m = nlohmann::json::parse(r.out)["minimum"];
    for (const char* key : {"energy_std", "energy_p05", "energy_p95", "p_react", "product_sets"})
      BOOST_TEST(row[key] == m[key], key << " of " << row["A"] << " at " << row["condition"]);
  }
  BOOST_TEST(n == 4);
  // CSV: the statistics follow the existing columns.
  const Run csv = run_cli("screen Li6PS5Cl --against Li2RuO3 --samples 20 --format csv --quiet " + default_db_option());
  BOOST_TEST(csv.out.starts_with("A,B,condition,chemsys,energy,x,x_mass,products,reaction,error,energy_std,energy_p05,"
                                 "energy_p95,p_react,products_p_max,p_products_max\n"));
  const Run plain = run_cli("screen Li6PS5Cl --against Li2RuO3 --format csv --quiet " + default_db_option());
  BOOST_TEST(plain.out.starts_with("A,B,condition,chemsys,energy,x,x_mass,products,reaction,error\n"));
}

BOOST_AUTO_TEST_CASE(sweep_with_samples) {
  const Run sweep = run_cli("sweep Li3InCl6 Li2RuO3 --from 0 --to 1 --step 0.5 --samples 10 --sigma 0 --format csv " +
                            default_db_option());
  BOOST_TEST_REQUIRE(sweep.code == 0, sweep.err);
  std::istringstream lines(sweep.out);
  std::string line;
  std::getline(lines, line);
  BOOST_TEST(line == "V,x,energy,reaction,products,energy_std,energy_p05,energy_p95,p_react,product_sets");
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    // sigma 0: std 0, and p05, p95 the exact energy (third cell). The sweep reads its energies off the
    // exact (x, V) map, where each kink is linear in V; the samples react at each voltage: the same
    // number but for rounding.
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (const char c : line) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) cells.push_back(std::exchange(cell, ""));
      else cell += c;
    }
    cells.push_back(cell);
    BOOST_TEST_REQUIRE(cells.size() == 10u);
    BOOST_TEST(cells[5] == "0");
    CHECK_ABS(std::stod(cells[6]), std::stod(cells[2]), 1e-12);
    CHECK_ABS(std::stod(cells[7]), std::stod(cells[2]), 1e-12);
  }
  BOOST_TEST(rows == 3);
}

BOOST_AUTO_TEST_CASE(compare_pairs_sample_by_sample) {
  // The same pair both ways round has the same minimum in every sample (the
  // same draws of the same entries): never above, always a tie.
  const Run swapped = run_cli("compare Li6PS5Cl Li2RuO3 --versus Li2RuO3 Li6PS5Cl --conditions closed,3 --samples 200 "
                              "--seed 3 --format json " + default_db_option());
  BOOST_TEST_REQUIRE(swapped.code == 0, swapped.err);
  const auto j = nlohmann::json::parse(swapped.out);
  BOOST_TEST_REQUIRE(j["rows"].size() == 2u);
  for (const auto& row : j["rows"]) {
    BOOST_TEST(row["p_second_above"].get<double>() == 0.0);
    BOOST_TEST(row["p_tie"].get<double>() == 1.0);
  }
  // Each pair's statistics are react's with the same seed.
  const Run seed = run_cli("compare Li6PS5Cl Li2RuO3 --versus Li3InCl6 Li2RuO3 --conditions 3 --samples 200 --seed 3 "
                           "--format json " + default_db_option());
  const auto row = nlohmann::json::parse(seed.out)["rows"][0];
  const Run r = run_cli("react Li3InCl6 Li2RuO3 --voltage 3 --samples 200 --seed 3 --format json " + default_db_option());
  const auto m = nlohmann::json::parse(r.out)["minimum"];
  for (const char* key : {"energy_std", "energy_p05", "energy_p95", "p_react", "product_sets"})
    BOOST_TEST(row["second"][key] == m[key], key);
  // The seed pairs at 3 V: the exact minima differ by 0.63 eV/atom, about 20 standard deviations of the
  // difference, so LIC/LRO lies above LPSC/LRO in every sample.
  BOOST_TEST(row["p_second_above"].get<double>() == 1.0);
  BOOST_TEST(run_cli("compare Li6PS5Cl Li2RuO3 --versus Li3InCl6 Li2RuO3 " + default_db_option()).code == 2);
}

BOOST_AUTO_TEST_CASE(bad_settings_exit_2) {
  for (const std::string bad : {"--sigma -1", "--sigma 9", "--sigma nan", "--threshold inf"}) {
    const Run r = run_cli("react Li6PS5Cl Li2RuO3 --samples 5 " + bad + " " + default_db_option());
    BOOST_TEST(r.code == 2, bad);
    BOOST_TEST(interphase::test::count_lines(r.err) == 1, bad << ": " << r.err);
  }
  const auto dir = interphase::test::temp_dir("cli-mc-import");
  const fs::path csv = dir / "s.csv";
  std::ofstream(csv) << "formula,target,err\nLi2O1,-2.0,-0.5\n";
  const std::string db = (dir / "db.sqlite").string();
  const Run r = run_cli("db import " + csv.string() + " --sigma-column err --db " + db);
  BOOST_TEST(r.code == 2);
  BOOST_TEST(r.err.find("row 1: invalid uncertainty '-0.5' in column 'err': negative") != std::string::npos, r.err);
  BOOST_TEST(!fs::exists(db));
  std::ofstream(csv) << "formula,target,err\nLi2O1,-2.0,0.05\nLi1,0,\n";
  const Run ok = run_cli("db import " + csv.string() + " --sigma-column err --db " + db);
  BOOST_TEST(ok.code == 0, ok.err);
}

// --samples has a limit (kMaxSamples, and voltages times samples for a sweep):
// 1e8 once took 4 GB in 8 s, and -1 or 2^64-1 asked for a vector larger than
// max_size() (exit 3). Refused before any data is read, on every command.
BOOST_AUTO_TEST_CASE(samples_are_bounded) {
  const auto dir = interphase::test::temp_dir("cli-mc-limit");
  const std::string db = (dir / "li_o.sqlite").string();
  BOOST_TEST_REQUIRE(run_cli("hull Li-O --db " + db + " --data " + INTERPHASE_TEST_DATA_DIR + "/cli_li_o.csv").code == 0);
  for (const std::string command : {"react Li2O O2", "react Li2O O2 --voltage 3", "sweep Li2O O2",
                                    "compare Li2O O2 --versus Li2O Li2O2", "screen Li2O --against O2"}) {
    for (const std::string samples : {"1000001", "2000000", "18446744073709551615"})
      interphase::test::check_refused(db, command + " --samples " + samples,
                                      "--samples " + samples + " is above the limit of 1000000 samples");
    const Run negative = run_cli(command + " --samples -1 --db " + db);
    BOOST_TEST(negative.code == 2, command << ": " << negative.err);
    BOOST_TEST(negative.err.find("--samples") != std::string::npos, negative.err);
  }
  // A sweep's 501 voltages (0 to 5 V by 0.01) times 100000 samples: 5e7 sampled reactions.
  interphase::test::check_refused(db, "sweep Li2O O2 --samples 100000",
                                  "--samples 100000 at each of 501 voltages: a sweep computes at most 10000000 sampled "
                                  "reactions (voltages times samples); take fewer samples or a larger --step");
  const Run within = run_cli("sweep Li2O O2 --from 0 --to 1 --step 0.5 --samples 4 --sigma 0 --db " + db);
  BOOST_TEST(within.code == 0, within.err);
}

BOOST_AUTO_TEST_CASE(per_entry_sigmas_feed_both_methods_alike) {
  // Li-Mg-O with a sigma column: Li2O -2.0 (own 0.01), MgO -3.0 (none: --sigma 0.03),
  // Li2MgO2 -2.8 (own 0.02), Mg with 0.1 (an element: 0 whatever the column says).
  // Li2O + MgO: the minimum -0.4 at x = 3/5 (Li2MgO2), dE/dE_i = 1, -0.6, -0.4, so by hand
  // sigma^2 = (1 x 0.02)^2 + (0.6 x 0.01)^2 + (0.4 x 0.03)^2 = 5.8e-4. Li2MgO2 lies 0.4 eV/atom
  // (about 17 sigma) below the mixing line: the products never change and the samples' spread is the same.
  const auto dir = interphase::test::temp_dir("cli-mc-sigma");
  const fs::path csv = dir / "li_mg_o.csv";
  std::ofstream(csv) << "formula,target,err\nLi,0,\nMg,0,0.1\nO2,0,\nLi2O,-2.0,0.01\nMgO,-3.0,\nLi2MgO2,-2.8,0.02\n";
  const std::string db = "--db " + (dir / "db.sqlite").string();
  const Run import = run_cli("db import " + csv.string() + " --sigma-column err " + db);
  BOOST_TEST_REQUIRE(import.code == 0, import.err);
  const double by_hand = std::sqrt(0.02 * 0.02 + 0.006 * 0.006 + 0.012 * 0.012);
  const std::size_t n = 4000;
  const Run r = run_cli("react Li2O MgO --uncertainty --sigma 0.03 --samples " + std::to_string(n) +
                        " --seed 5 --format json " + db);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  const auto& m = j["minimum"];
  CHECK_ABS(m["energy"].get<double>(), -0.4, 1e-12);
  CHECK_ABS(m["energy_std_linear"].get<double>(), by_hand, 1e-12);
  for (const auto& k : j["kinks"]) BOOST_TEST(k.contains("energy_std_linear"));
  // Standard error of a normal sample's std: sigma / sqrt(2 (n - 1)), about 1.1 %; 4 of them.
  CHECK_ABS(m["energy_std"].get<double>(), by_hand, 4 * by_hand / std::sqrt(2.0 * (n - 1)));
  BOOST_TEST(m["p_react"].get<double>() == 1.0);
  // The same in the total form: the reactants' own entries take their own draws.
  const Run total = run_cli("react Li2O MgO --energy total --uncertainty --sigma 0.03 --samples " + std::to_string(n) +
                            " --seed 5 --format json " + db);
  BOOST_TEST_REQUIRE(total.code == 0, total.err);
  const auto t = nlohmann::json::parse(total.out)["minimum"];
  CHECK_ABS(t["energy_std_linear"].get<double>(), by_hand, 1e-12);
  CHECK_ABS(t["energy_std"].get<double>(), by_hand, 4 * by_hand / std::sqrt(2.0 * (n - 1)));
  // Text says where the sigmas come from; --samples with --sigma alone adds no analytic column.
  const Run text = run_cli("react Li2O MgO --uncertainty " + db);
  BOOST_TEST(text.out.find("+/- its own sigma from the data (else 0.024 eV/atom)") != std::string::npos, text.out);
  const auto only_mc = nlohmann::json::parse(run_cli("react Li2O MgO --sigma 0.03 --samples 10 --format json " + db).out);
  BOOST_TEST(!only_mc["minimum"].contains("energy_std_linear"));
  BOOST_TEST(only_mc["minimum"].contains("energy_std"));
}

BOOST_AUTO_TEST_CASE(analytic_then_monte_carlo_columns) {
  const Run screen = run_cli("screen Li6PS5Cl --against Li2RuO3 --uncertainty --samples 20 --format csv --quiet " +
                             default_db_option());
  BOOST_TEST_REQUIRE(screen.code == 0, screen.err);
  BOOST_TEST(screen.out.starts_with("A,B,condition,chemsys,energy,x,x_mass,products,reaction,error,energy_std_linear,"
                                    "energy_std,energy_p05,energy_p95,p_react,products_p_max,p_products_max\n"));
  const Run react = run_cli("react Li6PS5Cl Li2RuO3 --uncertainty --samples 20 --format csv " + default_db_option());
  BOOST_TEST(react.out.starts_with("x,x_molar,x_mass,energy,energy_kj_mol,reaction,products,energy_std_linear,energy_std,"
                                   "energy_p05,energy_p95,p_react,product_sets\n"));
  const Run sweep = run_cli("sweep Li6PS5Cl Li2RuO3 --from 0 --to 1 --uncertainty --samples 5 --format csv " + default_db_option());
  BOOST_TEST(sweep.out.starts_with("V,x,energy,reaction,products,energy_std_linear,energy_std,energy_p05,energy_p95,"
                                   "p_react,product_sets\n"));
}

BOOST_AUTO_TEST_SUITE_END()  // test_cli_montecarlo
