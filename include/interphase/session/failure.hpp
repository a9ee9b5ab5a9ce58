#pragma once
/// \file failure.hpp
/// What went wrong in a request, worded once for every front end: the
/// program turns a Failure into a line on stderr and an exit code, the Python
/// module into an exception of its own classes.
#include <exception>
#include <functional>
#include <string>

namespace interphase {

struct Failure {
  enum class Kind {
    Output,       ///< the answer did not reach its destination (OutputError)
    Interrupted,  ///< the caller asked the request to stop
    Input,        ///< a formula, a setting or any other input the request cannot take
    Data,         ///< a data file or database the request cannot use
    MissingFile,  ///< a file or database the caller named does not exist
    Thermo,       ///< the thermodynamics has no answer (no hull, no window, ...)
    Internal,     ///< a computation broke down: not the input's fault
  };
  Kind kind = Kind::Internal;
  std::string message;  ///< one sentence; an Internal one starts "internal error"
};

/// The exception `e` as a Failure. A SettingError's settings are spelled by
/// `spell` (the front end's name for each); a failure of Qhull or of the
/// program itself names `request` ("interphase react Li2O O2") if not empty.
Failure describe_failure(std::exception_ptr e, const std::function<std::string(const std::string&)>& spell,
                         const std::string& request = "");

}  // namespace interphase
