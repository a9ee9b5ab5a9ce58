// Reactions with lithium open against pymatgen's GrandPotentialInterfacialReactivity
// (tests/reference/make_grand_reference.py writes grand_reference.json): three
// pairs at seven voltages in the mutual, total-entry and total-hull forms, and the
// voltage sweep of the minimum.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "interphase/reaction/open.hpp"
#include "support/default_data.hpp"
#include "support/kinks.hpp"

BOOST_AUTO_TEST_SUITE(test_open_reference)

using namespace interphase;
using nlohmann::json;

namespace {

const json& reference() {
  static const json ref = [] {
    std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/grand_reference.json");
    if (!in.good()) throw std::runtime_error("grand_reference.json missing");
    return json::parse(in);
  }();
  return ref;
}

std::size_t entries_in(const StableSet& closed) {
  const Database& db = test::default_database();
  return db.entries_in_system(closed.elements(), db.resolve_dataset().id).size();
}

}  // namespace

BOOST_AUTO_TEST_CASE(grand_reactions_match_pymatgen) {
  const auto& pairs = reference()["grand_reactions"];
  BOOST_TEST_REQUIRE(pairs.size() >= 3u);
  for (const auto& pair : pairs) {
    const auto closed = test::default_stable_set({pair["c1"].get<std::string>(), pair["c2"].get<std::string>()}, {3});
    const Reactant a = test::default_reactant(*closed, pair["c1"]), b = test::default_reactant(*closed, pair["c2"]);
    BOOST_TEST(entries_in(*closed) == pair["n_entries"].get<std::size_t>());
    for (const auto& at : pair["voltages"]) {
      const double v = at["V"];
      for (const auto& [name, form] : at["forms"].items()) {
        BOOST_TEST_CONTEXT(a.formula << " + " << b.formula << " at " << v << " V (" << name << ")") {
          const EnergyForm energy = name == "mutual" ? EnergyForm::Mutual : EnergyForm::Total;
          const ReactantEnergy source = name == "total_hull" ? ReactantEnergy::Hull : ReactantEnergy::Entry;
          const InterfaceReaction r = react(closed, a, b, {energy, source, {{3, -v}}});
          CHECK_ABS(r.energy_a(), form["e1"].get<double>(), test::kReferenceTolerance);
          CHECK_ABS(r.energy_b(), form["e2"].get<double>(), test::kReferenceTolerance);
          BOOST_TEST_REQUIRE(r.kinks().size() == form["kinks"].size());
          for (std::size_t i = 0; i < form["kinks"].size(); ++i) {
            BOOST_TEST_CONTEXT("kink " << i) { test::check_kink(r.kinks()[i], form["kinks"][i]); }
          }
          // pymatgen's x may be another kink tied at the minimum (within rounding): it must be a minimiser.
          CHECK_ABS(r.energy_at(form["minimum"]["x"].get<double>()), r.minimum().energy, test::kReferenceTolerance);
          CHECK_ABS(r.minimum().energy, form["minimum"]["energy"].get<double>(), test::kReferenceTolerance);
          if (form["minimum"]["energy"].get<double>() < -1e-6)  // a real reaction: one minimiser
            CHECK_ABS(r.minimum().x, form["minimum"]["x"].get<double>(), test::kReferenceTolerance);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(sweep_matches_pymatgen) {
  for (const auto& pair : reference()["sweep"]) {
    const auto closed = test::default_stable_set({pair["c1"].get<std::string>(), pair["c2"].get<std::string>()}, {3});
    const Reactant a = test::default_reactant(*closed, pair["c1"]), b = test::default_reactant(*closed, pair["c2"]);
    for (const auto& [name, rows] : pair["forms"].items()) {
      std::vector<double> voltages;
      for (const auto& row : rows) voltages.push_back(row["V"]);
      const EnergyForm form = name == "mutual" ? EnergyForm::Mutual : EnergyForm::Total;
      const auto mine = voltage_sweep(closed, a, b, 3, voltages, {form, ReactantEnergy::Entry, {}});
      BOOST_TEST_REQUIRE(mine.size() == rows.size());
      for (std::size_t i = 0; i < rows.size(); ++i) {
        BOOST_TEST_CONTEXT(a.formula << " + " << b.formula << " " << name << " at " << voltages[i] << " V") {
          CHECK_ABS(mine[i].minimum.energy, rows[i]["energy"].get<double>(), test::kReferenceTolerance);
          // Where kinks tie at the minimum, pymatgen's x must be a minimiser too.
          const InterfaceReaction r = react(closed, a, b, {form, ReactantEnergy::Entry, {{3, -voltages[i]}}});
          CHECK_ABS(r.energy_at(rows[i]["x"].get<double>()), mine[i].minimum.energy, test::kReferenceTolerance);
          // The sweep reads the map; the reaction at that voltage alone gives the same minimum.
          CHECK_ABS(r.minimum().energy, mine[i].minimum.energy, 1e-12);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_open_reference
