// Coating candidates between Li6PS5Cl and Li2RuO3 / LiRuO3 against pymatgen
// (tests/reference/make_coat_reference.py writes coat_reference.json): for 33
// candidates their e_above_hull, Li fraction, element profile and window, and
// the closed mutual reaction with each partner (every kink's x and energy, the
// minimum's reaction and products); for 15 of them the minimum with Li open at
// every 0.01 V of 2.0-4.5 V, the grid's lowest point in full, and the range
// condition (range_minimum) against that grid and a 0.001 V sweep.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "interphase/grand/profile.hpp"
#include "interphase/reaction/open.hpp"
#include "support/default_data.hpp"
#include "support/kinks.hpp"

BOOST_AUTO_TEST_SUITE(test_coat_reference)

using namespace interphase;
using nlohmann::json;

namespace {

constexpr int kLi = 3;
constexpr double kTol = test::kReferenceTolerance;  // 1e-6 eV/atom, V and fractions

const json& reference() {
  static const json ref = [] {
    std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/coat_reference.json");
    if (!in.good()) throw std::runtime_error("coat_reference.json missing");
    return json::parse(in);
  }();
  return ref;
}

std::vector<std::string> partners() {
  std::vector<std::string> out{reference()["electrolyte"].get<std::string>()};
  for (const auto& c : reference()["cathodes"]) out.push_back(c.get<std::string>());
  return out;
}

std::set<std::string> names(const StableSet& set, const std::vector<std::size_t>& phases) {
  std::set<std::string> out;
  for (std::size_t i : phases) out.insert(set.entry(i).name());
  return out;
}

std::set<std::string> names(const json& list) {
  std::set<std::string> out;
  if (list.is_array())
    for (const auto& n : list) out.insert(n.get<std::string>());
  return out;
}

std::vector<double> grid() { return reference()["range"]["grid"].get<std::vector<double>>(); }

}  // namespace

BOOST_AUTO_TEST_CASE(fixture_covers_the_issue) {
  BOOST_TEST(reference()["candidates"].size() >= 24u);
  std::size_t with_range = 0;
  for (const auto& c : reference()["candidates"]) with_range += c.contains("range") ? 1 : 0;
  BOOST_TEST(with_range >= 8u);
  BOOST_TEST(partners() == (std::vector<std::string>{"Li6PS5Cl", "Li2RuO3", "LiRuO3"}));
  const auto g = grid();
  BOOST_TEST_REQUIRE(g.size() == 251u);
  BOOST_TEST(g.front() == 2.0);
  BOOST_TEST(g.back() == 4.5);
}

BOOST_AUTO_TEST_CASE(own_stability_matches_pymatgen) {
  const Database& db = test::default_database();
  const auto dataset = db.resolve_dataset().id;
  for (const auto& c : reference()["candidates"]) {
    const std::string formula = c["formula"];
    BOOST_TEST_CONTEXT(formula) {
      const Composition comp = Composition::parse(formula);
      CHECK_ABS(comp.atomic_fraction(kLi), c["li_fraction"].get<double>(), 1e-12);
      BOOST_TEST(comp.reduced_formula() == c["reduced_formula"].get<std::string>());
      const auto lowest = db.lowest_entry(dataset, comp);
      BOOST_TEST_REQUIRE(lowest.has_value());
      BOOST_TEST(lowest->id == c["lowest_entry_id"].get<std::string>());
      const auto stored = db.stability_of({lowest->key});
      BOOST_TEST_REQUIRE(stored.size() == 1u);
      CHECK_ABS(stored[0].e_above_hull, c["e_above_hull"].get<double>(), kTol);
    }
  }
}

BOOST_AUTO_TEST_CASE(windows_match_pymatgen) {
  for (const auto& c : reference()["candidates"]) {
    const std::string formula = c["formula"];
    BOOST_TEST_CONTEXT(formula) {
      const auto set = test::default_stable_set({formula}, {kLi});
      const auto steps = element_profile(*set, kLi, Composition::parse(formula));
      const auto& ref = c["window"];
      BOOST_TEST_REQUIRE(steps.size() == ref["steps"].size());
      for (std::size_t i = 0; i < steps.size(); ++i) {
        BOOST_TEST_CONTEXT("step " << i) {
          CHECK_ABS(steps[i].voltage, ref["steps"][i]["V"].get<double>(), kTol);
          CHECK_ABS(steps[i].evolution, ref["steps"][i]["evolution"].get<double>(), kTol);
          BOOST_TEST(names(*set, steps[i].phases) == names(ref["steps"][i]["phases"]));
        }
      }
      const Window w = stability_window(steps);
      const auto& rw = ref["window"];
      BOOST_TEST(w.found);
      BOOST_TEST(w.single_voltage == (rw["kind"] == "point"));
      BOOST_TEST_REQUIRE(w.reduction.has_value());
      CHECK_ABS(*w.reduction, rw["reduction_onset"].get<double>(), kTol);
      BOOST_TEST(w.oxidation.has_value() == !rw["oxidation_onset"].is_null());
      if (w.oxidation) CHECK_ABS(*w.oxidation, rw["oxidation_onset"].get<double>(), kTol);
      BOOST_TEST(names(*set, w.phases) == names(rw["phases"]));
      BOOST_TEST(names(*set, w.reduced_phases) == names(rw["reduced_phases"]));
      BOOST_TEST(names(*set, w.oxidized_phases) == names(rw["oxidized_phases"]));
    }
  }
}

// The coating is A (pymatgen's c1): x is its atomic fraction.
BOOST_AUTO_TEST_CASE(closed_reactions_match_pymatgen) {
  for (const auto& c : reference()["candidates"]) {
    for (const std::string& partner : partners()) {
      const auto& ref = c["closed"][partner];
      BOOST_TEST_CONTEXT(c["formula"].get<std::string>() << " + " << partner << " closed") {
        const ReactionSetup s = test::default_setup({c["formula"].get<std::string>(), partner});
        const InterfaceReaction r = react(s.closed, s.reactants[0], s.reactants[1]);
        CHECK_ABS(r.energy_a(), ref["e1"].get<double>(), kTol);
        CHECK_ABS(r.energy_b(), ref["e2"].get<double>(), kTol);
        BOOST_TEST_REQUIRE(r.kinks().size() == ref["kinks"].size());
        for (std::size_t i = 0; i < r.kinks().size(); ++i) {
          BOOST_TEST_CONTEXT("kink " << i) {
            CHECK_ABS(r.kinks()[i].x, ref["kinks"][i][0].get<double>(), kTol);
            CHECK_ABS(r.kinks()[i].energy, ref["kinks"][i][1].get<double>(), kTol);
          }
        }
        const auto& m = ref["minimum"];
        CHECK_ABS(r.minimum().energy, m["energy"].get<double>(), kTol);
        if (m["x_unique"].get<bool>()) CHECK_ABS(r.minimum().x, m["x"].get<double>(), kTol);
        // pymatgen's minimum kink in full: x, energy, molar and mass fraction, products, reaction.
        test::check_kink(r.kinks().at(m["index"].get<std::size_t>() - 1), m);
      }
    }
  }
}

// With Li open: the minimum over x at every 0.01 V of the range equals
// pymatgen's, and the grid's lowest point equals pymatgen's kink there.
BOOST_AUTO_TEST_CASE(grid_minima_with_li_open_match_pymatgen) {
  const ReactionOptions mutual{EnergyForm::Mutual, ReactantEnergy::Entry, {}};
  const auto voltages = grid();
  for (const auto& c : reference()["candidates"]) {
    if (!c.contains("range")) continue;
    for (const std::string& partner : partners()) {
      const auto& ref = c["range"][partner];
      BOOST_TEST_CONTEXT(c["formula"].get<std::string>() << " + " << partner << " with Li open") {
        const ReactionSetup s = test::default_setup({c["formula"].get<std::string>(), partner}, {kLi});
        const auto rows = voltage_sweep(s.closed, s.reactants[0], s.reactants[1], kLi, voltages, mutual);
        BOOST_TEST_REQUIRE(rows.size() == ref["minimum_at_grid"].size());
        for (std::size_t j = 0; j < rows.size(); ++j) {
          BOOST_TEST_CONTEXT("at " << voltages[j] << " V") {
            CHECK_ABS(rows[j].minimum.energy, ref["minimum_at_grid"][j].get<double>(), kTol);
          }
        }
        const auto& g = ref["grid_minimum"];
        const double v = g["V"];
        ReactionOptions at = mutual;
        at.open = {{kLi, -v}};
        const InterfaceReaction r = react(s.closed, s.reactants[0], s.reactants[1], at);
        CHECK_ABS(r.minimum().energy, g["energy"].get<double>(), kTol);
        if (g["x_unique"].get<bool>()) CHECK_ABS(r.minimum().x, g["x"].get<double>(), kTol);
        const auto k = std::find_if(r.kinks().begin(), r.kinks().end(),
                                    [&](const Kink& q) { return std::abs(q.x - g["x"].get<double>()) <= kTol; });
        BOOST_TEST_REQUIRE((k != r.kinks().end()), "no kink at pymatgen's x " << g["x"].get<double>());
        test::check_kink(*k, g);
      }
    }
  }
}

// The range condition, read exactly off the (x, V) map, is never above pymatgen's
// lowest grid point nor above our own sweep at every 0.001 V; where it is lower
// its voltage lies between grid points, and the reaction computed directly at
// that voltage gives the same energy at its x.
BOOST_AUTO_TEST_CASE(range_minimum_is_the_worst_case_over_the_range) {
  const ReactionOptions mutual{EnergyForm::Mutual, ReactantEnergy::Entry, {}};
  const VoltageRange range{reference()["range"]["from"].get<double>(), reference()["range"]["to"].get<double>()};
  const auto coarse = grid();
  const auto fine = voltage_grid(range.from, range.to, 0.001);
  BOOST_TEST_REQUIRE(fine.size() == 2501u);
  const auto on_grid = [](const std::vector<double>& g, double v) {
    return std::any_of(g.begin(), g.end(), [v](double u) { return std::abs(u - v) <= 1e-9; });
  };
  for (const auto& c : reference()["candidates"]) {
    if (!c.contains("range")) continue;
    for (const std::string& partner : partners()) {
      const auto& ref = c["range"][partner];
      BOOST_TEST_CONTEXT(c["formula"].get<std::string>() << " + " << partner << " over " << range.label() << " V") {
        const ReactionSetup s = test::default_setup({c["formula"].get<std::string>(), partner}, {kLi});
        const RangeMinimum m = range_minimum(s.closed, s.reactants[0], s.reactants[1], kLi, range, mutual);
        BOOST_TEST(m.voltage >= range.from - 1e-12);
        BOOST_TEST(m.voltage <= range.to + 1e-12);
        // The reaction at the worst voltage, computed directly.
        ReactionOptions at = mutual;
        at.open = {{kLi, -m.voltage}};
        const InterfaceReaction r = react(s.closed, s.reactants[0], s.reactants[1], at);
        CHECK_ABS(r.energy_at(m.minimum.x), m.minimum.energy, 1e-9);
        CHECK_ABS(r.minimum().energy, m.minimum.energy, 1e-9);
        // pymatgen's 0.01 V grid.
        const double grid_low = ref["grid_minimum"]["energy"];
        BOOST_TEST_MESSAGE(c["formula"].get<std::string>() << " + " << partner << ": " << m.minimum.energy << " at "
                                                           << m.voltage << " V, x " << m.minimum.x << "; pymatgen's grid "
                                                           << grid_low << " at " << ref["grid_minimum"]["V"] << " V");
        BOOST_TEST(m.minimum.energy <= grid_low + 1e-9, "range minimum " << m.minimum.energy << " above pymatgen's grid "
                                                                          << grid_low);
        if (m.minimum.energy < grid_low - kTol)
          BOOST_TEST(!on_grid(coarse, m.voltage), "lower than pymatgen at a grid voltage " << m.voltage);
        else
          CHECK_ABS(m.minimum.energy, grid_low, kTol);
        // Our own sweep at every 0.001 V.
        const auto rows = voltage_sweep(s.closed, s.reactants[0], s.reactants[1], kLi, fine, mutual);
        double sweep_low = 0;
        for (const auto& row : rows) sweep_low = std::min(sweep_low, row.minimum.energy);
        BOOST_TEST(m.minimum.energy <= sweep_low + 1e-9, "range minimum " << m.minimum.energy << " above the sweep's "
                                                                          << sweep_low);
        if (m.minimum.energy < sweep_low - 1e-9)
          BOOST_TEST(!on_grid(fine, m.voltage), "lower than the sweep at a sweep voltage " << m.voltage);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_coat_reference
