// The range condition found from the reactants' element profiles equals the
// one read off the whole (x, V) map, on pairs of the default data: stable Li
// compounds against the seed's electrolyte and cathode states, over the seed's
// 2.0-4.5 V and over 0-3 V, in the mutual and the total form. (The map reading
// itself is checked by hand and against reactions at every 0.001 V in
// test_range.)
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "interphase/reaction/map.hpp"
#include "interphase/reaction/open.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"

BOOST_AUTO_TEST_SUITE(test_range_profile)

using namespace interphase;

BOOST_AUTO_TEST_CASE(profile_voltages_give_the_map_minimum) {
  const std::vector<std::string> coatings = {"Li3PO4", "LiNbO3", "LiPO3", "Li2ZrO3", "LiAlO2", "Li4Ti5O12", "LiH2PO4"};
  const std::vector<std::string> sides = {"Li6PS5Cl", "Li3InCl6", "Li2RuO3", "LiRuO3"};
  for (const EnergyForm form : {EnergyForm::Mutual, EnergyForm::Total}) {
    for (const VoltageRange range : {VoltageRange{2.0, 4.5}, VoltageRange{0.0, 3.0}}) {
      for (const auto& c : coatings) {
        for (const auto& s : sides) {
          const ReactionSetup setup = test::default_setup({c, s}, {kLithium});
          ReactionOptions options;
          options.form = form;
          const Reactant& a = setup.reactants[0];
          const Reactant& b = setup.reactants[1];
          const RangeMinimum fast = range_minimum(setup.closed, a, b, kLithium, range, options);
          const RangeMinimum map =
              range_minimum(reaction_map(setup.closed, a, b, kLithium, range.from, range.to, options), range);
          BOOST_TEST_CONTEXT(c << " + " << s << " over " << range.label() << ", " << to_string(form)) {
            CHECK_ABS(fast.minimum.energy, map.minimum.energy, 1e-9);
            CHECK_ABS(fast.voltage, map.voltage, 1e-9);
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
