/// \file pymatgen_import.cpp
/// Parsing a JSON list of pymatgen ComputedEntry dicts into formation-energy entries.
///
/// Each dict gives `composition` (symbol -> amount), `energy` and `correction`
/// (eV per formula as written; their sum is the corrected total energy) and
/// `entry_id`. The formation energy per atom of an entry with N atoms is
///   e_form = (energy + correction) / N - sum_el x_el * mu_el,
/// with x_el its atomic fractions and mu_el the lowest energy per atom among the
/// file's pure entries of element el.
///
/// The list is read from a stream one element at a time (nlohmann's parser
/// callback discards each dict once it is read), so memory holds the compact
/// entries, not the file's JSON tree.
#include <cmath>
#include <cstddef>
#include <sstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "interphase/composition/composition.hpp"
#include "interphase/data/entry.hpp"
#include "interphase/error.hpp"
#include "interphase/quote.hpp"

#include "detail.hpp"

namespace interphase::data::detail {

namespace {

using nlohmann::json;

/// One ComputedEntry as read: its composition and corrected total energy.
struct ComputedEntry {
  std::string id;
  std::size_t index = 0;  ///< 1-based position in the list, for messages
  Composition composition;
  double total_energy = 0.0;  ///< energy + correction, eV per formula as written
  std::optional<double> sigma;  ///< 1-sigma of the formation energy (eV/atom), if the file gives one

  double energy_per_atom() const { return total_energy / composition.num_atoms(); }
};

/// Reads the dicts of one file, naming the file and the entry in every error.
class EntryReader {
 public:
  EntryReader(const std::string& source, const std::string& dataset_name, const std::string& sigma_key = {})
      : source_(source), dataset_name_(dataset_name), sigma_key_(sigma_key) {}

  /// The `index`-th (1-based) dict of the list.
  ComputedEntry read(const json& item, std::size_t index) {
    ComputedEntry entry;
    entry.index = index;
    if (!item.is_object()) fail(entry, "expected a ComputedEntry object, found " + std::string(item.type_name()));
    entry.id = read_id(item, index);
    require_text(entry.id, "entry_id", entry);
    if (!seen_ids_.insert(entry.id).second) fail(entry, "duplicate entry_id " + in_quotes(entry.id));
    entry.composition = read_composition(item, entry);
    const double energy = read_number(item, "energy", entry, /*required=*/true);
    const double correction = read_number(item, "correction", entry, /*required=*/false);
    entry.total_energy = energy + correction;
    if (!std::isfinite(entry.total_energy)) {
      fail(entry, "energy + correction (" + json(energy).dump() + " + " + json(correction).dump() +
                      ") is not a finite number");
    }
    if (!sigma_key_.empty()) {
      const auto it = item.find(sigma_key_);
      if (it != item.end() && !it->is_null()) {
        if (!it->is_number()) fail(entry, "invalid uncertainty " + in_quotes(sigma_key_) + ": not a number");
        const double sigma = it->get<double>();
        if (const std::string problem = sigma_problem(sigma); !problem.empty())
          fail(entry, "invalid uncertainty " + in_quotes(sigma_key_) + " " + it->dump() + ": " + problem);
        entry.sigma = sigma;
      }
    }
    return entry;
  }

  [[noreturn]] void fail(const ComputedEntry& entry, const std::string& problem) const {
    // "entry 3 (mp-1234)", or "entry 3" while its id is not read yet.
    std::string label = "entry " + std::to_string(entry.index);
    if (!entry.id.empty()) label += " (" + printable(entry.id, 60) + ")";
    throw DataError(source_ + ": " + label + ": " + problem);
  }

 private:
  const std::string& source_;
  const std::string& dataset_name_;
  std::string sigma_key_;
  std::unordered_set<std::string> seen_ids_;

  /// `entry_id` as a string; "<dataset>:<index>" when absent or null.
  std::string read_id(const json& item, std::size_t index) const {
    const auto it = item.find("entry_id");
    if (it == item.end() || it->is_null()) return dataset_name_ + ":" + std::to_string(index);
    return it->is_string() ? it->get<std::string>() : it->dump();
  }

  /// A string of the file is text without control characters.
  void require_text(std::string_view text, const std::string& what, const ComputedEntry& entry) const {
    if (const std::size_t at = find_control_character(text); at != std::string_view::npos) {
      fail(entry, what + " " + in_quotes(text, 40) + " contains " + describe_control_character(text[at]));
    }
  }

  Composition read_composition(const json& item, const ComputedEntry& entry) const {
    const auto it = item.find("composition");
    if (it == item.end() || !it->is_object()) fail(entry, "missing 'composition' (element -> amount)");
    std::map<int, double> amounts;
    for (const auto& [symbol, amount] : it->items()) {
      require_text(symbol, "composition: element", entry);
      if (!amount.is_number() || amount.get<double>() < 0) {
        fail(entry, "composition: amount of " + in_quotes(symbol) + " is not a non-negative number");
      }
      try {
        amounts[atomic_number(symbol)] += amount.get<double>();
      } catch (const FormulaError& e) {
        fail(entry, std::string("composition: ") + e.what());
      }
    }
    try {
      Composition::check_amount_limits(amounts, "composition");
      Composition composition(amounts);
      if (composition.empty()) fail(entry, "empty composition");
      return composition;
    } catch (const FormulaError& e) {
      fail(entry, e.what());
    }
  }

  double read_number(const json& item, const char* key, const ComputedEntry& entry, bool required) const {
    const auto it = item.find(key);
    if (it == item.end() || it->is_null()) {
      if (required) fail(entry, std::string("missing '") + key + "'");
      return 0.0;
    }
    if (!it->is_number()) fail(entry, std::string("'") + key + "' is not a number");
    return it->get<double>();
  }
};

/// nlohmann's message without its "[json.exception.parse_error.101] " prefix,
/// printable and short (it quotes the bytes it read last).
std::string json_problem(const json::exception& e) {
  std::string what = e.what();
  if (const auto end = what.find("] "); what.starts_with("[json.exception") && end != std::string::npos) {
    what.erase(0, end + 2);
  }
  return printable(what, 200);
}

/// Parse a list of ComputedEntry dicts one element at a time, reading each
/// with `reader` and discarding its JSON.
std::vector<ComputedEntry> read_entries(std::istream& in, const std::string& source, EntryReader& reader) {
  std::vector<ComputedEntry> computed;
  bool list = false;
  const json::parser_callback_t each = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth == 0 && event == json::parse_event_t::array_start) list = true;
    if (depth == 0 && event == json::parse_event_t::object_start) {
      throw DataError(source + ": expected a JSON list of pymatgen ComputedEntry objects, found an object");
    }
    const bool element_done = event == json::parse_event_t::object_end || event == json::parse_event_t::array_end ||
                              event == json::parse_event_t::value;
    if (depth != 1 || !list || !element_done) return true;
    computed.push_back(reader.read(parsed, computed.size() + 1));
    return false;  // discard the element's JSON: the entry keeps what it needs
  };
  json rest;
  try {
    rest = json::parse(in, each);
  } catch (const json::exception& e) {
    const std::string where = list ? "entry " + std::to_string(computed.size() + 1) + ": " : "";
    throw DataError(source + ": " + where + "invalid JSON: " + json_problem(e));
  }
  if (!list) {
    throw DataError(source + ": expected a JSON list of pymatgen ComputedEntry objects, found " +
                    std::string(rest.type_name()));
  }
  return computed;
}

/// Lowest energy per atom of each element's pure entries.
std::map<int, double> elemental_references(const std::vector<ComputedEntry>& entries) {
  std::map<int, double> references;
  for (const auto& entry : entries) {
    if (entry.composition.amounts().size() != 1) continue;
    const int z = entry.composition.amounts().begin()->first;
    const double e = entry.energy_per_atom();
    if (const auto [it, inserted] = references.emplace(z, e); !inserted && e < it->second) it->second = e;
  }
  return references;
}

}  // namespace

/// Formation-energy entries of a JSON list of pymatgen ComputedEntry dicts.
/// Throws DataError naming `source`, the entry and the problem; in particular
/// when an element has no pure entry to serve as its reference.
std::vector<Entry> parse_pymatgen_entries(std::istream& in, const std::string& source,
                                          const std::string& dataset_name, double max_abs_energy,
                                          const std::string& sigma_key) {
  EntryReader reader(source, dataset_name, sigma_key);
  std::vector<ComputedEntry> computed = read_entries(in, source, reader);
  if (computed.empty()) throw DataError(source + ": the list of entries is empty");

  const std::map<int, double> references = elemental_references(computed);
  std::vector<Entry> entries;
  entries.reserve(computed.size());
  for (auto& c : computed) {  // each moved into its Entry, so the two lists do not both hold everything
    double e_form = c.energy_per_atom();
    for (const auto& [z, amount] : c.composition.amounts()) {
      const auto ref = references.find(z);
      if (ref == references.end()) {
        reader.fail(c, "no pure-element entry for " + std::string(element(z).symbol) +
                           " in the file; formation energies need the lowest-energy entry of every element");
      }
      e_form -= amount / c.composition.num_atoms() * ref->second;
    }
    if (const std::string problem = entry_problem(c.composition, e_form, max_abs_energy); !problem.empty()) {
      reader.fail(c, problem);
    }
    std::string formula = c.composition.formula();
    entries.push_back(Entry{std::move(c.id), std::move(formula), std::move(c.composition), e_form, 0, c.sigma});
  }
  return entries;
}

std::vector<Entry> parse_pymatgen_entries(std::string_view text, const std::string& source,
                                          const std::string& dataset_name, double max_abs_energy) {
  std::istringstream in{std::string(text)};
  return parse_pymatgen_entries(in, source, dataset_name, max_abs_energy);
}

}  // namespace interphase::data::detail
