#pragma once
/// \file error.hpp
/// Exceptions thrown by every layer. Each message names the input and the problem.
/// Error and its subclasses are about the input; InternalError is about us.
#include <stdexcept>
#include <string>

namespace interphase {

/// Base of all errors the library reports about user input or data.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A formula could not be parsed, or names an unknown element.
class FormulaError : public Error {
 public:
  using Error::Error;
};

/// A data file or database row is malformed, missing or inconsistent.
class DataError : public Error {
 public:
  using Error::Error;
};

/// A thermodynamic query cannot be answered (e.g. no hull for a chemical system).
class ThermoError : public Error {
 public:
  using Error::Error;
};

/// A computation failed where it must not: a defect or a numerical breakdown,
/// not a problem with the input (the command-line program exits with 3, not 2).
/// Not an Error, so that no handler of bad input catches it.
class InternalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace interphase
