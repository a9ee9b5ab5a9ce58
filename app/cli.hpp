#pragma once
/// \file cli.hpp
/// The program's commands are built from the library's catalogue
/// (interphase/session/catalogue.hpp): each option is read into Values under
/// the name of the setting it sets. Each command (app/<command>.cpp) turns its
/// Values into one request of the session layer, asks it, and renders the result.
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"
#include "interphase/report/progress.hpp"
#include "interphase/report/render.hpp"
#include "interphase/report/table.hpp"
#include "interphase/session/catalogue.hpp"
#include "interphase/session/session.hpp"
#include "interphase/session/settings.hpp"

namespace interphase::cli {

/// One command's options as given, by the name of the setting each sets: the
/// words of each, converted into a request by the library (set_settings).
class Values {
 public:
  /// Declares `doc` on `cmd`: its words are read into this.
  void add(CLI::App* cmd, const OptionDoc& doc);
  /// Whether the option of `setting` was given.
  bool given(const std::string& setting) const { return held_.at(setting).option->count() > 0; }
  /// The word of `setting` (its initial value if not given).
  const std::string& text(const std::string& setting) const { return held_.at(setting).word; }
  /// The words of a list option.
  const std::vector<std::string>& texts(const std::string& setting) const { return held_.at(setting).words; }
  bool flag(const std::string& setting) const { return held_.at(setting).on; }
  /// The word of `setting` if it was given.
  std::optional<std::string> optional_text(const std::string& setting) const;

  /// Every option given into the setting of `q` of its name (for_each_setting),
  /// but those in `skip`, which the command converts itself.
  template <class Q>
  void fill(Q& q, const std::set<std::string>& skip = {}) const {
    std::map<std::string, SettingValue> given_values;
    for (const auto& entry : held_)
      if (!skip.count(entry.first) && given(entry.first)) given_values[entry.first] = value(entry.first);
    set_settings(q, given_values, false);
    if constexpr (requires { q.uncertainty; }) linear_if_sigma(q.uncertainty);
  }

  /// The data options: the session they describe, reporting to the program.
  SessionOptions session_options() const;
  Session session() const;
  const std::string& format() const { return text("format"); }
  Format table_format() const { return parse_format(format()); }
  /// --open, --voltage, --mu and --gas: the chemical potentials they set.
  OpenChempots open_chempots() const;
  /// --voltage, if given.
  std::optional<double> voltage() const;
  /// The one element of --open (Li if none).
  std::string open_symbol() const;

  bool verbose = false;  ///< -v: the program logs to stderr

 private:
  struct Held {
    const OptionDoc* doc = nullptr;
    const CLI::Option* option = nullptr;
    std::string word;                ///< a one-word option
    std::vector<std::string> words;  ///< a list option
    bool on = false;                 ///< a flag
  };
  /// The option of `setting` as the library takes it (formulas with @FILE read, --open as its element).
  SettingValue value(const std::string& setting) const;
  void linear_if_sigma(UncertaintySettings& u) const;

  std::map<std::string, Held> held_;  ///< by setting (a map: CLI11 holds the address of each)
};

/// Enter a new stage of the command (see StatusLine).
inline void stage(std::string what) { StatusLine::instance().stage(std::move(what)); }

/// Writes `result` in the command's --format (report/render.hpp).
template <class R>
int write(const Values& v, const R& result) {
  stage("writing the output");
  std::cout << render(result, v.format());
  return 0;
}

/// A command that is its request alone: the options into Q, asked of the
/// session by `ask` (&Session::window), the result written in --format.
template <class Q, auto ask>
int answer(const Values& v) {
  Q q;
  v.fill(q);
  if constexpr (requires { check_format(v.format(), q); }) check_format(v.format(), q);
  return write(v, (v.session().*ask)(q));
}

/// How main() runs a command of the catalogue.
struct Command {
  int (*run)(const Values&) = nullptr;
  bool status_line = true;  ///< a terminal shows its stage while it runs
};
/// The commands by path ("db import"), each registered by its file.
std::map<std::string, Command>& commands();
struct Register {
  Register(const std::string& path, Command command) { commands()[path] = command; }
};

}  // namespace interphase::cli
