#include "interphase/session/settings.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <tuple>

#include "interphase/grand/limits.hpp"
#include "interphase/quote.hpp"
#include "interphase/session/session.hpp"

namespace interphase {

namespace {

std::string quoted(const std::string& text) { return SettingError::literal(in_quotes(text)); }

/// What a value is, for a message that it does not fit its setting.
std::string kind_of(const SettingValue& value) {
  static const char* const kinds[] = {"nothing",         "true or false",     "a whole number", "a whole number",
                                      "a number",        "text",              "a list of words", "a list of numbers",
                                      "a path",          "chemical potentials"};
  return kinds[value.index()];
}

[[noreturn]] void mismatch(const SettingValue& value, const std::string& name, const std::string& expected) {
  throw SettingError("{" + name + "} takes " + expected + ", not " + kind_of(value));
}

/// The one word of `value` (a list of one word is that word); nullptr if it holds none.
const std::string* word(const SettingValue& value, const std::string& name) {
  if (const auto* s = std::get_if<std::string>(&value)) return s;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    if (list->size() == 1) return &list->front();
    if (list->size() > 1) throw SettingError("{" + name + "} is given " + std::to_string(list->size()) + " times");
  }
  return nullptr;
}

/// A whole number of type T from `value`: SettingError naming {name} unless it fits.
template <class T>
T whole(const SettingValue& value, const std::string& name) {
  if (const auto* u = std::get_if<std::uint64_t>(&value)) {
    if (*u > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
      throw SettingError("{" + name + "} " + std::to_string(*u) + " is out of range");
    return static_cast<T>(*u);
  }
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    if (*i < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
        (*i > 0 && static_cast<std::uint64_t>(*i) > static_cast<std::uint64_t>(std::numeric_limits<T>::max())))
      throw SettingError("{" + name + "} " + std::to_string(*i) + " is out of range");
    return static_cast<T>(*i);
  }
  const std::string* text = word(value, name);
  if (!text) mismatch(value, name, "a whole number");
  T out{};
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), out);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size())
    throw SettingError("{" + name + "} " + quoted(*text) + " is not a whole number in range");
  return out;
}

}  // namespace

std::optional<double> parse_decimal(std::string_view text) {
  if (text.size() > 1 && text[0] == '+' && text[1] != '-') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (text.empty() || end != text.data() + text.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return std::strtod(std::string(text).c_str(), nullptr);  // inf, or tiny
  if (ec != std::errc()) return std::nullopt;
  return value;
}

double parse_setting_number(const std::string& text, const std::string& name) {
  const std::optional<double> value = parse_decimal(text);
  if (!value || !std::isfinite(*value))
    throw SettingError("{" + name + "} " + quoted(text) + " is not a finite number");
  return *value;
}

void set_field(std::string& field, const SettingValue& value, const std::string& name) {
  const std::string* text = word(value, name);
  if (!text) mismatch(value, name, "text");
  field = *text;
}

void set_field(std::filesystem::path& field, const SettingValue& value, const std::string& name) {
  if (const auto* p = std::get_if<std::filesystem::path>(&value)) field = *p;
  else if (const std::string* text = word(value, name)) field = *text;
  else mismatch(value, name, "a path");
}

void set_field(bool& field, const SettingValue& value, const std::string& name) {
  if (const auto* b = std::get_if<bool>(&value)) {
    field = *b;
    return;
  }
  const std::string* text = word(value, name);
  if (!text) mismatch(value, name, "true or false");
  if (text->empty() || *text == "1" || *text == "true" || *text == "yes" || *text == "on") field = true;
  else if (*text == "0" || *text == "false" || *text == "no" || *text == "off") field = false;
  else throw SettingError("{" + name + "} " + quoted(*text) + ": expected true or false");
}

void set_field(double& field, const SettingValue& value, const std::string& name) {
  if (const auto* d = std::get_if<double>(&value)) field = *d;
  else if (const auto* i = std::get_if<std::int64_t>(&value)) field = static_cast<double>(*i);
  else if (const auto* u = std::get_if<std::uint64_t>(&value)) field = static_cast<double>(*u);
  else if (const std::string* text = word(value, name)) field = parse_setting_number(*text, name);
  else mismatch(value, name, "a number");
}

void set_field(int& field, const SettingValue& value, const std::string& name) { field = whole<int>(value, name); }
void set_field(unsigned& field, const SettingValue& value, const std::string& name) {
  field = whole<unsigned>(value, name);
}
void set_field(unsigned long& field, const SettingValue& value, const std::string& name) {
  field = whole<unsigned long>(value, name);
}

void set_field(EnergyForm& field, const SettingValue& value, const std::string& name) {
  const std::string* text = word(value, name);
  if (!text) mismatch(value, name, "mutual or total");
  field = parse_energy_form(*text);
}

void set_field(ReactantEnergy& field, const SettingValue& value, const std::string& name) {
  const std::string* text = word(value, name);
  if (!text) mismatch(value, name, "entry or hull");
  field = parse_reactant_energy(*text);
}

void set_field(ImportKind& field, const SettingValue& value, const std::string& name) {
  const std::string* text = word(value, name);
  if (!text) mismatch(value, name, "auto, csv, pymatgen-json or mp-json");
  field = parse_import_kind(*text);
}

void set_field(std::optional<VoltageRange>& field, const SettingValue& value, const std::string& name) {
  if (const auto* pair = std::get_if<std::vector<double>>(&value); pair && pair->size() == 2) {
    const VoltageRange r{(*pair)[0], (*pair)[1]};
    check_voltage_range(r, "{" + name + "} (" + shortest_number(r.from) + ", " + shortest_number(r.to) + ")");
    field = r;
  } else if (const std::string* text = word(value, name)) {
    if (!text->empty()) field = parse_voltage_range(*text, "{" + name + "}");  // empty: none
  } else {
    mismatch(value, name, "a voltage range FROM-TO or two voltages");
  }
}

void set_field(std::vector<std::string>& field, const SettingValue& value, const std::string& name) {
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) field = *list;
  else if (const auto* text = std::get_if<std::string>(&value)) {
    if (!text->empty()) field = element_symbols(*text, name);  // "Li,S" or "Li-S"; empty: none
  } else mismatch(value, name, "a list of words");
}

void set_field(std::vector<double>& field, const SettingValue& value, const std::string& name) {
  if (const auto* list = std::get_if<std::vector<double>>(&value)) field = *list;
  else if (const auto* words = std::get_if<std::vector<std::string>>(&value)) {
    field.clear();
    for (const std::string& w : *words) field.push_back(parse_setting_number(w, name));
  } else {
    double one = 0;
    set_field(one, value, name);
    field = {one};
  }
}

void set_field(OpenChempots& field, const SettingValue& value, const std::string& name) {
  const auto* chempots = std::get_if<OpenChempots>(&value);
  if (!chempots) mismatch(value, name, "chemical potentials by element");
  field = *chempots;
}

void set_field(ElementCount& field, const SettingValue& value, const std::string& name) {
  const std::string* text = word(value, name);
  if (!text) mismatch(value, name, "a number of elements N or a range N-M");
  if (!text->empty()) std::tie(field.min, field.max) = parse_element_count(*text);  // empty: no bound
}

void set_field(FormulaPair& field, const SettingValue& value, const std::string& name) {
  const auto* list = std::get_if<std::vector<std::string>>(&value);
  if (!list || list->size() != 2) mismatch(value, name, "two formulas A B");
  field.a = (*list)[0];
  field.b = (*list)[1];
}

Condition condition_of(const SettingValue& value, const std::string& open) {
  if (std::holds_alternative<std::monostate>(value)) return closed_condition();
  if (const auto* chempots = std::get_if<OpenChempots>(&value)) return chempot_condition(*chempots);
  if (std::holds_alternative<std::string>(value) || std::holds_alternative<std::vector<double>>(value)) {
    std::optional<VoltageRange> range;
    set_field(range, value, "conditions");
    if (!range) throw SettingError("{conditions} holds an empty range");
    return range_condition(*range, open);
  }
  double volts = 0;
  set_field(volts, value, "conditions");
  return voltage_condition(volts, open);
}

std::string value_problem(const OptionDoc& option, const std::string& text) {
  using K = ValueKind;
  using C = ValueCheck;
  const std::string q = in_quotes(text);
  const bool real_kind = option.kind == K::Number || option.kind == K::Numbers;
  const bool whole_kind = option.kind == K::Count || option.kind == K::Integer;
  if (option.check == C::NoMinus && text.find('-') != std::string::npos)
    return q + " is negative: give 0 or more, or leave " + option.name + " out";
  if (option.check == C::NotEmpty && text.empty())
    return "an empty path names no file (omit the option for the default)";
  if (!real_kind && !whole_kind) return "";
  const bool range = option.check == C::Port || option.check == C::Jobs || option.check == C::JobSeconds;
  std::optional<double> value;
  if (whole_kind) {  // digits only, with a sign for an integer or a checked range: no point, exponent or hex
    const bool minus = !text.empty() && text.front() == '-';
    if (minus && option.kind != K::Integer && !range) return q + " is negative: give 0 or more";
    std::uint64_t n = 0;
    const char* first = text.data() + (minus ? 1 : 0);
    const auto [end, ec] = std::from_chars(first, text.data() + text.size(), n);
    if (first == text.data() + text.size() || end != text.data() + text.size()) return q + " is not a whole number";
    if (ec == std::errc::result_out_of_range) return q + " is too large";
    value = minus ? -static_cast<double>(n) : static_cast<double>(n);
  } else {
    value = parse_decimal(text);
    if (!value) return q + " is not a number";
    if (!std::isfinite(*value)) return q + " is not a finite number";
  }
  const auto within = [&](double low, double high) {
    return *value >= low && *value <= high ? std::string()
                                           : q + " is outside " + shortest_number(low) + " to " + shortest_number(high);
  };
  switch (option.check) {
    case C::Voltage: return limit_problem(*value, kMaxAbsVoltage, "V");
    case C::VoltageStep: return limit_problem(*value, 2 * kMaxAbsVoltage, "V");
    case C::Sigma: return limit_problem(*value, kMaxSigma, "eV/atom");
    case C::EnergyThreshold: return limit_problem(*value, 100, "eV/atom");
    case C::NonNegative: return *value >= 0 ? "" : q + " is negative: give 0 or more";
    case C::Positive: return *value > 0 ? "" : q + " is not positive: give a number above 0";
    case C::Port: return within(0, 65535);
    case C::Jobs: return within(1, 64);
    case C::JobSeconds: return within(0.1, 86400);
    default: return "";
  }
}

std::string check_summary(ValueCheck check) {
  switch (check) {
    case ValueCheck::NotEmpty: return "PATH";
    case ValueCheck::NonNegative: return "NONNEGATIVE";
    case ValueCheck::Positive: return "POSITIVE";
    case ValueCheck::NoMinus: return "N >= 0";
    case ValueCheck::Port: return "INT in [0 - 65535]";
    case ValueCheck::Jobs: return "INT in [1 - 64]";
    case ValueCheck::JobSeconds: return "FLOAT in [0.1 - 86400]";
    default: return "";
  }
}

}  // namespace interphase
