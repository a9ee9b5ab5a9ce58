// The screen as a figure: a heatmap of the minimum reaction energy of every
// pair, one panel per condition, and an HTML page around it with the ranked table.
#include <algorithm>
#include "interphase/tolerances.hpp"
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "interphase/report/format.hpp"
#include "interphase/report/plot_style.hpp"
#include "interphase/report/screen_format.hpp"
#include "interphase/report/svg.hpp"

namespace interphase {
namespace {

constexpr double kMaxWidth = 1300;       // px: a wider figure wraps its panels onto more rows
constexpr double kMaxGridHeight = 1200;  // px: more rows than fit get smaller cells
constexpr double kMaxCell = 40, kMinCell = 10, kWrapCell = 22;
constexpr double kPanelGap = 30;
constexpr double kTop = 58;               // below the title and subtitle
constexpr double kCaptionFont = 11, kCaptionLine = 15;
constexpr std::size_t kMaxRows = 60, kShownEach = 30;

std::string n(double v) { return svg_number(v, 2); }

// ---------------------------------------------------------------- text

/// Rough advance of sans-serif text, on the wide side: capitals widest, then digits, then lower case.
double text_width(const std::string& s, double font) { return plot::text_width(s, font, plot::Glyphs::Proportional); }

using plot::formula_markup;
using plot::formula_width;

void text(std::string& out, double x, double y, const std::string& markup, const std::string& attrs) {
  out += "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" " + attrs + ">" + markup + "</text>\n";
}

/// Words of `s` in lines of at most `width` px.
std::vector<std::string> wrap(const std::string& s, double width, double font) {
  std::vector<std::string> lines;
  std::istringstream words(s);
  std::string word, line;
  while (words >> word) {
    if (!line.empty() && text_width(line + " " + word, font) > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// ---------------------------------------------------------------- colour

// 0 (no reaction) neutral light grey; negative energies through orange to dark
// red, positive ones (possible with the total form) in blue (plot_style.hpp).
constexpr const auto& kNegative = plot::kGreyOrRd;
constexpr const auto& kPositive = plot::kGreyBlues;

/// The colour scale: [lo, hi] with lo <= 0 <= hi and lo < hi.
struct Scale {
  double lo = -1, hi = 0;
  std::vector<double> ticks;
  std::string fill(double e) const {
    if (e < 0 && lo < 0) return plot::hex(plot::ramp(kNegative, e / lo));
    if (e > 0 && hi > 0) return plot::hex(plot::ramp(kPositive, e / hi));
    return plot::hex(kNegative[0]);
  }
};

Scale make_scale(double lo, double hi) {
  lo = std::min(lo, 0.0), hi = std::max(hi, 0.0);
  if (hi - lo < tol::kPlotSlack) lo = -0.1;
  Scale s;
  s.ticks = nice_ticks(lo, hi, 5);
  s.lo = s.ticks.front(), s.hi = s.ticks.back();
  return s;
}

// ---------------------------------------------------------------- the data

struct Panel {
  std::string label;  // the condition's label
  std::string title;  // "closed", "Li open at 3 V"
  bool open = false;
};

/// The rows of a screen arranged as A x B x condition.
struct Grid {
  std::vector<std::string> as, bs;
  std::vector<Panel> panels;
  std::vector<const ScreenRow*> cells;  // [(a * bs + b) * panels + p], the first row of each
  const ScreenRow* at(std::size_t a, std::size_t b, std::size_t p) const { return cells[(a * bs.size() + b) * panels.size() + p]; }
};

std::string panel_title(const Condition& c, const std::string& open) {
  if (c.range) return open + " open over " + c.label + " V (the worst voltage)";
  if (c.open.empty()) return "closed";
  if (c.voltage) return open + " open at " + c.label + " V";
  std::string t = c.label;
  for (std::size_t i = t.find(';'); i != std::string::npos; i = t.find(';', i + 2)) t.replace(i, 1, ", ");
  return "open: " + t + " eV";
}

Grid gather(const std::vector<ScreenRow>& rows, const ScreenSettings& settings) {
  Grid g;
  std::map<std::string, std::size_t> a_index, b_index, p_index;
  std::set<std::string> present;
  for (const auto& r : rows) present.insert(r.condition.label);
  const auto add_panel = [&](const Condition& c) {
    if (!present.count(c.label) || p_index.count(c.label)) return;
    p_index[c.label] = g.panels.size();
    g.panels.push_back({c.label, panel_title(c, settings.open), c.is_open()});
  };
  for (const auto& c : settings.conditions) add_panel(c);  // the settings' order first
  for (const auto& r : rows) add_panel(r.condition);
  for (const auto& r : rows) {
    if (a_index.emplace(r.a, g.as.size()).second) g.as.push_back(r.a);
    if (b_index.emplace(r.b, g.bs.size()).second) g.bs.push_back(r.b);
  }
  g.cells.assign(g.as.size() * g.bs.size() * g.panels.size(), nullptr);
  for (const auto& r : rows) {
    auto& cell = g.cells[(a_index[r.a] * g.bs.size() + b_index[r.b]) * g.panels.size() + p_index[r.condition.label]];
    if (!cell) cell = &r;
  }
  return g;
}

/// The A rows the figure shows, top to bottom: all in input order, or, for
/// more than kMaxRows, the kShownEach most and least reactive (by their minimum
/// over B and the conditions), most reactive first, with a gap after `split`.
struct Selection {
  std::vector<std::size_t> rows;
  std::size_t split = 0;     // rows before the gap; 0: no gap
  std::size_t ranked = 0;    // A with at least one pair computed
  std::size_t unranked = 0;  // A left out because none of its pairs was computed
  bool truncated = false;
};

Selection select_rows(const Grid& g) {
  Selection s;
  if (g.as.size() <= kMaxRows) {
    for (std::size_t a = 0; a < g.as.size(); ++a) s.rows.push_back(a);
    return s;
  }
  std::vector<std::pair<double, std::size_t>> ranked;
  for (std::size_t a = 0; a < g.as.size(); ++a) {
    std::optional<double> lowest;
    for (std::size_t b = 0; b < g.bs.size(); ++b)
      for (std::size_t p = 0; p < g.panels.size(); ++p)
        if (const ScreenRow* r = g.at(a, b, p); r && r->minimum)
          lowest = std::min(lowest.value_or(r->minimum->energy), r->minimum->energy);
    if (lowest) ranked.emplace_back(*lowest, a);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& p, const auto& q) { return p.first < q.first; });
  s.truncated = true;
  s.ranked = ranked.size();
  s.unranked = g.as.size() - ranked.size();
  for (std::size_t i = 0; i < ranked.size(); ++i)
    if (ranked.size() <= kMaxRows || i < kShownEach || i >= ranked.size() - kShownEach) s.rows.push_back(ranked[i].second);
  if (ranked.size() > kMaxRows) s.split = kShownEach;
  return s;
}

std::string energy_unit(const Panel& p, const std::string& open) {
  return !p.open ? "eV/atom" : p.title.rfind(open + " open", 0) == 0 ? "eV per non-" + open + " atom" : "eV per non-open atom";
}

/// The energy printed in a cell: "0" for no reaction at all, else two decimals ("-0.35", "0.00" for a trace).
std::string cell_value(double e) { return std::abs(e) < tol::kMinimumEnergyTie ? "0" : fixed(e, 2); }

std::string cell_title(const ScreenRow& r, const Panel& p, const std::string& open) {
  std::string t = r.a + " + " + r.b + ", " + p.title;
  if (r.minimum)
    t += "\nE_min = " + svg_number(r.minimum->energy, 4) + " " + energy_unit(p, open) + " at x = " + svg_number(r.minimum->x, 3) +
         "\nproducts: " + product_names(r.minimum->products);
  else
    t += "\nerror: " + r.error;
  return t;
}

}  // namespace

// ---------------------------------------------------------------- the heatmap

std::string svg_screen(const std::vector<ScreenRow>& rows, const ScreenSettings& settings) {
  const Grid g = gather(rows, settings);
  const std::string form = to_string(settings.form), el = settings.open;
  const std::string title = "Minimum " + form + " reaction energy of each pair";
  if (g.panels.empty()) {
    std::string out = svg_open(560, 100);
    text(out, 16, 30, xml_escape(title), "font-size=\"16\" font-weight=\"bold\"");
    text(out, 16, 60, "no rows to show", "font-size=\"12\" font-style=\"italic\"");
    return out + "</svg>\n";
  }
  const Selection sel = select_rows(g);
  const std::size_t na = sel.rows.size(), nb = g.bs.size(), np = g.panels.size();

  // The colour scale over the cells shown.
  double lo = 0, hi = 0;
  bool failed = false, any_open = false, any_closed = false;
  for (std::size_t a : sel.rows)
    for (std::size_t b = 0; b < nb; ++b)
      for (std::size_t p = 0; p < np; ++p)
        if (const ScreenRow* r = g.at(a, b, p)) {
          if (r->minimum) lo = std::min(lo, r->minimum->energy), hi = std::max(hi, r->minimum->energy);
          else failed = true;
        }
  for (const auto& p : g.panels) (p.open ? any_open : any_closed) = true;
  const Scale scale = make_scale(lo, hi);

  // Cells as large as fit kMaxWidth with all panels side by side, up to kMaxCell;
  // panels wrap onto more rows rather than shrink below kWrapCell.
  double row_font = 12;
  double label_w = 0;
  for (std::size_t a : sel.rows) label_w = std::max(label_w, formula_width(g.as[a], row_font));
  const double bar_area = 130;
  const auto width_cell = [&](std::size_t k) {
    const double avail = kMaxWidth - (label_w + 20) - bar_area - static_cast<double>(k - 1) * kPanelGap;
    return avail / static_cast<double>(k * nb);
  };
  std::size_t per_row = np;
  while (per_row > 1 && width_cell(per_row) < kWrapCell) --per_row;
  const double cell =
      std::max(kMinCell, std::floor(std::min({kMaxCell, width_cell(per_row), kMaxGridHeight / static_cast<double>(na)})));
  const std::size_t panel_rows = (np + per_row - 1) / per_row;

  row_font = std::clamp(std::floor(cell * 0.75 * 2) / 2, 8.0, 12.0);
  const double col_font = std::clamp(std::floor(cell * 0.55 * 2) / 2, 8.0, row_font);
  label_w = 0;
  for (std::size_t a : sel.rows) label_w = std::max(label_w, formula_width(g.as[a], row_font));
  const std::string gap_label = "(" + std::to_string(sel.ranked - sel.rows.size()) + " not shown)";
  const double gap_h = sel.split ? std::max(cell, 16.0) : 0;
  if (sel.split) label_w = std::max(label_w, text_width(gap_label, std::min(row_font, 10.0)));

  // Column labels: level if every one fits its cell, else at 45 degrees, else upright.
  double col_w = 0;
  for (const auto& b : g.bs) col_w = std::max(col_w, formula_width(b, col_font));
  enum class Slant { Level, Diagonal, Upright };
  const Slant slant = col_w + 4 <= cell ? Slant::Level : cell >= 1.5 * col_font ? Slant::Diagonal : Slant::Upright;
  const double col_h = slant == Slant::Level ? col_font + 10 : slant == Slant::Diagonal ? col_w * 0.7072 + 0.5 * col_font + 10 : col_w + 12;
  double left = std::ceil(12 + label_w + 8);
  if (slant == Slant::Diagonal) left = std::max(left, std::ceil(col_w * 0.7072 - cell / 2 + 12));

  const double panel_title_font = 13;
  const double grid_w = static_cast<double>(nb) * cell, grid_h = static_cast<double>(na) * cell + gap_h;
  double panel_w = grid_w;
  for (const auto& p : g.panels) panel_w = std::max(panel_w, 1.08 * text_width(p.title, panel_title_font) + 6);
  const double block_h = 26 + grid_h + col_h + 10;
  const double panels_right = left + static_cast<double>(per_row) * panel_w + static_cast<double>(per_row - 1) * kPanelGap;

  // The colour bar beside the first row of panels.
  const double bar_x = panels_right + 26, bar_top = kTop + 26, bar_w = 16;
  const int tick_decimals = plot::tick_decimals(scale.ticks);
  double tick_w = 0;
  for (double t : scale.ticks) tick_w = std::max(tick_w, text_width(svg_number(t, tick_decimals), 11));
  const std::string bar_line1 = any_closed ? "minimum reaction energy (eV/atom)" : "minimum reaction energy";
  const std::string bar_line2 = !any_open ? "" : any_closed ? "with " + el + " open: eV per non-" + el + " atom"
                                                            : "(eV per non-" + el + " atom)";
  // As tall as the panels (within limits), and never shorter than its label.
  const double bar_h = std::max(std::clamp(grid_h, 180.0, 400.0),
                                std::ceil(std::max(text_width(bar_line1, 11), text_width(bar_line2, 11))) + 16);
  const double bar_label_x = bar_x + bar_w + 6 + tick_w + 16;
  const std::string failed_label = "not computed (error)";
  const double right = std::max(bar_label_x + (bar_line2.empty() ? 4 : 18), failed ? bar_x + 20 + text_width(failed_label, 11) : 0);

  // The caption, wrapped to the figure's width.
  const double width = std::ceil(std::max(560.0, right + 14));
  std::vector<std::string> notes;
  std::string unit = any_closed && any_open ? "eV per atom of the mixture (closed) or per non-" + el + " atom (" + el +
                                                  " open at the voltage, V vs " + el + "/" + el + "+)"
                     : any_closed           ? "eV per atom of the mixture"
                                            : "eV per non-" + el + " atom (" + el + " open at the voltage, V vs " + el + "/" + el + "+)";
  notes.push_back("Colour: the minimum over the mixing ratio of the " + form + " reaction energy of A (row) and B (column), " + unit + ".");
  const double value_font = cell >= 36 ? 10 : 9;
  const bool values = cell >= 28 && text_width("-0.00", value_font) + 4 <= cell;
  if (values) notes.push_back("Numbers: the energy to 0.01; 0 where A and B do not react at all, 0.00 where they react by less than 0.005.");
  if (failed) notes.push_back("Hatched: pairs that could not be computed; the cell's tooltip gives the error.");
  if (sel.truncated) {
    const std::string by = np > 1 ? "their minimum over B and the conditions" : "their minimum over B";
    std::string note = sel.split ? "Showing the " + std::to_string(kShownEach) + " most and the " + std::to_string(kShownEach) +
                                       " least reactive of " + std::to_string(sel.ranked) + " materials A, ranked by " + by +
                                       ", most reactive first; the " + std::to_string(sel.ranked - sel.rows.size()) +
                                       " between them are not shown."
                                 : "Materials A ranked by " + by + ", most reactive first.";
    if (sel.unranked > 0)
      note += " Left out: " + std::to_string(sel.unranked) + (sel.unranked == 1 ? " material" : " materials") +
              " A with no pair computed.";
    notes.push_back(note);
  }
  std::vector<std::string> caption;
  for (const auto& note : notes)
    for (auto& l : wrap(note, width - 28, kCaptionFont)) caption.push_back(std::move(l));

  const double panels_bottom = kTop + static_cast<double>(panel_rows) * block_h;
  const double bar_bottom = bar_top + bar_h + (failed ? 44 : 10);
  const double caption_top = std::max(panels_bottom, bar_bottom) + 6;
  const double height = std::ceil(caption_top + static_cast<double>(caption.size()) * kCaptionLine + 8);

  std::string out = svg_open(width, height);
  out += "<defs>\n"
         "<pattern id=\"screen-failed\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
         "<rect x=\"0\" y=\"0\" width=\"6\" height=\"6\" fill=\"#e0e0e0\"/>"
         "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8a8a8a\" stroke-width=\"2.2\"/></pattern>\n"
         "<linearGradient id=\"screen-scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">";
  // The bar's gradient passes through the same anchors the cells are coloured from.
  std::vector<std::pair<double, std::string>> stops;
  const std::size_t kn = std::size(kNegative), kp = std::size(kPositive);
  if (scale.lo < 0)
    for (std::size_t i = kn; i-- > 0;)
      stops.emplace_back(scale.lo * static_cast<double>(i) / static_cast<double>(kn - 1), plot::hex(kNegative[i]));
  if (scale.hi > 0)
    for (std::size_t i = scale.lo < 0 ? 1 : 0; i < kp; ++i)
      stops.emplace_back(scale.hi * static_cast<double>(i) / static_cast<double>(kp - 1), plot::hex(kPositive[i]));
  for (const auto& [v, c] : stops)
    out += "<stop offset=\"" + svg_number((v - scale.lo) / (scale.hi - scale.lo), 4) + "\" stop-color=\"" + c + "\"/>";
  out += "</linearGradient>\n</defs>\n";

  text(out, 14, 26, xml_escape(title), "font-size=\"16\" font-weight=\"bold\"");
  std::string subtitle = "A (rows) against B (columns), one panel per condition";
  if (!settings.dataset.empty()) subtitle += "; data set " + settings.dataset;
  text(out, 14, 44, xml_escape(subtitle), "font-size=\"12\" fill=\"#444444\"");

  for (std::size_t p = 0; p < np; ++p) {
    const Panel& panel = g.panels[p];
    const std::size_t pr = p / per_row, pc = p % per_row;
    const double px = left + static_cast<double>(pc) * (panel_w + kPanelGap);
    const double gx = px + (panel_w - grid_w) / 2, gy = kTop + static_cast<double>(pr) * block_h + 26;
    const auto row_y = [&](std::size_t i) { return gy + static_cast<double>(i) * cell + (sel.split && i >= sel.split ? gap_h : 0); };
    text(out, px + panel_w / 2, gy - 9, xml_escape(panel.title),
         "class=\"panel-title\" font-size=\"" + n(panel_title_font) + "\" font-weight=\"bold\" text-anchor=\"middle\"");

    for (std::size_t i = 0; i < na; ++i) {
      const std::size_t a = sel.rows[i];
      for (std::size_t b = 0; b < nb; ++b) {
        const ScreenRow* r = g.at(a, b, p);
        if (!r) continue;
        const double x = gx + static_cast<double>(b) * cell, y = row_y(i);
        const std::string fill = r->minimum ? scale.fill(r->minimum->energy) : "url(#screen-failed)";
        out += "<rect class=\"cell\" x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"" + n(cell) + "\" height=\"" + n(cell) +
               "\" fill=\"" + fill + "\" stroke=\"#ffffff\" stroke-width=\"" + (cell >= 16 ? "1" : "0.5") + "\"><title>" +
               xml_escape(cell_title(*r, panel, el)) + "</title></rect>\n";
        if (values && r->minimum)
          text(out, x + cell / 2, y + cell / 2 + 0.36 * value_font, cell_value(r->minimum->energy),
               "class=\"cell-value\" font-size=\"" + n(value_font) + "\" text-anchor=\"middle\" fill=\"" + svg_ink_on(fill) +
                   "\" pointer-events=\"none\"");
      }
    }
    // Frames around the blocks of rows, and the gap between them.
    const auto frame = [&](std::size_t from, std::size_t to) {
      if (from >= to) return;
      out += "<rect x=\"" + n(gx) + "\" y=\"" + n(row_y(from)) + "\" width=\"" + n(grid_w) + "\" height=\"" +
             n(static_cast<double>(to - from) * cell) + "\" fill=\"none\" stroke=\"#8c8c8c\" stroke-width=\"0.8\"/>\n";
    };
    frame(0, sel.split ? sel.split : na);
    if (sel.split) {
      frame(sel.split, na);
      const double y = row_y(sel.split) - gap_h / 2;
      out += "<line x1=\"" + n(gx) + "\" y1=\"" + n(y) + "\" x2=\"" + n(gx + grid_w) + "\" y2=\"" + n(y) +
             "\" stroke=\"#8c8c8c\" stroke-width=\"1\" stroke-dasharray=\"2,3\"/>\n";
    }

    // Row labels left of the first panel of each row of panels.
    if (pc == 0) {
      for (std::size_t i = 0; i < na; ++i)
        text(out, gx - 6, row_y(i) + cell / 2 + 0.35 * row_font, formula_markup(g.as[sel.rows[i]], row_font),
             "class=\"row-label\" font-size=\"" + n(row_font) + "\" text-anchor=\"end\"");
      if (sel.split)
        text(out, gx - 6, row_y(sel.split) - gap_h / 2 + 4, xml_escape(gap_label),
             "class=\"gap-label\" font-size=\"" + n(std::min(row_font, 10.0)) + "\" font-style=\"italic\" fill=\"#555555\" text-anchor=\"end\"");
    }
    // Column labels under every panel.
    const double base = gy + grid_h;
    for (std::size_t b = 0; b < nb; ++b) {
      const double cx = gx + (static_cast<double>(b) + 0.5) * cell;
      const std::string attrs = "class=\"col-label\" font-size=\"" + n(col_font) + "\"";
      const std::string markup = formula_markup(g.bs[b], col_font);
      if (slant == Slant::Level) {
        text(out, cx, base + col_font + 5, markup, attrs + " text-anchor=\"middle\"");
      } else {
        const double shift = slant == Slant::Diagonal ? 0.3 * col_font : 0.35 * col_font;
        const double x = cx + shift, y = base + 6 + (slant == Slant::Diagonal ? 0.25 * col_font : 0);
        out += "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" transform=\"rotate(" + (slant == Slant::Diagonal ? "-45" : "-90") +
               " " + n(x) + " " + n(y) + ")\" " + attrs + " text-anchor=\"end\">" + markup + "</text>\n";
      }
    }
  }

  // The colour bar: top is the highest energy (0 when nothing is positive).
  out += "<rect class=\"colorbar\" x=\"" + n(bar_x) + "\" y=\"" + n(bar_top) + "\" width=\"" + n(bar_w) + "\" height=\"" + n(bar_h) +
         "\" fill=\"url(#screen-scale)\" stroke=\"#8c8c8c\" stroke-width=\"0.8\"/>\n";
  for (double t : scale.ticks) {
    const double y = bar_top + (scale.hi - t) / (scale.hi - scale.lo) * bar_h;
    out += "<line x1=\"" + n(bar_x + bar_w) + "\" y1=\"" + n(y) + "\" x2=\"" + n(bar_x + bar_w + 4) + "\" y2=\"" + n(y) +
           "\" stroke=\"#333333\" stroke-width=\"1\"/>\n";
    text(out, bar_x + bar_w + 6, y + 4, svg_number(t, tick_decimals), "class=\"tick-colorbar\" font-size=\"11\"");
  }
  const double mid = bar_top + bar_h / 2;
  const auto upright = [&](double x, const std::string& s) {
    out += "<text x=\"" + n(x) + "\" y=\"" + n(mid) + "\" transform=\"rotate(-90 " + n(x) + " " + n(mid) +
           ")\" class=\"colorbar-label\" font-size=\"11\" text-anchor=\"middle\">" + xml_escape(s) + "</text>\n";
  };
  upright(bar_label_x, bar_line1);
  if (!bar_line2.empty()) upright(bar_label_x + 14, bar_line2);
  if (failed) {
    const double y = bar_top + bar_h + 18;
    out += "<rect class=\"legend-failed\" x=\"" + n(bar_x) + "\" y=\"" + n(y) + "\" width=\"14\" height=\"14\" "
           "fill=\"url(#screen-failed)\" stroke=\"#8c8c8c\" stroke-width=\"0.8\"/>\n";
    text(out, bar_x + 20, y + 11, xml_escape(failed_label), "font-size=\"11\"");
  }

  for (std::size_t i = 0; i < caption.size(); ++i)
    text(out, 14, caption_top + 11 + static_cast<double>(i) * kCaptionLine, xml_escape(caption[i]),
         "class=\"note\" font-size=\"" + n(kCaptionFont) + "\" fill=\"#333333\"");
  return out + "</svg>\n";
}

// ---------------------------------------------------------------- the page

std::string html_screen(const std::vector<ScreenRow>& rows, const ScreenSettings& settings) {
  const std::string form = to_string(settings.form);
  const std::string title = "Screen: minimum " + form + " reaction energy of each pair";
  std::size_t errors = 0;
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& r : rows) {
    errors += !r.minimum;
    pairs.emplace(r.a, r.b);
  }
  std::string conditions;
  for (const auto& c : settings.conditions) conditions += (conditions.empty() ? "" : "; ") + panel_title(c, settings.open);
  if (conditions.empty()) conditions = "closed";

  std::string out =
      html_page_start(title) +
      "td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
      "tr.failed td { color: #a01010; }\n"
      "</style>\n</head>\n<body>\n<h1>" + xml_escape(title) + "</h1>\n<dl class=\"settings\">\n";
  const auto item = [&](const std::string& key, const std::string& value) {
    out += "<dt>" + xml_escape(key) + "</dt><dd>" + xml_escape(value) + "</dd>\n";
  };
  const bool any_open = std::any_of(settings.conditions.begin(), settings.conditions.end(), [](const Condition& c) { return c.is_open(); });
  item("energy", settings.form == EnergyForm::Mutual
                     ? form + " (each reactant at the hull energy of its composition: its own decomposition left out)"
                     : form + " (each reactant at its own lowest entry" +
                           (settings.source == ReactantEnergy::Hull && any_open ? "; with an element open, at its closed hull energy" : "") +
                           ")");
  item("conditions", conditions);
  item("open element", settings.open + " (at a condition's voltage V vs " + settings.open + "/" + settings.open + "+: mu(" +
                           settings.open + ") - mu(" + settings.open + " metal) = -V eV)");
  item("electrochemical windows", settings.windows ? "yes" : "no");
  item("data set", settings.dataset.empty() ? "-" : settings.dataset);
  if (settings.dataset_entries > 0) item("entries", std::to_string(settings.dataset_entries));
  if (!settings.dataset_source.empty()) item("source file", settings.dataset_source);
  if (!settings.dataset_sha256.empty()) item("file sha256", settings.dataset_sha256);
  if (!settings.dataset_content_hash.empty()) item("content hash", settings.dataset_content_hash);
  item("rows", std::to_string(rows.size()) + " (" + std::to_string(pairs.size()) + " pairs; " + std::to_string(rows.size() - errors) +
                   " computed, " + std::to_string(errors) + " with an error)");
  out += "</dl>\n<h2>Heatmap</h2>\n<figure>\n";
  // The SVG inline: without its XML declaration and DOCTYPE.
  std::string svg = svg_screen(rows, settings);
  svg.erase(0, svg.find("<svg"));
  out += svg + "</figure>\n<h2>Pairs, most reactive first</h2>\n<p>" + xml_escape(screen_units(settings)) +
         " Failed rows last, with their error.</p>\n<table class=\"ranked\">\n<thead><tr>";
  const ScreenTable t = screen_ranked(rows, settings);
  const auto numeric = [&](std::size_t column) {
    const std::string& h = t.header[column];
    return h == "rank" || h == "E_min" || h == "x";
  };
  for (const auto& h : t.header) out += "<th>" + xml_escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    out += t.order[i]->minimum ? "<tr>" : "<tr class=\"failed\">";
    for (std::size_t c = 0; c < t.rows[i].size(); ++c)
      out += (numeric(c) ? "<td class=\"num\">" : "<td>") + xml_escape(t.rows[i][c]) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</body>\n</html>\n";
  return out;
}

}  // namespace interphase
