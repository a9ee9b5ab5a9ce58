// Hulls in eight dimensions against pymatgen (tests/reference/make_hull8_reference.py
// writes hull8_reference.json): every entry's e_above_hull and hull-vertex flag, the
// number of lower facets and the stable phases of two eight-element systems, one of
// them 7420 entries large.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/close.hpp"
#include "support/default_data.hpp"

BOOST_AUTO_TEST_SUITE(test_hull8_reference)

using namespace interphase;

BOOST_AUTO_TEST_CASE(eight_element_hulls_match_pymatgen) {
  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/hull8_reference.json");
  BOOST_TEST_REQUIRE(in.good());
  const auto ref = nlohmann::json::parse(in);
  BOOST_TEST_REQUIRE(ref["systems"].size() == 2u);
  for (const auto& sys : ref["systems"]) {
    BOOST_TEST_CONTEXT(sys["chemsys"].get<std::string>()) {
      const PhaseDiagram pd = test::default_phase_diagram(sys["chemsys"]);
      BOOST_TEST(pd.elements().size() == 8u);
      BOOST_TEST(pd.entries().size() == sys["n_entries"].get<std::size_t>());
      BOOST_TEST(pd.facets().size() == sys["n_facets"].get<std::size_t>());
      std::map<std::string, std::size_t> by_id;
      for (std::size_t i = 0; i < pd.entries().size(); ++i) by_id[pd.entries()[i].id] = i;
      std::multiset<std::string> stable;
      for (std::size_t i : pd.stable()) stable.insert(pd.entries()[i].name());
      const auto theirs = sys["stable"].get<std::vector<std::string>>();
      BOOST_TEST((stable == std::multiset<std::string>(theirs.begin(), theirs.end())));
      std::size_t wrong = 0;
      for (const auto& row : sys["rows"]) {
        const std::size_t i = by_id.at(row[0].get<std::string>());
        const bool ok = std::abs(pd.e_above_hull(i) - row[1].get<double>()) <= 1e-6 && pd.is_stable(i) == row[2].get<bool>();
        if (!ok && ++wrong <= 5)
          BOOST_ERROR(row[0].get<std::string>() << ": e_above_hull " << pd.e_above_hull(i) << " vs " << row[1] << ", vertex "
                                                << pd.is_stable(i) << " vs " << row[2]);
      }
      BOOST_TEST(wrong == 0u);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_hull8_reference
