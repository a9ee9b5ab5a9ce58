#pragma once
// The message of the DataError a call throws, for tests of bad input.
#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>

#include "interphase/error.hpp"

namespace interphase::test {

/// What `f` says when it throws a DataError, or "(no DataError)".
inline std::string data_error_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& e) {
    BOOST_TEST_MESSAGE("DataError: " << e.what());
    return e.what();
  }
  return "(no DataError)";
}

}  // namespace interphase::test
