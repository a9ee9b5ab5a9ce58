#pragma once
// Absolute-difference checks: energies near zero make Boost's relative tolerance useless.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <iomanip>

#define CHECK_ABS(actual, expected, tol)                                                           \
  do {                                                                                              \
    const double interphase_a_ = (actual), interphase_e_ = (expected);                              \
    BOOST_TEST(std::abs(interphase_a_ - interphase_e_) <= (tol),                                    \
               #actual << " = " << std::setprecision(17) << interphase_a_ << ", expected "          \
                       << interphase_e_ << " (tolerance " << (tol) << ")");                         \
  } while (0)
