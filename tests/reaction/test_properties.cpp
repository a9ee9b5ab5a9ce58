// Identities every interface reaction must satisfy, checked on random pairs
// of reactants drawn from the default data (seeded: the same pairs every run;
// set INTERPHASE_PROPERTY_SEED to draw others). Each failure names the seed
// and the pair.
//   - mutual reaction energies are at or below 0, and exactly 0 at both ends;
//   - every balanced reaction conserves every element;
//   - with Li open, the map's region corners equal the reaction at those
//     voltages, and the sweep's minimum is the lowest kink there.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/map.hpp"
#include "interphase/reaction/open.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"

BOOST_AUTO_TEST_SUITE(test_properties)

using namespace interphase;

namespace {

constexpr double kTol = 1e-7;  // eV/atom and formula units: far above rounding, far below any physics
constexpr int kLi = 3;

unsigned seed() {
  const char* text = std::getenv("INTERPHASE_PROPERTY_SEED");
  return text ? static_cast<unsigned>(std::strtoul(text, nullptr, 10)) : 20240501u;
}

/// Random pairs of formulas of the default data, of distinct compositions and
/// with 2..max_elements elements together. With `with`, A holds that element
/// and B does not (a Li compound against a Li-free one, as an electrolyte and
/// a cathode coating).
std::vector<std::pair<std::string, std::string>> random_pairs(std::mt19937& rng, std::size_t count,
                                                              std::size_t max_elements, int with = 0) {
  static const std::vector<Entry> all = [] {
    const Database& db = test::default_database();
    return db.entries(db.resolve_dataset().id);
  }();
  std::vector<const Entry*> a_pool, b_pool;
  for (const Entry& e : all) {
    if (e.composition.amounts().size() < 2 && with == 0) continue;
    (with == 0 || e.composition.amount(with) > 0 ? a_pool : b_pool).push_back(&e);
    if (with == 0) b_pool.push_back(&e);
  }
  std::uniform_int_distribution<std::size_t> pick_a(0, a_pool.size() - 1), pick_b(0, b_pool.size() - 1);
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<std::pair<std::string, std::string>> out;
  while (out.size() < count) {
    const Entry &a = *a_pool[pick_a(rng)], &b = *b_pool[pick_b(rng)];
    std::set<int> elements;
    for (const auto& [z, amount] : a.composition.amounts()) elements.insert(z);
    for (const auto& [z, amount] : b.composition.amounts()) elements.insert(z);
    if (with) elements.insert(with);
    if (elements.size() < 2 || elements.size() > max_elements) continue;
    if (a.composition.fractional().almost_equal(b.composition.fractional())) continue;
    if (with && a.composition.amounts().size() == 1) continue;  // not Li itself
    if (seen.emplace(a.name(), b.name()).second) out.emplace_back(a.name(), b.name());
  }
  return out;
}

std::string label(const std::string& a, const std::string& b) {
  return "seed " + std::to_string(seed()) + ", " + a + " | " + b;
}

/// Atoms of each element on one side of a reaction.
std::map<int, double> atoms(const std::vector<ReactionTerm>& side) {
  std::map<int, double> out;
  for (const auto& term : side) {
    const Composition c = Composition::parse(term.formula);
    for (const auto& [z, amount] : c.amounts()) out[z] += term.amount * amount;
  }
  return out;
}

/// Every element balances between the two sides of the reaction.
void check_balanced(const BalancedReaction& reaction, const std::string& where) {
  const auto left = atoms(reaction.reactants), right = atoms(reaction.products);
  std::set<int> elements;
  for (const auto& [z, n] : left) elements.insert(z);
  for (const auto& [z, n] : right) elements.insert(z);
  for (int z : elements) {
    const double l = left.count(z) ? left.at(z) : 0.0, r = right.count(z) ? right.at(z) : 0.0;
    // Terms are printed to the reaction's own precision (BalancedReaction::TOLERANCE).
    BOOST_TEST(std::abs(l - r) <= 1e-5 * std::max(1.0, std::abs(l)),
               where << ": " << element(z).symbol << " " << l << " -> " << r << " in " << reaction.to_string());
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(mutual_reactions_on_random_pairs) {
  std::mt19937 rng(seed());
  std::size_t kinks = 0;
  for (const auto& [fa, fb] : random_pairs(rng, 200, 5)) {
    const std::string where = label(fa, fb);
    const auto closed = test::default_stable_set({fa, fb});
    const Reactant a = test::default_reactant(*closed, fa), b = test::default_reactant(*closed, fb);
    const InterfaceReaction r = react(closed, a, b);
    BOOST_TEST_REQUIRE(r.kinks().size() >= 2u, where);
    BOOST_TEST(r.kinks().front().x == 0.0, where);
    BOOST_TEST(r.kinks().back().x == 1.0, where);
    BOOST_TEST(r.kinks().front().energy == 0.0, where << ": energy at pure B " << r.kinks().front().energy);
    BOOST_TEST(r.kinks().back().energy == 0.0, where << ": energy at pure A " << r.kinks().back().energy);
    for (const Kink& k : r.kinks()) {
      ++kinks;
      BOOST_TEST(k.energy <= kTol, where << ": energy " << k.energy << " at x = " << k.x);
      check_balanced(k.reaction, where + " at x = " + std::to_string(k.x));
    }
    BOOST_TEST(r.minimum().energy <= 0.0, where);
    // The total form subtracts the reactants' own energies: a balanced reaction as well.
    const InterfaceReaction total = react(closed, a, b, {EnergyForm::Total, ReactantEnergy::Entry, {}});
    for (const Kink& k : total.kinks()) check_balanced(k.reaction, where + " (total) at x = " + std::to_string(k.x));
  }
  BOOST_TEST_MESSAGE(kinks << " kinks");
}

BOOST_AUTO_TEST_CASE(open_li_maps_agree_with_reactions_at_their_voltages) {
  std::mt19937 rng(seed() + 1);
  std::size_t corners = 0;
  for (const auto& [fa, fb] : random_pairs(rng, 40, 4, kLi)) {
    const std::string where = label(fa, fb);
    const auto closed = test::default_stable_set({fa, fb}, {kLi});
    const Reactant a = test::default_reactant(*closed, fa), b = test::default_reactant(*closed, fb);
    const ReactionMap map = reaction_map(closed, a, b, kLi, 0.0, 5.0);
    BOOST_TEST_REQUIRE(!map.regions.empty(), where);
    // The reaction with Li open at each voltage of the map (mutual form).
    std::map<double, InterfaceReaction> at_voltage;
    const auto reaction_at = [&](double v) -> const InterfaceReaction& {
      auto it = at_voltage.find(v);
      if (it == at_voltage.end()) it = at_voltage.emplace(v, react(closed, a, b, {EnergyForm::Mutual, ReactantEnergy::Entry, {{kLi, -v}}})).first;
      return it->second;
    };
    for (const MapRegion& region : map.regions) {
      const std::pair<double, double> points[] = {{region.x0, region.v0}, {region.x1, region.v0}, {region.x0, region.v1},
                                                  {region.x1, region.v1}};
      const double energies[] = {region.e00, region.e10, region.e01, region.e11};
      for (int c = 0; c < 4; ++c, ++corners) {
        const auto [x, v] = points[c];
        const double expected = reaction_at(v).energy_at(x);
        BOOST_TEST(std::abs(energies[c] - expected) <= kTol,
                   where << ": corner (" << x << ", " << v << " V) of the map " << energies[c] << ", the reaction there "
                         << expected);
      }
    }
    for (const auto& [v, r] : at_voltage)
      for (const Kink& k : r.kinks()) check_balanced(k.reaction, where + " at " + std::to_string(v) + " V");
    // The sweep at those voltages: its minimum is the lowest kink of the reaction there.
    std::vector<double> voltages;
    for (const auto& [v, r] : at_voltage) voltages.push_back(v);
    const auto rows = voltage_sweep(closed, a, b, kLi, voltages);
    BOOST_TEST_REQUIRE(rows.size() == voltages.size(), where);
    for (const SweepRow& row : rows) {
      const InterfaceReaction& r = at_voltage.at(row.voltage);
      double lowest = 0.0;
      for (const Kink& k : r.kinks()) lowest = std::min(lowest, k.energy);
      BOOST_TEST(std::abs(row.minimum.energy - lowest) <= kTol,
                 where << ": sweep minimum " << row.minimum.energy << " at " << row.voltage << " V, lowest kink " << lowest);
    }
  }
  BOOST_TEST_MESSAGE(corners << " map corners");
}

BOOST_AUTO_TEST_SUITE_END()  // test_properties
