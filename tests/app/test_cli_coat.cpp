// The coat command end to end: on the made-up data set of tests/screen/test_coat.cpp
// (every number worked by hand there) its CSV columns, ranking, error rows and
// funnel; its refusals; and on the default data, that each row is what `react`
// and `window` say of the same pairs.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/close.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_coat)

using interphase::test::default_db_option;
using interphase::test::Run;
using interphase::test::run_cli;
using interphase::test::split_lines;
using nlohmann::json;

namespace {

/// "--db FILE" of a database of the made-up data set, built on first use.
const std::string& made_up_db() {
  static const std::string option = [] {
    const std::string db = (interphase::test::temp_dir("cli-coat") / "db.sqlite").string();
    const Run import = run_cli("db import " + std::string(INTERPHASE_TEST_DATA_DIR) + "/coat_made_up.csv --db " + db);
    BOOST_REQUIRE_MESSAGE(import.code == 0, import.err);
    return "--db " + db;
  }();
  return option;
}

const std::string kMadeUpSearch =
    "coat Li2S LiCo LiCo2 --range 3.0-3.8 --candidates LiTa LiSi LiMg LiB LiNb LiAl LiXx LiTi LiZr Li5Nb ";

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(csv_has_the_fixed_columns_in_rank_order_and_the_funnel_goes_to_stderr) {
  const Run r = run_cli(kMadeUpSearch + "--format csv " + made_up_db());
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  const auto lines = split_lines(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 11u);
  BOOST_TEST(lines[0] ==
             "rank,coating,passes,failed,e_above_hull,window_red,window_ox,li_fraction,energy_electrolyte,"
             "energy_electrolyte_range,energy_cathode,energy_cathode_range");
  const std::vector<std::string> order = {"LiNb", "LiTa", "LiZr", "LiAl", "LiB", "LiTi", "LiSi", "LiMg", "Li5Nb", "LiXx"};
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto f = fields(lines[i + 1]);
    BOOST_REQUIRE_EQUAL(f.size(), 12u);
    BOOST_TEST(f[0] == std::to_string(i + 1));
    BOOST_TEST(f[1] == order[i]);
    BOOST_TEST(f[2] == (i < 3 ? "true" : "false"));
  }
  BOOST_TEST(fields(lines[5])[3] == "window_ox;energy_cathode");  // LiB
  BOOST_TEST(fields(lines[8])[3] == "e_above_hull;window_ox;energy_cathode");  // LiMg
  BOOST_TEST(fields(lines[9])[3].rfind("error: no entry of Li5Nb", 0) == 0u);
  CHECK_ABS(std::stod(fields(lines[4])[11]), -0.1125, 1e-9);  // LiAl over the range
  CHECK_ABS(std::stod(fields(lines[5])[10]), -0.12, 1e-9);    // LiB against LiCo2
  BOOST_TEST(fields(lines[9])[8].empty());                    // no energies in an error row

  const auto err = split_lines(r.err);
  BOOST_REQUIRE_GE(err.size(), 9u);
  const std::string last = err.back();
  BOOST_TEST(last.find("3 left after energy_cathode_range") != std::string::npos, last);
  const Run quiet = run_cli(kMadeUpSearch + "--format csv --quiet " + made_up_db());
  BOOST_TEST(quiet.err.find("left after") == std::string::npos);
  BOOST_TEST(quiet.out == r.out);
}

BOOST_AUTO_TEST_CASE(json_has_each_sides_detail_and_text_and_markdown_the_funnel) {
  const Run r = run_cli(kMadeUpSearch + "--format json --quiet " + made_up_db());
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  const json j = json::parse(r.out);
  BOOST_TEST(j["funnel"].size() == 9u);
  BOOST_TEST(j["funnel"][8]["left"].get<int>() == 3);
  const json& lib = j["candidates"][4];
  BOOST_TEST(lib["coating"] == "LiB");
  BOOST_TEST(lib["failed"] == json({"window_ox", "energy_cathode"}));
  BOOST_TEST(lib["cathodes"][1]["formula"] == "LiCo2");
  CHECK_ABS(lib["cathodes"][1]["closed"]["x"].get<double>(), 0.4, 1e-9);
  CHECK_ABS(lib["cathodes"][1]["closed"]["products"]["LiCo"].get<double>(), 0.8, 1e-9);
  const json& al = j["candidates"][3];
  CHECK_ABS(al["cathodes"][0]["range"]["voltage"].get<double>(), 3.8, 1e-9);
  BOOST_TEST(j["candidates"][9]["error"].is_string());

  const Run text = run_cli(kMadeUpSearch + "--quiet " + made_up_db());
  BOOST_TEST(text.out.find("funnel") != std::string::npos);
  BOOST_TEST(text.out.find("energy_cathode_range") != std::string::npos);
  const Run md = run_cli(kMadeUpSearch + "--format markdown --quiet " + made_up_db());
  BOOST_TEST(md.out.find("## Funnel") != std::string::npos);
  BOOST_TEST(md.out.find("| 1 ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_bad_side_or_setting_is_one_clear_error) {
  const Run bad = run_cli("coat Li2Xx LiCo --candidates LiNb " + made_up_db());
  BOOST_TEST(bad.code == 2);
  BOOST_TEST(bad.out.empty());
  BOOST_TEST(split_lines(bad.err).size() == 1u, bad.err);
  BOOST_TEST(bad.err.find("electrolyte 'Li2Xx'") != std::string::npos, bad.err);
  const Run range = run_cli("coat Li2S LiCo --range 4-3 --candidates LiNb " + made_up_db());
  BOOST_TEST(range.code == 2);
  BOOST_TEST(range.err.find("--range") != std::string::npos, range.err);
  const Run negative = run_cli("coat Li2S LiCo --max-reaction -1 --candidates LiNb " + made_up_db());
  BOOST_TEST(negative.code == 2);
  const Run both = run_cli("coat Li2S LiCo --candidates LiNb --with O " + made_up_db());
  BOOST_TEST(both.code == 2);
  BOOST_TEST(both.err.find("--with") != std::string::npos, both.err);
}

BOOST_AUTO_TEST_CASE(explain_says_which_criterion_fails_by_how_much) {
  const Run r = run_cli(kMadeUpSearch + "--explain LiB --quiet " + made_up_db());
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  BOOST_TEST(r.out.find("Why LiB does not pass") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("fails most: energy_cathode (margin -0.0200)") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(rows_equal_react_and_window_on_the_default_data) {
  const std::string& db = default_db_option();
  const std::vector<std::string> candidates = {"Li3PO4", "LiNbO3", "LiPO3", "Li2ZrO3"};
  const std::vector<std::string> sides = {"Li6PS5Cl", "Li2RuO3", "LiRuO3"};
  std::string list;
  for (const auto& c : candidates) list += c + " ";
  const Run coat = run_cli("coat Li6PS5Cl Li2RuO3 LiRuO3 --range 2.0-4.5 --format json --quiet --candidates " + list + db);
  BOOST_REQUIRE_MESSAGE(coat.code == 0, coat.err);
  const json j = json::parse(coat.out);
  for (const json& row : j["candidates"]) {
    const std::string c = row["coating"];
    const json window = json::parse(run_cli("window " + c + " --format json " + db).out);
    BOOST_TEST(row["window_red"] == window["reduction_V"], c);
    BOOST_TEST(row["window_ox"] == window["oxidation_V"], c);
    for (std::size_t s = 0; s < sides.size(); ++s) {
      const json& side = s == 0 ? row["electrolyte"] : row["cathodes"][s - 1];
      BOOST_TEST(side["formula"] == sides[s]);
      const json closed = json::parse(run_cli("react " + c + " " + sides[s] + " --format json " + db).out);
      BOOST_TEST(side["closed"]["energy"] == closed["minimum"]["energy"], c << " + " << sides[s]);
      BOOST_TEST(side["closed"]["x"] == closed["minimum"]["x"], c << " + " << sides[s]);
      BOOST_TEST(side["closed"]["products"] == closed["minimum"]["products"], c << " + " << sides[s]);
      const json range =
          json::parse(run_cli("react " + c + " " + sides[s] + " --range 2.0-4.5 --format json " + db).out);
      CHECK_ABS(side["range"]["energy"].get<double>(), range["range"]["energy"].get<double>(), 1e-12);
      CHECK_ABS(side["range"]["voltage"].get<double>(), range["range"]["voltage"].get<double>(), 1e-12);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
