#pragma once
/// \file plot_style.hpp
/// What every SVG figure shares: estimated text widths (for laying out labels
/// without a font engine), colours as "#rrggbb", the colour ramps and their
/// interpolation, the decimals of tick labels, and formulas with their numbers
/// as subscripts. Used by the plots of svg.hpp, the screen heatmap (svg_screen)
/// and the coating scatter (svg_coat); nothing here computes a result.
#include <span>
#include <string>
#include <vector>

namespace interphase::plot {

/// How text_width estimates the advance of sans-serif glyphs.
enum class Glyphs {
  /// 0.6 em for every byte: the reaction, sweep and map plots.
  Uniform,
  /// By kind, on the wide side (DejaVu Sans, a common default): capitals 0.72
  /// em, digits 0.64, `( ) . space - ,` 0.36, other ASCII 0.6, any other
  /// character (counted once, not per UTF-8 byte) 0.8: the screen heatmap.
  Proportional,
  /// The advance widths of DejaVu Sans (a common default, and among the widest
  /// sans-serif fonts), per printable ASCII character; any other character
  /// (counted once) 0.84 em: the coating scatter, whose labels sit beside their points.
  DejaVu,
};

/// The estimated width of `s` at `font` px, in px.
double text_width(const std::string& s, double font, Glyphs glyphs);

/// A colour, each channel from 0 to 255 (not necessarily whole).
struct Rgb {
  double r = 0, g = 0, b = 0;
};

/// "#rrggbb": each channel rounded to the nearest whole number (halves away from zero).
std::string hex(const Rgb& c);

/// The colour at t along `anchors` (at least two), evenly spaced from t = 0 to
/// t = 1 and linear between neighbours; t outside [0, 1] is clamped.
Rgb ramp(std::span<const Rgb> anchors, double t);

/// ColorBrewer YlOrRd (9 classes), pale yellow to dark red: the energy map
/// (svg_energy_map), palest at the highest energy.
inline constexpr Rgb kYlOrRd[] = {{255, 255, 204}, {255, 237, 160}, {254, 217, 118}, {254, 178, 76}, {253, 141, 60},
                                  {252, 78, 42},   {227, 26, 28},   {189, 0, 38},    {128, 0, 38}};

/// Neutral light grey (no reaction), then through orange to dark red (ColorBrewer
/// OrRd), darker with every step so that the colour orders the energies: the
/// screen heatmap's negative energies, from 0 to the scale's lowest.
inline constexpr Rgb kGreyOrRd[] = {{0xf7, 0xf7, 0xf7}, {0xfe, 0xe8, 0xc8}, {0xfd, 0xd4, 0x9e},
                                    {0xfd, 0xbb, 0x84}, {0xfc, 0x8d, 0x59}, {0xef, 0x65, 0x48},
                                    {0xd7, 0x30, 0x1f}, {0xb3, 0x00, 0x00}, {0x7f, 0x00, 0x00}};

/// The same grey through blue (ColorBrewer RdBu's blue half): the screen
/// heatmap's positive energies (possible in the total form), from 0 to the highest.
inline constexpr Rgb kGreyBlues[] = {{0xf7, 0xf7, 0xf7}, {0xd1, 0xe5, 0xf0}, {0x92, 0xc5, 0xde}, {0x43, 0x93, 0xc3},
                                     {0x21, 0x66, 0xac}};

/// A piece of a formula: plain text, or the number of a subscript.
struct FormulaRun {
  std::string text;
  bool subscript = false;
};

/// A formula cut into runs: a subscript is the digits (and a decimal point
/// between digits) right after a letter or a closing bracket ("Li0.5CoO2" ->
/// Li, 0.5, CoO, 2); the rest is plain.
std::vector<FormulaRun> formula_runs(const std::string& formula);

/// A formula as SVG text content: its numbers (digits after a letter or a
/// bracket, "PO4" -> "PO" and a lowered "4") as <tspan> subscripts at 0.72 of
/// `font` px, lowered 0.28 `font`, the text after them raised back; every
/// piece XML-escaped. Other text passes through escaped ("x = 2" has no subscript).
std::string formula_markup(const std::string& formula, double font);

/// The estimated width of formula_markup(formula, font), in px.
double formula_width(const std::string& formula, double font, Glyphs glyphs = Glyphs::Proportional);

/// Decimals that tell evenly spaced ticks apart (from the step between the
/// first two); 2 for fewer than two ticks.
int tick_decimals(const std::vector<double>& ticks);

}  // namespace interphase::plot
