#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "interphase/composition/composition.hpp"
#include "interphase/error.hpp"

BOOST_AUTO_TEST_SUITE(test_composition)

using namespace interphase;

namespace {

/// The message of the FormulaError `f` throws, or "" if it throws none.
template <class F>
std::string error_message(F&& f) {
  try {
    f();
  } catch (const FormulaError& e) {
    return e.what();
  }
  return "";
}

std::string parse_error(const std::string& formula) {
  return error_message([&] { Composition::parse(formula); });
}

std::map<int, double> amounts_of(const std::string& formula) {
  return Composition::parse(formula).amounts();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(elements)

BOOST_AUTO_TEST_CASE(table_lookup) {
  BOOST_TEST(element(3).symbol == "Li");
  BOOST_TEST(element(3).name == "Lithium");
  BOOST_TEST(element(3).mass == 6.941);
  BOOST_TEST(element(3).x == 0.98);
  BOOST_TEST(element(44).symbol == "Ru");
  BOOST_TEST(element(118).symbol == "Og");
  for (int z = 1; z <= kNumElements; ++z) {
    BOOST_TEST(element(z).z == z);
    BOOST_TEST(find_element(element(z).symbol).value() == z);
  }
  BOOST_TEST(std::isnan(element(2).x));  // He
  BOOST_TEST(std::isnan(element(18).x));  // Ar
  BOOST_TEST(!std::isnan(element(54).x));  // Xe has one
  BOOST_CHECK_THROW(element(0), FormulaError);
  BOOST_CHECK_THROW(element(119), FormulaError);
}

BOOST_AUTO_TEST_CASE(symbols) {
  BOOST_TEST(atomic_number("Cl") == 17);
  BOOST_TEST(!find_element("Xq").has_value());
  BOOST_TEST(!find_element("li").has_value());
  BOOST_TEST(!find_element("").has_value());
  BOOST_TEST(error_message([] { atomic_number("Xq"); }) == "unknown element 'Xq'");
}

BOOST_AUTO_TEST_CASE(electronegativity_order) {
  BOOST_TEST(electronegativity_less(3, 8));    // Li < O
  BOOST_TEST(!electronegativity_less(8, 3));
  BOOST_TEST(electronegativity_less(1, 44));   // H = Ru = 2.2: by symbol
  BOOST_TEST(!electronegativity_less(44, 1));
  BOOST_TEST(electronegativity_less(6, 34));   // C = Se = 2.55: by symbol
  BOOST_TEST(electronegativity_less(9, 2));    // F < He: no X goes last
  BOOST_TEST(!electronegativity_less(2, 9));
  BOOST_TEST(electronegativity_less(18, 2));   // Ar < He: both without X, by symbol
  BOOST_TEST(!electronegativity_less(3, 3));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(parsing)

BOOST_AUTO_TEST_CASE(amounts) {
  using M = std::map<int, double>;
  BOOST_TEST((amounts_of("Li6PS5Cl") == M{{3, 6}, {15, 1}, {16, 5}, {17, 1}}));
  BOOST_TEST((amounts_of("Li2Ru1O3") == M{{3, 2}, {8, 3}, {44, 1}}));
  BOOST_TEST((amounts_of("Li2RuO3") == amounts_of("Li2Ru1O3")));
  BOOST_TEST((amounts_of("Ca3(PO4)2") == M{{8, 8}, {15, 2}, {20, 3}}));
  BOOST_TEST((amounts_of("Li0.5CoO2") == M{{3, 0.5}, {8, 2}, {27, 1}}));
  BOOST_TEST((amounts_of("(NH4)2SO4") == M{{1, 8}, {7, 2}, {8, 4}, {16, 1}}));
  BOOST_TEST((amounts_of("[Co(NH3)6]Cl3") == M{{1, 18}, {7, 6}, {17, 3}, {27, 1}}));
  BOOST_TEST((amounts_of("((CH3)3N)2") == M{{1, 18}, {6, 6}, {7, 2}}));
  BOOST_TEST((amounts_of("(Li0.5)2O") == M{{3, 1}, {8, 1}}));
  BOOST_TEST((amounts_of("LiOLi") == M{{3, 2}, {8, 1}}));
  BOOST_TEST((amounts_of("Co") == M{{27, 1}}));
  BOOST_TEST((amounts_of("CO") == M{{6, 1}, {8, 1}}));
}

BOOST_AUTO_TEST_CASE(whitespace) {
  BOOST_TEST(amounts_of("Li2 O1") == amounts_of("Li2O"));
  BOOST_TEST(amounts_of("  Li2O  ") == amounts_of("Li2O"));
  BOOST_TEST(amounts_of("Ca3 ( P O4 ) 2") == amounts_of("Ca3(PO4)2"));
  BOOST_TEST(amounts_of("Li 2O") == amounts_of("Li2O"));  // like pymatgen: "Li\s*2"
}

// An explicit zero amount is refused wherever it stands, alone or not (pymatgen
// drops "Li0O" to O, but then "Li0" would be a formula of no atoms).
BOOST_AUTO_TEST_CASE(zero_amounts) {
  BOOST_TEST(parse_error("Li0O") == "invalid formula 'Li0O': zero amount (leave the element or group out) at position 2");
  BOOST_TEST(parse_error("Li0") == "invalid formula 'Li0': zero amount (leave the element or group out) at position 2");
  BOOST_TEST(parse_error("Li2(PO4)0") ==
             "invalid formula 'Li2(PO4)0': zero amount (leave the element or group out) at position 8");
  BOOST_TEST(parse_error("(LiO)0") == "invalid formula '(LiO)0': zero amount (leave the element or group out) at position 5");
  BOOST_TEST(parse_error("Li0.000000001O").find("zero amount") != std::string::npos);
  BOOST_TEST(parse_error("Li0.0O").find("zero amount") != std::string::npos);
}

// Amounts whose ratios lose double precision print unbalanced reactions.
BOOST_AUTO_TEST_CASE(amount_limits) {
  BOOST_TEST(parse_error("Li99999999999999999999O") ==
             "invalid formula 'Li99999999999999999999O': amount 99999999999999999999 is above the limit of 1e+09 "
             "at position 2");
  BOOST_TEST(parse_error("(Li100000)100000O").find("amount 1e+10 of Li is above the limit of 1e+09") !=
             std::string::npos);
  BOOST_TEST(parse_error("Li1000000000O0.001") ==
             "invalid formula 'Li1000000000O0.001': Li 1e+09 is more than 1e+06 times O 0.001; atomic "
             "fractions that small lose their precision");
  BOOST_TEST(Composition::parse("Li1000000O").amount(3) == 1e6);  // at the limits
  BOOST_TEST(Composition::parse("Li0.000001O").amount(3) == 1e-6);
  BOOST_TEST(Composition::parse("Li1000000000").amount(3) == 1e9);
}

// Amounts from a map (an importer's composition) follow a formula's rules: an
// amount of 0 or below the tolerance is refused, not dropped (the rest would
// pass for another composition), and a NaN is not "above the limit".
BOOST_AUTO_TEST_CASE(amount_limits_of_a_map) {
  const auto message = [](const std::map<int, double>& amounts) {
    try {
      Composition::check_amount_limits(amounts, "composition");
    } catch (const FormulaError& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  BOOST_TEST(message({{3, 0.0}, {8, 1.0}}) == "invalid composition: amount 0 of Li is not positive (leave the element out)");
  BOOST_TEST(message({{3, -1.0}, {8, 1.0}}) == "invalid composition: amount -1 of Li is not positive (leave the element out)");
  BOOST_TEST(message({{3, 1e-9}, {8, 1.0}}) ==
             "invalid composition: amount 1e-09 of Li is below the amount tolerance of 1e-08 (leave the element out)");
  BOOST_TEST(message({{3, std::nan("")}}) == "invalid composition: amount nan of Li is not a finite number");
  BOOST_TEST(message({{3, 1e12}, {8, 1.0}}) == "invalid composition: amount 1e+12 of Li is above the limit of 1e+09");
  BOOST_TEST(message({{3, 2.0}, {8, 1.0}}) == "(accepted)");
  BOOST_TEST(message({{3, 1e-8}, {8, 1e-3}}) == "(accepted)");  // at the tolerance, within the ratio
}

// Deep nesting used to overflow the stack (SIGSEGV).
BOOST_AUTO_TEST_CASE(deep_nesting) {
  const std::string deep = std::string(40000, '(') + "Li" + std::string(40000, ')');
  const std::string message = parse_error(deep);
  BOOST_TEST(message.find("brackets nested deeper than 100 levels at position 100") != std::string::npos, message);
  BOOST_TEST(message.size() < 200u, message);  // the formula is quoted short
  const std::string ok = std::string(100, '(') + "Li" + std::string(100, ')');
  BOOST_TEST(Composition::parse(ok).amount(3) == 1.0);
  BOOST_TEST(parse_error("(" + ok + ")").find("deeper than 100") != std::string::npos);
}

// Messages quote formulas as valid UTF-8: a non-ASCII character whole, control
// characters and stray bytes escaped.
BOOST_AUTO_TEST_CASE(messages_are_printable) {
  BOOST_TEST(parse_error("Li\u2082O") == "invalid formula 'Li\u2082O': unexpected '\u2082' at position 2");
  BOOST_TEST(parse_error(std::string("Li3\0O", 5)) == "invalid formula 'Li3\\0O': unexpected '\\0' at position 3");
  BOOST_TEST(parse_error("Li\xff") == "invalid formula 'Li\\xFF': unexpected '\\xFF' at position 2");
}

BOOST_AUTO_TEST_CASE(errors) {
  BOOST_TEST(parse_error("Li2(RuO3") == "invalid formula 'Li2(RuO3': unclosed '(' at position 3");
  BOOST_TEST(parse_error("[Co(NH3)6Cl3") ==
             "invalid formula '[Co(NH3)6Cl3': unclosed '[' at position 0");
  BOOST_TEST(parse_error("XqO2") == "unknown element 'Xq' in formula 'XqO2'");
  BOOST_TEST(parse_error("LiOx") == "unknown element 'Ox' in formula 'LiOx'");
  BOOST_TEST(parse_error("Li-2O") == "invalid formula 'Li-2O': unexpected '-' at position 2");
  BOOST_TEST(parse_error("") == "invalid formula '': empty formula");
  BOOST_TEST(parse_error("  ") == "invalid formula '  ': empty formula");
  BOOST_TEST(parse_error("Li2)O") == "invalid formula 'Li2)O': unexpected ')' at position 3");
  BOOST_TEST(parse_error("(Li]") == "invalid formula '(Li]': unexpected ']' at position 3");
  BOOST_TEST(parse_error("li2O") == "invalid formula 'li2O': unexpected 'l' at position 0");
  BOOST_TEST(parse_error("2Li") == "invalid formula '2Li': unexpected '2' at position 0");
  BOOST_TEST(parse_error("Li2 3O") == "invalid formula 'Li2 3O': unexpected '3' at position 4");
  BOOST_TEST(parse_error("Li2.3.4") == "invalid formula 'Li2.3.4': unexpected '.' at position 5");
  BOOST_TEST(parse_error("Li.O") == "invalid formula 'Li.O': unexpected '.' at position 2");
  BOOST_TEST(parse_error("Li()2") == "invalid formula 'Li()2': empty brackets at position 2");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(quantities)

BOOST_AUTO_TEST_CASE(masses) {
  // pymatgen: Composition("Li2RuO3").weight etc.
  BOOST_TEST(Composition::parse("Li2RuO3").mass() == 162.9502, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(Composition::parse("Li6PS5Cl").mass() == 268.397762,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(Composition::parse("Li3InCl6").mass() == 348.359, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(Composition::parse("Li4Ru2O6").mass() == 2 * 162.9502,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(Composition().mass() == 0.0);
}

BOOST_AUTO_TEST_CASE(atoms_and_fractions) {
  const auto lro = Composition::parse("Li2RuO3");
  BOOST_TEST(lro.num_atoms() == 6.0);
  BOOST_TEST(lro.amount(3) == 2.0);
  BOOST_TEST(lro.amount(1) == 0.0);
  BOOST_TEST(lro.elements() == (std::vector<int>{3, 8, 44}));
  BOOST_TEST(lro.atomic_fraction(8) == 0.5);
  BOOST_TEST(lro.atomic_fraction(1) == 0.0);
  const auto frac = lro.fractional();
  BOOST_TEST(frac.num_atoms() == 1.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(frac.amount(44) == 1.0 / 6.0, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(frac.formula() == "Li0.33333333Ru0.16666667O0.5");  // pymatgen
  BOOST_TEST(Composition().fractional().empty());
  BOOST_TEST(Composition().atomic_fraction(3) == 0.0);
}

BOOST_AUTO_TEST_CASE(construction_from_amounts) {
  const Composition c({{3, 2.0}, {8, 1.0}, {1, 0.0}, {9, 1e-9}, {17, -1e-9}});
  BOOST_TEST(c.elements() == (std::vector<int>{3, 8}));
  BOOST_CHECK_THROW(Composition({{3, -1.0}}), FormulaError);
  BOOST_CHECK_THROW(Composition({{3, NAN}}), FormulaError);
  BOOST_CHECK_THROW(Composition({{0, 1.0}}), FormulaError);
  BOOST_TEST(Composition().empty());
}

BOOST_AUTO_TEST_CASE(operators) {
  const auto lro = Composition::parse("Li2RuO3");
  const auto licl = Composition::parse("LiCl");
  BOOST_TEST((lro * 2).almost_equal(Composition::parse("Li4Ru2O6")));
  BOOST_TEST((lro * 2 + licl).almost_equal(Composition::parse("Li5Ru2O6Cl")));
  BOOST_TEST((lro * 0).empty());
  BOOST_CHECK_THROW(lro * -1.0, FormulaError);
  BOOST_TEST(lro.almost_equal(Composition::parse("Li2.000000001RuO3")));
  BOOST_TEST(!lro.almost_equal(Composition::parse("Li2.001RuO3")));
  BOOST_TEST(lro.almost_equal(Composition::parse("Li2.001RuO3"), 1e-2));
  BOOST_TEST(!lro.almost_equal(Composition::parse("Li2RuO3Cl")));
  BOOST_TEST(!lro.almost_equal(Composition::parse("Li2RuS3")));
  BOOST_TEST(Composition().almost_equal(Composition()));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(printing)

BOOST_AUTO_TEST_CASE(formula) {
  BOOST_TEST(Composition::parse("Li6PS5Cl").formula() == "Li6P1S5Cl1");
  BOOST_TEST(Composition::parse("Li0.5CoO2").formula() == "Li0.5Co1O2");
  BOOST_TEST(Composition::parse("Li1.999999999O").formula() == "Li2.0O1");  // int() truncates
  BOOST_TEST(Composition::parse("Li2.000000001O").formula() == "Li2O1");
  BOOST_TEST(Composition::parse("Li0.00001O").formula() == "Li1e-05O1");  // Python repr
  BOOST_TEST(Composition::parse("Li0.0001O").formula() == "Li0.0001O1");
  BOOST_TEST(Composition::parse("Li0.123456789O").formula() == "Li0.12345679O1");
  // Beyond the parser's limit (1e9), but a Composition can still hold and print it.
  BOOST_TEST(Composition({{3, 12345678912345678.0}, {8, 1.0}}).formula() == "Li12345678912345678O1");
  BOOST_TEST(Composition().formula().empty());
}

BOOST_AUTO_TEST_CASE(reduced_formula) {
  using P = std::pair<std::string, double>;
  const auto rf = [](const std::string& f) { return Composition::parse(f).reduced_formula_and_factor(); };
  BOOST_TEST((rf("Li4Ru2O6") == P{"Li2RuO3", 2}));
  BOOST_TEST((rf("Li6PS5Cl") == P{"Li6PS5Cl", 1}));
  BOOST_TEST((rf("Ca3(PO4)2") == P{"Ca3(PO4)2", 1}));
  BOOST_TEST((rf("Ca6(PO4)4") == P{"Ca3(PO4)2", 2}));
  BOOST_TEST((rf("Fe2(SO4)3") == P{"Fe2(SO4)3", 1}));
  BOOST_TEST((rf("Li3PO4") == P{"Li3PO4", 1}));  // polyanion factor 1: no brackets
  BOOST_TEST((rf("Li10GeP2S12") == P{"Li10Ge(PS6)2", 1}));
  BOOST_TEST((rf("Ca(OH)2") == P{"Ca(HO)2", 1}));
  BOOST_TEST((rf("O") == P{"O2", 0.5}));
  BOOST_TEST((rf("O2") == P{"O2", 1}));
  BOOST_TEST((rf("O3") == P{"O2", 1.5}));  // sic: pymatgen
  BOOST_TEST((rf("Cl") == P{"Cl2", 0.5}));
  BOOST_TEST((rf("LiO") == P{"Li2O2", 0.5}));
  BOOST_TEST((rf("Li2O2") == P{"Li2O2", 1}));
  BOOST_TEST((rf("C60") == P{"C", 60}));
  BOOST_TEST((rf("Li0.5CoO2") == P{"Li0.5Co1O2", 1}));
  BOOST_TEST((rf("Li1.999999999O") == P{"Li2O", 1}));
  BOOST_TEST((rf("Li1.99999999O") == P{"Li2O", 1}));  // 2 - 1.99999999 < 1e-8 in binary
  BOOST_TEST((rf("Li1.9999999O") == P{"Li1.9999999O1", 1}));
  BOOST_TEST(Composition::parse("NH4NO3").reduced_formula() == "H4N2O3");
  BOOST_TEST((Composition().reduced_formula_and_factor() == P{"", 0}));
}

BOOST_AUTO_TEST_CASE(ties_and_missing_electronegativity) {
  // Equal X: by symbol. pymatgen's reduced formula agrees; its formula() keeps input order.
  BOOST_TEST(Composition::parse("Se1C1").formula() == "C1Se1");
  BOOST_TEST(Composition::parse("Ru1H2").reduced_formula() == "H2Ru");
  // No X (He, Ar): last, by symbol. pymatgen's order depends on the input order here.
  BOOST_TEST(Composition::parse("HeLi").formula() == "Li1He1");
  BOOST_TEST(Composition::parse("He1Ar1Li1").reduced_formula() == "LiArHe");
  BOOST_TEST(Composition::parse("He1Ar1Li2O").reduced_formula() == "Li2OArHe");
}

BOOST_AUTO_TEST_CASE(chemical_systems) {
  BOOST_TEST(Composition::parse("Li6PS5Cl").chemsys() == "Cl-Li-P-S");
  BOOST_TEST(Composition::parse("O2").chemsys() == "O");
  BOOST_TEST(Composition().chemsys().empty());
  BOOST_TEST(parse_chemsys("Li-In-Cl") == (std::vector<int>{3, 17, 49}));
  BOOST_TEST(parse_chemsys(" Cl , In-Li ") == (std::vector<int>{3, 17, 49}));
  BOOST_TEST(parse_chemsys("O-O") == std::vector<int>{8});
  BOOST_TEST(parse_chemsys("O") == std::vector<int>{8});
  BOOST_TEST(error_message([] { parse_chemsys("Li--O"); }) ==
             "invalid chemical system 'Li--O': empty element at position 3");
  BOOST_TEST(error_message([] { parse_chemsys(""); }) ==
             "invalid chemical system '': empty element at position 0");
  BOOST_TEST(error_message([] { parse_chemsys("Li-Xq"); }) ==
             "unknown element 'Xq' in chemical system 'Li-Xq'");
  BOOST_TEST(error_message([] { parse_chemsys("Li-X\x01"); }) ==
             "unknown element 'X\\x01' in chemical system 'Li-X\\x01'");
  BOOST_TEST(chemsys_string({8, 3, 8}) == "Li-O");
  BOOST_TEST(chemsys_string({}).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_composition
