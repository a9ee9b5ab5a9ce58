// The coat request on the made-up data set of tests/screen/test_coat.cpp
// (tests/data_small/coat_made_up.csv, every number worked by hand there): the
// candidates the data set gives, those given by formula (with their stored
// e_above_hull, or an error row), the explanation of one candidate, and the
// refusals.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "interphase/session/session.hpp"
#include "support/close.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_coat_session)

using namespace interphase;

namespace {

constexpr double kTol = 1e-9;

struct MadeUp {
  test::TempDir dir{"coat-session"};
  Session session{SessionOptions{dir.path / "db.sqlite", std::string(INTERPHASE_TEST_DATA_DIR) + "/coat_made_up.csv",
                                 std::nullopt, true}};
};

MadeUp& made_up() {
  static MadeUp m;
  return m;
}

CoatRequest request() {
  CoatRequest q;
  q.electrolyte = "Li2S";
  q.cathodes = {"LiCo", "LiCo2"};
  q.range = VoltageRange{3.0, 3.8};
  q.threads = 1;
  return q;
}

std::set<std::string> formulas(const CoatResult& r) {
  std::set<std::string> out;
  for (const auto& c : r.candidates) out.insert(c.formula);
  return out;
}

const CoatCandidate& find(const CoatResult& r, const std::string& formula) {
  const auto it = std::find_if(r.candidates.begin(), r.candidates.end(),
                               [&](const CoatCandidate& c) { return c.formula == formula; });
  BOOST_REQUIRE(it != r.candidates.end());
  return *it;
}

const CoatCheck& check(const CoatExplanation& e, const std::string& criterion) {
  const auto it = std::find_if(e.checks.begin(), e.checks.end(), [&](const CoatCheck& c) { return c.criterion == criterion; });
  BOOST_REQUIRE(it != e.checks.end());
  return *it;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_data_set_gives_its_stable_li_compounds_without_radioactive_ones) {
  CoatRequest q = request();
  const CoatResult r = made_up().session.coat(q);
  // Not Li (one element), LiMg (0.02 above the hull), LiTc (radioactive); formulas reduced as
  // pymatgen writes them (Li3Al2Co2: Li3(AlCo)2).
  const std::set<std::string> stable = {"Li2S", "LiCo", "LiCo2", "LiNb", "LiTa",  "LiZr",  "Li2Zr", "LiTi",
                                        "Li2Ti", "LiSi", "Li2Si", "LiB",  "Li3Mg", "LiMg3", "LiAl",  "Li3(AlCo)2"};
  BOOST_TEST(formulas(r) == stable, boost::test_tools::per_element());
  BOOST_TEST(r.funnel.front().left == stable.size());
  BOOST_TEST(r.settings.candidates.find("16 candidates") != std::string::npos, r.settings.candidates);
  for (const auto& c : r.candidates) CHECK_ABS(c.e_above_hull.value(), 0.0, kTol);
  BOOST_TEST(r.settings.min_oxidation == 3.8);
  BOOST_TEST(r.settings.dataset == "coat_made_up");

  q.with = {"Co"};
  BOOST_TEST(formulas(made_up().session.coat(q)) == (std::set<std::string>{"LiCo", "LiCo2", "Li3(AlCo)2"}),
             boost::test_tools::per_element());
  q.with.clear();
  q.min_elements = 3;
  BOOST_TEST(formulas(made_up().session.coat(q)) == std::set<std::string>{"Li3(AlCo)2"}, boost::test_tools::per_element());
  q.min_elements = 0;
  q.without = {"Co", "S", "Mg", "Zr", "Ti", "Si", "Al"};
  BOOST_TEST(formulas(made_up().session.coat(q)) == (std::set<std::string>{"LiNb", "LiTa", "LiB"}),
             boost::test_tools::per_element());
  q.without.clear();
  q.pool_max_e_above_hull = 0.05;  // LiMg, 0.02 above, joins; --max-ehull 0.005 then fails it
  const CoatResult wide = made_up().session.coat(q);
  BOOST_TEST(formulas(wide).count("LiMg") == 1u);
  CHECK_ABS(find(wide, "LiMg").e_above_hull.value(), 0.02, kTol);
  BOOST_TEST(find(wide, "LiMg").failed.front() == kCoatEhull);
}

BOOST_AUTO_TEST_CASE(given_candidates_carry_their_stored_stability_or_an_error_row) {
  CoatRequest q = request();
  q.candidates = {"LiMg", "LiNb", "Li5Nb", "LiQq"};
  const CoatResult r = made_up().session.coat(q);
  BOOST_REQUIRE_EQUAL(r.candidates.size(), 4u);
  CHECK_ABS(find(r, "LiMg").e_above_hull.value(), 0.02, kTol);
  BOOST_TEST(find(r, "LiNb").passes);
  BOOST_TEST(find(r, "Li5Nb").error.find("no entry of Li5Nb") != std::string::npos, find(r, "Li5Nb").error);
  BOOST_TEST(find(r, "LiQq").error.find("Qq") != std::string::npos, find(r, "LiQq").error);
  BOOST_TEST(r.candidates.back().formula == "LiQq");  // error rows last, by formula
  BOOST_TEST(r.settings.candidates == "given (4 formulas)");
}

BOOST_AUTO_TEST_CASE(explain_names_the_criteria_missed_their_margins_and_the_deciding_phases) {
  CoatRequest q = request();
  q.candidates = {"LiB", "LiTi", "LiNb"};
  q.explain = "LiB";
  const CoatResult r = made_up().session.coat(q);
  BOOST_REQUIRE(r.explanation);
  const CoatExplanation& e = *r.explanation;
  BOOST_TEST(e.formula == "LiB");
  BOOST_TEST(!e.passes);
  // Its window ends at 3.4 V, where it gives off Li and leaves B: 0.4 V short of 3.8 V.
  const CoatCheck& ox = check(e, kCoatOxidation);
  BOOST_TEST(!ox.passes);
  CHECK_ABS(ox.value.value(), 3.4, kTol);
  CHECK_ABS(ox.margin.value(), -0.4, kTol);
  BOOST_TEST(ox.deciding == std::vector<std::string>{"B"}, boost::test_tools::per_element());
  // Against LiCo2 (the worse state): LiB + LiCo2 -> B + 2 LiCo, -0.12, 0.02 beyond -0.1;
  // LiCo (0.8 of the products) moves the energy most.
  const CoatCheck& cathode = check(e, kCoatCathode);
  BOOST_TEST(!cathode.passes);
  BOOST_TEST(cathode.side == "LiCo2");
  CHECK_ABS(cathode.value.value(), -0.12, kTol);
  CHECK_ABS(cathode.margin.value(), -0.02, kTol);
  BOOST_TEST(cathode.deciding == (std::vector<std::string>{"LiCo", "B"}), boost::test_tools::per_element());
  // Relative to their limits: -0.02/0.1 = -0.2 against -0.4/3.8 = -0.105.
  BOOST_TEST(e.closest == kCoatCathode);
  BOOST_TEST(check(e, kCoatEhull).passes);
  CHECK_ABS(check(e, kCoatElectrolyte).margin.value(), 0.1, kTol);

  q.explain = "LiNb";
  const CoatResult passing = made_up().session.coat(q);
  BOOST_TEST(passing.explanation->passes);
  BOOST_TEST(passing.explanation->rank == 1u);
  q.explain = "LiZr";
  BOOST_CHECK_EXCEPTION(made_up().session.coat(q), Error, [](const Error& x) {
    return std::string(x.what()).find("not among the candidates") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(bad_sides_and_settings_are_refused) {
  const auto refused = [](const CoatRequest& q, const std::string& words) {
    BOOST_CHECK_EXCEPTION(made_up().session.coat(q), Error, [&](const Error& x) {
      const bool named = std::string(x.what()).find(words) != std::string::npos;
      BOOST_TEST(named, x.what());
      return named;
    });
  };
  CoatRequest q = request();
  q.electrolyte = "Li2Xx";
  refused(q, "electrolyte 'Li2Xx'");
  q = request();
  q.cathodes.clear();
  refused(q, "at least one cathode state");
  q = request();
  q.candidates = {"LiNb"};
  q.with = {"O"};
  refused(q, "taken as they are");
  q = request();
  q.criteria.max_e_above_hull = -0.1;
  refused(q, "max_ehull");
  q = request();
  q.with = {"Xx"};
  refused(q, "Xx");
}

BOOST_AUTO_TEST_SUITE_END()
