#include <boost/test/unit_test.hpp>

/// The stored stability of a data set: kept current through random sequences
/// of `db add` and `db remove` (always equal to a full recompute), and read
/// back by `decompose` and `hull` as the phase diagram of the system gives it.
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "interphase/hull/dataset_stability.hpp"
#include "interphase/hull/stability.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"
#include "support/entries.hpp"

BOOST_AUTO_TEST_SUITE(test_stored_stability)

using namespace interphase;

namespace {

/// A database holding the default data's entries of one chemical system, as a CSV data set.
struct SubsetDatabase {
  test::TempDir dir{"stored"};
  Database db{dir.path / "db.sqlite"};
  std::int64_t dataset = 0;

  explicit SubsetDatabase(const std::string& chemsys) {
    const Database& full = test::default_database();
    const auto path = dir.path / "subset.csv";
    std::ofstream csv(path);
    csv << "formula,target\n";
    csv.precision(17);
    for (const Entry& e : full.entries_in_system(parse_chemsys(chemsys), full.resolve_dataset().id))
      csv << e.formula << "," << e.e_form << "\n";
    csv.close();
    dataset = db.import_csv(path).id;
  }
};

/// Stored rows keyed by external id, with phases by external id.
struct Row {
  double e_above_hull, hull_energy;
  bool stable;
  std::map<std::string, double> phases;
};

std::map<std::string, Row> stored_rows(const Database& db, std::int64_t dataset) {
  std::map<std::int64_t, std::string> ids;
  for (const Entry& e : db.entries(dataset)) ids[e.key] = e.id;
  std::map<std::string, Row> out;
  for (const auto& s : db.stability(dataset)) {
    Row r{s.e_above_hull, s.hull_energy, s.stable, {}};
    for (const auto& [key, fraction] : s.decomposition) r.phases[key < 0 ? std::to_string(key) : ids.at(key)] = fraction;
    out[ids.at(s.entry)] = r;
  }
  return out;
}

std::map<std::string, Row> fresh_rows(const Database& db, std::int64_t dataset) {
  const auto entries = db.entries(dataset);
  std::vector<EntryStability> rows;
  compute_stability(entries, rows, 1);
  std::map<std::string, Row> out;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    Row r{rows[i].e_above_hull, rows[i].hull_energy, rows[i].stable, {}};
    for (const auto& [p, fraction] : rows[i].decomposition)
      r.phases[p < 0 ? std::to_string(p) : entries[static_cast<std::size_t>(p)].id] = fraction;
    out[entries[i].id] = r;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_adds_and_removes_equal_a_full_recompute) {
  SubsetDatabase s("Li-Mn-O-F");
  BOOST_TEST(ensure_stability(s.db, s.dataset, 1));
  BOOST_TEST(!ensure_stability(s.db, s.dataset, 1));  // current: nothing to do
  std::mt19937 random(11);
  const std::vector<std::string> formulas = {"LiMnO2", "Li2MnO3", "LiMn2O4", "MnF2", "LiF", "Li2O", "MnO2",
                                             "LiMnF4", "Li3MnO4", "Mn3O4", "O2", "Mn", "Li5MnO4F", "LiMnOF"};
  std::uniform_real_distribution<double> energy(-3.0, 0.05);
  std::vector<std::string> added;
  std::size_t one_system = 0, many_systems = 0;
  for (int step = 0; step < 40; ++step) {
    EntryChange change;
    if (added.empty() || random() % 3 != 0) {
      Entry e = test::entry(formulas[random() % formulas.size()], energy(random), "added:" + std::to_string(step));
      if (e.composition.amounts().size() == 1) e.e_form = std::max(e.e_form, 0.0);
      change = add_entry(s.db, s.dataset, e, 1);
      added.push_back(e.id);
    } else if (random() % 2 == 0) {
      const std::size_t k = random() % added.size();
      change = remove_entry(s.db, s.dataset, added[k], 1);
      added.erase(added.begin() + static_cast<long>(k));
    } else {  // an entry of the imported data
      const auto all = s.db.entries(s.dataset);
      change = remove_entry(s.db, s.dataset, all[random() % all.size()].id, 1);
    }
    (change.run.recomputed == 1 ? one_system : many_systems) += 1;
    BOOST_TEST(s.db.stability_current(s.dataset));
    const auto stored = stored_rows(s.db, s.dataset), fresh = fresh_rows(s.db, s.dataset);
    BOOST_TEST_REQUIRE(stored.size() == fresh.size());
    for (const auto& [id, row] : fresh) {
      BOOST_TEST_CONTEXT("step " << step << ", " << id) {
        const Row& got = stored.at(id);
        BOOST_TEST(got.stable == row.stable);
        BOOST_TEST(got.e_above_hull == row.e_above_hull);
        BOOST_TEST(got.hull_energy == row.hull_energy);
        BOOST_TEST(got.phases == row.phases);
      }
    }
  }
  BOOST_TEST(one_system > 0u);
  BOOST_TEST(many_systems > 0u);
}

BOOST_AUTO_TEST_CASE(decompose_and_hull_read_what_the_phase_diagram_gives) {
  SubsetDatabase s("Li-P-S-Cl");
  ensure_stability(s.db, s.dataset, 1);
  const auto elements = parse_chemsys("Li-P-S-Cl");
  const PhaseDiagram pd = PhaseDiagram::from_formation_energies(s.db.entries_in_system(elements, s.dataset), elements);
  for (const char* formula : {"Li6PS5Cl", "Li3PS4", "Li2S", "LiCl", "Li", "Li7PS6", "Li4P2S7Cl", "LiPS2Cl"}) {
    BOOST_TEST_CONTEXT(formula) {
      const Composition c = Composition::parse(formula);
      const Stability stored = stored_stability(s.db, s.dataset, c);
      const Stability direct = stability(pd, c);
      BOOST_TEST(stored.entry_id.value_or("-") == direct.entry_id.value_or("-"));
      BOOST_TEST(stored.stable == direct.stable);
      CHECK_ABS(stored.hull_energy, direct.hull_energy, 1e-9);
      if (direct.e_above_hull) CHECK_ABS(*stored.e_above_hull, *direct.e_above_hull, 1e-9);
      BOOST_TEST(stored.decomposition_enthalpy.has_value() == direct.decomposition_enthalpy.has_value());
      if (direct.decomposition_enthalpy) CHECK_ABS(*stored.decomposition_enthalpy, *direct.decomposition_enthalpy, 1e-9);
      std::set<std::string> a, b;
      for (const auto& [name, f] : stored.products) a.insert(name);
      for (const auto& [name, f] : direct.products) b.insert(name);
      BOOST_TEST(a == b);
    }
  }
  const HullTable stored = stored_hull_table(s.db, s.dataset, elements);
  const HullTable direct = hull_table(pd);
  BOOST_TEST_REQUIRE(stored.rows.size() == direct.rows.size());
  BOOST_TEST(stored.stable_count() == direct.stable_count());
  for (std::size_t i = 0; i < direct.rows.size(); ++i) {
    BOOST_TEST_CONTEXT(direct.rows[i].entry.id) {
      BOOST_TEST(stored.rows[i].entry.id == direct.rows[i].entry.id);
      BOOST_TEST(stored.rows[i].stable == direct.rows[i].stable);
      CHECK_ABS(stored.rows[i].e_above_hull, direct.rows[i].e_above_hull, 1e-9);
      if (direct.rows[i].decomposition_enthalpy)
        CHECK_ABS(*stored.rows[i].decomposition_enthalpy, *direct.rows[i].decomposition_enthalpy, 1e-9);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_composition_of_twelve_elements_decomposes_into_its_stable_entries) {
  // Qhull over the stable entries of 12 elements ran for minutes (10 elements:
  // 15 s); the stable entries' linear program answers at once. The products are
  // stable entries of the system in the composition's proportions, their
  // energies weighted the hull energy, and that energy the hull's anywhere else.
  const Database& db = test::default_database();
  const std::int64_t dataset = db.resolve_dataset().id;
  const Composition c = Composition::parse("LiBeBCNOFNaMgAlSiCl");
  const Stability s = stored_stability(db, dataset, c);
  BOOST_TEST(!s.entry_id.has_value());
  BOOST_TEST(s.chemsys == c.chemsys());
  std::map<std::string, const Entry*> stable;
  const auto phases = db.stable_entries_in_system(c.elements(), dataset);
  for (const Entry& e : phases) stable[e.name()] = &e;
  std::map<int, double> atoms;
  double energy = 0, total = 0;
  for (const auto& [name, fraction] : s.products) {
    BOOST_TEST_REQUIRE(stable.count(name) == 1u, name);
    const Entry& e = *stable.at(name);
    const Composition x = e.composition.fractional();
    for (const auto& [z, amount] : x.amounts()) atoms[z] += fraction * amount;
    energy += fraction * e.e_form;
    total += fraction;
  }
  CHECK_ABS(total, 1.0, 1e-9);
  const Composition x = c.fractional();
  for (const auto& [z, amount] : x.amounts()) CHECK_ABS(atoms[z], amount, 1e-9);
  CHECK_ABS(s.hull_energy, energy, 1e-9);
  CHECK_ABS(s.hull_energy, test::default_stable_set(c.elements())->hull_energy(c), 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()  // test_stored_stability
