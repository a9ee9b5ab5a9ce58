// The whole-data-set commands end to end on made-up data: stability, select,
// db add and db remove (with their errors leaving the database byte-identical),
// and the Materials Project import with its energy_above_hull report.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/close.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_dataset)

using interphase::test::count_lines;
using interphase::test::Run;
using interphase::test::run_cli;
using interphase::test::slurp;

namespace {

const std::string kData = std::string(INTERPHASE_TEST_DATA_DIR) + "/cli_li_o.csv";

/// A fresh database built from the made-up Li-O data (Li, O2, Li3O -1.0, Li2O -2.0,
/// Li2O2 -1.6, LiO2 -0.9 eV/atom).
struct FreshDb {
  std::filesystem::path path;
  std::string options;
  explicit FreshDb(const std::string& name) {
    static const auto dir = interphase::test::temp_dir("cli-dataset");
    path = dir / (name + ".sqlite");
    options = "--db " + path.string() + " --data " + kData;
    const Run build = run_cli("db import " + kData + " --db " + path.string());  // entries only, no stability yet
    BOOST_REQUIRE_MESSAGE(build.code == 0, build.err);
  }
};

std::vector<std::map<std::string, std::string>> csv_rows(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream h(line);
  for (std::string cell; std::getline(h, cell, ',');) header.push_back(cell);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::stringstream l(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size(); ++i) std::getline(l, row[header[i]], ',');
    rows.push_back(row);
  }
  return rows;
}

/// "Li2O:0.75;Li:0.25" -> {Li2O: 0.75, Li: 0.25}.
std::map<std::string, double> decomposition(const std::string& cell) {
  std::map<std::string, double> out;
  std::stringstream s(cell);
  for (std::string part; std::getline(s, part, ';');) out[part.substr(0, part.find(':'))] = std::stod(part.substr(part.find(':') + 1));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(stability_of_every_entry) {
  const FreshDb db("stability");
  const Run r = run_cli("stability --format csv " + db.options);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out.rfind("id,formula,reduced_formula,e_form,e_above_hull,stable,hull_energy,decomposition\n", 0) == 0u);
  BOOST_TEST(r.err.find("computing the stability of the 6 entries") != std::string::npos, r.err);
  const auto rows = csv_rows(r.out);
  BOOST_TEST_REQUIRE(rows.size() == 6u);
  // Li3O (x_O = 1/4) lies above the line Li -> Li2O, at -1.5 there: 0.5 above, 3/4 of its atoms in Li2O.
  BOOST_TEST(rows[2].at("id") == "cli_li_o:3");
  BOOST_TEST(rows[2].at("formula") == "Li3O1");
  BOOST_TEST(rows[2].at("reduced_formula") == "Li3O");
  BOOST_TEST(rows[2].at("stable") == "false");
  CHECK_ABS(std::stod(rows[2].at("e_above_hull")), 0.5, 1e-12);
  CHECK_ABS(std::stod(rows[2].at("hull_energy")), -1.5, 1e-12);
  const auto d = decomposition(rows[2].at("decomposition"));
  BOOST_TEST_REQUIRE(d.size() == 2u);
  CHECK_ABS(d.at("Li2O"), 0.75, 1e-12);
  CHECK_ABS(d.at("Li"), 0.25, 1e-12);
  BOOST_TEST(rows[3].at("stable") == "true");
  BOOST_TEST(rows[4].at("stable") == "true");
  CHECK_ABS(std::stod(rows[5].at("e_above_hull")), 1.0 / 6.0, 1e-12);

  // Stored: the second run computes nothing and says nothing.
  const Run json = run_cli("stability --format json " + db.options);
  BOOST_TEST_REQUIRE(json.code == 0, json.err);
  BOOST_TEST(json.err.empty(), json.err);
  const auto j = nlohmann::json::parse(json.out);
  BOOST_TEST_REQUIRE(j.size() == 6u);
  BOOST_TEST(j[2]["id"] == "cli_li_o:3");
  BOOST_TEST(j[2]["stable"] == false);
  CHECK_ABS(j[2]["decomposition"]["Li2O"].get<double>(), 0.75, 1e-12);
}

BOOST_AUTO_TEST_CASE(select_lists_formulas_for_a_screen) {
  const FreshDb db("select");
  const Run stable = run_cli("select --with Li --stable " + db.options);
  BOOST_TEST_REQUIRE(stable.code == 0, stable.err);
  BOOST_TEST(stable.out == "Li\nLi2O\nLi2O2\n");
  const Run near = run_cli("select --with Li,O --max-ehull 0.2 --sort formula " + db.options);
  BOOST_TEST(near.out == "Li2O\nLi2O2\nLiO2\n");
  const Run two = run_cli("select --elements 2 --limit 2 --format csv " + db.options);
  BOOST_TEST_REQUIRE(two.code == 0, two.err);
  const auto rows = csv_rows(two.out);
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0].at("reduced_formula") == "Li2O");
  BOOST_TEST(rows[0].at("id") == "cli_li_o:4");
  BOOST_TEST(rows[1].at("reduced_formula") == "Li2O2");
  const Run none = run_cli("select --without Li --only O " + db.options);
  BOOST_TEST(none.out == "O2\n");
  for (const std::string bad : {"--elements 0", "--elements 3-1", "--elements x", "--with Xq", "--max-ehull -1",
                                "--max-ehull nan", "--sort size"}) {
    const Run r = run_cli("select " + bad + " " + db.options);
    BOOST_TEST(r.code == 2, bad);
    BOOST_TEST(count_lines(r.err) == 1, bad << ": " << r.err);
  }
}

BOOST_AUTO_TEST_CASE(add_and_remove_keep_the_stability_current) {
  const FreshDb db("add");
  BOOST_TEST_REQUIRE(run_cli("stability " + db.options).code == 0);
  // Li3O at -1.6, below the line Li -> Li2O (-1.5): a new vertex of the Li-O hull, the only system it changes.
  const Run add = run_cli("db add Li3O -1.6 --id mine:1 " + db.options);
  BOOST_TEST_REQUIRE(add.code == 0, add.err);
  BOOST_TEST(add.out.find("mine:1: Li3O, e_form -1.600000 eV/atom, e_above_hull 0.000000 eV/atom (stable)") == 0u,
             add.out);
  BOOST_TEST(add.err == "interphase: recomputed 1 of 3 chemical systems\n");
  const Run hull = run_cli("hull Li-O --format json " + db.options);
  const auto j = nlohmann::json::parse(hull.out);
  std::vector<std::string> stable;
  for (const auto& e : j["entries"]) stable.push_back(e["id"]);
  BOOST_TEST(std::count(stable.begin(), stable.end(), "mine:1") == 1);       // the new Li3O is a stable phase,
  BOOST_TEST(std::count(stable.begin(), stable.end(), "cli_li_o:3") == 0);   // the old one is not
  // An entry above the hull changes no hull.
  const Run above = run_cli("db add LiO2 -0.5 " + db.options);
  BOOST_TEST(above.err == "interphase: recomputed 1 of 3 chemical systems\n");
  BOOST_TEST(above.out.find("decomposes to") != std::string::npos, above.out);

  const Run removed = run_cli("db remove mine:1 " + db.options);
  BOOST_TEST_REQUIRE(removed.code == 0, removed.err);
  BOOST_TEST(removed.out == "removed mine:1: Li3O, e_form -1.600000 eV/atom\n");
  BOOST_TEST(removed.err == "interphase: recomputed 1 of 3 chemical systems\n");
  run_cli("db remove cli_li_o:added-1 " + db.options);
  // Back where it started: the same table as a fresh database's.
  const FreshDb fresh("add-fresh");
  BOOST_TEST(run_cli("stability --format csv " + db.options).out == run_cli("stability --format csv " + fresh.options).out);
}

// An element's vertex that changes moves every system with the element. An
// elemental entry below 0 is refused, as by every import (it would replace the
// reference formation energies are measured from): here the O2 entry goes and
// comes back, the implicit reference at 0 standing in meanwhile.
BOOST_AUTO_TEST_CASE(an_elemental_vertex_moves_every_system_with_it) {
  const FreshDb db("element");
  BOOST_TEST_REQUIRE(run_cli("stability " + db.options).code == 0);
  const Run below = run_cli("db add O2 -0.1 " + db.options);
  BOOST_TEST(below.code == 2, below.err);
  BOOST_TEST(below.err.find("cannot add O2: elemental O at -0.1 eV/atom") != std::string::npos, below.err);
  const Run gone = run_cli("db remove cli_li_o:2 " + db.options);
  BOOST_TEST_REQUIRE(gone.code == 0, gone.err);
  BOOST_TEST(gone.err == "interphase: recomputed 1 of 2 chemical systems\n");  // Li-O; the system O has no entry left
  const Run oxygen = run_cli("db add O2 0 " + db.options);
  BOOST_TEST_REQUIRE(oxygen.code == 0, oxygen.err);
  BOOST_TEST(oxygen.out.find("cli_li_o:added-1: O2, e_form 0.000000 eV/atom, e_above_hull 0.000000 eV/atom (stable)") ==
                 0u, oxygen.out);
  BOOST_TEST(oxygen.err == "interphase: recomputed 2 of 3 chemical systems\n");  // O and Li-O
}

BOOST_AUTO_TEST_CASE(bad_edits_are_one_line_exit_2_and_change_nothing) {
  const FreshDb db("bad-edits");
  BOOST_TEST_REQUIRE(run_cli("stability " + db.options).code == 0);
  const std::string before = slurp(db.path);
  for (const std::string args : {"db add 'Li2(O' -1", "db add Li2Xq -1", "db add Li2O nan", "db add Li2O inf",
                                 "db add Li2O -- -inf", "db add Li2O abc", "db add Li2O 1e999", "db add Li2O '-1.0x'",
                                 "db add Li2O -1 --id cli_li_o:2", "db remove nope:1", "db remove ''"}) {
    const Run r = run_cli(args + " " + db.options);
    BOOST_TEST(r.code == 2, args);
    BOOST_TEST(count_lines(r.err) == 1, args << ": " << r.err);
    BOOST_TEST(r.err.rfind("interphase: error: ", 0) == 0u, args << ": " << r.err);
    BOOST_TEST(r.out.empty(), args);
  }
  BOOST_TEST((slurp(db.path) == before));
}

BOOST_AUTO_TEST_CASE(materials_project_documents_and_their_own_energy_above_hull) {
  static const auto dir = interphase::test::temp_dir("cli-mp");
  const std::string db = "--db " + (dir / "mp.sqlite").string();
  const Run r = run_cli("db import " + std::string(INTERPHASE_TEST_DATA_DIR) + "/mp_thermo_li_mn_o.json " + db);
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(r.out.find("mp_thermo_li_mn_o: 11 entries (mp-json)") == 0u, r.out);
  // By hand: Li2O2 (-1.6) lies below Li2O + O2 (-1.5) but the file says 0.05 above;
  // Mn2O3 (-1.75) lies 0.01 above MnO + MnO2 (-1.76) but the file says 0.
  BOOST_TEST(r.err.find("energy_above_hull of 11 documents compared with the hull of this data set: 2 differ by more "
                        "than 1 meV/atom") != std::string::npos, r.err);
  const auto li2o2 = r.err.find("mp-841 Li2O2: ours 0.0000, file 0.0500"), mn2o3 = r.err.find("mp-1172875 Mn2O3: ours 0.0100, file 0.0000");
  BOOST_TEST(li2o2 != std::string::npos, r.err);
  BOOST_TEST(mn2o3 != std::string::npos, r.err);
  BOOST_TEST(li2o2 < mn2o3);  // the largest difference first
  const Run d = run_cli("decompose LiMnO2 --format json " + db);
  const auto j = nlohmann::json::parse(d.out);
  CHECK_ABS(j["e_above_hull"].get<double>(), 0.1225, 1e-12);  // above 3/4 Li2MnO3 + 1/4 MnO at -1.9625
  BOOST_TEST(j["entry_id"] == "mp-18767");
}

BOOST_AUTO_TEST_SUITE_END()  // test_cli_dataset
