#include "interphase/report/dataset_format.hpp"

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "interphase/error.hpp"
#include "interphase/report/format.hpp"

namespace interphase {
namespace {

using Json = nlohmann::ordered_json;

/// "Li3PS4:0.6153846153846154;Li2S:0.23076923076923078".
std::string decomposition_cell(const std::vector<std::pair<std::string, double>>& products) {
  std::string out;
  for (const auto& [name, fraction] : products) out += (out.empty() ? "" : ";") + name + ":" + full_precision(fraction);
  return out;
}

std::string yes_no(bool b) { return b ? "true" : "false"; }

/// The named products of stored rows, phases looked up among `entries` by key.
class PhaseNames {
 public:
  explicit PhaseNames(const std::vector<Entry>& entries) {
    for (const Entry& e : entries) names_.emplace(e.key, e.name());
  }
  std::vector<std::pair<std::string, double>> operator()(const StoredStability& s) const {
    std::vector<std::pair<std::string, double>> out;
    for (const auto& [key, fraction] : s.decomposition) {
      if (key < 0) {
        out.emplace_back(Composition({{static_cast<int>(-key), 1.0}}).reduced_formula(), fraction);
        continue;
      }
      const auto it = names_.find(key);
      if (it == names_.end()) throw DataError("stored decomposition names an unknown entry row " + std::to_string(key));
      out.emplace_back(it->second, fraction);
    }
    return out;
  }

 private:
  std::unordered_map<std::int64_t, std::string> names_;
};

}  // namespace

void write_stability(std::ostream& out, const std::vector<Entry>& entries, const std::vector<StoredStability>& rows,
                     Format format) {
  std::unordered_map<std::int64_t, const StoredStability*> by_key;
  for (const auto& r : rows) by_key.emplace(r.entry, &r);
  const PhaseNames names(entries);
  const auto row_of = [&](const Entry& e) -> const StoredStability& {
    const auto it = by_key.find(e.key);
    if (it == by_key.end()) throw DataError("no stored stability for entry " + e.id);
    return *it->second;
  };
  if (format == Format::Csv) {
    out << "id,formula,reduced_formula,e_form,e_above_hull,stable,hull_energy,decomposition\n";
    for (const Entry& e : entries) {
      const StoredStability& s = row_of(e);
      out << csv_quote(e.id) << ',' << csv_quote(e.formula) << ',' << csv_quote(e.name()) << ','
          << full_precision(e.e_form) << ',' << full_precision(s.e_above_hull) << ',' << yes_no(s.stable) << ','
          << full_precision(s.hull_energy) << ',' << csv_quote(decomposition_cell(names(s))) << '\n';
    }
    return;
  }
  if (format == Format::Json) {
    out << "[";
    bool first = true;
    for (const Entry& e : entries) {
      const StoredStability& s = row_of(e);
      Json j;
      j["id"] = e.id;
      j["formula"] = e.formula;
      j["reduced_formula"] = e.name();
      j["e_form"] = e.e_form;
      j["e_above_hull"] = s.e_above_hull;
      j["stable"] = s.stable;
      j["hull_energy"] = s.hull_energy;
      j["decomposition"] = products_json(names(s));
      out << (first ? "\n" : ",\n") << j.dump();
      first = false;
    }
    out << "\n]\n";
    return;
  }
  std::vector<std::vector<std::string>> table_rows;
  table_rows.reserve(entries.size());
  for (const Entry& e : entries) {
    const StoredStability& s = row_of(e);
    table_rows.push_back({e.id, e.name(), fixed(e.e_form, 6), fixed(s.e_above_hull, 6), s.stable ? "yes" : "no",
                          product_names(names(s))});
  }
  out << table({"id", "formula", "e_form", "e_above_hull", "stable", "decomposition"}, table_rows, format);
}

void write_selection(std::ostream& out, const std::vector<SelectedEntry>& rows, Format format) {
  if (format == Format::Text) {
    for (const auto& r : rows) out << r.reduced_formula << '\n';
    return;
  }
  if (format == Format::Csv) {
    out << "reduced_formula,id,formula,e_form,e_above_hull,stable,hull_energy,decomposition\n";
    for (const auto& r : rows) {
      out << csv_quote(r.reduced_formula) << ',' << csv_quote(r.entry.id) << ',' << csv_quote(r.entry.formula) << ','
          << full_precision(r.entry.e_form) << ',' << full_precision(r.stability.e_above_hull) << ','
          << yes_no(r.stability.stable) << ',' << full_precision(r.stability.hull_energy) << ','
          << csv_quote(decomposition_cell(r.products)) << '\n';
    }
    return;
  }
  if (format == Format::Json) {
    Json list = Json::array();
    for (const auto& r : rows) {
      list.push_back({{"reduced_formula", r.reduced_formula},
                      {"id", r.entry.id},
                      {"formula", r.entry.formula},
                      {"e_form", r.entry.e_form},
                      {"e_above_hull", r.stability.e_above_hull},
                      {"stable", r.stability.stable},
                      {"hull_energy", r.stability.hull_energy},
                      {"decomposition", products_json(r.products)}});
    }
    out << list.dump(1) << '\n';
    return;
  }
  std::vector<std::vector<std::string>> table_rows;
  for (const auto& r : rows) {
    table_rows.push_back({r.reduced_formula, r.entry.id, fixed(r.entry.e_form, 6), fixed(r.stability.e_above_hull, 6),
                          r.stability.stable ? "yes" : "no", product_names(r.products)});
  }
  out << table({"formula", "id", "e_form", "e_above_hull", "stable", "decomposition"}, table_rows, format);
}

}  // namespace interphase
