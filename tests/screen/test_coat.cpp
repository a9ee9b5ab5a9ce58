// The coating search on a made-up data set where every number is worked by hand.
//
// The data: tests/data_small/coat_made_up.csv. Every phase is a binary Li compound LiX / Li2X (X a different element for
// each candidate), apart from one ternary, Li3Al2Co2. Formation energies in
// eV/atom (G: per formula unit):
//
//   side          phases (e_form)                     its Li window
//   electrolyte   Li2S -1.0 (G -3.0)                  0 - 1.5 V  (Li2S -> S + 2 Li: 3.0/2)
//   cathode 1     LiCo -2.2 (G -4.4)                  0 - 4.0 V  (2 LiCo -> LiCo2 + Li: -4.8 + 8.8)
//   cathode 2     LiCo2 -1.6 (G -4.8)                 4.0 - 4.8 V (LiCo2 -> 2 Co + Li: 4.8)
//
// A binary LiX with a richer Li2X: oxidation LiX -> X + Li at V_ox = -G(LiX),
// reduction LiX + Li -> Li2X at V_red = G(LiX) - G(Li2X):
//
//   LiNb -2.5, LiTa -2.5            window 0 - 5.0 V (nothing richer in Li)
//   LiZr -2.3, Li2Zr -2.1           1.7 - 4.6 V      (-4.6 + 6.3)
//   LiTi -2.3, Li2Ti -2.3           2.3 - 4.6 V      (-4.6 + 6.9)
//   LiSi -2.3, Li2Si -2.5           2.9 - 4.6 V      (-4.6 + 7.5)
//   LiB  -1.7                       0 - 3.4 V
//   LiAl -2.4                       0 - 4.8 V
//   Li3Mg -1.0, LiMg3 -0.8, LiMg -0.88: the hull at LiMg is (Li3Mg + LiMg3)/2 =
//     -0.9, so LiMg lies 0.02 eV/atom above it; its composition is stable at
//     one voltage only, where Li3Mg -> 1/3 LiMg3 + 8/3 Li: (-3.2/3 + 4.0)/(8/3) = 1.1 V.
//
// With only binary compounds, two Li compounds of different elements coexist
// (a tie line joins them) exactly when their Li windows overlap: a grand
// hull at fixed mu_Li over X-Y is the segment between the best X and the best
// Y phase. So a pair whose windows overlap does not react (closed minimum 0),
// and with Li open the mutual reaction energy is 0 at every voltage (each
// reactant is measured from its own grand hull). Pairs whose windows do not
// overlap exchange Li:
//
//   LiZr + 1/2 Li2S -> Li2Zr + 1/2 S: (3(-2.1) - 2(-2.3) - 1.5(-1.0)) / 3.5 = -0.2/3.5 = -0.0571429 at x = 2/3.5 = 4/7
//   LiTi (same)                      : (-6.9 + 4.6 + 1.5)/3.5 = -0.228571 at 4/7
//   LiSi (same)                      : (-7.5 + 4.6 + 1.5)/3.5 = -0.4 at 4/7
//     (products Li2X 3/3.5 = 6/7, S 1/7: the line crosses the tie line Li2X-S,
//     Li2X being stable up to V_red(LiX) > 1.5 V where S is)
//   LiB + LiCo2 -> B + 2 LiCo        : (2(-4.4) - 2(-1.7) - (-4.8))/5 = -0.12 at x = 2/5 (B 0.2, LiCo 0.8)
//   LiMg (as Li3Mg + LiMg3, -1.8 per LiMg) + 2/3 LiCo2 -> 1/3 LiMg3 + 4/3 LiCo:
//     (-3.2/3 - 4(4.4)/3 + 1.8 + 3.2)/4 = -0.483333 at x = 2/4 = 0.5 (LiMg3 1/3, LiCo 2/3);
//     the next kink, LiMg + LiCo2 -> Mg + 2 LiCo, is only -2.2/5 = -0.44
//
// The ternary T = Li3Al2Co2, e_form -2.15 (G -15.05), lies on the line from
// LiAl to LiCo2 (2 LiAl + LiCo2 = T, x = 4/7). It is a hull vertex joined to
// both: the planes mu_Li + mu_Al = -4.8, mu_Li + 2 mu_Co = -5.45 (tie line
// LiAl-T, every other phase above for mu_Li in [-4.8, -3.35]) and mu_Li +
// 2 mu_Co = -4.8, mu_Al = -5.125 - mu_Li (T-LiCo2, mu_Li in [-4.8, -4.0]). So
//   closed LiAl + LiCo2: (G_T - 2(-4.8) - (-4.8))/7 = -0.65/7 = -0.0928571 at x = 4/7, product T.
// LiAl and LiCo keep a tie line (mu_Li in [-3.35, 0]): closed 0.
// With Li open at V the grand line runs from Al (LiAl best below 4.8 V) to Co
// (LiCo best below 4.0 V, where its Phi = V - 4.4 lies under LiCo2's (V - 4.8)/2);
// T sits at its middle, Phi_T = (G_T + 3 V)/4 per non-Li atom:
//   dE(V) = (-15.05 + 3V)/4 - (V - 4.8)/2 - (V - 4.4)/2 = 0.8375 - 0.25 V  (V < 4.0)
// below 0 from 3.35 V; over 3.0-3.8 V its lowest is at 3.8 V: -0.1125 per
// non-Li atom, the same against both cathode states (both project onto Co), at
// x = 4/7 (LiCo2) and x = 1/2 (LiCo: equal non-Li atoms, 1 per 2 atoms each).
//
// Criteria (Xiao's defaults, range 3.0-3.8 V so window_ox asks for 3.8 V):
//   candidate  e_hull window    E_el      E_el_rg E_cath     E_cath_rg  fails
//   LiNb       0      0-5.0     0         0       0          0          -
//   LiTa       0      0-5.0     0         0       0          0          -
//   LiZr       0      1.7-4.6   -0.05714  0       0          0          -
//   LiAl       0      0-4.8     0         0       -0.09286   -0.1125    energy_cathode_range
//   LiB        0      0-3.4     0         0       -0.12      0          window_ox, energy_cathode
//   LiTi       0      2.3-4.6   -0.22857  0       0          0          energy_electrolyte
//   LiSi       0      2.9-4.6   -0.4      0       0          0          window_red, energy_electrolyte
//   LiMg       0.02   1.1-1.1   0         0       -0.48333   0          e_above_hull, window_ox, energy_cathode
// Ranking: passing LiNb, LiTa (0, by formula), LiZr; failing by the most
// negative of all minima: LiAl -0.1125, LiB -0.12, LiTi, LiSi, LiMg; then the
// error rows by formula.
// Funnel: 10 candidates, 8 computed, e_above_hull 7 (not LiMg), window_red 6
// (not LiSi), window_ox 5 (not LiB), energy_electrolyte 4 (not LiTi),
// energy_electrolyte_range 4, energy_cathode 4, energy_cathode_range 3 (not LiAl).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "interphase/error.hpp"
#include "interphase/hull/dataset_stability.hpp"
#include "interphase/screen/coat.hpp"
#include "interphase/screen/screen.hpp"
#include "support/close.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_coat)

using namespace interphase;

namespace {

constexpr double kTol = 1e-9;

/// The made-up data set (tests/data_small/coat_made_up.csv, the table above)
/// in a database of its own, its stability stored.
struct MadeUp {
  test::TempDir dir{"coat"};
  std::unique_ptr<Database> db;
  std::int64_t dataset = 0;
  MadeUp() {
    db = std::make_unique<Database>(dir.path / "db.sqlite");
    dataset = db->import_csv(std::string(INTERPHASE_TEST_DATA_DIR) + "/coat_made_up.csv").id;
    ensure_stability(*db, dataset);
  }
};

const MadeUp& made_up() {
  static const MadeUp m;
  return m;
}

CoatOptions options(bool range) {
  CoatOptions o;
  o.electrolyte = "Li2S";
  o.cathodes = {"LiCo", "LiCo2"};
  if (range) o.range = VoltageRange{3.0, 3.8};
  o.threads = 2;
  return o;
}

std::vector<CoatInput> inputs() {
  return {{"LiTa", 0.0, ""},  {"LiSi", 0.0, ""}, {"LiMg", 0.02, ""}, {"LiB", 0.0, ""},
          {"LiNb", 0.0, ""},  {"LiAl", 0.0, ""}, {"LiXx", std::nullopt, ""},
          {"LiTi", 0.0, ""},  {"LiZr", 0.0, ""}, {"LiCe", std::nullopt, ""},
          {"LiNb", 0.0, ""}};  // LiNb a second time: computed once
}

const CoatCandidate& find(const CoatOutcome& o, const std::string& formula) {
  for (const auto& c : o.candidates)
    if (c.formula == formula) return c;
  BOOST_FAIL("no candidate " + formula);
  throw;
}

// A worker given a candidate's sides together (pairs_per_job, as coat does)
// shares stable sets and, for LiCo and LiCo2 (Li-free both Co), the range's
// worst voltage: every row is the one computed a pair at a time.
BOOST_AUTO_TEST_CASE(jobs_of_several_pairs_give_the_same_rows) {
  ScreenOptions so;
  Condition closed;
  closed.label = "closed";
  const auto range = [](double from, double to) {
    Condition c;
    c.range = VoltageRange{from, to};
    c.label = c.range->label();
    return c;
  };
  so.conditions = {closed, range(3.0, 3.8), range(0.5, 4.5)};
  so.windows = true;
  so.threads = 2;
  const std::vector<std::string> as{"LiAl", "LiB", "LiMg", "LiZr", "LiSi", "LiXx"};
  const std::vector<std::string> bs{"Li2S", "LiCo", "LiCo2"};
  const auto rows = [&](std::size_t per_job) {
    so.pairs_per_job = per_job;
    Screen screen(*made_up().db, made_up().dataset, as, bs, so);
    std::vector<ScreenRow> out;
    screen.run([&](const ScreenRow& r) { out.push_back(r); });
    return out;
  };
  const auto one = rows(1), three = rows(3), many = rows(7);
  BOOST_TEST_REQUIRE(one.size() == as.size() * bs.size() * so.conditions.size());
  for (const auto* other : {&three, &many}) {
    BOOST_TEST_REQUIRE(other->size() == one.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
      const ScreenRow &p = one[i], &q = (*other)[i];
      BOOST_TEST_CONTEXT(p.a << " + " << p.b << " " << p.condition.label) {
        BOOST_TEST(q.index == p.index);
        BOOST_TEST(q.error == p.error);
        BOOST_TEST(q.minimum.has_value() == p.minimum.has_value());
        if (!p.minimum || !q.minimum) continue;
        CHECK_ABS(q.minimum->energy, p.minimum->energy, 1e-12);
        CHECK_ABS(q.minimum->x, p.minimum->x, 1e-12);
        BOOST_TEST(product_set(*q.minimum) == product_set(*p.minimum));
        BOOST_TEST(q.voltage.has_value() == p.voltage.has_value());
        if (p.voltage && q.voltage) CHECK_ABS(*q.voltage, *p.voltage, 1e-9);
      }
    }
  }
  // The range rows of LiCo and LiCo2 against LiAl: the same energy per non-Li
  // atom at the same voltage (the hand table above: -0.1125 at 3.8 V), their own x.
  const auto row = [&](const std::string& b) {
    for (const auto& r : three)
      if (r.a == "LiAl" && r.b == b && r.condition_index == 1) return r;
    BOOST_FAIL("no row");
    throw;
  };
  CHECK_ABS(row("LiCo").minimum->energy, -0.1125, kTol);
  CHECK_ABS(row("LiCo2").minimum->energy, -0.1125, kTol);
  CHECK_ABS(*row("LiCo").voltage, 3.8, kTol);
  CHECK_ABS(row("LiCo").minimum->x, 0.5, kTol);
  CHECK_ABS(row("LiCo2").minimum->x, 4.0 / 7.0, kTol);
}

const CoatOutcome& with_range() {
  static const CoatOutcome o = run_coat(*made_up().db, made_up().dataset, inputs(), options(true));
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ranking_is_passing_first_then_least_reactive_then_formula_then_errors) {
  const CoatOutcome& o = with_range();
  const std::vector<std::string> order = {"LiNb", "LiTa", "LiZr", "LiAl", "LiB", "LiTi", "LiSi", "LiMg", "LiCe", "LiXx"};
  BOOST_REQUIRE_EQUAL(o.candidates.size(), order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    BOOST_TEST(o.candidates[i].formula == order[i]);
    BOOST_TEST(o.candidates[i].rank == i + 1);
  }
  for (std::size_t i = 0; i < 3; ++i) BOOST_TEST(o.candidates[i].passes);
  for (std::size_t i = 3; i < order.size(); ++i) BOOST_TEST(!o.candidates[i].passes);
}

BOOST_AUTO_TEST_CASE(each_candidate_fails_the_criteria_worked_by_hand) {
  const CoatOutcome& o = with_range();
  using V = std::vector<std::string>;
  BOOST_TEST(find(o, "LiNb").failed == V{}, boost::test_tools::per_element());
  BOOST_TEST(find(o, "LiZr").failed == V{}, boost::test_tools::per_element());
  BOOST_TEST(find(o, "LiAl").failed == V{kCoatCathodeRange}, boost::test_tools::per_element());
  BOOST_TEST(find(o, "LiB").failed == (V{kCoatOxidation, kCoatCathode}), boost::test_tools::per_element());
  BOOST_TEST(find(o, "LiTi").failed == V{kCoatElectrolyte}, boost::test_tools::per_element());
  BOOST_TEST(find(o, "LiSi").failed == (V{kCoatReduction, kCoatElectrolyte}), boost::test_tools::per_element());
  BOOST_TEST(find(o, "LiMg").failed == (V{kCoatEhull, kCoatOxidation, kCoatCathode}), boost::test_tools::per_element());
  for (const char* bad : {"LiXx", "LiCe"}) {
    const CoatCandidate& c = find(o, bad);
    BOOST_TEST(!c.error.empty());
    BOOST_TEST(c.failed.empty());
    BOOST_TEST(!c.worst_energy().has_value());
  }
  BOOST_TEST(find(o, "LiCe").error.find("Ce") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(windows_and_li_fractions_are_worked_by_hand) {
  const CoatOutcome& o = with_range();
  const auto window = [&](const std::string& f) { return find(o, f).window.value(); };
  CHECK_ABS(window("LiNb").reduction.value(), 0.0, kTol);  // it holds down to 0 V
  CHECK_ABS(window("LiNb").oxidation.value(), 5.0, kTol);
  CHECK_ABS(window("LiZr").reduction.value(), 1.7, kTol);
  CHECK_ABS(window("LiZr").oxidation.value(), 4.6, kTol);
  CHECK_ABS(window("LiTi").reduction.value(), 2.3, kTol);
  CHECK_ABS(window("LiSi").reduction.value(), 2.9, kTol);
  CHECK_ABS(window("LiB").oxidation.value(), 3.4, kTol);
  CHECK_ABS(window("LiAl").oxidation.value(), 4.8, kTol);
  CHECK_ABS(window("LiMg").reduction.value(), 1.1, kTol);
  CHECK_ABS(window("LiMg").oxidation.value(), 1.1, kTol);
  CHECK_ABS(find(o, "LiNb").li_fraction.value(), 0.5, kTol);
  BOOST_TEST(!find(o, "LiXx").li_fraction.has_value());
  CHECK_ABS(find(o, "LiMg").e_above_hull.value(), 0.02, kTol);
  // The range 3.0-3.8 V leaves LiB's window at 3.4 V; LiAl's holds.
  BOOST_TEST(find(o, "LiAl").hold.value().holds);
  BOOST_TEST(!find(o, "LiB").hold.value().holds);
}

BOOST_AUTO_TEST_CASE(reaction_minima_are_worked_by_hand) {
  const CoatOutcome& o = with_range();
  const auto closed = [&](const std::string& f, std::size_t side) -> const Kink& {
    const CoatCandidate& c = find(o, f);
    return (side == 0 ? c.electrolyte : c.cathodes.at(side - 1)).closed.minimum.value();
  };
  CHECK_ABS(closed("LiZr", 0).energy, -0.2 / 3.5, kTol);
  CHECK_ABS(closed("LiZr", 0).x, 4.0 / 7.0, kTol);
  CHECK_ABS(closed("LiTi", 0).energy, -0.8 / 3.5, kTol);
  CHECK_ABS(closed("LiSi", 0).energy, -0.4, kTol);
  CHECK_ABS(closed("LiB", 2).energy, -0.12, kTol);
  CHECK_ABS(closed("LiB", 2).x, 0.4, kTol);
  CHECK_ABS(closed("LiMg", 2).energy, -1.9333333333333333 / 4, kTol);
  CHECK_ABS(closed("LiMg", 2).x, 0.5, kTol);
  CHECK_ABS(closed("LiAl", 2).energy, -0.65 / 7, kTol);
  CHECK_ABS(closed("LiAl", 2).x, 4.0 / 7.0, kTol);
  CHECK_ABS(closed("LiAl", 1).energy, 0.0, kTol);
  BOOST_REQUIRE_EQUAL(closed("LiZr", 0).products.size(), 2u);
  BOOST_TEST(closed("LiZr", 0).products[0].first == "Li2Zr");
  CHECK_ABS(closed("LiZr", 0).products[0].second, 6.0 / 7.0, kTol);

  const CoatCandidate& al = find(o, "LiAl");
  for (std::size_t s = 0; s < 2; ++s) {
    const CoatReaction& r = al.cathodes[s].range.value();
    CHECK_ABS(r.minimum.value().energy, -0.1125, kTol);
    CHECK_ABS(r.voltage.value(), 3.8, kTol);
    CHECK_ABS(r.minimum->x, s == 0 ? 0.5 : 4.0 / 7.0, kTol);
  }
  CHECK_ABS(al.energy_cathode().value(), -0.65 / 7, kTol);
  CHECK_ABS(al.energy_cathode_range().value(), -0.1125, kTol);
  CHECK_ABS(al.worst_energy().value(), -0.1125, kTol);
  for (const char* f : {"LiNb", "LiZr", "LiTi", "LiB", "LiMg"}) {
    CHECK_ABS(find(o, f).energy_electrolyte_range().value(), 0.0, kTol);
    CHECK_ABS(find(o, f).energy_cathode_range().value(), 0.0, kTol);
  }
}

BOOST_AUTO_TEST_CASE(the_funnel_counts_what_is_left_after_each_criterion) {
  const CoatOutcome& o = with_range();
  const std::vector<std::pair<std::string, std::size_t>> expected = {
      {"candidates", 10}, {"computed", 8}, {kCoatEhull, 7}, {kCoatReduction, 6}, {kCoatOxidation, 5},
      {kCoatElectrolyte, 4}, {kCoatElectrolyteRange, 4}, {kCoatCathode, 4}, {kCoatCathodeRange, 3}};
  BOOST_REQUIRE_EQUAL(o.funnel.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    BOOST_TEST(o.funnel[i].stage == expected[i].first);
    BOOST_TEST(o.funnel[i].left == expected[i].second);
  }
  BOOST_TEST(o.funnel[4].rule == "window oxidation limit >= 3.8 V");
}

BOOST_AUTO_TEST_CASE(without_a_range_the_oxidation_limit_is_4_V_and_LiAl_passes) {
  const CoatOutcome o = run_coat(*made_up().db, made_up().dataset, inputs(), options(false));
  BOOST_TEST(find(o, "LiAl").passes);  // its closed minimum -0.0929 is within 0.1
  BOOST_TEST(!find(o, "LiAl").cathodes[0].range.has_value());
  BOOST_TEST(o.funnel.size() == 7u);
  BOOST_TEST(o.funnel.back().stage == kCoatCathode);
  BOOST_TEST(o.funnel.back().left == 4u);  // LiNb, LiTa, LiZr, LiAl
  BOOST_TEST(o.candidates[3].formula == "LiAl");  // the least reactive after 0, 0 and -0.0571
  BOOST_TEST(o.funnel[4].rule == "window oxidation limit >= 4 V");
}

BOOST_AUTO_TEST_CASE(criteria_move_the_verdicts) {
  CoatOptions o = options(true);
  o.criteria.max_reaction = 0.25;      // LiTi (-0.229) and LiB (-0.12) now hold against their sides
  o.criteria.max_reduction = 3.0;      // LiSi's 2.9 V now reaches low enough
  o.criteria.min_oxidation = 3.3;      // LiB's 3.4 V now reaches high enough
  o.criteria.max_e_above_hull = 0.03;  // LiMg's 0.02 now passes
  const CoatOutcome r = run_coat(*made_up().db, made_up().dataset, inputs(), o);
  BOOST_TEST(find(r, "LiTi").passes);
  BOOST_TEST(find(r, "LiB").passes);
  BOOST_TEST(find(r, "LiAl").passes);
  BOOST_TEST(find(r, "LiSi").failed == std::vector<std::string>{kCoatElectrolyte}, boost::test_tools::per_element());
  BOOST_TEST(find(r, "LiMg").failed == (std::vector<std::string>{kCoatOxidation, kCoatCathode}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_sides_windows_and_holds_over_the_range) {
  const CoatOutcome& o = with_range();
  BOOST_REQUIRE_EQUAL(o.sides.size(), 3u);
  BOOST_TEST(o.sides[0].role == "electrolyte");
  CHECK_ABS(o.sides[0].window.value().oxidation.value(), 1.5, kTol);
  BOOST_TEST(!o.sides[0].hold.value().holds);  // Li2S is oxidised above 1.5 V
  CHECK_ABS(o.sides[0].hold->oxidized_above.value(), 1.5, kTol);
  BOOST_TEST(o.sides[1].hold.value().holds);   // LiCo holds up to 4.0 V
  BOOST_TEST(!o.sides[2].hold.value().holds);  // LiCo2 is reduced below 4.0 V
}

BOOST_AUTO_TEST_CASE(a_bad_side_is_one_error_for_the_whole_search) {
  const auto fails = [&](CoatOptions o, const std::string& words) {
    try {
      run_coat(*made_up().db, made_up().dataset, inputs(), o);
      BOOST_ERROR("no error for " + words);
    } catch (const interphase::Error& e) {
      BOOST_TEST(std::string(e.what()).find(words) != std::string::npos, e.what());
    }
  };
  CoatOptions o = options(true);
  o.electrolyte = "Li2Xx";
  fails(o, "electrolyte 'Li2Xx'");
  o = options(true);
  o.cathodes = {"LiCo", "LiFe"};
  fails(o, "cathode state 'LiFe': no entry of the data set holds Fe");
  o = options(true);
  o.cathodes = {"LiCo", "LiCo"};
  fails(o, "given twice");
  o = options(true);
  o.criteria.max_reaction = -1;
  fails(o, "max_reaction");
  o = options(true);
  o.electrolyte = "Li";  // Li metal: the range opens it
  fails(o, "electrolyte 'Li' is Li alone");
  o.range.reset();       // closed it is a side like any other
  BOOST_TEST(run_coat(*made_up().db, made_up().dataset, {{"LiNb", 0.0, ""}}, o).candidates.front().passes);
}

// p_pass with every formation energy +/- 0.024 eV/atom (the elements fixed):
//   LiNb: its neighbours are the elements, its window ends at 5.0 V +/- 0.05, and it
//     shares no tie line it could lose: it passes in every sample, p = 1.
//   LiB (window 3.4 V +/- 2 x 0.024, 8 sigma short of 3.8), LiSi (-0.4 against Li2S,
//     11 sigma beyond), LiMg (window 1.1 V) fail in every sample, p = 0.
//   LiZr: only its reaction with Li2S is near a limit. The energy moves by
//     (3 d_Li2Zr - 2 d_LiZr - 1.5 d_Li2S)/3.5, sigma 0.024 sqrt(9 + 4 + 2.25)/3.5
//     = 0.0268; it passes while -0.0571 + that >= -0.1, z >= -1.60: p = 0.945
//     (400 samples: +/- 0.011 standard error).
BOOST_AUTO_TEST_CASE(p_pass_is_the_fraction_of_paired_samples_meeting_every_criterion) {
  CoatOptions o = options(true);
  MonteCarloOptions mc;
  mc.samples = 400;
  mc.seed = 1;
  o.monte_carlo = mc;
  const CoatOutcome r = run_coat(*made_up().db, made_up().dataset, inputs(), o);
  CHECK_ABS(find(r, "LiNb").p_pass.value(), 1.0, 0.0);
  for (const char* f : {"LiB", "LiSi", "LiMg"}) CHECK_ABS(find(r, f).p_pass.value(), 0.0, 0.0);
  CHECK_ABS(find(r, "LiZr").p_pass.value(), 0.945, 0.05);
  BOOST_TEST(!find(r, "LiXx").p_pass.has_value());

  // The same draws on one thread; with sigma 0 every sample is the exact answer.
  o.threads = 1;
  const CoatOutcome one = run_coat(*made_up().db, made_up().dataset, inputs(), o);
  for (const auto& c : r.candidates) BOOST_TEST((find(one, c.formula).p_pass == c.p_pass), c.formula);
  o.monte_carlo->sigma = 0;
  o.monte_carlo->samples = 3;
  for (const auto& c : run_coat(*made_up().db, made_up().dataset, inputs(), o).candidates)
    if (c.error.empty()) BOOST_TEST(c.p_pass.value() == (c.passes ? 1.0 : 0.0), c.formula);
}

BOOST_AUTO_TEST_CASE(ranking_ties_rounding_noise_and_sorts_by_formula) {
  std::vector<CoatCandidate> cs(3);
  cs[0].formula = "LiZ";
  cs[1].formula = "LiA";
  cs[2].formula = "LiM";
  for (auto& c : cs) {
    c.passes = true;
    c.electrolyte.closed.minimum = Kink{};
    c.cathodes.push_back({"B", {}, std::nullopt});
    c.cathodes[0].closed.minimum = Kink{};
  }
  cs[0].electrolyte.closed.minimum->energy = -1e-16;  // rounding noise: ties with 0
  cs[2].cathodes[0].closed.minimum->energy = -0.01;
  rank_coatings(cs);
  BOOST_TEST(cs[0].formula == "LiA");
  BOOST_TEST(cs[1].formula == "LiZ");
  BOOST_TEST(cs[2].formula == "LiM");
  BOOST_TEST(cs[2].rank == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
