// Sensitivities of a reaction energy to the entries' formation energies: worked
// out by hand on a made-up ternary, and checked by finite differences (shifting
// one entry's energy and recomputing) on the seed pairs, closed and at 3 V.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "interphase/error.hpp"
#include "interphase/reaction/sensitivity.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"
#include "support/entries.hpp"

BOOST_AUTO_TEST_SUITE(test_sensitivity)

using namespace interphase;

namespace {

constexpr double kTol = 1e-12;

// Fe-Co-Ni (test::fe_co_ni): FeNi -0.1, FeCo -0.4, CoNi -0.4 (eV/atom); all three on the hull.
PhaseDiagram fe_co_ni() { return PhaseDiagram(test::fe_co_ni()); }

std::map<std::string, Sensitivity> by_id(const std::vector<Sensitivity>& s) {
  std::map<std::string, Sensitivity> out;
  for (const auto& x : s) {
    BOOST_TEST(out.count(x.entry.id) == 0u, "entry " << x.entry.id << " listed twice");
    out[x.entry.id] = x;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(hand_worked_ternary) {
  const PhaseDiagram pd = fe_co_ni();
  const auto closed = StableSet::of(pd);
  for (EnergyForm form : {EnergyForm::Mutual, EnergyForm::Total}) {
    const ReactionOptions options{form, ReactantEnergy::Entry, {}};
    // FeNi + Co: at x = 1/2 the mixture Fe.25 Co.5 Ni.25 is 1/2 FeCo + 1/2 CoNi, dE = -0.4 + 0.05 = -0.35.
    const InterfaceReaction r = react(closed, reactant_in(pd, "FeNi"), reactant_in(pd, "Co"), options);
    const Kink& m = r.minimum();
    CHECK_ABS(m.x, 0.5, 1e-12);
    CHECK_ABS(m.energy, -0.35, kTol);
    const auto s = by_id(sensitivities(r, m, options));
    BOOST_TEST_REQUIRE(s.size() == 4u);
    CHECK_ABS(s.at("FeCo").coefficient, 0.5, kTol);
    CHECK_ABS(s.at("CoNi").coefficient, 0.5, kTol);
    CHECK_ABS(s.at("FeNi").coefficient, -0.5, kTol);
    CHECK_ABS(s.at("Co").coefficient, -0.5, kTol);
    BOOST_TEST(s.at("FeCo").role() == "product");
    BOOST_TEST(s.at("FeNi").role() == "reactant");
    // Co is an elemental reference: no uncertainty of its own. 0.024 * sqrt(3 / 4).
    CHECK_ABS(energy_std_linear(sensitivities(r, m, options)), 0.024 * std::sqrt(0.75), kTol);
    CHECK_ABS(energy_std_linear(sensitivities(r, m, options), uniform_sigma(0.1)), 0.1 * std::sqrt(0.75), kTol);
    CHECK_ABS(energy_std_linear(sensitivities(r, m, options), uniform_sigma(0.0)), 0.0, 0.0);
    // At the ends nothing reacts in either form here (both reactants are on the hull).
    CHECK_ABS(energy_std_linear(sensitivities(r, r.kinks().front(), options)), 0.0, kTol);
  }
}

BOOST_AUTO_TEST_CASE(a_phase_on_both_sides_counts_once) {
  // FeCoNi has no entry: its hull energy is 1/3 (FeCo + CoNi + FeNi) = -0.3. Against Co the minimum is at
  // x = 3/4 (Fe.25 Co.5 Ni.25 again): dE = -0.4 + 0.75 * 0.3 = -0.175, and FeCo and CoNi appear as
  // products (1/2 each) and in the reactant's hull energy (-3/4 * 1/3 each): net 1/4.
  const PhaseDiagram pd = fe_co_ni();
  const auto closed = StableSet::of(pd);
  const ReactionOptions options{EnergyForm::Mutual, ReactantEnergy::Entry, {}};
  const InterfaceReaction r = react(closed, reactant_in(pd, "FeCoNi"), reactant_in(pd, "Co"), options);
  const Kink& m = r.minimum();
  CHECK_ABS(m.x, 0.75, 1e-12);
  CHECK_ABS(m.energy, -0.175, kTol);
  const auto s = by_id(sensitivities(r, m, options));
  BOOST_TEST_REQUIRE(s.size() == 4u);
  CHECK_ABS(s.at("FeCo").coefficient, 0.25, kTol);
  CHECK_ABS(s.at("FeCo").product, 0.5, kTol);
  CHECK_ABS(s.at("FeCo").reactant, -0.25, kTol);
  BOOST_TEST(s.at("FeCo").role() == "both");
  CHECK_ABS(s.at("CoNi").coefficient, 0.25, kTol);
  CHECK_ABS(s.at("FeNi").coefficient, -0.25, kTol);
  CHECK_ABS(s.at("Co").coefficient, -0.25, kTol);
  CHECK_ABS(energy_std_linear(sensitivities(r, m, options), uniform_sigma(0.02)), 0.02 * std::sqrt(3 * 0.0625), kTol);
}

BOOST_AUTO_TEST_CASE(sigma_must_be_a_non_negative_number) {
  BOOST_CHECK_THROW(uniform_sigma(-0.01), Error);
  BOOST_CHECK_THROW(uniform_sigma(std::nan("")), Error);
}

namespace {

std::string product_names(const std::vector<std::pair<std::string, double>>& products) {
  std::vector<std::string> names;  // as a set: products of equal fractions may come in either order
  for (const auto& [name, f] : products) names.push_back(name);
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& name : names) out += name + " ";
  return out;
}

/// Shift every phase of the closed set (and each reactant's own entry) by h, one at a time, and check that
/// the energy at every kink moves by coefficient * h while the products stay; phases not listed must not move it.
void check_finite_differences(const std::string& electrolyte, EnergyForm form, const ChemPots& open) {
  const auto closed = test::default_stable_set({electrolyte, "Li2RuO3"}, {3});
  const Reactant a = test::default_reactant(*closed, electrolyte), b = test::default_reactant(*closed, "Li2RuO3");
  const ReactionOptions options{form, ReactantEnergy::Entry, open};
  const InterfaceReaction r = react(closed, a, b, options);
  const std::string label = electrolyte + " " + to_string(form) + (open.empty() ? " closed" : " open");
  constexpr double h = 1e-6;
  std::size_t checked = 0;
  for (const Kink& k : r.kinks()) {
    const auto s = by_id(sensitivities(*closed, r, k.x, options));
    // Closed: the energy is exactly sum_i c_i E_i.
    if (open.empty()) {
      double sum = 0;
      for (const auto& [id, term] : s) sum += term.coefficient * term.entry.e_form;
      CHECK_ABS(sum, k.energy, 1e-9);
    }
    for (std::size_t i = 0; i < closed->size(); ++i) {
      Eigen::VectorXd shifts = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(closed->size()));
      shifts[static_cast<Eigen::Index>(i)] = h;
      const auto shifted = StableSet::perturbed(closed, shifts);
      Reactant a2 = a, b2 = b;
      for (Reactant* x : {&a2, &b2})
        if (x->own_entry && x->own_entry->id == closed->entry(i).id) *x->own_energy += h;
      const InterfaceReaction r2 = react(shifted, a2, b2, options);
      const Kink k2 = r2.at(k.x);
      BOOST_TEST_REQUIRE(product_names(k2.products) == product_names(k.products), label << " products moved at x " << k.x << " shifting " << closed->entry(i).id << " " << closed->name(i) << ": " << product_names(k.products) << " -> " << product_names(k2.products));
      const auto it = s.find(closed->entry(i).id);
      const double expected = it == s.end() ? 0.0 : it->second.coefficient;
      CHECK_ABS((k2.energy - k.energy) / h, expected, 1e-5);
      ++checked;
    }
    // A reactant's own entry off the hull (LPSC is metastable): shifted by itself.
    for (bool first : {true, false}) {
      Reactant a2 = a, b2 = b;
      Reactant& x = first ? a2 : b2;
      if (!x.own_entry || s.find(x.own_entry->id) == s.end()) continue;
      bool stable = false;
      for (std::size_t i = 0; i < closed->size(); ++i) stable = stable || closed->entry(i).id == x.own_entry->id;
      if (stable) continue;
      *x.own_energy += h;
      const InterfaceReaction r2 = react(closed, a2, b2, options);
      CHECK_ABS((r2.at(k.x).energy - k.energy) / h, s.at(x.own_entry->id).coefficient, 1e-5);
      ++checked;
    }
  }
  BOOST_TEST(checked > 0u, label);
}

}  // namespace

BOOST_AUTO_TEST_CASE(finite_differences_on_the_seed_pairs) {
  for (const std::string e : {"Li6PS5Cl", "Li3InCl6"})
    for (EnergyForm form : {EnergyForm::Mutual, EnergyForm::Total})
      for (const ChemPots& open : {ChemPots{}, ChemPots{{3, -3.0}}}) check_finite_differences(e, form, open);
}

BOOST_AUTO_TEST_CASE(every_kink_has_a_std_and_zero_sigma_gives_zero) {
  const auto closed = test::default_stable_set(std::vector<std::string>{"Li6PS5Cl", "Li2RuO3"});
  const Reactant a = test::default_reactant(*closed, "Li6PS5Cl"), b = test::default_reactant(*closed, "Li2RuO3");
  const ReactionOptions options{EnergyForm::Total, ReactantEnergy::Entry, {}};
  const InterfaceReaction r = react(closed, a, b, options);
  const auto stds = kink_std_linear(*closed, r, options);
  BOOST_TEST_REQUIRE(stds.size() == r.kinks().size());
  // The total form's ends keep the reactants' own entries: LPSC's (metastable) end has the std of
  // 1 * E(LPSC) - its decomposition, Li2RuO3's end (on the hull) none.
  CHECK_ABS(stds.front(), 0.0, kTol);
  BOOST_TEST(stds.back() > 0.0);
  for (double s : kink_std_linear(*closed, r, options, uniform_sigma(0.0))) CHECK_ABS(s, 0.0, 0.0);
}

BOOST_AUTO_TEST_SUITE_END()  // test_sensitivity
