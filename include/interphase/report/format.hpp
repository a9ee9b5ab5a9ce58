#pragma once
/// \file format.hpp
/// Reactions (`react`), one composition's stability (`decompose`) and a
/// chemical system's hull (`hull`): their typed tables (result_table.hpp) and
/// the reports made of them in each Format.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "interphase/hull/stability.hpp"
#include "interphase/reaction/explain.hpp"
#include "interphase/reaction/interface.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "interphase/report/result_table.hpp"
#include "interphase/session/requests.hpp"

namespace interphase {


/// The Monte Carlo columns of a minimum (react, sweep and screen with
/// --samples), after energy_std_linear: energy_std, energy_p05, energy_p95
/// (eV/atom: the std and 5th/95th percentiles of the sampled minimum), p_react
/// (fraction of samples below the threshold), product_sets (the sampled
/// minimum's product sets, most probable first).
std::vector<Column> monte_carlo_columns();
/// Their cells; all null without statistics.
std::vector<Cell> monte_carlo_cells(const MinimumStatistics* st);
/// The product sets of the statistics as a cell.
ProductSets product_sets(const MinimumStatistics& st);
/// The Monte Carlo fields of a minimum (monte_carlo_columns), added to `minimum`.
void add_monte_carlo_json(nlohmann::ordered_json& minimum, const MinimumStatistics& st);
/// A short text block on the Monte Carlo run and the minimum's statistics.
std::string monte_carlo_text(const MinimumStatistics& st, const MonteCarloOptions& mc, const std::string& unit);

/// A kink's columns: x, x_molar, x_mass, energy, energy_kj_mol (kJ/mol,
/// energy_kj_per_mol), reaction, products (kinks,
/// the minimum and the composite alike), then with `uncertainty`
/// energy_std_linear (eV/atom, the analytic 1-sigma of energy), then with
/// `monte_carlo` the monte_carlo_columns (filled at the minimum only).
std::vector<Column> kink_columns(bool uncertainty = false, bool monte_carlo = false);
/// A kink's cells; `std` (energy_std_linear) only with kink_columns(true),
/// `mc` only with kink_columns(.., true) (null: a kink other than the minimum).
std::vector<Cell> kink_cells(const Kink& k, std::optional<double> std = std::nullopt,
                             std::optional<const MinimumStatistics*> mc = std::nullopt);
/// The kinks of a reaction, one row each; with an uncertainty, each with its
/// energy_std_linear; with Monte Carlo statistics, the minimum with them.
Table kink_table(const InterfaceReaction& r, const ReactionUncertainty* uncertainty = nullptr,
                 const MinimumStatistics* monte_carlo = nullptr);

/// JSON: reactants, energy, chemsys, open (if any), sigma (with an
/// uncertainty), kinks, minimum, composite.
nlohmann::ordered_json reaction_json(const InterfaceReaction& r, const ReactionContext& ctx);
std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format);

/// `compare`: two pairs' minima under each condition (labels "closed", "3", ...),
/// sampled pairwise; `first` and `second` name the pairs ("Li6PS5Cl + Li2RuO3").
std::string format_comparison(const std::string& first, const std::string& second,
                              const std::vector<std::string>& conditions, const std::vector<PairedComparison>& rows,
                              const MonteCarloOptions& mc, Format format);

/// Competing phases a report lists: the nearest this many.
inline constexpr std::size_t kExplainCompetitors = 8;
/// JSON of one explanation: sensitivities, product and competitor margins (null: no shift changes the products), second best.
nlohmann::ordered_json explanation_json(const ExplainedPoint& p);
/// The explanations as text for people (Text or Markdown).
std::string format_explanations(const ReactionContext& ctx, const std::vector<ExplainedPoint>& points);
/// SettingError unless `format` (text, markdown, md, json, csv or svg) can
/// show what `request` asks, checked before it is computed: an svg plot shows
/// no explanation or uncertainty ("{explain}, {uncertainty} and {samples}
/// write text, markdown, json or csv, not svg"), and CSV no explanation.
void check_format(const std::string& format, const ReactRequest& request);
/// The reaction followed by its explanations: text, markdown, or JSON with an "explain" array.
/// Throws Error for CSV (explanations are not one table).
std::string format_reaction(const InterfaceReaction& r, const ReactionContext& ctx, Format format,
                            const std::vector<ExplainedPoint>& points);


/// `decompose`: a formula's stability against the hull of its elements, one row
/// (formula, reduced_formula, chemsys, entry_id, e_form, e_above_hull,
/// hull_energy, stable, decomposition_enthalpy, decomposition).
Table stability_table(const std::string& formula, const Stability& s);
/// Products as rows: phase, fraction.
Table products_table(const Products& products);
nlohmann::ordered_json stability_json(const std::string& formula, const Stability& s);
nlohmann::ordered_json stability_json(const DecomposeResult& r);
std::string format_stability(const std::string& formula, const Stability& s, Format format);

/// `hull`: stable phases of a chemical system (all entries with e_above_hull if
/// `all`), in stored order or ranked (stable first, then by e_above_hull, e_form).
Table hull_entry_table(const HullTable& t, bool all, bool ranked);
nlohmann::ordered_json hull_json(const HullTable& t, bool all);
nlohmann::ordered_json hull_json(const HullResult& r);
std::string format_hull(const HullTable& t, bool all, Format format);

}  // namespace interphase
