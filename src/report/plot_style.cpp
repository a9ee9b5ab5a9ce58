#include "interphase/report/plot_style.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "interphase/tolerances.hpp"

namespace interphase::plot {

double text_width(const std::string& s, double font, Glyphs glyphs) {
  if (glyphs == Glyphs::Uniform) return 0.6 * font * static_cast<double>(s.size());
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

int tick_decimals(const std::vector<double>& ticks) {
  if (ticks.size() < 2) return 2;
  return std::max(0, static_cast<int>(std::ceil(-std::log10(ticks[1] - ticks[0]) - tol::kPlotSlack)));
}

}  // namespace interphase::plot
