#include <boost/test/unit_test.hpp>
// SVG plots: well-formed standalone SVG, and every mark where the data put it.
// Marks are read back from the SVG text with a small XML reader (support/xml.hpp) and
// mapped to data through the plot's own axes (svg_*_frame), whose tick labels
// are checked against the printed numbers; expected values are worked out here
// independently (the Li-O hull by hand, mass fractions from atomic masses).

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "interphase/reaction/map.hpp"
#include "interphase/report/svg.hpp"
#include "support/default_data.hpp"
#include "support/entries.hpp"
#include "support/xml.hpp"

BOOST_AUTO_TEST_SUITE(test_svg)

using namespace interphase;
using interphase::test::entry;

namespace {

using test::Document;
using test::Element;
using test::parse_xml;

/// Parses an SVG plot and checks its root: the SVG namespace, version 1.1, a
/// viewBox from the origin matching width and height, and a size near 800 x 500.
Document parse_svg(const std::string& svg) {
  const Document d = parse_xml(svg);
  const Element& root = d.elements.front();
  BOOST_TEST_REQUIRE(root.name == "svg");
  BOOST_TEST(root.attrs.count("xmlns"));
  if (root.attrs.count("xmlns")) BOOST_TEST(root.attrs.at("xmlns") == "http://www.w3.org/2000/svg");
  BOOST_TEST(root.attrs.count("version"));
  BOOST_TEST_REQUIRE(root.attrs.count("width") + root.attrs.count("height") + root.attrs.count("viewBox") == 3u);
  const double w = std::stod(root.attrs.at("width")), h = std::stod(root.attrs.at("height"));
  BOOST_TEST((w >= 600 && w <= 1000));
  BOOST_TEST((h >= 400 && h <= 1200));  // the reaction plot grows with its kink table
  std::istringstream box(root.attrs.at("viewBox"));
  double bx = -1, by = -1, bw = -1, bh = -1;
  box >> bx >> by >> bw >> bh;
  BOOST_TEST(bx == 0.0);
  BOOST_TEST(by == 0.0);
  BOOST_TEST(bw == w);
  BOOST_TEST(bh == h);
  // Every positioned text lies on the canvas.
  auto texts = d.named("text"), spans = d.named("tspan");
  texts.insert(texts.end(), spans.begin(), spans.end());
  for (const Element* t : texts) {
    if (!t->attrs.count("x") || t->attrs.count("transform")) continue;
    const double x = std::stod(t->attrs.at("x")), y = std::stod(t->attrs.at("y"));
    BOOST_TEST((x >= 0 && x <= w && y >= 0 && y <= h), "text '" << d.all_text(*t) << "' at " << x << "," << y);
  }
  return d;
}

double number(const Element& e, const std::string& attr) {
  BOOST_TEST_REQUIRE(e.attrs.count(attr), "<" << e.name << "> has no " << attr);
  return std::stod(e.attrs.at(attr));
}

std::vector<std::pair<double, double>> points(const Element& e) {
  std::vector<std::pair<double, double>> out;
  std::istringstream in(e.attrs.at("points"));
  std::string pair;
  while (in >> pair) {
    const auto comma = pair.find(',');
    BOOST_TEST_REQUIRE(comma != std::string::npos);
    out.emplace_back(std::stod(pair.substr(0, comma)), std::stod(pair.substr(comma + 1)));
  }
  return out;
}

/// Tick labels: their numbers are round (a 1, 2 or 5 step), inside the axis, in order,
/// and printed where the axis puts them.
void check_ticks(const Document& d, const SvgFrame& f) {
  // (x labels are centred on their tick, y labels sit beside theirs: within `near` px)
  for (const auto& [cls, axis, attr, near] : {std::tuple{"tick-x", &f.x, "x", 1e-3}, std::tuple{"tick-y", &f.y, "y", 8.0}}) {
    const auto labels = d.with_class(cls);
    BOOST_TEST_REQUIRE(labels.size() >= 3u, cls);
    BOOST_TEST(labels.size() <= 12u, cls);
    std::vector<double> values;
    for (const Element* l : labels) {
      const double v = std::stod(d.all_text(*l));
      values.push_back(v);
      BOOST_TEST(std::abs(axis->to_px(v) - number(*l, attr)) < near, cls << " " << v);
      BOOST_TEST((v >= axis->lo - 1e-12 && v <= axis->hi + 1e-12), cls << " " << v);
    }
    const double step = values[1] - values[0];
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
    BOOST_TEST((std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9), cls << " step " << step);
    for (std::size_t k = 0; k < values.size(); ++k) {
      BOOST_TEST(std::abs(values[k] - values[0] - step * k) < 1e-9 * step * values.size(), cls);
      BOOST_TEST(std::abs(values[k] / step - std::round(values[k] / step)) < 1e-6, cls << " " << values[k]);
    }
  }
}

/// The data point at canvas (px, py) matches (x, y) to 1e-6 of each axis's range.
bool at(const SvgFrame& f, double px, double py, double x, double y) {
  return std::abs(f.x.from_px(px) - x) <= 1e-6 * (f.x.hi - f.x.lo) && std::abs(f.y.from_px(py) - y) <= 1e-6 * (f.y.hi - f.y.lo);
}

// Li-O: Li2O (x_O 1/3, -2.0) and Li2O2 (1/2, -1.6) on the hull; Li3O and LiO2 above it.
PhaseDiagram li_o() {
  return PhaseDiagram({entry("Li", 0.0), entry("O2", 0.0), entry("Li3O", -1.0), entry("Li2O", -2.0),
                       entry("Li2O2", -1.6), entry("LiO2", -0.9)});
}

/// The reaction of A and B in a made-up phase diagram: its stable phases, the reactants' own entries from it.
InterfaceReaction react_in_pd(const PhaseDiagram& pd, const Reactant& a, const std::string& b, EnergyForm form) {
  Reactant ra = a;
  if (const auto own = own_entry(pd, a.composition)) ra.own_energy = pd.entries()[*own].e_form;
  return react(StableSet::of(pd), ra, reactant_in(pd, b), {form, ReactantEnergy::Entry, {}});
}

struct Seed {
  std::shared_ptr<const StableSet> closed = test::default_stable_set({"Li6PS5Cl", "Li2RuO3"}, {3});
  Reactant a = test::default_reactant(*closed, "Li6PS5Cl"), b = test::default_reactant(*closed, "Li2RuO3");
};
const Seed& seed() {
  static const Seed s;
  return s;
}

}  // namespace

// ---------------------------------------------------------------- the helpers

BOOST_AUTO_TEST_CASE(the_xml_reader_rejects_what_is_not_well_formed) {
  BOOST_CHECK_NO_THROW(parse_xml("<?xml version=\"1.0\"?>\n<svg a=\"1\"><g><text x=\"1\">a &amp; b</text></g><rect/></svg>\n"));
  BOOST_CHECK_THROW(parse_xml("<svg><rect></svg>"), std::runtime_error);            // crossed
  BOOST_CHECK_THROW(parse_xml("<svg><text>a < b</text></svg>"), std::runtime_error);  // bare '<'
  BOOST_CHECK_THROW(parse_xml("<svg><text>a & b</text></svg>"), std::runtime_error);  // bare '&'
  BOOST_CHECK_THROW(parse_xml("<svg><blink/></svg>"), std::runtime_error);            // unknown element
  BOOST_CHECK_THROW(parse_xml("<svg a=\"1\" a=\"2\"/>"), std::runtime_error);         // duplicate attribute
  BOOST_CHECK_THROW(parse_xml("<svg a=1/>"), std::runtime_error);                     // unquoted
  BOOST_CHECK_THROW(parse_xml("<svg/><svg/>"), std::runtime_error);                   // two roots
  BOOST_CHECK_THROW(parse_xml("<svg><g>"), std::runtime_error);                       // unclosed
  BOOST_CHECK_THROW(parse_xml("<svg></svg>stray"), std::runtime_error);               // text outside
}

BOOST_AUTO_TEST_CASE(nice_ticks_are_round_and_cover_the_range) {
  BOOST_TEST(nice_ticks(0, 1, 5) == (std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1}), boost::test_tools::per_element());
  BOOST_TEST(nice_ticks(0, 5, 5) == (std::vector<double>{0, 1, 2, 3, 4, 5}), boost::test_tools::per_element());
  BOOST_TEST(nice_ticks(-0.3463, 0.05, 5) == (std::vector<double>{-0.4, -0.3, -0.2, -0.1, 0, 0.1}), boost::test_tools::per_element());
  BOOST_TEST(nice_ticks(1.72, 2.14, 5) == (std::vector<double>{1.7, 1.8, 1.9, 2.0, 2.1, 2.2}), boost::test_tools::per_element());
  BOOST_TEST(nice_ticks(-130, 1700, 5) == (std::vector<double>{-500, 0, 500, 1000, 1500, 2000}), boost::test_tools::per_element());
  for (const auto& [lo, hi] : std::vector<std::pair<double, double>>{{-2.07, 0.31}, {0.013, 0.0171}, {-1e-3, 4e-4}, {3, 3}, {0, 0}, {7, -2}}) {
    const auto t = nice_ticks(lo, hi, 5);
    BOOST_TEST_REQUIRE(t.size() >= 3u);
    BOOST_TEST(t.size() <= 12u);
    BOOST_TEST(t.front() <= std::min(lo, hi));
    BOOST_TEST(t.back() >= std::max(lo, hi));
    const double step = t[1] - t[0];
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
    BOOST_TEST((std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9));
    for (double v : t) BOOST_TEST(std::abs(v / step - std::round(v / step)) < 1e-9);
  }
}

BOOST_AUTO_TEST_CASE(numbers_and_text) {
  BOOST_TEST(svg_number(0.25) == "0.25");
  BOOST_TEST(svg_number(3.0) == "3");
  BOOST_TEST(svg_number(-0.00001) == "0");
  BOOST_TEST(svg_number(1234.56789) == "1234.5679");
  BOOST_TEST(svg_number(0.30000000000000004, 2) == "0.3");
  BOOST_TEST(xml_escape("A&B <C> \"d\" 'e'") == "A&amp;B &lt;C&gt; &quot;d&quot; &apos;e&apos;");
  SvgAxis y{-1, 1, 400, 100, {}};
  BOOST_TEST(y.to_px(-1) == 400.0);
  BOOST_TEST(y.to_px(1) == 100.0);
  BOOST_TEST(y.to_px(0) == 250.0);
  BOOST_TEST(std::abs(y.from_px(y.to_px(0.37)) - 0.37) < 1e-12);
}

// ---------------------------------------------------------------- reaction

BOOST_AUTO_TEST_CASE(lithium_and_oxygen_by_hand) {
  const PhaseDiagram pd = li_o();
  const InterfaceReaction r = react_in_pd(pd, Reactant::parse("Li"), "O2", EnergyForm::Mutual);
  ReactionContext ctx;
  ctx.chemsys = "Li-O";
  const std::string svg = svg_reaction(r, ctx);
  const Document d = parse_svg(svg);
  const SvgFrame f = svg_reaction_frame(r);
  check_ticks(d, f);
  BOOST_TEST(f.x.lo == 0.0);
  BOOST_TEST(f.x.hi == 1.0);
  BOOST_TEST(f.y.lo <= -2.0);
  BOOST_TEST(f.y.hi >= 0.0);

  // Worked out by hand: x = atomic fraction of Li; O2 (0, 0), Li2O2 (1/2, -1.6), Li2O (2/3, -2), Li (1, 0).
  const std::vector<std::pair<double, double>> kinks{{0, 0}, {0.5, -1.6}, {2.0 / 3.0, -2.0}, {1, 0}};
  const auto curve = d.with_class("curve");
  BOOST_TEST_REQUIRE(curve.size() == 1u);
  BOOST_TEST(curve[0]->name == "polyline");
  const auto pts = points(*curve[0]);
  BOOST_TEST_REQUIRE(pts.size() == kinks.size());
  for (std::size_t i = 0; i < kinks.size(); ++i)
    BOOST_TEST(at(f, pts[i].first, pts[i].second, kinks[i].first, kinks[i].second), "curve point " << i);

  const auto markers = d.with_class("kink");
  BOOST_TEST_REQUIRE(markers.size() == kinks.size());
  for (std::size_t i = 0; i < kinks.size(); ++i)
    BOOST_TEST(at(f, number(*markers[i], "cx"), number(*markers[i], "cy"), kinks[i].first, kinks[i].second), "kink " << i);
  // Each kink numbered 1 to 4, its number above its marker within 30 px.
  const auto numbers = d.with_class("kink-number");
  BOOST_TEST_REQUIRE(numbers.size() == kinks.size());
  std::set<std::string> seen;
  for (const Element* l : numbers) {
    const std::size_t i = std::stoul(d.all_text(*l)) - 1;
    BOOST_TEST_REQUIRE(i < kinks.size());
    seen.insert(d.all_text(*l));
    const double dx = number(*l, "x") - number(*markers[i], "cx"), dy = number(*markers[i], "cy") - number(*l, "y");
    BOOST_TEST((std::abs(dx) < 30 && dy > 0 && dy < 30), "number " << i + 1 << " at " << dx << ", " << dy);
  }
  BOOST_TEST(seen.size() == kinks.size());

  const auto minimum = d.with_class("minimum");
  BOOST_TEST_REQUIRE(minimum.size() == 1u);
  BOOST_TEST(at(f, number(*minimum[0], "cx"), number(*minimum[0], "cy"), 2.0 / 3.0, -2.0));

  // The table: one row per kink, in order, x and E to 4 decimals, the products (the minimum's: Li2O).
  const auto rows = d.with_class("table-number"), xs = d.with_class("table-x"), es = d.with_class("table-energy");
  const auto products = d.with_class("table-products");
  BOOST_TEST_REQUIRE(rows.size() == kinks.size());
  BOOST_TEST_REQUIRE(xs.size() == kinks.size());
  BOOST_TEST_REQUIRE(es.size() == kinks.size());
  BOOST_TEST_REQUIRE(products.size() == kinks.size());  // one line each: short lists
  const std::vector<std::string> x_text{"0.0000", "0.5000", "0.6667", "1.0000"}, e_text{"0.0000", "-1.6000", "-2.0000", "0.0000"};
  const std::vector<std::string> names{"O2", "Li2O2", "Li2O", "Li"};
  for (std::size_t i = 0; i < kinks.size(); ++i) {
    BOOST_TEST(d.all_text(*rows[i]) == std::to_string(i + 1));
    BOOST_TEST(d.all_text(*xs[i]) == x_text[i]);
    BOOST_TEST(d.all_text(*es[i]) == e_text[i]);
    BOOST_TEST(d.all_text(*products[i]) == names[i]);
    BOOST_TEST(number(*rows[i], "y") > f.y.px_lo + 60, "the table is under the plot");
    if (i > 0) BOOST_TEST(number(*rows[i], "y") > number(*rows[i - 1], "y"));
  }
  // Formulas with subscripts: O2's 2 is a lowered, smaller tspan.
  BOOST_TEST_REQUIRE(!products[0]->children.empty());
  const Element& sub = d.elements[products[0]->children[0]];
  BOOST_TEST(d.all_text(sub) == "2");
  BOOST_TEST(sub.attrs.count("dy"));

  // 30 wt% Li: atoms of Li over all atoms, from the masses; below x = 1/2 the energy is -1.6 x / (1/2).
  const double li = 0.3 / element(3).mass, o = 0.7 / element(8).mass, xc = li / (li + o);
  BOOST_TEST_REQUIRE(xc < 0.5);
  const auto composite = d.with_class("composite");
  BOOST_TEST_REQUIRE(composite.size() == 1u);
  const auto corners = points(*composite[0]);
  BOOST_TEST_REQUIRE(!corners.empty());
  double cx = 0, cy = 0;
  for (const auto& [px, py] : corners) cx += px / corners.size(), cy += py / corners.size();
  BOOST_TEST(at(f, cx, cy, xc, -3.2 * xc));

  const auto text_of = [&](const std::string& cls) {
    const auto e = d.with_class(cls);
    BOOST_TEST_REQUIRE(e.size() == 1u, cls);
    return d.all_text(*e[0]);
  };
  // (xc above, about 0.497, at -3.2 xc, about -1.59 eV/atom)
  BOOST_TEST(text_of("legend-composite") == "30 wt% Li: " + svg_number(-3.2 * xc) + " eV/atom at x = " + svg_number(xc, 3));
  BOOST_TEST(svg_number(xc, 3) == "0.497");
  BOOST_TEST(text_of("legend-minimum") == "minimum (kink 3): -2 eV/atom at x = 0.667");
  BOOST_TEST(text_of("title") == "Li + O2");
  BOOST_TEST(text_of("subtitle") == "mutual reaction energy, closed");
  BOOST_TEST(text_of("x-title") == "x (atomic fraction of Li)");
  BOOST_TEST(text_of("y-title") == "reaction energy (eV/atom)");
  BOOST_TEST(svg.find("non-") == std::string::npos);
  BOOST_TEST(svg_reaction(r, ctx) == svg);  // deterministic
}

BOOST_AUTO_TEST_CASE(total_form_and_open_labels) {
  const PhaseDiagram pd = li_o();
  // Li3O is 0.5 eV/atom above the hull: the total form ends at -0.5 at x = 1.
  const InterfaceReaction r = react_in_pd(pd, Reactant::parse("Li3O"), "O2", EnergyForm::Total);
  ReactionContext ctx;
  ctx.form = EnergyForm::Total;
  ctx.open["Li"] = -2.5;  // only labels: the title and the unit
  const Document d = parse_svg(svg_reaction(r, ctx));
  const SvgFrame f = svg_reaction_frame(r);
  check_ticks(d, f);
  const auto markers = d.with_class("kink");
  BOOST_TEST_REQUIRE(markers.size() == r.kinks().size());
  BOOST_TEST(at(f, number(*markers.back(), "cx"), number(*markers.back(), "cy"), 1.0, -0.5));
  const auto text_of = [&](const Document& doc, const std::string& cls) {
    const auto e = doc.with_class(cls);
    BOOST_TEST_REQUIRE(e.size() == 1u, cls);
    return doc.all_text(*e[0]);
  };
  BOOST_TEST(text_of(d, "title") == "Li3O + O2");
  BOOST_TEST(text_of(d, "subtitle") == "total reaction energy, Li open at 2.5 V vs Li/Li+");
  BOOST_TEST(text_of(d, "y-title") == "reaction energy (eV per non-Li atom)");
  BOOST_TEST(text_of(d, "legend-minimum").find(" eV per non-Li atom at x = ") != std::string::npos);
  BOOST_TEST(d.all_text(*d.with_class("table-energy").back()) == "-0.5000");
  // Another element by its chemical potential, in eV.
  ctx.open = {{"O", -1.5}};
  const Document o = parse_svg(svg_reaction(r, ctx));
  BOOST_TEST(text_of(o, "subtitle") == "total reaction energy, O open at \u03bc(O) = -1.5 eV");
  BOOST_TEST(text_of(o, "y-title") == "reaction energy (eV per non-O atom)");
}

BOOST_AUTO_TEST_CASE(names_are_escaped) {
  // Formulas are plain ASCII, but whatever a reactant is called must not break the XML.
  const PhaseDiagram pd = li_o();
  const Reactant a{"Li<&>", Composition::parse("Li")};
  const InterfaceReaction r = react_in_pd(pd, a, "O2", EnergyForm::Mutual);
  const std::string svg = svg_reaction(r, ReactionContext{});
  const Document d = parse_svg(svg);
  BOOST_TEST_REQUIRE(d.with_class("title").size() == 1u);
  BOOST_TEST(d.all_text(*d.with_class("title")[0]) == "Li<&> + O2");
  BOOST_TEST(svg.find("Li<&>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(seed_pair_at_three_volts) {
  // With Li open, x is not linear in the position on the Li-free line: the curve
  // passes through every kink and, between kinks, through the exact energies.
  const Seed& s = seed();
  const InterfaceReaction r = react(s.closed, s.a, s.b, {EnergyForm::Mutual, ReactantEnergy::Entry, {{3, -3.0}}});
  ReactionContext ctx;
  ctx.open["Li"] = -3.0;
  const Document d = parse_svg(svg_reaction(r, ctx));
  const SvgFrame f = svg_reaction_frame(r);
  check_ticks(d, f);
  const auto curve = d.with_class("curve");
  BOOST_TEST_REQUIRE(curve.size() == 1u);
  const auto pts = points(*curve[0]);
  BOOST_TEST_REQUIRE(pts.size() >= r.kinks().size());
  for (std::size_t i = 1; i < pts.size(); ++i) BOOST_TEST(pts[i].first >= pts[i - 1].first);
  for (const auto& [px, py] : pts) {
    const double x = std::clamp(f.x.from_px(px), 0.0, 1.0);
    BOOST_TEST(std::abs(f.y.from_px(py) - r.energy_at(x)) <= 1e-5 * (f.y.hi - f.y.lo), "at x = " << x);
  }
  const auto markers = d.with_class("kink");
  BOOST_TEST_REQUIRE(markers.size() == r.kinks().size());
  for (const auto& k : r.kinks()) {
    const bool on_curve = std::any_of(pts.begin(), pts.end(), [&](const auto& p) { return at(f, p.first, p.second, k.x, k.energy); });
    const bool marked = std::any_of(markers.begin(), markers.end(),
                                    [&](const Element* m) { return at(f, number(*m, "cx"), number(*m, "cy"), k.x, k.energy); });
    BOOST_TEST(on_curve, "kink at x = " << k.x);
    BOOST_TEST(marked, "kink at x = " << k.x);
  }
  BOOST_TEST(d.with_class("composite").size() == 1u);
  BOOST_TEST(d.with_class("minimum").size() == 1u);

  // Numbers, not product lists, beside the curve: one per kink, none overlapping another
  // (10 px digits, 0.6 em each), leader lines from a kink to its own number that never cross.
  const auto numbers = d.with_class("kink-number");
  BOOST_TEST_REQUIRE(numbers.size() == r.kinks().size());
  for (std::size_t i = 0; i < numbers.size(); ++i)
    for (std::size_t j = i + 1; j < numbers.size(); ++j) {
      const double wi = 6.0 * d.all_text(*numbers[i]).size(), wj = 6.0 * d.all_text(*numbers[j]).size();
      const double dx = std::abs(number(*numbers[i], "x") - number(*numbers[j], "x")), dy = std::abs(number(*numbers[i], "y") - number(*numbers[j], "y"));
      BOOST_TEST((dx >= 0.5 * (wi + wj) || dy >= 10), "numbers " << d.all_text(*numbers[i]) << " and " << d.all_text(*numbers[j]) << " overlap");
    }
  const auto leaders = d.with_class("leader");
  const auto cross = [&](const Element& a, const Element& b) {
    const double ax = number(a, "x1"), ay = number(a, "y1"), bx = number(a, "x2"), by = number(a, "y2");
    const double cx = number(b, "x1"), cy = number(b, "y1"), dx = number(b, "x2"), dy = number(b, "y2");
    const auto side = [](double px, double py, double qx, double qy, double rx, double ry) { return (qx - px) * (ry - py) - (qy - py) * (rx - px); };
    return side(ax, ay, bx, by, cx, cy) * side(ax, ay, bx, by, dx, dy) < 0 && side(cx, cy, dx, dy, ax, ay) * side(cx, cy, dx, dy, bx, by) < 0;
  };
  for (std::size_t i = 0; i < leaders.size(); ++i) {
    const bool from_a_kink = std::any_of(markers.begin(), markers.end(), [&](const Element* m) {
      return std::abs(number(*m, "cx") - number(*leaders[i], "x1")) < 1e-3 && std::abs(number(*m, "cy") - 4 - number(*leaders[i], "y1")) < 1e-3;
    });
    BOOST_TEST(from_a_kink, "leader " << i);
    for (std::size_t j = i + 1; j < leaders.size(); ++j) BOOST_TEST(!cross(*leaders[i], *leaders[j]), "leaders " << i << " and " << j << " cross");
  }

  // The table: every kink's x and energy as the JSON has them, to 4 decimals; the minimum's products.
  const auto xs = d.with_class("table-x"), es = d.with_class("table-energy");
  BOOST_TEST_REQUIRE(xs.size() == r.kinks().size());
  BOOST_TEST_REQUIRE(es.size() == r.kinks().size());
  const auto json = reaction_json(r, ctx);
  for (std::size_t i = 0; i < r.kinks().size(); ++i) {
    BOOST_TEST(std::abs(std::stod(d.all_text(*xs[i])) - json["kinks"][i]["x"].get<double>()) <= 5e-5);
    BOOST_TEST(std::abs(std::stod(d.all_text(*es[i])) - json["kinks"][i]["energy"].get<double>()) <= 5e-5);
  }
  std::string minimum_products;
  for (const auto& [name, fraction] : json["minimum"]["products"].items()) minimum_products += (minimum_products.empty() ? "" : " + ") + name;
  bool found = false;
  for (const Element* p : d.with_class("table-products")) found = found || (d.all_text(*p) == minimum_products && p->attrs.count("font-weight"));
  BOOST_TEST(found, minimum_products);
}

// ---------------------------------------------------------------- sweep

BOOST_AUTO_TEST_CASE(sweep_of_the_seed_pair) {
  const Seed& s = seed();
  const auto rows = voltage_sweep(s.closed, s.a, s.b, 3, voltage_grid(0, 5, 0.1));
  const Document d = parse_svg(svg_sweep(s.a, s.b, 3, EnergyForm::Mutual, rows));
  const SvgFrame f = svg_sweep_frame(rows);
  check_ticks(d, f);
  const auto curve = d.with_class("curve");
  BOOST_TEST_REQUIRE(curve.size() == 1u);
  const auto pts = points(*curve[0]);
  BOOST_TEST_REQUIRE(pts.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    BOOST_TEST(at(f, pts[i].first, pts[i].second, rows[i].voltage, rows[i].minimum.energy), "V = " << rows[i].voltage);
  std::string all;
  for (const auto& e : d.elements) all += e.text + "\n";
  BOOST_TEST(all.find("V vs Li/Li+") != std::string::npos);
  BOOST_TEST(all.find("eV per non-Li atom") != std::string::npos);
  // The title reads as written, its formulas' numbers as subscripts (lowered tspans), as in react's plot.
  const auto title = d.with_class("title");
  BOOST_TEST_REQUIRE(title.size() == 1u);
  BOOST_TEST(d.all_text(*title[0]) == "Li6PS5Cl + Li2RuO3, mutual, Li open");
  std::size_t lowered = 0;
  for (const std::size_t c : title[0]->children)
    if (d.elements[c].name == "tspan" && d.elements[c].attrs.count("font-size")) ++lowered;
  BOOST_TEST(lowered == 4u);  // 6 and 5 in Li6PS5Cl, 2 and 3 in Li2RuO3, none in the words
}

// ---------------------------------------------------------------- map

namespace {

/// Every region is one rect, in order, where its corners are, titled with its
/// products; regions of one product set share a colour and different sets differ.
void check_map(const ReactionMap& map, const Document& d) {
  const SvgFrame f = svg_map_frame(map);
  check_ticks(d, f);
  const auto rects = d.with_class("region");
  BOOST_TEST_REQUIRE(rects.size() == map.regions.size());
  std::map<std::vector<std::string>, std::string> colour_of;
  std::map<std::string, std::vector<std::string>> set_of;
  for (std::size_t i = 0; i < rects.size(); ++i) {
    const Element& e = *rects[i];
    const MapRegion& g = map.regions[i];
    const double x = number(e, "x"), y = number(e, "y"), w = number(e, "width"), h = number(e, "height");
    BOOST_TEST(at(f, x, y + h, g.x0, g.v0), "region " << i);
    BOOST_TEST(at(f, x + w, y, g.x1, g.v1), "region " << i);
    BOOST_TEST_REQUIRE(e.children.size() == 1u);
    BOOST_TEST(d.elements[e.children[0]].name == "title");
    std::string names;
    for (const auto& p : g.products) names += (names.empty() ? "" : " + ") + p;
    BOOST_TEST(d.all_text(d.elements[e.children[0]]) == names);
    const std::string fill = e.attrs.at("fill");
    BOOST_TEST((fill.size() == 7 && fill[0] == '#'), fill);
    const auto [it, fresh] = colour_of.emplace(g.products, fill);
    BOOST_TEST(it->second == fill, "region " << i << " (" << names << ")");
    const auto [jt, new_colour] = set_of.emplace(fill, g.products);
    BOOST_TEST((jt->second == g.products), "colour " << fill << " for two product sets");
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(lithium_oxides_map_by_hand) {
  // Li2O + O2 with Li open: one x column; Li2O below 2.8 V, Li2O2 to 3.2 V, O2 above.
  const auto pd = StableSet::of(PhaseDiagram({entry("Li", 0.0), entry("O2", 0.0), entry("Li2O", -2.0), entry("Li2O2", -1.6)}));
  const ReactionMap map = reaction_map(pd, Reactant::parse("Li2O"), Reactant::parse("O2"), 3, 0.0, 5.0);
  BOOST_TEST_REQUIRE(map.regions.size() == 3u);
  const std::string svg = svg_map(map);
  const Document d = parse_svg(svg);
  check_map(map, d);
  const SvgFrame f = svg_map_frame(map);
  BOOST_TEST(f.y.lo == 0.0);
  BOOST_TEST(f.y.hi == 5.0);
  // By hand: the Li2O2 band spans 2.8 to 3.2 V.
  const Element& band = *d.with_class("region")[1];
  BOOST_TEST(std::abs(f.y.from_px(number(band, "y")) - 3.2) < 1e-6);
  BOOST_TEST(std::abs(f.y.from_px(number(band, "y") + number(band, "height")) - 2.8) < 1e-6);
  BOOST_TEST(d.with_class("legend-swatch").size() == 3u);
  BOOST_TEST(svg_map(map) == svg);
  // Titles and legend read as written, the formulas' numbers lowered.
  const auto title = d.with_class("title");
  BOOST_TEST_REQUIRE(title.size() == 1u);
  BOOST_TEST(d.all_text(*title[0]) == "Li2O + O2, mutual, Li open");
  const auto legend = d.with_class("legend-products");
  BOOST_TEST_REQUIRE(legend.size() == 3u);
  std::vector<std::string> names;
  for (const Element* e : legend) names.push_back(d.all_text(*e));
  BOOST_TEST((std::set<std::string>(names.begin(), names.end()) == std::set<std::string>{"Li2O", "Li2O2", "O2"}));
  BOOST_TEST(svg.find("font-size=\"7.2\"") != std::string::npos);  // a subscript at 0.72 of the legend's 10 px
}

BOOST_AUTO_TEST_CASE(seed_pair_map) {
  const Seed& s = seed();
  const ReactionMap map = reaction_map(s.closed, s.a, s.b, 3, 0.0, 5.0);
  const Document d = parse_svg(svg_map(map));
  check_map(map, d);
  // Some product set holds more than one region (else the colour check proved little).
  std::map<std::vector<std::string>, double> area;
  for (const auto& g : map.regions) area[g.products] += (g.x1 - g.x0) * (g.v1 - g.v0);
  BOOST_TEST_REQUIRE(area.size() < map.regions.size());
  BOOST_TEST_REQUIRE(area.size() > 20u);
  // The legend: 20 swatches, the largest sets, and says how many there are.
  BOOST_TEST(d.with_class("legend-swatch").size() == 20u);
  std::string all;
  for (const auto& e : d.elements) all += e.text + "\n";
  BOOST_TEST(all.find("20 largest of " + std::to_string(area.size())) != std::string::npos);
  BOOST_TEST(all.find(std::to_string(area.size() - 20) + " smaller sets") != std::string::npos);
  const auto largest = std::max_element(area.begin(), area.end(), [](const auto& p, const auto& q) { return p.second < q.second; });
  std::string first;
  for (const auto& p : largest->first) first += (first.empty() ? "" : " + ") + p;
  BOOST_TEST(all.find(first) != std::string::npos, first);
}

// ---------------------------------------------------------------- energy map

namespace {

/// "#rrggbb" -> three channels in [0, 255].
std::array<double, 3> rgb(const std::string& hex) {
  BOOST_TEST_REQUIRE((hex.size() == 7 && hex[0] == '#'), hex);
  return {static_cast<double>(std::stoi(hex.substr(1, 2), nullptr, 16)),
          static_cast<double>(std::stoi(hex.substr(3, 2), nullptr, 16)),
          static_cast<double>(std::stoi(hex.substr(5, 2), nullptr, 16))};
}

/// The stops (offset, colour) of a linearGradient element.
std::vector<std::pair<double, std::array<double, 3>>> stops(const Document& d, const Element& gradient) {
  std::vector<std::pair<double, std::array<double, 3>>> out;
  for (std::size_t c : gradient.children) {
    const Element& s = d.elements[c];
    out.emplace_back(number(s, "offset"), rgb(s.attrs.at("stop-color")));
  }
  return out;
}

/// A gradient's colour at an offset, interpolated between its stops.
std::array<double, 3> colour_at(const std::vector<std::pair<double, std::array<double, 3>>>& s, double offset) {
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (offset > s[i].first && i + 1 < s.size()) continue;
    const double w = s[i].first > s[i - 1].first ? std::clamp((offset - s[i - 1].first) / (s[i].first - s[i - 1].first), 0.0, 1.0) : 0;
    std::array<double, 3> out{};
    for (int k = 0; k < 3; ++k) out[k] = (1 - w) * s[i - 1].second[k] + w * s[i].second[k];
    return out;
  }
  return s.front().second;
}

}  // namespace

BOOST_AUTO_TEST_CASE(energy_map_reads_back_as_the_reaction_energy) {
  const Seed& s = seed();
  const ReactionMap map = reaction_map(s.closed, s.a, s.b, 3, 0.0, 5.0);
  const std::string svg = svg_energy_map(map);
  BOOST_TEST(svg_energy_map(map) == svg);
  const Document d = parse_svg(svg);
  const SvgFrame f = svg_energy_map_frame(map);
  check_ticks(d, f);
  std::string all;
  for (const auto& e : d.elements) all += e.text + "\n";
  BOOST_TEST(all.find("reaction energy (eV per non-Li atom)") != std::string::npos);
  const auto x_title = d.with_class("x-title");  // its formula with subscripts: text in several tspans
  BOOST_TEST_REQUIRE(x_title.size() == 1u);
  BOOST_TEST(d.all_text(*x_title[0]) == "x (atomic fraction of Li6PS5Cl)");
  BOOST_TEST(d.all_text(*d.with_class("title").at(0)) == "Li6PS5Cl + Li2RuO3: mutual reaction energy, Li open");
  BOOST_TEST(all.find("V vs Li/Li+") != std::string::npos);

  // The colour bar: its labels map energy to height linearly; its gradient runs top to bottom.
  std::map<std::string, const Element*> by_id;
  for (const auto& e : d.elements)
    if (e.attrs.count("id")) by_id[e.attrs.at("id")] = &e;
  const auto bars = d.with_class("colorbar");
  BOOST_TEST_REQUIRE(bars.size() == 1u);
  const Element& bar = *bars[0];
  const double bar_top = number(bar, "y"), bar_height = number(bar, "height");
  const auto bar_stops = stops(d, *by_id.at("colorbar"));
  const auto labels = d.with_class("tick-c");
  BOOST_TEST_REQUIRE(labels.size() >= 3u);
  const double e0 = std::stod(d.all_text(*labels.front())), e1 = std::stod(d.all_text(*labels.back()));
  const double y0 = number(*labels.front(), "y") - 4, y1 = number(*labels.back(), "y") - 4;
  BOOST_TEST(e0 < e1);  // listed from the bottom (most negative) up
  const auto energy_px = [&](double e) { return y0 + (e - e0) / (e1 - e0) * (y1 - y0); };
  BOOST_TEST(e0 <= -0.7);  // the map's deepest energy, about -0.8 eV per non-Li atom near 2.5 V

  // Every band: where it is, and its colours at the kinks are the colour bar's at the map's energy there.
  const auto bands = d.with_class("energy-band");
  BOOST_TEST_REQUIRE(bands.size() >= map.columns.size());
  double covered = 0;
  std::size_t compared = 0;
  for (const Element* b : bands) {
    const double top = number(*b, "y"), height = number(*b, "height");
    covered += height;
    const double v = f.y.from_px(top + 0.5 * std::min(height, 3.0));
    std::string fill = b->attrs.at("fill");
    const auto gradient = stops(d, *by_id.at(fill.substr(5, fill.size() - 6)));
    const MapColumn& c = map.column_at(v);
    for (const auto& k : c.kinks) {
      const auto shown = colour_at(gradient, k.x);
      const auto expected = colour_at(bar_stops, (energy_px(map_energy(map, k.x, v)) - bar_top) / bar_height);
      for (int ch = 0; ch < 3; ++ch)
        BOOST_TEST(std::abs(shown[ch] - expected[ch]) <= 6.0, "band at " << v << " V, kink x " << k.x);
      ++compared;
    }
  }
  BOOST_TEST(compared > 500u);
  BOOST_TEST(covered >= f.y.px_lo - f.y.px_hi);  // the bands cover the plot (overlapping slightly)

  // Boundaries lie on region edges; labels name product sets of the map.
  std::set<std::string> sets;
  for (const auto& g : map.regions) sets.insert(joined(g.products));
  for (const Element* l : d.with_class("boundary")) {
    const double x1 = number(*l, "x1"), x2 = number(*l, "x2"), ly1 = number(*l, "y1"), ly2 = number(*l, "y2");
    const bool on_edge = std::any_of(map.regions.begin(), map.regions.end(), [&](const MapRegion& g) {
      return (x1 == x2 && std::abs(f.x.from_px(x1) - g.x0) < 1e-6) ||
             (ly1 == ly2 && std::abs(f.y.from_px(ly1) - g.v0) < 1e-6);
    });
    BOOST_TEST(on_edge);
  }
  BOOST_TEST(d.with_class("boundary").size() > 50u);
  BOOST_TEST(d.with_class("region-label").size() >= 5u);
  // The composite line sits at 30 wt% Li6PS5Cl.
  const auto composite = d.with_class("composite");
  BOOST_TEST_REQUIRE(composite.size() == 1u);
  const double ma = s.a.composition.mass(), mb = s.b.composition.mass();
  const double na = 0.3 / ma * s.a.composition.num_atoms(), nb = 0.7 / mb * s.b.composition.num_atoms();
  BOOST_TEST(std::abs(f.x.from_px(number(*composite[0], "x1")) - na / (na + nb)) < 1e-6);
}

BOOST_AUTO_TEST_SUITE_END()  // test_svg
