#include "interphase/report/coat_format.hpp"

#include <algorithm>
#include <sstream>

#include "interphase/report/table.hpp"

namespace interphase {
namespace {

using Json = nlohmann::ordered_json;

std::vector<Column> make_coat_columns(bool monte_carlo) {
  std::vector<Column> c = {
      {"rank", "", CellType::Number, "1 for the best: passing candidates first, then failing, then failed to compute"},
      {"coating", "", CellType::Text, "the candidate coating's formula"},
      {"passes", "", CellType::Boolean, "whether it meets every criterion"},
      {"failed", "", CellType::Names,
       "the criteria it misses (JSON: a list, and the error apart); CSV: \"error: <why>\" if it could not be computed"},
      {"e_above_hull", "eV/atom", CellType::Number, "its lowest entry's energy above the hull"},
      {"window_red", "V", CellType::Number, "its Li window's reduction limit (0: it holds down to 0 V; null: no window)"},
      {"window_ox", "V", CellType::Number, "its Li window's oxidation limit (null: no window, or none)"},
      {"li_fraction", "", CellType::Number, "Li atoms per atom"},
      {"energy_electrolyte", "eV/atom", CellType::Number, "minimum closed reaction energy with the electrolyte"},
      {"energy_electrolyte_range", "eV/atom", CellType::Number,
       "minimum reaction energy with the electrolyte over the range (Li open), per non-Li atom"},
      {"energy_cathode", "eV/atom", CellType::Number,
       "minimum closed reaction energy with the cathode, the most negative over its states"},
      {"energy_cathode_range", "eV/atom", CellType::Number,
       "minimum reaction energy with the cathode over the range (Li open), per non-Li atom, the most negative over its states"}};
  if (monte_carlo)
    c.emplace_back("p_pass", "", CellType::Number,
                   "Monte Carlo: the fraction of samples in which it meets every criterion");
  c.push_back(Column("window", "V", CellType::Text, "its window as a range").only(kTextOnly));
  c.push_back(Column("failed_shown", "", CellType::Text, "the criteria missed, or the error").only(kTextOnly));
  return c;
}

Json number_json(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json window_json(const std::optional<MaterialWindow>& w) {
  if (!w) return nullptr;
  Json j{{"reduction_V", number_json(w->reduction)}, {"oxidation_V", number_json(w->oxidation)}};
  if (!w->error.empty()) j["error"] = w->error;
  return j;
}

Json hold_json(const std::optional<RangeHold>& h) {
  if (!h) return nullptr;
  return {{"holds", h->holds}, {"reduced_below_V", number_json(h->reduced_below)},
          {"oxidized_above_V", number_json(h->oxidized_above)}};
}

Json reaction_json(const std::optional<CoatReaction>& r) {
  if (!r) return nullptr;
  Json j;
  if (r->minimum) {
    const Kink& k = *r->minimum;
    j["energy"] = k.energy;
    j["x"] = k.x;
    j["x_mass"] = k.x_mass;
    j["products"] = json_cell({}, Products(k.products));
    j["reaction"] = k.reaction.to_string();
  } else {
    for (const char* key : {"energy", "x", "x_mass", "products", "reaction"}) j[key] = nullptr;
  }
  if (r->voltage) j["voltage"] = *r->voltage;
  j["chemsys"] = r->chemsys.empty() ? Json(nullptr) : Json(r->chemsys);
  j["error"] = r->error.empty() ? Json(nullptr) : Json(r->error);
  return j;
}

Json side_json(const CoatSide& s) {
  return {{"formula", s.formula}, {"closed", reaction_json(s.closed)}, {"range", reaction_json(s.range)}};
}

/// "1.70-4.60" with 0 and inf for open ends, or null without a window.
Cell window_text(const std::optional<MaterialWindow>& w) {
  if (!w || !w->error.empty()) return {};
  return (w->reduction ? fixed(*w->reduction, 2) : "0") + "-" + (w->oxidation ? fixed(*w->oxidation, 2) : "inf");
}

/// The lines that say what was computed, without a trailing blank line.
std::string settings_text(const CoatResult& r, bool markdown) {
  const CoatSettings& s = r.settings;
  const std::string end = markdown ? "  \n" : "\n";
  std::ostringstream out;
  out << "Coatings between the electrolyte " << s.electrolyte << " and the cathode state"
      << (s.cathodes.size() > 1 ? "s " : " ") << joined(s.cathodes, ", ");
  if (s.range) out << ", closed and with Li open over " << s.range->label() << " V";
  out << " (" << to_string(s.form) << " reaction energies";
  if (!s.dataset.empty()) out << ", data set " << s.dataset;
  out << ")" << end;
  out << "candidates: " << s.candidates << end;
  const CoatCriteria& c = s.criteria;
  out << "criteria: e_above_hull <= " << full_precision(c.max_e_above_hull) << " eV/atom; window from <= "
      << full_precision(c.max_reduction) << " V to >= " << full_precision(s.min_oxidation)
      << " V; every minimum reaction energy >= -" << full_precision(c.max_reaction) << " eV/atom" << end;
  out << "E: eV per atom (closed) or per non-Li atom (over the range); x: the coating's atomic fraction in its "
         "mixture with each side; energy_cathode: the most negative over the cathode states"
      << end;
  if (s.monte_carlo)
    out << "p_pass: fraction of " << s.monte_carlo->samples << " samples (seed " << s.monte_carlo->seed
        << ", every formation energy +/- " << full_precision(s.monte_carlo->sigma)
        << " eV/atom unless the data gives its own) in which it meets every criterion" << end;
  for (const auto& side : r.sides) {
    out << side.role << " " << side.formula << ": window "
        << (side.window ? text_cell(window_text(side.window), 0, "none") : std::string("-"));
    if (side.hold && !side.hold->holds) {
      out << "; decomposes by itself in the range";
      std::vector<std::string> where;
      if (side.hold->reduced_below) where.push_back("below " + fixed(*side.hold->reduced_below, 2) + " V");
      if (side.hold->oxidized_above) where.push_back("above " + fixed(*side.hold->oxidized_above, 2) + " V");
      if (!where.empty()) out << " " << joined(where, " and ");
    }
    out << end;
  }
  return out.str();
}

std::vector<std::vector<std::string>> funnel_rows(const std::vector<CoatStage>& funnel) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& st : funnel) rows.push_back({st.stage, st.rule, std::to_string(st.left)});
  return rows;
}

std::vector<TextColumn> ranked_view(bool monte_carlo, bool range) {
  std::vector<TextColumn> v = {{"rank"}, {"coating"}, {"passes"}, {"failed_shown", "failed"},
                               {"e_above_hull", "", 4, "-"}, {"window", "window (V)", 2, "-"},
                               {"li_fraction", "Li", 3, "-"}, {"energy_electrolyte", "E_electrolyte", 4, "-"}};
  if (range) v.emplace_back("energy_electrolyte_range", "E_electrolyte_range", 4, "-");
  v.emplace_back("energy_cathode", "E_cathode", 4, "-");
  if (range) v.emplace_back("energy_cathode_range", "E_cathode_range", 4, "-");
  if (monte_carlo) v.emplace_back("p_pass", "", 3, "-");
  for (auto& c : v)
    if (c.column == "rank") c.digits = 0;
  return v;
}

std::string check_value(const CoatCheck& c) {
  if (!c.value) return "none";
  const bool volts = c.criterion == kCoatReduction || c.criterion == kCoatOxidation;
  return fixed(*c.value, 4) + (volts ? " V" : " eV/atom");
}

}  // namespace

const std::vector<Column>& coat_columns(bool monte_carlo) {
  static const std::vector<Column> columns[2] = {make_coat_columns(false), make_coat_columns(true)};
  return columns[monte_carlo ? 1 : 0];
}

std::vector<Cell> coat_cells(const CoatCandidate& c, bool monte_carlo) {
  const bool window = c.window && c.window->error.empty();
  std::vector<Cell> cells = {static_cast<double>(c.rank), c.formula, c.passes};
  cells.push_back(c.error.empty() ? Cell(c.failed) : Cell(std::vector<std::string>{"error: " + c.error}));
  cells.push_back(number_or_null(c.e_above_hull));
  cells.push_back(window ? number_or_null(c.window->reduction) : Cell());
  cells.push_back(window ? number_or_null(c.window->oxidation) : Cell());
  cells.push_back(number_or_null(c.li_fraction));
  for (const auto& e : {c.energy_electrolyte(), c.energy_electrolyte_range(), c.energy_cathode(), c.energy_cathode_range()})
    cells.push_back(c.error.empty() ? number_or_null(e) : Cell());
  if (monte_carlo) cells.push_back(number_or_null(c.p_pass));
  cells.push_back(window_text(c.window));
  cells.push_back(!c.error.empty() ? "error: " + c.error : c.failed.empty() ? "-" : joined(c.failed, ", "));
  return cells;
}

Table coat_table(const CoatResult& result) {
  const bool mc = result.settings.monte_carlo.has_value();
  Table t{coat_columns(mc), {}};
  for (const auto& c : result.candidates) t.rows.push_back(coat_cells(c, mc));
  return t;
}

std::string coat_csv(const CoatResult& result) { return csv(coat_table(result)); }

nlohmann::ordered_json coat_json(const CoatResult& result) {
  const CoatSettings& s = result.settings;
  Json settings{{"electrolyte", s.electrolyte},
                {"cathodes", s.cathodes},
                {"range", s.range ? Json{{"from", s.range->from}, {"to", s.range->to}} : Json(nullptr)},
                {"open", "Li"},
                {"form", to_string(s.form)},
                {"criteria",
                 {{"max_e_above_hull", s.criteria.max_e_above_hull},
                  {"max_reduction", s.criteria.max_reduction},
                  {"min_oxidation", s.min_oxidation},
                  {"max_reaction", s.criteria.max_reaction}}},
                {"candidates", s.candidates},
                {"x", "atomic fraction of the coating in its mixture with the side"},
                {"units",
                 {{"energy", "eV/atom (closed); eV per non-Li atom (over the range)"}, {"voltage", "V vs Li/Li+"}}},
                {"dataset",
                 {{"name", s.dataset},
                  {"source", s.dataset_source},
                  {"entries", s.dataset_entries},
                  {"content_hash", s.dataset_content_hash}}}};
  if (s.monte_carlo)
    settings["monte_carlo"] = {{"samples", s.monte_carlo->samples}, {"seed", s.monte_carlo->seed},
                               {"sigma", s.monte_carlo->sigma}};
  Json sides = Json::array();
  for (const auto& side : result.sides)
    sides.push_back({{"formula", side.formula}, {"role", side.role}, {"window", window_json(side.window)},
                     {"range_hold", hold_json(side.hold)}});
  Json funnel = Json::array();
  for (const auto& st : result.funnel) funnel.push_back({{"stage", st.stage}, {"rule", st.rule}, {"left", st.left}});
  const bool mc = s.monte_carlo.has_value();
  const auto& columns = coat_columns(mc);
  Json candidates = Json::array();
  for (const auto& c : result.candidates) {
    Json j = json_row(columns, coat_cells(c, mc));
    j["rank"] = c.rank;
    j["failed"] = c.failed;
    j["error"] = c.error.empty() ? Json(nullptr) : Json(c.error);
    j["window"] = window_json(c.window);
    j["range_hold"] = hold_json(c.hold);
    j["electrolyte"] = side_json(c.electrolyte);
    Json cathodes = Json::array();
    for (const auto& b : c.cathodes) cathodes.push_back(side_json(b));
    j["cathodes"] = cathodes;
    candidates.push_back(std::move(j));
  }
  Json out{{"settings", settings}, {"sides", sides}, {"funnel", funnel}, {"candidates", candidates}};
  if (result.explanation) {
    const CoatExplanation& e = *result.explanation;
    Json checks = Json::array();
    for (const auto& c : e.checks)
      checks.push_back({{"criterion", c.criterion},
                        {"side", c.side.empty() ? Json(nullptr) : Json(c.side)},
                        {"value", number_json(c.value)},
                        {"limit", c.limit},
                        {"margin", number_json(c.margin)},
                        {"passes", c.passes},
                        {"deciding", c.deciding},
                        {"competitor", c.competitor.empty() ? Json(nullptr) : Json(c.competitor)},
                        {"competitor_margin", number_json(c.competitor_margin)}});
    out["explanation"] = {{"coating", e.formula}, {"rank", e.rank},   {"passes", e.passes},
                          {"error", e.error.empty() ? Json(nullptr) : Json(e.error)},
                          {"closest", e.closest.empty() ? Json(nullptr) : Json(e.closest)},
                          {"checks", checks}};
  }
  return out;
}

std::string coat_funnel_lines(const std::vector<CoatStage>& funnel) {
  std::ostringstream out;
  for (const auto& st : funnel) out << "interphase: coat: " << st.left << " left after " << st.stage << " (" << st.rule << ")\n";
  return out.str();
}

std::string coat_explanation_text(const CoatExplanation& e, Format format) {
  const bool markdown = format == Format::Markdown;
  std::ostringstream out;
  out << (markdown ? "## " : "") << "Why " << e.formula << " " << (e.passes ? "passes" : "does not pass");
  if (e.rank > 0) out << " (rank " << e.rank << ")";
  out << "\n\n";
  if (!e.error.empty()) {
    out << "It could not be computed: " << e.error << "\n";
    return out.str();
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : e.checks) {
    std::string decided = joined(c.deciding);
    if (!c.competitor.empty())
      decided += (decided.empty() ? "" : "; ") + std::string("next: ") + c.competitor +
                 (c.competitor_margin ? " if " + fixed(*c.competitor_margin, 4) + " eV/atom lower" : "");
    rows.push_back({c.criterion, c.side.empty() ? "-" : c.side, check_value(c), fixed(c.limit, 4),
                    c.margin ? fixed(*c.margin, 4) : "-", c.passes ? "yes" : "no", decided.empty() ? "-" : decided});
  }
  out << table({"criterion", "side", "value", "limit", "margin", "passes", "decided by"}, rows, format);
  if (!e.closest.empty()) {
    const auto it = std::find_if(e.checks.begin(), e.checks.end(), [&](const CoatCheck& c) { return c.criterion == e.closest; });
    out << "\n" << (e.passes ? "closest to failing: " : "fails most: ") << e.closest;
    if (it != e.checks.end() && it->margin) out << " (margin " << fixed(*it->margin, 4) << ")";
    out << "\n";
  }
  return out.str();
}

std::string coat_text(const CoatResult& result) {
  std::ostringstream out;
  out << settings_text(result, false) << "\nfunnel\n"
      << text_table({"stage", "rule", "left"}, funnel_rows(result.funnel)) << "\nranking\n";
  const auto [header, cells] =
      text_view(coat_table(result), ranked_view(result.settings.monte_carlo.has_value(), result.settings.range.has_value()));
  out << text_table(header, cells);
  if (result.explanation) out << "\n" << coat_explanation_text(*result.explanation, Format::Text);
  return out.str();
}

std::string coat_markdown(const CoatResult& result) {
  std::ostringstream out;
  out << settings_text(result, true) << "\n## Funnel\n\n"
      << markdown_table({"stage", "rule", "left"}, funnel_rows(result.funnel)) << "\n## Ranking\n\n";
  const auto [header, cells] =
      text_view(coat_table(result), ranked_view(result.settings.monte_carlo.has_value(), result.settings.range.has_value()));
  out << markdown_table(header, cells);
  if (result.explanation) out << "\n" << coat_explanation_text(*result.explanation, Format::Markdown);
  return out.str();
}

std::string format_coat(const CoatResult& result, Format format) {
  switch (format) {
    case Format::Text: return coat_text(result);
    case Format::Markdown: return coat_markdown(result);
    case Format::Json: return coat_json(result).dump(2) + "\n";
    case Format::Csv: return coat_csv(result);
  }
  return coat_text(result);
}

}  // namespace interphase
