#pragma once
/// \file catalogue.hpp
/// The program's commands and their options, as data.
///
/// Each command names the request it asks (requests.hpp) and each of its
/// options the setting it sets, by the name for_each_setting gives that
/// setting, with the kind of value it takes, its check and its help. The
/// program's parser is built from this table, so that an option is declared,
/// checked and documented once, and an error that names a setting
/// (SettingError) finds the option it is spelled as here.
#include <string>
#include <vector>

namespace interphase {

/// The kind of value an option takes: what each word given to it must be.
enum class ValueKind {
  Flag,      ///< no word: present or not
  Text,      ///< one word
  Texts,     ///< any number of words
  Formulas,  ///< any number of formulas, @FILE for a file of them (expand_formula_arguments)
  Number,    ///< a real number
  Numbers,   ///< any number of real numbers
  Count,     ///< a whole number, 0 or more
  Integer,   ///< a whole number, signed
};

/// Whether an option of `kind` takes any number of words.
inline bool takes_list(ValueKind kind) {
  return kind == ValueKind::Texts || kind == ValueKind::Formulas || kind == ValueKind::Numbers;
}

/// The check an option's value must pass when it is read.
enum class ValueCheck {
  None,
  NotEmpty,          ///< a path: not the empty string
  Voltage,           ///< finite, within +/- kMaxAbsVoltage
  VoltageStep,       ///< finite, within +/- 2 kMaxAbsVoltage
  Sigma,             ///< finite, within +/- kMaxSigma
  EnergyThreshold,   ///< finite, within +/- 100 eV/atom
  NonNegative,
  Positive,
  NoMinus,           ///< a count written without a minus sign
  Port,              ///< 0 to 65535
  Jobs,              ///< 1 to 64
  JobSeconds,        ///< 0.1 to 86400
};

/// Traits of an option (or of them together).
enum OptionTrait : unsigned {
  kRequired = 1,     ///< must be given
  kShowDefault = 2,  ///< its help shows `initial`
  kOneValue = 4,     ///< a list option that takes exactly one value
  kTwoValues = 8,    ///< a list option that takes exactly two values
};

struct OptionDoc {
  std::string setting;  ///< the setting it sets (a request's, or the program's own: format, quiet, ...)
  std::string name;     ///< as the program spells it: --energy, or A for an operand
  ValueKind kind = ValueKind::Text;
  std::string help;
  std::string choices;  ///< the values it takes, space-separated; empty: any
  ValueCheck check = ValueCheck::None;
  std::string initial;  ///< its value when not given (empty: the type's default)
  unsigned traits = 0;
};

struct CommandDoc {
  std::string path;     ///< "react", "db import"
  std::string summary;  ///< one line (or two) for the command list
  std::vector<OptionDoc> options;
  std::string footer;   ///< what the output holds, and examples
};

/// Every command, in the order the program lists them; a group ("db") comes
/// before its subcommands ("db import").
const std::vector<CommandDoc>& program_commands();

/// What the program is, and its examples (the bare program's help).
const std::string& program_description();
const std::string& program_examples();

/// The option a setting is spelled as on the command line (--at-x for
/// explain_at_x), else "--" and the setting with '-' for '_'.
std::string option_for_setting(const std::string& setting);

}  // namespace interphase
