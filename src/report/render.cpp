#include "interphase/report/render.hpp"

#include "interphase/composition/element.hpp"
#include "interphase/report/coat_format.hpp"
#include "interphase/report/coat_plot.hpp"
#include "interphase/report/dataset_format.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"
#include "interphase/report/svg.hpp"

namespace interphase {

std::string render(const ReactResult& r, const std::string& format) {
  if (format == "svg") return svg_reaction(r.reaction, r.context);
  return format_reaction(r.reaction, r.context, parse_format(format), r.explanations);
}

std::string render(const SweepResult& r, const std::string& format) {
  if (format == "svg") return svg_sweep(r.a, r.b, r.open, r.form, r.rows);
  return format_sweep(r.a, r.b, r.open, r.form, r.rows, parse_format(format));
}

std::string render(const MapResult& r, const std::string& format, const std::string& color) {
  if (format == "svg") return color == "energy" ? svg_energy_map(r.map) : svg_map(r.map);
  return format_map(r.map, parse_format(format));
}

std::string render(const WindowResult& r, const std::string& format) {
  return format_window(*r.closed, r.formula, r.open, r.profile, parse_format(format));
}

std::string render(const DecomposeResult& r, const std::string& format) {
  return format_stability(r.formula, r.stability, parse_format(format));
}

std::string render(const HullResult& r, const std::string& format) {
  return format_hull(r.table, r.all, parse_format(format));
}

std::string render(const CompareResult& r, const std::string& format) {
  return format_comparison(r.first, r.second, r.labels, r.rows, r.monte_carlo, parse_format(format));
}

std::string render(const CoatResult& r, const std::string& format) { return coat_report(r, format); }

std::string render(const InfoResult& r, const std::string& format) {
  return format_info(r.database.string(), r.datasets, format == "json" ? Format::Json : Format::Text);
}

using Json = nlohmann::ordered_json;
Json to_json(const SweepResult& r) { return sweep_json(r); }
Json to_json(const MapResult& r) { return map_json(r.map); }
Json to_json(const WindowResult& r) { return window_json(r); }
Json to_json(const CoatResult& r) { return coat_json(r); }
Json to_json(const DecomposeResult& r) { return stability_json(r); }
Json to_json(const HullResult& r) { return hull_json(r); }
Json to_json(const StabilityResult& r) { return stability_rows_json(r); }
Json to_json(const SelectResult& r) { return json_rows(selection_table(r.entries)); }
Json to_json(const ImportResult& r) { return Json(dataset_json(r.dataset)); }
Json to_json(const EntryChangeResult& r) { return entry_change_json(r); }

Json to_json(const std::string& key, const DiagramStability& a) {
  return {{"stability", stability_json(key, a.stability)},
          {"e_above_hull", a.e_above_hull ? Json(*a.e_above_hull) : Json(nullptr)}};
}

Json entries_json(const HullTable& table) {
  Json out = Json::object();
  for (const HullTable::Row& row : table.rows) {
    Json amounts = Json::object();
    for (const auto& [z, amount] : row.entry.composition.amounts()) amounts[std::string(element(z).symbol)] = amount;
    out[row.entry.id] = Json::array({row.entry.name(), amounts});
  }
  return out;
}

}  // namespace interphase
