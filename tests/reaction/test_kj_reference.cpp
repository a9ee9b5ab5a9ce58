// The reaction energy per mole of reaction formula (kJ/mol) of every kink against
// pymatgen's get_kinks() (its 5th element, energy_per_rxn_formula;
// tests/reference/make_kj_reference.py writes kj_reference.json): both seed
// pairs, closed in the mutual and total forms, and with Li open at 3 V in the
// mutual, total-entry and total-hull forms.
#include <boost/test/unit_test.hpp>

#include "support/close.hpp"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "interphase/reaction/interface.hpp"
#include "support/default_data.hpp"

BOOST_AUTO_TEST_SUITE(test_kj_reference)

using namespace interphase;
using nlohmann::json;

namespace {

const json& reference() {
  static const json ref = [] {
    std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/kj_reference.json");
    if (!in.good()) throw std::runtime_error("kj_reference.json missing");
    return json::parse(in);
  }();
  return ref;
}

/// 1e-6 relative; an energy of (rounding) zero within 1e-6 kJ/mol.
double tolerance(double expected) { return 1e-6 * std::max(std::abs(expected), 1.0); }

void check_kinks(const InterfaceReaction& r, const json& kinks) {
  BOOST_TEST_REQUIRE(r.kinks().size() == kinks.size());
  for (std::size_t i = 0; i < kinks.size(); ++i) {
    BOOST_TEST_CONTEXT("kink " << i) {
      const Kink& k = r.kinks()[i];
      CHECK_ABS(k.x, kinks[i]["x"].get<double>(), 1e-6);
      const double atoms = kinks[i]["reaction_atoms"];
      CHECK_ABS(k.reaction_atoms, atoms, 1e-9 * atoms);
      const double kj = kinks[i]["energy_kj_mol"];
      CHECK_ABS(energy_kj_per_mol(k), kj, tolerance(kj));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(factor_is_pymatgens) { BOOST_TEST(kEvToKjPerMol == reference()["ev_to_kj_per_mol"].get<double>()); }

BOOST_AUTO_TEST_CASE(closed_kinks_match_pymatgen) {
  const auto& pairs = reference()["pairs"];
  BOOST_TEST_REQUIRE(pairs.size() == 2u);
  for (const auto& pair : pairs) {
    const auto closed = test::default_stable_set({pair["c1"].get<std::string>(), pair["c2"].get<std::string>()});
    const Reactant a = test::default_reactant(*closed, pair["c1"]), b = test::default_reactant(*closed, pair["c2"]);
    for (const auto& [name, form] : pair["closed"]["forms"].items()) {
      BOOST_TEST_CONTEXT(a.formula << " + " << b.formula << " closed (" << name << ")") {
        check_kinks(react(closed, a, b, {parse_energy_form(name), ReactantEnergy::Entry, {}}), form["kinks"]);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(open_li_kinks_match_pymatgen) {
  constexpr int kLi = 3;
  for (const auto& pair : reference()["pairs"]) {
    const auto closed =
        test::default_stable_set({pair["c1"].get<std::string>(), pair["c2"].get<std::string>()}, {kLi});
    const Reactant a = test::default_reactant(*closed, pair["c1"]), b = test::default_reactant(*closed, pair["c2"]);
    const double mu = pair["open"]["mu"]["Li"];
    for (const auto& [name, form] : pair["open"]["forms"].items()) {
      BOOST_TEST_CONTEXT(a.formula << " + " << b.formula << " with Li at " << mu << " eV (" << name << ")") {
        const EnergyForm energy = name == "mutual" ? EnergyForm::Mutual : EnergyForm::Total;
        const ReactantEnergy source = name == "total_hull" ? ReactantEnergy::Hull : ReactantEnergy::Entry;
        check_kinks(react(closed, a, b, {energy, source, {{kLi, mu}}}), form["kinks"]);
      }
    }
  }
}

// By hand: at the closed mutual minimum of Li6PS5Cl + Li2RuO3, 3/7 Li6PS5Cl + 4/7 Li2RuO3
// holds 3/7 * 13 + 4/7 * 6 = 9 atoms, so -0.3463135 eV/atom is -0.3463135 * 9 * 96.4853 kJ/mol.
BOOST_AUTO_TEST_CASE(seed_minimum_by_hand) {
  const auto closed = test::default_stable_set(std::vector<std::string>{"Li6PS5Cl", "Li2RuO3"});
  const InterfaceReaction r =
      react(closed, test::default_reactant(*closed, "Li6PS5Cl"), test::default_reactant(*closed, "Li2RuO3"));
  const Kink& m = r.minimum();
  CHECK_ABS(m.x_molar, 3.0 / 7.0, 1e-12);
  CHECK_ABS(m.reaction_atoms, 9.0, 1e-12);
  CHECK_ABS(energy_kj_per_mol(m), m.energy * 9.0 * 96.4853, 1e-9);
  CHECK_ABS(energy_kj_per_mol(m), -300.7274849378, 1e-6);
}

BOOST_AUTO_TEST_SUITE_END()  // test_kj_reference
