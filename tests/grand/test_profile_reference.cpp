// Element profiles and stability windows against pymatgen's get_element_profile
// (tests/reference/make_grand_reference.py writes grand_reference.json): every
// critical voltage, Li uptake and phase set of ten materials, and their windows.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "interphase/grand/profile.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"

BOOST_AUTO_TEST_SUITE(test_profile_reference)

using namespace interphase;
using nlohmann::json;

namespace {

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

}  // namespace

namespace {

void check_profiles(const std::string& fixture, std::size_t at_least) {
  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/" + fixture);
  BOOST_TEST_REQUIRE(in.good());
  const json ref = json::parse(in);
  BOOST_TEST_REQUIRE(ref["element_profiles"].size() >= at_least);
  for (const auto& p : ref["element_profiles"]) {
    const Composition c = Composition::parse(p["formula"].get<std::string>());
    BOOST_TEST_CONTEXT(p["formula"].get<std::string>()) {
      const auto set = test::default_stable_set({p["formula"].get<std::string>()}, {3});
      const StableSet& pd = *set;
      const auto steps = element_profile(pd, 3, c);
      BOOST_TEST_REQUIRE(steps.size() == p["steps"].size());
      for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& s = p["steps"][i];
        BOOST_TEST_CONTEXT("step " << i) {
          CHECK_ABS(steps[i].voltage, s["V"].get<double>(), 1e-6);
          CHECK_ABS(steps[i].evolution, s["evolution"].get<double>(), 1e-6);
          BOOST_TEST(names(pd, steps[i].phases) == names(s["phases"]));
        }
      }
      // The fixture's window: "interval" around the zero-evolution step, or "point"
      // where uptake turns into release.
      const Window w = stability_window(steps);
      const auto& rw = p["window"];
      BOOST_TEST(w.found);
      BOOST_TEST(w.single_voltage == (rw["kind"] == "point"));
      BOOST_TEST_REQUIRE(w.reduction.has_value());
      CHECK_ABS(*w.reduction, rw["reduction_onset"].get<double>(), 1e-6);
      BOOST_TEST(w.oxidation.has_value() == !rw["oxidation_onset"].is_null());
      if (w.oxidation) CHECK_ABS(*w.oxidation, rw["oxidation_onset"].get<double>(), 1e-6);
      BOOST_TEST(names(pd, w.phases) == names(rw["phases"]));
      BOOST_TEST(names(pd, w.reduced_phases) == names(rw["reduced_phases"]));
      BOOST_TEST(names(pd, w.oxidized_phases) == names(rw["oxidized_phases"]));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(profiles_and_windows_match_pymatgen) { check_profiles("grand_reference.json", 10u); }

// Cathodes and electrolytes beyond the seed, some with the Li ray along hull edges
// (tests/reference/make_profile_extra_reference.py).
BOOST_AUTO_TEST_CASE(more_profiles_match_pymatgen) { check_profiles("profile_extra_reference.json", 12u); }

BOOST_AUTO_TEST_SUITE_END()  // test_profile_reference
