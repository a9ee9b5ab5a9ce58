#include <boost/test/unit_test.hpp>

/// A screen's settings given as text: shards and conditions.
#include <string>

#include "interphase/error.hpp"
#include "interphase/screen/screen.hpp"

BOOST_AUTO_TEST_SUITE(test_screen_settings)

using namespace interphase;

namespace {

/// The message of the SettingError `text` throws, settings spelled as options ("--shard").
std::string shard_error(const std::string& text) {
  try {
    parse_shard(text);
  } catch (const SettingError& e) {
    return e.spelled([](const std::string& name) { return "--" + name; });
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_shard_is_one_based_on_the_command_line_and_zero_based_after) {
  BOOST_TEST(parse_shard("2/8").first == 1u);
  BOOST_TEST(parse_shard("2/8").second == 8u);
  BOOST_TEST(parse_shard("1/1").first == 0u);
  BOOST_TEST(parse_shard("56/56").first == 55u);
  for (const char* bad : {"0/3", "4/3", "1/0", "two", "1/3/5", "2/", "/2", "1/3 ", "-1/3", "1/2000000"})
    BOOST_TEST(shard_error(bad) ==
               "--shard '" + std::string(bad) + "': expected I/N with 1 <= I <= N, e.g. 2/8 (the second of eight slices)");
}

BOOST_AUTO_TEST_CASE(conditions_are_closed_or_voltages_of_the_open_element) {
  const auto c = parse_conditions("closed, 3,4.5", 11);
  BOOST_REQUIRE_EQUAL(c.size(), 3u);
  BOOST_TEST(c[0].open.empty());
  BOOST_TEST(c[1].open.at(11) == -3.0);
  BOOST_TEST(c[2].label == "4.5");
  BOOST_CHECK_THROW(parse_conditions("3,3.0"), SettingError);  // the same voltage twice
  BOOST_CHECK_THROW(parse_conditions("open"), SettingError);
}

BOOST_AUTO_TEST_SUITE_END()  // test_screen_settings
