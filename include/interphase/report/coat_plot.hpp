#pragma once
/// \file coat_plot.hpp
/// A coating search as a figure and a page (renders a CoatResult, computes nothing).
///
/// svg_coat: a scatter of every computed candidate, its minimum reaction
/// energy with the electrolyte across against the most negative of its minima
/// with the cathode states up (closed, in eV/atom; with a range, the range's
/// worst case, in eV per non-Li atom), each point coloured by how its Li
/// window meets the criteria's window (covers it, reduction limit too high,
/// oxidation limit too low, both, no window), the passing corner (both
/// energies >= -max_reaction) shaded, and the top ten of the ranking labelled
/// with their rank and formula (subscripts; placed clear of each other, with a
/// leader line when away from their point). When the top ten lie in a small
/// part of the full range, a second panel shows the region around the passing
/// corner (marked on the first by a dashed box) and carries the labels.
/// Candidates that could not be computed are left out and counted in the caption.
///
/// Classes for scripts: "panel" (a <g> per panel, the overview first),
/// "plot-frame" (the plot area's rectangle), "tick-x"/"tick-y" (tick labels),
/// "point" (one circle per computed candidate, in the overview; "point-zoom"
/// in the second panel), "passing-corner" (the shaded rectangle), "top-label"
/// (a label's text), "label-box", "leader", "zoom-box", "legend-item", "note"
/// (caption lines). Each point's <title> starts with its formula.
///
/// html_coat: one self-contained page (no outside file, script or font): the
/// settings, the sides' windows, the funnel, the scatter inline, the ranked
/// table (sorted by a click on a column header, with a small inline script),
/// and the explanation if one was asked for.
#include <string>

#include "interphase/session/requests.hpp"

namespace interphase {

/// The coating search as a standalone SVG 1.1 figure.
std::string svg_coat(const CoatResult& result);

/// The coating search as one HTML page.
std::string html_coat(const CoatResult& result);

/// The coating search in the format `coat --format` names: svg (svg_coat),
/// html (html_coat), or text, markdown (md), json or csv (format_coat).
/// Error naming the format for any other.
std::string coat_report(const CoatResult& result, const std::string& format);

}  // namespace interphase
