// Grand potential diagrams, element profiles and windows of a made-up Li-O system
// worked out by hand: Li2O (-2.0 eV/atom) and Li2O2 (-1.6) on the hull, LiO2 above.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/close.hpp"

#include "interphase/error.hpp"
#include "interphase/grand/grand.hpp"
#include "interphase/grand/profile.hpp"
#include "interphase/reaction/open.hpp"
#include "interphase/hull/stable_set.hpp"
#include "support/entries.hpp"

BOOST_AUTO_TEST_SUITE(test_grand_small)

using namespace interphase;
using interphase::test::entry;

namespace {

constexpr double kTol = 1e-9;

PhaseDiagram li_o() {
  return PhaseDiagram({entry("Li", 0.0), entry("O2", 0.0), entry("Li2O", -2.0), entry("Li2O2", -1.6), entry("LiO2", -0.9)});
}

std::string names(const StableSet& set, const std::vector<std::size_t>& phases) {
  std::string out;
  for (std::size_t i : phases) out += (out.empty() ? "" : " ") + set.entry(i).name();
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(grand_potentials_by_hand) {
  // Phi(Li2O) = (3 (-2) - 2 mu) / 1; at 3 V (mu = -3): 0. Phi(Li2O2) = (4 (-1.6) + 6) / 2 = -0.2.
  CHECK_ABS(grand_potential(Composition::parse("Li2O"), -2.0, {{3, -3.0}}), 0.0, kTol);
  CHECK_ABS(grand_potential(Composition::parse("Li2O2"), -1.6, {{3, -3.0}}), -0.2, kTol);
  BOOST_CHECK_THROW(grand_potential(Composition::parse("Li"), 0.0, {{3, -3.0}}), ThermoError);
  const PhaseDiagram closed = li_o();
  const GrandPhaseDiagram g(closed.entries(), closed.elements(), {{3, -3.0}});
  BOOST_TEST(g.hull().elements() == std::vector<int>{8});
  // At the O composition the lowest grand potential is Li2O2's.
  CHECK_ABS(g.hull().hull_energy(Composition::parse("O")), -0.2, kTol);
  const auto d = g.hull().decomposition(Composition::parse("O"));
  BOOST_TEST_REQUIRE(d.parts.size() == 1u);
  BOOST_TEST(g.phases()[d.parts[0].entry].name() == "Li2O2");
}

BOOST_AUTO_TEST_CASE(profile_and_window_by_hand) {
  // Facet chemical potentials of Li: Li-Li2O 0; Li2O-Li2O2 -2.8; Li2O2-O2 -3.2.
  const auto set = StableSet::of(li_o());
  const StableSet& pd = *set;
  const auto steps = element_profile(pd, 3, Composition::parse("Li2O"));
  BOOST_TEST_REQUIRE(steps.size() == 3u);
  CHECK_ABS(steps[0].voltage, 0.0, kTol);
  CHECK_ABS(steps[0].evolution, 0.0, kTol);
  BOOST_TEST(names(pd, steps[0].phases) == "Li2O");
  CHECK_ABS(steps[1].voltage, 2.8, kTol);
  CHECK_ABS(steps[1].evolution, -1.0, kTol);  // Li2O -> 1/2 Li2O2 + Li
  BOOST_TEST(names(pd, steps[1].phases) == "Li2O2");
  CHECK_ABS(steps[2].voltage, 3.2, kTol);
  CHECK_ABS(steps[2].evolution, -2.0, kTol);  // Li2O -> 1/2 O2 + 2 Li
  const Window w = stability_window(steps);
  BOOST_TEST(w.found);
  CHECK_ABS(*w.reduction, 0.0, kTol);
  CHECK_ABS(*w.oxidation, 2.8, kTol);
  BOOST_TEST(w.reduced_phases.empty());
  BOOST_TEST(names(pd, w.oxidized_phases) == "Li2O2");

  // Li2O2: reduced to Li2O below 2.8 V (taking up 2 Li per Li2O2), oxidised to O2 above 3.2 V.
  const Window w2 = stability_window(element_profile(pd, 3, Composition::parse("Li2O2")));
  CHECK_ABS(*w2.reduction, 2.8, kTol);
  CHECK_ABS(*w2.oxidation, 3.2, kTol);
}

BOOST_AUTO_TEST_CASE(open_reaction_by_hand) {
  // Li2O + O2 with Li open at 3 V: both project to O; Li2O2 (-0.2) is below both ends
  // (Li2O 0, O2 0), so the total form reacts by -0.2 per O atom everywhere and the
  // mutual form is 0 (both ends are the grand hull itself).
  const PhaseDiagram closed = li_o();
  const Reactant a = reactant_in(closed, "Li2O"), b = reactant_in(closed, "O2");
  BOOST_TEST(*a.own_energy == -2.0);
  const InterfaceReaction total = react(StableSet::of(closed), a, b, {EnergyForm::Total, ReactantEnergy::Entry, {{3, -3.0}}});
  CHECK_ABS(total.energy_a(), 0.0, kTol);
  CHECK_ABS(total.minimum().energy, -0.2, kTol);
  const InterfaceReaction mutual = react(StableSet::of(closed), a, b, {EnergyForm::Mutual, ReactantEnergy::Entry, {{3, -3.0}}});
  CHECK_ABS(mutual.minimum().energy, 0.0, kTol);
  // x = 1 (pure Li2O): Li2O + ... -> 0.5 Li2O2 + Li given to the reservoir.
  const auto& end = total.kinks().back();
  CHECK_ABS(end.x, 1.0, kTol);
  BOOST_TEST(end.reaction.to_string() == "Li2O -> Li + 0.5 Li2O2");
}

BOOST_AUTO_TEST_CASE(gas_correction) {
  CHECK_ABS(gas_chempot_correction(8, 298.15, 1e5), 0.0, 1e-12);
  // Isothermal: doubling p adds RT ln 2 per mole of O2, half of it per O atom.
  const double rt_ln2 = 8.3144598 * 298.15 * std::log(2.0) / (1000 * 96.4853) / 2;
  CHECK_ABS(gas_chempot_correction(8, 298.15, 2e5), rt_ln2, 1e-12);
  BOOST_CHECK_THROW(gas_chempot_correction(3, 300, 1e5), Error);
  BOOST_TEST(parse_chempot("Li=-3.5").second == -3.5);
  BOOST_CHECK_THROW(parse_chempot("Li=abc"), Error);
  BOOST_CHECK_THROW(parse_chempot("Xx=1"), Error);
}

BOOST_AUTO_TEST_CASE(gas_correction_matches_pymatgen) {
  // tests/reference/make_gas_reference.py writes gas_reference.json.
  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/gas_reference.json");
  BOOST_TEST_REQUIRE(in.good());
  const auto ref = nlohmann::json::parse(in);
  BOOST_TEST_REQUIRE(ref["rows"].size() >= 80u);
  for (const auto& row : ref["rows"]) {
    const int z = atomic_number(row["element"].get<std::string>());
    CHECK_ABS(gas_chempot_correction(z, row["T"], row["p"]), row["correction"].get<double>(), 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(single_voltage_window_inside_a_facet) {
  // Li4O3 (no entry) lies between Li2O and Li2O2: below 2.8 V it takes up Li
  // (Li4O3 + 2 Li -> 3 Li2O), above it gives Li off (Li4O3 -> 1.5 Li2O2 + Li).
  const auto set = StableSet::of(PhaseDiagram({entry("Li", 0.0), entry("O2", 0.0), entry("Li2O", -2.0), entry("Li2O2", -1.6)}));
  const StableSet& pd = *set;
  const auto steps = element_profile(pd, 3, Composition::parse("Li4O3"));
  BOOST_TEST_REQUIRE(steps.size() == 3u);
  CHECK_ABS(steps[0].evolution, 2.0, kTol);
  CHECK_ABS(steps[1].evolution, -1.0, kTol);
  const Window w = stability_window(steps);
  BOOST_TEST(w.found);
  BOOST_TEST(w.single_voltage);
  CHECK_ABS(*w.reduction, 2.8, kTol);
  CHECK_ABS(*w.oxidation, 2.8, kTol);
  BOOST_TEST(names(pd, w.reduced_phases) == "Li2O");
  BOOST_TEST(names(pd, w.oxidized_phases) == "Li2O2");
}

BOOST_AUTO_TEST_CASE(no_window_inside_a_facet) {
  // Li3O sits inside the Li-Li2O tie line: at every voltage its equilibrium gives off
  // Li (1 at 0 V, into Li2O; 2 above 2.8 V, into Li2O2; 3 above 3.2 V, into O2).
  const auto pd = StableSet::of(PhaseDiagram({entry("Li", 0.0), entry("O2", 0.0), entry("Li2O", -2.0), entry("Li2O2", -1.6)}));
  const auto steps = element_profile(*pd, 3, Composition::parse("Li3O"));
  BOOST_TEST_REQUIRE(steps.size() == 3u);
  CHECK_ABS(steps[0].evolution, -1.0, kTol);
  CHECK_ABS(steps[2].evolution, -3.0, kTol);
  const Window w = stability_window(steps);
  BOOST_TEST(!w.found);
  BOOST_TEST(!w.reduction.has_value());
  BOOST_TEST(!w.oxidation.has_value());
}

BOOST_AUTO_TEST_SUITE_END()  // test_grand_small
