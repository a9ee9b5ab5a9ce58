#pragma once
/// \file format.hpp
/// Tables of results as readable text, JSON (full double precision) and CSV.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "interphase/hull/stability.hpp"
#include "interphase/reaction/explain.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "interphase/report/table.hpp"

namespace interphase {

/// The analytic 1-sigma of a reaction's energies (react --uncertainty).
struct ReactionUncertainty {
  double sigma = kDefaultSigma;       ///< of every compound's formation energy without its own, eV/atom
  bool own_sigmas = false;            ///< whether some phase of the system has its own (Entry::sigma)
  std::vector<double> kinks;          ///< energy_std_linear per kink
  double minimum = 0, composite = 0;  ///< at the minimum and at the composite
};

/// The uncertainty of r's energies with every compound's formation energy at
/// its own 1-sigma where the data gives one, else `sigma` (entry_sigmas;
/// `closed`: the closed set r was made from).
ReactionUncertainty reaction_uncertainty(const StableSet& closed, const InterfaceReaction& r,
                                         const ReactionOptions& options, double sigma,
                                         double composite_mass_fraction = 0.3);

/// What a reaction table says about how it was computed.
struct ReactionContext {
  EnergyForm form = EnergyForm::Mutual;
  std::string chemsys;                  ///< of the hull, e.g. "Cl-Li-O-P-Ru-S"
  std::map<std::string, double> open;   ///< open element -> chemical potential (eV), empty if closed
  double composite_mass_fraction = 0.3; ///< the experiment's composite: mass fraction of A shown beside the kinks
  std::optional<ReactionUncertainty> uncertainty;  ///< shown where present
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

/// An explanation (react --explain) with what it explains: "minimum" or "x".
struct ExplainedPoint {
  std::string at;                  ///< "minimum" or "x"
  Explanation explanation;
  std::optional<double> energy_std_linear;  ///< with --uncertainty
};
/// Competing phases a report lists: the nearest this many.
inline constexpr std::size_t kExplainCompetitors = 8;
/// JSON of one explanation: sensitivities, product and competitor margins (null: no shift changes the products), second best.
nlohmann::ordered_json explanation_json(const ExplainedPoint& p);
/// The explanations as text for people (Text or Markdown).
std::string format_explanations(const ReactionContext& ctx, const std::vector<ExplainedPoint>& points);
/// The reaction followed by its explanations: text, markdown, or JSON with an "explain" array.
/// Throws Error for CSV (explanations are not one table).
std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format,
                            const std::vector<ExplainedPoint>& points);

/// `decompose`: a formula's stability against the hull of its elements.
nlohmann::ordered_json stability_json(const std::string& formula, const Stability& s);
std::string format_stability(const std::string& formula, const Stability& s, Format format);

/// `hull`: stable phases of a chemical system (all entries with e_above_hull if `all`).
nlohmann::ordered_json hull_json(const HullTable& t, bool all);
std::string format_hull(const HullTable& t, bool all, Format format);

}  // namespace interphase
