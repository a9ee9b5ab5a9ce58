#pragma once
/// \file coat_format.hpp
/// A coating search as reports: the ranked candidates as CSV (fixed columns),
/// JSON (with each side's detail: x, products, the range's voltage), aligned
/// text and Markdown (each with the settings and the funnel), and the funnel
/// alone for stderr. A figure of the search (a scatter, an HTML page) takes
/// the same CoatResult and the same table (coat_table) as these.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/report/result_table.hpp"
#include "interphase/session/requests.hpp"

namespace interphase {

/// The candidates' columns: rank, coating, passes, failed, e_above_hull,
/// window_red, window_ox, li_fraction, energy_electrolyte,
/// energy_electrolyte_range, energy_cathode, energy_cathode_range (the
/// _range ones null without a range), then with Monte Carlo p_pass; then
/// text-only presentations (window "1.70-4.60", failed_shown).
/// `failed` holds the criteria missed (CSV joined by ';'), or for a candidate
/// that could not be computed "error: <why>".
const std::vector<Column>& coat_columns(bool monte_carlo);
/// One candidate's cells (coat_columns).
std::vector<Cell> coat_cells(const CoatCandidate& c, bool monte_carlo);
/// The ranked candidates as a table, in rank order.
Table coat_table(const CoatResult& result);

/// Header and one row per candidate, in rank order (numbers in full precision).
std::string coat_csv(const CoatResult& result);
/// The whole search: settings, sides, funnel, the ranked candidates with
/// their per-side detail, and the explanation if one was asked for.
nlohmann::ordered_json coat_json(const CoatResult& result);
/// The settings, the funnel and the ranked table, aligned (text) or as Markdown.
std::string coat_text(const CoatResult& result);
std::string coat_markdown(const CoatResult& result);
/// The funnel as lines for stderr ("interphase: coat: <left> <stage>: <rule>").
std::string coat_funnel_lines(const std::vector<CoatStage>& funnel);
/// The explanation of one candidate, as text or Markdown.
std::string coat_explanation_text(const CoatExplanation& e, Format format);
/// coat_text, coat_markdown, coat_json (indented) or coat_csv, by format.
std::string format_coat(const CoatResult& result, Format format);

}  // namespace interphase
