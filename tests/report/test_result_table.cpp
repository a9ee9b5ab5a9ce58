#include <boost/test/unit_test.hpp>

/// The typed result tables and their generic writers. Expected text is written
/// by hand from the documented formats (result_table.hpp and the report
/// headers) for made-up tables and a made-up Li-S system whose reaction is
/// known by hand: Li and S at 0 eV/atom, Li2S at -1.0 and LiS at -0.3 eV/atom.
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/error.hpp"
#include "interphase/hull/phase_diagram.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/report/dataset_format.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"
#include "interphase/report/result_table.hpp"
#include "interphase/report/screen_format.hpp"
#include "support/close.hpp"
#include "support/entries.hpp"

BOOST_AUTO_TEST_SUITE(test_result_table)

using namespace interphase;
using interphase::test::entry;

namespace {

/// Two columns of each type, one row with values and one of nulls.
Table sample() {
  Table t;
  t.columns = {Column("name", "", CellType::Text, "a name"),
               Column("e", "eV/atom", CellType::Number, "an energy"),
               Column("ok", "", CellType::Boolean, "a flag"),
               Column("products", "", CellType::Products, "products"),
               Column("phases", "", CellType::Names, "names")};
  t.rows.push_back({std::string("a,\"b\""), 0.1, true, Products{{"Li2S", 0.75}, {"LiCl", 0.25}},
                    std::vector<std::string>{"Li2S", "S"}});
  t.rows.push_back({Cell(), Cell(), Cell(), Cell(), Cell()});
  return t;
}

/// Li-S, made up: the hull runs Li (0) - Li2S (-1.0) - S (0); LiS is 0.45 above it.
std::shared_ptr<const StableSet> li_s() {
  static const PhaseDiagram pd = PhaseDiagram::from_formation_energies(
      {entry("Li", 0.0), entry("S", 0.0), entry("Li2S", -1.0), entry("LiS", -0.3)});
  return StableSet::of(pd);
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> fields(const std::string& line, char separator = ',') {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == separator) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// Molar masses of the element table: Li 6.941, S 32.065 g/mol.
constexpr double kLi = 6.941, kS = 32.065;

}  // namespace

// ---------------------------------------------------------------- generic writers

BOOST_AUTO_TEST_CASE(csv_writes_cells_by_type) {
  // Text quoted when it holds a comma or quote; numbers shortest exact; nulls empty.
  BOOST_TEST(csv(sample()) ==
             "name,e,ok,products,phases\n"
             "\"a,\"\"b\"\"\",0.1,true,Li2S=0.75;LiCl=0.25,Li2S;S\n"
             ",,,,\n");
  Table colon = sample();
  colon.columns[3].separator(':');
  colon.columns[1].only(kJson);
  BOOST_TEST(csv_header(colon.columns) == "name,ok,products,phases\n");
  BOOST_TEST(csv_names(colon.columns) == (std::vector<std::string>{"name", "ok", "products", "phases"}),
             boost::test_tools::per_element());
  BOOST_TEST(csv_row(colon.columns, colon.rows[0]) == "\"a,\"\"b\"\"\",true,Li2S:0.75;LiCl:0.25,Li2S;S\n");
}

BOOST_AUTO_TEST_CASE(json_writes_cells_by_type_and_path) {
  const Table t = sample();
  BOOST_TEST(json_rows(t).dump() ==
             R"([{"name":"a,\"b\"","e":0.1,"ok":true,"products":{"Li2S":0.75,"LiCl":0.25},"phases":["Li2S","S"]},)"
             R"({"name":null,"e":null,"ok":null,"products":null,"phases":null}])");
  // Paths: array elements and nested keys, in column order; a left-out null.
  const std::vector<Column> columns = {Column("x0", "", CellType::Number, "").at_json("x[0]"),
                                       Column("x1", "", CellType::Number, "").at_json("x[1]"),
                                       Column("E", "eV/atom", CellType::Number, "").at_json("energy.low"),
                                       Column("extra", "", CellType::Number, "").omit_null(),
                                       Column("csv_only", "", CellType::Number, "").only(kCsv)};
  BOOST_TEST(json_row(columns, {0.25, 0.5, -1.5, Cell(), 7.0}).dump() == R"({"x":[0.25,0.5],"energy":{"low":-1.5}})");
  BOOST_TEST(json_row(columns, {0.25, 0.5, -1.5, 2.0, 7.0}).dump() ==
             R"({"x":[0.25,0.5],"energy":{"low":-1.5},"extra":2.0})");
  BOOST_TEST(json_columns({columns[2]}).dump() ==
             R"([{"name":"E","unit":"eV/atom","type":"number","description":""}])");
}

BOOST_AUTO_TEST_CASE(text_views_choose_columns_digits_and_placeholders) {
  const Table t = sample();
  const std::vector<TextColumn> view = {{"name", "who"}, {"e", "E", 3, "-"}, {"ok"}, {"products", "", 0, "", "name"},
                                        {"phases", "", 0, "", "", " (sorted)"}};
  const auto [header, rows] = text_view(t, view);
  BOOST_TEST(header == (std::vector<std::string>{"who", "E", "ok", "products", "phases"}));
  BOOST_TEST(rows[0] == (std::vector<std::string>{"a,\"b\"", "0.100", "yes", "Li2S + LiCl", "Li2S + S (sorted)"}));
  // A null products cell shows the fallback column, named; a null with no suffix.
  BOOST_TEST(rows[1] == (std::vector<std::string>{"", "-", "", "name: ", ""}));
  Table numbers;
  numbers.columns = {Column("a", "", CellType::Number, ""), Column("b", "", CellType::Number, "")};
  numbers.rows = {{1.0, -2.0}, {0.5, Cell()}};
  BOOST_TEST(view_table(numbers, {{"a b", "a and b", 1, "?"}}, Format::Text) == "a and b\n1.0 -2.0\n0.5 ?\n");
  BOOST_TEST(view_table(numbers, {{"a", "", 2}, {"b", "", 2}}, Format::Markdown) ==
             "| a | b |\n|---|---|\n| 1.00 | -2.00 |\n| 0.50 |  |\n");
  BOOST_TEST(view_table(numbers, {{"a", "", 2}, {"b", "", 2}}, Format::Text) == "a     b\n1.00  -2.00\n0.50  \n");
  BOOST_CHECK_THROW(t.index("missing"), Error);
}

// ---------------------------------------------------------------- reactions

BOOST_AUTO_TEST_CASE(reaction_reports_of_a_hand_computed_system) {
  const InterfaceReaction r = react(li_s(), Reactant::parse("Li"), Reactant::parse("S"));
  ReactionContext ctx;
  ctx.chemsys = "Li-S";
  // Kinks at x = 0, 2/3 (Li2S, -1.0 eV/atom) and 1; one formula unit is one atom, so x_molar = x.
  const double x_mass = 2 * kLi / (2 * kLi + kS);
  const auto csv_lines = lines(format_reaction(r, ctx, Format::Csv));
  BOOST_TEST_REQUIRE(csv_lines.size() == 4u);
  BOOST_TEST(csv_lines[0] == "x,x_molar,x_mass,energy,energy_kj_mol,reaction,products");
  const auto mid = fields(csv_lines[2]);
  BOOST_TEST_REQUIRE(mid.size() == 7u);
  CHECK_ABS(std::stod(mid[0]), 2.0 / 3, 1e-12);
  CHECK_ABS(std::stod(mid[1]), 2.0 / 3, 1e-12);
  CHECK_ABS(std::stod(mid[2]), x_mass, 1e-12);
  CHECK_ABS(std::stod(mid[3]), -1.0, 1e-12);
  // 2/3 Li + 1/3 S -> 1/3 Li2S: one atom per reaction formula, so -1.0 eV is 96.4853 kJ/mol (pymatgen's factor).
  CHECK_ABS(std::stod(mid[4]), -96.4853, 1e-9);
  BOOST_TEST(mid[5] == r.kinks()[1].reaction.to_string());
  BOOST_TEST(mid[6].substr(0, 5) == "Li2S=");
  CHECK_ABS(std::stod(mid[6].substr(5)), 1.0, 1e-12);

  // JSON: the kinks, the minimum and the composite are objects of the same keys.
  const auto j = nlohmann::ordered_json::parse(format_reaction(r, ctx, Format::Json));
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  BOOST_TEST(keys == (std::vector<std::string>{"reactants", "energy", "chemsys", "kinks", "minimum", "composite"}));
  const std::vector<std::string> kink_keys = {"x", "x_molar", "x_mass", "energy", "energy_kj_mol", "reaction", "products"};
  for (const auto* k : {&j["kinks"][0], &j["kinks"][1], &j["kinks"][2], &j["minimum"], &j["composite"]}) {
    std::vector<std::string> got;
    for (const auto& item : k->items()) got.push_back(item.key());
    BOOST_TEST(got == kink_keys);
  }
  BOOST_TEST(j["minimum"] == j["kinks"][1]);
  // 30 wt% Li: x = (0.3/Li) / (0.3/Li + 0.7/S), on the S-Li2S line: E = -1.0 * x / (2/3).
  const double x30 = (0.3 / kLi) / (0.3 / kLi + 0.7 / kS);
  CHECK_ABS(j["composite"]["x"].get<double>(), x30, 1e-12);
  CHECK_ABS(j["composite"]["energy"].get<double>(), -1.5 * x30, 1e-12);

  // Text: the header lines, the kink table with 4 and 6 decimals, the minimum line.
  const auto text = lines(format_reaction(r, ctx, Format::Text));
  BOOST_TEST_REQUIRE(text.size() == 10u);
  BOOST_TEST(text[0] == "Li + S: mutual reaction energy in Li-S");
  BOOST_TEST(text[1] == "x: atomic fraction of Li; E in eV per atom of the mixture");
  BOOST_TEST(text[3] == "x       x_molar  x_mass  E          kJ/mol  reaction");
  BOOST_TEST(text[5].substr(0, 44) == "0.6667  0.6667   " + fixed(x_mass, 4) + "  -1.000000  -96.49  ");
  BOOST_TEST(text[8] == "minimum: -1.000000 eV/atom at x = 0.666667 (x_molar 0.6667, x_mass " + fixed(x_mass, 4) + "): Li2S");
  BOOST_TEST(text[9] == "composite 30 wt% Li: " + fixed(-1.5 * x30, 6) + " eV/atom at x = " + fixed(x30, 6) + ": " +
                            joined([&] {
                              std::vector<std::string> names;
                              for (const auto& [name, f] : r.at(x30).products) names.push_back(name);
                              return names;
                            }()));
  const auto md = lines(format_reaction(r, ctx, Format::Markdown));
  BOOST_TEST(md[3] == "| x | x_molar | x_mass | E | kJ/mol | reaction |");
  BOOST_TEST(md[4] == "|---|---|---|---|---|---|");
}

BOOST_AUTO_TEST_CASE(decompose_and_hull_rows) {
  Stability s;
  s.composition = Composition::parse("LiS");
  s.chemsys = "Li-S";
  s.entry_id = "my:1";
  s.e_form = -0.3;
  s.e_above_hull = 0.45;
  s.hull_energy = -0.75;
  s.products = {{"Li2S", 0.75}, {"S", 0.25}};
  BOOST_TEST(format_stability("Li2S2", s, Format::Csv) ==
             "formula,entry_id,e_form,e_above_hull,hull_energy,stable,decomposition\n"
             "Li2S2,my:1,-0.3,0.45,-0.75,false,Li2S=0.75;S=0.25\n");
  BOOST_TEST(stability_json("Li2S2", s).dump() ==
             R"({"formula":"Li2S2","reduced_formula":"LiS","chemsys":"Li-S","entry_id":"my:1","e_form":-0.3,)"
             R"("e_above_hull":0.45,"hull_energy":-0.75,"stable":false,"decomposition":{"Li2S":0.75,"S":0.25}})");
  s.decomposition_enthalpy = -0.1;
  s.entry_id.reset();
  s.e_form.reset();
  s.e_above_hull.reset();
  BOOST_TEST(stability_json("LiS", s).dump() ==
             R"({"formula":"LiS","reduced_formula":"LiS","chemsys":"Li-S","entry_id":null,"e_form":null,)"
             R"("e_above_hull":null,"hull_energy":-0.75,"stable":false,"decomposition_enthalpy":-0.1,)"
             R"("decomposition":{"Li2S":0.75,"S":0.25}})");
  BOOST_TEST(lines(format_stability("LiS", s, Format::Text)).back() == "S      0.250000");

  // The hull of the made-up Li-S system: CSV and text ranked (stable first, by
  // e_above_hull, then e_form), JSON in row order with the enthalpy only where known.
  HullTable t;
  t.chemsys = "Li-S";
  t.rows = {{entry("Li", 0.0, "e:1"), 0.0, true, 0.0},
            {entry("LiS", -0.3, "e:2"), 0.45, false, std::nullopt},
            {entry("Li2S", -1.0, "e:3"), 0.0, true, -0.75}};
  BOOST_TEST(format_hull(t, true, Format::Csv) ==
             "id,formula,e_form,e_above_hull,stable,decomposition_enthalpy\n"
             "e:3,Li2S,-1,0,true,-0.75\n"
             "e:1,Li,0,0,true,0\n"
             "e:2,LiS,-0.3,0.45,false,\n");
  BOOST_TEST(format_hull(t, false, Format::Csv) ==
             "id,formula,e_form,e_above_hull,stable,decomposition_enthalpy\ne:3,Li2S,-1,0,true,-0.75\ne:1,Li,0,0,true,0\n");
  BOOST_TEST(hull_json(t, true).dump() ==
             R"({"chemsys":"Li-S","entries":[{"id":"e:1","formula":"Li","e_form":0.0,"e_above_hull":0.0,"stable":true,)"
             R"("decomposition_enthalpy":0.0},{"id":"e:2","formula":"LiS","e_form":-0.3,"e_above_hull":0.45,"stable":false},)"
             R"({"id":"e:3","formula":"Li2S","e_form":-1.0,"e_above_hull":0.0,"stable":true,"decomposition_enthalpy":-0.75}]})");
  BOOST_TEST(format_hull(t, true, Format::Text) ==
             "Li-S: 3 entries, 2 stable\n\n"
             "formula  id   e_form     e_above_hull  stable  decomposition_enthalpy\n"
             "Li2S     e:3  -1.000000  0.000000      yes     -0.750000\n"
             "Li       e:1  0.000000   0.000000      yes     0.000000\n"
             "LiS      e:2  -0.300000  0.450000      no      \n");
}

// ---------------------------------------------------------------- open element

BOOST_AUTO_TEST_CASE(map_sweep_and_profile_tables) {
  ReactionMap map;
  map.a = Reactant::parse("Li");
  map.b = Reactant::parse("S");
  map.v_from = 0;
  map.v_to = 2;
  map.voltages = {0, 2};
  MapRegion region;
  region.x0 = 0;
  region.x1 = 0.5;
  region.v0 = 0;
  region.v1 = 2;
  region.products = {"Li2S", "S"};
  region.e00 = 0;
  region.e10 = -0.5;
  region.e01 = 0.25;
  region.e11 = -1.25;
  map.regions = {region};
  BOOST_TEST(format_map(map, Format::Csv) ==
             "x0,x1,V0,V1,products,E_x0_V0,E_x1_V0,E_x0_V1,E_x1_V1\n0,0.5,0,2,Li2S;S,0,-0.5,0.25,-1.25\n");
  BOOST_TEST(map_json(map)["regions"].dump() ==
             R"([{"x":[0.0,0.5],"V":[0.0,2.0],"products":["Li2S","S"],)"
             R"("energy":{"x0_V0":0.0,"x1_V0":-0.5,"x0_V1":0.25,"x1_V1":-1.25}}])");
  const auto text = lines(format_map(map, Format::Text));
  BOOST_TEST(text[3] == "V0      V1      x0      x1      E at corners                   products");
  BOOST_TEST(text[4] == "0.0000  2.0000  0.0000  0.5000  0.0000 -0.5000 0.2500 -1.2500  Li2S + S");

  // Sweep rows: the minimum at each voltage, from a real reaction's minimum.
  const InterfaceReaction r = react(li_s(), Reactant::parse("Li"), Reactant::parse("S"));
  const std::vector<SweepRow> rows = {{1.5, r.minimum()}};
  const auto sweep = sweep_table(rows);
  BOOST_TEST(csv_header(sweep.columns) == "V,x,energy,reaction,products\n");
  const auto j = sweep_json(map.a, map.b, 3, EnergyForm::Mutual, rows);
  BOOST_TEST(j["open"] == "Li");
  BOOST_TEST(j["rows"][0]["V"] == 1.5);
  BOOST_TEST(j["rows"][0]["reaction"] == r.minimum().reaction.to_string());
  const auto sweep_text = lines(format_sweep(map.a, map.b, 3, EnergyForm::Mutual, rows, Format::Text));
  BOOST_TEST(sweep_text[3] == "V      x       E          products");
  BOOST_TEST(sweep_text[4] == "1.500  0.6667  -1.000000  Li2S");
}

// ---------------------------------------------------------------- data set tables

BOOST_AUTO_TEST_CASE(selection_rows_name_the_decomposition_with_colons) {
  SelectedEntry e;
  e.entry = entry("Li2S2", -0.3, "my:7");
  e.reduced_formula = "LiS";
  e.stability.e_above_hull = 0.45;
  e.stability.hull_energy = -0.75;
  e.products = {{"Li2S", 0.75}, {"S", 0.25}};
  std::ostringstream csv_out, json_out, md_out, text_out;
  write_selection(csv_out, {e}, Format::Csv);
  BOOST_TEST(csv_out.str() ==
             "reduced_formula,id,formula,e_form,e_above_hull,stable,hull_energy,decomposition\n"
             "LiS,my:7,Li2S2,-0.3,0.45,false,-0.75,Li2S:0.75;S:0.25\n");
  write_selection(json_out, {e}, Format::Json);
  BOOST_TEST(nlohmann::ordered_json::parse(json_out.str()).dump() ==
             R"([{"reduced_formula":"LiS","id":"my:7","formula":"Li2S2","e_form":-0.3,"e_above_hull":0.45,)"
             R"("stable":false,"hull_energy":-0.75,"decomposition":{"Li2S":0.75,"S":0.25}}])");
  write_selection(md_out, {e}, Format::Markdown);
  BOOST_TEST(md_out.str() ==
             "| formula | id | e_form | e_above_hull | stable | decomposition |\n|---|---|---|---|---|---|\n"
             "| LiS | my:7 | -0.300000 | 0.450000 | no | Li2S + S |\n");
  write_selection(text_out, {e}, Format::Text);
  BOOST_TEST(text_out.str() == "LiS\n");
}

BOOST_AUTO_TEST_CASE(stability_rows_stream_with_named_products) {
  Entry li = entry("Li", 0.0, "e:1"), s = entry("S", 0.0, "e:2"), li2s = entry("Li4S2", -1.0, "e:3");
  li.key = 1;
  s.key = 2;
  li2s.key = 3;
  StoredStability a{1, 0.0, 0.0, true, {{1, 1.0}}}, b{2, 0.0, 0.0, true, {{-16, 1.0}}},
      c{3, 0.0, -1.0, true, {{3, 1.0}}};
  std::ostringstream csv_out, json_out;
  write_stability(csv_out, {li, s, li2s}, {c, b, a}, Format::Csv);
  BOOST_TEST(csv_out.str() ==
             "id,formula,reduced_formula,e_form,e_above_hull,stable,hull_energy,decomposition\n"
             "e:1,Li,Li,0,0,true,0,Li:1\ne:2,S,S,0,0,true,0,S:1\ne:3,Li4S2,Li2S,-1,0,true,-1,Li2S:1\n");
  write_stability(json_out, {li, s}, {a, b}, Format::Json);
  BOOST_TEST(json_out.str() ==
             "[\n"
             R"({"id":"e:1","formula":"Li","reduced_formula":"Li","e_form":0.0,"e_above_hull":0.0,"stable":true,"hull_energy":0.0,"decomposition":{"Li":1.0}})"
             ",\n"
             R"({"id":"e:2","formula":"S","reduced_formula":"S","e_form":0.0,"e_above_hull":0.0,"stable":true,"hull_energy":0.0,"decomposition":{"S":1.0}})"
             "\n]\n");
}

// ---------------------------------------------------------------- screen

BOOST_AUTO_TEST_CASE(screen_rows_as_csv_json_and_tables) {
  const InterfaceReaction r = react(li_s(), Reactant::parse("Li"), Reactant::parse("S"));
  const Condition closed{{}, "closed", std::nullopt}, at3{{{3, -3.0}}, "3", 3.0};
  ScreenRow ok;
  ok.a = "Li";
  ok.b = "S";
  ok.condition = at3;
  ok.chemsys = "Li-S";
  ok.minimum = r.minimum();
  ok.a_window = MaterialWindow{std::nullopt, 4.5, ""};
  ok.b_window = MaterialWindow{std::nullopt, std::nullopt, "no window"};
  ScreenRow failed;
  failed.a = "Xx";
  failed.b = "S";
  failed.condition = closed;
  failed.error = "unknown element, \"Xx\"";
  const std::string reaction = r.minimum().reaction.to_string();
  const std::string x = full_precision(r.minimum().x), x_mass = full_precision(r.minimum().x_mass),
                    e = full_precision(r.minimum().energy), fraction = full_precision(r.minimum().products[0].second);

  BOOST_TEST(screen_csv_header(false) == "A,B,condition,chemsys,energy,x,x_mass,products,reaction,error\n");
  BOOST_TEST(screen_csv_header(true) ==
             "A,B,condition,chemsys,energy,x,x_mass,products,reaction,error,"
             "A_reduction_V,A_oxidation_V,B_reduction_V,B_oxidation_V,A_covers_V\n");
  BOOST_TEST(screen_csv_row(ok, true) ==
             "Li,S,3,Li-S," + e + "," + x + "," + x_mass + ",Li2S=" + fraction + "," + csv_quote(reaction) + ",,,4.5,,,true\n");
  BOOST_TEST(screen_csv_row(failed, false) == "Xx,S,closed,,,,,,,\"unknown element, \"\"Xx\"\"\"\n");
  BOOST_TEST(screen_csv_row(failed, true) == "Xx,S,closed,,,,,,,\"unknown element, \"\"Xx\"\"\",,,,,\n");

  BOOST_TEST(screen_json_line(failed, true) ==
             R"({"A":"Xx","B":"S","condition":"closed","chemsys":null,"energy":null,"x":null,"x_mass":null,)"
             R"("products":null,"reaction":null,"error":"unknown element, \"Xx\"","windows":{"A":null,"B":null},)"
             R"("A_covers_V":null})"
             "\n");
  const auto j = nlohmann::ordered_json::parse(screen_json_line(ok, true));
  BOOST_TEST(j["windows"].dump() ==
             R"({"A":{"reduction_V":null,"oxidation_V":4.5},"B":{"reduction_V":null,"oxidation_V":null,"error":"no window"}})");
  BOOST_TEST(j["A_covers_V"] == true);
  BOOST_TEST(j["products"].dump() == "{\"Li2S\":" + nlohmann::json(r.minimum().products[0].second).dump() + "}");

  ScreenSettings settings;
  settings.windows = true;
  const auto text = lines(screen_text({failed, ok}, settings));
  BOOST_TEST(text[3] == "A   B  condition  E_min      x       x_mass  products                      A window  A covers V");
  BOOST_TEST(text[4] == "Xx  S  closed     -          -       -       error: unknown element, \"Xx\"  -         ");
  BOOST_TEST(text[5] == "Li  S  3 V        -1.000000  0.6667  " + fixed(r.minimum().x_mass, 4) + "  " + "Li2S                          0-4.50 V  yes");
  // Markdown: ranked by energy, failed rows last and unnumbered.
  const auto md = lines(screen_markdown({failed, ok}, settings));
  BOOST_TEST(md[3] == "| rank | A | B | condition | E_min | x | products | A window (V) | A covers V |");
  BOOST_TEST(md[5] == "| 1 | Li | S | 3 V | -1.0000 | 0.667 | Li2S | 0-4.50 | yes |");
  BOOST_TEST(md[6] == "| - | Xx | S | closed | - | - | error: unknown element, \"Xx\" | - |  |");
}

// ---------------------------------------------------------------- uncertainty columns

BOOST_AUTO_TEST_CASE(uncertainty_adds_energy_std_linear_only_when_asked) {
  const InterfaceReaction r = react(li_s(), Reactant::parse("Li"), Reactant::parse("S"));
  BOOST_TEST_REQUIRE(r.kinks().size() == 3u);  // S, Li2S, Li
  ReactionContext ctx;
  ctx.chemsys = "Li-S";
  BOOST_TEST(csv_header(kink_columns()) == "x,x_molar,x_mass,energy,energy_kj_mol,reaction,products\n");
  BOOST_TEST(reaction_json(r, ctx).dump().find("energy_std_linear") == std::string::npos);
  BOOST_TEST(reaction_json(r, ctx).dump().find("sigma") == std::string::npos);

  // Made-up 1-sigmas: 0 at the ends, 0.0125 at Li2S, 0.005 at the composite.
  ctx.uncertainty = ReactionUncertainty{0.02, false, {0.0, 0.0125, 0.0}, 0.0125, 0.005};
  const auto csv_lines = lines(format_reaction(r, ctx, Format::Csv));
  BOOST_TEST(csv_lines[0] == "x,x_molar,x_mass,energy,energy_kj_mol,reaction,products,energy_std_linear");
  BOOST_TEST(fields(csv_lines[2]).back() == "0.0125");
  BOOST_TEST(fields(csv_lines[3]).back() == "0");
  const auto j = reaction_json(r, ctx);
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  BOOST_TEST(keys == (std::vector<std::string>{"reactants", "energy", "chemsys", "sigma", "kinks", "minimum", "composite"}),
             boost::test_tools::per_element());
  BOOST_TEST(j["sigma"] == 0.02);
  BOOST_TEST(j["kinks"][1].back() == 0.0125);
  BOOST_TEST(j["minimum"].back() == 0.0125);
  BOOST_TEST(j["composite"]["energy_std_linear"] == 0.005);
  const auto text = lines(format_reaction(r, ctx, Format::Text));
  BOOST_TEST(text[2] == "+/-: 1-sigma of E, every compound's formation energy +/- 0.02 eV/atom, propagated linearly at fixed products");
  BOOST_TEST(text[4].starts_with("x       x_molar  x_mass  E          +/-       kJ/mol  reaction"));
  BOOST_TEST(text[6].find("-1.000000  0.012500  ") != std::string::npos);

  // Sweep: the column appears when any row has a 1-sigma; a row without one is empty / left out / "-".
  std::vector<SweepRow> rows = {{1.0, r.minimum()}, {2.0, r.minimum()}};
  BOOST_TEST(csv_header(sweep_table(rows).columns) == "V,x,energy,reaction,products\n");
  rows[0].energy_std_linear = 0.0125;
  const auto sweep_csv = lines(csv(sweep_table(rows)));
  BOOST_TEST(sweep_csv[0] == "V,x,energy,reaction,products,energy_std_linear");
  BOOST_TEST(fields(sweep_csv[1]).back() == "0.0125");
  BOOST_TEST(sweep_csv[2].back() == ',');
  const auto sj = sweep_json(r.a(), r.b(), 3, EnergyForm::Mutual, rows);
  BOOST_TEST(sj["rows"][0]["energy_std_linear"] == 0.0125);
  BOOST_TEST(!sj["rows"][1].contains("energy_std_linear"));
  const auto sweep_text = lines(format_sweep(r.a(), r.b(), 3, EnergyForm::Mutual, rows, Format::Text));
  BOOST_TEST(sweep_text[3] == "V      x       E          +/-       products");
  BOOST_TEST(sweep_text[4] == "1.000  0.6667  -1.000000  0.012500  Li2S");
  BOOST_TEST(sweep_text[5] == "2.000  0.6667  -1.000000  -         Li2S");

  // Screen: energy_std_linear after the windows, in CSV and JSON; sigma_lin in the tables.
  const Condition closed{{}, "closed", std::nullopt};
  ScreenRow ok;
  ok.a = "Li";
  ok.b = "S";
  ok.condition = closed;
  ok.chemsys = "Li-S";
  ok.minimum = r.minimum();
  ok.energy_std_linear = 0.0125;
  ScreenRow failed;
  failed.a = "Xx";
  failed.b = "S";
  failed.condition = closed;
  failed.error = "bad";
  BOOST_TEST(screen_csv_header(true, true) ==
             "A,B,condition,chemsys,energy,x,x_mass,products,reaction,error,"
             "A_reduction_V,A_oxidation_V,B_reduction_V,B_oxidation_V,A_covers_V,energy_std_linear\n");
  BOOST_TEST(screen_csv_row(failed, false, true) == "Xx,S,closed,,,,,,,bad,\n");
  BOOST_TEST(screen_csv_row(ok, true, true).ends_with(",,,,,,0.0125\n"));
  BOOST_TEST(screen_json_line(failed, true, true).ends_with(R"("A_covers_V":null,"energy_std_linear":null})" "\n"));
  BOOST_TEST(screen_json_line(ok, false, true).ends_with(R"("error":null,"energy_std_linear":0.0125})" "\n"));
  ScreenSettings settings;
  settings.uncertainty = true;
  settings.sigma = 0.02;
  const auto st = lines(screen_text({ok, failed}, settings));
  BOOST_TEST(st[2] == "sigma_lin: 1-sigma of E_min, every compound's formation energy +/- 0.02 eV/atom, propagated linearly");
  BOOST_TEST(st[4].ends_with("sigma_lin"));
  BOOST_TEST(st[5].ends_with("  Li2S        0.012500"));
  BOOST_TEST(st[6].ends_with("  error: bad  -"));
  const auto md = lines(screen_markdown({failed, ok}, settings));
  BOOST_TEST(md[4] == "| rank | A | B | condition | E_min | x | products | sigma_lin |");
  BOOST_TEST(md[6] == "| 1 | Li | S | closed | -1.0000 | 0.667 | Li2S | 0.0125 |");
  BOOST_TEST(md[7] == "| - | Xx | S | closed | - | - | error: bad | - |");
}

BOOST_AUTO_TEST_SUITE_END()  // test_result_table
