#include "interphase/report/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "interphase/error.hpp"
#include "interphase/report/table.hpp"

namespace interphase {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::pair<std::string, double>> named_parts(const PhaseDiagram& pd, const Decomposition& d) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& part : d.parts) out.emplace_back(pd.entries()[part.entry].name(), part.fraction);
  return out;
}

}  // namespace


nlohmann::ordered_json products_json(const std::vector<std::pair<std::string, double>>& products) {
  Json j = Json::object();
  for (const auto& [name, fraction] : products) j[name] = fraction;
  return j;
}

std::string product_names(const std::vector<std::pair<std::string, double>>& products) {
  std::string out;
  for (const auto& [name, fraction] : products) out += (out.empty() ? "" : " + ") + name;
  return out;
}

// ---------------------------------------------------------------- reactions

nlohmann::ordered_json reaction_json(const InterfaceReaction& r, const ReactionContext& ctx) {
  Json j;
  j["reactants"] = {r.a().formula, r.b().formula};
  j["energy"] = to_string(ctx.form);
  j["chemsys"] = ctx.chemsys;
  if (!ctx.open.empty()) {
    j["open"] = Json::object();
    for (const auto& [el, mu] : ctx.open) j["open"][el] = mu;
  }
  auto kink_json = [](const Kink& k) {
    Json jk;
    jk["x"] = k.x;
    jk["x_molar"] = k.x_molar;
    jk["x_mass"] = k.x_mass;
    jk["energy"] = k.energy;
    jk["reaction"] = k.reaction.to_string();
    jk["products"] = products_json(k.products);
    return jk;
  };
  j["kinks"] = Json::array();
  for (const auto& k : r.kinks()) j["kinks"].push_back(kink_json(k));
  const Kink& m = r.minimum();
  j["minimum"] = {{"x", m.x}, {"x_molar", m.x_molar}, {"x_mass", m.x_mass}, {"energy", m.energy},
                  {"reaction", m.reaction.to_string()}, {"products", products_json(m.products)}};
  const Kink c = r.at(r.x_from_mass_fraction(ctx.composite_mass_fraction));
  j["composite"] = kink_json(c);
  return j;
}

std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format) {
  if (format == Format::Json) return reaction_json(r, ctx).dump(2) + "\n";
  if (format == Format::Csv) {
    std::string out = "x,x_molar,x_mass,energy,reaction,products\n";
    for (const auto& k : r.kinks()) {
      out += full_precision(k.x) + "," + full_precision(k.x_molar) + "," + full_precision(k.x_mass) + "," + full_precision(k.energy) + "," +
             csv_quote(k.reaction.to_string()) + "," + csv_quote(products_cell(k.products)) + "\n";
    }
    return out;
  }
  std::ostringstream out;
  const bool open = !ctx.open.empty();
  out << r.a().formula << " + " << r.b().formula << ": " << to_string(ctx.form) << " reaction energy in "
      << ctx.chemsys;
  for (const auto& [el, mu] : ctx.open) out << ", open " << el << " at mu = " << fixed(mu, 4) << " eV";
  out << "\n";
  out << "x: atomic fraction of " << r.a().formula << "; E in eV per " << (open ? "non-open atom" : "atom")
      << " of the mixture\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& k : r.kinks()) {
    rows.push_back({fixed(k.x, 4), fixed(k.x_molar, 4), fixed(k.x_mass, 4), fixed(k.energy, 6),
                    k.reaction.to_string()});
  }
  out << table({"x", "x_molar", "x_mass", "E", "reaction"}, rows, format) << "\n";
  const std::string unit = open ? " eV per non-open atom" : " eV/atom";
  const Kink& m = r.minimum();
  out << "minimum: " << fixed(m.energy, 6) << unit << " at x = " << fixed(m.x, 6) << " (x_molar "
      << fixed(m.x_molar, 4) << ", x_mass " << fixed(m.x_mass, 4) << "): " << product_names(m.products) << "\n";
  const Kink c = r.at(r.x_from_mass_fraction(ctx.composite_mass_fraction));
  out << "composite " << fixed(100 * ctx.composite_mass_fraction, 0) << " wt% " << r.a().formula << ": "
      << fixed(c.energy, 6) << unit << " at x = " << fixed(c.x, 6) << ": " << product_names(c.products) << "\n";
  return out.str();
}

// ---------------------------------------------------------------- decompose

nlohmann::ordered_json stability_json(const PhaseDiagram& pd, const std::string& formula, const Stability& s) {
  Json j;
  j["formula"] = formula;
  j["reduced_formula"] = s.composition.reduced_formula();
  j["chemsys"] = pd.chemsys();
  j["entry_id"] = s.lowest ? Json(pd.entries()[*s.lowest].id) : Json(nullptr);
  j["e_form"] = s.e_form ? Json(*s.e_form) : Json(nullptr);
  j["e_above_hull"] = s.e_above_hull ? Json(*s.e_above_hull) : Json(nullptr);
  j["hull_energy"] = s.hull_energy;
  j["stable"] = s.stable;
  if (s.decomposition_enthalpy) j["decomposition_enthalpy"] = *s.decomposition_enthalpy;
  j["decomposition"] = products_json(named_parts(pd, s.decomposition));
  return j;
}

std::string format_stability(const PhaseDiagram& pd, const std::string& formula, const Stability& s, Format format) {
  if (format == Format::Json) return stability_json(pd, formula, s).dump(2) + "\n";
  const auto parts = named_parts(pd, s.decomposition);
  if (format == Format::Csv) {
    std::string out = "formula,entry_id,e_form,e_above_hull,hull_energy,stable,decomposition\n";
    out += csv_quote(formula) + "," + (s.lowest ? pd.entries()[*s.lowest].id : "") + "," +
           (s.e_form ? full_precision(*s.e_form) : "") + "," + (s.e_above_hull ? full_precision(*s.e_above_hull) : "") + "," +
           full_precision(s.hull_energy) + "," + (s.stable ? "true" : "false") + "," + csv_quote(products_cell(parts)) + "\n";
    return out;
  }
  std::ostringstream out;
  out << formula << " (" << s.composition.reduced_formula() << ") in " << pd.chemsys() << "\n";
  if (s.lowest) {
    out << "  lowest entry      " << pd.entries()[*s.lowest].id << ", e_form " << fixed(*s.e_form, 6)
        << " eV/atom\n";
    out << "  e_above_hull      " << fixed(*s.e_above_hull, 6) << " eV/atom" << (s.stable ? " (stable)" : "")
        << "\n";
    if (s.decomposition_enthalpy)
      out << "  decomposition enthalpy " << fixed(*s.decomposition_enthalpy, 6) << " eV/atom\n";
  } else {
    out << "  no entry of this composition\n";
  }
  out << "  hull energy       " << fixed(s.hull_energy, 6) << " eV/atom\n";
  out << "  decomposition (atomic fractions):\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, fraction] : parts) rows.push_back({name, fixed(fraction, 6)});
  out << table({"phase", "fraction"}, rows, format);
  return out.str();
}

// ---------------------------------------------------------------- hull

nlohmann::ordered_json hull_json(const PhaseDiagram& pd, bool all) {
  Json j;
  j["chemsys"] = pd.chemsys();
  j["entries"] = Json::array();
  for (std::size_t i = 0; i < pd.entries().size(); ++i) {
    if (!all && !pd.is_stable(i)) continue;
    const auto& e = pd.entries()[i];
    Json je{{"id", e.id}, {"formula", e.name()}, {"e_form", e.e_form}, {"e_above_hull", pd.e_above_hull(i)},
            {"stable", pd.is_stable(i)}};
    if (pd.is_stable(i)) je["decomposition_enthalpy"] = pd.decomposition_enthalpy(i);
    j["entries"].push_back(je);
  }
  return j;
}

std::string format_hull(const PhaseDiagram& pd, bool all, Format format) {
  if (format == Format::Json) return hull_json(pd, all).dump(2) + "\n";
  // Stable phases first, then by e_above_hull, then by formation energy.
  std::vector<double> above(pd.entries().size());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < pd.entries().size(); ++i) {
    above[i] = pd.e_above_hull(i);
    if (all || pd.is_stable(i)) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) {
    if (pd.is_stable(p) != pd.is_stable(q)) return pd.is_stable(p);
    if (above[p] != above[q]) return above[p] < above[q];
    return pd.entries()[p].e_form < pd.entries()[q].e_form;
  });
  if (format == Format::Csv) {
    std::string out = "id,formula,e_form,e_above_hull,stable,decomposition_enthalpy\n";
    for (std::size_t i : order) {
      const auto& e = pd.entries()[i];
      out += csv_quote(e.id) + "," + e.name() + "," + full_precision(e.e_form) + "," + full_precision(above[i]) + "," +
             (pd.is_stable(i) ? "true," + full_precision(pd.decomposition_enthalpy(i)) : "false,") + "\n";
    }
    return out;
  }
  std::ostringstream out;
  out << pd.chemsys() << ": " << pd.entries().size() << " entries, " << pd.stable().size() << " stable\n\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i : order) {
    const auto& e = pd.entries()[i];
    rows.push_back({e.name(), e.id, fixed(e.e_form, 6), fixed(above[i], 6), pd.is_stable(i) ? "yes" : "no",
                    pd.is_stable(i) ? fixed(pd.decomposition_enthalpy(i), 6) : ""});
  }
  out << table({"formula", "id", "e_form", "e_above_hull", "stable", "decomposition_enthalpy"}, rows, format);
  return out.str();
}

}  // namespace interphase
