// The exact (x, V) map of both seed pairs against a 0.01 V x 0.001 sampling of
// pymatgen (tests/reference/make_grand_map_reference.py writes
// grand_map_reference.json): every sample off a region edge has its region's
// products, and the corner energies interpolate to pymatgen's mutual energies.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/close.hpp"
#include "support/default_data.hpp"
#include "support/map_sampling.hpp"

BOOST_AUTO_TEST_SUITE(test_map_reference)

using namespace interphase;
using nlohmann::json;

BOOST_AUTO_TEST_CASE(map_regions_match_pymatgen_samples) {
  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/grand_map_reference.json");
  BOOST_TEST_REQUIRE(in.good());
  const json ref = json::parse(in);
  BOOST_TEST_REQUIRE(ref["pairs"].size() == 2u);
  for (const auto& pair : ref["pairs"]) {
    const auto closed = test::default_stable_set({pair["c1"].get<std::string>(), pair["c2"].get<std::string>()}, {3});
    const Reactant a = Reactant::parse(pair["c1"]), b = Reactant::parse(pair["c2"]);
    const ReactionMap map = reaction_map(closed, a, b, 3, 0.0, 5.0);
    const auto sets = pair["product_sets"].get<std::vector<std::vector<std::string>>>();
    std::size_t checked = 0, mismatched = 0;
    for (const auto& row : pair["rows"]) {
      const double v = row["V"];
      for (const auto& run : row["runs"]) {
        for (int i = run[0].get<int>(); i <= run[1].get<int>(); ++i) {
          const double x = i / 1000.0;
          const MapRegion& r = map.region_at(x, v);
          if (test::on_edge(r, x, v)) continue;
          ++checked;
          if (r.products != sets.at(run[2].get<std::size_t>()) && ++mismatched <= 5)
            BOOST_ERROR(a.formula << "/" << b.formula << " at x = " << x << ", V = " << v << ": region products differ from pymatgen's");
        }
      }
    }
    BOOST_TEST(mismatched == 0u);
    BOOST_TEST(checked > 490000u, checked << " samples checked");

    // Corner energies: bilinear in (position on the Li-free line, V) inside a region.
    const test::LinePositions positions(a, b, 3);
    for (const auto& e : pair["energies"]) {
      const double v = e["V"];
      for (std::size_t k = 0; k < e["x"].size(); ++k) {
        const double x = e["x"][k];
        const MapRegion& r = map.region_at(x, v);
        CHECK_ABS(test::corner_interpolation(r, positions, x, v), e["mutual"][k].get<double>(), 1e-6);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_map_reference
