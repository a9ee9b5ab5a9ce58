#pragma once
/// \file cli.hpp
/// The program's commands are built from the library's catalogue
/// (interphase/session/catalogue.hpp): each option is read into Values under
/// the name of the setting it sets. Each command (app/<command>.cpp) turns its
/// Values into one request of the session layer, asks it, and renders the result.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <CLI/CLI.hpp>

#include "interphase/report/progress.hpp"
#include "interphase/report/table.hpp"
#include "interphase/session/catalogue.hpp"
#include "interphase/session/session.hpp"

namespace interphase::cli {

/// One command's options as given, by the name of the setting each sets.
class Values {
 public:
  using Value = std::variant<bool, std::string, std::optional<std::string>, std::vector<std::string>, double,
                             std::optional<double>, std::vector<double>, std::size_t, std::optional<std::size_t>, unsigned,
                             int>;
  static_assert(std::is_same_v<std::size_t, std::uint64_t>, "a seed is read as a count");

  /// Declares `doc` on `cmd`: its value is read into this.
  void add(CLI::App* cmd, const OptionDoc& doc);
  /// Whether the option of `setting` was given.
  bool given(const std::string& setting) const { return options_.at(setting)->count() > 0; }
  template <class T>
  const T& get(const std::string& setting) const {
    return std::get<T>(values_.at(setting));
  }
  const std::string& text(const std::string& setting) const { return get<std::string>(setting); }
  bool flag(const std::string& setting) const { return get<bool>(setting); }

  /// Every option given into the setting of `q` of its name (for_each_setting),
  /// but those in `skip`, which the command converts itself.
  template <class Q>
  void fill(Q& q, const std::set<std::string>& skip = {}) const;

  /// The data options: the session they describe, reporting to the program.
  Session session() const;
  std::filesystem::path database_path() const;
  const std::string& format() const { return text("format"); }
  Format table_format() const { return parse_format(format()); }
  /// --open, --voltage, --mu and --gas: the chemical potentials they set.
  OpenChempots open_chempots() const;
  /// The one element of --open (Li if none).
  std::string open_symbol() const;

  bool verbose = false;  ///< -v: the program logs to stderr

 private:
  template <class F>
  void assign(const std::string& setting, F& field) const;
  void linear_if_sigma(UncertaintySettings& u) const;

  std::map<std::string, Value> values_;
  std::map<std::string, const CLI::Option*> options_;
  std::set<std::string> formulas_;  ///< Formulas options: @FILE expanded
};

/// Enter a new stage of the command (see StatusLine).
inline void stage(std::string what) { StatusLine::instance().stage(std::move(what)); }

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

// ------------------------------------------------------------ fill

namespace detail {
/// A value as the field of its setting; what does not convert is an internal error.
template <class V, class F>
void convert(const V&, F&, const std::string& setting) {
  throw InternalError("the option of '" + setting + "' does not convert to its setting");
}
template <class T>
void convert(const T& value, T& field, const std::string&) {
  field = value;
}
template <class T>
void convert(const std::optional<T>& value, T& field, const std::string&) {
  if (value) field = *value;
}
inline void convert(const std::string& v, EnergyForm& f, const std::string&) { f = parse_energy_form(v); }
inline void convert(const std::string& v, ReactantEnergy& f, const std::string&) { f = parse_reactant_energy(v); }
inline void convert(const std::string& v, ImportKind& f, const std::string&) { f = parse_import_kind(v); }
inline void convert(const std::string& v, std::filesystem::path& f, const std::string&) { f = v; }
/// "2.0-4.5"; empty: none.
inline void convert(const std::string& v, std::optional<VoltageRange>& f, const std::string& setting) {
  if (!v.empty()) f = parse_voltage_range(v, "{" + setting + "}");
}
/// "Li,S" or "Li-S": element symbols; empty: none.
inline void convert(const std::string& v, std::vector<std::string>& f, const std::string& setting) {
  if (!v.empty()) f = element_symbols(v, setting);
}

template <class Q, class = void>
struct HasUncertainty : std::false_type {};
template <class Q>
struct HasUncertainty<Q, std::void_t<decltype(std::declval<Q&>().uncertainty)>> : std::true_type {};
}  // namespace detail

template <class F>
void Values::assign(const std::string& setting, F& field) const {
  if constexpr (std::is_same_v<F, std::vector<std::string>>) {
    if (formulas_.count(setting)) {
      field = expand_formula_arguments(get<std::vector<std::string>>(setting), std::cin);
      return;
    }
  }
  if constexpr (std::is_same_v<F, std::string>) {
    if (setting == "open") {
      field = open_symbol();
      return;
    }
  }
  std::visit([&](const auto& value) { detail::convert(value, field, setting); }, values_.at(setting));
}

template <class Q>
void Values::fill(Q& q, const std::set<std::string>& skip) const {
  for_each_setting(q, [&](const char* name, auto& field) {
    if (!skip.count(name) && options_.count(name) && given(name)) assign(name, field);
  });
  if constexpr (detail::HasUncertainty<Q>::value) linear_if_sigma(q.uncertainty);
  if constexpr (std::is_same_v<Q, UncertaintySettings>) linear_if_sigma(q);
}

}  // namespace interphase::cli
