// Reaction energies over the mixing ratio against pymatgen's InterfacialReactivity
// (tests/reference/make_reaction_reference.py writes reaction_reference.json):
// twelve pairs of the default data, mutual and total forms; every kink's x,
// energy, products, molar and mass fraction and balanced reaction, and the minimum.
#include <boost/test/unit_test.hpp>

#include "support/close.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "interphase/hull/load.hpp"
#include "interphase/reaction/interface.hpp"
#include "support/default_data.hpp"
#include "support/kinks.hpp"

BOOST_AUTO_TEST_SUITE(test_reaction_reference)

using namespace interphase;
using nlohmann::json;


BOOST_AUTO_TEST_CASE(pairs_match_pymatgen) {
  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/reaction_reference.json");
  BOOST_TEST_REQUIRE(in.good());
  const json ref = json::parse(in);
  BOOST_TEST_REQUIRE(ref["pairs"].size() >= 12u);
  const Database& db = test::default_database();
  const auto dataset = db.resolve_dataset().id;
  for (const auto& pair : ref["pairs"]) {
    const auto closed = test::default_stable_set({pair["c1"].get<std::string>(), pair["c2"].get<std::string>()});
    const Reactant a = test::default_reactant(*closed, pair["c1"]), b = test::default_reactant(*closed, pair["c2"]);
    BOOST_TEST(db.entries_in_system(closed->elements(), dataset).size() == pair["n_entries"].get<std::size_t>());
    for (const auto& [name, form] : pair["forms"].items()) {
      BOOST_TEST_CONTEXT(a.formula << " + " << b.formula << " (" << name << ")") {
        const InterfaceReaction r = react(closed, a, b, {parse_energy_form(name), ReactantEnergy::Entry, {}});
        CHECK_ABS(r.energy_a(), form["e1"].get<double>(), test::kReferenceTolerance);
        CHECK_ABS(r.energy_b(), form["e2"].get<double>(), test::kReferenceTolerance);
        BOOST_TEST_REQUIRE(r.kinks().size() == form["kinks"].size());
        for (std::size_t i = 0; i < r.kinks().size(); ++i) {
          BOOST_TEST_CONTEXT("kink " << i) { test::check_kink(r.kinks()[i], form["kinks"][i]); }
        }
        // pymatgen's x may be another kink tied at the minimum (within rounding): it must be a minimiser.
        CHECK_ABS(r.energy_at(form["minimum"]["x"].get<double>()), r.minimum().energy, test::kReferenceTolerance);
        if (form["minimum"]["energy"].get<double>() < -1e-6)  // a real reaction: one minimiser
          CHECK_ABS(r.minimum().x, form["minimum"]["x"].get<double>(), test::kReferenceTolerance);
        CHECK_ABS(r.minimum().energy, form["minimum"]["energy"].get<double>(), test::kReferenceTolerance);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_reaction_reference
