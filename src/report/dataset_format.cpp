#include "interphase/report/dataset_format.hpp"

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "interphase/error.hpp"
#include "interphase/report/progress.hpp"
#include "interphase/report/result_table.hpp"

namespace interphase {
namespace {

using Json = nlohmann::ordered_json;

/// The columns of an entry with its stored stability, in the order `names` gives.
std::vector<Column> entry_columns(const std::vector<std::string>& names) {
  static const std::vector<Column> all = {
      {"id", "", CellType::Text, "entry id"},
      {"formula", "", CellType::Text, "formula as in the data source"},
      {"reduced_formula", "", CellType::Text, "reduced formula"},
      {"e_form", "eV/atom", CellType::Number, "formation energy"},
      {"e_above_hull", "eV/atom", CellType::Number, "energy above the hull"},
      {"stable", "", CellType::Boolean, "on the hull"},
      {"hull_energy", "eV/atom", CellType::Number, "hull energy at the composition"},
      // "Li3PS4:0.6153846153846154;Li2S:0.23076923076923078" in CSV.
      Column("decomposition", "", CellType::Products, "hull phases at the composition, atomic fractions").separator(':')};
  std::vector<Column> out;
  for (const auto& name : names)
    for (const Column& c : all)
      if (c.name == name) out.push_back(c);
  return out;
}

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

/// Each entry's cells (stability_columns) with its stored stability, looked up by key.
class StabilityCells {
 public:
  StabilityCells(const std::vector<Entry>& entries, const std::vector<StoredStability>& rows) : names_(entries) {
    for (const auto& r : rows) by_key_.emplace(r.entry, &r);
  }
  std::vector<Cell> operator()(const Entry& e) const {
    const auto it = by_key_.find(e.key);
    if (it == by_key_.end()) throw DataError("no stored stability for entry " + e.id);
    const StoredStability& s = *it->second;
    return {e.id, e.formula, e.name(), e.e_form, s.e_above_hull, s.stable, s.hull_energy, names_(s)};
  }

 private:
  PhaseNames names_;
  std::unordered_map<std::int64_t, const StoredStability*> by_key_;
};

}  // namespace

std::vector<Column> stability_columns() {
  return entry_columns({"id", "formula", "reduced_formula", "e_form", "e_above_hull", "stable", "hull_energy", "decomposition"});
}

std::vector<Column> selection_columns() {
  return entry_columns({"reduced_formula", "id", "formula", "e_form", "e_above_hull", "stable", "hull_energy", "decomposition"});
}

Table selection_table(const std::vector<SelectedEntry>& rows) {
  Table t{selection_columns(), {}};
  for (const auto& r : rows)
    t.rows.push_back({r.reduced_formula, r.entry.id, r.entry.formula, r.entry.e_form, r.stability.e_above_hull,
                      r.stability.stable, r.stability.hull_energy, r.products});
  return t;
}

void write_stability(std::ostream& out, const std::vector<Entry>& entries, const std::vector<StoredStability>& rows,
                     Format format) {
  const StabilityCells cells(entries, rows);
  const std::vector<Column> columns = stability_columns();
  // CSV and JSON row by row: the whole table of a large data set is never held.
  if (format == Format::Csv) {
    out << csv_header(columns);
    for (const Entry& e : entries) out << csv_row(columns, cells(e));
    return;
  }
  if (format == Format::Json) {
    out << "[";
    bool first = true;
    for (const Entry& e : entries) {
      out << (first ? "\n" : ",\n") << json_row(columns, cells(e)).dump();
      first = false;
    }
    out << "\n]\n";
    return;
  }
  // Text: each row's cells made text at once; only the text is held to align the columns.
  const TextRows text(columns, {{"id"}, {"reduced_formula", "formula"}, {"e_form", "", 6}, {"e_above_hull", "", 6},
                                {"stable"}, {"decomposition"}});
  std::vector<std::vector<std::string>> table_rows;
  table_rows.reserve(entries.size());
  for (const Entry& e : entries) table_rows.push_back(text(cells(e)));
  out << table(text.header(), table_rows, format);
}

Json stability_rows_json(const std::vector<Entry>& entries, const std::vector<StoredStability>& rows) {
  const StabilityCells cells(entries, rows);
  const std::vector<Column> columns = stability_columns();
  Json out = Json::array();
  for (const Entry& e : entries) out.push_back(json_row(columns, cells(e)));
  return out;
}

Json stability_rows_json(const StabilityResult& r) { return stability_rows_json(r.entries, r.rows); }

void write_selection(std::ostream& out, const std::vector<SelectedEntry>& rows, Format format) {
  if (format == Format::Text) {
    for (const auto& r : rows) out << r.reduced_formula << '\n';
    return;
  }
  const Table t = selection_table(rows);
  if (format == Format::Csv) {
    out << csv(t);
    return;
  }
  if (format == Format::Json) {
    out << json_rows(t).dump(1) << '\n';
    return;
  }
  out << view_table(t,
                    {{"reduced_formula", "formula"}, {"id"}, {"e_form", "", 6}, {"e_above_hull", "", 6}, {"stable"},
                     {"decomposition"}},
                    format);
}

Json entry_change_json(const EntryChangeResult& r) {
  const Entry& e = r.entry;
  Json j{{"id", e.id}, {"formula", e.formula}, {"reduced_formula", e.name()}, {"e_form", e.e_form}};
  if (const auto& s = r.stability) {
    Products products;  // an unstable entry's decomposition is named; a stable one is its own
    for (std::size_t i = 0; i < s->decomposition.size(); ++i)
      products.emplace_back(i < r.decomposition.size() ? r.decomposition[i] : e.name(), s->decomposition[i].second);
    j.update({{"e_above_hull", s->e_above_hull}, {"stable", s->stable}, {"hull_energy", s->hull_energy}});
    j["decomposition"] = json_cell(Column("decomposition", "", CellType::Products, ""), products);
  }
  j["systems_recomputed"] = r.run.recomputed;
  return j;
}

std::string entry_change_text(const EntryChangeResult& r, bool removed) {
  std::string out = (removed ? "removed " : "") + r.entry.id + ": " + r.entry.name() + ", e_form " +
                    fixed(r.entry.e_form, 6) + " eV/atom";
  if (const auto& s = r.stability) {
    out += ", e_above_hull " + fixed(s->e_above_hull, 6) + " eV/atom";
    out += s->stable ? " (stable)" : ", decomposes to " + joined(r.decomposition);
  }
  return out + "\n";
}

Session::EntryChangeCheck report_to_stdout_before_commit(bool removed) {
  return [removed](const EntryChangeResult& r) {
    errno = 0;
    std::cout << entry_change_text(r, removed);
    flush_stdout(std::string("; the entry was not ") + (removed ? "removed" : "added") +
                 " (the database is unchanged)");
  };
}

std::string recomputed_text(const StabilityRun& run) {
  return "interphase: recomputed " + std::to_string(run.recomputed) + " of " + std::to_string(run.systems) +
         " chemical systems\n";
}

std::string import_comparison_text(const ImportResult& r) {
  if (r.reported.empty()) return "";
  std::string out = "interphase: energy_above_hull of " + std::to_string(r.reported.size()) +
                    " documents compared with the hull of this data set: " + std::to_string(r.differences.size()) +
                    " differ by more than 1 meV/atom" + (r.differences.empty() ? "" : "; the largest:") + "\n";
  for (std::size_t i = 0; i < r.differences.size() && i < 5; ++i) {
    const auto& d = r.differences[i];
    out += "  " + d.id + " " + d.reduced_formula + ": ours " + fixed(d.ours, 4) + ", file " + fixed(d.reported, 4) +
           " eV/atom (difference " + fixed(d.ours - d.reported, 4) + ")\n";
  }
  return out;
}

nlohmann::json dataset_json(const DatasetInfo& d) {
  return {{"name", d.name},     {"n_entries", d.n_entries}, {"kind", d.kind},
          {"source", d.source}, {"sha256", d.sha256},       {"imported_at", d.imported_at}};
}

std::string dataset_text(const DatasetInfo& d) {
  return d.name + ": " + std::to_string(d.n_entries) + " entries (" + d.kind + ")\n" +
         "  source       " + d.source + "\n" +
         "  sha256       " + d.sha256 + "\n" +
         "  imported at  " + d.imported_at + "\n";
}

nlohmann::json info_json(const std::string& database, const std::vector<DatasetInfo>& datasets) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : datasets) list.push_back(dataset_json(d));
  return nlohmann::json{{"database", database}, {"datasets", list}};
}

std::string format_info(const std::string& database, const std::vector<DatasetInfo>& datasets, Format format) {
  if (format == Format::Json) return info_json(database, datasets).dump(1) + "\n";
  std::string out = "database " + database + "\n";
  if (datasets.empty()) out += "it is empty: no data set (import one with `interphase db import FILE`)\n";
  for (const auto& d : datasets) out += dataset_text(d);
  return out;
}

std::string format_health(const std::string& database, const HealthReport& report) {
  std::string out = "database " + database + "\n";
  for (const auto& passed : report.passed) out += "  ok: " + passed + "\n";
  for (const auto& problem : report.problems)
    out += "  PROBLEM: " + problem.what + "\n    to recover: " + problem.remedy + "\n";
  out += report.healthy() ? "healthy\n" : "damaged\n";
  return out;
}

Json health_json(const HealthReport& report) {
  Json out{{"healthy", report.healthy()}, {"passed", report.passed}, {"problems", Json::array()}};
  for (const HealthProblem& p : report.problems) out["problems"].push_back({{"what", p.what}, {"remedy", p.remedy}});
  return out;
}

}  // namespace interphase
