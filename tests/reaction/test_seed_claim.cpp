// The seed experiment's claim as a number: with Li open from 1 to 5 V, the
// Li3InCl6/Li2RuO3 minimum reaction energy lies above the Li6PS5Cl/Li2RuO3 one
// at every voltage of a 0.01 V sweep, in both the mutual and the total form.
#include <boost/test/unit_test.hpp>

#include "interphase/reaction/open.hpp"
#include "support/default_data.hpp"

BOOST_AUTO_TEST_SUITE(test_seed_claim)

using namespace interphase;

namespace {

std::vector<SweepRow> sweep(const std::string& electrolyte, EnergyForm form, const std::vector<double>& voltages) {
  const auto closed = test::default_stable_set({electrolyte, "Li2RuO3"}, {3});
  const Reactant a = test::default_reactant(*closed, electrolyte), b = test::default_reactant(*closed, "Li2RuO3");
  return voltage_sweep(closed, a, b, 3, voltages, {form, ReactantEnergy::Entry, {}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(halide_reacts_less_than_argyrodite_at_every_voltage) {
  const auto voltages = voltage_grid(1.0, 5.0, 0.01);
  BOOST_TEST_REQUIRE(voltages.size() == 401u);
  for (EnergyForm form : {EnergyForm::Mutual, EnergyForm::Total}) {
    const auto lpsc = sweep("Li6PS5Cl", form, voltages), lic = sweep("Li3InCl6", form, voltages);
    for (std::size_t i = 0; i < voltages.size(); ++i) {
      BOOST_TEST(lic[i].minimum.energy > lpsc[i].minimum.energy,
                 to_string(form) << " at " << voltages[i] << " V: LIC/LRO " << lic[i].minimum.energy << " vs LPSC/LRO "
                                 << lpsc[i].minimum.energy);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_seed_claim
