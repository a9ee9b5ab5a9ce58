// Identities every hull must satisfy, checked on random chemical systems drawn
// from the default data (seeded: the same systems every run; set
// INTERPHASE_PROPERTY_SEED to draw others). Each failure names the seed and
// the system.
//   - E_hull is at or below every entry;
//   - decompositions have positive fractions that sum to 1 and rebuild the
//     composition, at the hull energy;
//   - every stable entry is a vertex: the hull of the other compositions lies
//     above it, and it decomposes into itself;
//   - the Qhull phase diagram and the stable set's linear program agree;
//   - with Li open at mu, the grand set's hull equals a closed hull built from
//     every entry's grand potential per non-Li atom.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "interphase/hull/load.hpp"
#include "interphase/hull/phase_diagram.hpp"
#include "interphase/hull/stable_set.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"

BOOST_AUTO_TEST_SUITE(test_properties)

using namespace interphase;

namespace {

constexpr double kTol = 1e-7;  // eV/atom and atomic fractions: far above rounding, far below any physics
constexpr int kLi = 3;

unsigned seed() {
  const char* text = std::getenv("INTERPHASE_PROPERTY_SEED");
  return text ? static_cast<unsigned>(std::strtoul(text, nullptr, 10)) : 20240501u;
}

/// Random systems of the default data: the union of the elements of one to
/// three random entries, kept to 2..max_elements elements. With `with`, every
/// system holds that element.
std::vector<std::vector<int>> random_systems(std::mt19937& rng, std::size_t count, std::size_t max_elements, int with = 0) {
  static const std::vector<Entry> all = [] {
    const Database& db = test::default_database();
    return db.entries(db.resolve_dataset().id);
  }();
  std::vector<const Entry*> pool;
  for (const Entry& e : all)
    if (with == 0 || e.composition.amount(with) > 0) pool.push_back(&e);
  std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1), how_many(1, 3);
  std::set<std::vector<int>> seen;
  std::vector<std::vector<int>> out;
  while (out.size() < count) {
    std::set<int> elements;
    for (std::size_t k = how_many(rng); k > 0; --k)
      for (const auto& [z, amount] : pool[pick(rng)]->composition.amounts()) elements.insert(z);
    if (elements.size() < 2 || elements.size() > max_elements) continue;
    std::vector<int> system(elements.begin(), elements.end());
    if (seen.insert(system).second) out.push_back(system);
  }
  return out;
}

/// A random point of composition space over n elements (every element present).
Eigen::VectorXd random_point(std::mt19937& rng, Eigen::Index n) {
  std::exponential_distribution<double> weight(1.0);
  Eigen::VectorXd x(n);
  for (Eigen::Index k = 0; k < n; ++k) x[k] = weight(rng) + 1e-3;
  return x / x.sum();
}

std::string label(const std::vector<int>& system) { return "seed " + std::to_string(seed()) + ", " + chemsys_string(system); }

}  // namespace

BOOST_AUTO_TEST_CASE(hull_identities_on_random_systems) {
  std::mt19937 rng(seed());
  const Database& db = test::default_database();
  const auto dataset = db.resolve_dataset().id;
  std::size_t systems = 0, points = 0;
  for (const auto& system : random_systems(rng, 150, 5)) {
    const PhaseDiagram pd = load_phase_diagram(db, dataset, system);
    const auto set = load_stable_set(db, dataset, system);
    const std::string where = label(system);
    ++systems;

    // The stable set (stored stability, linear program) has the diagram's vertices.
    std::set<std::string> vertices, phases;
    for (std::size_t i : pd.stable()) vertices.insert(pd.entries()[i].name());
    for (std::size_t i = 0; i < set->size(); ++i) phases.insert(set->name(i));
    BOOST_TEST((vertices == phases), where << ": stable phases differ between the hull and the stable set");

    for (std::size_t i = 0; i < pd.entries().size(); ++i) {
      const Entry& e = pd.entries()[i];
      const Eigen::VectorXd x = pd.coordinates(e.composition);
      // E_hull at or below every entry; e_above_hull is the gap, never negative.
      const double hull = pd.hull_energy(x);
      BOOST_TEST(hull <= e.e_form + kTol, where << ": E_hull " << hull << " above " << e.id << " at " << e.e_form);
      BOOST_TEST(pd.e_above_hull(i) >= 0.0, where << ": " << e.id);
      CHECK_ABS(set->hull_energy(e.composition), hull, kTol);
      if (!pd.is_stable(i)) continue;
      // A stable entry is a vertex: the others' hull lies at or above it, and it is its own decomposition.
      BOOST_TEST(pd.decomposition_enthalpy(i) <= kTol, where << ": stable " << e.id << " lies above the others' hull");
      const Decomposition d = pd.decomposition(x);
      BOOST_TEST_REQUIRE(d.parts.size() == 1u, where << ": stable " << e.id << " decomposes into " << d.parts.size());
      BOOST_TEST(pd.entries()[d.parts[0].entry].composition.fractional().almost_equal(e.composition.fractional(), kTol),
                 where << ": " << e.id);
      CHECK_ABS(d.parts[0].fraction, 1.0, kTol);
    }

    // Decompositions at random compositions: positive fractions summing to 1
    // that rebuild the composition at the hull energy, the same from both engines.
    for (int k = 0; k < 8; ++k, ++points) {
      const Eigen::VectorXd x = random_point(rng, static_cast<Eigen::Index>(system.size()));
      const double hull = pd.hull_energy(x);
      const auto check = [&](const Decomposition& d, const char* engine, const auto& point_of, const auto& energy_of) {
        BOOST_TEST(!d.parts.empty(), where << ": " << engine << ": no phase");
        double sum = 0, energy = 0;
        Eigen::VectorXd rebuilt = Eigen::VectorXd::Zero(x.size());
        for (const auto& part : d.parts) {
          BOOST_TEST(part.fraction > 0.0, where << ": " << engine << ": fraction " << part.fraction);
          sum += part.fraction;
          rebuilt += part.fraction * point_of(part.entry);
          energy += part.fraction * energy_of(part.entry);
        }
        BOOST_TEST(std::abs(sum - 1.0) <= kTol, where << ": " << engine << ": fractions sum to " << sum);
        BOOST_TEST((rebuilt - x).cwiseAbs().maxCoeff() <= kTol, where << ": " << engine << ": does not rebuild the composition");
        BOOST_TEST(std::abs(energy - hull) <= kTol, where << ": " << engine << ": energy " << energy << ", E_hull " << hull);
        BOOST_TEST(std::abs(d.energy - hull) <= kTol, where << ": " << engine << ": reported energy " << d.energy);
      };
      check(pd.decomposition(x), "phase diagram", [&](std::size_t i) { return pd.coordinates(pd.entries()[i].composition); },
            [&](std::size_t i) { return pd.entries()[i].e_form; });
      check(set->decomposition(x), "stable set", [&](std::size_t i) { return set->point(i); },
            [&](std::size_t i) { return set->energy(i); });
    }
  }
  BOOST_TEST_MESSAGE(systems << " systems, " << points << " random compositions");
}

BOOST_AUTO_TEST_CASE(open_li_equals_a_closed_hull_of_grand_potentials) {
  std::mt19937 rng(seed() + 1);
  const Database& db = test::default_database();
  const auto dataset = db.resolve_dataset().id;
  std::uniform_real_distribution<double> voltage(0.0, 5.0);
  for (const auto& system : random_systems(rng, 60, 4, kLi)) {
    const std::string where = label(system);
    const PhaseDiagram pd = load_phase_diagram(db, dataset, system);
    const auto closed = load_stable_set(db, dataset, system);
    std::vector<int> rest;
    for (int z : system)
      if (z != kLi) rest.push_back(z);
    for (int k = 0; k < 3; ++k) {
      const double v = voltage(rng), mu = -v;
      const auto open = StableSet::grand(closed, {{kLi, mu}});
      // Every entry of the system, Li left out, at its grand potential per non-Li atom.
      std::vector<Entry> transformed;
      for (const Entry& e : pd.entries()) {
        const double li = e.composition.amount(kLi), atoms = e.composition.num_atoms();
        if (li == atoms) continue;
        std::map<int, double> amounts;
        for (const auto& [z, amount] : e.composition.amounts())
          if (z != kLi) amounts[z] = amount;
        Entry t = e;
        t.composition = Composition(amounts);
        t.e_form = (e.e_form * atoms - mu * li) / (atoms - li);
        transformed.push_back(std::move(t));
      }
      const PhaseDiagram grand = PhaseDiagram::from_formation_energies(transformed, rest);
      const std::string at = where + " at " + std::to_string(v) + " V";
      for (std::size_t i = 0; i < open->size(); ++i)
        CHECK_ABS(open->hull_energy(open->point(i)), grand.hull_energy(open->point(i)), kTol);
      for (std::size_t i : grand.stable()) {
        const Eigen::VectorXd x = grand.coordinates(grand.entries()[i].composition);
        CHECK_ABS(open->hull_energy(x), grand.hull_energy(x), kTol);
      }
      for (int p = 0; p < 5; ++p) {
        const Eigen::VectorXd x = random_point(rng, static_cast<Eigen::Index>(rest.size()));
        BOOST_TEST(std::abs(open->hull_energy(x) - grand.hull_energy(x)) <= kTol,
                   at << ": open form " << open->hull_energy(x) << ", closed hull of grand potentials " << grand.hull_energy(x));
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_properties
