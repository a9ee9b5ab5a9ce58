#pragma once
/// \file format.hpp
/// Tables of results as readable text, JSON (full double precision) and CSV.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "interphase/hull/stability.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/report/table.hpp"

namespace interphase {


/// What a reaction table says about how it was computed.
struct ReactionContext {
  EnergyForm form = EnergyForm::Mutual;
  std::string chemsys;                  ///< of the hull, e.g. "Cl-Li-O-P-Ru-S"
  std::map<std::string, double> open;   ///< open element -> chemical potential (eV), empty if closed
  double composite_mass_fraction = 0.3; ///< the experiment's composite: mass fraction of A shown beside the kinks
};

/// Products (reduced formula -> atomic fraction) as a JSON object, in their order.
nlohmann::ordered_json products_json(const std::vector<std::pair<std::string, double>>& products);
/// Product names joined by " + " ("Li3PO4 + Li2S + RuS2").
std::string product_names(const std::vector<std::pair<std::string, double>>& products);

nlohmann::ordered_json reaction_json(const InterfaceReaction& r, const ReactionContext& ctx);
std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format);

/// `decompose`: a formula's stability against the hull of its elements.
nlohmann::ordered_json stability_json(const std::string& formula, const Stability& s);
std::string format_stability(const std::string& formula, const Stability& s, Format format);

/// `hull`: stable phases of a chemical system (all entries with e_above_hull if `all`).
nlohmann::ordered_json hull_json(const HullTable& t, bool all);
std::string format_hull(const HullTable& t, bool all, Format format);

}  // namespace interphase
