#pragma once
/// \file format.hpp
/// Tables of results as readable text, JSON (full double precision) and CSV.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "interphase/hull/stability.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "interphase/report/table.hpp"

namespace interphase {


/// What a reaction table says about how it was computed.
struct ReactionContext {
  EnergyForm form = EnergyForm::Mutual;
  std::string chemsys;                  ///< of the hull, e.g. "Cl-Li-O-P-Ru-S"
  std::map<std::string, double> open;   ///< open element -> chemical potential (eV), empty if closed
  double composite_mass_fraction = 0.3; ///< the experiment's composite: mass fraction of A shown beside the kinks
  /// Monte Carlo statistics of the minimum, and how they were sampled (none: no samples).
  std::optional<MinimumStatistics> monte_carlo;
  MonteCarloOptions monte_carlo_options;
};

/// The Monte Carlo fields of a minimum (energy_std, energy_p05, energy_p95,
/// p_react, product_sets), added to `minimum`.
void add_monte_carlo_json(nlohmann::ordered_json& minimum, const MinimumStatistics& st);
/// The product sets as one cell: "A + B: 0.93; C + D: 0.07".
std::string product_sets_cell(const MinimumStatistics& st);
/// A short text block on the Monte Carlo run and the minimum's statistics.
std::string monte_carlo_text(const MinimumStatistics& st, const MonteCarloOptions& mc, const std::string& unit);

/// Products (reduced formula -> atomic fraction) as a JSON object, in their order.
nlohmann::ordered_json products_json(const std::vector<std::pair<std::string, double>>& products);
/// Product names joined by " + " ("Li3PO4 + Li2S + RuS2").
std::string product_names(const std::vector<std::pair<std::string, double>>& products);

nlohmann::ordered_json reaction_json(const InterfaceReaction& r, const ReactionContext& ctx);
std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format);

/// `compare`: two pairs' minima under each condition (labels "closed", "3", ...),
/// sampled pairwise; `first` and `second` name the pairs ("Li6PS5Cl + Li2RuO3").
std::string format_comparison(const std::string& first, const std::string& second,
                              const std::vector<std::string>& conditions, const std::vector<PairedComparison>& rows,
                              const MonteCarloOptions& mc, Format format);

/// `decompose`: a formula's stability against the hull of its elements.
nlohmann::ordered_json stability_json(const std::string& formula, const Stability& s);
std::string format_stability(const std::string& formula, const Stability& s, Format format);

/// `hull`: stable phases of a chemical system (all entries with e_above_hull if `all`).
nlohmann::ordered_json hull_json(const HullTable& t, bool all);
std::string format_hull(const HullTable& t, bool all, Format format);

}  // namespace interphase
