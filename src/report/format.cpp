#include "interphase/report/format.hpp"

#include <algorithm>
#include <cmath>
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

/// Products as a JSON object (reduced formula -> atomic fraction), as a Products cell is written.
Json products_object(const Products& products) { return json_cell({}, products); }

/// The index of the minimum among the kinks.
std::size_t minimum_index(const InterfaceReaction& r) {
  return static_cast<std::size_t>(&r.minimum() - r.kinks().data());
}

}  // namespace

// ---------------------------------------------------------------- reactions

std::vector<Column> monte_carlo_columns() {
  return {{"energy_std", "eV/atom", CellType::Number, "Monte Carlo: standard deviation of the sampled minimum energy"},
          {"energy_p05", "eV/atom", CellType::Number, "Monte Carlo: 5th percentile of the sampled minimum energy"},
          {"energy_p95", "eV/atom", CellType::Number, "Monte Carlo: 95th percentile of the sampled minimum energy"},
          {"p_react", "", CellType::Number, "Monte Carlo: fraction of samples whose minimum lies below the threshold"},
          {"product_sets", "", CellType::ProductSets,
           "Monte Carlo: product sets at the sampled minimum with their probability, most probable first"}};
}

ProductSets product_sets(const MinimumStatistics& st) {
  ProductSets sets;
  for (const auto& set : st.product_sets) sets.emplace_back(set.products, set.p);
  return sets;
}

std::vector<Cell> monte_carlo_cells(const MinimumStatistics* st) {
  if (!st) return std::vector<Cell>(monte_carlo_columns().size());
  return {st->std, st->p05, st->p95, st->p_react, product_sets(*st)};
}

void add_monte_carlo_json(nlohmann::ordered_json& minimum, const MinimumStatistics& st) {
  const auto columns = monte_carlo_columns();
  const auto cells = monte_carlo_cells(&st);
  for (std::size_t i = 0; i < columns.size(); ++i) minimum[columns[i].name] = json_cell(columns[i], cells[i]);
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

std::vector<Column> kink_columns(bool uncertainty, bool monte_carlo) {
  std::vector<Column> c = {
      {"x", "", CellType::Number, "atomic fraction of A in the mixture (open elements included)"},
      {"x_molar", "", CellType::Number, "fraction of A's formula units"},
      {"x_mass", "", CellType::Number, "mass fraction of A"},
      {"energy", "eV/atom", CellType::Number, "reaction energy per atom of the mixture (per non-open atom if any is open)"},
      {"energy_kj_mol", "kJ/mol", CellType::Number,
       "reaction energy per mole of the reaction formula x_molar A + (1 - x_molar) B (its non-open atoms), "
       "pymatgen's energy_per_rxn_formula"},
      {"reaction", "", CellType::Text, "balanced reaction per formula unit"},
      {"products", "", CellType::Products, "products: reduced formula -> atomic fraction"}};
  if (uncertainty)
    c.emplace_back("energy_std_linear", "eV/atom", CellType::Number,
                   "1-sigma of energy from every compound's formation-energy sigma, linear at fixed products");
  if (monte_carlo)
    for (auto& m : monte_carlo_columns()) c.push_back(std::move(m));
  return c;
}

std::vector<Cell> kink_cells(const Kink& k, std::optional<double> std, std::optional<const MinimumStatistics*> mc) {
  std::vector<Cell> cells = {k.x, k.x_molar, k.x_mass, k.energy, energy_kj_per_mol(k), k.reaction.to_string(), k.products};
  if (std) cells.emplace_back(*std);
  if (mc)
    for (auto& c : monte_carlo_cells(*mc)) cells.push_back(std::move(c));
  return cells;
}

Table kink_table(const InterfaceReaction& r, const ReactionUncertainty* uncertainty, const MinimumStatistics* monte_carlo) {
  Table t{kink_columns(uncertainty != nullptr, monte_carlo != nullptr), {}};
  const std::size_t minimum = minimum_index(r);
  for (std::size_t i = 0; i < r.kinks().size(); ++i) {
    const auto mc = monte_carlo ? std::optional<const MinimumStatistics*>(i == minimum ? monte_carlo : nullptr)
                                : std::nullopt;
    t.rows.push_back(kink_cells(r.kinks()[i], uncertainty ? std::optional<double>(uncertainty->kinks.at(i)) : std::nullopt, mc));
  }
  return t;
}

namespace {

Json hold_json(const std::optional<RangeHold>& h) {
  if (!h) return nullptr;
  return {{"holds", h->holds},
          {"reduced_below_V", json_cell({}, number_or_null(h->reduced_below))},
          {"oxidized_above_V", json_cell({}, number_or_null(h->oxidized_above))}};
}

Json range_json(const RangeContext& c) {
  return {{"from_V", c.range.from}, {"to_V", c.range.to}, {"open", c.element}, {"voltage", c.voltage},
          {"energy", c.energy}, {"A", hold_json(c.a)}, {"B", hold_json(c.b)}};
}

/// "holds over the range", "decomposes below 1.72 V and above 2.14 V" (no window: "has no window").
std::string hold_text(const std::optional<RangeHold>& h) {
  if (!h) return "has no window";
  if (h->holds) return "holds over the whole range";
  if (!h->reduced_below && !h->oxidized_above) return "decomposes at every voltage";
  std::string out = "decomposes";
  if (h->reduced_below) out += " below " + fixed(*h->reduced_below, 2) + " V";
  if (h->oxidized_above) out += std::string(h->reduced_below ? " and" : "") + " above " + fixed(*h->oxidized_above, 2) + " V";
  return out;
}

std::string range_text(const RangeContext& c, const InterfaceReaction& r) {
  return "worst case over " + c.range.label() + " V (" + c.element + " open at every voltage in it): " +
         fixed(c.energy, 6) + " eV per non-open atom at " + fixed(c.voltage, 6) + " V; the table is the reaction there\n" +
         "on its own: " + r.a().formula + " " + hold_text(c.a) + "; " + r.b().formula + " " + hold_text(c.b) + "\n";
}

}  // namespace

nlohmann::ordered_json reaction_json(const InterfaceReaction& r, const ReactionContext& ctx) {
  Json j;
  j["reactants"] = {r.a().formula, r.b().formula};
  j["energy"] = to_string(ctx.form);
  j["chemsys"] = ctx.chemsys;
  if (!ctx.open.empty()) {
    j["open"] = Json::object();
    for (const auto& [el, mu] : ctx.open) j["open"][el] = mu;
  }
  if (ctx.range) j["range"] = range_json(*ctx.range);
  const ReactionUncertainty* u = ctx.uncertainty ? &*ctx.uncertainty : nullptr;
  if (u) j["sigma"] = u->sigma;
  const MinimumStatistics* mc = ctx.monte_carlo ? &*ctx.monte_carlo : nullptr;
  const auto std_of = [&](double s) { return u ? std::optional<double>(s) : std::nullopt; };
  // The kinks and the composite without the Monte Carlo statistics: they are the minimum's.
  j["kinks"] = json_rows(kink_table(r, u));
  j["minimum"] = json_row(kink_columns(u != nullptr, mc != nullptr),
                          kink_cells(r.minimum(), std_of(u ? u->minimum : 0),
                                     mc ? std::optional<const MinimumStatistics*>(mc) : std::nullopt));
  if (mc)
    j["monte_carlo"] = {{"samples", mc->samples}, {"seed", ctx.monte_carlo_options.seed},
                        {"sigma", ctx.monte_carlo_options.sigma}, {"threshold", ctx.monte_carlo_options.threshold}};
  j["composite"] = json_row(kink_columns(u != nullptr),
                            kink_cells(composite_point(r, ctx.composite_mass_fraction), std_of(u ? u->composite : 0)));
  return j;
}

std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format) {
  if (format == Format::Json) return reaction_json(r, ctx).dump(2) + "\n";
  const auto& u = ctx.uncertainty;
  // With samples: the minimum's statistics in its own row, the other rows' cells empty.
  const Table kinks = kink_table(r, u ? &*u : nullptr, ctx.monte_carlo ? &*ctx.monte_carlo : nullptr);
  if (format == Format::Csv) return csv(kinks);
  std::ostringstream out;
  const bool open = !ctx.open.empty();
  out << r.a().formula << " + " << r.b().formula << ": " << to_string(ctx.form) << " reaction energy in "
      << ctx.chemsys;
  for (const auto& [el, mu] : ctx.open) out << ", open " << el << " at mu = " << fixed(mu, 4) << " eV";
  out << "\n";
  if (ctx.range) out << range_text(*ctx.range, r);
  out << "x: atomic fraction of " << r.a().formula << "; E in eV per " << (open ? "non-open atom" : "atom")
      << " of the mixture\n";
  if (u && u->own_sigmas)
    out << "+/-: 1-sigma of E, every compound's formation energy +/- its own sigma from the data (else "
        << full_precision(u->sigma) << " eV/atom), propagated linearly at fixed products\n";
  else if (u)
    out << "+/-: 1-sigma of E, every compound's formation energy +/- " << full_precision(u->sigma)
        << " eV/atom, propagated linearly at fixed products\n";
  out << "\n";
  std::vector<TextColumn> view = {{"x", "", 4}, {"x_molar", "", 4}, {"x_mass", "", 4}, {"energy", "E", 6}};
  if (u) view.emplace_back("energy_std_linear", "+/-", 6);
  view.emplace_back("energy_kj_mol", "kJ/mol", 2);
  view.emplace_back("reaction");
  out << view_table(kinks, view, format) << "\n";
  const std::string unit = open ? " eV per non-open atom" : " eV/atom";
  const auto plus_minus = [&](double s) { return u ? " +/- " + fixed(s, 6) : std::string(); };
  const Kink& m = r.minimum();
  out << "minimum: " << fixed(m.energy, 6) << (u ? plus_minus(u->minimum) : "") << unit << " at x = " << fixed(m.x, 6)
      << " (x_molar " << fixed(m.x_molar, 4) << ", x_mass " << fixed(m.x_mass, 4) << "): " << product_names(m.products)
      << "\n";
  if (ctx.monte_carlo) out << monte_carlo_text(*ctx.monte_carlo, ctx.monte_carlo_options, unit);
  const Kink c = composite_point(r, ctx.composite_mass_fraction);
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
  j["products"] = products_object(k.products);
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
    j["second_best"] = {{"products", products_object(e.second_best->products)}, {"above", e.second_best->above}};
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

void check_format(const std::string& format, const ReactRequest& q) {
  const bool explaining = q.explain || !q.explain_at_x.empty();
  if (format == "svg" && (explaining || q.uncertainty.linear || q.uncertainty.samples > 0))
    throw SettingError("{explain}, {uncertainty} and {samples} write text, markdown, json or csv, not svg");
  if (format == "csv" && explaining) throw SettingError("{explain} writes text, markdown or json, not csv");
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

Table stability_table(const std::string& formula, const Stability& s) {
  Table t;
  t.columns = {{"formula", "", CellType::Text, "the formula as given"},
               Column("reduced_formula", "", CellType::Text, "its reduced formula").only(kJson),
               Column("chemsys", "", CellType::Text, "chemical system of the hull").only(kJson),
               {"entry_id", "", CellType::Text, "lowest entry of this composition (null if none)"},
               {"e_form", "eV/atom", CellType::Number, "formation energy of that entry"},
               {"e_above_hull", "eV/atom", CellType::Number, "that entry's energy above the hull"},
               {"hull_energy", "eV/atom", CellType::Number, "hull energy at the composition"},
               {"stable", "", CellType::Boolean, "whether the entry is on the hull"},
               Column("decomposition_enthalpy", "eV/atom", CellType::Number,
                      "of a stable entry: its energy below the hull of the others")
                   .omit_null()
                   .only(kJson),
               {"decomposition", "", CellType::Products, "hull phases at the composition, atomic fractions"}};
  t.rows.push_back({formula, s.composition.reduced_formula(), s.chemsys,
                    s.entry_id ? Cell(*s.entry_id) : Cell(), number_or_null(s.e_form), number_or_null(s.e_above_hull),
                    s.hull_energy, s.stable, number_or_null(s.decomposition_enthalpy), s.products});
  return t;
}

Table products_table(const Products& products) {
  Table t{{{"phase", "", CellType::Text, "reduced formula"}, {"fraction", "", CellType::Number, "atomic fraction"}}, {}};
  for (const auto& [name, fraction] : products) t.rows.push_back({name, fraction});
  return t;
}

nlohmann::ordered_json stability_json(const std::string& formula, const Stability& s) {
  const Table t = stability_table(formula, s);
  return json_row(t.columns, t.rows.front());
}

nlohmann::ordered_json stability_json(const DecomposeResult& r) { return stability_json(r.formula, r.stability); }

std::string format_stability(const std::string& formula, const Stability& s, Format format) {
  if (format == Format::Json) return stability_json(formula, s).dump(2) + "\n";
  if (format == Format::Csv) return csv(stability_table(formula, s));
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
  out << view_table(products_table(s.products), {{"phase"}, {"fraction", "", 6}}, format);
  return out.str();
}

// ---------------------------------------------------------------- hull

Table hull_entry_table(const HullTable& t, bool all, bool ranked) {
  std::vector<const HullTable::Row*> order;
  for (const auto& r : t.rows)
    if (all || r.stable) order.push_back(&r);
  // Ranked: stable phases first, then by e_above_hull, then by formation energy.
  if (ranked) {
    std::stable_sort(order.begin(), order.end(), [](const HullTable::Row* p, const HullTable::Row* q) {
      if (p->stable != q->stable) return p->stable;
      if (p->e_above_hull != q->e_above_hull) return p->e_above_hull < q->e_above_hull;
      return p->entry.e_form < q->entry.e_form;
    });
  }
  Table out;
  out.columns = {{"id", "", CellType::Text, "entry id"},
                 {"formula", "", CellType::Text, "reduced formula"},
                 {"e_form", "eV/atom", CellType::Number, "formation energy"},
                 {"e_above_hull", "eV/atom", CellType::Number, "energy above the hull"},
                 {"stable", "", CellType::Boolean, "on the hull"},
                 Column("decomposition_enthalpy", "eV/atom", CellType::Number,
                        "of a stable entry: its energy below the hull of the others")
                     .omit_null()};
  for (const auto* r : order)
    out.rows.push_back({r->entry.id, r->entry.name(), r->entry.e_form, r->e_above_hull, r->stable,
                        number_or_null(r->decomposition_enthalpy)});
  return out;
}

nlohmann::ordered_json hull_json(const HullTable& t, bool all) {
  Json j;
  j["chemsys"] = t.chemsys;
  j["entries"] = json_rows(hull_entry_table(t, all, false));
  return j;
}

nlohmann::ordered_json hull_json(const HullResult& r) { return hull_json(r.table, r.all); }

std::string format_hull(const HullTable& t, bool all, Format format) {
  if (format == Format::Json) return hull_json(t, all).dump(2) + "\n";
  const Table rows = hull_entry_table(t, all, true);
  if (format == Format::Csv) return csv(rows);
  std::ostringstream out;
  out << t.chemsys << ": " << t.rows.size() << " entries, " << t.stable_count() << " stable\n\n";
  out << view_table(rows,
                    {{"formula"}, {"id"}, {"e_form", "", 6}, {"e_above_hull", "", 6}, {"stable"},
                     {"decomposition_enthalpy", "", 6}},
                    format);
  return out.str();
}

}  // namespace interphase
