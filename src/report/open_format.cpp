#include "interphase/report/open_format.hpp"

#include <algorithm>
#include <sstream>

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

Json optional_number(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

/// Whether the rows carry an analytic 1-sigma (sweep --uncertainty).
bool with_std(const std::vector<SweepRow>& rows) {
  return std::any_of(rows.begin(), rows.end(), [](const SweepRow& r) { return r.energy_std_linear.has_value(); });
}

}  // namespace

// ---------------------------------------------------------------- sweep

nlohmann::ordered_json sweep_json(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                                  const std::vector<SweepRow>& rows) {
  Json j;
  j["reactants"] = {a.formula, b.formula};
  j["energy"] = to_string(form);
  j["open"] = symbol(open);
  j["rows"] = Json::array();
  for (const auto& r : rows) {
    j["rows"].push_back({{"V", r.voltage}, {"x", r.minimum.x}, {"energy", r.minimum.energy},
                         {"reaction", r.minimum.reaction.to_string()}, {"products", products_json(r.minimum.products)}});
    if (r.energy_std_linear) j["rows"].back()["energy_std_linear"] = *r.energy_std_linear;
    if (r.monte_carlo) add_monte_carlo_json(j["rows"].back(), *r.monte_carlo);
  }
  return j;
}

std::string format_sweep(const Reactant& a, const Reactant& b, int open, EnergyForm form,
                         const std::vector<SweepRow>& rows, Format format) {
  if (format == Format::Json) return sweep_json(a, b, open, form, rows).dump(2) + "\n";
  if (format == Format::Csv) {
    const bool sigma_col = with_std(rows);
    const bool sampled = !rows.empty() && rows.front().monte_carlo;
    std::string out = "V,x,energy,reaction,products";
    if (sigma_col) out += ",energy_std_linear";
    out += sampled ? ",energy_std,energy_p05,energy_p95,p_react,product_sets\n" : "\n";
    for (const auto& r : rows) {
      out += full_precision(r.voltage) + "," + full_precision(r.minimum.x) + "," + full_precision(r.minimum.energy) + "," +
             csv_quote(r.minimum.reaction.to_string()) + "," + csv_quote(products_cell(r.minimum.products));
      if (sigma_col) {
        out += ',';
        if (r.energy_std_linear) out += full_precision(*r.energy_std_linear);
      }
      if (r.monte_carlo) {
        const auto& st = *r.monte_carlo;
        for (const double v : {st.std, st.p05, st.p95, st.p_react}) {
          out += ',';
          out += full_precision(v);
        }
        out += ',';
        out += csv_quote(product_sets_cell(st));
      }
      out += "\n";
    }
    return out;
  }
  std::ostringstream out;
  out << a.formula << " + " << b.formula << ": minimum " << to_string(form) << " reaction energy with " << symbol(open)
      << " open at each voltage\nV vs " << symbol(open) << "/" << symbol(open) << "+; x: atomic fraction of "
      << a.formula << "; E in eV per non-" << symbol(open) << " atom\n\n";
  const bool sigma_col = with_std(rows);
  std::vector<std::vector<std::string>> table;
  const bool sampled = !rows.empty() && rows.front().monte_carlo;
  for (const auto& r : rows) {
    table.push_back({fixed(r.voltage, 3), fixed(r.minimum.x, 4), fixed(r.minimum.energy, 6)});
    if (sigma_col) table.back().push_back(r.energy_std_linear ? fixed(*r.energy_std_linear, 6) : "-");
    if (r.monte_carlo) {
      const auto& st = *r.monte_carlo;
      for (const double v : {st.std, st.p05, st.p95}) table.back().push_back(fixed(v, 6));
      table.back().push_back(fixed(st.p_react, 3));
    }
    table.back().push_back(product_names(r.minimum.products));
  }
  std::vector<std::string> header = {"V", "x", "E"};
  if (sigma_col) header.push_back("+/-");
  if (sampled) header.insert(header.end(), {"E_std", "E_p05", "E_p95", "p_react"});
  header.push_back("products");
  out << interphase::table(header, table, format);
  return out.str();
}

// ---------------------------------------------------------------- window

nlohmann::ordered_json window_json(const StableSet& pd, const std::string& formula, int open,
                                   const std::vector<ProfileStep>& profile) {
  const Window w = stability_window(profile);
  Json j;
  j["formula"] = formula;
  j["open"] = symbol(open);
  j["chemsys"] = pd.chemsys();
  j["reduction_V"] = optional_number(w.reduction);
  j["oxidation_V"] = optional_number(w.oxidation);
  j["single_voltage"] = w.single_voltage;
  j["phases"] = phase_names(pd, w.phases);
  j["reduced_phases"] = phase_names(pd, w.reduced_phases);
  j["oxidized_phases"] = phase_names(pd, w.oxidized_phases);
  j["profile"] = Json::array();
  for (const auto& s : profile)
    j["profile"].push_back({{"V", s.voltage}, {"mu", s.mu}, {"evolution", s.evolution}, {"phases", phase_names(pd, s.phases)}});
  return j;
}

std::string format_window(const StableSet& pd, const std::string& formula, int open,
                          const std::vector<ProfileStep>& profile, Format format) {
  if (format == Format::Json) return window_json(pd, formula, open, profile).dump(2) + "\n";
  if (format == Format::Csv) {
    std::string out = "V,mu,evolution,phases\n";
    for (const auto& s : profile)
      out += full_precision(s.voltage) + "," + full_precision(s.mu) + "," + full_precision(s.evolution) + "," +
             csv_quote(joined(phase_names(pd, s.phases), ";")) + "\n";
    return out;
  }
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
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : profile) rows.push_back({fixed(s.voltage, 4), fixed(s.evolution, 4), joined(phase_names(pd, s.phases))});
  out << table({"V", "evolution", "phases"}, rows, format);
  return out.str();
}

// ---------------------------------------------------------------- map

nlohmann::ordered_json map_json(const ReactionMap& map) {
  Json j;
  j["reactants"] = {map.a.formula, map.b.formula};
  j["energy"] = to_string(map.form);
  if (map.form == EnergyForm::Total) j["reactant_energy"] = to_string(map.source);
  j["open"] = symbol(map.open);
  j["V_range"] = {map.v_from, map.v_to};
  j["voltages"] = map.voltages;
  j["regions"] = Json::array();
  for (const auto& r : map.regions) {
    j["regions"].push_back({{"x", {r.x0, r.x1}},
                            {"V", {r.v0, r.v1}},
                            {"products", r.products},
                            {"energy", {{"x0_V0", r.e00}, {"x1_V0", r.e10}, {"x0_V1", r.e01}, {"x1_V1", r.e11}}}});
  }
  return j;
}

std::string format_map(const ReactionMap& map, Format format) {
  if (format == Format::Json) return map_json(map).dump(2) + "\n";
  if (format == Format::Csv) {
    std::string out = "x0,x1,V0,V1,products,E_x0_V0,E_x1_V0,E_x0_V1,E_x1_V1\n";
    for (const auto& r : map.regions)
      out += full_precision(r.x0) + "," + full_precision(r.x1) + "," + full_precision(r.v0) + "," + full_precision(r.v1) +
             "," + csv_quote(joined(r.products, ";")) + "," + full_precision(r.e00) + "," + full_precision(r.e10) + "," +
             full_precision(r.e01) + "," + full_precision(r.e11) + "\n";
    return out;
  }
  const std::string el = symbol(map.open);
  std::ostringstream out;
  out << map.a.formula << " + " << map.b.formula << ": exact (x, V) reaction map, " << to_string(map.form)
      << " energy, " << el << " open, " << fixed(map.v_from, 2) << "-" << fixed(map.v_to, 2) << " V\n"
      << map.regions.size() << " regions, each one product set; E (eV per non-" << el
      << " atom) at the corners (x0,V0) (x1,V0) (x0,V1) (x1,V1)\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : map.regions)
    rows.push_back({fixed(r.v0, 4), fixed(r.v1, 4), fixed(r.x0, 4), fixed(r.x1, 4),
                    fixed(r.e00, 4) + " " + fixed(r.e10, 4) + " " + fixed(r.e01, 4) + " " + fixed(r.e11, 4),
                    joined(r.products)});
  out << table({"V0", "V1", "x0", "x1", "E at corners", "products"}, rows, format);
  return out.str();
}

}  // namespace interphase
