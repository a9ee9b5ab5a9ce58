#include "interphase/report/open_format.hpp"

#include <algorithm>
#include <sstream>

#include "interphase/error.hpp"
#include "interphase/report/table.hpp"

namespace interphase {
namespace {

using Json = nlohmann::ordered_json;

std::string symbol(int z) { return std::string(element(z).symbol); }

std::vector<std::string> phase_names(const StableSet& set, const std::vector<std::size_t>& phases) {
  std::vector<std::string> out;
  for (std::size_t i : phases) out.push_back(set.entry(i).name());
  return out;
}

/// Whether the rows carry an analytic 1-sigma (sweep --uncertainty).
bool with_std(const std::vector<SweepRow>& rows) {
  return std::any_of(rows.begin(), rows.end(), [](const SweepRow& r) { return r.energy_std_linear.has_value(); });
}

/// Whether the rows carry Monte Carlo statistics (sweep --samples).
bool sampled(const std::vector<SweepRow>& rows) {
  return std::any_of(rows.begin(), rows.end(), [](const SweepRow& r) { return r.monte_carlo.has_value(); });
}

}  // namespace

// ---------------------------------------------------------------- sweep

Table sweep_table(const std::vector<SweepRow>& rows) {
  Table t;
  t.columns = {{"V", "V", CellType::Number, "voltage vs the open element's metal"},
               {"x", "", CellType::Number, "atomic fraction of A at the minimum"},
               {"energy", "eV/atom", CellType::Number, "minimum reaction energy per non-open atom"},
               {"reaction", "", CellType::Text, "balanced reaction per formula unit"},
               {"products", "", CellType::Products, "products: reduced formula -> atomic fraction"}};
  const bool std_column = with_std(rows);
  if (std_column)
    t.columns.push_back(Column("energy_std_linear", "eV/atom", CellType::Number,
                               "1-sigma of energy from every compound's formation-energy sigma, linear at fixed products")
                            .omit_null());
  const bool mc_columns = sampled(rows);
  if (mc_columns)
    for (auto& c : monte_carlo_columns()) t.columns.push_back(std::move(c.omit_null()));
  for (const auto& r : rows) {
    t.rows.push_back({r.voltage, r.minimum.x, r.minimum.energy, r.minimum.reaction.to_string(), r.minimum.products});
    if (std_column) t.rows.back().push_back(number_or_null(r.energy_std_linear));
    if (mc_columns)
      for (auto& c : monte_carlo_cells(r.monte_carlo ? &*r.monte_carlo : nullptr)) t.rows.back().push_back(std::move(c));
  }
  return t;
}

nlohmann::ordered_json sweep_json(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                                  const std::vector<SweepRow>& rows) {
  Json j;
  j["reactants"] = {a.formula, b.formula};
  j["energy"] = to_string(form);
  j["open"] = symbol(open);
  j["rows"] = json_rows(sweep_table(rows));
  return j;
}

nlohmann::ordered_json sweep_json(const SweepResult& r) { return sweep_json(r.a, r.b, r.open, r.form, r.rows); }

void check_format(const std::string& format, const SweepRequest& q) {
  if (format == "svg" && (q.uncertainty.linear || q.uncertainty.samples > 0))
    throw SettingError("{uncertainty} and {samples} write text, markdown, json or csv, not svg");
}

std::string format_sweep(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                         const std::vector<SweepRow>& rows, Format format) {
  if (format == Format::Json) return sweep_json(a, b, open, form, rows).dump(2) + "\n";
  const Table t = sweep_table(rows);
  if (format == Format::Csv) return csv(t);
  std::ostringstream out;
  out << a.formula << " + " << b.formula << ": minimum " << to_string(form) << " reaction energy with " << symbol(open)
      << " open at each voltage\nV vs " << symbol(open) << "/" << symbol(open) << "+; x: atomic fraction of "
      << a.formula << "; E in eV per non-" << symbol(open) << " atom\n\n";
  std::vector<TextColumn> view = {{"V", "", 3}, {"x", "", 4}, {"energy", "E", 6}};
  if (with_std(rows)) view.emplace_back("energy_std_linear", "+/-", 6, "-");
  if (sampled(rows))
    view.insert(view.end(), {{"energy_std", "E_std", 6, "-"}, {"energy_p05", "E_p05", 6, "-"},
                             {"energy_p95", "E_p95", 6, "-"}, {"p_react", "", 3, "-"}});
  view.emplace_back("products");
  out << view_table(t, view, format);
  return out.str();
}

// ---------------------------------------------------------------- window

Table profile_table(const StableSet& pd, const std::vector<ProfileStep>& profile) {
  Table t;
  t.columns = {{"V", "V", CellType::Number, "voltage from which the step holds (up to the next)"},
               {"mu", "eV", CellType::Number, "chemical potential of the open element, -V"},
               {"evolution", "", CellType::Number, "open element taken up per formula unit (< 0: given off)"},
               {"phases", "", CellType::Names, "equilibrium phases"}};
  for (const auto& s : profile) t.rows.push_back({s.voltage, s.mu, s.evolution, phase_names(pd, s.phases)});
  return t;
}

nlohmann::ordered_json window_json(const StableSet& pd, const std::string& formula, int open,
                                   const std::vector<ProfileStep>& profile) {
  const Window w = stability_window(profile);
  Json j;
  j["formula"] = formula;
  j["open"] = symbol(open);
  j["chemsys"] = pd.chemsys();
  j["reduction_V"] = json_cell({}, number_or_null(w.reduction));
  j["oxidation_V"] = json_cell({}, number_or_null(w.oxidation));
  j["single_voltage"] = w.single_voltage;
  j["phases"] = phase_names(pd, w.phases);
  j["reduced_phases"] = phase_names(pd, w.reduced_phases);
  j["oxidized_phases"] = phase_names(pd, w.oxidized_phases);
  j["profile"] = json_rows(profile_table(pd, profile));
  return j;
}

nlohmann::ordered_json window_json(const WindowResult& r) { return window_json(*r.closed, r.formula, r.open, r.profile); }

std::string format_window(const StableSet& pd, const std::string& formula, int open,
                          const std::vector<ProfileStep>& profile, Format format) {
  if (format == Format::Json) return window_json(pd, formula, open, profile).dump(2) + "\n";
  const Table steps = profile_table(pd, profile);
  if (format == Format::Csv) return csv(steps);
  const Window w = stability_window(profile);
  const std::string el = symbol(open);
  std::ostringstream out;
  out << formula << " with " << el << " open (" << pd.chemsys() << ")\n";
  if (w.single_voltage) {
    out << "stability window: a single voltage, " << fixed(*w.reduction, 3) << " V vs " << el << "/" << el
        << "+ (" << el << " taken up below it, given off above)\n";
    out << "  below: " << joined(phase_names(pd, w.reduced_phases))
        << "\n  above: " << joined(phase_names(pd, w.oxidized_phases)) << "\n\n";
  } else if (w.found) {
    out << "stability window: " << fixed(w.reduction.value_or(0), 3) << " - "
        << (w.oxidation ? fixed(*w.oxidation, 3) : std::string("(no upper limit)")) << " V vs " << el << "/" << el
        << "+\n";
    out << "  below: " << (w.reduced_phases.empty() ? "(stable down to 0 V)" : joined(phase_names(pd, w.reduced_phases)))
        << "\n  inside: " << joined(phase_names(pd, w.phases))
        << "\n  above: " << (w.oxidized_phases.empty() ? "-" : joined(phase_names(pd, w.oxidized_phases))) << "\n\n";
  } else {
    out << "no stability window: the composition gives off " << el << " at every voltage\n\n";
  }
  out << "element profile (from each V up to the next; evolution: " << el << " taken up per formula unit, < 0 given off)\n";
  out << view_table(steps, {{"V", "", 4}, {"evolution", "", 4}, {"phases"}}, format);
  return out.str();
}

// ---------------------------------------------------------------- map

Table map_table(const ReactionMap& map) {
  Table t;
  t.columns = {Column("x0", "", CellType::Number, "region's lowest x (atomic fraction of A)").at_json("x[0]"),
               Column("x1", "", CellType::Number, "region's highest x").at_json("x[1]"),
               Column("V0", "V", CellType::Number, "region's lowest voltage").at_json("V[0]"),
               Column("V1", "V", CellType::Number, "region's highest voltage").at_json("V[1]"),
               {"products", "", CellType::Names, "the region's product set"},
               Column("E_x0_V0", "eV/atom", CellType::Number, "reaction energy per non-open atom at (x0, V0)").at_json("energy.x0_V0"),
               Column("E_x1_V0", "eV/atom", CellType::Number, "... at (x1, V0)").at_json("energy.x1_V0"),
               Column("E_x0_V1", "eV/atom", CellType::Number, "... at (x0, V1)").at_json("energy.x0_V1"),
               Column("E_x1_V1", "eV/atom", CellType::Number, "... at (x1, V1)").at_json("energy.x1_V1")};
  for (const auto& r : map.regions) t.rows.push_back({r.x0, r.x1, r.v0, r.v1, r.products, r.e00, r.e10, r.e01, r.e11});
  return t;
}

nlohmann::ordered_json map_json(const ReactionMap& map) {
  Json j;
  j["reactants"] = {map.a.formula, map.b.formula};
  j["energy"] = to_string(map.form);
  if (map.form == EnergyForm::Total) j["reactant_energy"] = to_string(map.source);
  j["open"] = symbol(map.open);
  j["V_range"] = {map.v_from, map.v_to};
  j["voltages"] = map.voltages;
  j["regions"] = json_rows(map_table(map));
  return j;
}

std::string format_map(const ReactionMap& map, Format format) {
  if (format == Format::Json) return map_json(map).dump(2) + "\n";
  const Table regions = map_table(map);
  if (format == Format::Csv) return csv(regions);
  const std::string el = symbol(map.open);
  std::ostringstream out;
  out << map.a.formula << " + " << map.b.formula << ": exact (x, V) reaction map, " << to_string(map.form)
      << " energy, " << el << " open, " << fixed(map.v_from, 2) << "-" << fixed(map.v_to, 2) << " V\n"
      << map.regions.size() << " regions, each one product set; E (eV per non-" << el
      << " atom) at the corners (x0,V0) (x1,V0) (x0,V1) (x1,V1)\n\n";
  out << view_table(regions,
                    {{"V0", "", 4}, {"V1", "", 4}, {"x0", "", 4}, {"x1", "", 4},
                     {"E_x0_V0 E_x1_V0 E_x0_V1 E_x1_V1", "E at corners", 4}, {"products"}},
                    format);
  return out.str();
}

}  // namespace interphase
