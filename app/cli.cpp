#include "cli.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "interphase/composition/element.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/reaction/setup.hpp"

namespace interphase::cli {

namespace {

NoticeWriter& observer() {
  static NoticeWriter o;
  return o;
}

/// A number finite and within +/-limit (CLI11's own message for what is not a number).
CLI::Validator finite_within(double limit, const std::string& unit) {
  return CLI::Validator(
      [limit, unit](std::string& text) -> std::string {
        // strtod: an overflow is inf (refused below), an underflow a tiny number (fine).
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) return "";
        if (!std::isfinite(value)) return "'" + text + "' is not a finite number";
        return limit_problem(value, limit, unit);
      },
      "", "finite, within +/-" + std::to_string(static_cast<int>(limit)));
}

/// Refuses an empty path: a script's unset variable must not mean the default database.
const CLI::Validator kNotEmpty(
    [](std::string& text) {
      return text.empty() ? std::string("an empty path names no file (omit the option for the default)") : std::string();
    },
    "PATH");

/// A count written with a minus sign (an unsigned type would take -1 as a huge number).
CLI::Validator no_minus(const std::string& option) {
  return CLI::Validator(
      [option](std::string& text) -> std::string {
        return text.find('-') == std::string::npos ? ""
                                                   : "'" + text + "' is negative: give 0 or more, or leave " + option + " out";
      },
      "N >= 0");
}

void add_check(CLI::Option* o, const OptionDoc& doc) {
  switch (doc.check) {
    case ValueCheck::None: break;
    case ValueCheck::NotEmpty: o->check(kNotEmpty); break;
    case ValueCheck::Voltage: o->check(finite_within(kMaxAbsVoltage, "V")); break;
    case ValueCheck::VoltageStep: o->check(finite_within(2 * kMaxAbsVoltage, "V")); break;
    case ValueCheck::Sigma: o->check(finite_within(kMaxSigma, "eV/atom")); break;
    case ValueCheck::EnergyThreshold: o->check(finite_within(100, "eV/atom")); break;
    case ValueCheck::NonNegative: o->check(CLI::NonNegativeNumber); break;
    case ValueCheck::Positive: o->check(CLI::PositiveNumber); break;
    case ValueCheck::NoMinus: o->check(no_minus(doc.name)); break;
    case ValueCheck::Port: o->check(CLI::Range(0, 65535)); break;
    case ValueCheck::Jobs: o->check(CLI::Range(1, 64)); break;
    case ValueCheck::JobSeconds: o->check(CLI::Range(0.1, 86400.0)); break;
  }
  if (doc.choices.empty()) return;
  std::vector<std::string> words;
  std::istringstream in(doc.choices);
  for (std::string w; in >> w;) words.push_back(w);
  o->check(CLI::IsMember(words));
}

/// The storage of a kind of value, holding its initial value.
Values::Value storage(const OptionDoc& doc) {
  const std::string& s = doc.initial;
  switch (doc.kind) {
    case ValueKind::Flag: return false;
    case ValueKind::Text: return s;
    case ValueKind::OptionalText: return std::optional<std::string>();
    case ValueKind::Texts:
    case ValueKind::Formulas: return std::vector<std::string>();
    case ValueKind::Number: return s.empty() ? 0.0 : std::stod(s);
    case ValueKind::OptionalNumber: return std::optional<double>();
    case ValueKind::Numbers: return std::vector<double>();
    case ValueKind::Count: return std::size_t{s.empty() ? 0 : std::stoul(s)};
    case ValueKind::OptionalCount: return std::optional<std::size_t>();
    case ValueKind::Seed: return std::uint64_t{s.empty() ? 0 : std::stoull(s)};
    case ValueKind::Threads: return static_cast<unsigned>(s.empty() ? 0 : std::stoul(s));
    case ValueKind::Integer: return s.empty() ? 0 : std::stoi(s);
  }
  return s;
}

}  // namespace

std::map<std::string, Command>& commands() {
  static std::map<std::string, Command> all;
  return all;
}

void Values::add(CLI::App* cmd, const OptionDoc& doc) {
  Value& value = values_.emplace(doc.setting, storage(doc)).first->second;
  CLI::Option* o = std::visit(
      [&](auto& v) -> CLI::Option* {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, bool>) return cmd->add_flag(doc.name, v, doc.help);
        else return cmd->add_option(doc.name, v, doc.help);
      },
      value);
  if (doc.traits & kRequired) o->required();
  if (doc.traits & kOneValue) o->expected(1);
  if (doc.traits & kTwoValues) o->expected(2);
  if (doc.traits & kShowDefault) o->capture_default_str();
  add_check(o, doc);
  options_[doc.setting] = o;
  if (doc.kind == ValueKind::Formulas) formulas_.insert(doc.setting);
}

std::filesystem::path Values::database_path() const {
  return text("db").empty() ? default_database_path() : std::filesystem::path(text("db"));
}

Session Values::session() const {
  SessionOptions options;
  options.database = database_path();
  options.data = text("data");
  if (!text("dataset").empty()) options.dataset = text("dataset");
  return Session(options, &observer());
}

OpenChempots Values::open_chempots() const {
  using Texts = std::vector<std::string>;
  return interphase::open_chempots(get<Texts>("open"), get<std::optional<double>>("voltage"), get<Texts>("mu"),
                                   get<Texts>("gas"));
}

std::string Values::open_symbol() const {
  return std::string(element(single_open(get<std::vector<std::string>>("open"))).symbol);
}

void Values::linear_if_sigma(UncertaintySettings& u) const {
  // --sigma alone implies --uncertainty; with --samples it is the samples' sigma only.
  if (options_.count("sigma") && given("sigma") && u.samples == 0) u.linear = true;
}

}  // namespace interphase::cli
