// A voltage range as a condition, end to end: `react --range` and a range in
// `screen --conditions` give the same worst case, which no voltage of the
// range undercuts; each reactant's hold follows its `window`; refusals.
#include <boost/test/unit_test.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/close.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_range)

using interphase::test::default_db_option;
using interphase::test::Run;
using interphase::test::run_cli;
using Json = nlohmann::json;

namespace {

Json json_of(const std::string& args) {
  const Run r = run_cli(args + " --format json " + default_db_option());
  BOOST_REQUIRE_MESSAGE(r.code == 0, args << ": " << r.err);
  return Json::parse(r.out);
}

double minimum_at(const std::string& pair, double volts) {
  return json_of("react " + pair + " --voltage " + std::to_string(volts)).at("minimum").at("energy").get<double>();
}

/// The window of a material: {reduction, oxidation} from `window --format json`.
Json window_of(const std::string& formula) { return json_of("window " + formula); }

}  // namespace

BOOST_AUTO_TEST_CASE(react_range_is_the_worst_case) {
  const Json j = json_of("react Li6PS5Cl Li2RuO3 --range 2.0-4.5");
  const Json& range = j.at("range");
  BOOST_TEST(range.at("from_V").get<double>() == 2.0);
  BOOST_TEST(range.at("to_V").get<double>() == 4.5);
  const double v = range.at("voltage").get<double>(), e = range.at("energy").get<double>();
  BOOST_TEST(v >= 2.0);
  BOOST_TEST(v <= 4.5);
  // The table is the reaction at that voltage, and its minimum is the range's.
  CHECK_ABS(j.at("open").at("Li").get<double>(), -v, 1e-12);
  CHECK_ABS(j.at("minimum").at("energy").get<double>(), e, 1e-12);
  // No voltage of the range goes lower (the ends and points between).
  for (double volts : {2.0, 2.5, 3.0, 3.5, 4.0, 4.5}) BOOST_TEST(e <= minimum_at("Li6PS5Cl Li2RuO3", volts) + 1e-9);
  // The same reaction at the worst voltage, asked as a single voltage.
  CHECK_ABS(minimum_at("Li6PS5Cl Li2RuO3", v), e, 1e-6);  // --voltage as printed by std::to_string: 6 decimals
}

BOOST_AUTO_TEST_CASE(holds_follow_the_windows) {
  const Json j = json_of("react Li3InCl6 Li2RuO3 --range 2.0-4.5");
  const Json& a = j.at("range").at("A");
  const Json w = window_of("Li3InCl6");
  // Li3InCl6's window (2.51-4.31 V on the default data) lies inside 2.0-4.5 at both ends.
  BOOST_TEST(a.at("holds").get<bool>() == false);
  CHECK_ABS(a.at("reduced_below_V").get<double>(), w.at("reduction_V").get<double>(), 1e-12);
  CHECK_ABS(a.at("oxidized_above_V").get<double>(), w.at("oxidation_V").get<double>(), 1e-12);
  // Over a range inside its window it holds.
  const Json inside = json_of("react Li3InCl6 Li2RuO3 --range 3.0-4.0");
  BOOST_TEST(inside.at("range").at("A").at("holds").get<bool>() == true);
  BOOST_TEST(inside.at("range").at("A").at("reduced_below_V").is_null());
}

BOOST_AUTO_TEST_CASE(screen_range_rows_equal_react) {
  const Run r = run_cli("screen Li6PS5Cl Li3InCl6 --against Li2RuO3 --conditions closed,2.0-4.5 --format json --quiet " +
                        default_db_option());
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  std::istringstream lines(r.out);
  int ranges = 0;
  for (std::string line; std::getline(lines, line);) {
    const Json row = Json::parse(line);
    if (row.at("condition") != "2-4.5") {
      BOOST_TEST(row.at("V_min").is_null());
      continue;
    }
    ++ranges;
    const Json react = json_of("react " + row.at("A").get<std::string>() + " Li2RuO3 --range 2-4.5");
    // The screen takes the reactants' profile voltages in each one's own system (computed once per material),
    // react in the pair's: the same voltages to rounding, so the same worst case to rounding.
    CHECK_ABS(row.at("energy").get<double>(), react.at("range").at("energy").get<double>(), 1e-12);
    CHECK_ABS(row.at("V_min").get<double>(), react.at("range").at("voltage").get<double>(), 1e-9);
    BOOST_TEST(row.at("A_holds_range") == react.at("range").at("A").at("holds"));
    // The screen takes B's window in B's own system, react in the pair's: the same to rounding.
    CHECK_ABS(row.at("B_oxidized_above_V").get<double>(),
              react.at("range").at("B").at("oxidized_above_V").get<double>(), 1e-9);
  }
  BOOST_TEST(ranges == 2);
}

BOOST_AUTO_TEST_CASE(refusals_name_the_setting) {
  const auto refused = [](const std::string& args, const std::string& words) {
    const Run r = run_cli(args + " " + default_db_option());
    BOOST_TEST(r.code == 2, args);
    BOOST_TEST(r.out.empty(), args);
    BOOST_TEST(r.err.find(words) != std::string::npos, args << ": " << r.err);
  };
  refused("react Li6PS5Cl Li2RuO3 --range 4.5-2", "--range '4.5-2'");
  refused("react Li6PS5Cl Li2RuO3 --range 2-x", "--range '2-x'");
  refused("react Li6PS5Cl Li2RuO3 --range 2-4.5 --voltage 3", "--range opens Li alone");
  refused("react Li6PS5Cl Li2RuO3 --range 2-4.5 --samples 3", "--samples");
  refused("screen Li6PS5Cl --against Li2RuO3 --conditions closed,2-1e9", "condition '2-1e9' in --conditions");
  refused("screen Li6PS5Cl --against Li2RuO3 --conditions 2-4.5 --samples 3", "--samples");
  refused("compare Li6PS5Cl Li2RuO3 --versus Li3InCl6 Li2RuO3 --conditions 2-4.5 --samples 3", "not the range 2-4.5");
}

BOOST_AUTO_TEST_SUITE_END()
