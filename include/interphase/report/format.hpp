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
#include "interphase/report/table.hpp"

namespace interphase {


/// The analytic 1-sigma of a reaction's energies (react --uncertainty).
struct ReactionUncertainty {
  double sigma = kDefaultEntrySigma;  ///< of every compound's formation energy, eV/atom
  std::vector<double> kinks;          ///< energy_std_linear per kink
  double minimum = 0, composite = 0;  ///< at the minimum and at the composite
};

/// The uncertainty of r's energies with every compound's formation energy at
/// 1-sigma `sigma` (`closed`: the closed set r was made from).
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
};

/// Products (reduced formula -> atomic fraction) as a JSON object, in their order.
nlohmann::ordered_json products_json(const std::vector<std::pair<std::string, double>>& products);
/// Product names joined by " + " ("Li3PO4 + Li2S + RuS2").
std::string product_names(const std::vector<std::pair<std::string, double>>& products);

nlohmann::ordered_json reaction_json(const InterfaceReaction& r, const ReactionContext& ctx);
std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format);

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
