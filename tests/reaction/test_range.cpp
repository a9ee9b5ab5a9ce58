// A voltage range as a condition: the worst case over every x and every V of
// the range, read off the exact map. A made-up Li-Zn-S system worked by hand,
// and both seed pairs on the default data against reactions computed
// directly (not from the map) at every 0.001 V of the seed's 2.0-4.5 V.
#include <boost/test/unit_test.hpp>

#include <limits>

#include "interphase/error.hpp"
#include "interphase/reaction/map.hpp"
#include "interphase/reaction/open.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"
#include "support/entries.hpp"

BOOST_AUTO_TEST_SUITE(test_range)

using namespace interphase;
using interphase::test::entry;

namespace {

// Li, Zn, S at 0; ZnS at -1 eV/atom (-2 eV per formula); LiZn at -0.5 eV/atom
// (-1 eV per formula). With Li open at V (mu = -V) the grand energies per
// non-Li atom are: LiZn -1 + V (so it holds at Zn below 1 V, and Zn + Li
// above), ZnS -1, S 0. A = LiZn, B = S, mutual form (reactants at the grand
// hull at their own compositions):
//   V < 1: the minimum is at ZnS (half Zn, half S of the non-Li atoms):
//          -1 - (1/2)(-1 + V) - (1/2)(0) = -0.5 - 0.5 V, falling with V;
//   V >= 1: A is at the hull's Zn (0): -1 - 0 - 0 = -1.
// The products at the minimum are ZnS (Li given to the reservoir); the
// mixture there is 1 LiZn + 1 S: x = 2/3 of the atoms from A.
std::shared_ptr<const StableSet> li_zn_s() {
  return StableSet::of(PhaseDiagram(
      {entry("Li", 0.0), entry("Zn", 0.0), entry("S", 0.0), entry("ZnS", -1.0), entry("LiZn", -0.5)}));
}

}  // namespace

BOOST_AUTO_TEST_CASE(li_zn_s_by_hand) {
  const auto set = li_zn_s();
  const Reactant a = Reactant::parse("LiZn"), b = Reactant::parse("S");
  // Inside LiZn's own range: the lowest value is at the top end.
  const RangeMinimum low = range_minimum(set, a, b, 3, {0.2, 0.6});
  CHECK_ABS(low.voltage, 0.6, 1e-12);
  CHECK_ABS(low.minimum.energy, -0.5 - 0.5 * 0.6, 1e-12);
  CHECK_ABS(low.minimum.x, 2.0 / 3.0, 1e-12);
  BOOST_TEST(product_set(low.minimum) == std::vector<std::string>{"ZnS"});
  // Across 1 V: -1 is first reached at 1 V (LiZn's oxidation, inside the range) and stays.
  const RangeMinimum across = range_minimum(set, a, b, 3, {0.0, 2.0});
  CHECK_ABS(across.voltage, 1.0, 1e-9);
  CHECK_ABS(across.minimum.energy, -1.0, 1e-12);
  // A range of one voltage is the reaction there.
  const RangeMinimum one = range_minimum(set, a, b, 3, {0.4, 0.4});
  CHECK_ABS(one.minimum.energy, -0.7, 1e-12);
}

BOOST_AUTO_TEST_CASE(hold_over_a_range_by_hand) {
  // LiZn with Li open: stable up to 1 V (then Zn + Li), at every lower voltage
  // (no Li-richer phase): window (none, 1 V]. S takes up no Li: no limits.
  const auto set = li_zn_s();
  const Window w = stability_window(element_profile(*set, 3, Composition::parse("LiZn")));
  BOOST_TEST_REQUIRE(w.found);
  BOOST_TEST_REQUIRE(w.oxidation.has_value());
  CHECK_ABS(*w.oxidation, 1.0, 1e-9);
  const RangeHold in = range_hold(w, {0.2, 0.6});
  BOOST_TEST(in.holds);
  BOOST_TEST(!in.reduced_below.has_value());
  BOOST_TEST(!in.oxidized_above.has_value());
  const RangeHold out = range_hold(w, {0.5, 2.0});
  BOOST_TEST(!out.holds);
  BOOST_TEST_REQUIRE(out.oxidized_above.has_value());
  CHECK_ABS(*out.oxidized_above, 1.0, 1e-9);
  // A window inside the range on both sides.
  Window narrow;
  narrow.found = true;
  narrow.reduction = 1.72;
  narrow.oxidation = 2.14;
  const RangeHold both = range_hold(narrow, {1.0, 4.5});
  BOOST_TEST(!both.holds);
  BOOST_TEST(*both.reduced_below == 1.72);
  BOOST_TEST(*both.oxidized_above == 2.14);
  BOOST_TEST(!range_hold(Window{}, {1.0, 2.0}).holds);  // no window: it holds nowhere
}

BOOST_AUTO_TEST_CASE(parse_ranges) {
  const VoltageRange r = parse_voltage_range("2.0-4.5", "{range}");
  BOOST_TEST(r.from == 2.0);
  BOOST_TEST(r.to == 4.5);
  BOOST_TEST(r.label() == "2-4.5");
  const VoltageRange negative = parse_voltage_range("-0.5-1", "{range}");
  BOOST_TEST(negative.from == -0.5);
  BOOST_TEST(negative.to == 1.0);
  BOOST_TEST(looks_like_voltage_range("2.0-4.5"));
  BOOST_TEST(!looks_like_voltage_range("3"));
  BOOST_TEST(!looks_like_voltage_range("-3"));
  BOOST_TEST(!looks_like_voltage_range("closed"));
  for (const char* bad : {"4.5-2", "3-3", "2-", "-4.5", "2-x", "2-4.5-5", "2-1e9", "nan-3", "1e999-2"})
    BOOST_CHECK_THROW(parse_voltage_range(bad, "{range}"), SettingError);
}

namespace {

/// The seed's range against the reactions computed directly at every 0.001 V.
void check_against_fine_sweep(const std::string& a_formula, const std::string& b_formula) {
  const auto closed = test::default_stable_set({a_formula, b_formula}, {3});
  const Reactant a = test::default_reactant(*closed, a_formula), b = test::default_reactant(*closed, b_formula);
  const VoltageRange range{2.0, 4.5};
  const RangeMinimum worst = range_minimum(closed, a, b, 3, range);
  const auto at = [&](double v) {
    return react(closed, a, b, {EnergyForm::Mutual, ReactantEnergy::Entry, {{3, -v}}}).minimum();
  };
  double grid_lowest = std::numeric_limits<double>::infinity();
  for (int i = 0; i <= 2500; ++i) grid_lowest = std::min(grid_lowest, at(2.0 + i * 0.001).energy);
  BOOST_TEST_MESSAGE(a_formula << "/" << b_formula << ": " << worst.minimum.energy << " eV/atom at " << worst.voltage
                               << " V; 0.001 V grid " << grid_lowest);
  // Never above the grid; lower only between grid points, where the reaction at
  // the range's worst voltage gives the same number.
  BOOST_TEST(worst.minimum.energy <= grid_lowest + 1e-9);
  BOOST_TEST(worst.voltage >= range.from);
  BOOST_TEST(worst.voltage <= range.to);
  const Kink direct = at(worst.voltage);
  CHECK_ABS(direct.energy, worst.minimum.energy, 1e-9);
  if (worst.minimum.energy < grid_lowest - 1e-9) {
    const double steps = (worst.voltage - 2.0) / 0.001;
    BOOST_TEST(std::abs(steps - std::round(steps)) > 1e-6);  // between grid points
  }
}

}  // namespace

// The shortcuts a range takes are the full computation, bit for bit: the
// minimum kink alone (reaction_minimum) against all kinks' minimum, and a grand
// set made from the previous voltage's points against one made afresh.
BOOST_AUTO_TEST_CASE(shortcuts_equal_the_full_computation) {
  for (const auto& [fa, fb] : std::vector<std::pair<std::string, std::string>>{
           {"Li6PS5Cl", "Li2RuO3"}, {"Li3InCl6", "LiRuO3"}, {"Li3PO4", "LiCoO2"}, {"LiNbO3", "Li6PS5Cl"}}) {
    const auto setup = test::default_setup({fa, fb}, {3});
    const Reactant& a = setup.reactants[0];
    const Reactant& b = setup.reactants[1];
    for (const EnergyForm form : {EnergyForm::Mutual, EnergyForm::Total}) {
      std::shared_ptr<const StableSet> previous;
      for (const double v : {-1.0, 0.0, 1.5, 2.0, 3.3, 4.5, 6.0}) {
        BOOST_TEST_CONTEXT(fa << " + " << fb << " " << to_string(form) << " at " << v << " V") {
          ReactionOptions at{form, ReactantEnergy::Entry, {{3, -v}}};
          const Kink full = react(setup.closed, a, b, at).minimum();
          const Kink alone = reaction_minimum(setup.closed, a, b, at);
          BOOST_TEST(alone.energy == full.energy);
          BOOST_TEST(alone.x == full.x);
          BOOST_TEST(product_set(alone) == product_set(full));
          const auto fresh = StableSet::grand(setup.closed, at.open);
          const auto reused = StableSet::grand(setup.closed, at.open, 0, previous.get());
          BOOST_TEST((reused->lp().points() == fresh->lp().points()));
          BOOST_TEST(reaction_minimum_in(setup.closed, reused, a, b, at).energy == full.energy);
          previous = reused;
        }
      }
      ReactionOptions closed{form, ReactantEnergy::Entry, {}};
      BOOST_TEST(reaction_minimum(setup.closed, a, b, closed).energy == react(setup.closed, a, b, closed).minimum().energy);
    }
  }
}

BOOST_AUTO_TEST_CASE(seed_pairs_against_a_fine_sweep) {
  check_against_fine_sweep("Li6PS5Cl", "Li2RuO3");
  check_against_fine_sweep("Li3InCl6", "Li2RuO3");
}

BOOST_AUTO_TEST_SUITE_END()
