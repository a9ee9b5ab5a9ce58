// The exact (x, V) map: a hand-worked Li-O case, and for both seed pairs on the
// default data a 0.01 V x 0.001 grid of the engine's own grand hulls, whose
// every sample must have its region's products and, inside a region, the
// bilinear energy of its corners.
#include <boost/test/unit_test.hpp>

#include "support/close.hpp"

#include "interphase/error.hpp"
#include "support/default_data.hpp"
#include "support/entries.hpp"
#include "support/map_sampling.hpp"

BOOST_AUTO_TEST_SUITE(test_map)

using namespace interphase;
using interphase::test::entry;

BOOST_AUTO_TEST_CASE(lithium_oxides_by_hand) {
  // Li2O + O2 with Li open: both project to O, so one x column; the equilibrium at O
  // is Li2O below 2.8 V, Li2O2 from 2.8 to 3.2 V, O2 above (facet potentials of Li).
  const auto pd = StableSet::of(PhaseDiagram({entry("Li", 0.0), entry("O2", 0.0), entry("Li2O", -2.0), entry("Li2O2", -1.6)}));
  const ReactionMap map = reaction_map(pd, Reactant::parse("Li2O"), Reactant::parse("O2"), 3, 0.0, 5.0);
  BOOST_TEST_REQUIRE(map.regions.size() == 3u);
  BOOST_TEST(map.regions[0].products == std::vector<std::string>{"Li2O"});
  CHECK_ABS(map.regions[0].v1, 2.8, 1e-9);
  BOOST_TEST(map.regions[1].products == std::vector<std::string>{"Li2O2"});
  CHECK_ABS(map.regions[1].v1, 3.2, 1e-9);
  BOOST_TEST(map.regions[2].products == std::vector<std::string>{"O2"});
  CHECK_ABS(map.regions[2].v1, 5.0, 1e-12);
  for (const auto& r : map.regions) {
    CHECK_ABS(r.x0, 0.0, 1e-12);
    CHECK_ABS(r.x1, 1.0, 1e-12);
    CHECK_ABS(r.e00 + r.e10 + r.e01 + r.e11, 0.0, 1e-12);  // mutual: no reaction between the same phases
  }
  BOOST_CHECK_THROW(reaction_map(pd, Reactant::parse("Li2O"), Reactant::parse("O2"), 3, 2.0, 1.0), Error);
}

namespace {

void check_against_grid(const std::string& a_formula, const std::string& b_formula, EnergyForm form) {
  const auto closed = test::default_stable_set({a_formula, b_formula}, {3});
  const Reactant a = test::default_reactant(*closed, a_formula), b = test::default_reactant(*closed, b_formula);
  const Database& db = test::default_database();
  const PhaseDiagram qhull = load_phase_diagram(db, db.resolve_dataset().id, closed->elements());
  const ReactionMap map = reaction_map(closed, a, b, 3, 0.0, 5.0, {form, ReactantEnergy::Entry, {}});
  BOOST_TEST_REQUIRE(!map.regions.empty());
  std::size_t checked = 0, skipped = 0, mismatched = 0;
  for (int j = 0; j <= 500; ++j) {
    const double v = j / 100.0;
    const test::GridSampler sampler(qhull, a, b, 3, v, form);
    for (int i = 0; i <= 1000; ++i) {
      const double x = i / 1000.0;
      const MapRegion& r = map.region_at(x, v);
      if (test::on_edge(r, x, v)) {
        ++skipped;
        continue;
      }
      ++checked;
      if (sampler.products(x) != r.products) {
        if (++mismatched <= 5) BOOST_ERROR(a_formula << "/" << b_formula << " at x = " << x << ", V = " << v << ": products differ from the region's");
      }
      // Bilinear in (position on the Li-free line, V) inside a region.
      if (i % 50 == 0) CHECK_ABS(sampler.energy(x), test::corner_interpolation(r, sampler.positions(), x, v), 1e-9);
    }
  }
  BOOST_TEST(mismatched == 0u);
  BOOST_TEST(checked > 490000u);
  BOOST_TEST_MESSAGE(a_formula << "/" << b_formula << ": " << map.regions.size() << " regions, " << checked
                               << " samples checked, " << skipped << " on edges");
}

}  // namespace

BOOST_AUTO_TEST_CASE(seed_pairs_match_a_fine_grid) {
  check_against_grid("Li6PS5Cl", "Li2RuO3", EnergyForm::Mutual);
  check_against_grid("Li3InCl6", "Li2RuO3", EnergyForm::Mutual);
  check_against_grid("Li6PS5Cl", "Li2RuO3", EnergyForm::Total);
}

BOOST_AUTO_TEST_CASE(map_energy_is_the_reaction_energy_at_that_voltage) {
  const auto [closed, reactants] = test::default_setup({"Li6PS5Cl", "Li2RuO3"}, {3});
  const Reactant &a = reactants[0], &b = reactants[1];
  const ReactionMap map = reaction_map(closed, a, b, 3, 0.0, 5.0);
  // Read off the map, against the reaction computed afresh at that voltage.
  for (double v : {0.3, 1.7, 2.5, 3.3, 4.9}) {
    const InterfaceReaction r = react(closed, a, b, {EnergyForm::Mutual, ReactantEnergy::Entry, {{3, -v}}});
    for (double x : {0.0, 0.05, 0.25, 0.5, 0.62, 0.9, 1.0}) {
      CHECK_ABS(map_energy(map, x, v), r.energy_at(x), 1e-9);
      BOOST_TEST(column_energy(map, map.column_at(v), x, v) == map_energy(map, x, v));
    }
    for (const Kink& k : r.kinks()) CHECK_ABS(map_energy(map, k.x, v), k.energy, 1e-9);
  }
  BOOST_CHECK_THROW(map_energy(map, 0.5, 5.5), Error);
}

BOOST_AUTO_TEST_SUITE_END()  // test_map
