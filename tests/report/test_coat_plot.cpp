#include <boost/test/unit_test.hpp>
// The coating search as a figure and a page, from a result made by hand (made-up
// energies and windows, judged by hand): the scatter is well-formed SVG with one
// point per computed candidate at its two energies, read back through the axis
// that the tick labels state; the passing corner shaded from -max_reaction to the
// plot's top right; each point coloured as the legend says for its window; the
// top ten labelled with rank and formula (subscripts), labels clear of each other;
// the error row left out and counted; text escaped. A far-off candidate adds a
// second panel around the corner. The page parses, holds the funnel, the figure
// and one row per candidate, and loads nothing from outside. coat_report gives
// the report each format name asks for.

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "interphase/error.hpp"
#include "interphase/report/coat_format.hpp"
#include "interphase/report/coat_plot.hpp"
#include "support/xml.hpp"

BOOST_AUTO_TEST_SUITE(test_coat_plot)

using namespace interphase;
using test::Document;
using test::Element;
using test::parse_xml;

namespace {

constexpr double kLimit = 0.1;  // max_reaction

/// A candidate's minimum: energy at x = 0.5 (the plot reads only the energy).
CoatReaction minimum(double energy) {
  CoatReaction r;
  Kink k;
  k.x = 0.5;
  k.energy = energy;
  k.products = {{"Li2O", 1.0}};
  r.minimum = k;
  return r;
}

/// Windows as the criteria see them: [red, ox] V; none: no window.
std::optional<MaterialWindow> window(std::optional<double> red, std::optional<double> ox) {
  MaterialWindow w;
  w.reduction = red;
  w.oxidation = ox;
  return w;
}

struct Made {
  std::string formula;
  double x, y;  // energy with the electrolyte, and the worst with the cathode (range or closed, as the result has it)
  std::optional<MaterialWindow> window;
  std::vector<std::string> failed;
};

/// A result over Li6PS5Cl against Li2RuO3 and LiRuO3 with the candidates in
/// rank order. The plotted energies are the range ones (or the closed ones
/// without a range); the other kind is set 0.01 eV lower so that a mix-up
/// shows. Of the two cathode states, LiRuO3 is the worse by 0.02 eV, so y is
/// its energy. `error` adds an error row, ranked last.
CoatResult made_result(const std::vector<Made>& made, bool range, const std::string& error = "") {
  CoatResult r;
  CoatSettings& s = r.settings;
  s.electrolyte = "Li6PS5Cl";
  s.cathodes = {"Li2RuO3", "LiRuO3"};
  if (range) s.range = VoltageRange{2.0, 4.5};
  s.criteria.max_reaction = kLimit;
  s.min_oxidation = range ? 4.5 : 4.0;
  s.candidates = "given <by hand> & \"made up\"";
  s.dataset = "made_up";
  s.dataset_entries = 99;
  std::size_t rank = 0;
  for (const auto& m : made) {
    CoatCandidate c;
    c.formula = m.formula;
    c.rank = ++rank;
    c.e_above_hull = 0;
    c.window = m.window;
    c.failed = m.failed;
    c.passes = m.failed.empty();
    const auto side = [&](const std::string& formula, double plotted) {
      CoatSide side;
      side.formula = formula;
      side.closed = minimum(range ? plotted - 0.01 : plotted);
      if (range) side.range = minimum(plotted);
      return side;
    };
    c.electrolyte = side("Li6PS5Cl", m.x);
    c.cathodes = {side("Li2RuO3", m.y + 0.02), side("LiRuO3", m.y)};
    r.candidates.push_back(c);
  }
  if (!error.empty()) {
    CoatCandidate c;
    c.formula = error;
    c.rank = ++rank;
    c.error = "unknown element 'Qq' in formula '" + error + "'";
    r.candidates.push_back(c);
  }
  r.funnel = {{"candidates", "every candidate", r.candidates.size()},
              {"computed", "computed without an error", made.size()},
              {"e_above_hull", "e_above_hull <= 0.005 eV/atom", made.size()}};
  r.sides = {{"Li6PS5Cl", "electrolyte", window(1.72, 2.14), std::nullopt}, {"Li2RuO3", "cathode", window(1.97, 2.41), std::nullopt},
             {"LiRuO3", "cathode", window(3.2, 3.2), std::nullopt}};
  return r;
}

const std::vector<std::string> kReactions = {"energy_electrolyte_range", "energy_cathode_range"};

/// Twelve candidates between -0.6 and 0, in rank order (the least reactive
/// first, passing first): every kind of window; the two most negative
/// energies, -0.6 and -0.55, among the top ten, so that one panel shows them all.
std::vector<Made> twelve() {
  const auto covers = window(0.7, 4.6);
  return {
      {"Li3PO4", -0.02, -0.05, covers, {}},
      {"LiNbO3", -0.08, -0.12, window(2.9, 4.8), {"window_red", "energy_cathode_range"}},
      {"LiTaO3", -0.15, -0.03, window(1.0, 3.9), {"window_ox", "energy_electrolyte_range"}},
      {"Li2ZrO3", -0.3, -0.2, window(3.0, 4.0), {"window_red", "window_ox", "energy_electrolyte_range", "energy_cathode_range"}},
      {"LiPO3", -0.5, -0.6, MaterialWindow{std::nullopt, std::nullopt, "no window"},
       {"window_red", "window_ox", "energy_electrolyte_range", "energy_cathode_range"}},
      {"Li2SiO3", -0.22, -0.41, covers, kReactions},
      {"Li4Ti5O12", -0.35, -0.05, covers, {"energy_electrolyte_range"}},
      {"Li3BO3", -0.55, -0.25, covers, kReactions},
      {"LiAlO2", -0.12, -0.33, covers, kReactions},
      {"LiH2PO4", -0.27, -0.16, covers, kReactions},
      {"LiTi2(PO4)3", -0.4, -0.3, covers, kReactions},
      {"Li2O", -0.45, -0.5, covers, kReactions},
  };
}

std::string attr(const Element& e, const std::string& key) {
  const auto it = e.attrs.find(key);
  return it == e.attrs.end() ? "" : it->second;
}
double number(const Element& e, const std::string& key) { return std::stod(attr(e, key)); }

std::string tooltip(const Document& d, const Element& e) {
  for (std::size_t c : e.children)
    if (d.elements[c].name == "title") return d.all_text(d.elements[c]);
  return "";
}
std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

/// The elements of class `cls` inside element `root` (at any depth).
std::vector<const Element*> within(const Document& d, const Element& root, const std::string& cls) {
  std::vector<const Element*> out;
  for (std::size_t c : root.children) {
    const Element& e = d.elements[c];
    if (attr(e, "class") == cls) out.push_back(&e);
    for (const Element* inner : within(d, e, cls)) out.push_back(inner);
  }
  return out;
}

/// A linear axis read off a panel's tick labels: their stated values and
/// positions (text-anchor middle at x for tick-x; the y ticks' baseline is 4 px
/// below the tick).
struct ReadAxis {
  double a = 0, b = 0;  // px = a + b * value
  double px(double value) const { return a + b * value; }
};

ReadAxis read_axis(const Document& d, const Element& panel, bool x) {
  const auto ticks = within(d, panel, x ? "tick-x" : "tick-y");
  BOOST_TEST_REQUIRE(ticks.size() >= 3u);
  const Element& t0 = *ticks.front();
  const Element& t1 = *ticks.back();
  const double v0 = std::stod(d.all_text(t0)), v1 = std::stod(d.all_text(t1));
  const double p0 = x ? number(t0, "x") : number(t0, "y") - 4, p1 = x ? number(t1, "x") : number(t1, "y") - 4;
  BOOST_TEST_REQUIRE(v1 != v0);
  ReadAxis out;
  out.b = (p1 - p0) / (v1 - v0);
  out.a = p0 - out.b * v0;
  // Every tick on the same line.
  for (const Element* t : ticks)
    BOOST_TEST(std::abs(out.px(std::stod(d.all_text(*t))) - (x ? number(*t, "x") : number(*t, "y") - 4)) < 0.02);
  return out;
}

struct Rect {
  double x0, y0, x1, y1;
};
Rect rect_of(const Element& e) {
  return {number(e, "x"), number(e, "y"), number(e, "x") + number(e, "width"), number(e, "y") + number(e, "height")};
}

/// The fill of the legend swatch whose label starts with `label`.
std::string legend_fill(const Document& d, const std::string& label) {
  for (const Element* item : d.with_class("legend-item")) {
    std::string text, fill;
    for (std::size_t c : item->children) {
      const Element& e = d.elements[c];
      if (e.name == "text") text = d.all_text(e);
      if (e.name == "circle") fill = attr(e, "fill");
    }
    if (text.rfind(label, 0) == 0) return fill;
  }
  BOOST_ERROR("no legend entry " + label);
  return "";
}

const std::set<std::string>& page_elements() {
  static const std::set<std::string> known = [] {
    std::set<std::string> k = test::svg_plot_elements();
    k.insert({"html", "head", "meta", "style", "body", "h1", "h2", "p", "dl", "dt", "dd", "figure", "table", "thead", "tbody",
              "tr", "th", "td", "sub", "script", "pre"});
    return k;
  }();
  return known;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_point_per_computed_candidate_at_its_energies) {
  const auto made = twelve();
  const std::string svg = svg_coat(made_result(made, true, "Qq2O"));
  const Document d = parse_xml(svg);
  BOOST_TEST(d.elements.front().name == "svg");
  const auto panels = d.with_class("panel");
  BOOST_TEST_REQUIRE(panels.size() == 1u);  // every energy among the top ten: nothing to zoom into

  // One point per computed candidate; the error row is not drawn.
  const auto points = d.with_class("point");
  BOOST_TEST_REQUIRE(points.size() == made.size());
  std::map<std::string, const Element*> by_formula;
  for (const Element* p : points) by_formula[first_line(tooltip(d, *p)).substr(0, first_line(tooltip(d, *p)).find(' '))] = p;
  BOOST_TEST_REQUIRE(by_formula.size() == made.size());
  BOOST_TEST(!by_formula.count("Qq2O"));

  // Each at its range energies (y: the worse cathode state, LiRuO3), on the axes the ticks state.
  const ReadAxis ax = read_axis(d, *panels[0], true), ay = read_axis(d, *panels[0], false);
  BOOST_TEST(ax.b > 0);
  BOOST_TEST(ay.b < 0);  // up is less negative
  for (const auto& m : made) {
    const Element& p = *by_formula.at(m.formula);
    BOOST_TEST(std::abs(number(p, "cx") - ax.px(m.x)) < 0.05, m.formula << " cx " << number(p, "cx") << " vs " << ax.px(m.x));
    BOOST_TEST(std::abs(number(p, "cy") - ay.px(m.y)) < 0.05, m.formula << " cy " << number(p, "cy") << " vs " << ay.px(m.y));
  }
  // The axes reach from below the lowest energies (-0.55 across, -0.6 up) to above 0.
  const Rect frame = rect_of(*d.with_class("plot-frame").front());
  BOOST_TEST(ax.px(-0.55) > frame.x0);
  BOOST_TEST(ax.px(-0.6) < frame.x0);  // with a margin of a few per cent, not more
  BOOST_TEST(ax.px(0) < frame.x1);
  BOOST_TEST(ay.px(-0.6) < frame.y1);
  BOOST_TEST(ay.px(0) > frame.y0);

  // The error row is counted, by name, in the caption.
  std::string caption;
  for (const Element* note : d.with_class("note")) caption += d.all_text(*note) + " ";
  BOOST_TEST(caption.find("1 candidate that could not be computed (Qq2O)") != std::string::npos, caption);
}

BOOST_AUTO_TEST_CASE(the_passing_corner_is_shaded_from_minus_max_reaction) {
  const Document d = parse_xml(svg_coat(made_result(twelve(), true)));
  const Element& panel = *d.with_class("panel").front();
  const ReadAxis ax = read_axis(d, panel, true), ay = read_axis(d, panel, false);
  const Rect frame = rect_of(*d.with_class("plot-frame").front());
  const auto corners = d.with_class("passing-corner");
  BOOST_TEST_REQUIRE(corners.size() == 1u);
  const Rect c = rect_of(*corners.front());
  // From E = -0.1 across to the right edge, and from the top down to E = -0.1.
  BOOST_TEST(std::abs(c.x0 - ax.px(-kLimit)) < 0.05);
  BOOST_TEST(std::abs(c.x1 - frame.x1) < 0.05);
  BOOST_TEST(std::abs(c.y0 - frame.y0) < 0.05);
  BOOST_TEST(std::abs(c.y1 - ay.px(-kLimit)) < 0.05);
  // Li3PO4 (-0.02, -0.05) lies inside it; LiNbO3 (-0.08, -0.12) and LiTaO3 (-0.15, -0.03) outside.
  for (const Element* p : d.with_class("point")) {
    const std::string f = first_line(tooltip(d, *p));
    const double x = number(*p, "cx"), y = number(*p, "cy");
    const bool in = x > c.x0 && x < c.x1 && y > c.y0 && y < c.y1;
    if (f.rfind("Li3PO4 ", 0) == 0) BOOST_TEST(in);
    if (f.rfind("LiNbO3 ", 0) == 0 || f.rfind("LiTaO3 ", 0) == 0) BOOST_TEST(!in, f);
  }
}

BOOST_AUTO_TEST_CASE(points_take_the_colour_of_their_window_in_the_legend) {
  const Document d = parse_xml(svg_coat(made_result(twelve(), true)));
  std::map<std::string, std::string> fill;
  for (const Element* p : d.with_class("point")) {
    const std::string t = first_line(tooltip(d, *p));
    fill[t.substr(0, t.find(' '))] = attr(*p, "fill");
  }
  BOOST_TEST(fill.at("Li3PO4") == legend_fill(d, "covers"));
  BOOST_TEST(fill.at("LiNbO3") == legend_fill(d, "reduction limit > 2.7 V"));
  BOOST_TEST(fill.at("LiTaO3") == legend_fill(d, "oxidation limit < 4.5 V"));
  BOOST_TEST(fill.at("Li2ZrO3") == legend_fill(d, "both limits out"));
  BOOST_TEST(fill.at("LiPO3") == legend_fill(d, "no window"));
  // Five kinds, five colours; the legend counts each.
  const std::set<std::string> distinct = {fill.at("Li3PO4"), fill.at("LiNbO3"), fill.at("LiTaO3"), fill.at("Li2ZrO3"), fill.at("LiPO3")};
  BOOST_TEST(distinct.size() == 5u);
  std::set<std::string> legend;
  for (const Element* item : d.with_class("legend-item")) legend.insert(d.all_text(*item));
  BOOST_TEST(legend.count("covers \u2264 2.7 to \u2265 4.5 V (8)"));
  BOOST_TEST(legend.count("reduction limit > 2.7 V (1)"));
  BOOST_TEST(legend.count("no window (1)"));
}

BOOST_AUTO_TEST_CASE(the_top_ten_are_labelled_clear_of_each_other) {
  const auto made = twelve();
  const Document d = parse_xml(svg_coat(made_result(made, true, "Qq2O")));
  const auto labels = d.with_class("top-label");
  BOOST_TEST_REQUIRE(labels.size() == 10u);
  std::set<std::string> shown;
  for (const Element* l : labels) shown.insert(d.all_text(*l));
  std::set<std::string> expected;
  for (std::size_t i = 0; i < 10; ++i) expected.insert(std::to_string(i + 1) + " " + made[i].formula);
  BOOST_TEST(shown == expected, boost::test_tools::per_element());

  // Formulas with their numbers as subscripts: lowered tspans.
  for (const Element* l : labels) {
    if (d.all_text(*l) != "4 Li2ZrO3") continue;
    std::vector<std::string> lowered;
    for (std::size_t c : l->children)
      if (d.elements[c].name == "tspan" && attr(d.elements[c], "dy").size() && attr(d.elements[c], "dy").front() != '-')
        lowered.push_back(d.all_text(d.elements[c]));
    BOOST_TEST(lowered == (std::vector<std::string>{"2", "3"}), boost::test_tools::per_element());
  }

  // Each label in its own box, inside the plot, no two overlapping; each text inside its box.
  const Rect frame = rect_of(*d.with_class("plot-frame").front());
  const auto boxes = d.with_class("label-box");
  BOOST_TEST_REQUIRE(boxes.size() == 10u);
  std::vector<Rect> rects;
  for (const Element* b : boxes) rects.push_back(rect_of(*b));
  for (std::size_t i = 0; i < rects.size(); ++i) {
    const Rect& r = rects[i];
    BOOST_TEST((r.x0 >= frame.x0 && r.x1 <= frame.x1 && r.y0 >= frame.y0 && r.y1 <= frame.y1));
    for (std::size_t j = i + 1; j < rects.size(); ++j) {
      const Rect& o = rects[j];
      BOOST_TEST(!(r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1), "labels " << i << " and " << j << " overlap");
    }
    const Element& t = *labels[i];
    BOOST_TEST((number(t, "x") > r.x0 && number(t, "x") < r.x1 && number(t, "y") > r.y0 && number(t, "y") < r.y1));
  }
  // Every leader line starts at a labelled point and ends on its label's box.
  std::vector<std::pair<double, double>> tops;
  for (const Element* p : d.with_class("point"))
    if (std::stoi(first_line(tooltip(d, *p)).substr(first_line(tooltip(d, *p)).find("(rank ") + 6)) <= 10)
      tops.emplace_back(number(*p, "cx"), number(*p, "cy"));
  BOOST_TEST(tops.size() == 10u);
  for (const Element* l : d.with_class("leader")) {
    const double x0 = number(*l, "x1"), y0 = number(*l, "y1"), x1 = number(*l, "x2"), y1 = number(*l, "y2");
    BOOST_TEST(std::any_of(tops.begin(), tops.end(), [&](const auto& p) { return std::hypot(p.first - x0, p.second - y0) < 8; }));
    BOOST_TEST(std::any_of(rects.begin(), rects.end(), [&](const Rect& r) {
      return x1 >= r.x0 - 0.05 && x1 <= r.x1 + 0.05 && y1 >= r.y0 - 0.05 && y1 <= r.y1 + 0.05;
    }));
  }
}

BOOST_AUTO_TEST_CASE(titles_say_the_condition_and_the_unit_and_text_is_escaped) {
  const std::string with_range = svg_coat(made_result(twelve(), true));
  const Document d = parse_xml(with_range);
  std::vector<std::string> axes;
  for (const Element* e : d.with_class("axis-title")) axes.push_back(d.all_text(*e));
  BOOST_TEST_REQUIRE(axes.size() == 2u);
  BOOST_TEST(axes[0].find("Li6PS5Cl over 2\u20134.5 V (eV per non-Li atom)") != std::string::npos, axes[0]);
  BOOST_TEST(axes[1].find("Li2RuO3 / LiRuO3 over 2\u20134.5 V (eV per non-Li atom)") != std::string::npos, axes[1]);
  const std::string title = d.all_text(*d.with_class("title").front());
  BOOST_TEST(title == "Coatings between the electrolyte Li6PS5Cl and the cathode states Li2RuO3, LiRuO3");
  std::string caption;
  for (const Element* note : d.with_class("note")) caption += d.all_text(*note) + " ";
  BOOST_TEST(caption.find("given <by hand> & \"made up\"") != std::string::npos, caption);
  BOOST_TEST(caption.find("Data set made_up (99 entries)") != std::string::npos, caption);
  BOOST_TEST(with_range.find("<by hand>") == std::string::npos);
  for (const char* escaped : {"&lt;by", "hand&gt;", "&amp;", "&quot;made"}) BOOST_TEST(with_range.find(escaped) != std::string::npos);

  // Closed: the closed energies (the range ones would be 0.01 higher), in eV/atom.
  const auto made = twelve();
  const Document c = parse_xml(svg_coat(made_result(made, false)));
  axes.clear();
  for (const Element* e : c.with_class("axis-title")) axes.push_back(c.all_text(*e));
  BOOST_TEST_REQUIRE(axes.size() == 2u);
  BOOST_TEST(axes[0].find("Li6PS5Cl, closed (eV/atom)") != std::string::npos, axes[0]);
  BOOST_TEST(axes[1].find("LiRuO3, closed (eV/atom)") != std::string::npos, axes[1]);
  const Element& panel = *c.with_class("panel").front();
  const ReadAxis ax = read_axis(c, panel, true), ay = read_axis(c, panel, false);
  for (const Element* p : c.with_class("point")) {
    const std::string t = first_line(tooltip(c, *p));
    const auto m = std::find_if(made.begin(), made.end(), [&](const Made& m) { return t.rfind(m.formula + " ", 0) == 0; });
    BOOST_TEST_REQUIRE((m != made.end()));
    BOOST_TEST(std::abs(number(*p, "cx") - ax.px(m->x)) < 0.05);
    BOOST_TEST(std::abs(number(*p, "cy") - ay.px(m->y)) < 0.05);
  }
}

BOOST_AUTO_TEST_CASE(a_far_candidate_adds_a_panel_around_the_corner) {
  // Rank 12 far off at (-3, -2.5): the top ten lie within -0.6 of 0, a fifth
  // of the range, so a second panel shows the region around the corner. Three
  // of the top ten react with neither side (0, 0): one label of three lines.
  const auto covers = window(0.0, 4.6);
  const std::vector<Made> made = {
      {"LiBr", 0.0, 0.0, covers, {}},
      {"Li3PO4", -0.02, -0.05, window(0.7, 4.6), {}},
      {"LiF", 0.0, 0.0, covers, {}},
      {"LiCl", 0.0, 0.0, covers, {}},
      {"LiNbO3", -0.08, -0.12, window(2.9, 4.8), {"window_red", "energy_cathode_range"}},
      {"LiTaO3", -0.15, -0.03, window(1.0, 3.9), {"window_ox", "energy_electrolyte_range"}},
      {"Li2ZrO3", -0.3, -0.2, window(3.0, 4.0), {"window_red", "window_ox", "energy_electrolyte_range", "energy_cathode_range"}},
      {"LiPO3", -0.5, -0.6, covers, kReactions},
      {"Li2SiO3", -0.22, -0.41, covers, kReactions},
      {"Li4Ti5O12", -0.35, -0.05, covers, {"energy_electrolyte_range"}},
      {"Li3BO3", -0.55, -0.25, covers, kReactions},
      {"Li2O", -3.0, -2.5, window(0.0, 2.9), {"window_ox", "energy_electrolyte_range", "energy_cathode_range"}},
  };
  const Document d = parse_xml(svg_coat(made_result(made, true)));
  const auto panels = d.with_class("panel");
  BOOST_TEST_REQUIRE(panels.size() == 2u);
  BOOST_TEST(d.with_class("point").size() == made.size());  // the overview shows every one
  BOOST_TEST(within(d, *panels[0], "top-label").empty());   // labels in the second panel only
  BOOST_TEST(within(d, *panels[1], "top-label").size() == 10u);
  BOOST_TEST(d.with_class("zoom-box").size() == 1u);

  // The second panel: from below every top-ten energy to above 0, with its own corner.
  const ReadAxis bx = read_axis(d, *panels[1], true), by = read_axis(d, *panels[1], false);
  const Rect frame = rect_of(*within(d, *panels[1], "plot-frame").front());
  BOOST_TEST(bx.px(-0.6) >= frame.x0);
  BOOST_TEST(bx.px(-3.0) < frame.x0);  // the far one is not in it
  const auto zoomed = within(d, *panels[1], "point-zoom");
  BOOST_TEST(zoomed.size() == made.size() - 1);
  const Rect c = rect_of(*within(d, *panels[1], "passing-corner").front());
  BOOST_TEST(std::abs(c.x0 - bx.px(-kLimit)) < 0.05);
  BOOST_TEST(std::abs(c.y1 - by.px(-kLimit)) < 0.05);
  // The zoom box on the overview marks the second panel's range: the values at its frame's edges.
  const ReadAxis ax = read_axis(d, *panels[0], true), ay = read_axis(d, *panels[0], false);
  const Rect z = rect_of(*d.with_class("zoom-box").front());
  BOOST_TEST(std::abs(z.x0 - ax.px((frame.x0 - bx.a) / bx.b)) < 0.05);
  BOOST_TEST(std::abs(z.x1 - ax.px((frame.x1 - bx.a) / bx.b)) < 0.05);
  BOOST_TEST(std::abs(z.y0 - ay.px((frame.y0 - by.a) / by.b)) < 0.05);
  BOOST_TEST(std::abs(z.y1 - ay.px((frame.y1 - by.a) / by.b)) < 0.05);

  // The three at (0, 0) share one box, a line each: ten labels in eight boxes, none overlapping.
  BOOST_TEST(within(d, *panels[1], "label-box").size() == 8u);
  std::vector<Rect> rects;
  for (const Element* b : within(d, *panels[1], "label-box")) rects.push_back(rect_of(*b));
  for (std::size_t i = 0; i < rects.size(); ++i)
    for (std::size_t j = i + 1; j < rects.size(); ++j)
      BOOST_TEST(!(rects[i].x0 < rects[j].x1 && rects[j].x0 < rects[i].x1 && rects[i].y0 < rects[j].y1 && rects[j].y0 < rects[i].y1));
  const auto shared = std::max_element(rects.begin(), rects.end(), [](const Rect& a, const Rect& b) { return a.y1 - a.y0 < b.y1 - b.y0; });
  std::vector<std::string> inside;
  for (const Element* t : within(d, *panels[1], "top-label"))
    if (number(*t, "y") > shared->y0 && number(*t, "y") < shared->y1 && number(*t, "x") > shared->x0 && number(*t, "x") < shared->x1)
      inside.push_back(d.all_text(*t));
  BOOST_TEST(inside == (std::vector<std::string>{"1 LiBr", "3 LiF", "4 LiCl"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_page_holds_the_funnel_the_figure_and_a_sortable_row_per_candidate) {
  const auto made = twelve();
  const CoatResult r = made_result(made, true, "Qq2O");
  const std::string html = html_coat(r);
  const Document d = parse_xml(html, page_elements());
  BOOST_TEST(d.elements.front().name == "html");

  const auto tables = d.named("table");
  const auto table_of = [&](const std::string& cls) -> const Element& {
    const auto it = std::find_if(tables.begin(), tables.end(), [&](const Element* t) { return attr(*t, "class") == cls; });
    BOOST_TEST_REQUIRE((it != tables.end()));
    return **it;
  };
  const auto body_rows = [&](const Element& table) {
    std::vector<const Element*> rows;
    for (std::size_t c : table.children)
      if (d.elements[c].name == "tbody")
        for (std::size_t r : d.elements[c].children) rows.push_back(&d.elements[r]);
    return rows;
  };
  BOOST_TEST(body_rows(table_of("funnel")).size() == r.funnel.size());
  const auto rows = body_rows(table_of("ranked sortable"));
  BOOST_TEST_REQUIRE(rows.size() == made.size() + 1);
  // In rank order, each cell with its sort key; the error row last, marked.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    BOOST_TEST(attr(*rows[i], "data-rank") == std::to_string(i));
    const Element& coating = d.elements[rows[i]->children.at(1)];
    BOOST_TEST(d.all_text(coating) == r.candidates[i].formula);
    for (std::size_t c : rows[i]->children) BOOST_TEST(d.elements[c].attrs.count("data-sort") == 1u);
  }
  BOOST_TEST(attr(*rows.back(), "class") == "error");
  BOOST_TEST(attr(*rows.front(), "class") == "pass");
  // A number's key is the number in full.
  const Element& range_first = d.elements[rows[0]->children.at(8)];  // energy_electrolyte_range of Li3PO4
  BOOST_TEST(std::stod(attr(range_first, "data-sort")) == -0.02);

  // The figure inline, and the sorter in the page.
  BOOST_TEST(d.named("svg").size() == 1u);
  BOOST_TEST(d.with_class("point").size() == made.size());
  BOOST_TEST_REQUIRE(d.named("script").size() == 1u);
  BOOST_TEST(d.all_text(*d.named("script").front()).find("addEventListener('click'") != std::string::npos);

  // Nothing from outside: no src or href, no import or url(), and the only
  // address is the SVG namespace.
  for (const char* outside : {"src=", "href=", "@import", "url(", "<link"}) BOOST_TEST(html.find(outside) == std::string::npos, outside);
  for (std::size_t at = html.find("http"); at != std::string::npos; at = html.find("http", at + 1))
    BOOST_TEST(html.compare(at, 26, "http://www.w3.org/2000/svg") == 0);
  // Escaped.
  BOOST_TEST(html.find("given &lt;by hand&gt; &amp; &quot;made up&quot;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_format_names_the_report) {
  const CoatResult r = made_result(twelve(), true);
  BOOST_TEST(coat_report(r, "svg") == svg_coat(r));
  BOOST_TEST(coat_report(r, "html") == html_coat(r));
  BOOST_TEST(coat_report(r, "md") == coat_markdown(r));
  BOOST_TEST(coat_report(r, "csv") == coat_csv(r));
  BOOST_TEST(coat_report(r, "json") == format_coat(r, Format::Json));
  BOOST_CHECK_EXCEPTION(coat_report(r, "png"), Error,
                        [](const Error& e) { return std::string(e.what()).find("'png'") != std::string::npos; });
}

BOOST_AUTO_TEST_SUITE_END()
