// Screen rows against pymatgen (tests/reference/make_screen_reference.py writes
// screen_reference.json): a seeded sample of about 120 pairs (stable Li
// compounds against twenty cathodes, 7-9 element systems, pairs that do not
// react, the seed experiment) in the mutual form, closed and with Li open at
// 3 V and 4.5 V: the minimum's energy, its x and products where pymatgen's
// minimum is unique, and no error rows. Then that a row is exactly react() of
// its pair, and that the rows do not depend on the number of threads.
#include <boost/test/unit_test.hpp>

#include "support/close.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/screen/screen.hpp"
#include "support/default_data.hpp"
#include "support/kinks.hpp"

BOOST_AUTO_TEST_SUITE(test_screen_reference)

using namespace interphase;
using nlohmann::json;

namespace {

constexpr double kTol = test::kReferenceTolerance;
const char* const kConditions = "closed,3,4.5";

const json& reference() {
  static const json ref = [] {
    std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/screen_reference.json");
    if (!in.good()) throw std::runtime_error("screen_reference.json missing");
    return json::parse(in);
  }();
  return ref;
}

/// The fixture's pairs grouped by B (in order of first appearance): each group
/// is the full cross product of its A's with that one B, so one Screen per
/// group computes exactly the fixture's pairs.
std::vector<std::pair<std::string, std::vector<std::string>>> groups_by_b() {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& pair : reference()["pairs"]) {
    const std::string b = pair["b"];
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == b; });
    if (it == groups.end()) it = groups.insert(groups.end(), {b, {}});
    it->second.push_back(pair["a"]);
  }
  return groups;
}

using Key = std::tuple<std::string, std::string, std::string>;  // A, B, condition label

std::map<Key, ScreenRow> run_screens(unsigned threads) {
  const Database& db = test::default_database();
  const auto dataset = db.resolve_dataset().id;
  std::map<Key, ScreenRow> rows;
  for (const auto& [b, as] : groups_by_b()) {
    ScreenOptions options;
    options.conditions = parse_conditions(kConditions);
    options.threads = threads;
    Screen screen(db, dataset, as, {b}, options);
    screen.run([&](const ScreenRow& r) {
      if (!rows.emplace(Key{r.a, r.b, r.condition.label}, r).second)
        throw std::runtime_error("row " + r.a + " / " + r.b + " delivered twice");
    });
  }
  return rows;
}

/// The rows of a two-thread run, shared by the tests of this file.
const std::map<Key, ScreenRow>& screen_rows() {
  static const std::map<Key, ScreenRow> rows = run_screens(2);
  return rows;
}

void check_same_kink(const Kink& mine, const Kink& theirs) {
  BOOST_TEST(mine.x == theirs.x);
  BOOST_TEST(mine.x_molar == theirs.x_molar);
  BOOST_TEST(mine.x_mass == theirs.x_mass);
  BOOST_TEST(mine.energy == theirs.energy);
  BOOST_TEST(mine.reaction.to_string() == theirs.reaction.to_string());
  const auto same_terms = [](const std::vector<ReactionTerm>& p, const std::vector<ReactionTerm>& q) {
    if (p.size() != q.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p[i].formula != q[i].formula || p[i].amount != q[i].amount) return false;
    return true;
  };
  BOOST_TEST(same_terms(mine.reaction.reactants, theirs.reaction.reactants));
  BOOST_TEST(same_terms(mine.reaction.products, theirs.reaction.products));
  BOOST_TEST((mine.products == theirs.products));
}

}  // namespace

BOOST_AUTO_TEST_CASE(rows_match_pymatgen) {
  const json& pairs = reference()["pairs"];
  BOOST_TEST_REQUIRE(pairs.size() >= 100u);
  const Database& db = test::default_database();
  const auto dataset = db.resolve_dataset().id;
  const auto& rows = screen_rows();
  BOOST_TEST(rows.size() == 3 * pairs.size());
  std::size_t checked = 0, unique = 0;
  for (const auto& pair : pairs) {
    const std::string a = pair["a"], b = pair["b"];
    BOOST_TEST(db.entries_in_system(parse_chemsys(pair["chemsys"].get<std::string>()), dataset).size() ==
                   pair["n_entries"].get<std::size_t>(),
               a << " / " << b << ": entries of " << pair["chemsys"].get<std::string>());
    for (const auto& [label, ref] : pair["conditions"].items()) {
      BOOST_TEST_CONTEXT(a << " / " << b << " (" << pair["group"].get<std::string>() << ", " << label << ")") {
        const auto it = rows.find({a, b, label});
        BOOST_TEST_REQUIRE((it != rows.end()), "no row");
        const ScreenRow& row = it->second;
        BOOST_TEST(row.error.empty(), "error: " << row.error);
        if (!row.minimum) continue;
        ++checked;
        const Kink& k = *row.minimum;
        const json& m = ref["minimum"];
        BOOST_TEST(row.chemsys == pair["chemsys"].get<std::string>());
        CHECK_ABS(k.energy, m["energy"].get<double>(), kTol);
        // Where kinks tie at the minimum pymatgen keeps the first of them, and so
        // do we; either way ours must be one of pymatgen's minimisers.
        bool among = false;
        for (const auto& x : ref["tied_x"]) among = among || std::abs(k.x - x.get<double>()) <= kTol;
        BOOST_TEST(among, "x = " << k.x << " is none of pymatgen's minimisers " << ref["tied_x"].dump());
        if (!m["unique"].get<bool>() || m["energy"].get<double>() >= -kTol) continue;
        ++unique;
        CHECK_ABS(k.x, m["x"].get<double>(), kTol);
        const auto theirs = m["products"].get<std::map<std::string, double>>();
        std::set<std::string> mine_names, their_names;
        for (const auto& [name, fraction] : k.products) mine_names.insert(name);
        for (const auto& [name, fraction] : theirs) their_names.insert(name);
        BOOST_TEST((mine_names == their_names), "products: ours " << k.reaction.to_string() << ", pymatgen's "
                                                                  << m["reaction"].get<std::string>());
        for (const auto& [name, fraction] : k.products)
          if (theirs.count(name)) CHECK_ABS(fraction, theirs.at(name), kTol);
      }
    }
  }
  BOOST_TEST(checked == 3 * pairs.size());
  BOOST_TEST_MESSAGE("screen rows checked against pymatgen: " << checked << " (" << unique
                                                              << " with a unique, real minimum)");
}

BOOST_AUTO_TEST_CASE(rows_are_react_of_the_pair) {
  // The seed pairs and the first pair of every other group, under every condition.
  std::vector<std::pair<std::string, std::string>> chosen;
  std::set<std::string> groups;
  for (const auto& pair : reference()["pairs"])
    if (pair["group"] == "seed" || groups.insert(pair["group"].get<std::string>()).second)
      chosen.emplace_back(pair["a"], pair["b"]);
  BOOST_TEST_REQUIRE(chosen.size() >= 5u);
  const auto& rows = screen_rows();
  const std::vector<Condition> conditions = parse_conditions(kConditions);
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    const Condition& condition = conditions[c];
    for (const auto& [a, b] : chosen) {
      BOOST_TEST_CONTEXT(a << " / " << b << " (" << condition.label << ")") {
        std::vector<int> open;
        for (const auto& [z, mu] : condition.open) open.push_back(z);
        const auto closed = test::default_stable_set({a, b}, open);
        const Reactant ra = test::default_reactant(*closed, a), rb = test::default_reactant(*closed, b);
        const InterfaceReaction r = react(closed, ra, rb, {EnergyForm::Mutual, ReactantEnergy::Entry, condition.open});
        const ScreenRow& row = rows.at({a, b, condition.label});
        // The row's own copy of its condition, kept after the Screen is gone.
        BOOST_TEST(row.condition_index == c);
        BOOST_TEST((row.condition.open == condition.open && row.condition.voltage == condition.voltage));
        BOOST_TEST_REQUIRE(row.minimum.has_value());
        BOOST_TEST(row.chemsys == closed->chemsys());
        check_same_kink(*row.minimum, r.minimum());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(rows_do_not_depend_on_threads) {
  const auto& two = screen_rows();
  const auto one = run_screens(1);
  BOOST_TEST_REQUIRE(one.size() == two.size());
  for (auto p = one.begin(), q = two.begin(); p != one.end(); ++p, ++q) {
    BOOST_TEST_CONTEXT(std::get<0>(p->first) << " / " << std::get<1>(p->first) << " (" << std::get<2>(p->first) << ")") {
      BOOST_TEST_REQUIRE((p->first == q->first));
      const ScreenRow &r1 = p->second, &r2 = q->second;
      BOOST_TEST(r1.index == r2.index);
      BOOST_TEST(r1.chemsys == r2.chemsys);
      BOOST_TEST(r1.error == r2.error);
      BOOST_TEST_REQUIRE(r1.minimum.has_value() == r2.minimum.has_value());
      if (r1.minimum) check_same_kink(*r1.minimum, *r2.minimum);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_screen_reference
