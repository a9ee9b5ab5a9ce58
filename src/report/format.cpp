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

void add_monte_carlo_json(nlohmann::ordered_json& minimum, const MinimumStatistics& st) {
  minimum["energy_std"] = st.std;
  minimum["energy_p05"] = st.p05;
  minimum["energy_p95"] = st.p95;
  minimum["p_react"] = st.p_react;
  Json sets = Json::array();
  for (const auto& set : st.product_sets) sets.push_back({{"products", set.products}, {"p", set.p}});
  minimum["product_sets"] = std::move(sets);
}

std::string product_sets_cell(const MinimumStatistics& st) {
  std::string out;
  for (const auto& set : st.product_sets) {
    std::string names;
    for (const auto& n : set.products) names += (names.empty() ? "" : " + ") + n;
    out += (out.empty() ? "" : "; ") + names + ": " + full_precision(set.p);
  }
  return out;
}

std::string monte_carlo_text(const MinimumStatistics& st, const MonteCarloOptions& mc, const std::string& unit) {
  std::ostringstream out;
  out << "Monte Carlo: " << st.samples << " samples, seed " << mc.seed << ", sigma " << fixed(mc.sigma, 4)
      << " eV/atom per entry (unless the data gives its own)\n";
  out << "  minimum " << fixed(st.mean, 6) << " +/- " << fixed(st.std, 6) << unit << ", 5-95%: " << fixed(st.p05, 6)
      << " to " << fixed(st.p95, 6) << "\n";
  out << "  P(minimum < " << fixed(mc.threshold, 3) << ") = " << fixed(st.p_react, 3) << "\n";
  constexpr std::size_t kShown = 3;
  for (std::size_t i = 0; i < st.product_sets.size() && i < kShown; ++i) {
    std::string names;
    for (const auto& n : st.product_sets[i].products) names += (names.empty() ? "" : " + ") + n;
    out << "  " << (i == 0 ? "products at the minimum: " : "                         ") << fixed(st.product_sets[i].p, 3)
        << "  " << names << "\n";
  }
  if (st.product_sets.size() > kShown)
    out << "                         (" << st.product_sets.size() - kShown << " more product sets)\n";
  return out.str();
}

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
  if (ctx.monte_carlo) {
    add_monte_carlo_json(j["minimum"], *ctx.monte_carlo);
    j["monte_carlo"] = {{"samples", ctx.monte_carlo->samples}, {"seed", ctx.monte_carlo_options.seed},
                        {"sigma", ctx.monte_carlo_options.sigma}, {"threshold", ctx.monte_carlo_options.threshold}};
  }
  const Kink c = r.at(r.x_from_mass_fraction(ctx.composite_mass_fraction));
  j["composite"] = kink_json(c);
  return j;
}

std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format) {
  if (format == Format::Json) return reaction_json(r, ctx).dump(2) + "\n";
  if (format == Format::Csv) {
    std::string out = "x,x_molar,x_mass,energy,reaction,products";
    // With samples: the minimum's statistics in its own row, the other rows' cells empty.
    if (ctx.monte_carlo) out += ",energy_std,energy_p05,energy_p95,p_react,product_sets";
    out += "\n";
    const Kink* minimum = &r.minimum();
    for (const auto& k : r.kinks()) {
      out += full_precision(k.x) + "," + full_precision(k.x_molar) + "," + full_precision(k.x_mass) + "," + full_precision(k.energy) + "," +
             csv_quote(k.reaction.to_string()) + "," + csv_quote(products_cell(k.products));
      if (ctx.monte_carlo && &k == minimum) {
        const auto& st = *ctx.monte_carlo;
        for (const double v : {st.std, st.p05, st.p95, st.p_react}) {
          out += ',';
          out += full_precision(v);
        }
        out += ',';
        out += csv_quote(product_sets_cell(st));
      } else if (ctx.monte_carlo) {
        out += ",,,,,";
      }
      out += "\n";
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
  if (ctx.monte_carlo) out << monte_carlo_text(*ctx.monte_carlo, ctx.monte_carlo_options, unit);
  const Kink c = r.at(r.x_from_mass_fraction(ctx.composite_mass_fraction));
  out << "composite " << fixed(100 * ctx.composite_mass_fraction, 0) << " wt% " << r.a().formula << ": "
      << fixed(c.energy, 6) << unit << " at x = " << fixed(c.x, 6) << ": " << product_names(c.products) << "\n";
  return out.str();
}

// ---------------------------------------------------------------- compare

std::string format_comparison(const std::string& first, const std::string& second,
                              const std::vector<std::string>& conditions, const std::vector<PairedComparison>& rows,
                              const MonteCarloOptions& mc, Format format) {
  if (format == Format::Json) {
    Json j;
    j["first"] = first;
    j["second"] = second;
    j["monte_carlo"] = {{"samples", mc.samples}, {"seed", mc.seed}, {"sigma", mc.sigma}, {"threshold", mc.threshold}};
    j["rows"] = Json::array();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      Json a = {{"energy", rows[i].first.mean}}, b = {{"energy", rows[i].second.mean}};
      add_monte_carlo_json(a, rows[i].first);
      add_monte_carlo_json(b, rows[i].second);
      j["rows"].push_back({{"condition", conditions[i]}, {"first", a}, {"second", b},
                           {"p_second_above", rows[i].p_second_above}, {"p_tie", rows[i].p_tie}});
    }
    return j.dump(2) + "\n";
  }
  if (format == Format::Csv) {
    std::string out = "condition";
    for (const char* pair : {"first", "second"})
      for (const char* f : {"mean", "std", "p05", "p95", "p_react"}) out += std::string(",") + pair + "_" + f;
    out += ",p_second_above,p_tie\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out += csv_quote(conditions[i]);
      for (const auto* st : {&rows[i].first, &rows[i].second})
        for (const double v : {st->mean, st->std, st->p05, st->p95, st->p_react}) {
          out += ',';
          out += full_precision(v);
        }
      for (const double v : {rows[i].p_second_above, rows[i].p_tie}) {
        out += ',';
        out += full_precision(v);
      }
      out += '\n';
    }
    return out;
  }
  std::ostringstream out;
  out << "first: " << first << "; second: " << second << "\n";
  out << "Monte Carlo minimum of each pair, " << mc.samples << " samples (seed " << mc.seed << ", sigma "
      << fixed(mc.sigma, 4) << " eV/atom), the same draws of shared entries in both\n";
  out << "E in eV per atom of the mixture (closed) or per non-open atom; p_react: P(minimum < " << fixed(mc.threshold, 3)
      << "); P(2nd above): P(second's minimum less negative than first's); P(tie): P(equal minima, e.g. both 0)\n\n";
  std::vector<std::vector<std::string>> table;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::string> cells = {conditions[i]};
    for (const auto* st : {&rows[i].first, &rows[i].second}) {
      cells.push_back(fixed(st->mean, 4) + " +/- " + fixed(st->std, 4));
      cells.push_back(fixed(st->p05, 4) + " to " + fixed(st->p95, 4));
      cells.push_back(fixed(st->p_react, 3));
    }
    cells.push_back(fixed(rows[i].p_second_above, 3));
    cells.push_back(fixed(rows[i].p_tie, 3));
    table.push_back(std::move(cells));
  }
  out << interphase::table({"condition", "1st E", "1st 5-95%", "1st p_react", "2nd E", "2nd 5-95%", "2nd p_react",
                            "P(2nd above)", "P(tie)"},
                           table, format);
  return out.str();
}

// ---------------------------------------------------------------- decompose

nlohmann::ordered_json stability_json(const std::string& formula, const Stability& s) {
  Json j;
  j["formula"] = formula;
  j["reduced_formula"] = s.composition.reduced_formula();
  j["chemsys"] = s.chemsys;
  j["entry_id"] = s.entry_id ? Json(*s.entry_id) : Json(nullptr);
  j["e_form"] = s.e_form ? Json(*s.e_form) : Json(nullptr);
  j["e_above_hull"] = s.e_above_hull ? Json(*s.e_above_hull) : Json(nullptr);
  j["hull_energy"] = s.hull_energy;
  j["stable"] = s.stable;
  if (s.decomposition_enthalpy) j["decomposition_enthalpy"] = *s.decomposition_enthalpy;
  j["decomposition"] = products_json(s.products);
  return j;
}

std::string format_stability(const std::string& formula, const Stability& s, Format format) {
  if (format == Format::Json) return stability_json(formula, s).dump(2) + "\n";
  if (format == Format::Csv) {
    std::string out = "formula,entry_id,e_form,e_above_hull,hull_energy,stable,decomposition\n";
    out += csv_quote(formula) + "," + csv_quote(s.entry_id.value_or("")) + "," +
           (s.e_form ? full_precision(*s.e_form) : "") + "," + (s.e_above_hull ? full_precision(*s.e_above_hull) : "") + "," +
           full_precision(s.hull_energy) + "," + (s.stable ? "true" : "false") + "," + csv_quote(products_cell(s.products)) + "\n";
    return out;
  }
  std::ostringstream out;
  out << formula << " (" << s.composition.reduced_formula() << ") in " << s.chemsys << "\n";
  if (s.entry_id) {
    out << "  lowest entry      " << *s.entry_id << ", e_form " << fixed(*s.e_form, 6) << " eV/atom\n";
    out << "  e_above_hull      " << fixed(*s.e_above_hull, 6) << " eV/atom" << (s.stable ? " (stable)" : "") << "\n";
    if (s.decomposition_enthalpy)
      out << "  decomposition enthalpy " << fixed(*s.decomposition_enthalpy, 6) << " eV/atom\n";
  } else {
    out << "  no entry of this composition\n";
  }
  out << "  hull energy       " << fixed(s.hull_energy, 6) << " eV/atom\n";
  out << "  decomposition (atomic fractions):\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, fraction] : s.products) rows.push_back({name, fixed(fraction, 6)});
  out << table({"phase", "fraction"}, rows, format);
  return out.str();
}

// ---------------------------------------------------------------- hull

nlohmann::ordered_json hull_json(const HullTable& t, bool all) {
  Json j;
  j["chemsys"] = t.chemsys;
  j["entries"] = Json::array();
  for (const auto& r : t.rows) {
    if (!all && !r.stable) continue;
    Json je{{"id", r.entry.id}, {"formula", r.entry.name()}, {"e_form", r.entry.e_form},
            {"e_above_hull", r.e_above_hull}, {"stable", r.stable}};
    if (r.decomposition_enthalpy) je["decomposition_enthalpy"] = *r.decomposition_enthalpy;
    j["entries"].push_back(je);
  }
  return j;
}

std::string format_hull(const HullTable& t, bool all, Format format) {
  if (format == Format::Json) return hull_json(t, all).dump(2) + "\n";
  // Stable phases first, then by e_above_hull, then by formation energy.
  std::vector<const HullTable::Row*> order;
  for (const auto& r : t.rows)
    if (all || r.stable) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const HullTable::Row* p, const HullTable::Row* q) {
    if (p->stable != q->stable) return p->stable;
    if (p->e_above_hull != q->e_above_hull) return p->e_above_hull < q->e_above_hull;
    return p->entry.e_form < q->entry.e_form;
  });
  const auto enthalpy = [](const HullTable::Row& r, auto print) {
    return r.decomposition_enthalpy ? print(*r.decomposition_enthalpy) : std::string();
  };
  if (format == Format::Csv) {
    std::string out = "id,formula,e_form,e_above_hull,stable,decomposition_enthalpy\n";
    for (const auto* r : order) {
      out += csv_quote(r->entry.id) + "," + r->entry.name() + "," + full_precision(r->entry.e_form) + "," +
             full_precision(r->e_above_hull) + "," + (r->stable ? "true," : "false,") +
             enthalpy(*r, [](double v) { return full_precision(v); }) + "\n";
    }
    return out;
  }
  std::ostringstream out;
  out << t.chemsys << ": " << t.rows.size() << " entries, " << t.stable_count() << " stable\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto* r : order) {
    rows.push_back({r->entry.name(), r->entry.id, fixed(r->entry.e_form, 6), fixed(r->e_above_hull, 6),
                    r->stable ? "yes" : "no", enthalpy(*r, [](double v) { return fixed(v, 6); })});
  }
  out << table({"formula", "id", "e_form", "e_above_hull", "stable", "decomposition_enthalpy"}, rows, format);
  return out.str();
}

}  // namespace interphase
