#pragma once
/// \file svg.hpp
/// Plots as standalone SVG 1.1 text (800 x 500, no dependencies): the reaction
/// energy over the mixing ratio, the minimum over the voltage, and the (x, V) map.
///
/// Every plot's axes come from a frame function (svg_reaction_frame, ...) that
/// the plot itself uses, so a reader of the SVG can map any coordinate back to
/// data with SvgAxis::from_px. Coordinates are written to 1e-4 px. Elements a
/// script may look for carry a class: "curve" (the polyline), "kink",
/// "minimum", "composite" (markers), "kink-number" (the number beside a kink),
/// "leader" (a line from a kink to its number), "table-number", "table-x",
/// "table-energy", "table-products" (the kink table's cells), "title",
/// "subtitle", "region" (map rectangles, each with a <title> naming its
/// products), "tick-x"/"tick-y" (tick labels).
/// The output depends only on the arguments (no clock, no locale).
#include <string>
#include <vector>

#include "interphase/reaction/map.hpp"
#include "interphase/report/format.hpp"

namespace interphase {

/// A linear map from data values to SVG user units (px) along one axis.
struct SvgAxis {
  double lo = 0, hi = 1;        ///< data range shown (lo < hi)
  double px_lo = 0, px_hi = 1;  ///< canvas positions of lo and hi (px_hi < px_lo on a vertical axis)
  std::vector<double> ticks;    ///< tick values, within [lo, hi]
  double to_px(double value) const;
  double from_px(double px) const;
};

/// The two axes of a plot: x horizontal, y vertical.
struct SvgFrame {
  SvgAxis x, y;
};

/// "Nice" tick values (1, 2 or 5 times a power of ten apart) for about
/// `target` intervals, covering [lo, hi]: the first tick <= lo, the last >= hi.
/// lo > hi are swapped; lo == hi is widened by one unit of its own magnitude
/// (to [-1, 1] at 0). Values are the doubles nearest the round decimals (0.3, not 0.30000000000000004).
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

/// `value` with at most `decimals` decimals, trailing zeros and "-0" dropped ("0.25", "-3", "0").
std::string svg_number(double value, int decimals = 4);

/// `text` with &, <, >, " and ' as XML entities.
std::string xml_escape(const std::string& text);

/// The start of a self-contained results page (screen, coat): doctype, head,
/// `title` (escaped here) and the style rules every page shares, with the
/// <style> element left open for the page's own rules.
std::string html_page_start(const std::string& title);

/// The start of a standalone SVG 1.1 document of `width` x `height` px (XML
/// declaration, DOCTYPE, the <svg> root with its viewBox, a white background):
/// what every plot begins with; the caller closes it with "</svg>\n".
std::string svg_open(double width, double height);

/// Black or white, whichever reads better on `fill` ("#rrggbb").
std::string svg_ink_on(const std::string& fill);

/// `react` as a plot (800 px wide, as high as its table needs): dE(x) through
/// the kinks, each marked and numbered (above the curve, clear of the other
/// numbers), the minimum highlighted, and the composite at
/// ctx.composite_mass_fraction of A as its own marker. Title "A + B" (formulas
/// with subscripts) over "mutual|total reaction energy, <conditions>" (closed;
/// "Li open at 3 V vs Li/Li+"; "O open at μ(O) = -1.5 eV"; a cycling window
/// and its worst case's voltage). Under the axes a legend (the minimum and the
/// composite with their energies and units) and the kink table: number, x, E
/// (4 decimals) and the products of each kink, the minimum's row highlighted.
/// Energies are per atom, or per non-open atom ("eV per non-Li atom") when
/// ctx.open is non-empty. The page's plot (web/plot.js) and Python's
/// Reaction.plot() follow the same design.
std::string svg_reaction(const InterfaceReaction& r, const ReactionContext& ctx);
/// The axes svg_reaction draws: x from 0 to 1, y around the energies with room
/// above them for the kink numbers.
SvgFrame svg_reaction_frame(const InterfaceReaction& r);

/// `sweep` as a plot: the minimum reaction energy over x at each voltage.
std::string svg_sweep(const Reactant& a, const Reactant& b, int open, EnergyForm form, const std::vector<SweepRow>& rows);
/// The axes svg_sweep draws: the voltages across, the minimum energies up.
SvgFrame svg_sweep_frame(const std::vector<SweepRow>& rows);

/// `map` as a plot: each region a filled rectangle (x across from 0 to 1, V up),
/// one colour per distinct product set (strong colours for the 20 sets of
/// largest area, numbered in the legend and in regions large enough to hold the
/// number; pale ones for the rest, which the legend counts).
std::string svg_map(const ReactionMap& map);
/// The axes svg_map draws: x from 0 to 1, V from map.v_from to map.v_to.
SvgFrame svg_map_frame(const ReactionMap& map);

/// `map --color energy`: the reaction energy over (x, V) as a heatmap (900 x
/// 620), the exact region boundaries (where the products change) on top, the
/// largest regions labelled by their products, a colour bar in eV per non-open
/// atom, and the composite (30 wt% A) as a dashed line. Each horizontal band
/// of a column ("energy-band", at most 4 px high) is one rectangle with a
/// gradient sampled from map_energy (reaction/map.hpp); "boundary" lines, "region-label" texts,
/// "colorbar" and "tick-c" (its labels) carry classes.
std::string svg_energy_map(const ReactionMap& map, double composite_mass_fraction = 0.3);
/// The axes svg_energy_map draws: x from 0 to 1, V from map.v_from to map.v_to.
SvgFrame svg_energy_map_frame(const ReactionMap& map);

}  // namespace interphase
