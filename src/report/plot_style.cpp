#include "interphase/report/plot_style.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "interphase/report/svg.hpp"
#include "interphase/tolerances.hpp"

namespace interphase::plot {
namespace {

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool subscript_start(const std::string& s, std::size_t i) {
  return digit(s[i]) && i > 0 && (std::isalpha(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == ')' || s[i - 1] == ']');
}

}  // namespace

std::vector<FormulaRun> formula_runs(const std::string& s) {
  std::vector<FormulaRun> out;
  for (std::size_t i = 0; i < s.size();) {
    const bool sub = subscript_start(s, i);
    std::size_t j = i + 1;
    if (sub) {
      while (j < s.size() && (digit(s[j]) || (s[j] == '.' && j + 1 < s.size() && digit(s[j + 1])))) ++j;
    } else {
      while (j < s.size() && !subscript_start(s, j)) ++j;
    }
    out.push_back({s.substr(i, j - i), sub});
    i = j;
  }
  return out;
}

/// DejaVu Sans (Book): the advance of each character from ' ' (32) to '~' (126), in 1/1000 em.
constexpr int kDejaVuAdvance[95] = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636,
    636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
    634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};

double text_width(const std::string& s, double font, Glyphs glyphs) {
  if (glyphs == Glyphs::Uniform) return 0.6 * font * static_cast<double>(s.size());
  if (glyphs == Glyphs::DejaVu) {
    double w = 0;
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if ((u & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
      w += u >= 32 && u < 127 ? kDejaVuAdvance[u - 32] / 1000.0 : 0.84;
    }
    return w * font;
  }
  double w = 0;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
    w += std::isupper(u) ? 0.72 : std::isdigit(u) ? 0.64 : (c == '(' || c == ')' || c == '.' || c == ' ' || c == '-' || c == ',') ? 0.36
                                                   : u >= 0x80 ? 0.8 : 0.6;
  }
  return w * font;
}

std::string hex(const Rgb& c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", static_cast<int>(std::lround(c.r)), static_cast<int>(std::lround(c.g)),
                static_cast<int>(std::lround(c.b)));
  return buffer;
}

Rgb ramp(std::span<const Rgb> anchors, double t) {
  t = std::clamp(t, 0.0, 1.0) * static_cast<double>(anchors.size() - 1);
  const std::size_t i = std::min(static_cast<std::size_t>(t), anchors.size() - 2);
  const double f = t - static_cast<double>(i);
  const Rgb &a = anchors[i], &b = anchors[i + 1];
  return {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b)};
}

std::string formula_markup(const std::string& formula, double font) {
  const auto n = [](double v) { return svg_number(v, 2); };
  const double shift = 0.28 * font;
  std::string out;
  bool lowered = false;
  for (const auto& r : formula_runs(formula)) {
    if (r.subscript) {
      out += "<tspan font-size=\"" + n(0.72 * font) + "\" dy=\"" + n(shift) + "\">" + xml_escape(r.text) + "</tspan>";
      lowered = true;
    } else if (lowered) {
      out += "<tspan dy=\"" + n(-shift) + "\">" + xml_escape(r.text) + "</tspan>";
      lowered = false;
    } else {
      out += xml_escape(r.text);
    }
  }
  return out;
}

double formula_width(const std::string& formula, double font, Glyphs glyphs) {
  double w = 0;
  for (const auto& r : formula_runs(formula)) w += text_width(r.text, r.subscript ? 0.72 * font : font, glyphs);
  return w;
}

int tick_decimals(const std::vector<double>& ticks) {
  if (ticks.size() < 2) return 2;
  return std::max(0, static_cast<int>(std::ceil(-std::log10(ticks[1] - ticks[0]) - tol::kPlotSlack)));
}

}  // namespace interphase::plot
