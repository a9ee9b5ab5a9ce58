#include <boost/test/unit_test.hpp>

/// Which formats can show what a request asks, checked before it is computed.
#include <string>

#include "interphase/error.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"

BOOST_AUTO_TEST_SUITE(test_output_checks)

using namespace interphase;

namespace {

/// The SettingError's message with settings as options, or "" if `f` throws none.
template <class F>
std::string refusal(F&& f) {
  try {
    f();
  } catch (const SettingError& e) {
    return e.spelled([](const std::string& name) { return "--" + name; });
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_reaction_plot_shows_no_explanation_or_uncertainty_and_csv_no_explanation) {
  const std::string plot = "--explain, --uncertainty and --samples write text, markdown, json or csv, not svg";
  ReactRequest q;
  for (const char* format : {"text", "markdown", "md", "json", "csv", "svg"})
    BOOST_TEST(refusal([&] { check_format(format, q); }) == "");
  q.explain_at_x = {0.5};  // explains, as --explain does
  BOOST_TEST(refusal([&] { check_format("svg", q); }) == plot);
  BOOST_TEST(refusal([&] { check_format("csv", q); }) == "--explain writes text, markdown or json, not csv");
  BOOST_TEST(refusal([&] { check_format("json", q); }) == "");
  ReactRequest sampled;
  sampled.uncertainty.samples = 10;
  BOOST_TEST(refusal([&] { check_format("svg", sampled); }) == plot);
  BOOST_TEST(refusal([&] { check_format("csv", sampled); }) == "");
  ReactRequest linear;
  linear.uncertainty.linear = true;
  BOOST_TEST(refusal([&] { check_format("svg", linear); }) == plot);
}

BOOST_AUTO_TEST_CASE(a_sweep_plot_shows_no_uncertainty) {
  SweepRequest q;
  BOOST_TEST(refusal([&] { check_format("svg", q); }) == "");
  q.uncertainty.linear = true;
  BOOST_TEST(refusal([&] { check_format("svg", q); }) ==
             "--uncertainty and --samples write text, markdown, json or csv, not svg");
  BOOST_TEST(refusal([&] { check_format("csv", q); }) == "");
}

BOOST_AUTO_TEST_SUITE_END()  // test_output_checks
