// What decides a reaction: margins worked out by hand on a made-up ternary, and
// every margin on the seed pairs applied by actually shifting the energy: the
// products change just beyond it and not just before.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "interphase/reaction/explain.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"
#include "support/entries.hpp"

BOOST_AUTO_TEST_SUITE(test_explain)

using namespace interphase;

namespace {

constexpr double kTol = 1e-12;

// Fe-Co-Ni (test::fe_co_ni): FeNi -0.1, FeCo -0.4, CoNi -0.4 (eV/atom). FeNi + Co at x = 1/2 is Fe.25 Co.5 Ni.25,
// the midpoint of FeCo-CoNi, on the edge shared by the facets {Co, FeCo, CoNi} and {FeCo, CoNi, FeNi}.
PhaseDiagram fe_co_ni() { return PhaseDiagram(test::fe_co_ni()); }

std::map<std::string, double> margins(const std::vector<PhaseMargin>& phases) {
  std::map<std::string, double> out;
  for (const auto& p : phases) out[p.entry.id] = p.margin;
  return out;
}

/// The ids of the phases at composition c of a set's space.
std::set<std::string> products_at(const StableSet& space, const Eigen::VectorXd& c) {
  std::set<std::string> out;
  for (const auto& part : space.decomposition(c).parts) out.insert(space.entry(part.entry).id);
  return out;
}

/// The products at c after shifting closed phase `id` by `shift` eV/atom (the grand set rebuilt when open).
std::set<std::string> shifted_products(const std::shared_ptr<const StableSet>& closed, const ChemPots& open,
                                       const std::string& id, double shift, const Eigen::VectorXd& c) {
  Eigen::VectorXd shifts = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(closed->size()));
  bool found = false;
  for (std::size_t i = 0; i < closed->size(); ++i)
    if (closed->entry(i).id == id) {
      shifts[static_cast<Eigen::Index>(i)] = shift;
      found = true;
    }
  BOOST_TEST_REQUIRE(found, id << " is not a phase of the closed set");
  const auto shifted = StableSet::perturbed(closed, shifts);
  return products_at(open.empty() ? *shifted : *StableSet::grand(shifted, open), c);
}

/// Every margin (above 1e-4 eV/atom) applied at (1 - 1e-6) and (1 + 1e-6) of itself.
std::size_t check_margins(const std::shared_ptr<const StableSet>& closed, const InterfaceReaction& r,
                          const ReactionOptions& options, double x, const std::string& label) {
  const Explanation e = explain(*closed, r, x, options);
  const Eigen::VectorXd c = mixture_coordinates(r, x);
  const auto before = products_at(r.space(), c);
  BOOST_TEST_REQUIRE(before.size() == e.products.size());
  std::size_t checked = 0;
  const auto check = [&](const PhaseMargin& m, double sign, const std::string& what) {
    if (!std::isfinite(m.margin) || m.margin < 1e-4) return;
    const bool kept = shifted_products(closed, options.open, m.entry.id, sign * m.margin * (1 - 1e-6), c) == before;
    const bool changed = shifted_products(closed, options.open, m.entry.id, sign * m.margin * (1 + 1e-6), c) != before;
    BOOST_TEST(kept, label << " x " << x << ": " << what << " " << m.name << " by " << m.margin << " changed early");
    BOOST_TEST(changed, label << " x " << x << ": " << what << " " << m.name << " by " << m.margin << " changed nothing");
    ++checked;
  };
  for (const auto& p : e.products) check(p, +1.0, "raising");
  for (const auto& p : e.competitors) check(p, -1.0, "lowering");
  return checked;
}

}  // namespace

BOOST_AUTO_TEST_CASE(hand_worked_ternary_flips_at_known_shifts) {
  const PhaseDiagram pd = fe_co_ni();
  const auto closed = StableSet::of(pd);
  const ReactionOptions options{EnergyForm::Mutual, ReactantEnergy::Entry, {}};
  const InterfaceReaction r = react(closed, reactant_in(pd, "FeNi"), reactant_in(pd, "Co"), options);
  const Explanation e = explain(*closed, r, 0.5, options);
  CHECK_ABS(e.reaction.energy, -0.35, kTol);
  BOOST_TEST_REQUIRE(e.sensitivities.size() == 4u);
  // Raising FeCo by 0.4 (to 0) ties 1/2 FeCo + 1/2 CoNi (-0.2) with 1/2 CoNi + 1/4 Fe + 1/4 Co; CoNi likewise.
  const auto raise = margins(e.products);
  BOOST_TEST_REQUIRE(raise.size() == 2u);
  CHECK_ABS(raise.at("FeCo"), 0.4, 1e-12);
  CHECK_ABS(raise.at("CoNi"), 0.4, 1e-12);
  // Lowering FeNi by 0.7 (to -0.8) ties 1/2 FeNi + 1/2 Co (-0.4) with the products; Co by 0.7 likewise
  // (1/2 Co at -0.7 + 1/2 FeNi); Fe or Ni by 0.8 (1/4 Fe at -0.8 + 1/2 CoNi + 1/4 Co).
  const auto drop = margins(e.competitors);
  BOOST_TEST_REQUIRE(drop.size() == 4u);
  CHECK_ABS(drop.at("FeNi"), 0.7, 1e-12);
  CHECK_ABS(drop.at("Co"), 0.7, 1e-12);
  CHECK_ABS(drop.at("Fe"), 0.8, 1e-12);
  CHECK_ABS(drop.at("Ni"), 0.8, 1e-12);
  BOOST_TEST(e.competitors.front().margin <= e.competitors.back().margin);
  // The next-best decompositions: CoNi + Fe + Co or FeCo + Ni + Co, both at -0.2: 0.2 above.
  BOOST_TEST_REQUIRE(e.second_best.has_value());
  CHECK_ABS(e.second_best->above, 0.2, 1e-12);
  BOOST_TEST(e.second_best->products.size() == 3u);
  // And the flips happen exactly there.
  BOOST_TEST(check_margins(closed, r, options, 0.5, "FeNi + Co") == 6u);
}

BOOST_AUTO_TEST_CASE(inside_a_facet_the_margins_are_reduced_costs) {
  // At x = 1/4 (Fe.125 Co.75 Ni.125) the products are Co, FeCo, CoNi (facet duals: Co 0, Fe -0.8, Ni -0.8).
  const PhaseDiagram pd = fe_co_ni();
  const auto closed = StableSet::of(pd);
  const ReactionOptions options{EnergyForm::Mutual, ReactantEnergy::Entry, {}};
  const InterfaceReaction r = react(closed, reactant_in(pd, "FeNi"), reactant_in(pd, "Co"), options);
  const Explanation e = explain(*closed, r, 0.25, options);
  BOOST_TEST_REQUIRE(e.products.size() == 3u);
  const auto drop = margins(e.competitors);
  CHECK_ABS(drop.at("FeNi"), 0.7, 1e-12);  // -0.1 - (-0.8)
  CHECK_ABS(drop.at("Fe"), 0.8, 1e-12);
  // Raising FeCo by 0.4 makes Fe + Co as good. Co alone brings Co beyond 1/2: no rise changes the products.
  const auto raise = margins(e.products);
  CHECK_ABS(raise.at("FeCo"), 0.4, 1e-12);
  BOOST_TEST(std::isinf(raise.at("Co")));
  BOOST_TEST(check_margins(closed, r, options, 0.25, "FeNi + Co") == 5u);
}

BOOST_AUTO_TEST_CASE(seed_pair_margins_flip_exactly_there) {
  std::size_t checked = 0;
  for (const std::string electrolyte : {"Li6PS5Cl", "Li3InCl6"}) {
    const auto closed = test::default_stable_set({electrolyte, "Li2RuO3"}, {3});
    const Reactant a = test::default_reactant(*closed, electrolyte), b = test::default_reactant(*closed, "Li2RuO3");
    for (const ChemPots& open : {ChemPots{}, ChemPots{{3, -3.0}}}) {
      const ReactionOptions options{EnergyForm::Mutual, ReactantEnergy::Entry, open};
      const InterfaceReaction r = react(closed, a, b, options);
      const std::string label = electrolyte + (open.empty() ? " closed" : " at 3 V");
      checked += check_margins(closed, r, options, r.minimum().x, label);
      for (double x : {0.137, 0.5, 0.862}) checked += check_margins(closed, r, options, x, label);
    }
  }
  BOOST_TEST(checked > 100u);
}

BOOST_AUTO_TEST_SUITE_END()  // test_explain
