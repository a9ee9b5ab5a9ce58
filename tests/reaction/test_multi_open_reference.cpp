// Li and O open at once against pymatgen's GrandPotentialInterfacialReactivity
// (tests/reference/make_multi_open_reference.py writes multi_open_reference.json):
// both seed pairs at four (mu_Li, mu_O), mutual and total forms, every kink.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "interphase/reaction/open.hpp"
#include "support/default_data.hpp"
#include "support/kinks.hpp"

using namespace interphase;

BOOST_AUTO_TEST_CASE(two_open_elements_match_pymatgen) {
  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/multi_open_reference.json");
  BOOST_TEST_REQUIRE(in.good());
  const auto ref = nlohmann::json::parse(in);
  BOOST_TEST_REQUIRE(ref["cases"].size() >= 8u);
  const Database& db = test::default_database();
  for (const auto& c : ref["cases"]) {
    const Reactant a = Reactant::parse(c["c1"]), b = Reactant::parse(c["c2"]);
    ChemPots mu;
    for (const auto& [symbol, value] : c["mu"].items()) mu[atomic_number(symbol)] = value.get<double>();
    const PhaseDiagram closed = load_phase_diagram(
        db, db.resolve_dataset().id, elements_of({a.composition, b.composition, Composition::parse("LiO")}));
    BOOST_TEST(closed.entries().size() == c["n_entries"].get<std::size_t>());
    for (const auto& [name, form] : c["forms"].items()) {
      BOOST_TEST_CONTEXT(a.formula << " + " << b.formula << " at " << c["mu"].dump() << " (" << name << ")") {
        const OpenReaction r(closed, a, b, mu, name == "mutual" ? EnergyForm::Mutual : EnergyForm::Total);
        CHECK_ABS(r.reaction().energy_a(), form["e1"].get<double>(), test::kReferenceTolerance);
        CHECK_ABS(r.reaction().energy_b(), form["e2"].get<double>(), test::kReferenceTolerance);
        BOOST_TEST_REQUIRE(r.reaction().kinks().size() == form["kinks"].size());
        for (std::size_t i = 0; i < form["kinks"].size(); ++i) {
          BOOST_TEST_CONTEXT("kink " << i) { test::check_kink(r.reaction().kinks()[i], form["kinks"][i]); }
        }
        CHECK_ABS(r.reaction().minimum().energy, form["minimum"]["energy"].get<double>(), test::kReferenceTolerance);
      }
    }
  }
}
