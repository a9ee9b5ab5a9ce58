#include <boost/test/unit_test.hpp>
// The screen as a figure and a page, from made-up rows: the heatmap is
// well-formed SVG with one panel per condition and one cell per row, each cell
// coloured by its energy on the figure's own colour bar; failed pairs are
// hatched with a legend entry; more than 60 materials A are cut to the 30 most
// and 30 least reactive with a note; the HTML page parses and holds the
// figure, the ranked table, the settings and the data set.

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "interphase/report/screen_format.hpp"
#include "support/xml.hpp"

BOOST_AUTO_TEST_SUITE(test_screen_plot)

using namespace interphase;
using test::Document;
using test::Element;
using test::parse_xml;

namespace {

/// The elements the heatmap uses: the plots' own, and its hatch and colour bar gradient.
const std::set<std::string>& heatmap_elements() {
  static const std::set<std::string> known = [] {
    std::set<std::string> k = test::svg_plot_elements();
    k.insert({"defs", "pattern", "linearGradient", "stop"});
    return k;
  }();
  return known;
}

/// The elements of the page: the heatmap's and the HTML the page is made of.
const std::set<std::string>& page_elements() {
  static const std::set<std::string> known = [] {
    std::set<std::string> k = heatmap_elements();
    k.insert({"html", "head", "meta", "style", "body", "h1", "h2", "p", "dl", "dt", "dd", "figure", "table", "thead",
              "tbody", "tr", "th", "td"});
    return k;
  }();
  return known;
}

/// A screen's rows as the screen layer makes them, with made-up energies.
struct Rows {
  std::vector<Condition> conditions;
  std::vector<ScreenRow> rows;

  explicit Rows(const std::string& conditions_text) : conditions(parse_conditions(conditions_text)) {}

  /// A row of A and B under the condition-th condition: its minimum at `energy`, or failed.
  void add(const std::string& a, const std::string& b, std::size_t condition, std::optional<double> energy,
           const std::string& error = "") {
    ScreenRow r;
    r.index = rows.size();
    r.a = a;
    r.b = b;
    r.condition = conditions.at(condition);
    r.condition_index = condition;
    if (energy) {
      Kink k;
      k.x = 0.25;
      k.energy = *energy;
      k.products = {{"Li2S", 0.5}, {"LiCl", 0.5}};
      r.minimum = k;
    } else {
      r.error = error.empty() ? "no entry for " + a : error;
    }
    rows.push_back(std::move(r));
  }

  ScreenSettings settings() const {
    ScreenSettings s;
    s.conditions = conditions;
    s.dataset = "made_up";
    s.dataset_source = "/data/made_up.csv";
    s.dataset_entries = 1234;
    s.dataset_sha256 = "ab12";
    s.dataset_content_hash = "cd34";
    return s;
  }
};

std::string attr(const Element& e, const std::string& key) {
  const auto it = e.attrs.find(key);
  return it == e.attrs.end() ? "" : it->second;
}

double number(const Element& e, const std::string& key) { return std::stod(attr(e, key)); }

/// The text of the <title> child of `e` (a cell's tooltip).
std::string tooltip(const Document& d, const Element& e) {
  for (std::size_t c : e.children)
    if (d.elements[c].name == "title") return d.all_text(d.elements[c]);
  return "";
}

/// Relative luminance-like brightness of "#rrggbb" in [0, 1].
double brightness(const std::string& hex) {
  BOOST_TEST_REQUIRE(hex.size() == 7u);
  const auto channel = [&](int i) { return std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16) / 255.0; };
  return 0.299 * channel(0) + 0.587 * channel(1) + 0.114 * channel(2);
}

/// Cells by their tooltip's first line "A + B, panel title".
std::map<std::string, const Element*> cells_by_key(const Document& d) {
  std::map<std::string, const Element*> out;
  for (const Element* c : d.with_class("cell")) {
    const std::string t = tooltip(d, *c);
    out[t.substr(0, t.find('\n'))] = c;
  }
  return out;
}

std::vector<std::string> texts(const Document& d, const std::string& cls) {
  std::vector<std::string> out;
  for (const Element* e : d.with_class(cls)) out.push_back(d.all_text(*e));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_panel_per_condition_and_one_cell_per_row) {
  Rows s("closed,3,4.5");
  const std::vector<std::string> as = {"Li6PS5Cl", "Li3InCl6"}, bs = {"Li2RuO3", "LiCoO2", "LiFePO4"};
  for (std::size_t a = 0; a < as.size(); ++a)
    for (std::size_t b = 0; b < bs.size(); ++b)
      for (std::size_t c = 0; c < 3; ++c) s.add(as[a], bs[b], c, -0.1 * static_cast<double>(a + b + c));
  const Document d = parse_xml(svg_screen(s.rows, s.settings()), heatmap_elements());
  BOOST_TEST(d.elements.front().name == "svg");

  const auto titles = texts(d, "panel-title");
  BOOST_TEST(titles == (std::vector<std::string>{"closed", "Li open at 3 V", "Li open at 4.5 V"}), boost::test_tools::per_element());
  BOOST_TEST(d.with_class("cell").size() == 18u);

  // Rows and columns are in input order: A down, B across, within each panel.
  const auto cells = cells_by_key(d);
  BOOST_TEST_REQUIRE(cells.size() == 18u);
  for (const std::string panel : {"closed", "Li open at 3 V", "Li open at 4.5 V"}) {
    const Element& top_left = *cells.at("Li6PS5Cl + Li2RuO3, " + panel);
    const Element& top_right = *cells.at("Li6PS5Cl + LiFePO4, " + panel);
    const Element& bottom_left = *cells.at("Li3InCl6 + Li2RuO3, " + panel);
    BOOST_TEST(number(top_right, "x") > number(top_left, "x"));
    BOOST_TEST(number(top_right, "y") == number(top_left, "y"));
    BOOST_TEST(number(bottom_left, "y") > number(top_left, "y"));
    BOOST_TEST(number(bottom_left, "x") == number(top_left, "x"));
  }
  // Panels side by side, left to right in the order of the conditions.
  BOOST_TEST(number(*cells.at("Li6PS5Cl + Li2RuO3, Li open at 3 V"), "x") > number(*cells.at("Li6PS5Cl + LiFePO4, closed"), "x"));
  BOOST_TEST(number(*cells.at("Li6PS5Cl + Li2RuO3, Li open at 4.5 V"), "x") >
             number(*cells.at("Li6PS5Cl + LiFePO4, Li open at 3 V"), "x"));

  // Labels: formulas with their numbers as subscripts (tspans), under every panel.
  const auto rows = texts(d, "row-label");
  BOOST_TEST(rows == (std::vector<std::string>{"Li6PS5Cl", "Li3InCl6"}), boost::test_tools::per_element());
  BOOST_TEST(texts(d, "col-label").size() == 9u);
  const Element& label = *d.with_class("row-label").front();
  std::vector<std::string> subscripts;
  for (std::size_t c : label.children)
    if (d.elements[c].name == "tspan" && attr(d.elements[c], "dy").front() != '-') subscripts.push_back(d.all_text(d.elements[c]));
  BOOST_TEST(subscripts == (std::vector<std::string>{"6", "5"}), boost::test_tools::per_element());

  // No failed pair: no hatch legend, no truncation note.
  BOOST_TEST(d.with_class("legend-failed").empty());
  for (const auto& note : texts(d, "note")) BOOST_TEST(note.find("not shown") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(cells_take_the_colour_of_their_energy_on_the_bar) {
  // Energies 0 to -0.8: the bar runs from -0.8 (ticks every 0.2) to 0, and the
  // colour ramp's nine anchors fall at every 0.1: 0 is the neutral grey
  // #f7f7f7, -0.1 the second anchor #fee8c8, -0.4 the middle one #fc8d59 and
  // -0.8 the darkest #7f0000 (ColorBrewer OrRd towards dark red).
  Rows s("closed");
  const std::vector<std::pair<std::string, double>> energies = {
      {"LiF", 0.0}, {"LiCl", -0.1}, {"LiBr", -0.4}, {"LiI", -0.8}, {"Li2S", -0.25}, {"Li3N", -0.6}};
  for (const auto& [a, e] : energies) s.add(a, "LiCoO2", 0, e);
  const Document d = parse_xml(svg_screen(s.rows, s.settings()), heatmap_elements());
  const auto cells = cells_by_key(d);
  BOOST_TEST_REQUIRE(cells.size() == energies.size());
  const auto fill = [&](const std::string& a) { return attr(*cells.at(a + " + LiCoO2, closed"), "fill"); };
  BOOST_TEST(fill("LiF") == "#f7f7f7");
  BOOST_TEST(fill("LiCl") == "#fee8c8");
  BOOST_TEST(fill("LiBr") == "#fc8d59");
  BOOST_TEST(fill("LiI") == "#7f0000");
  // In between, darker with every step down.
  BOOST_TEST(brightness(fill("LiCl")) > brightness(fill("Li2S")));
  BOOST_TEST(brightness(fill("Li2S")) > brightness(fill("LiBr")));
  BOOST_TEST(brightness(fill("LiBr")) > brightness(fill("Li3N")));
  BOOST_TEST(brightness(fill("Li3N")) > brightness(fill("LiI")));

  // The bar's ticks and its label with the unit.
  BOOST_TEST(texts(d, "tick-colorbar") == (std::vector<std::string>{"-0.8", "-0.6", "-0.4", "-0.2", "0"}),
             boost::test_tools::per_element());
  BOOST_TEST(d.with_class("colorbar").size() == 1u);
  const auto bar_labels = texts(d, "colorbar-label");
  BOOST_TEST_REQUIRE(!bar_labels.empty());
  BOOST_TEST(bar_labels.front().find("eV/atom") != std::string::npos);
  // The printed value and the tooltip tell the energy too.
  BOOST_TEST(texts(d, "cell-value").size() == energies.size());
  BOOST_TEST(tooltip(d, *cells.at("LiBr + LiCoO2, closed")).find("E_min = -0.4 eV/atom") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(positive_energies_are_blue_and_open_panels_say_their_unit) {
  Rows s("closed,3");
  s.add("Li3PS4", "LiCoO2", 0, 0.2);   // a total-form energy can be positive
  s.add("Li3PS4", "LiCoO2", 1, -0.4);
  const Document d = parse_xml(svg_screen(s.rows, s.settings()), heatmap_elements());
  const auto cells = cells_by_key(d);
  const std::string up = attr(*cells.at("Li3PS4 + LiCoO2, closed"), "fill");
  const std::string down = attr(*cells.at("Li3PS4 + LiCoO2, Li open at 3 V"), "fill");
  BOOST_TEST(std::stoi(up.substr(5, 2), nullptr, 16) > std::stoi(up.substr(1, 2), nullptr, 16));      // more blue than red
  BOOST_TEST(std::stoi(down.substr(1, 2), nullptr, 16) > std::stoi(down.substr(5, 2), nullptr, 16));  // more red than blue
  BOOST_TEST(tooltip(d, *cells.at("Li3PS4 + LiCoO2, Li open at 3 V")).find("eV per non-Li atom") != std::string::npos);
  std::string bar;
  for (const auto& l : texts(d, "colorbar-label")) bar += l + "\n";
  BOOST_TEST(bar.find("eV/atom") != std::string::npos);
  BOOST_TEST(bar.find("eV per non-Li atom") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(failed_pairs_are_hatched_with_a_legend_entry) {
  Rows s("closed,4.5");
  for (std::size_t c = 0; c < 2; ++c) {
    s.add("Li6PS5Cl", "Li2RuO3", c, -0.3);
    s.add("Xq2O", "Li2RuO3", c, std::nullopt, "unknown element 'Xq' in 'Xq2O'");
    s.add("Li3InCl6", "Li2RuO3", c, std::nullopt, "no stable set");
  }
  const Document d = parse_xml(svg_screen(s.rows, s.settings()), heatmap_elements());
  const auto cells = cells_by_key(d);
  BOOST_TEST_REQUIRE(cells.size() == 6u);
  std::size_t hatched = 0;
  for (const auto& [key, cell] : cells) {
    const bool failed = key.rfind("Li6PS5Cl", 0) != 0;
    BOOST_TEST((attr(*cell, "fill") == "url(#screen-failed)") == failed, key);
    hatched += failed;
  }
  BOOST_TEST(hatched == 4u);
  BOOST_TEST(tooltip(d, *cells.at("Xq2O + Li2RuO3, closed")).find("error: unknown element 'Xq' in 'Xq2O'") != std::string::npos);
  // The hatch is defined, and shown once more in the legend.
  bool pattern = false;
  for (const Element* p : d.named("pattern")) pattern = pattern || attr(*p, "id") == "screen-failed";
  BOOST_TEST(pattern);
  const auto legend = d.with_class("legend-failed");
  BOOST_TEST_REQUIRE(legend.size() == 1u);
  BOOST_TEST(attr(*legend.front(), "fill") == "url(#screen-failed)");
  // Failed cells print no value.
  BOOST_TEST(texts(d, "cell-value").size() == 2u);
}

BOOST_AUTO_TEST_CASE(sixty_materials_are_all_shown_in_input_order) {
  Rows s("closed");
  for (int i = 0; i < 60; ++i) s.add("Li" + std::to_string(i + 2) + "S", "LiCoO2", 0, -0.01 * ((i * 37) % 60));
  const Document d = parse_xml(svg_screen(s.rows, s.settings()), heatmap_elements());
  const auto labels = texts(d, "row-label");
  BOOST_TEST_REQUIRE(labels.size() == 60u);
  for (int i = 0; i < 60; ++i) BOOST_TEST(labels[i] == "Li" + std::to_string(i + 2) + "S");
  BOOST_TEST(d.with_class("gap-label").empty());
  for (const auto& note : texts(d, "note")) BOOST_TEST(note.find("not shown") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(more_than_sixty_materials_show_the_most_and_least_reactive) {
  // 70 materials A against two B under two conditions. A number i has its
  // minimum -0.01 (i + 1) against LiCoO2, closed, except A 5, whose lowest
  // (-2) is at 3 V only: ranked by the minimum over B and conditions, A 5 is
  // the most reactive; then 69, 68, ... The 30 most reactive are A 5 and
  // 69 ... 41, the 30 least 30 ... 0 without 5; 40 ... 31 (10 materials)
  // are left out, and the one with no pair computed too.
  Rows s("closed,3");
  const auto name = [](int i) { return "Li" + std::to_string(i + 2) + "Cl"; };
  for (int i = 0; i < 70; ++i) {
    s.add(name(i), "LiCoO2", 0, -0.01 * (i + 1));
    s.add(name(i), "LiCoO2", 1, i == 5 ? -2.0 : -0.005 * (i + 1));
    s.add(name(i), "LiFePO4", 0, -0.001 * (i + 1));
    s.add(name(i), "LiFePO4", 1, std::nullopt);
  }
  for (std::size_t c = 0; c < 2; ++c) s.add("Xq2O", "LiCoO2", c, std::nullopt), s.add("Xq2O", "LiFePO4", c, std::nullopt);

  const Document d = parse_xml(svg_screen(s.rows, s.settings()), heatmap_elements());
  std::vector<std::string> expected = {name(5)};
  for (int i = 69; i >= 41; --i) expected.push_back(name(i));
  for (int i = 29; i >= 0; --i)
    if (i != 5) expected.push_back(name(i));
  expected.insert(expected.begin() + 30, name(30));  // the 30th least reactive, as 5 moved up
  const auto labels = texts(d, "row-label");
  BOOST_TEST(labels == expected, boost::test_tools::per_element());
  BOOST_TEST(d.with_class("cell").size() == 60u * 2 * 2);

  const auto gap = texts(d, "gap-label");
  BOOST_TEST_REQUIRE(gap.size() == 1u);
  BOOST_TEST(gap.front() == "(10 not shown)");
  std::string note;
  for (const auto& l : texts(d, "note")) note += l + " ";
  BOOST_TEST(note.find("Showing the 30 most and the 30 least reactive of 70 materials A") != std::string::npos, note);
  BOOST_TEST(note.find("the 10 between them are not shown") != std::string::npos, note);
  BOOST_TEST(note.find("1 material A with no pair computed") != std::string::npos, note);
  // Failed pairs among those shown are hatched, and the legend says so.
  BOOST_TEST(d.with_class("legend-failed").size() == 1u);
}

BOOST_AUTO_TEST_CASE(no_rows_give_a_figure_that_says_so) {
  Rows s("closed");
  const Document d = parse_xml(svg_screen(s.rows, s.settings()), heatmap_elements());
  BOOST_TEST(d.with_class("cell").empty());
  BOOST_TEST(d.all_text(d.elements.front()).find("no rows to show") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_page_holds_the_figure_the_ranked_table_and_the_settings) {
  Rows s("closed,3");
  s.add("Li6PS5Cl", "Li2RuO3", 0, -0.35);
  s.add("Li6PS5Cl", "Li2RuO3", 1, -0.72);
  s.add("Li3InCl6", "Li2RuO3", 0, -0.09);
  s.add("Li3InCl6", "Li2RuO3", 1, std::nullopt, "a <bad> & odd error");
  const std::string html = html_screen(s.rows, s.settings());
  BOOST_TEST(html.rfind("<!DOCTYPE html>", 0) == 0u);
  const Document d = parse_xml(html, page_elements());
  BOOST_TEST(d.elements.front().name == "html");
  BOOST_TEST(d.named("svg").size() == 1u);
  BOOST_TEST(d.with_class("cell").size() == 4u);
  BOOST_TEST(d.with_class("panel-title").size() == 2u);
  // Self-contained: nothing loaded from elsewhere.
  BOOST_TEST(html.find("src=") == std::string::npos);
  BOOST_TEST(html.find("href=") == std::string::npos);

  // The ranked table: most negative first, the failed row last with its error.
  const auto tables = d.with_class("ranked");
  BOOST_TEST_REQUIRE(tables.size() == 1u);
  std::vector<std::vector<std::string>> body;
  for (const Element* tr : d.named("tr")) {
    std::vector<std::string> cells;
    for (std::size_t c : tr->children)
      if (d.elements[c].name == "td") cells.push_back(d.all_text(d.elements[c]));
    if (!cells.empty()) body.push_back(cells);
  }
  BOOST_TEST_REQUIRE(body.size() == 4u);
  const std::vector<std::vector<std::string>> expected = {
      {"1", "Li6PS5Cl", "Li2RuO3", "3 V", "-0.7200"},
      {"2", "Li6PS5Cl", "Li2RuO3", "closed", "-0.3500"},
      {"3", "Li3InCl6", "Li2RuO3", "closed", "-0.0900"},
      {"-", "Li3InCl6", "Li2RuO3", "3 V", "-"}};
  for (std::size_t i = 0; i < expected.size(); ++i)
    for (std::size_t c = 0; c < expected[i].size(); ++c) BOOST_TEST(body[i][c] == expected[i][c], "row " << i << " column " << c);
  BOOST_TEST(body[3].back() == "error: a <bad> & odd error");

  // The settings and the data set.
  std::map<std::string, std::string> settings;
  const auto dts = d.named("dt"), dds = d.named("dd");
  BOOST_TEST_REQUIRE(dts.size() == dds.size());
  for (std::size_t i = 0; i < dts.size(); ++i) settings[d.all_text(*dts[i])] = d.all_text(*dds[i]);
  BOOST_TEST(settings["energy"].rfind("mutual", 0) == 0u);
  BOOST_TEST(settings["conditions"] == "closed; Li open at 3 V");
  BOOST_TEST(settings["data set"] == "made_up");
  BOOST_TEST(settings["entries"] == "1234");
  BOOST_TEST(settings["file sha256"] == "ab12");
  BOOST_TEST(settings["content hash"] == "cd34");
  BOOST_TEST(settings["electrochemical windows"] == "no");
}

BOOST_AUTO_TEST_SUITE_END()  // test_screen_plot
