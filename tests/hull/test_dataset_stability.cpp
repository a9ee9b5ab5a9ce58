#include <boost/test/unit_test.hpp>

/// The stability of every entry of a data set: hand-worked made-up systems,
/// agreement with the Qhull phase diagram of each system on the default data,
/// and incremental updates equal to a full computation after random adds and
/// removes.
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "interphase/hull/dataset_stability.hpp"
#include "interphase/hull/phase_diagram.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"
#include "support/entries.hpp"

BOOST_AUTO_TEST_SUITE(test_dataset_stability)

using namespace interphase;
using interphase::test::entry;

namespace {

std::vector<EntryStability> computed(const std::vector<Entry>& entries, unsigned threads = 1) {
  std::vector<EntryStability> rows;
  compute_stability(entries, rows, threads);
  return rows;
}

/// Phase ids of a row's decomposition (entry ids; "reference:El" for implicit references).
std::set<std::string> phases(const std::vector<Entry>& entries, const EntryStability& row) {
  std::set<std::string> out;
  for (const auto& [p, f] : row.decomposition)
    out.insert(p < 0 ? "reference:" + std::string(element(static_cast<int>(-p)).symbol) : entries[p].id);
  return out;
}

double fraction_of(const std::vector<Entry>& entries, const EntryStability& row, const std::string& id) {
  for (const auto& [p, f] : row.decomposition)
    if (p >= 0 && entries[p].id == id) return f;
  return 0.0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(hand_worked_li_o_cl) {
  // Li-O: Li2O at -2.0 (x_O = 1/3) and Li2O2 at -1.6 (x_O = 1/2) are vertices:
  // the line Li2O -> O2 at x_O = 1/2 is at -1.0. LiO2 (x_O = 2/3) at -0.5 lies
  // above the line Li2O2 -> O2, at -1.6 * 2/3 = -1.0667: 0.5667 above.
  // Li4O2 is Li2O again, above it. Li3ClO (antiperovskite) at -1.8: the
  // tie-line LiCl (-1.9) + Li2O (-2.0), 2/5 and 3/5 of its atoms, is at -1.96.
  const std::vector<Entry> entries = {
      entry("Li", 0.0), entry("O2", 0.0), entry("Li2O", -2.0), entry("Li2O2", -1.6),
      entry("LiO2", -0.5), entry("Li4O2", -1.9, "Li4O2"), entry("Cl2", 0.0), entry("LiCl", -1.9),
      entry("Li3ClO", -1.8),
  };
  const auto rows = computed(entries);
  BOOST_TEST(rows[0].stable);
  BOOST_TEST(rows[2].stable);
  BOOST_TEST(rows[3].stable);
  BOOST_TEST(!rows[4].stable);
  CHECK_ABS(rows[4].e_above_hull, -0.5 + 1.6 * 2.0 / 3.0, 1e-12);
  CHECK_ABS(rows[4].hull_energy, -1.6 * 2.0 / 3.0, 1e-12);
  BOOST_TEST(phases(entries, rows[4]) == (std::set<std::string>{"Li2O2", "O2"}));
  CHECK_ABS(fraction_of(entries, rows[4], "Li2O2"), 2.0 / 3.0, 1e-12);
  // Another entry of Li2O's composition: 0.1 above it, decomposes into it.
  BOOST_TEST(!rows[5].stable);
  CHECK_ABS(rows[5].e_above_hull, 0.1, 1e-12);
  BOOST_TEST(phases(entries, rows[5]) == (std::set<std::string>{"Li2O"}));
  BOOST_TEST(!rows[8].stable);
  CHECK_ABS(rows[8].hull_energy, 0.4 * -1.9 + 0.6 * -2.0, 1e-12);
  CHECK_ABS(rows[8].e_above_hull, -1.8 + 1.96, 1e-12);
  BOOST_TEST(phases(entries, rows[8]) == (std::set<std::string>{"LiCl", "Li2O"}));
  CHECK_ABS(fraction_of(entries, rows[8], "Li2O"), 0.6, 1e-12);
}

BOOST_AUTO_TEST_CASE(degenerate_cases_as_pymatgen_treats_them) {
  const std::vector<Entry> entries = {
      // A-B collinear: AB at -1.0 (x = 1/2); A3B at -0.5 lies exactly on the line A -> AB: not a vertex.
      entry("Li", 0.0, "Li"), entry("Na", 0.0, "Na"), entry("LiNa", -1.0, "LiNa"), entry("Li3Na", -0.5, "Li3Na"),
      // Two entries of one composition at the same energy: only the first is stable.
      entry("LiK", -0.8, "LiK-first"), entry("K", 0.0, "K"), entry("LiK", -0.8, "LiK-second"),
      // A ternary exactly on the plane of its three binaries' vertices.
      entry("NaK", -0.6, "NaK"), entry("LiNaK", -0.8, "LiNaK"),
      // No pure Cs entry: an implicit reference at 0; CsLi below it.
      entry("CsLi", -0.2, "CsLi"),
      // Pure Rb only above 0 (a metastable allotrope): the reference is implicit at 0.
      entry("Rb", 0.3, "Rb-high"), entry("RbLi", 0.1, "RbLi"),
  };
  const auto rows = computed(entries);
  BOOST_TEST(rows[2].stable);
  BOOST_TEST(!rows[3].stable);
  CHECK_ABS(rows[3].e_above_hull, 0.0, 1e-12);
  BOOST_TEST(phases(entries, rows[3]) == (std::set<std::string>{"Li", "LiNa"}));

  BOOST_TEST(rows[4].stable);
  BOOST_TEST(!rows[6].stable);
  BOOST_TEST(rows[6].e_above_hull == 0.0);
  BOOST_TEST(phases(entries, rows[6]) == (std::set<std::string>{"LiK-first"}));

  // LiNaK at -0.8 = the average of LiNa, LiK and NaK (-1.0, -0.8, -0.6): on the plane.
  BOOST_TEST(!rows[8].stable);
  CHECK_ABS(rows[8].e_above_hull, 0.0, 1e-12);
  BOOST_TEST(phases(entries, rows[8]) == (std::set<std::string>{"LiNa", "LiK-first", "NaK"}));

  BOOST_TEST(rows[9].stable);
  const std::vector<Entry> cs_li = {entry("Li", 0.0), entry("CsLi3", -0.1)};
  BOOST_TEST(computed(cs_li)[1].stable);
  CHECK_ABS(computed(cs_li)[1].hull_energy, -0.1, 1e-12);
  // Rb: the implicit reference at 0 is the vertex; the allotrope is 0.3 above it; RbLi above both.
  BOOST_TEST(!rows[10].stable);
  CHECK_ABS(rows[10].e_above_hull, 0.3, 1e-12);
  BOOST_TEST(phases(entries, rows[10]) == (std::set<std::string>{"reference:Rb"}));
  BOOST_TEST(!rows[11].stable);
  CHECK_ABS(rows[11].e_above_hull, 0.1, 1e-12);
  BOOST_TEST(phases(entries, rows[11]) == (std::set<std::string>{"reference:Rb", "Li"}));
}

BOOST_AUTO_TEST_CASE(threads_give_the_same_rows) {
  const Database& db = test::default_database();
  const auto entries = db.entries_in_system(parse_chemsys("Li-P-S-Cl-O-In-Ru"), db.resolve_dataset().id);
  const auto one = computed(entries, 1), two = computed(entries, 2);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    BOOST_TEST(one[i].e_above_hull == two[i].e_above_hull);
    BOOST_TEST(one[i].stable == two[i].stable);
    BOOST_TEST(one[i].decomposition == two[i].decomposition);
  }
}

// Each entry judged on the Qhull phase diagram of its own chemical system,
// built from every entry of that system: the same numbers (the default data,
// every system of a seeded sample of the chemical systems).
BOOST_AUTO_TEST_CASE(equals_the_phase_diagram_of_each_system) {
  const Database& db = test::default_database();
  const auto dataset = db.resolve_dataset().id;
  const auto entries = db.entries(dataset);
  const auto rows = computed(entries, 2);
  std::map<std::string, std::vector<std::size_t>> systems;
  for (std::size_t i = 0; i < entries.size(); ++i) systems[entries[i].composition.chemsys()].push_back(i);
  std::vector<std::string> names;
  for (const auto& [name, members] : systems) names.push_back(name);
  std::mt19937 random(2026);
  std::shuffle(names.begin(), names.end(), random);
  names.resize(300);
  names.push_back("Cl-Li-P-S");
  names.push_back("In-Li-O-Ru");
  std::size_t checked = 0;
  for (const auto& name : names) {
    const PhaseDiagram pd = PhaseDiagram::from_formation_energies(db.entries_in_system(parse_chemsys(name), dataset),
                                                                    parse_chemsys(name));
    std::map<std::string, std::size_t> position;
    for (std::size_t p = 0; p < pd.entries().size(); ++p) position[pd.entries()[p].id] = p;
    for (const std::size_t i : systems[name]) {
      const std::size_t p = position.at(entries[i].id);
      BOOST_TEST_CONTEXT(entries[i].id << " " << entries[i].formula << " in " << name) {
        BOOST_TEST(rows[i].stable == pd.is_stable(p));
        CHECK_ABS(rows[i].e_above_hull, pd.e_above_hull(p), 1e-9);
        const Decomposition d = pd.decomposition(entries[i].composition);
        CHECK_ABS(rows[i].hull_energy, d.energy, 1e-9);
        std::set<std::string> expected;
        for (const auto& part : d.parts) expected.insert(pd.entries()[part.entry].id);
        BOOST_TEST(phases(entries, rows[i]) == expected);
      }
      ++checked;
    }
  }
  BOOST_TEST(checked > 500u);
}

// After any sequence of adds and removes the incrementally kept rows equal a
// full computation; entries that change nothing recompute one system.
BOOST_AUTO_TEST_CASE(incremental_updates_equal_a_full_computation) {
  const Database& db = test::default_database();
  std::vector<Entry> entries = db.entries_in_system(parse_chemsys("Li-P-S-Cl-O"), db.resolve_dataset().id);
  std::vector<EntryStability> rows = computed(entries);
  std::mt19937 random(7);
  const std::vector<std::string> formulas = {"Li3PS4", "Li2S", "LiCl", "Li6PS5Cl", "Li3PO4", "P2S5", "LiPO3",
                                             "Li7PS6", "SCl2", "Li", "O2", "Li2O", "Li5P2O6Cl", "PS4Cl3"};
  std::uniform_real_distribution<double> energy(-2.2, 0.1);
  std::size_t small_changes = 0;
  for (int step = 0; step < 60; ++step) {
    const bool add = entries.size() < 20 || random() % 3 != 0;
    std::vector<int> changed;
    bool removed_vertex = false;
    if (add) {
      Entry e = entry(formulas[random() % formulas.size()], energy(random), "added:" + std::to_string(step));
      if (e.composition.amounts().size() == 1) e.e_form = std::max(e.e_form, 0.0);  // keep references at 0
      changed = e.composition.elements();
      entries.push_back(std::move(e));
      rows.emplace_back();
    } else {
      const std::size_t victim = random() % entries.size();
      changed = entries[victim].composition.elements();
      removed_vertex = rows[victim].stable;
      entries.erase(entries.begin() + static_cast<long>(victim));
      rows.erase(rows.begin() + static_cast<long>(victim));
      // Decompositions refer to entries by index: shift those after the victim.
      for (auto& r : rows)
        for (auto& [p, f] : r.decomposition)
          if (p > static_cast<std::int64_t>(victim)) --p;
    }
    const StabilityRun run = update_stability(entries, rows, changed, removed_vertex, 1);
    small_changes += run.recomputed == 1;
    const auto full = computed(entries);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      BOOST_TEST_CONTEXT("step " << step << ", " << entries[i].id << " " << entries[i].formula) {
        BOOST_TEST(rows[i].stable == full[i].stable);
        BOOST_TEST(rows[i].e_above_hull == full[i].e_above_hull);
        BOOST_TEST(rows[i].hull_energy == full[i].hull_energy);
        BOOST_TEST(rows[i].decomposition == full[i].decomposition);
      }
    }
  }
  BOOST_TEST(small_changes > 0u);
}

BOOST_AUTO_TEST_SUITE_END()  // test_dataset_stability
