#include <boost/test/unit_test.hpp>

/// The Materials Project importer: the fields read from summary/thermo
/// documents, thermo types, and errors that name the document.
#include <filesystem>
#include <fstream>
#include <string>

#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "support/data_errors.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_mp_import)

namespace fs = std::filesystem;
using namespace interphase;
using interphase::test::data_error_message;
using interphase::test::TempDir;

namespace {

const fs::path kFixture = fs::path(INTERPHASE_TEST_DATA_DIR) / "mp_thermo_li_mn_o.json";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct Fixture {
  TempDir dir;
  Database db{dir.path / "mp.sqlite"};
  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = dir.path / name;
    std::ofstream(p) << text;
    return p;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(mp_import, Fixture)

BOOST_AUTO_TEST_CASE(reads_the_documented_fields) {
  BOOST_TEST(guess_kind(kFixture) == "mp-json");
  std::vector<ReportedStability> reported;
  const DatasetInfo info = db.import_mp_json(kFixture, {}, &reported);
  BOOST_TEST(info.kind == "mp-json");
  BOOST_TEST(info.name == "mp_thermo_li_mn_o");
  BOOST_TEST(info.n_entries == 11);
  const Entry li2o2 = db.entry_by_id(info.id, "mp-841");
  BOOST_TEST(li2o2.formula == "Li2O2");
  BOOST_TEST(li2o2.e_form == -1.6);
  // The composition as given (the cell, Li4O4), not the pretty formula.
  BOOST_TEST(li2o2.composition.amount(3) == 4.0);
  BOOST_TEST(li2o2.composition.amount(8) == 4.0);
  BOOST_TEST(reported.size() == 11u);
  BOOST_TEST(reported[4].id == "mp-841");
  BOOST_TEST(reported[4].reduced_formula == "Li2O2");
  BOOST_TEST(reported[4].e_above_hull == 0.05);
}

BOOST_AUTO_TEST_CASE(composition_falls_back_to_the_pretty_formula_and_ignores_class_keys) {
  const fs::path f = write("docs.json", R"([
    {"material_id": "mp-1", "formula_pretty": "Li2O", "formation_energy_per_atom": -2.0},
    {"material_id": "mp-2", "composition": {"@module": "pymatgen.core.composition", "@class": "Composition", "Li": 1, "Cl": 1},
     "formation_energy_per_atom": -1.9, "energy_above_hull": null}])");
  std::vector<ReportedStability> reported;
  const auto info = db.import_mp_json(f, {"docs", ""}, &reported);
  BOOST_TEST(db.entry_by_id(info.id, "mp-1").composition.amount(3) == 2.0);
  BOOST_TEST(db.entry_by_id(info.id, "mp-2").formula == "Li1Cl1");
  BOOST_TEST(reported.empty());
}

BOOST_AUTO_TEST_CASE(thermo_types_do_not_mix) {
  const fs::path f = write("mixed.json", R"([
    {"material_id": "mp-1960", "formula_pretty": "Li2O", "formation_energy_per_atom": -2.0, "thermo_type": "GGA_GGA+U"},
    {"material_id": "mp-1960", "formula_pretty": "Li2O", "formation_energy_per_atom": -2.1, "thermo_type": "R2SCAN"},
    {"material_id": "mp-135", "formula_pretty": "Li", "formation_energy_per_atom": 0.0, "thermo_type": "R2SCAN"}])");
  const std::string message = data_error_message([&] { db.import_mp_json(f); });
  BOOST_TEST(contains(message, "documents of several thermo types (GGA_GGA+U: 1, R2SCAN: 2) do not mix in one hull"));
  BOOST_TEST(contains(message, "--thermo-type"));
  BOOST_TEST(db.datasets().empty());
  const auto r2scan = db.import_mp_json(f, {"r2scan", "R2SCAN"});
  BOOST_TEST(r2scan.n_entries == 2);
  BOOST_TEST(db.entry_by_id(r2scan.id, "mp-1960").e_form == -2.1);
  BOOST_TEST(contains(data_error_message([&] { db.import_mp_json(f, {"x", "PBE"}); }),
                      "no document has thermo_type 'PBE'"));
}

BOOST_AUTO_TEST_CASE(errors_name_the_document) {
  const auto message_of = [&](const std::string& text) {
    return data_error_message([&] { db.import_mp_json(write("bad.json", text)); });
  };
  BOOST_TEST(contains(message_of(R"([{"material_id": "mp-1", "formula_pretty": "Li2O"}])"),
                      "bad.json: document 1 (mp-1): has no formation_energy_per_atom"));
  BOOST_TEST(contains(message_of(R"([{"material_id": "mp-1", "formula_pretty": "Li2O", "formation_energy_per_atom": null}])"),
                      "document 1 (mp-1): has no formation_energy_per_atom"));
  BOOST_TEST(contains(message_of(R"([{"formula_pretty": "Li2O", "formation_energy_per_atom": -2}])"),
                      "document 1: has no 'material_id'"));
  BOOST_TEST(contains(message_of(R"([{"material_id": "mp-1", "formation_energy_per_atom": -2}])"),
                      "document 1 (mp-1): has neither 'composition' nor 'formula_pretty'"));
  BOOST_TEST(contains(message_of(R"([{"material_id": "mp-1", "formula_pretty": "Li2Xq", "formation_energy_per_atom": -2}])"),
                      "unknown element 'Xq'"));
  BOOST_TEST(contains(message_of(R"([{"material_id": "mp-1", "formula_pretty": "Li2O", "formation_energy_per_atom": "-2"}])"),
                      "'formation_energy_per_atom' is not a number"));
  BOOST_TEST(contains(message_of(R"([{"material_id": "mp-1", "formula_pretty": "Li", "formation_energy_per_atom": 0},
                                     {"material_id": "mp-1", "formula_pretty": "Li", "formation_energy_per_atom": 0}])"),
                      "document 2 (mp-1): material_id 'mp-1' appears twice"));
  BOOST_TEST(contains(message_of(R"({"material_id": "mp-1"})"), "expected a JSON list of Materials Project documents"));
  BOOST_TEST(contains(message_of("[]"), "the list of documents is empty"));
  BOOST_TEST(contains(message_of(R"([{"material_id": "mp-1",)"), "invalid JSON"));
  BOOST_TEST(db.datasets().empty());
}

// Found by fuzzing: a byte that is not UTF-8 inside the JSON reached the
// message raw (the JSON library quotes what it read last). Messages quote
// input escaped, so that they are printable.
BOOST_AUTO_TEST_CASE(messages_quote_input_escaped) {
  const auto message_of = [&](const std::string& text) {
    return data_error_message([&] { db.import_mp_json(write("bad.json", text)); });
  };
  const std::string bad_byte = message_of("[{\"material_id\xA2: \"mp-8\"}]");
  BOOST_TEST(contains(bad_byte, "bad.json: invalid JSON: "), bad_byte);
  BOOST_TEST(contains(bad_byte, "\\xA2"), bad_byte);
  BOOST_TEST(!contains(bad_byte, "\xA2"), bad_byte);
  const std::string control = message_of(R"([{"material_id": "mp\n1", "formula_pretty": "Li2O"}])");
  BOOST_TEST(contains(control, "document 1 (mp\\n1)"), control);
  const std::string symbol = message_of(R"([{"material_id": "x", "composition": {"L\ti": -1}, "formation_energy_per_atom": 0}])");
  BOOST_TEST(contains(symbol, "amount of 'L\\ti' is not a non-negative number"), symbol);
  const std::string key = message_of(R"([{"material_id": "x", "composition": {"A\b": 2}, "formation_energy_per_atom": 0}])");
  BOOST_TEST(key.find('\b') == std::string::npos, key);
  BOOST_TEST(contains(key, "document 1 (x): composition: "), key);
  // Also found by fuzzing: a number beyond double escaped as the JSON library's own exception.
  const std::string overflow = message_of(R"([{"material_id": "x", "formula_pretty": "Li", "formation_energy_per_atom": 1e400}])");
  BOOST_TEST(contains(overflow, "bad.json: invalid JSON: number overflow parsing '1e400'"), overflow);
  BOOST_TEST(db.datasets().empty());
}

// The rule of every way in (entry_problem, Composition::check_amount_limits):
// amounts within the formula limits, none dropped as 0 (the rest would pass
// for another composition: {"Li": 0, "O": 1} at -2 eV/atom was refused as
// "elemental O"), and a formula_pretty that names the composition.
BOOST_AUTO_TEST_CASE(amounts_and_the_pretty_formula_follow_the_formula_rules) {
  const auto message_of = [&](const std::string& composition, const std::string& pretty = "") {
    return data_error_message([&] {
      db.import_mp_json(write("bad.json", R"([{"material_id": "mp-9", )" + (pretty.empty() ? "" : R"("formula_pretty": ")" + pretty + R"(", )") +
                                              R"("composition": )" + composition + R"(, "formation_energy_per_atom": -2}])"));
    });
  };
  const auto refused = [&](const std::string& message, const std::string& expected) {
    BOOST_TEST(contains(message, "bad.json: document 1 (mp-9): "), message);
    BOOST_TEST(contains(message, expected), message << " lacks " << expected);
    BOOST_TEST(!contains(message, "elemental"), message);
  };
  refused(message_of(R"({"Li": 1e300, "O": 1})"), "amount 1e+300 of Li is above the limit of 1e+09");
  refused(message_of(R"({"Li": 1e12, "O": 1})"), "amount 1e+12 of Li is above the limit of 1e+09");
  refused(message_of(R"({"Li": 0, "O": 1})"), "amount 0 of Li is not positive (leave the element out)");
  refused(message_of(R"({"Li": 1e-9, "O": 1})"), "amount 1e-09 of Li is below the amount tolerance of 1e-08");
  refused(message_of(R"({"Li": 1e-5, "O": 1e3})"), "O 1000 is more than 1e+06 times Li 1e-05");  // as a formula's
  refused(message_of(R"({"Li": 1, "O": 1})", "Li2O"), "formula_pretty 'Li2O' contradicts its composition Li1O1");
  refused(message_of(R"({"Li": 2, "O": 1})", "Na2O"), "formula_pretty 'Na2O' contradicts");
  refused(message_of(R"({"Li": 2, "O": 1})", "Li2(O"), "'formula_pretty': invalid formula 'Li2(O'");
  BOOST_TEST(db.datasets().empty());
  // The cell and its reduced formula agree.
  const auto info = db.import_mp_json(write("good.json", R"([{"material_id": "mp-1960", "formula_pretty": "Li2O",
      "composition": {"Li": 8.0, "O": 4.0}, "formation_energy_per_atom": -2}])"));
  BOOST_TEST(db.entry_by_id(info.id, "mp-1960").formula == "Li2O");
}

BOOST_AUTO_TEST_CASE(kinds_by_name_and_content) {
  BOOST_TEST(guess_kind(write("a.csv", "formula,target\n")) == "csv");
  BOOST_TEST(guess_kind(write("a.json", R"([{"@class": "ComputedEntry", "energy": -3}])")) == "pymatgen-json");
  BOOST_TEST(guess_kind(write("b.json", R"([{"material_id": "mp-1"}])")) == "mp-json");
  BOOST_TEST(guess_kind(fs::path(INTERPHASE_SAMPLES_DIR) / "li-in-cl-ru-o.pymatgen-entries.json") == "pymatgen-json");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_mp_import
