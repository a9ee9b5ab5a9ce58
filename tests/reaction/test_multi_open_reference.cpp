// Li and O open at once against pymatgen's GrandPotentialInterfacialReactivity
// (tests/reference/make_multi_open_reference.py writes multi_open_reference.json):
// both seed pairs at four (mu_Li, mu_O), mutual and total forms, every kink.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "interphase/reaction/open.hpp"
#include "support/default_data.hpp"
#include "support/kinks.hpp"

BOOST_AUTO_TEST_SUITE(test_multi_open_reference)

using namespace interphase;

BOOST_AUTO_TEST_CASE(two_open_elements_match_pymatgen) {
  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/multi_open_reference.json");
  BOOST_TEST_REQUIRE(in.good());
  const auto ref = nlohmann::json::parse(in);
  BOOST_TEST_REQUIRE(ref["cases"].size() >= 8u);
  const Database& db = test::default_database();
  for (const auto& c : ref["cases"]) {
    ChemPots mu;
    for (const auto& [symbol, value] : c["mu"].items()) mu[atomic_number(symbol)] = value.get<double>();
    const auto closed = test::default_stable_set({c["c1"].get<std::string>(), c["c2"].get<std::string>()}, {3, 8});
    const Reactant a = test::default_reactant(*closed, c["c1"]), b = test::default_reactant(*closed, c["c2"]);
    BOOST_TEST(db.entries_in_system(closed->elements(), db.resolve_dataset().id).size() == c["n_entries"].get<std::size_t>());
    for (const auto& [name, form] : c["forms"].items()) {
      BOOST_TEST_CONTEXT(a.formula << " + " << b.formula << " at " << c["mu"].dump() << " (" << name << ")") {
        const InterfaceReaction r =
            react(closed, a, b, {name == "mutual" ? EnergyForm::Mutual : EnergyForm::Total, ReactantEnergy::Entry, mu});
        CHECK_ABS(r.energy_a(), form["e1"].get<double>(), test::kReferenceTolerance);
        CHECK_ABS(r.energy_b(), form["e2"].get<double>(), test::kReferenceTolerance);
        BOOST_TEST_REQUIRE(r.kinks().size() == form["kinks"].size());
        for (std::size_t i = 0; i < form["kinks"].size(); ++i) {
          BOOST_TEST_CONTEXT("kink " << i) { test::check_kink(r.kinks()[i], form["kinks"][i]); }
        }
        CHECK_ABS(r.minimum().energy, form["minimum"]["energy"].get<double>(), test::kReferenceTolerance);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_multi_open_reference
