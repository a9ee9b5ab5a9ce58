// A request's settings from the values the front ends hold (session/settings.hpp):
// words as the program and the web API have them, typed values as Python has
// them, and the program's check of each word.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "interphase/session/settings.hpp"

BOOST_AUTO_TEST_SUITE(test_settings)

using namespace interphase;

namespace {

/// The message of the SettingError `f` throws, with each setting spelled <name>.
template <class F>
std::string setting_error(F&& f) {
  try {
    f();
  } catch (const SettingError& e) {
    return e.spelled([](const std::string& name) { return "<" + name + ">"; });
  }
  return "no SettingError";
}

OptionDoc option(ValueKind kind, ValueCheck check, const std::string& name = "--x") {
  OptionDoc o;
  o.setting = "x";
  o.name = name;
  o.kind = kind;
  o.check = check;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(words_convert_as_the_program_reads_them) {
  double step = 0;
  set_field(step, std::string("0.25"), "step");
  BOOST_TEST(step == 0.25);
  set_field(step, std::vector<std::string>{"-1e-3"}, "step");  // a list of one word is that word
  BOOST_TEST(step == -0.001);
  std::size_t samples = 0;
  set_field(samples, std::string("1000"), "samples");
  BOOST_TEST(samples == 1000u);
  std::uint64_t seed = 0;
  set_field(seed, std::string("010"), "seed");
  BOOST_TEST(seed == 10u);
  set_field(step, std::string("+2"), "step");
  BOOST_TEST(step == 2.0);
  bool on = false;
  for (const std::string yes : {"", "1", "true", "yes", "on"}) {
    on = false;
    set_field(on, yes, "windows");
    BOOST_TEST(on, yes);
  }
  set_field(on, std::string("off"), "windows");
  BOOST_TEST(!on);
  EnergyForm form = EnergyForm::Mutual;
  set_field(form, std::string("total"), "energy");
  BOOST_TEST((form == EnergyForm::Total));
  ImportKind kind = ImportKind::Auto;
  set_field(kind, std::string("mp-json"), "kind");
  BOOST_TEST((kind == ImportKind::MpJson));
  std::optional<VoltageRange> range;
  set_field(range, std::string(""), "range");  // empty: none
  BOOST_TEST(!range.has_value());
  set_field(range, std::string("2.0-4.5"), "range");
  BOOST_TEST(range->from == 2.0);
  BOOST_TEST(range->to == 4.5);
  std::vector<std::string> with;
  set_field(with, std::string("Li-S"), "with");
  BOOST_TEST(with == std::vector<std::string>({"Li", "S"}));
  set_field(with, std::string("O,Cl"), "with");
  BOOST_TEST(with == std::vector<std::string>({"O", "Cl"}));
  std::vector<double> at;
  set_field(at, std::vector<std::string>{"0.1", "0.5"}, "explain_at_x");
  BOOST_TEST(at == std::vector<double>({0.1, 0.5}));
  std::optional<double> voltage;
  set_field(voltage, std::string("4.5"), "voltage");
  BOOST_TEST(voltage.value() == 4.5);
}

BOOST_AUTO_TEST_CASE(typed_values_convert_as_python_gives_them) {
  double to = 0;
  set_field(to, std::int64_t{5}, "to");  // an int where a float goes
  BOOST_TEST(to == 5.0);
  unsigned threads = 0;
  set_field(threads, std::int64_t{3}, "threads");
  BOOST_TEST(threads == 3u);
  std::uint64_t seed = 0;
  set_field(seed, std::uint64_t{18446744073709551615u}, "seed");  // beyond the signed range
  BOOST_TEST(seed == 18446744073709551615u);
  set_field(to, std::nan(""), "to");  // not refused here: the request's own check words it
  BOOST_TEST(std::isnan(to));
  std::optional<VoltageRange> range;
  set_field(range, std::vector<double>{2.0, 4.5}, "range");  // a pair of voltages
  BOOST_TEST(range->from == 2.0);
  BOOST_TEST(range->to == 4.5);
  OpenChempots open;
  set_field(open, OpenChempots{{"Li", -3.0}}, "open");
  BOOST_TEST(open.at("Li") == -3.0);
  std::filesystem::path file;
  set_field(file, std::filesystem::path("a/b.csv"), "file");
  BOOST_TEST(file.string() == "a/b.csv");
  std::vector<double> at;
  set_field(at, 0.5, "explain_at_x");  // one number: a list of it
  BOOST_TEST(at == std::vector<double>({0.5}));
}

BOOST_AUTO_TEST_CASE(what_does_not_convert_is_an_error_naming_the_setting) {
  double d = 0;
  BOOST_TEST(setting_error([&] { set_field(d, std::string("abc"), "step"); }) == "<step> 'abc' is not a finite number");
  BOOST_TEST(setting_error([&] { set_field(d, std::string("inf"), "step"); }) == "<step> 'inf' is not a finite number");
  BOOST_TEST(setting_error([&] { set_field(d, std::string(" 1"), "step"); }) == "<step> ' 1' is not a finite number");
  BOOST_TEST(setting_error([&] { set_field(d, std::string("0x3"), "step"); }) == "<step> '0x3' is not a finite number");
  BOOST_TEST(setting_error([&] { set_field(d, std::vector<std::string>{"1", "2"}, "step"); }) ==
             "<step> is given 2 times");
  BOOST_TEST(setting_error([&] { set_field(d, true, "step"); }) == "<step> takes a number, not true or false");
  unsigned u = 0;
  BOOST_TEST(setting_error([&] { set_field(u, std::string("-1"), "threads"); }) ==
             "<threads> '-1' is not a whole number in range");
  BOOST_TEST(setting_error([&] { set_field(u, std::string("1.5"), "threads"); }) ==
             "<threads> '1.5' is not a whole number in range");
  BOOST_TEST(setting_error([&] { set_field(u, std::int64_t{-1}, "threads"); }) == "<threads> -1 is out of range");
  BOOST_TEST(setting_error([&] { set_field(u, std::int64_t{1} << 40, "threads"); }) ==
             "<threads> 1099511627776 is out of range");
  BOOST_TEST(setting_error([&] { set_field(u, 2.0, "threads"); }) == "<threads> takes a whole number, not a number");
  bool b = false;
  BOOST_TEST(setting_error([&] { set_field(b, std::string("maybe"), "all"); }) ==
             "<all> 'maybe': expected true or false");
  BOOST_TEST(setting_error([&] { set_field(b, std::int64_t{1}, "all"); }) ==
             "<all> takes true or false, not a whole number");
  std::string s;
  BOOST_TEST(setting_error([&] { set_field(s, 3.0, "formula"); }) == "<formula> takes text, not a number");
  std::optional<VoltageRange> range;
  BOOST_TEST(setting_error([&] { set_field(range, 4.5, "range"); }) ==
             "<range> takes a voltage range FROM-TO or two voltages, not a number");
  std::vector<std::string> with;
  BOOST_TEST(setting_error([&] { set_field(with, std::string("Li,Xx"), "with"); }) != "no SettingError");
}

BOOST_AUTO_TEST_CASE(set_settings_fills_a_request_by_name) {
  SweepRequest q;
  set_settings(q, {{"a", std::string("Li2O")}, {"step", 0.5}, {"to", SettingValue()}, {"energy", std::string("total")}},
               true);
  BOOST_TEST(q.a == "Li2O");
  BOOST_TEST(q.step == 0.5);
  BOOST_TEST(q.to == SweepRequest{}.to);  // none keeps the default
  BOOST_TEST((q.settings.energy == EnergyForm::Total));
  CompareRequest compare;
  set_settings(compare, {{"pair", std::vector<std::string>{"Li2O", "O2"}}, {"samples", std::int64_t{10}}}, true);
  BOOST_TEST(compare.first_a == "Li2O");
  BOOST_TEST(compare.first_b == "O2");
  BOOST_TEST(compare.uncertainty.samples == 10u);
  BOOST_TEST(setting_error([&] { set_settings(compare, {{"versus", std::string("Li2O")}}, true); }) ==
             "<versus> takes two formulas A B, not text");
  SelectRequest select;
  set_settings(select, {{"elements", std::string("3-5")}}, true);  // two fields from one word
  BOOST_TEST(select.min_elements == 3);
  BOOST_TEST(select.max_elements == 5);
  set_settings(select, {{"elements", std::string("")}}, true);  // empty: as it was
  BOOST_TEST(select.max_elements == 5);
  BOOST_CHECK_EXCEPTION(set_settings(q, {{"stpe", 0.5}}, true), Error,
                        [](const Error& e) { return std::string(e.what()) == "no setting 'stpe'"; });
  set_settings(q, {{"format", std::string("csv")}}, false);  // not strict: a front end's own option
  BOOST_TEST(q.step == 0.5);
}

BOOST_AUTO_TEST_CASE(decimals_are_read_whole_and_decimal_only) {
  BOOST_TEST(parse_decimal("-1.5e-3").value() == -0.0015);
  BOOST_TEST(parse_decimal("+3").value() == 3.0);
  for (const char* no : {"", "+", "+-1", "++1", "0x10", " 1", "1 ", "1,5", "1e"}) BOOST_TEST(!parse_decimal(no), no);
  BOOST_TEST(std::isinf(parse_decimal("1e400").value()));  // beyond a double: infinite, refused as not finite
  BOOST_TEST(parse_decimal("1e-400").value() >= 0.0);       // below the smallest: a tiny number, still a number
}

BOOST_AUTO_TEST_CASE(value_problem_checks_each_word_by_kind_and_check) {
  using K = ValueKind;
  using C = ValueCheck;
  BOOST_TEST(value_problem(option(K::Number, C::None), "2.5") == "");
  BOOST_TEST(value_problem(option(K::Number, C::None), "abc") == "'abc' is not a number");
  BOOST_TEST(value_problem(option(K::Number, C::None), "nan") == "'nan' is not a finite number");
  BOOST_TEST(value_problem(option(K::Number, C::Voltage), "101") ==
             "101 V is outside the accepted range -100 to 100 V");
  BOOST_TEST(value_problem(option(K::Number, C::VoltageStep), "-150") == "");  // within 2 x 100 V
  BOOST_TEST(value_problem(option(K::Number, C::Sigma), "6") ==
             "6 eV/atom is outside the accepted range -5 to 5 eV/atom");
  BOOST_TEST(value_problem(option(K::Count, C::None), "ten") == "'ten' is not a whole number");
  BOOST_TEST(value_problem(option(K::Count, C::None), "1e3") == "'1e3' is not a whole number");
  BOOST_TEST(value_problem(option(K::Count, C::None), "-1") == "'-1' is negative: give 0 or more");
  BOOST_TEST(value_problem(option(K::Count, C::None), "18446744073709551615") == "");
  BOOST_TEST(value_problem(option(K::Count, C::NoMinus, "--limit"), "-1") ==
             "'-1' is negative: give 0 or more, or leave --limit out");
  BOOST_TEST(value_problem(option(K::Text, C::NotEmpty), "") ==
             "an empty path names no file (omit the option for the default)");
  BOOST_TEST(value_problem(option(K::Text, C::None), "") == "");
  BOOST_TEST(value_problem(option(K::Number, C::Positive), "0") == "'0' is not positive: give a number above 0");
  BOOST_TEST(value_problem(option(K::Number, C::NonNegative), "-0.5") == "'-0.5' is negative: give 0 or more");
  BOOST_TEST(value_problem(option(K::Integer, C::Port), "70000") == "'70000' is outside 0 to 65535");
  BOOST_TEST(value_problem(option(K::Integer, C::Port), "-1") == "'-1' is outside 0 to 65535");
  BOOST_TEST(value_problem(option(K::Count, C::Jobs), "0") == "'0' is outside 1 to 64");
  BOOST_TEST(value_problem(option(K::Count, C::Jobs), "-1") == "'-1' is outside 1 to 64");  // the range, not the sign
  BOOST_TEST(value_problem(option(K::Count, C::None), "18446744073709551616") == "'18446744073709551616' is too large");
  BOOST_TEST(value_problem(option(K::Count, C::None), "010") == "");  // decimal: ten, not eight
  BOOST_TEST(value_problem(option(K::Number, C::None), "0x3") == "'0x3' is not a number");  // no hexadecimal
  BOOST_TEST(value_problem(option(K::Number, C::None), "+3") == "");
  BOOST_TEST(value_problem(option(K::Number, C::None), "1e999") == "'1e999' is not a finite number");
  BOOST_TEST(value_problem(option(K::Number, C::JobSeconds), "0.01") == "'0.01' is outside 0.1 to 86400");
  BOOST_TEST(value_problem(option(K::Number, C::None), "a\nb") == "'a\\nb' is not a number");  // printable
  BOOST_TEST(check_summary(C::Port) == "INT in [0 - 65535]");
  BOOST_TEST(check_summary(C::Voltage) == "");
}

BOOST_AUTO_TEST_SUITE_END()
