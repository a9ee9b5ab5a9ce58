#pragma once
// Compare a kink with one of pymatgen's (reference fixtures): x, energy, molar
// and mass fraction, products and their fractions, and the balanced reaction.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "interphase/reaction/interface.hpp"
#include "support/close.hpp"
#include "support/reaction_terms.hpp"

namespace interphase::test {

constexpr double kReferenceTolerance = 1e-6;  // eV/atom and fractions

inline void check_side(const Side& mine, const Side& theirs) {
  BOOST_TEST(mine.size() == theirs.size());
  for (const auto& [formula, amount] : theirs) {
    BOOST_TEST_REQUIRE(mine.count(formula) == 1u, "term " << formula << " missing");
    // Printed to 4 significant digits on both sides.
    CHECK_ABS(mine.at(formula), amount, 1e-3 * std::max(1.0, std::abs(amount)));
  }
}

inline void check_kink(const Kink& k, const nlohmann::json& ref) {
  CHECK_ABS(k.x, ref["x"].get<double>(), kReferenceTolerance);
  CHECK_ABS(k.energy, ref["energy"].get<double>(), kReferenceTolerance);
  CHECK_ABS(k.x_molar, ref["molar_x"].get<double>(), kReferenceTolerance);
  if (ref.contains("mass_x")) CHECK_ABS(k.x_mass, ref["mass_x"].get<double>(), kReferenceTolerance);
  const auto theirs = ref["products"].get<std::map<std::string, double>>();
  BOOST_TEST(k.products.size() == theirs.size());
  for (const auto& [name, fraction] : k.products) {
    BOOST_TEST_REQUIRE(theirs.count(name) == 1u, "product " << name << " not in pymatgen's");
    CHECK_ABS(fraction, theirs.at(name), kReferenceTolerance);
  }
  const auto [mine_l, mine_r] = parse_reaction(k.reaction.to_string());
  const auto [their_l, their_r] = parse_reaction(ref["reaction"].get<std::string>());
  check_side(mine_l, their_l);
  check_side(mine_r, their_r);
}

}  // namespace interphase::test
