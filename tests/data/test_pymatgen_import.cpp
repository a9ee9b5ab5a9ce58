#include <boost/test/unit_test.hpp>

/// The pymatgen ComputedEntry JSON importer: the real sample against the CSV it
/// was written from, a made-up file with hand-computed formation energies, and
/// bad files.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "interphase/composition/composition.hpp"
#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "support/data_errors.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_pymatgen_import)

namespace fs = std::filesystem;
using namespace interphase;
using interphase::test::TempDir;
using interphase::test::data_error_message;

namespace {

const fs::path kDataDir = INTERPHASE_TEST_DATA_DIR;
const fs::path kSample = fs::path(INTERPHASE_SAMPLES_DIR) / "li-in-cl-ru-o.pymatgen-entries.json";

struct DbFixture {
  TempDir dir;
  Database db{dir.path / "test.sqlite"};
};

std::vector<Entry> all_entries(const Database& db, std::int64_t dataset_id) {
  std::vector<int> every_element;
  for (int z = 1; z <= 118; ++z) every_element.push_back(z);
  return db.entries_in_system(every_element, dataset_id);
}

std::map<std::string, Entry> by_id(const std::vector<Entry>& entries) {
  std::map<std::string, Entry> out;
  for (const auto& e : entries) out.emplace(e.id, e);
  return out;
}

/// Rows of a plain two-column CSV (no quotes): row number -> (formula, value).
std::map<long, std::pair<std::string, double>> read_csv_rows(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // header
  std::map<long, std::pair<std::string, double>> rows;
  for (long row = 1; std::getline(in, line); ++row) {
    const auto comma = line.find(',');
    rows[row] = {line.substr(0, comma), std::stod(line.substr(comma + 1))};
  }
  return rows;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(pymatgen_import, DbFixture)

// The sample holds rows of mp_e_form.csv, entry_id "mp_e_form:<row>", energy =
// e_form * natoms and no corrections; every element has a pure entry at 0, so
// the formation energies come back as the CSV's values.
BOOST_AUTO_TEST_CASE(sample_matches_the_csv_rows) {
  const DatasetInfo info = db.import_pymatgen_json(kSample);
  BOOST_TEST(info.name == "li-in-cl-ru-o.pymatgen-entries");
  BOOST_TEST(info.kind == "pymatgen-json");
  BOOST_TEST(info.n_entries == 129);
  BOOST_TEST(db.count_entries(info.id) == 129);

  const auto csv = read_csv_rows(INTERPHASE_DEFAULT_DATA);
  const std::vector<Entry> entries = all_entries(db, info.id);
  BOOST_REQUIRE_EQUAL(entries.size(), 129u);
  for (const Entry& entry : entries) {
    BOOST_TEST_CONTEXT(entry.id) {
      BOOST_REQUIRE(entry.id.starts_with("mp_e_form:"));
      const long row = std::stol(entry.id.substr(std::string("mp_e_form:").size()));
      const auto& [formula, e_form] = csv.at(row);
      BOOST_TEST(std::abs(entry.e_form - e_form) < 1e-9);
      BOOST_TEST(entry.composition.almost_equal(Composition::parse(formula)));
      BOOST_TEST(entry.formula == entry.composition.formula());
    }
  }
  // The sample's system, queried: all of it; a subsystem: the right part.
  BOOST_TEST(db.entries_in_system(parse_chemsys("Li-In-Cl-Ru-O"), info.id).size() == 129u);
  for (const Entry& e : db.entries_in_system(parse_chemsys("Li-O"), info.id)) {
    BOOST_TEST((e.composition.chemsys() == "Li" || e.composition.chemsys() == "O" ||
                e.composition.chemsys() == "Li-O"));
  }
}

// Hand computation (eV): references Li = min(-3.8/2, -1.85/1) = -1.9 per atom,
// O = min(-9.86/2, (-10.0 + 0.3)/2) = -4.93 per atom.
BOOST_AUTO_TEST_CASE(made_up_total_energies_with_corrections) {
  const DatasetInfo info = db.import_pymatgen_json(kDataDir / "made_up.pymatgen.json", "made-up");
  BOOST_TEST(info.name == "made-up");
  BOOST_TEST(info.n_entries == 7);
  // sha256sum tests/data_small/made_up.pymatgen.json
  BOOST_TEST(info.sha256 == "fab18524f62a4e7343fcac3e287ddf616689c66e93eab5be2f42760aeb7f994f");

  const auto entries = by_id(all_entries(db, info.id));
  BOOST_REQUIRE_EQUAL(entries.size(), 7u);
  const std::map<std::string, double> expected = {
      {"li-bcc", 0.0},                                      // the Li reference
      {"li-fcc", -1.85 + 1.9},                              // 0.05 above
      {"o2", 0.0},                                          // the O reference
      {"o2-corrected", (-10.0 + 0.3) / 2 + 4.93},           // 0.08 above
      {"li2o", (-14.31 - 0.7 - (2 * -1.9 + -4.93)) / 3},    // -2.09333
      {"made-up:6", (-19.6 - 1.4 - (2 * -1.9 + 2 * -4.93)) / 4},  // -1.835, entry_id null
      {"li0.5o", (-7.0 - 0.2 - (0.5 * -1.9 + -4.93)) / 1.5},      // -0.88
  };
  for (const auto& [id, e_form] : expected) {
    BOOST_TEST_CONTEXT(id) {
      BOOST_REQUIRE(entries.count(id) == 1u);
      BOOST_TEST(std::abs(entries.at(id).e_form - e_form) < 1e-12);
    }
  }
  BOOST_TEST(std::abs(entries.at("li2o").e_form - -2.0933333333333333) < 1e-12);
  BOOST_TEST(std::abs(entries.at("made-up:6").e_form - -1.835) < 1e-12);
  BOOST_TEST(std::abs(entries.at("li0.5o").e_form - -0.88) < 1e-12);
  BOOST_TEST(entries.at("li-bcc").e_form == 0.0);  // exactly: the reference itself
  BOOST_TEST(entries.at("li2o").formula == "Li2O1");
  BOOST_TEST(entries.at("li2o").composition.amount(3) == 2.0);
  BOOST_TEST(entries.at("li0.5o").composition.amount(3) == 0.5);
  BOOST_TEST(entries.at("made-up:6").name() == "Li2O2");
}

BOOST_AUTO_TEST_CASE(bad_files_import_nothing) {
  const struct {
    const char* file;
    std::string message;
  } cases[] = {
      {"missing_element.pymatgen.json",
       "missing_element.pymatgen.json: entry 2 (li2o): no pure-element entry for O in the file"},
      {"duplicate_id.pymatgen.json", "duplicate_id.pymatgen.json: entry 2 (li): duplicate entry_id 'li'"},
      {"bad_energy.pymatgen.json", "bad_energy.pymatgen.json: entry 2 (li2): 'energy' is not a number"},
      {"invalid.pymatgen.json", "invalid.pymatgen.json: entry 1: invalid JSON: parse error at line 1"},
      {"small.csv", "small.csv: invalid JSON"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.file) {
      const std::string message = data_error_message([&] { db.import_pymatgen_json(kDataDir / c.file); });
      BOOST_TEST(message.find(c.message) != std::string::npos, "'" << message << "' lacks '" << c.message << "'");
      BOOST_TEST(db.datasets().empty());
      BOOST_TEST(db.count_entries(1) == 0);
    }
  }
  const fs::path missing = kDataDir / "missing.json";
  BOOST_TEST(data_error_message([&] { db.import_pymatgen_json(missing); }) ==
             "cannot open '" + missing.string() + "': No such file or directory");
}

// Numbers and strings the JSON holds but the importer cannot use: named by
// file and entry, one line, nothing imported.
BOOST_AUTO_TEST_CASE(unusable_values_name_file_and_entry) {
  const std::string li = R"({"composition": {"Li": 1}, "energy": -1.9, "entry_id": "li"}, {"composition": {"O": 2}, "energy": -9, "entry_id": "o2"})";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[" + li + R"(, {"composition": {"Li": 2}, "energy": 1e400, "entry_id": "big"}])",
       "values.json: entry 3: invalid JSON: number overflow parsing '1e400'"},
      {"[" + li + R"(, {"composition": {"Li": 1}, "energy": 1.5e308, "correction": 1.5e308, "entry_id": "sum"}])",
       "values.json: entry 3 (sum): energy + correction (1.5e+308 + 1.5e+308) is not a finite number"},
      {"[" + li + R"(, {"composition": {"Li": 1}, "energy": -1.5e308, "correction": -1.5e308, "entry_id": "neg"}])",
       "values.json: entry 3 (neg): energy + correction (-1.5e+308 + -1.5e+308) is not a finite number"},
      {"[" + li + R"(, {"composition": {"Li": 2, "O": 1}, "energy": -1e300, "entry_id": "absurd"}])",
       "values.json: entry 3 (absurd): formation energy"},
      {"[" + li + R"(, {"composition": {"Li": 1}, "energy": -2, "entry_id": "li\u0000x"}])",
       "values.json: entry 3 (li\\0x): entry_id 'li\\0x' contains a NUL byte"},
      {"[" + li + R"(, {"composition": {"L\u0001i": 1}, "energy": -2}])",
       "values.json: entry 3 (values:3): composition: element 'L\\x01i' contains the control character 0x01"},
      {"[" + li + R"(, {"composition": {"Li": 1e12, "O": 1}, "energy": -2}])",
       "values.json: entry 3 (values:3): invalid composition: amount 1e+12 of Li is above the limit of 1e+09"},
      {"[" + li + R"(, {"composition": {"Li": 0, "O": 1}, "energy": -2}])",
       "values.json: entry 3 (values:3): invalid composition: amount 0 of Li is not positive (leave the element out)"},
      {R"({"composition": {"Li": 1}})", "values.json: expected a JSON list of pymatgen ComputedEntry objects, found an object"},
      {"\"text\"", "values.json: expected a JSON list of pymatgen ComputedEntry objects, found string"},
      {"[]", "values.json: the list of entries is empty"},
  };
  for (const auto& [text, expected] : cases) {
    BOOST_TEST_CONTEXT(text) {
      const fs::path file = dir.path / "values.json";
      std::ofstream(file) << text;
      const std::string message = data_error_message([&] { db.import_pymatgen_json(file); });
      BOOST_TEST(message.find(expected) != std::string::npos, "'" << message << "' lacks '" << expected << "'");
      BOOST_TEST(message.find('\n') == std::string::npos);
      BOOST_TEST(db.datasets().empty());
    }
  }
}

// Binary content in a JSON error is escaped and cut short.
BOOST_AUTO_TEST_CASE(binary_content_is_escaped) {
  const fs::path file = dir.path / "binary.json";
  std::string bytes = "[{\"composition\": \x01\x02\xff";
  bytes += std::string(5000, '\x03');
  std::ofstream(file, std::ios::binary) << bytes;
  const std::string message = data_error_message([&] { db.import_pymatgen_json(file); });
  BOOST_TEST(message.size() < 400u, message);
  for (const char c : message) BOOST_TEST(static_cast<unsigned char>(c) >= 0x20);
}

BOOST_AUTO_TEST_CASE(duplicate_name_across_importers) {
  db.import_csv(kDataDir / "small.csv", {.name = "shared"});
  const std::string message =
      data_error_message([&] { db.import_pymatgen_json(kDataDir / "made_up.pymatgen.json", "shared"); });
  BOOST_TEST(message.find("already has a data set named 'shared'") != std::string::npos);
  BOOST_TEST(db.datasets().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_pymatgen_import
