#pragma once
/// \file format.hpp
/// Reactions (`react`), one composition's stability (`decompose`) and a
/// chemical system's hull (`hull`): their typed tables (result_table.hpp) and
/// the reports made of them in each Format.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "interphase/hull/stability.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/report/result_table.hpp"

namespace interphase {


/// What a reaction table says about how it was computed.
struct ReactionContext {
  EnergyForm form = EnergyForm::Mutual;
  std::string chemsys;                  ///< of the hull, e.g. "Cl-Li-O-P-Ru-S"
  std::map<std::string, double> open;   ///< open element -> chemical potential (eV), empty if closed
  double composite_mass_fraction = 0.3; ///< the experiment's composite: mass fraction of A shown beside the kinks
};

/// A kink's columns: x, x_molar, x_mass, energy, reaction, products (kinks,
/// the minimum and the composite alike).
std::vector<Column> kink_columns();
std::vector<Cell> kink_cells(const Kink& k);
/// The kinks of a reaction, one row each.
Table kink_table(const InterfaceReaction& r);

/// JSON: reactants, energy, chemsys, open (if any), kinks, minimum, composite.
nlohmann::ordered_json reaction_json(const InterfaceReaction& r, const ReactionContext& ctx);
std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format);

/// `decompose`: a formula's stability against the hull of its elements, one row
/// (formula, reduced_formula, chemsys, entry_id, e_form, e_above_hull,
/// hull_energy, stable, decomposition_enthalpy, decomposition).
Table stability_table(const std::string& formula, const Stability& s);
/// Products as rows: phase, fraction.
Table products_table(const Products& products);
nlohmann::ordered_json stability_json(const std::string& formula, const Stability& s);
std::string format_stability(const std::string& formula, const Stability& s, Format format);

/// `hull`: stable phases of a chemical system (all entries with e_above_hull if
/// `all`), in stored order or ranked (stable first, then by e_above_hull, e_form).
Table hull_entry_table(const HullTable& t, bool all, bool ranked);
nlohmann::ordered_json hull_json(const HullTable& t, bool all);
std::string format_hull(const HullTable& t, bool all, Format format);

}  // namespace interphase
