// Every entry of five chemical systems of the default data against pymatgen
// (tests/reference/make_hull_reference.py writes hull_reference.json):
// e_above_hull, hull vertices, decomposition products and fractions, and the
// decomposition enthalpy of the stable entries.
#include <boost/test/unit_test.hpp>

#include "support/close.hpp"

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "interphase/hull/stability.hpp"
#include "support/default_data.hpp"

BOOST_AUTO_TEST_SUITE(test_hull_reference)

using namespace interphase;
using nlohmann::json;

namespace {

constexpr double kTol = 1e-6;  // eV/atom, the agreement promised with pymatgen

json load_reference() {
  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/hull_reference.json");
  BOOST_TEST_REQUIRE(in.good());
  return json::parse(in);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_entry_matches_pymatgen) {
  const json ref = load_reference();
  BOOST_TEST_REQUIRE(ref["systems"].size() >= 5u);
  for (const auto& sys : ref["systems"]) {
    const std::string chemsys = sys["chemsys"];
    BOOST_TEST_CONTEXT("system " << chemsys) {
      const PhaseDiagram pd = test::default_phase_diagram(chemsys);
      BOOST_TEST(pd.entries().size() == sys["n_entries"].get<std::size_t>());
      std::map<std::string, std::size_t> by_id;
      for (std::size_t i = 0; i < pd.entries().size(); ++i) by_id[pd.entries()[i].id] = i;

      std::size_t vertices = 0;
      for (const auto& e : sys["entries"]) {
        const std::string id = e["id"];
        BOOST_TEST_CONTEXT("entry " << id << " " << e["formula"].get<std::string>()) {
          BOOST_TEST_REQUIRE(by_id.count(id) == 1u);
          const std::size_t i = by_id[id];
          BOOST_TEST(pd.entries()[i].name() == e["reduced_formula"].get<std::string>());
          CHECK_ABS(pd.entries()[i].e_form, e["e_form"].get<double>(), 1e-12);
          CHECK_ABS(pd.e_above_hull(i), e["e_above_hull"].get<double>(), kTol);
          BOOST_TEST(pd.is_stable(i) == e["hull_vertex"].get<bool>());
          vertices += pd.is_stable(i);
          CHECK_ABS(pd.hull_energy(pd.entries()[i].composition), e["hull_energy"].get<double>(), kTol);

          std::map<std::string, double> mine;
          for (const auto& part : pd.decomposition(pd.entries()[i].composition).parts)
            mine[pd.entries()[part.entry].name()] += part.fraction;
          const auto theirs = e["decomposition"].get<std::map<std::string, double>>();
          BOOST_TEST(mine.size() == theirs.size());
          for (const auto& [name, fraction] : theirs) {
            BOOST_TEST_REQUIRE(mine.count(name) == 1u, "product " << name << " missing");
            CHECK_ABS(mine[name], fraction, kTol);
          }
          if (e["hull_vertex"].get<bool>() && e.contains("decomposition_enthalpy_exact")) {
            BOOST_TEST(pd.decomposition_enthalpy(i) == e["decomposition_enthalpy_exact"].get<double>(),
                       boost::test_tools::tolerance(kTol));
          }
        }
      }
      BOOST_TEST(vertices == sys["stable"].size());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_hull_reference
