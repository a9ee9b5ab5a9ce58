#pragma once
/// \file settings.hpp
/// A request's settings from the values a front end holds: the words of a
/// command line or a query string, or the typed values of a Python call.
///
/// Each front end gives a setting by its name (for_each_setting) and its value
/// as it has it; set_field converts it to the field's type, so that the
/// program, the web API and the Python module read "2.0-4.5", "mutual" or
/// "3" the same way and say the same when they cannot.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "interphase/error.hpp"
#include "interphase/session/catalogue.hpp"
#include "interphase/session/requests.hpp"

namespace interphase {

/// A setting's value as given: none (keep the default), a flag, a whole
/// number (signed, or unsigned beyond the signed range), a real number, a
/// word, a list of words or numbers, a path, or chemical potentials by element.
using SettingValue = std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::string,
                                  std::vector<std::string>, std::vector<double>, std::filesystem::path, OpenChempots>;

/// The field of setting `name` from `value`. Words convert as the program
/// reads them: numbers finite, counts whole, enums by name, a voltage range
/// as FROM-TO, element lists as "Li,S" or "Li-S"; one word of a list of one.
/// SettingError naming {name} when it does not convert (an enum: its parser's
/// Error, which names the value and the words it takes).
void set_field(std::string& field, const SettingValue& value, const std::string& name);
void set_field(std::filesystem::path& field, const SettingValue& value, const std::string& name);
void set_field(bool& field, const SettingValue& value, const std::string& name);
void set_field(double& field, const SettingValue& value, const std::string& name);
void set_field(int& field, const SettingValue& value, const std::string& name);
void set_field(unsigned& field, const SettingValue& value, const std::string& name);
void set_field(unsigned long& field, const SettingValue& value, const std::string& name);
void set_field(EnergyForm& field, const SettingValue& value, const std::string& name);
void set_field(ReactantEnergy& field, const SettingValue& value, const std::string& name);
void set_field(ImportKind& field, const SettingValue& value, const std::string& name);
void set_field(std::optional<VoltageRange>& field, const SettingValue& value, const std::string& name);
void set_field(std::vector<std::string>& field, const SettingValue& value, const std::string& name);
void set_field(std::vector<double>& field, const SettingValue& value, const std::string& name);
void set_field(OpenChempots& field, const SettingValue& value, const std::string& name);
void set_field(ElementCount& field, const SettingValue& value, const std::string& name);
void set_field(FormulaPair& field, const SettingValue& value, const std::string& name);
template <class T>
void set_field(std::optional<T>& field, const SettingValue& value, const std::string& name) {
  T t{};
  set_field(t, value, name);
  field = t;
}

/// Each value of `given` into the setting of `q` of its name; none keeps the
/// default. A name `q` has no setting of is an Error if `strict`, else left
/// to the caller (a front end's own options: its output format, ...).
template <class Q>
void set_settings(Q& q, const std::map<std::string, SettingValue>& given, bool strict) {
  std::set<std::string> names;
  for_each_setting(q, [&](const char* name, auto& field) {
    names.insert(name);
    const auto it = given.find(name);
    if (it != given.end() && !std::holds_alternative<std::monostate>(it->second)) set_field(field, it->second, name);
  });
  if (strict)
    for (const auto& entry : given)
      if (!names.count(entry.first)) throw Error("no setting '" + SettingError::literal(entry.first) + "'");
}

/// A screen's condition from a value: none is closed, a number volts of the
/// element `open`, two numbers or "FROM-TO" a range of its voltages, and
/// chemical potentials by element those (SettingError naming {conditions}).
Condition condition_of(const SettingValue& value, const std::string& open);

/// `text` as a decimal number, optionally signed ("+3", "-1e-3", "inf"; no
/// hexadecimal, no spaces): nullopt unless the whole text is one. Beyond a
/// double it is infinite; below the smallest, the nearest tiny number.
std::optional<double> parse_decimal(std::string_view text);

/// A real number written as text: SettingError naming {name} unless the whole
/// text is one finite number.
double parse_setting_number(const std::string& text, const std::string& name);

/// What is wrong with `text` as the value of `option` (its kind and check),
/// or "" if nothing: the program's check of each word it is given.
std::string value_problem(const OptionDoc& option, const std::string& text);
/// The short form of a check for help texts ("POSITIVE", "INT in [0 - 65535]"); "" if none.
std::string check_summary(ValueCheck check);

}  // namespace interphase
