// Mixing reactions in made-up systems worked out by hand.
#include <boost/test/unit_test.hpp>

#include "support/close.hpp"

#include "interphase/error.hpp"
#include "interphase/reaction/interface.hpp"
#include "support/entries.hpp"
#include "support/reaction_terms.hpp"

BOOST_AUTO_TEST_SUITE(test_reaction_small)

using namespace interphase;
using interphase::test::entry;

namespace {

constexpr double kTol = 1e-9;

// Li-O: Li2O (x_O 1/3, -2.0), Li2O2 (1/2, -1.6) on the hull; Li3O 0.5 and LiO2 1/6 above it.
PhaseDiagram li_o() {
  return PhaseDiagram({entry("Li", 0.0), entry("O2", 0.0), entry("Li3O", -1.0), entry("Li2O", -2.0),
                       entry("Li2O2", -1.6), entry("LiO2", -0.9)});
}

/// The reaction of A and B in a made-up phase diagram: its stable phases, the reactants' own entries from it.
InterfaceReaction react_in_pd(const PhaseDiagram& pd, const std::string& a, const std::string& b, EnergyForm form) {
  return react(StableSet::of(pd), reactant_in(pd, a), reactant_in(pd, b), {form, ReactantEnergy::Entry, {}});
}

}  // namespace

BOOST_AUTO_TEST_CASE(lithium_and_oxygen) {
  const PhaseDiagram pd = li_o();
  const InterfaceReaction r = react_in_pd(pd, "Li", "O2", EnergyForm::Mutual);
  // x = atomic fraction of Li: kinks at O (0), Li2O2 (1/2), Li2O (2/3), Li (1).
  BOOST_TEST_REQUIRE(r.kinks().size() == 4u);
  CHECK_ABS(r.kinks()[1].x, 0.5, kTol);
  CHECK_ABS(r.kinks()[1].energy, -1.6, kTol);
  CHECK_ABS(r.kinks()[2].x, 2.0 / 3.0, kTol);
  CHECK_ABS(r.kinks()[2].energy, -2.0, kTol);
  CHECK_ABS(r.kinks()[0].energy, 0.0, kTol);
  CHECK_ABS(r.kinks()[3].energy, 0.0, kTol);
  const Kink& m = r.minimum();
  CHECK_ABS(m.x, 2.0 / 3.0, kTol);
  BOOST_TEST_REQUIRE(m.products.size() == 1u);
  BOOST_TEST(m.products[0].first == "Li2O");
  // Two Li atoms per O2 atom pair: 2/3 of the atoms are Li -> molar 0.8 Li : 0.2 O2.
  CHECK_ABS(m.x_molar, 0.8, kTol);
  const double li = element(3).mass, o = element(8).mass;
  CHECK_ABS(m.x_mass, 0.8 * li / (0.8 * li + 0.2 * 2 * o), kTol);
  BOOST_TEST(m.reaction.to_string() == "0.8 Li + 0.2 O2 -> 0.4 Li2O");
  // Between kinks the energy is linear: halfway from Li2O2 to Li2O.
  CHECK_ABS(r.energy_at(7.0 / 12.0), -1.8, kTol);
}

BOOST_AUTO_TEST_CASE(total_form_keeps_a_metastable_reactant_energy) {
  const PhaseDiagram pd = li_o();
  const InterfaceReaction total = react_in_pd(pd, "Li3O", "O2", EnergyForm::Total);
  const InterfaceReaction mutual = react_in_pd(pd, "Li3O", "O2", EnergyForm::Mutual);
  // Li3O's own entry is -1.0, the hull there -1.5: total dE(1) = -e_above_hull = -0.5.
  CHECK_ABS(total.energy_a(), -1.0, kTol);
  CHECK_ABS(mutual.energy_a(), -1.5, kTol);
  CHECK_ABS(total.kinks().back().energy, -0.5, kTol);
  CHECK_ABS(mutual.kinks().back().energy, 0.0, kTol);
  // At pure Li3O the products are its decomposition: 3/4 Li2O + 1/4 Li (atomic).
  const auto& end = total.kinks().back().products;
  BOOST_TEST(end.size() == 2u);
  // Li3O + O2 at x(Li3O) = 8/9 gives Li2O alone: c = 8/9 (3/4 Li, 1/4 O) + 1/9 O = (2/3, 1/3).
  bool found = false;
  for (const auto& k : mutual.kinks()) {
    if (std::abs(k.x - 8.0 / 9.0) < 1e-9) {
      found = true;
      CHECK_ABS(k.energy, -2.0 - (8.0 / 9.0) * -1.5, kTol);
      // 4/9 atoms' worth of Li3O per 1/9 of O2: molar 0.5/(0.5 + ...) in formula units: Li3O 4 atoms, O2 2 atoms.
      CHECK_ABS(k.x_molar, (8.0 / 9.0 / 4.0) / (8.0 / 9.0 / 4.0 + 1.0 / 9.0 / 2.0), kTol);
      const auto [left, right] = test::parse_reaction(k.reaction.to_string());
      BOOST_TEST(right.size() == 1u);
      BOOST_TEST(right.count("Li2O") == 1u);
    }
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(a_line_along_a_hull_edge) {
  // Li-Na-K with the three 1:1 binaries at -1.0 and LiNaK at -1.2 (stable). From K to
  // LiNa the line runs through LiK-NaK's midpoint (x = 1/2) and LiNaK (x = 2/3).
  const PhaseDiagram pd({entry("Li", 0.0), entry("Na", 0.0), entry("K", 0.0), entry("LiNa", -1.0), entry("NaK", -1.0),
                         entry("LiK", -1.0), entry("LiNaK", -1.2)});
  const InterfaceReaction r = react_in_pd(pd, "LiNa", "K", EnergyForm::Mutual);
  BOOST_TEST_REQUIRE(r.kinks().size() == 4u);
  CHECK_ABS(r.kinks()[1].x, 0.5, kTol);
  CHECK_ABS(r.kinks()[1].energy, -1.0 - 0.5 * -1.0, kTol);
  BOOST_TEST(r.kinks()[1].products.size() == 2u);
  CHECK_ABS(r.kinks()[2].x, 2.0 / 3.0, kTol);
  CHECK_ABS(r.kinks()[2].energy, -1.2 - (2.0 / 3.0) * -1.0, kTol);
  BOOST_TEST(r.minimum().products.size() == 1u);
  BOOST_TEST(r.minimum().reaction.to_string() == "0.5 NaLi + 0.5 K -> 0.5 KNaLi");
}

BOOST_AUTO_TEST_CASE(formula_units_as_written) {
  // Li4O2 is two Li2O formula units: molar fractions count the formula as written,
  // the printed reaction counts reduced formula units.
  const PhaseDiagram pd = li_o();
  const InterfaceReaction r = react_in_pd(pd, "Li4O2", "O2", EnergyForm::Mutual);
  const Kink k = r.at(0.75);  // 3 atoms Li4O2-side per 1 atom O: 0.125 Li4O2 : 0.5 O2 per atom
  CHECK_ABS(k.x_molar, (0.75 / 6.0) / (0.75 / 6.0 + 0.25 / 2.0), kTol);
  const auto [left, right] = test::parse_reaction(k.reaction.to_string());
  CHECK_ABS(left.at("Li2O"), 2.0 * k.x_molar, 1e-3);
  // Li: 4 x_molar atoms end up in Li2O2: 2 x_molar formula units.
  CHECK_ABS(right.at("Li2O2"), 2.0 * k.x_molar, 1e-3);
}

BOOST_AUTO_TEST_CASE(mass_fraction_round_trip) {
  const PhaseDiagram pd = li_o();
  const InterfaceReaction r = react_in_pd(pd, "Li2O", "O2", EnergyForm::Mutual);
  for (double w : {0.0, 0.3, 0.7, 1.0}) CHECK_ABS(r.mass_fraction(r.x_from_mass_fraction(w)), w, 1e-12);
  BOOST_CHECK_THROW(r.at(1.5), Error);
}

BOOST_AUTO_TEST_CASE(the_composite_is_the_reaction_at_its_mass_fraction) {
  const PhaseDiagram pd = li_o();
  const InterfaceReaction r = react_in_pd(pd, "Li", "O2", EnergyForm::Mutual);
  // 40 wt% Li: 0.4 / 6.941 mol Li and 0.6 / 15.999 mol O atoms, x = 0.606.
  const double li = 0.4 / element(3).mass, o = 0.6 / element(8).mass;
  const double x = x_from_mass_fraction(Composition::parse("Li"), Composition::parse("O2"), 0.4);
  CHECK_ABS(x, li / (li + o), 1e-12);
  BOOST_TEST(x == r.x_from_mass_fraction(0.4));
  const Kink c = composite_point(r, 0.4), at = r.at(x);
  BOOST_TEST(c.x == at.x);
  BOOST_TEST(c.energy == at.energy);
  BOOST_TEST(c.reaction.to_string() == at.reaction.to_string());
  // Between Li2O2 (x = 1/2, -1.6) and Li2O (2/3, -2.0).
  CHECK_ABS(c.energy, -1.6 - 0.4 * (x - 0.5) / (2.0 / 3.0 - 0.5), kTol);
  BOOST_CHECK_THROW(composite_point(r, 1.5), Error);
  BOOST_CHECK_THROW(x_from_mass_fraction(Composition::parse("Li"), Composition::parse("O2"), -0.1), Error);
}

BOOST_AUTO_TEST_CASE(positions_on_the_open_element_free_line) {
  // Li2O (1/3 of its atoms not Li) + O2 (all): x = 0.75 is 0.25 closed atoms of A per 0.25 of B.
  CHECK_ABS(position_from_x(0.75, 1.0 / 3.0, 1.0), 0.5, 1e-15);
  CHECK_ABS(x_from_position(0.5, 1.0 / 3.0, 1.0), 0.75, 1e-15);
  for (double x : {0.0, 0.1, 0.5, 0.9, 1.0}) {
    CHECK_ABS(x_from_position(position_from_x(x, 0.2, 0.7), 0.2, 0.7), x, 1e-15);
    CHECK_ABS(position_from_x(x, 1.0, 1.0), x, 1e-15);
  }
}

BOOST_AUTO_TEST_CASE(a_reactant_above_the_elements_takes_its_hull_energy) {
  // LiO2 at +0.1 eV/atom lies above the elements: its own entry does not take part
  // in the hull (pymatgen's rule), so the total form uses E_hull(LiO2) = -16/15 and
  // both ends of LiO2 + Li stay at 0. Li2O2 (-1.6) is its own entry.
  const PhaseDiagram pd({entry("Li", 0.0), entry("O2", 0.0), entry("Li2O", -2.0), entry("Li2O2", -1.6), entry("LiO2", 0.1)});
  BOOST_TEST(!own_entry(pd, Composition::parse("LiO2")).has_value());
  BOOST_TEST(own_entry(pd, Composition::parse("Li2O2")).has_value());
  BOOST_TEST(own_entry(pd, Composition::parse("Li")).has_value());
  BOOST_TEST(!own_entry(pd, Composition::parse("Li3O")).has_value());  // no entry at all
  const InterfaceReaction r = react_in_pd(pd, "LiO2", "Li", EnergyForm::Total);
  CHECK_ABS(r.energy_a(), -16.0 / 15.0, kTol);
  CHECK_ABS(r.kinks().back().energy, 0.0, kTol);
  CHECK_ABS(react_in_pd(pd, "Li2O2", "Li", EnergyForm::Total).energy_a(), -1.6, kTol);
}

BOOST_AUTO_TEST_SUITE_END()  // test_reaction_small
