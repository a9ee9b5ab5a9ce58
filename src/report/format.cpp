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

/// A margin for JSON: null when no shift changes the products.
Json margin_json(double margin) { return std::isfinite(margin) ? Json(margin) : Json(nullptr); }

/// A margin for people: 4 decimals, or "none" when no shift changes the products.
std::string margin_text(double margin) { return std::isfinite(margin) ? fixed(margin, 4) : "none"; }

/// The index of the minimum among the kinks.
std::size_t minimum_index(const InterfaceReaction& r) {
  return static_cast<std::size_t>(&r.minimum() - r.kinks().data());
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

ReactionUncertainty reaction_uncertainty(const StableSet& closed, const InterfaceReaction& r,
                                         const ReactionOptions& options, double sigma, double composite_mass_fraction) {
  const SigmaLookup lookup = entry_sigmas(sigma);
  ReactionUncertainty u;
  u.sigma = sigma;
  for (std::size_t i = 0; i < closed.size() && !u.own_sigmas; ++i) u.own_sigmas = closed.entry(i).sigma.has_value();
  for (const Reactant* x : {&r.a(), &r.b()}) u.own_sigmas = u.own_sigmas || (x->own_entry && x->own_entry->sigma);
  u.kinks = kink_std_linear(closed, r, options, lookup);
  u.minimum = u.kinks[minimum_index(r)];
  u.composite = energy_std_linear(
      sensitivities(closed, r, r.x_from_mass_fraction(composite_mass_fraction), options), lookup);
  return u;
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
  const auto& u = ctx.uncertainty;
  if (u) j["sigma"] = u->sigma;
  j["kinks"] = Json::array();
  for (std::size_t i = 0; i < r.kinks().size(); ++i) {
    j["kinks"].push_back(kink_json(r.kinks()[i]));
    if (u) j["kinks"].back()["energy_std_linear"] = u->kinks[i];
  }
  const Kink& m = r.minimum();
  j["minimum"] = {{"x", m.x}, {"x_molar", m.x_molar}, {"x_mass", m.x_mass}, {"energy", m.energy},
                  {"reaction", m.reaction.to_string()}, {"products", products_json(m.products)}};
  if (u) j["minimum"]["energy_std_linear"] = u->minimum;
  if (ctx.monte_carlo) {
    add_monte_carlo_json(j["minimum"], *ctx.monte_carlo);
    j["monte_carlo"] = {{"samples", ctx.monte_carlo->samples}, {"seed", ctx.monte_carlo_options.seed},
                        {"sigma", ctx.monte_carlo_options.sigma}, {"threshold", ctx.monte_carlo_options.threshold}};
  }
  const Kink c = r.at(r.x_from_mass_fraction(ctx.composite_mass_fraction));
  j["composite"] = kink_json(c);
  if (u) j["composite"]["energy_std_linear"] = u->composite;
  return j;
}

std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format) {
  if (format == Format::Json) return reaction_json(r, ctx).dump(2) + "\n";
  const auto& u = ctx.uncertainty;
  if (format == Format::Csv) {
    std::string out = "x,x_molar,x_mass,energy,reaction,products";
    if (u) out += ",energy_std_linear";
    // With samples: the minimum's statistics in its own row, the other rows' cells empty.
    if (ctx.monte_carlo) out += ",energy_std,energy_p05,energy_p95,p_react,product_sets";
    out += "\n";
    const std::size_t minimum = minimum_index(r);
    for (std::size_t i = 0; i < r.kinks().size(); ++i) {
      const Kink& k = r.kinks()[i];
      out += full_precision(k.x) + "," + full_precision(k.x_molar) + "," + full_precision(k.x_mass) + "," + full_precision(k.energy) + "," +
             csv_quote(k.reaction.to_string()) + "," + csv_quote(products_cell(k.products));
      if (u) {
        out += ',';
        out += full_precision(u->kinks[i]);
      }
      if (ctx.monte_carlo && i == minimum) {
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
      << " of the mixture\n";
  if (u && u->own_sigmas)
    out << "+/-: 1-sigma of E, every compound's formation energy +/- its own sigma from the data (else "
        << full_precision(u->sigma) << " eV/atom), propagated linearly at fixed products\n";
  else if (u)
    out << "+/-: 1-sigma of E, every compound's formation energy +/- " << full_precision(u->sigma)
        << " eV/atom, propagated linearly at fixed products\n";
  out << "\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < r.kinks().size(); ++i) {
    const Kink& k = r.kinks()[i];
    rows.push_back({fixed(k.x, 4), fixed(k.x_molar, 4), fixed(k.x_mass, 4), fixed(k.energy, 6)});
    if (u) rows.back().push_back(fixed(u->kinks[i], 6));
    rows.back().push_back(k.reaction.to_string());
  }
  out << table(u ? std::vector<std::string>{"x", "x_molar", "x_mass", "E", "+/-", "reaction"}
                 : std::vector<std::string>{"x", "x_molar", "x_mass", "E", "reaction"},
               rows, format)
      << "\n";
  const std::string unit = open ? " eV per non-open atom" : " eV/atom";
  const auto plus_minus = [&](double s) { return u ? " +/- " + fixed(s, 6) : std::string(); };
  const Kink& m = r.minimum();
  out << "minimum: " << fixed(m.energy, 6) << (u ? plus_minus(u->minimum) : "") << unit << " at x = " << fixed(m.x, 6)
      << " (x_molar " << fixed(m.x_molar, 4) << ", x_mass " << fixed(m.x_mass, 4) << "): " << product_names(m.products)
      << "\n";
  if (ctx.monte_carlo) out << monte_carlo_text(*ctx.monte_carlo, ctx.monte_carlo_options, unit);
  const Kink c = r.at(r.x_from_mass_fraction(ctx.composite_mass_fraction));
  out << "composite " << fixed(100 * ctx.composite_mass_fraction, 0) << " wt% " << r.a().formula << ": "
      << fixed(c.energy, 6) << (u ? plus_minus(u->composite) : "") << unit << " at x = " << fixed(c.x, 6) << ": "
      << product_names(c.products) << "\n";
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

// ---------------------------------------------------------------- explanations

nlohmann::ordered_json explanation_json(const ExplainedPoint& p) {
  const Explanation& e = p.explanation;
  const Kink& k = e.reaction;
  Json j;
  j["at"] = p.at;
  j["x"] = k.x;
  j["x_mass"] = k.x_mass;
  j["energy"] = k.energy;
  if (p.energy_std_linear) j["energy_std_linear"] = *p.energy_std_linear;
  j["reaction"] = k.reaction.to_string();
  j["products"] = products_json(k.products);
  j["sensitivities"] = Json::array();
  for (const auto& s : e.sensitivities) {
    j["sensitivities"].push_back({{"id", s.entry.id}, {"formula", s.name}, {"role", s.role()},
                                  {"coefficient", s.coefficient}, {"product", s.product}, {"reactant", s.reactant}});
  }
  j["product_margins"] = Json::array();
  for (const auto& m : e.products)
    j["product_margins"].push_back({{"id", m.entry.id}, {"formula", m.name}, {"fraction", m.fraction},
                                    {"raise_margin", margin_json(m.margin)}});
  j["competitors"] = Json::array();
  for (std::size_t i = 0; i < e.competitors.size() && i < kExplainCompetitors; ++i) {
    const auto& m = e.competitors[i];
    j["competitors"].push_back({{"id", m.entry.id}, {"formula", m.name}, {"margin", m.margin}});
  }
  j["competitors_total"] = e.competitors.size();
  if (e.second_best)
    j["second_best"] = {{"products", products_json(e.second_best->products)}, {"above", e.second_best->above}};
  else
    j["second_best"] = nullptr;
  return j;
}

std::string format_explanations(const ReactionContext& ctx, const std::vector<ExplainedPoint>& points) {
  const bool open = !ctx.open.empty();
  const std::string unit = open ? " eV per non-open atom" : " eV/atom";
  const Format format = Format::Text;
  std::ostringstream out;
  for (const auto& p : points) {
    const Explanation& e = p.explanation;
    const Kink& k = e.reaction;
    out << "\n" << (p.at == "minimum" ? "At the minimum" : "At") << ", x = " << fixed(k.x, 6) << " (x_mass "
        << fixed(k.x_mass, 4) << "): E = " << fixed(k.energy, 6)
        << (p.energy_std_linear ? " +/- " + fixed(*p.energy_std_linear, 6) : std::string()) << unit << "\n"
        << "  " << k.reaction.to_string() << "\n\n";
    out << "  What E depends on: dE/dE_i, in" << unit << " of the mixture per eV/atom of each phase's formation\n"
        << "  energy; rise margin: how far a product may rise (eV/atom) before the products here change\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : e.sensitivities) {
      std::string margin = "";
      for (const auto& m : e.products)
        if (m.entry.id == s.entry.id) margin = margin_text(m.margin);
      rows.push_back({s.name, s.entry.id, s.role(), fixed(s.coefficient, 4), margin});
    }
    std::string table_text = table({"phase", "entry", "role", "dE/dE_i", "rise margin"}, rows, format);
    for (std::size_t at = 0; at < table_text.size();) {  // indented
      const std::size_t end = table_text.find('\n', at);
      out << "  " << table_text.substr(at, end - at + 1);
      at = end == std::string::npos ? table_text.size() : end + 1;
    }
    out << "\n  Competing phases nearest the hull here: how far each must drop (eV/atom) to enter the products\n";
    rows.clear();
    for (std::size_t i = 0; i < e.competitors.size() && i < kExplainCompetitors; ++i)
      rows.push_back({e.competitors[i].name, e.competitors[i].entry.id, fixed(e.competitors[i].margin, 4)});
    if (rows.empty()) {
      out << "  none\n";
    } else {
      table_text = table({"phase", "entry", "drop margin"}, rows, format);
      for (std::size_t at = 0; at < table_text.size();) {
        const std::size_t end = table_text.find('\n', at);
        out << "  " << table_text.substr(at, end - at + 1);
        at = end == std::string::npos ? table_text.size() : end + 1;
      }
      if (e.competitors.size() > kExplainCompetitors)
        out << "  (" << e.competitors.size() - kExplainCompetitors << " more, further away)\n";
    }
    if (e.second_best) {
      out << "\n  Second-best products here: " << product_names(e.second_best->products) << ", "
          << fixed(e.second_best->above, 6) << unit << " above\n";
    } else {
      out << "\n  Second-best products here: none (no other decomposition)\n";
    }
  }
  return out.str();
}

std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format,
                            const std::vector<ExplainedPoint>& points) {
  if (points.empty()) return format_reaction(r, ctx, format);
  if (format == Format::Csv) throw Error("--explain writes text, markdown or json, not csv");
  if (format == Format::Json) {
    Json j = reaction_json(r, ctx);
    j["explain"] = Json::array();
    for (const auto& p : points) j["explain"].push_back(explanation_json(p));
    return j.dump(2) + "\n";
  }
  return format_reaction(r, ctx, format) + format_explanations(ctx, points);
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
