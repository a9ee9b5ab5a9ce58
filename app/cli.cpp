#include "cli.hpp"

#include <sstream>

#include "interphase/composition/element.hpp"
#include "interphase/reaction/setup.hpp"

namespace interphase::cli {

namespace {

NoticeWriter& observer() {
  static NoticeWriter o;
  return o;
}

/// CLI11's name of a kind of value, as --help shows it.
const char* type_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Number:
    case ValueKind::Numbers: return "FLOAT";
    case ValueKind::Count: return "UINT";
    case ValueKind::Integer: return "INT";
    default: return "TEXT";
  }
}

}  // namespace

std::map<std::string, Command>& commands() {
  static std::map<std::string, Command> all;
  return all;
}

void Values::add(CLI::App* cmd, const OptionDoc& doc) {
  Held& h = held_[doc.setting];
  h.doc = &doc;
  h.word = doc.initial;
  CLI::Option* o = doc.kind == ValueKind::Flag ? cmd->add_flag(doc.name, h.on, doc.help)
                   : takes_list(doc.kind)       ? cmd->add_option(doc.name, h.words, doc.help)
                                                : cmd->add_option(doc.name, h.word, doc.help);
  h.option = o;
  if (doc.traits & kRequired) o->required();
  if (doc.traits & kOneValue) o->expected(1);
  if (doc.traits & kTwoValues) o->expected(2);
  if (doc.traits & kShowDefault) o->capture_default_str();
  if (doc.kind == ValueKind::Flag) return;
  o->type_name(type_name(doc.kind));
  o->check(CLI::Validator([&doc](std::string& text) { return value_problem(doc, text); }, check_summary(doc.check)));
  if (doc.choices.empty()) return;
  std::vector<std::string> words;
  std::istringstream in(doc.choices);
  for (std::string w; in >> w;) words.push_back(w);
  o->check(CLI::IsMember(words));
}

std::optional<std::string> Values::optional_text(const std::string& setting) const {
  return given(setting) ? std::optional<std::string>(text(setting)) : std::nullopt;
}

SettingValue Values::value(const std::string& setting) const {
  const Held& h = held_.at(setting);
  if (setting == "open") return open_symbol();
  if (h.doc->kind == ValueKind::Flag) return h.on;
  if (h.doc->kind == ValueKind::Formulas) return expand_formula_arguments(h.words, std::cin);
  if (takes_list(h.doc->kind)) return h.words;
  return h.word;
}

SessionOptions Values::session_options() const {
  SessionOptions options;
  options.database = text("db");  // empty: the default
  options.data = text("data");
  if (!text("dataset").empty()) options.dataset = text("dataset");
  return options;
}

Session Values::session() const { return Session(session_options(), &observer()); }

OpenChempots Values::open_chempots() const {
  return interphase::open_chempots(texts("open"), voltage(), texts("mu"), texts("gas"));
}

std::optional<double> Values::voltage() const {
  std::optional<double> volts;
  if (given("voltage")) set_field(volts, text("voltage"), "voltage");
  return volts;
}

std::string Values::open_symbol() const {
  return std::string(element(single_open(texts("open"))).symbol);
}

void Values::linear_if_sigma(UncertaintySettings& u) const {
  // --sigma alone implies --uncertainty; with --samples it is the samples' sigma only.
  if (held_.count("sigma") && given("sigma") && u.samples == 0) u.linear = true;
}

}  // namespace interphase::cli
