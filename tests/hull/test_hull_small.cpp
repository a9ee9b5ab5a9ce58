// Phase diagrams of made-up systems whose hulls are worked out by hand,
// including the degenerate cases: collinear, coplanar, duplicate and on-facet
// points, a system of elements only, and a single element.
#include <boost/test/unit_test.hpp>

#include "support/close.hpp"

#include <map>

#include "interphase/error.hpp"
#include "interphase/hull/phase_diagram.hpp"
#include "interphase/hull/stability.hpp"
#include "support/entries.hpp"

BOOST_AUTO_TEST_SUITE(test_hull_small)

using namespace interphase;
using interphase::test::entry;

namespace {

constexpr double kTol = 1e-9;

std::size_t index_of(const PhaseDiagram& pd, const std::string& id) {
  for (std::size_t i = 0; i < pd.entries().size(); ++i)
    if (pd.entries()[i].id == id) return i;
  BOOST_FAIL("no entry " + id);
  return 0;
}

std::map<std::string, double> products(const PhaseDiagram& pd, const std::string& formula) {
  std::map<std::string, double> out;
  for (const auto& p : pd.decomposition(Composition::parse(formula)).parts) out[pd.entries()[p.entry].name()] += p.fraction;
  return out;
}

// Li-O, x = fraction of O: Li (0,0), Li3O (1/4,-1.0), Li2O (1/3,-2.0), Li2O2 (1/2,-1.6),
// LiO2 (2/3,-0.9), O (1,0). Lower hull: Li, Li2O, Li2O2, O; LiO2 lies 1/6 above the
// Li2O2-O tie line (-16/15 at 2/3), Li3O 0.5 above the Li-Li2O line (-1.5 at 1/4).
std::vector<Entry> li_o() {
  return {entry("Li", 0.0), entry("O2", 0.0), entry("Li3O", -1.0), entry("Li2O", -2.0),
          entry("Li2O2", -1.6), entry("LiO2", -0.9)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(binary_hull_by_hand) {
  const PhaseDiagram pd(li_o());
  BOOST_TEST(pd.chemsys() == "Li-O");
  BOOST_TEST(pd.is_stable(index_of(pd, "Li2O")));
  BOOST_TEST(pd.is_stable(index_of(pd, "Li2O2")));
  BOOST_TEST(!pd.is_stable(index_of(pd, "LiO2")));
  BOOST_TEST(!pd.is_stable(index_of(pd, "Li3O")));
  BOOST_TEST(pd.stable().size() == 4u);
  CHECK_ABS(pd.e_above_hull(index_of(pd, "LiO2")), 1.0 / 6.0, kTol);
  CHECK_ABS(pd.e_above_hull(index_of(pd, "Li3O")), 0.5, kTol);
  BOOST_TEST(pd.e_above_hull(index_of(pd, "Li2O")) == 0.0);
  // LiO2 -> 2/3 Li2O2 + 1/3 O2 (atomic fractions).
  const auto p = products(pd, "LiO2");
  BOOST_TEST(p.size() == 2u);
  CHECK_ABS(p.at("Li2O2"), 2.0 / 3.0, kTol);
  CHECK_ABS(p.at("O2"), 1.0 / 3.0, kTol);
  // E_hull anywhere on the Li-Li2O segment is -6 x_O.
  CHECK_ABS(pd.hull_energy(Composition::parse("Li9O")), -0.6, kTol);
  CHECK_ABS(pd.hull_energy(Composition::parse("Li")), 0.0, kTol);
}

BOOST_AUTO_TEST_CASE(decomposition_enthalpy_by_hand) {
  const PhaseDiagram pd(li_o());
  // Without Li2O the hull at x_O = 1/3 runs Li3O (1/4,-1) -> Li2O2 (1/2,-1.6): -1.2.
  CHECK_ABS(pd.decomposition_enthalpy(index_of(pd, "Li2O")), -0.8, kTol);
  // Without Li2O2 the hull at 1/2 is the Li2O-O line: -1.5.
  CHECK_ABS(pd.decomposition_enthalpy(index_of(pd, "Li2O2")), -0.1, kTol);
  // Unstable entries: their e_above_hull; elements: 0.
  CHECK_ABS(pd.decomposition_enthalpy(index_of(pd, "Li3O")), 0.5, kTol);
  BOOST_TEST(pd.decomposition_enthalpy(index_of(pd, "Li")) == 0.0);
}

BOOST_AUTO_TEST_CASE(collinear_point_lies_on_the_hull) {
  auto entries = li_o();
  // Li4O3 (x_O = 3/7) exactly on the Li2O-Li2O2 tie line: -2 + (3/7 - 1/3) * 2.4.
  const double on_line = -2.0 + (3.0 / 7.0 - 1.0 / 3.0) * 2.4;
  entries.push_back(entry("Li4O3", on_line));
  const PhaseDiagram pd(entries);
  const auto i = index_of(pd, "Li4O3");
  CHECK_ABS(pd.e_above_hull(i), 0.0, kTol);
  CHECK_ABS(pd.hull_energy(Composition::parse("Li4O3")), on_line, kTol);
  // Whichever way the segment is split, the decomposition reproduces the composition and energy.
  const auto d = pd.decomposition(Composition::parse("Li5O4"));
  double o = 0, sum = 0;
  for (const auto& part : d.parts) {
    sum += part.fraction;
    o += part.fraction * pd.entries()[part.entry].composition.atomic_fraction(8);
  }
  CHECK_ABS(sum, 1.0, kTol);
  CHECK_ABS(o, 4.0 / 9.0, kTol);
  CHECK_ABS(d.energy, -2.0 + (4.0 / 9.0 - 1.0 / 3.0) * 2.4, kTol);
}

BOOST_AUTO_TEST_CASE(duplicates_and_polymorphs) {
  auto entries = li_o();
  entries.push_back(entry("Li2O", -2.0, "Li2O-twin"));      // exact duplicate
  entries.push_back(entry("Li4O2", -1.9, "Li2O-polymorph"));  // same composition, 0.1 higher
  const PhaseDiagram pd(entries);
  BOOST_TEST(pd.e_above_hull(index_of(pd, "Li2O")) == 0.0);
  BOOST_TEST(pd.e_above_hull(index_of(pd, "Li2O-twin")) == 0.0);
  CHECK_ABS(pd.e_above_hull(index_of(pd, "Li2O-polymorph")), 0.1, kTol);
  BOOST_TEST(!pd.is_stable(index_of(pd, "Li2O-polymorph")));
  // Exactly one of the twins is the vertex.
  BOOST_TEST(pd.is_stable(index_of(pd, "Li2O")) + pd.is_stable(index_of(pd, "Li2O-twin")) == 1);
  BOOST_TEST(pd.stable().size() == 4u);
  // The lowest entry of Li4O2's composition is the first Li2O.
  BOOST_TEST(pd.entries()[*pd.lowest_entry(Composition::parse("Li4O2"))].e_form == -2.0);
}

BOOST_AUTO_TEST_CASE(elements_only) {
  const PhaseDiagram pd({entry("Li", 0.0), entry("O2", 0.0), entry("O2", 0.2, "ozone-like")});
  CHECK_ABS(pd.hull_energy(Composition::parse("Li2O")), 0.0, kTol);
  const auto p = products(pd, "Li2O");
  CHECK_ABS(p.at("Li"), 2.0 / 3.0, kTol);
  CHECK_ABS(p.at("O2"), 1.0 / 3.0, kTol);
  CHECK_ABS(pd.e_above_hull(index_of(pd, "ozone-like")), 0.2, kTol);
}

BOOST_AUTO_TEST_CASE(single_element) {
  const PhaseDiagram pd({entry("Li", 0.0), entry("Li2", 0.05, "bcc")});
  BOOST_TEST(pd.stable().size() == 1u);
  CHECK_ABS(pd.e_above_hull(index_of(pd, "bcc")), 0.05, kTol);
  BOOST_TEST(pd.hull_energy(Composition::parse("Li")) == 0.0);
}

BOOST_AUTO_TEST_CASE(compounds_above_the_elements_never_enter_the_hull) {
  const PhaseDiagram pd({entry("Li", 0.0), entry("O2", 0.0), entry("LiO", 0.3)});
  BOOST_TEST(pd.stable().size() == 2u);
  CHECK_ABS(pd.e_above_hull(index_of(pd, "LiO")), 0.3, kTol);
}

BOOST_AUTO_TEST_CASE(missing_reference) {
  // A generic diagram needs every element's reference ...
  BOOST_CHECK_THROW(PhaseDiagram({entry("Li", 0.0), entry("Li2O", -2.0)}), ThermoError);
  // ... formation-energy data have it implicitly at 0.
  const auto pd = PhaseDiagram::from_formation_energies({entry("Li", 0.0), entry("Li2O", -2.0)});
  CHECK_ABS(pd.hull_energy(Composition::parse("LiO")), -1.5, kTol);
}

BOOST_AUTO_TEST_CASE(composition_outside_the_system) {
  const PhaseDiagram pd(li_o());
  BOOST_CHECK_THROW(pd.hull_energy(Composition::parse("LiCl")), ThermoError);
}

// Ternary Li-Na-K: each binary 1:1 compound at -1.0, so the triangle of the three
// midpoints is a facet at -1.0, and E_hull = -2 (1 - x_Li) in the Li corner.
std::vector<Entry> ternary(double linak) {
  return {entry("Li", 0.0),    entry("Na", 0.0),    entry("K", 0.0),     entry("LiNa", -1.0),
          entry("NaK", -1.0), entry("LiK", -1.0), entry("LiNaK", linak)};
}

BOOST_AUTO_TEST_CASE(ternary_by_hand) {
  const PhaseDiagram below(ternary(-1.2));
  BOOST_TEST(below.is_stable(index_of(below, "LiNaK")));
  CHECK_ABS(below.decomposition_enthalpy(index_of(below, "LiNaK")), -0.2, kTol);
  CHECK_ABS(below.hull_energy(Composition::parse("Li4NaK")), -2.0 / 3.0, kTol);

  const PhaseDiagram above(ternary(-0.9));
  BOOST_TEST(!above.is_stable(index_of(above, "LiNaK")));
  CHECK_ABS(above.e_above_hull(index_of(above, "LiNaK")), 0.1, kTol);
  const auto p = products(above, "LiNaK");
  BOOST_TEST(p.size() == 3u);
  for (const char* name : {"LiNa", "NaK", "LiK"})
    CHECK_ABS(p.at(Composition::parse(name).reduced_formula()), 1.0 / 3.0, kTol);
}

BOOST_AUTO_TEST_CASE(coplanar_and_on_facet_points) {
  // LiNaK at exactly -1.0 lies in the midpoint facet: on the hull, 0 above it.
  const PhaseDiagram pd(ternary(-1.0));
  CHECK_ABS(pd.e_above_hull(index_of(pd, "LiNaK")), 0.0, kTol);
  // Every composition in the midpoint triangle is at -1.0, however Qhull splits it.
  for (const char* f : {"Li2NaK", "LiNa2K", "Li3Na3K2", "LiNaK"}) {
    const auto s = stability(pd, Composition::parse(f));
    CHECK_ABS(s.hull_energy, -1.0, kTol);
    double sum = 0;
    for (const auto& [name, fraction] : s.products) sum += fraction;
    CHECK_ABS(sum, 1.0, kTol);
  }
}

BOOST_AUTO_TEST_CASE(line_crossings_of_a_ternary) {
  // From K (t = 0) to LiNa (t = 1) through LiNaK: crossings at the edge LiK-NaK
  // (t = 1/2, composition Li1Na1K2), at LiNaK (t = 2/3) and the ends.
  const PhaseDiagram pd(ternary(-1.2));
  const auto ts = pd.line_crossings(pd.coordinates(Composition::parse("K")), pd.coordinates(Composition::parse("LiNa")));
  BOOST_TEST_REQUIRE(ts.size() == 4u);
  BOOST_TEST(ts[0] == 0.0);
  CHECK_ABS(ts[1], 0.5, kTol);
  CHECK_ABS(ts[2], 2.0 / 3.0, kTol);
  BOOST_TEST(ts[3] == 1.0);
}

// A facet lost from the built hull (as to a flat simplex or a Qhull precision
// merge) never gives a number. Li-O by hand: LiO2 lies in the Li2O2-O facet.
BOOST_AUTO_TEST_CASE(a_lost_facet_is_rebuilt_from_joggled_input) {
  PhaseDiagram pd(li_o());
  const Eigen::VectorXd x = pd.coordinates(Composition::parse("LiO2"));
  pd.drop_facets_for_testing(x, false);
  BOOST_TEST(pd.facets().size() == 2u);  // Li-Li2O and Li2O-Li2O2 are left
  // The joggled rebuild has the facet again: the answer by hand.
  const auto p = products(pd, "LiO2");
  BOOST_TEST(p.size() == 2u);
  CHECK_ABS(p.at("Li2O2"), 2.0 / 3.0, kTol);
  CHECK_ABS(p.at("O2"), 1.0 / 3.0, kTol);
  CHECK_ABS(pd.hull_energy(x), -16.0 / 15.0, kTol);
  CHECK_ABS(pd.e_above_hull(index_of(pd, "LiO2")), 1.0 / 6.0, kTol);
  const auto ts = pd.line_crossings(pd.coordinates(Composition::parse("Li")), pd.coordinates(Composition::parse("O")));
  BOOST_TEST(ts.size() == 4u);  // Li, Li2O, Li2O2, O
}

BOOST_AUTO_TEST_CASE(a_facet_lost_for_good_is_an_internal_error) {
  PhaseDiagram pd(li_o());
  const Eigen::VectorXd x = pd.coordinates(Composition::parse("LiO2"));
  pd.drop_facets_for_testing(x, true);
  const auto message_of = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const Error&) {
      return "bad-input error";  // not an input problem: must not be an Error
    } catch (const InternalError& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string decomposition = message_of([&] { pd.decomposition(x); });
  BOOST_TEST(decomposition.find("no facet of the hull of Li-O contains the composition Li0.33333333O0.66666667") !=
                 std::string::npos, decomposition);
  BOOST_TEST(decomposition.find("joggled") != std::string::npos, decomposition);
  BOOST_TEST(message_of([&] { pd.hull_energy(x); }) == decomposition);
  const std::string line = message_of([&] {
    pd.line_crossings(pd.coordinates(Composition::parse("Li")), pd.coordinates(Composition::parse("O")));
  });
  BOOST_TEST(line.find("leave a gap on the line from Li to O") != std::string::npos, line);
  // Points the remaining facets hold are still answered.
  CHECK_ABS(pd.hull_energy(pd.coordinates(Composition::parse("Li2O"))), -2.0, kTol);
}

BOOST_AUTO_TEST_SUITE_END()  // test_hull_small
