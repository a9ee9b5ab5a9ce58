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
#include "support/reaction_terms.hpp"

using namespace interphase;
using nlohmann::json;

namespace {

constexpr double kTol = 1e-6;

void check_side(const test::Side& mine, const test::Side& theirs) {
  BOOST_TEST(mine.size() == theirs.size());
  for (const auto& [formula, amount] : theirs) {
    BOOST_TEST_REQUIRE(mine.count(formula) == 1u, "term " << formula << " missing");
    // Printed to 4 significant digits on both sides.
    CHECK_ABS(mine.at(formula), amount, 1e-3);
  }
}

void check_kink(const Kink& k, const json& ref) {
  CHECK_ABS(k.x, ref["x"].get<double>(), kTol);
  CHECK_ABS(k.energy, ref["energy"].get<double>(), kTol);
  CHECK_ABS(k.x_molar, ref["molar_x"].get<double>(), kTol);
  if (ref.contains("mass_x")) CHECK_ABS(k.x_mass, ref["mass_x"].get<double>(), kTol);
  const auto theirs = ref["products"].get<std::map<std::string, double>>();
  BOOST_TEST(k.products.size() == theirs.size());
  for (const auto& [name, fraction] : k.products) {
    BOOST_TEST_REQUIRE(theirs.count(name) == 1u, "product " << name << " not in pymatgen's");
    CHECK_ABS(fraction, theirs.at(name), kTol);
  }
  const auto [mine_l, mine_r] = test::parse_reaction(k.reaction.to_string());
  const auto [their_l, their_r] = test::parse_reaction(ref["reaction"].get<std::string>());
  check_side(mine_l, their_l);
  check_side(mine_r, their_r);
}

}  // namespace

BOOST_AUTO_TEST_CASE(pairs_match_pymatgen) {
  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/reaction_reference.json");
  BOOST_TEST_REQUIRE(in.good());
  const json ref = json::parse(in);
  BOOST_TEST_REQUIRE(ref["pairs"].size() >= 12u);
  const Database& db = test::default_database();
  const auto dataset = db.resolve_dataset().id;
  for (const auto& pair : ref["pairs"]) {
    const Reactant a = Reactant::parse(pair["c1"]), b = Reactant::parse(pair["c2"]);
    const PhaseDiagram pd = load_phase_diagram(db, dataset, elements_of({a.composition, b.composition}));
    BOOST_TEST(pd.entries().size() == pair["n_entries"].get<std::size_t>());
    for (const auto& [name, form] : pair["forms"].items()) {
      BOOST_TEST_CONTEXT(a.formula << " + " << b.formula << " (" << name << ")") {
        const InterfaceReaction r = react(pd, a, b, parse_energy_form(name));
        CHECK_ABS(r.energy_a(), form["e1"].get<double>(), kTol);
        CHECK_ABS(r.energy_b(), form["e2"].get<double>(), kTol);
        BOOST_TEST_REQUIRE(r.kinks().size() == form["kinks"].size());
        for (std::size_t i = 0; i < r.kinks().size(); ++i) {
          BOOST_TEST_CONTEXT("kink " << i) { check_kink(r.kinks()[i], form["kinks"][i]); }
        }
        CHECK_ABS(r.minimum().x, form["minimum"]["x"].get<double>(), kTol);
        CHECK_ABS(r.minimum().energy, form["minimum"]["energy"].get<double>(), kTol);
      }
    }
  }
}
