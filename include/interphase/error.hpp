#pragma once
/// \file error.hpp
/// Exceptions thrown by every layer. Each message names the input and the problem.
/// Error and its subclasses are about the input; InternalError is about us.
#include <functional>
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

/// A file the caller named (data to import, a database that may not be
/// created) does not exist: Python's FileNotFoundError.
class FileNotFound : public DataError {
 public:
  using DataError::DataError;
};

/// A thermodynamic query cannot be answered (e.g. no hull for a chemical system).
class ThermoError : public Error {
 public:
  using Error::Error;
};

/// An output could not be written: a file the program writes (screen's
/// --output, its settings record) could not be created or written, e.g. a
/// full disk. The command-line program exits with 1 for it, as for a failed
/// write to stdout: what was computed did not reach its destination.
class OutputError : public Error {
 public:
  using Error::Error;
};

/// Qhull could not compute a convex hull; the message is Qhull's. Each front
/// end says which request it was computing.
class ConvexHullError : public ThermoError {
 public:
  using ThermoError::ThermoError;
};

/// A setting of a request has a value that cannot be used. The message names
/// settings by placeholders, {name} with the request's field name ("{from}
/// must be at most {to}"): what() shows the field names themselves, and a front
/// end shows its own spelling of them with spelled() ("--from" on the command
/// line, "start" in Python). Text from the input goes in through literal(),
/// so that its braces stay as they are.
class SettingError : public Error {
 public:
  explicit SettingError(const std::string& text) : Error(spell(text, [](const std::string& name) { return name; })), text_(text) {}
  /// The message with each placeholder spelled by `name`.
  std::string spelled(const std::function<std::string(const std::string&)>& name) const { return spell(text_, name); }
  /// `text` (the input) for a message: each "{" doubled, so none reads as a placeholder.
  static std::string literal(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '{' ? std::string("{{") : std::string(1, c);
    return out;
  }

 private:
  static std::string spell(const std::string& text, const std::function<std::string(const std::string&)>& name) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 2, "{{") == 0) {  // a literal brace
        out += text[i++];
        continue;
      }
      const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
      const bool placeholder = close != std::string::npos && close > i + 1 &&
                               text.find_first_not_of("abcdefghijklmnopqrstuvwxyz_", i + 1) == close;
      if (!placeholder) {
        out += text[i];
        continue;
      }
      out += name(text.substr(i + 1, close - i - 1));
      i = close;
    }
    return out;
  }
  std::string text_;
};

/// A computation failed where it must not: a defect or a numerical breakdown,
/// not a problem with the input (the command-line program exits with 3, not 2).
/// Not an Error, so that no handler of bad input catches it.
class InternalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace interphase
