#include <boost/test/unit_test.hpp>

/// Voltages, chemical potentials and gas conditions are finite and within the
/// documented limits (interphase/grand/limits.hpp) before any hull is built.
#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "interphase/error.hpp"
#include "interphase/grand/grand.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/reaction/open.hpp"

BOOST_AUTO_TEST_SUITE(test_limits)

using namespace interphase;

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

// voltage_grid used to cast floor(inf) to an integer (undefined behaviour) and
// answer an empty sweep.
BOOST_AUTO_TEST_CASE(voltage_grid_arguments) {
  BOOST_TEST(voltage_grid(0, 5, 0.5).size() == 11u);
  BOOST_TEST(contains(error_of([] { voltage_grid(0, kInf, 0.1); }), "to: inf is not a finite number"));
  BOOST_TEST(contains(error_of([] { voltage_grid(-kInf, 0, 0.1); }), "from: -inf is not a finite number"));
  BOOST_TEST(contains(error_of([] { voltage_grid(0, 5, std::nan("")); }), "step: nan is not a finite number"));
  BOOST_TEST(contains(error_of([] { voltage_grid(-1e308, 1e308, 1e300); }),
                      "from: -1e+308 V is outside the accepted range -100 to 100 V"));
  BOOST_TEST(contains(error_of([] { voltage_grid(0, 5, 1e300); }), "step: 1e+300 V is outside"));
  BOOST_TEST(contains(error_of([] { voltage_grid(-100, 100, 1e-6); }),
                      "voltage grid too fine: 200000001 voltages, more than the limit of 100001"));
  BOOST_TEST(voltage_grid(-100, 100, 0.002).size() == 100001u);
  BOOST_TEST(contains(error_of([] { voltage_grid(3, 1, 0.1); }), "voltage range is empty: from 3.000000 > to 1.000000"));
  BOOST_TEST(contains(error_of([] { voltage_grid(0, 5, 0); }), "voltage step must be positive"));
}

// Library messages name a request's settings; each front end spells them its own way.
BOOST_AUTO_TEST_CASE(setting_errors_are_spelled_by_the_front_end) {
  try {
    voltage_grid(3, 1, 0.1);
    BOOST_FAIL("an empty range was accepted");
  } catch (const SettingError& e) {
    BOOST_TEST(e.spelled([](const std::string& name) { return "--" + name; }) ==
               "voltage range is empty: --from 3.000000 > --to 1.000000");
    BOOST_TEST(e.spelled([](const std::string& name) { return name == "from" ? "start" : "stop"; }) ==
               "voltage range is empty: start 3.000000 > stop 1.000000");
  }
  // Braces that are not a lower-case name stay as they are.
  BOOST_TEST(std::string(SettingError("a {b} {C} {} {x1} {").what()) == "a b {C} {} {x1} {");
  // Input put in through literal() keeps its braces, even around a lower-case name.
  const SettingError input("{shard} '" + SettingError::literal("{x}/{{2") + "'");
  BOOST_TEST(input.spelled([](const std::string& name) { return "--" + name; }) == "--shard '{x}/{{2'");
  BOOST_TEST(std::string(input.what()) == "shard '{x}/{{2'");
}

BOOST_AUTO_TEST_CASE(chemical_potentials) {
  BOOST_TEST(parse_chempot("Li=-3").second == -3.0);
  BOOST_TEST(contains(error_of([] { parse_chempot("Li=inf"); }), "is not a finite number"));
  BOOST_TEST(contains(error_of([] { parse_chempot("Li=-1e300"); }), "-1e+300 eV is outside the accepted range"));
  BOOST_TEST(contains(error_of([] { resolve_chempots({}, -1e308, {}, {}); }), "voltage: -1e+308 V is outside"));
  BOOST_TEST(contains(error_of([] { resolve_chempots({}, kInf, {}, {}); }), "voltage: inf is not a finite number"));
  BOOST_TEST(resolve_chempots({}, 3.0, {}, {}).at(3) == -3.0);
}

// --gas O=1e308,1e308 ran at mu = NaN; --gas O=inf,1e5 reached Qhull.
BOOST_AUTO_TEST_CASE(gas_conditions) {
  BOOST_TEST(std::isfinite(parse_gas_chempot("O=1000,21000").second));
  BOOST_TEST(contains(error_of([] { parse_gas_chempot("O=1e308,1e308"); }), "temperature '1e308' is outside (0, 10000] K"));
  BOOST_TEST(contains(error_of([] { parse_gas_chempot("O=inf,1e5"); }), "'inf' is not a finite number"));
  BOOST_TEST(contains(error_of([] { parse_gas_chempot("O=300,nan"); }), "'nan' is not a finite number"));
  BOOST_TEST(contains(error_of([] { parse_gas_chempot("O=300,1e20"); }), "pressure '1e20' is outside (0, 1e+10] Pa"));
  BOOST_TEST(contains(error_of([] { parse_gas_chempot("O=-5,1e5"); }), "temperature '-5' is outside"));
}

BOOST_AUTO_TEST_SUITE_END()  // test_limits
