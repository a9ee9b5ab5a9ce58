#include <boost/test/unit_test.hpp>

/// Number formatting of the text tables.
#include <string>

#include "interphase/report/table.hpp"

BOOST_AUTO_TEST_SUITE(test_table)

using namespace interphase;

// fixed() used a 64-byte buffer and cut 1e300 to about 1e62.
BOOST_AUTO_TEST_CASE(fixed_prints_every_digit) {
  BOOST_TEST(fixed(-0.34631353, 6) == "-0.346314");
  BOOST_TEST(fixed(-1e-9, 6) == "0.000000");
  const std::string huge = fixed(1e300, 6);
  BOOST_TEST(huge.size() == 301u + 7u);
  BOOST_TEST(huge.substr(0, 4) == "1000");
  BOOST_TEST(huge.substr(huge.size() - 7) == ".000000");
  BOOST_TEST(fixed(-1.7976931348623157e308, 2).size() == 1u + 309u + 3u);
}

BOOST_AUTO_TEST_SUITE_END()  // test_table
