/// \file mp_import.cpp
/// Parsing a JSON list of Materials Project summary or thermo documents (as the
/// mp-api client returns them and users save them) into formation-energy entries.
///
/// Read from each document: `material_id` (the entry's id), `formula_pretty`
/// (the formula as written), `composition` (element -> amount; keys starting
/// with '@' are ignored; when absent, formula_pretty is parsed),
/// `formation_energy_per_atom` (eV/atom; required), `energy_above_hull`
/// (eV/atom; optional, reported back for comparison) and `thermo_type`
/// ("GGA_GGA+U", "R2SCAN", ...). Every other field is ignored. Documents of
/// different thermo types do not mix in one hull: a file that holds several
/// needs one chosen.
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/composition/composition.hpp"
#include "interphase/error.hpp"
#include "interphase/quote.hpp"
#include "interphase/tolerances.hpp"
#include "detail.hpp"

namespace interphase::data::detail {

namespace {

using nlohmann::json;

class DocumentReader {
 public:
  explicit DocumentReader(const std::string& source) : source_(source) {}

  [[noreturn]] void fail(const std::string& label, const std::string& problem) const {
    throw DataError(source_ + ": " + label + ": " + problem);
  }

  std::string label(const json& doc, std::size_t index) const {
    std::string out = "document " + std::to_string(index);
    const auto id = doc.find("material_id");
    if (id != doc.end() && id->is_string()) out += " (" + printable(id->get<std::string>(), 60) + ")";
    return out;
  }

  std::string text(const json& doc, const char* key, const std::string& label, bool required) const {
    const auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) {
      if (required) fail(label, std::string("has no '") + key + "'");
      return {};
    }
    if (!it->is_string()) fail(label, std::string("'") + key + "' is not a string");
    return it->get<std::string>();
  }

  std::optional<double> number(const json& doc, const char* key, const std::string& label) const {
    const auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) return std::nullopt;
    if (!it->is_number()) fail(label, std::string("'") + key + "' is not a number");
    const double value = it->get<double>();
    if (!std::isfinite(value)) fail(label, std::string("'") + key + "' is not a finite number");
    return value;
  }

  Composition composition(const json& doc, const std::string& formula, const std::string& label) const {
    const auto it = doc.find("composition");
    if (it == doc.end() || it->is_null()) {
      if (formula.empty()) fail(label, "has neither 'composition' nor 'formula_pretty'");
      try {
        return Composition::parse(formula);
      } catch (const FormulaError& e) {
        fail(label, std::string("'formula_pretty': ") + e.what());
      }
    }
    if (!it->is_object()) fail(label, "'composition' is not an object of element -> amount");
    std::map<int, double> amounts;
    for (const auto& [symbol, amount] : it->items()) {
      if (symbol.starts_with("@")) continue;
      if (!amount.is_number() || !std::isfinite(amount.get<double>()) || amount.get<double>() < 0)
        fail(label, "composition: amount of " + in_quotes(symbol, 20) + " is not a non-negative number");
      try {
        amounts[atomic_number(symbol)] += amount.get<double>();
      } catch (const FormulaError& e) {
        fail(label, "composition: " + printable(e.what(), 200));  // it quotes the key as given
      }
    }
    if (amounts.empty()) fail(label, "empty composition");
    try {
      Composition::check_amount_limits(amounts, "composition");  // as a formula: no amount dropped or absurd
    } catch (const FormulaError& e) {
      fail(label, printable(e.what(), 200));
    }
    Composition c(amounts);
    if (!formula.empty()) agree(c, formula, label);
    return c;
  }

  /// formula_pretty, where given beside the composition, names the same
  /// composition (the reduced formula of it): the entry is stored under that name.
  void agree(const Composition& c, const std::string& formula, const std::string& label) const {
    Composition named;
    try {
      named = Composition::parse(formula);
    } catch (const FormulaError& e) {
      fail(label, std::string("'formula_pretty': ") + e.what());
    }
    if (!named.fractional().almost_equal(c.fractional(), tol::kFormulaPrettyTol))
      fail(label, "formula_pretty " + in_quotes(formula, 40) + " contradicts its composition " + c.formula());
  }

 private:
  const std::string& source_;
};

json parse_documents(std::istream& in, const std::string& source) {
  try {
    return json::parse(in);
  } catch (const json::exception& e) {  // a syntax error, or a number beyond double (1e400)
    std::string what = e.what();
    if (const auto end = what.find("] "); what.starts_with("[json.exception") && end != std::string::npos)
      what.erase(0, end + 2);
    // The library's message quotes the bytes it read last: made printable and short.
    throw DataError(source + ": invalid JSON: " + printable(what, 200));
  }
}

}  // namespace

std::vector<Entry> parse_mp_documents(std::string_view text, const std::string& source, const std::string& thermo_type,
                                      std::vector<ReportedStability>* reported, double max_abs_energy) {
  std::istringstream in{std::string(text)};
  return parse_mp_documents(in, source, thermo_type, reported, max_abs_energy);
}

std::vector<Entry> parse_mp_documents(std::istream& in, const std::string& source, const std::string& thermo_type,
                                      std::vector<ReportedStability>* reported, double max_abs_energy) {
  const json documents = parse_documents(in, source);
  if (!documents.is_array())
    throw DataError(source + ": expected a JSON list of Materials Project documents, found " +
                    std::string(documents.type_name()));
  if (documents.empty()) throw DataError(source + ": the list of documents is empty");
  const DocumentReader reader(source);

  // Thermo types present, and the one to read.
  std::map<std::string, std::size_t> types;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const json& doc = documents[i];
    if (!doc.is_object()) reader.fail("document " + std::to_string(i + 1), "is not an object");
    ++types[reader.text(doc, "thermo_type", reader.label(doc, i + 1), false)];
  }
  std::string chosen = thermo_type;
  if (chosen.empty() && types.size() > 1) {
    std::string list;
    for (const auto& [type, count] : types)
      list += (list.empty() ? "" : ", ") + (type.empty() ? std::string("(none)") : printable(type, 40)) + ": " + std::to_string(count);
    throw DataError(source + ": documents of several thermo types (" + list +
                    ") do not mix in one hull; choose one with --thermo-type");
  }
  if (!chosen.empty() && !types.count(chosen))
    throw DataError(source + ": no document has thermo_type " + in_quotes(chosen, 40));
  if (chosen.empty()) chosen = types.begin()->first;

  std::vector<Entry> entries;
  std::unordered_set<std::string> ids;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const json& doc = documents[i];
    const std::string label = reader.label(doc, i + 1);
    if (reader.text(doc, "thermo_type", label, false) != chosen) continue;
    Entry e;
    e.id = reader.text(doc, "material_id", label, true);
    if (const std::size_t at = find_control_character(e.id); at != std::string::npos)
      reader.fail(label, "material_id " + in_quotes(e.id, 40) + " contains " + describe_control_character(e.id[at]));
    if (!ids.insert(e.id).second) reader.fail(label, "material_id " + in_quotes(e.id, 60) + " appears twice");
    const std::string formula = reader.text(doc, "formula_pretty", label, false);
    if (const std::size_t at = find_control_character(formula); at != std::string::npos)
      reader.fail(label, "formula_pretty " + in_quotes(formula, 40) + " contains " + describe_control_character(formula[at]));
    e.composition = reader.composition(doc, formula, label);
    e.formula = formula.empty() ? e.composition.formula() : formula;
    const auto e_form = reader.number(doc, "formation_energy_per_atom", label);
    if (!e_form) reader.fail(label, "has no formation_energy_per_atom (needed for its place on the hull)");
    e.e_form = *e_form;
    if (const std::string problem = entry_problem(e.composition, e.e_form, max_abs_energy); !problem.empty())
      reader.fail(label, problem);
    if (reported) {
      if (const auto above = reader.number(doc, "energy_above_hull", label))
        reported->push_back({e.id, e.composition.reduced_formula(), *above});
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace interphase::data::detail
