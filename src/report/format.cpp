#include "interphase/report/format.hpp"

#include <algorithm>
#include <sstream>

#include "interphase/report/table.hpp"

namespace interphase {
namespace {

using Json = nlohmann::ordered_json;

}  // namespace

// ---------------------------------------------------------------- reactions

std::vector<Column> kink_columns() {
  return {{"x", "", CellType::Number, "atomic fraction of A in the mixture (open elements included)"},
          {"x_molar", "", CellType::Number, "fraction of A's formula units"},
          {"x_mass", "", CellType::Number, "mass fraction of A"},
          {"energy", "eV/atom", CellType::Number, "reaction energy per atom of the mixture (per non-open atom if any is open)"},
          {"reaction", "", CellType::Text, "balanced reaction per formula unit"},
          {"products", "", CellType::Products, "products: reduced formula -> atomic fraction"}};
}

std::vector<Cell> kink_cells(const Kink& k) {
  return {k.x, k.x_molar, k.x_mass, k.energy, k.reaction.to_string(), k.products};
}

Table kink_table(const InterfaceReaction& r) {
  Table t{kink_columns(), {}};
  for (const Kink& k : r.kinks()) t.rows.push_back(kink_cells(k));
  return t;
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
  const auto columns = kink_columns();
  j["kinks"] = json_rows(kink_table(r));
  j["minimum"] = json_row(columns, kink_cells(r.minimum()));
  j["composite"] = json_row(columns, kink_cells(r.at(r.x_from_mass_fraction(ctx.composite_mass_fraction))));
  return j;
}

std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format) {
  if (format == Format::Json) return reaction_json(r, ctx).dump(2) + "\n";
  const Table kinks = kink_table(r);
  if (format == Format::Csv) return csv(kinks);
  std::ostringstream out;
  const bool open = !ctx.open.empty();
  out << r.a().formula << " + " << r.b().formula << ": " << to_string(ctx.form) << " reaction energy in "
      << ctx.chemsys;
  for (const auto& [el, mu] : ctx.open) out << ", open " << el << " at mu = " << fixed(mu, 4) << " eV";
  out << "\n";
  out << "x: atomic fraction of " << r.a().formula << "; E in eV per " << (open ? "non-open atom" : "atom")
      << " of the mixture\n\n";
  out << view_table(kinks, {{"x", "", 4}, {"x_molar", "", 4}, {"x_mass", "", 4}, {"energy", "E", 6}, {"reaction"}}, format)
      << "\n";
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
