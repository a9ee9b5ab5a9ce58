#include "interphase/report/svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "interphase/report/plot_style.hpp"
#include "interphase/report/table.hpp"
#include "interphase/tolerances.hpp"

namespace interphase {
namespace {

constexpr double kWidth = 800, kHeight = 500;
struct Area {
  double left, right, top, bottom;
};
constexpr Area kLinePlot{80, 775, 62, 430};  // sweep
constexpr Area kMapPlot{62, 430, 48, 430};   // the legend takes the right-hand side
constexpr double kLabelFont = 9;
constexpr std::size_t kNamedSets = 20;

std::string n(double v) { return svg_number(v, 4); }
/// `v` with exactly `decimals` decimals (table columns line up), "-0.0000" as "0.0000".
std::string fixed(double v, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  std::string s = buffer;
  return s.find_first_not_of("-0.") == std::string::npos && s[0] == '-' ? s.substr(1) : s;
}
std::string symbol(int z) { return std::string(element(z).symbol); }
/// Rough width of sans-serif text (formulas are mostly letters and digits): 0.6 em a glyph.
double text_width(const std::string& s, double font) { return plot::text_width(s, font, plot::Glyphs::Uniform); }

void text(std::string& out, double x, double y, const std::string& s, const std::string& extra = "") {
  out += "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\"" + (extra.empty() ? "" : " " + extra) + ">" + xml_escape(s) + "</text>\n";
}
void line(std::string& out, double x1, double y1, double x2, double y2, const std::string& style) {
  out += "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" " + style + "/>\n";
}
std::string diamond(double x, double y, double s, const std::string& extra) {
  return "<polygon points=\"" + n(x) + "," + n(y - s) + " " + n(x + s) + "," + n(y) + " " + n(x) + "," + n(y + s) + " " +
         n(x - s) + "," + n(y) + "\" " + extra + "/>\n";
}

std::string open_svg() { return svg_open(kWidth, kHeight); }

SvgAxis make_axis(double lo, double hi, double px_lo, double px_hi, bool snap) {
  SvgAxis a;
  if (!(hi - lo > tol::kPlotDegenerateRange)) hi = lo + 1;
  a.px_lo = px_lo;
  a.px_hi = px_hi;
  const std::vector<double> ticks = nice_ticks(lo, hi, 5);
  a.lo = snap ? ticks.front() : lo;
  a.hi = snap ? ticks.back() : hi;
  const double eps = tol::kPlotSlack * (a.hi - a.lo);
  for (double t : ticks)
    if (t >= a.lo - eps && t <= a.hi + eps) a.ticks.push_back(t);
  return a;
}

/// Light grid lines at the ticks (drawn under the data).
void grid(std::string& out, const SvgFrame& f, const Area& p) {
  for (double v : f.x.ticks) line(out, f.x.to_px(v), p.top, f.x.to_px(v), p.bottom, "stroke=\"#e4e4e4\" stroke-width=\"1\"");
  for (double v : f.y.ticks) line(out, p.left, f.y.to_px(v), p.right, f.y.to_px(v), "stroke=\"#e4e4e4\" stroke-width=\"1\"");
}

/// The plot's frame, and tick marks outside it with their labels (`font` px; the
/// x labels' baseline `x_drop` px below the frame).
void frame_and_ticks(std::string& out, const SvgFrame& f, const Area& p, double font, double x_drop) {
  out += "<rect x=\"" + n(p.left) + "\" y=\"" + n(p.top) + "\" width=\"" + n(p.right - p.left) + "\" height=\"" +
         n(p.bottom - p.top) + "\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n";
  const int dx = plot::tick_decimals(f.x.ticks), dy = plot::tick_decimals(f.y.ticks);
  for (double v : f.x.ticks) {
    line(out, f.x.to_px(v), p.bottom, f.x.to_px(v), p.bottom + 5, "stroke=\"#333333\"");
    text(out, f.x.to_px(v), p.bottom + x_drop, svg_number(v, dx),
         "class=\"tick-x\" font-size=\"" + n(font) + "\" text-anchor=\"middle\"");
  }
  for (double v : f.y.ticks) {
    line(out, p.left - 5, f.y.to_px(v), p.left, f.y.to_px(v), "stroke=\"#333333\"");
    text(out, p.left - 8, f.y.to_px(v) + 4, svg_number(v, dy), "class=\"tick-y\" font-size=\"" + n(font) + "\" text-anchor=\"end\"");
  }
}

void formula_text(std::string& out, double x, double y, const std::string& s, double font, const std::string& extra);

/// Frame, tick marks and labels, axis titles and the plot title (drawn over the data).
void axes(std::string& out, const SvgFrame& f, const Area& p, const std::string& title, const std::string& x_title,
          const std::string& y_title) {
  frame_and_ticks(out, f, p, 11, 18);
  formula_text(out, (p.left + p.right) / 2, p.bottom + 40, x_title, 13, "class=\"x-title\" text-anchor=\"middle\"");
  const double ty = (p.top + p.bottom) / 2;
  out += "<text x=\"0\" y=\"0\" transform=\"translate(" + n(p.left - 50) + "," + n(ty) +
         ") rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">" + xml_escape(y_title) + "</text>\n";
  formula_text(out, p.left, 24, title, 15, "class=\"title\" font-weight=\"bold\"");
}

/// Colour from hue (degrees), saturation and lightness in [0, 1].
std::string hsl(double h, double s, double l) {
  const double c = (1 - std::abs(2 * l - 1)) * s, hp = h / 60, x = c * (1 - std::abs(std::fmod(hp, 2.0) - 1));
  double r = 0, g = 0, b = 0;
  if (hp < 1) r = c, g = x;
  else if (hp < 2) r = x, g = c;
  else if (hp < 3) g = c, b = x;
  else if (hp < 4) g = x, b = c;
  else if (hp < 5) r = x, b = c;
  else r = c, b = x;
  const double m = l - c / 2;
  return plot::hex({255 * (r + m), 255 * (g + m), 255 * (b + m)});
}

/// Palette for product sets ranked by area: 20 distinct strong colours, then pale
/// tints around the colour wheel, all different.
std::vector<std::string> palette(std::size_t count) {
  static const char* strong[kNamedSets] = {"#4363d8", "#e6194b", "#3cb44b", "#ffe119", "#f58231", "#911eb4", "#42d4f4",
                                           "#f032e6", "#bfef45", "#469990", "#9a6324", "#800000", "#808000", "#000075",
                                           "#fabed4", "#dcbeff", "#aaffc3", "#ffd8b1", "#fffac8", "#a9a9a9"};
  std::vector<std::string> out;
  std::set<std::string> used;
  for (std::size_t i = 0; i < count; ++i) {
    std::string c;
    if (i < kNamedSets) {
      c = strong[i];
    } else {
      const double h = std::fmod(137.508 * static_cast<double>(i), 360.0);
      double l = 0.74 + 0.04 * static_cast<double>(i % 4);
      for (c = hsl(h, 0.25, l); used.count(c) && l < 0.97; c = hsl(h, 0.25, l)) l += 0.004;
    }
    used.insert(c);
    out.push_back(c);
  }
  return out;
}

struct Box {
  double x0, y0, x1, y1;
};

/// Where a w x h label of the kink at (px, py) goes: above the curve, clear of
/// the `placed` labels, as near the kink as it can be: towards `side` (1 right,
/// -1 left) sideways, then higher up, then on either side.
/// dE is monotone between kinks, so over [a, b] the curve is highest at a, b or a
/// kink between them, and everything above that point is free of the curve.
Box place_label(const InterfaceReaction& r, const SvgFrame& f, const Area& p, const std::vector<Box>& placed, double px,
                double py, double w, double h, double side) {
  const auto curve_top = [&](double a, double b) {
    a = std::clamp(f.x.from_px(a), 0.0, 1.0), b = std::clamp(f.x.from_px(b), 0.0, 1.0);
    double e = std::max(r.energy_at(a), r.energy_at(b));
    for (const auto& k : r.kinks())
      if (k.x > a && k.x < b) e = std::max(e, k.energy);
    return f.y.to_px(e);
  };
  const auto hit = [&](const Box& b) -> const Box* {
    for (const Box& o : placed)
      if (b.x0 < o.x1 + 2 && o.x0 < b.x1 + 2 && b.y0 < o.y1 + 2 && o.y0 < b.y1 + 2) return &o;
    return nullptr;
  };
  // On `side` only (first level, then climbing over the labels in the way), then on either side.
  for (const auto& [both, climb] : {std::pair{false, false}, {false, true}, {true, false}, {true, true}}) {
    for (double shift : {0.0, 0.6, -0.6, 1.2, -1.2, 1.8, -1.8, 2.4, -2.4, 3.0, -3.0}) {
      if (!both && shift < 0) continue;
      const double x0 = std::clamp(px + (side * shift - 0.5) * w, p.left + 2, p.right - 2 - w);
      const double bottom = std::min(curve_top(x0 - 5, x0 + w + 5), py) - 7;
      Box b{x0, bottom - h, x0 + w, bottom};
      for (const Box* o = hit(b); climb && o; o = hit(b)) b.y1 = o->y0 - 3, b.y0 = b.y1 - h;
      if (!hit(b) && b.y0 >= p.top + 2) return b;
    }
  }
  const double x0 = std::clamp(px - w / 2, p.left + 2, p.right - 2 - w);  // no room: overlap rather than clip
  return {x0, p.top + 2, x0 + w, p.top + 2 + h};
}

}  // namespace

double SvgAxis::to_px(double value) const { return px_lo + (value - lo) / (hi - lo) * (px_hi - px_lo); }
double SvgAxis::from_px(double px) const { return lo + (px - px_lo) / (px_hi - px_lo) * (hi - lo); }

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo <= tol::kPlotDegenerateRange * std::max(std::abs(lo), std::abs(hi))) {
    const double unit = lo == 0 ? 1.0 : std::pow(10.0, std::floor(std::log10(std::abs(lo))));
    lo -= unit;
    hi += unit;
  }
  const double raw = (hi - lo) / std::max(target, 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  const double m = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  // Tick i is i * m * mag; below 1, divide by the exact integer 1 / mag so that 0.3 prints as 0.3.
  const double inverse = mag < 1 ? std::round(1 / mag) : 0;
  const auto tick = [&](long i) { return inverse > 0 ? static_cast<double>(i) * m / inverse : static_cast<double>(i) * m * mag; };
  const double step = m * mag;
  std::vector<double> out;
  for (long i = std::lround(std::floor(lo / step + tol::kPlotSlack)); i <= std::lround(std::ceil(hi / step - tol::kPlotSlack)); ++i)
    out.push_back(tick(i));
  return out;
}

std::string svg_number(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string svg_open(double width, double height) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
         "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + n(width) + "\" height=\"" + n(height) +
         "\" viewBox=\"0 0 " + n(width) + " " + n(height) + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
         "<rect x=\"0\" y=\"0\" width=\"" + n(width) + "\" height=\"" + n(height) + "\" fill=\"#ffffff\"/>\n";
}

std::string svg_ink_on(const std::string& fill) {
  const auto channel = [&](int i) { return std::stoi(fill.substr(1 + 2 * i, 2), nullptr, 16) / 255.0; };
  return 0.299 * channel(0) + 0.587 * channel(1) + 0.114 * channel(2) > 0.55 ? "#000000" : "#ffffff";
}

// ---------------------------------------------------------------- reaction

namespace {

/// The reaction plot: the title and its conditions above, the legend and the kink table below.
constexpr Area kReactionPlot{80, 775, 62, 392};
constexpr double kNumberFont = 10, kTableFont = 11, kTableLine = 15;
/// Columns of the kink table: the right edges of "#", "x" and "E", the left edge of the products.
constexpr double kColNumber = 100, kColX = 160, kColEnergy = 330, kColProducts = 350;

/// "eV/atom", or "eV per non-Li atom" with Li open.
std::string energy_unit(const ReactionContext& ctx) {
  if (ctx.open.empty()) return "eV/atom";
  std::string els;
  for (const auto& [el, mu] : ctx.open) els += (els.empty() ? "" : "/") + el;
  return "eV per non-" + els + " atom";
}

/// "closed", "Li open at 3 V vs Li/Li+", "O open at μ(O) = -1.5 eV", or a cycling window's worst case.
std::string condition_words(const ReactionContext& ctx) {
  if (ctx.range) {
    const std::string& el = ctx.range->element;
    return el + " open over " + svg_number(ctx.range->range.from) + "\u2013" + svg_number(ctx.range->range.to) + " V vs " + el +
           "/" + el + "+, worst case at " + svg_number(ctx.range->voltage, 3) + " V";
  }
  if (ctx.open.empty()) return "closed";
  std::string out;
  for (const auto& [el, mu] : ctx.open)
    out += (out.empty() ? "" : ", ") + (el == "Li" ? "Li open at " + svg_number(-mu) + " V vs Li/Li+"
                                                   : el + " open at \u03bc(" + el + ") = " + svg_number(mu) + " eV");
  return out;
}

/// `s` (formulas in it with subscripts) as a <text> element.
void formula_text(std::string& out, double x, double y, const std::string& s, double font, const std::string& extra) {
  out += "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" font-size=\"" + n(font) + "\" xml:space=\"preserve\" " + extra + ">" +
         plot::formula_markup(s, font) + "</text>\n";
}

/// Product names joined by " + ", cut into lines no wider than `room` px.
std::vector<std::string> product_lines(const Kink& k, double room) {
  std::vector<std::string> lines;
  for (const auto& [name, fraction] : k.products) {
    if (lines.empty()) {
      lines.push_back(name);
    } else if (plot::formula_width(lines.back() + " + " + name, kTableFont, plot::Glyphs::Proportional) <= room) {
      lines.back() += " + " + name;
    } else {
      lines.back() += " +";
      lines.push_back(name);
    }
  }
  return lines;
}

/// The numbers beside the kinks: the minimum's first, then from the highest kink down,
/// each above the curve and clear of the others (a short leader line when it had to move away).
void kink_numbers(std::string& out, const InterfaceReaction& r, const SvgFrame& f, const Area& p) {
  const auto& kinks = r.kinks();
  const Kink& minimum = r.minimum();
  std::vector<std::size_t> order(kinks.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    const bool mi = &kinks[i] == &minimum, mj = &kinks[j] == &minimum;
    return mi != mj ? mi : kinks[i].energy > kinks[j].energy;
  });
  std::vector<Box> placed;
  for (std::size_t i : order) {
    const Kink& k = kinks[i];
    const std::string label = std::to_string(i + 1);
    const double w = text_width(label, kNumberFont) + 4, h = kNumberFont + 3;
    const double px = f.x.to_px(k.x), py = f.y.to_px(k.energy);
    // Sideways away from the nearest number already placed, so that neighbours keep their order.
    double side = 1, nearest = 3 * w;
    for (const Box& o : placed) {
      const double c = 0.5 * (o.x0 + o.x1);
      if (std::abs(c - px) < nearest) nearest = std::abs(c - px), side = px < c ? -1 : 1;
    }
    const Box box = place_label(r, f, p, placed, px, py, w, h, side);
    placed.push_back(box);
    const double lx = std::clamp(px, box.x0 + 1, box.x1 - 1);
    if (std::hypot(lx - px, box.y1 - py) > 12)
      line(out, px, py - 4, lx, box.y1, "class=\"leader\" stroke=\"#8c8c8c\" stroke-width=\"0.7\"");
    text(out, 0.5 * (box.x0 + box.x1), box.y1 - 3, label,
         "class=\"kink-number\" font-size=\"" + n(kNumberFont) + "\" text-anchor=\"middle\"" +
             (&k == &minimum ? " fill=\"#c01c28\" font-weight=\"bold\"" : " fill=\"#222222\""));
  }
}

/// The legend under the x axis from `y` (items side by side while they fit); returns the y below it.
double reaction_legend(std::string& out, const InterfaceReaction& r, const ReactionContext& ctx, const Kink& composite, double y) {
  const Kink& minimum = r.minimum();
  const std::string unit = energy_unit(ctx);
  const std::size_t m = static_cast<std::size_t>(&minimum - r.kinks().data()) + 1;
  const std::vector<std::pair<std::string, std::string>> items{
      {"kink", "kinks, numbered as in the table below"},
      {"minimum", "minimum (kink " + std::to_string(m) + "): " + svg_number(minimum.energy) + " " + unit + " at x = " +
                      svg_number(minimum.x, 3)},
      {"composite", svg_number(100 * ctx.composite_mass_fraction, 2) + " wt% " + r.a().formula + ": " +
                        svg_number(composite.energy) + " " + unit + " at x = " + svg_number(composite.x, 3)}};
  double x = kReactionPlot.left;
  for (const auto& [kind, words] : items) {
    const double w = 16 + plot::formula_width(words, 11, plot::Glyphs::Proportional);
    if (x > kReactionPlot.left && x + w > kWidth - 10) x = kReactionPlot.left, y += 18;
    if (kind == "kink")
      out += "<circle cx=\"" + n(x + 5) + "\" cy=\"" + n(y - 4) + "\" r=\"3.5\" fill=\"#ffffff\" stroke=\"#1f4e9c\" stroke-width=\"1.5\"/>\n";
    else if (kind == "minimum")
      out += "<circle cx=\"" + n(x + 5) + "\" cy=\"" + n(y - 4) + "\" r=\"5.5\" fill=\"none\" stroke=\"#c01c28\" stroke-width=\"2\"/>\n";
    else
      out += diamond(x + 5, y - 4, 5, "fill=\"#e66100\" stroke=\"#333333\" stroke-width=\"1\"");
    formula_text(out, x + 16, y, words, 11, "class=\"legend-" + kind + "\"");
    x += w + 22;
  }
  return y + 10;
}

/// The kink table from `y`: number, x, energy and products of each kink, the minimum's row
/// highlighted; returns the y below it.
double kink_table(std::string& out, const InterfaceReaction& r, const ReactionContext& ctx, double y) {
  const std::string head = "font-size=\"" + n(kTableFont) + "\" font-weight=\"bold\"";
  y += 16;
  text(out, kColNumber, y, "#", head + " text-anchor=\"end\"");
  text(out, kColX, y, "x", head + " text-anchor=\"end\"");
  text(out, kColEnergy, y, "E (" + energy_unit(ctx) + ")", head + " text-anchor=\"end\"");
  text(out, kColProducts, y, "products", head);
  line(out, kReactionPlot.left, y + 5, kWidth - 20, y + 5, "stroke=\"#999999\" stroke-width=\"0.8\"");
  y += 5;
  const Kink& minimum = r.minimum();
  for (std::size_t i = 0; i < r.kinks().size(); ++i) {
    const Kink& k = r.kinks()[i];
    const bool is_min = &k == &minimum;
    const auto lines = product_lines(k, kWidth - 20 - kColProducts);
    const double h = kTableLine * static_cast<double>(lines.size());
    if (is_min)
      out += "<rect x=\"" + n(kReactionPlot.left) + "\" y=\"" + n(y + 2) + "\" width=\"" + n(kWidth - 20 - kReactionPlot.left) +
             "\" height=\"" + n(h) + "\" fill=\"#fbe3e4\"/>\n";
    const double base = y + kTableLine - 2;
    const std::string style = "font-size=\"" + n(kTableFont) + "\"" + (is_min ? " font-weight=\"bold\" fill=\"#a51d2d\"" : "");
    text(out, kColNumber, base, std::to_string(i + 1), "class=\"table-number\" " + style + " text-anchor=\"end\"");
    text(out, kColX, base, fixed(k.x, 4), "class=\"table-x\" " + style + " text-anchor=\"end\"");
    text(out, kColEnergy, base, fixed(k.energy, 4), "class=\"table-energy\" " + style + " text-anchor=\"end\"");
    for (std::size_t j = 0; j < lines.size(); ++j)
      formula_text(out, kColProducts, base + kTableLine * static_cast<double>(j), lines[j], kTableFont,
                   "class=\"table-products\"" + std::string(is_min ? " font-weight=\"bold\" fill=\"#a51d2d\"" : ""));
    y += h;
  }
  return y;
}

/// The height of the reaction plot: the plot, its legend and one row of the table per kink (more for long product lists).
double reaction_height(const InterfaceReaction& r, double legend_bottom) {
  double rows = 0;
  for (const auto& k : r.kinks()) rows += static_cast<double>(product_lines(k, kWidth - 20 - kColProducts).size());
  return legend_bottom + 21 + kTableLine * rows + 14;
}

}  // namespace

SvgFrame svg_reaction_frame(const InterfaceReaction& r) {
  const Area& p = kReactionPlot;
  SvgFrame f;
  f.x = make_axis(0, 1, p.left, p.right, true);
  double lo = 0, hi = 0, highest = r.kinks().empty() ? 0 : r.kinks().front().energy;
  for (const auto& k : r.kinks()) {
    lo = std::min(lo, k.energy);
    hi = std::max(hi, k.energy);
    highest = std::max(highest, k.energy);
  }
  const double span = hi - lo > tol::kPlotSlack ? hi - lo : 0.1;
  lo -= 0.06 * span;
  // Room above the highest kink for its number: pad px of the plot's height (0 stays in view).
  const double height = p.bottom - p.top, pad = kNumberFont + 3 + 14, share = pad / height;
  double top = std::max(hi, highest + share / (1 - share) * (highest - lo));
  for (int i = 0; i < 8; ++i) {
    f.y = make_axis(lo, top, p.bottom, p.top, true);
    if ((f.y.hi - highest) / (f.y.hi - f.y.lo) * height >= pad) break;
    top = f.y.hi + 0.5 * (f.y.ticks[1] - f.y.ticks[0]);
  }
  return f;
}

std::string svg_reaction(const InterfaceReaction& r, const ReactionContext& ctx) {
  const Area& p = kReactionPlot;
  const SvgFrame f = svg_reaction_frame(r);
  const auto& kinks = r.kinks();
  const Kink composite = composite_point(r, ctx.composite_mass_fraction);
  // The legend's rows first (the height depends on them): drawn into a scratch string.
  std::string legend;
  const double legend_bottom = reaction_legend(legend, r, ctx, composite, p.bottom + 66);
  std::string out = svg_open(kWidth, reaction_height(r, legend_bottom));
  grid(out, f, p);
  if (f.y.lo < 0 && f.y.hi > 0) line(out, p.left, f.y.to_px(0), p.right, f.y.to_px(0), "stroke=\"#999999\" stroke-width=\"1\"");

  // The composite: a dashed drop line under its marker.
  const double xc = composite.x, ec = composite.energy;
  line(out, f.x.to_px(xc), p.bottom, f.x.to_px(xc), f.y.to_px(ec),
       "stroke=\"#e66100\" stroke-width=\"1\" stroke-dasharray=\"4,3\"");

  // The curve: straight between kinks, except with open elements of different
  // content in A and B, where x is not linear in the position on the line.
  std::string points;
  const auto add = [&](double x, double e) {
    if (!points.empty()) points += ' ';
    points += n(f.x.to_px(x)) + "," + n(f.y.to_px(e));
  };
  for (std::size_t i = 0; i < kinks.size(); ++i) {
    add(kinks[i].x, kinks[i].energy);
    if (i + 1 == kinks.size()) break;
    const Kink &k0 = kinks[i], &k1 = kinks[i + 1];
    const double mid = 0.5 * (k0.x + k1.x);
    if (std::abs(f.y.to_px(r.energy_at(mid)) - f.y.to_px(0.5 * (k0.energy + k1.energy))) < 0.05) continue;
    const double t0 = r.position_from_x(k0.x), t1 = r.position_from_x(k1.x);
    for (int s = 1; s < 24; ++s) {
      const double x = std::clamp(r.x_from_position(t0 + (t1 - t0) * s / 24.0), 0.0, 1.0);
      add(x, r.energy_at(x));
    }
  }
  out += "<polyline class=\"curve\" points=\"" + points + "\" fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"2\"/>\n";
  kink_numbers(out, r, f, p);

  // Markers over everything else.
  const Kink& minimum = r.minimum();
  for (const auto& k : kinks)
    out += "<circle class=\"kink\" cx=\"" + n(f.x.to_px(k.x)) + "\" cy=\"" + n(f.y.to_px(k.energy)) +
           "\" r=\"3.5\" fill=\"#ffffff\" stroke=\"#1f4e9c\" stroke-width=\"1.5\"/>\n";
  out += "<circle class=\"minimum\" cx=\"" + n(f.x.to_px(minimum.x)) + "\" cy=\"" + n(f.y.to_px(minimum.energy)) +
         "\" r=\"7\" fill=\"none\" stroke=\"#c01c28\" stroke-width=\"2\"/>\n";
  out += diamond(f.x.to_px(xc), f.y.to_px(ec), 6, "class=\"composite\" fill=\"#e66100\" stroke=\"#333333\" stroke-width=\"1\"");

  // Axes, the title (formulas with subscripts) and the conditions under it.
  frame_and_ticks(out, f, p, 11, 18);
  formula_text(out, (p.left + p.right) / 2, p.bottom + 40, "x (atomic fraction of " + r.a().formula + ")", 13,
               "class=\"x-title\" text-anchor=\"middle\"");
  out += "<text class=\"y-title\" x=\"0\" y=\"0\" transform=\"translate(" + n(p.left - 50) + "," + n((p.top + p.bottom) / 2) +
         ") rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">" + xml_escape("reaction energy (" + energy_unit(ctx) + ")") +
         "</text>\n";
  formula_text(out, p.left, 24, r.a().formula + " + " + r.b().formula, 16, "class=\"title\" font-weight=\"bold\"");
  text(out, p.left, 44, to_string(ctx.form) + " reaction energy, " + condition_words(ctx),
       "class=\"subtitle\" font-size=\"12\" fill=\"#444444\"");
  out += legend;
  kink_table(out, r, ctx, legend_bottom);
  return out + "</svg>\n";
}

// ---------------------------------------------------------------- sweep

SvgFrame svg_sweep_frame(const std::vector<SweepRow>& rows) {
  const Area& p = kLinePlot;
  double v0 = rows.empty() ? 0 : rows.front().voltage, v1 = rows.empty() ? 1 : rows.front().voltage;
  double lo = 0, hi = 0;
  for (const auto& row : rows) {
    v0 = std::min(v0, row.voltage), v1 = std::max(v1, row.voltage);
    lo = std::min(lo, row.minimum.energy), hi = std::max(hi, row.minimum.energy);
  }
  const double span = hi - lo > tol::kPlotSlack ? hi - lo : 0.1;
  return {make_axis(v0, v1, p.left, p.right, true), make_axis(lo - 0.06 * span, hi + 0.06 * span, p.bottom, p.top, true)};
}

std::string svg_sweep(const Reactant& a, const Reactant& b, int open, EnergyForm form, const std::vector<SweepRow>& rows) {
  const Area& p = kLinePlot;
  const SvgFrame f = svg_sweep_frame(rows);
  const std::string el = symbol(open);
  std::string out = open_svg();
  grid(out, f, p);
  if (f.y.lo < 0 && f.y.hi > 0) line(out, p.left, f.y.to_px(0), p.right, f.y.to_px(0), "stroke=\"#999999\" stroke-width=\"1\"");
  std::string points;
  for (const auto& row : rows) points += (points.empty() ? "" : " ") + n(f.x.to_px(row.voltage)) + "," + n(f.y.to_px(row.minimum.energy));
  out += "<polyline class=\"curve\" points=\"" + points + "\" fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"2\"/>\n";
  if (rows.size() <= 60)
    for (const auto& row : rows)
      out += "<circle class=\"point\" cx=\"" + n(f.x.to_px(row.voltage)) + "\" cy=\"" + n(f.y.to_px(row.minimum.energy)) +
             "\" r=\"2.5\" fill=\"#1f4e9c\"/>\n";
  axes(out, f, p, a.formula + " + " + b.formula + ", " + to_string(form) + ", " + el + " open",
       "V vs " + el + "/" + el + "+", "minimum reaction energy (eV per non-" + el + " atom)");
  return out + "</svg>\n";
}

// ---------------------------------------------------------------- map

SvgFrame svg_map_frame(const ReactionMap& map) {
  const Area& p = kMapPlot;
  return {make_axis(0, 1, p.left, p.right, false), make_axis(map.v_from, map.v_to, p.bottom, p.top, false)};
}

std::string svg_map(const ReactionMap& map) {
  const Area& p = kMapPlot;
  const SvgFrame f = svg_map_frame(map);
  const std::string el = symbol(map.open);

  // Product sets ranked by area (ties: by name, as std::map orders them).
  std::map<std::vector<std::string>, double> area;
  for (const auto& g : map.regions) area[g.products] += (g.x1 - g.x0) * (g.v1 - g.v0);
  std::vector<std::pair<std::vector<std::string>, double>> sets(area.begin(), area.end());
  std::stable_sort(sets.begin(), sets.end(), [](const auto& s, const auto& t) { return s.second > t.second; });
  const std::vector<std::string> colours = palette(sets.size());
  std::map<std::vector<std::string>, std::size_t> rank;
  for (std::size_t i = 0; i < sets.size(); ++i) rank[sets[i].first] = i;

  std::string out = open_svg();
  for (const auto& g : map.regions) {
    const double x = f.x.to_px(g.x0), y = f.y.to_px(g.v1), w = f.x.to_px(g.x1) - x, h = f.y.to_px(g.v0) - y;
    out += "<rect class=\"region\" x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"" + n(w) + "\" height=\"" + n(h) +
           "\" fill=\"" + colours[rank[g.products]] + "\" stroke=\"#555555\" stroke-width=\"0.3\"><title>" +
           xml_escape(joined(g.products)) + "</title></rect>\n";
  }
  // Numbers of the named sets, once per block of regions that share a whole edge
  // and a product set (the map cuts a set wherever any other changes), where they fit.
  struct Block {
    double x0, x1, v0, v1;
    std::size_t set;
  };
  std::vector<Block> blocks;
  const auto same = [](double a, double b) { return std::abs(a - b) <= tol::kPlotSlack; };
  for (const auto& g : map.regions) {
    Block b{g.x0, g.x1, g.v0, g.v1, rank[g.products]};
    const auto above = std::find_if(blocks.begin(), blocks.end(), [&](const Block& o) {
      return o.set == b.set && same(o.x0, b.x0) && same(o.x1, b.x1) && same(o.v1, b.v0);
    });
    if (above != blocks.end()) above->v1 = b.v1;
    else blocks.push_back(b);
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    for (std::size_t j = i + 1; j < blocks.size(); ++j) {
      Block &b = blocks[i], &o = blocks[j];
      if (o.set != b.set || !same(o.v0, b.v0) || !same(o.v1, b.v1) || !(same(o.x0, b.x1) || same(o.x1, b.x0))) continue;
      b.x0 = std::min(b.x0, o.x0), b.x1 = std::max(b.x1, o.x1);
      blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(j));
      j = i;  // b grew: look again
    }
  }
  for (const Block& b : blocks) {
    const std::string label = std::to_string(b.set + 1);
    const double w = f.x.to_px(b.x1) - f.x.to_px(b.x0), h = f.y.to_px(b.v0) - f.y.to_px(b.v1);
    if (b.set >= kNamedSets || w < text_width(label, kLabelFont) + 4 || h < kLabelFont + 3) continue;
    text(out, f.x.to_px(0.5 * (b.x0 + b.x1)), f.y.to_px(0.5 * (b.v0 + b.v1)) + 3, label,
         "font-size=\"" + n(kLabelFont) + "\" text-anchor=\"middle\" fill=\"" + svg_ink_on(colours[b.set]) + "\"");
  }
  axes(out, f, p, map.a.formula + " + " + map.b.formula + ", " + to_string(map.form) + ", " + el + " open",
       "x (atomic fraction of " + map.a.formula + ")", "V vs " + el + "/" + el + "+");

  // Legend: the largest sets, numbered; the rest counted.
  const double lx = p.right + 22, max_chars = (kWidth - 8 - (lx + 40)) / (0.6 * 10);
  double ly = p.top + 10;
  const std::size_t shown = std::min(sets.size(), kNamedSets);
  text(out, lx, ly, sets.size() > shown ? "products: the " + std::to_string(shown) + " largest of " +
                                               std::to_string(sets.size()) + " sets" : "products",
       "font-size=\"11\" font-weight=\"bold\"");
  for (std::size_t i = 0; i < shown; ++i) {
    ly += 18;
    std::string names;
    for (const auto& name : sets[i].first) {
      if (!names.empty() && names.size() + name.size() + 9 > max_chars) {
        names += " + ...";
        break;
      }
      names += (names.empty() ? "" : " + ") + name;
    }
    out += "<rect class=\"legend-swatch\" x=\"" + n(lx) + "\" y=\"" + n(ly - 10) + "\" width=\"12\" height=\"12\" fill=\"" +
           colours[i] + "\" stroke=\"#555555\" stroke-width=\"0.5\"/>\n";
    text(out, lx + 18, ly, std::to_string(i + 1), "font-size=\"10\"");
    formula_text(out, lx + 36, ly, names, 10, "class=\"legend-products\"");
  }
  if (sets.size() > shown)
    text(out, lx, ly + 22, "+ " + std::to_string(sets.size() - shown) + " smaller sets in pale colours",
         "font-size=\"10\" font-style=\"italic\"");
  return out + "</svg>\n";
}

// ---------------------------------------------------------------- energy map

namespace {

constexpr double kEnergyWidth = 900, kEnergyHeight = 620;
constexpr Area kEnergyPlot{80, 690, 58, 540};
constexpr double kBarLeft = 728, kBarWidth = 18;
/// Bands of a column are at most this high (px); the energy is linear in V inside one.
constexpr double kBandHeight = 4;
/// Colour samples between two kinks along a band.
constexpr int kSamplesBetweenKinks = 4;

/// The energy's colour at u in [0, 1] of the scale (0: the highest energy, pale; 1: the most negative, dark red).
std::string energy_colour(double u) { return plot::hex(plot::ramp(plot::kYlOrRd, u)); }

/// Energy range of the map: every kink at both ends of every column.
std::pair<double, double> energy_range(const ReactionMap& map) {
  double lo = 0, hi = 0;
  for (const auto& c : map.columns)
    for (std::size_t k = 0; k < c.kinks.size(); ++k) {
      lo = std::min({lo, c.kinks[k].energy, c.at_v1[k]});
      hi = std::max({hi, c.kinks[k].energy, c.at_v1[k]});
    }
  return {lo, hi};
}

}  // namespace

SvgFrame svg_energy_map_frame(const ReactionMap& map) {
  const Area& p = kEnergyPlot;
  return {make_axis(0, 1, p.left, p.right, false), make_axis(map.v_from, map.v_to, p.bottom, p.top, false)};
}

std::string svg_energy_map(const ReactionMap& map, double composite_mass_fraction) {
  const Area& p = kEnergyPlot;
  const SvgFrame f = svg_energy_map_frame(map);
  const std::string el = symbol(map.open);
  auto [lo, hi] = energy_range(map);
  const std::vector<double> cticks = nice_ticks(lo, hi, 6);
  lo = cticks.front(), hi = cticks.back();
  const auto colour = [&](double e) { return energy_colour((hi - e) / (hi - lo)); };

  std::string out = svg_open(kEnergyWidth, kEnergyHeight);

  // The heatmap: each column in bands; each band one rectangle with a horizontal gradient through the kinks.
  std::string defs, bands;
  std::size_t gradient = 0;
  for (const auto& c : map.columns) {
    const double top = f.y.to_px(c.v1), bottom = f.y.to_px(c.v0);
    const int count = std::max(1, static_cast<int>(std::ceil((bottom - top) / kBandHeight - tol::kPlotSlack)));
    for (int b = 0; b < count; ++b) {
      const double y0 = top + (bottom - top) * b / count, y1 = top + (bottom - top) * (b + 1) / count;
      const double v = f.y.from_px(0.5 * (y0 + y1));
      std::string id = std::to_string(gradient++);
      id.insert(id.begin(), 'e');
      defs += "<linearGradient id=\"" + id + "\" gradientUnits=\"userSpaceOnUse\" x1=\"" + n(p.left) + "\" y1=\"0\" x2=\"" +
              n(p.right) + "\" y2=\"0\">";
      for (std::size_t k = 0; k < c.kinks.size(); ++k) {
        const double x = c.kinks[k].x;
        defs += "<stop offset=\"" + svg_number(x, 5) + "\" stop-color=\"" + colour(c.energy(k, v)) + "\"/>";
        if (k + 1 == c.kinks.size()) break;
        for (int s = 1; s < kSamplesBetweenKinks; ++s) {
          const double xs = x + (c.kinks[k + 1].x - x) * s / kSamplesBetweenKinks;
          defs += "<stop offset=\"" + svg_number(xs, 5) + "\" stop-color=\"" + colour(column_energy(map, c, xs, v)) + "\"/>";
        }
      }
      defs += "</linearGradient>\n";
      // Bands reach 0.6 px into the next one down, so no seam shows between them.
      bands += "<rect class=\"energy-band\" x=\"" + n(p.left) + "\" y=\"" + n(y0) + "\" width=\"" + n(p.right - p.left) +
               "\" height=\"" + n(std::min(y1 + 0.6, p.bottom) - y0) + "\" fill=\"url(#" + id + ")\"/>\n";
    }
  }
  out += "<defs>\n" + defs + "</defs>\n" + bands;

  // Boundaries where the products change: between regions side by side, and between columns.
  const auto same = [](double a, double b) { return std::abs(a - b) <= tol::kMapVoltageTol; };
  const std::string edge = "class=\"boundary\" stroke=\"#1a1a1a\" stroke-width=\"0.9\" stroke-opacity=\"0.75\"";
  for (const auto& g : map.regions) {
    if (g.x0 > tol::kMapRegionTol) line(out, f.x.to_px(g.x0), f.y.to_px(g.v1), f.x.to_px(g.x0), f.y.to_px(g.v0), edge);
    if (same(g.v0, map.v_from)) continue;
    for (const auto& below : map.regions) {
      if (!same(below.v1, g.v0) || below.products == g.products) continue;
      const double x0 = std::max(g.x0, below.x0), x1 = std::min(g.x1, below.x1);
      if (x1 - x0 > tol::kMapRegionTol) line(out, f.x.to_px(x0), f.y.to_px(g.v0), f.x.to_px(x1), f.y.to_px(g.v0), edge);
    }
  }

  // The composite as a dashed line.
  {
    const double px = f.x.to_px(x_from_mass_fraction(map.a.composition, map.b.composition, composite_mass_fraction));
    line(out, px, p.top, px, p.bottom, "class=\"composite\" stroke=\"#1f4e9c\" stroke-width=\"1.6\" stroke-dasharray=\"6,4\"");
    const std::string label = svg_number(100 * composite_mass_fraction, 2) + " wt% " + map.a.formula;
    const double w = text_width(label, 12) + 8, x0 = std::min(px + 4, p.right - w - 2);
    out += "<rect x=\"" + n(x0) + "\" y=\"" + n(p.top + 5) + "\" width=\"" + n(w) +
           "\" height=\"18\" rx=\"2\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#1f4e9c\" stroke-width=\"0.8\"/>\n";
    formula_text(out, x0 + 4, p.top + 18, label, 12, "class=\"composite-label\" fill=\"#1f4e9c\"");
  }

  // Labels: blocks of regions with one product set (merged across the cuts other sets make), largest first.
  struct Block {
    double x0, x1, v0, v1;
    std::vector<std::string> products;
  };
  std::vector<Block> blocks;
  for (const auto& g : map.regions) {
    const auto above = std::find_if(blocks.begin(), blocks.end(), [&](const Block& o) {
      return o.products == g.products && same(o.x0, g.x0) && same(o.x1, g.x1) && same(o.v1, g.v0);
    });
    if (above != blocks.end()) above->v1 = g.v1;
    else blocks.push_back({g.x0, g.x1, g.v0, g.v1, g.products});
  }
  const auto px_area = [&](const Block& b) {
    return (f.x.to_px(b.x1) - f.x.to_px(b.x0)) * (f.y.to_px(b.v0) - f.y.to_px(b.v1));
  };
  std::stable_sort(blocks.begin(), blocks.end(), [&](const Block& a, const Block& b) { return px_area(a) > px_area(b); });
  constexpr double font = 11, line_height = 13;
  std::size_t labelled = 0;
  for (const Block& b : blocks) {
    if (labelled == 14) break;
    const double bx0 = f.x.to_px(b.x0), bx1 = f.x.to_px(b.x1), by0 = f.y.to_px(b.v1), by1 = f.y.to_px(b.v0);
    const double room = bx1 - bx0 - 8;
    // Formulas joined by " + ", broken into lines that fit the block's width.
    std::vector<std::string> lines;
    bool fits = room > 0;
    for (const auto& name : b.products) {
      if (text_width(name, font) > room) fits = false;
      if (!lines.empty() && text_width(lines.back() + " + " + name, font) <= room) lines.back() += " + " + name;
      else lines.push_back(name);
    }
    const double height = line_height * static_cast<double>(lines.size()) + 4;
    if (!fits || height > by1 - by0 - 4) continue;
    double width = 0;
    for (const auto& l : lines) width = std::max(width, text_width(l, font));
    const double cx = 0.5 * (bx0 + bx1), cy = 0.5 * (by0 + by1);
    out += "<rect x=\"" + n(cx - width / 2 - 3) + "\" y=\"" + n(cy - height / 2) + "\" width=\"" + n(width + 6) +
           "\" height=\"" + n(height) + "\" rx=\"2\" fill=\"#ffffff\" fill-opacity=\"0.78\"/>\n";
    for (std::size_t i = 0; i < lines.size(); ++i)
      formula_text(out, cx, cy - height / 2 + 2 + line_height * (static_cast<double>(i) + 1) - 3, lines[i], font,
                   "class=\"region-label\" text-anchor=\"middle\" fill=\"#111111\"");
    ++labelled;
  }

  // Axes (ticks outside the plot, no grid over the heatmap).
  frame_and_ticks(out, f, p, 13, 19);
  formula_text(out, 0.5 * (p.left + p.right), p.bottom + 44, "x (atomic fraction of " + map.a.formula + ")", 15,
               "class=\"x-title\" text-anchor=\"middle\"");
  out += "<text x=\"0\" y=\"0\" transform=\"translate(" + n(p.left - 48) + "," + n(0.5 * (p.top + p.bottom)) +
         ") rotate(-90)\" font-size=\"15\" text-anchor=\"middle\">" + xml_escape("V vs " + el + "/" + el + "+") +
         "</text>\n";
  formula_text(out, p.left, 30, map.a.formula + " + " + map.b.formula + ": " + to_string(map.form) + " reaction energy, " +
               el + " open", 17, "class=\"title\" font-weight=\"bold\"");

  // Colour bar.
  const SvgAxis bar = make_axis(lo, hi, p.bottom, p.top, false);
  std::string stops;
  for (int i = 0; i <= 16; ++i)
    stops += "<stop offset=\"" + svg_number(i / 16.0, 5) + "\" stop-color=\"" + energy_colour(i / 16.0) + "\"/>";
  out += "<defs><linearGradient id=\"colorbar\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">" + stops + "</linearGradient></defs>\n";
  out += "<rect class=\"colorbar\" x=\"" + n(kBarLeft) + "\" y=\"" + n(p.top) + "\" width=\"" + n(kBarWidth) + "\" height=\"" +
         n(p.bottom - p.top) + "\" fill=\"url(#colorbar)\" stroke=\"#333333\" stroke-width=\"1\"/>\n";
  const int dc = plot::tick_decimals(cticks);
  for (double v : cticks) {
    const double y = bar.to_px(v);
    line(out, kBarLeft + kBarWidth, y, kBarLeft + kBarWidth + 5, y, "stroke=\"#333333\"");
    text(out, kBarLeft + kBarWidth + 8, y + 4, svg_number(v, dc), "class=\"tick-c\" font-size=\"13\"");
  }
  out += "<text x=\"0\" y=\"0\" transform=\"translate(" + n(kBarLeft + kBarWidth + 62) + "," +
         n(0.5 * (p.top + p.bottom)) + ") rotate(-90)\" font-size=\"15\" text-anchor=\"middle\">" +
         xml_escape("reaction energy (eV per non-" + el + " atom)") + "</text>\n";
  return out + "</svg>\n";
}

std::string html_page_start(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>" + xml_escape(title) +
         "</title>\n<style>\n"
         "body { font-family: sans-serif; color: #222222; margin: 1.5em auto; max-width: 1400px; padding: 0 1em; line-height: 1.4; }\n"
         "h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.8em; }\n"
         "dl.settings { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1.2em; }\n"
         "dl.settings dt { font-weight: bold; } dl.settings dd { margin: 0; }\n"
         "figure { margin: 1em 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }\n"
         "table { border-collapse: collapse; font-size: 0.9em; }\n"
         "th, td { padding: 0.2em 0.7em; border-bottom: 1px solid #dddddd; text-align: left; vertical-align: top; }\n"
         "th { background: #f2f2f2; position: sticky; top: 0; }\n";
}

}  // namespace interphase
