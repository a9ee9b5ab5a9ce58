#include <boost/test/unit_test.hpp>

/// The CSV importer: values, ids, dialect, data set records, and bad files
/// that must import nothing and name the row.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "support/data_errors.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_csv_import)

namespace fs = std::filesystem;
using namespace interphase;
using interphase::test::TempDir;
using interphase::test::data_error_message;

namespace {

const fs::path kDataDir = INTERPHASE_TEST_DATA_DIR;

/// A database in a temp directory.
struct DbFixture {
  TempDir dir;
  Database db{dir.path / "test.sqlite"};
};

const Entry& find_entry(const std::vector<Entry>& entries, const std::string& id) {
  for (const auto& e : entries) {
    if (e.id == id) return e;
  }
  BOOST_FAIL("no entry " + id);
  throw;  // unreachable
}

std::vector<Entry> all_entries(const Database& db, std::int64_t dataset_id) {
  std::vector<int> every_element;
  for (int z = 1; z <= 118; ++z) every_element.push_back(z);
  return db.entries_in_system(every_element, dataset_id);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// True if calling `f` throws a DataError whose message contains every one of `parts`.
template <class F>
bool throws_data_error(F f, const std::vector<std::string>& parts) {
  try {
    f();
  } catch (const DataError& e) {
    const std::string message = e.what();
    BOOST_TEST_MESSAGE("DataError: " << message);
    for (const auto& part : parts) {
      if (message.find(part) == std::string::npos) {
        BOOST_ERROR("message '" << message << "' lacks '" << part << "'");
        return false;
      }
    }
    return true;
  }
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(csv_import, DbFixture)

BOOST_AUTO_TEST_CASE(imports_small_file_with_hand_checked_values) {
  const DatasetInfo info = db.import_csv(kDataDir / "small.csv");
  BOOST_TEST(info.id > 0);
  BOOST_TEST(info.name == "small");
  BOOST_TEST(info.kind == "csv");
  BOOST_TEST(info.n_entries == 12);
  BOOST_TEST(info.source == fs::absolute(kDataDir / "small.csv").lexically_normal().string());
  // sha256sum tests/data_small/small.csv
  BOOST_TEST(info.sha256 == "4cd29742a38328f613b9d1cb2d8957b2f87bef76affd68aa9e2bf46f304429c5");
  BOOST_TEST(info.imported_at.size() == 20u);  // 2024-05-01T12:00:00Z
  BOOST_TEST(info.imported_at.back() == 'Z');
  BOOST_TEST(db.count_entries(info.id) == 12);

  const std::vector<Entry> entries = all_entries(db, info.id);
  BOOST_REQUIRE_EQUAL(entries.size(), 12u);
  // Row order, ids "<name>:<row>".
  for (std::size_t i = 0; i < entries.size(); ++i) BOOST_TEST(entries[i].id == "small:" + std::to_string(i + 1));

  const Entry& li2o = find_entry(entries, "small:3");
  BOOST_TEST(li2o.formula == "Li2O1");
  BOOST_TEST(li2o.name() == "Li2O");
  BOOST_TEST(li2o.composition.chemsys() == "Li-O");
  BOOST_TEST(li2o.composition.num_atoms() == 3.0);
  BOOST_TEST(li2o.e_form == -2.0);
  BOOST_TEST(li2o.energy() == -6.0);

  const Entry& li4o2 = find_entry(entries, "small:9");
  BOOST_TEST(li4o2.formula == "Li4O2");  // as written, not reduced
  BOOST_TEST(li4o2.name() == "Li2O");
  BOOST_TEST(li4o2.composition.amount(3) == 4.0);
  BOOST_TEST(li4o2.e_form == -1.9);

  const Entry& lic = find_entry(entries, "small:7");
  BOOST_TEST(lic.name() == "Li3InCl6");
  BOOST_TEST(lic.composition.chemsys() == "Cl-In-Li");
  BOOST_TEST(lic.e_form == -1.5);

  BOOST_TEST(find_entry(entries, "small:10").name() == "O2");  // "O1" as written
  BOOST_TEST(find_entry(entries, "small:10").e_form == 0.3);
  BOOST_TEST(find_entry(entries, "small:12").name() == "In2O3");
  BOOST_TEST(find_entry(entries, "small:12").e_form == -1.95);
}

BOOST_AUTO_TEST_CASE(custom_columns_quotes_crlf_bom_and_blank_lines) {
  CsvImportOptions options;
  options.formula_column = "composition";
  options.energy_column = "e_form_eV_per_atom";
  options.name = "quoted";
  const DatasetInfo info = db.import_csv(kDataDir / "quoted_crlf.csv", options);
  BOOST_TEST(info.name == "quoted");
  BOOST_TEST(info.n_entries == 5);

  const std::vector<Entry> entries = all_entries(db, info.id);
  BOOST_REQUIRE_EQUAL(entries.size(), 5u);
  // Row 4 is a blank line: skipped, but counted.
  const std::vector<std::string> ids = {"quoted:1", "quoted:2", "quoted:3", "quoted:5", "quoted:6"};
  const std::vector<std::string> formulas = {"Li2O1", "Li1Cl1", "Cl2", "In1", "Li1"};
  const std::vector<double> energies = {-2.0, -1.9, 0.0, 0.0, 0.15};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    BOOST_TEST(entries[i].id == ids[i]);
    BOOST_TEST(entries[i].formula == formulas[i]);
    BOOST_TEST(entries[i].e_form == energies[i]);
  }
}

BOOST_AUTO_TEST_CASE(bad_files_name_the_row_and_import_nothing) {
  const DatasetInfo good = db.import_csv(kDataDir / "small.csv");
  struct Case {
    std::string file;
    std::vector<std::string> message_parts;
  };
  const std::vector<Case> cases = {
      {"bad_formula.csv", {"bad_formula.csv: row 3: invalid formula 'Xq2O1': unknown element 'Xq'"}},
      {"bad_number.csv", {"bad_number.csv: row 2: invalid energy '-2.0x' in column 'target': not a number"}},
      {"non_finite.csv", {"non_finite.csv: row 2: invalid energy 'nan'", "not a finite number"}},
      {"missing_column.csv", {"missing_column.csv: row 0 (header): no column 'target'", "'formula', 'energy'"}},
      {"missing_value.csv", {"missing_value.csv: row 3: missing energy (column 'target' is empty)"}},
      {"wrong_column_count.csv", {"wrong_column_count.csv: row 4: expected 2 fields", "found 3"}},
      {"empty.csv", {"empty.csv: empty file"}},
      {"header_only.csv", {"header_only.csv: no data rows"}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.file) {
      const auto before = db.datasets();
      BOOST_TEST(throws_data_error([&] { db.import_csv(kDataDir / c.file); }, c.message_parts));
      const auto after = db.datasets();
      BOOST_TEST(after.size() == before.size());
      BOOST_TEST(db.count_entries(good.id) == 12);
      BOOST_TEST(all_entries(db, good.id).size() == 12u);
      // Nothing of the failed file under the next dataset id either.
      BOOST_TEST(db.count_entries(good.id + 1) == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(missing_file) {
  const fs::path missing = kDataDir / "no_such_file.csv";
  BOOST_TEST(throws_data_error([&] { db.import_csv(missing); },
                               {"cannot open '" + missing.string() + "': No such file or directory"}));
  BOOST_TEST(db.datasets().empty());
}

BOOST_AUTO_TEST_CASE(duplicate_dataset_name) {
  db.import_csv(kDataDir / "small.csv");
  BOOST_TEST(throws_data_error([&] { db.import_csv(kDataDir / "small.csv"); },
                               {"already has a data set named 'small'"}));
  BOOST_TEST(db.datasets().size() == 1u);

  CsvImportOptions options;
  options.name = "small-again";
  const DatasetInfo second = db.import_csv(kDataDir / "small.csv", options);
  BOOST_TEST(second.name == "small-again");
  BOOST_TEST(all_entries(db, second.id).front().id == "small-again:1");
  BOOST_TEST(db.datasets().size() == 2u);
  BOOST_TEST(db.count_entries(second.id) == 12);
}

namespace {

/// A string literal's bytes, NULs included.
template <std::size_t N>
std::string bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

/// Write `bytes` to a file in `dir` and return its path.
fs::path write_file(const fs::path& dir, const std::string& name, const std::string& bytes) {
  const fs::path path = dir / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

// A NUL inside a formula used to cut it short ("Li3\0O" stored as Li): every
// control character in any field is refused, naming file, row and field.
BOOST_AUTO_TEST_CASE(control_characters_are_refused) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {bytes("formula,target\nLi,0\nLi3\0O,-1\n"),
       {"nul.csv: row 2: field 1 'Li3\\0O' contains a NUL byte at byte 4"}},
      {"formula,target\nLi2\x01O,-1\n", {"row 1: field 1 'Li2\\x01O' contains the control character 0x01"}},
      {bytes("formula,target\nLi2O,-1\0\n"), {"row 1: field 2", "contains a NUL byte"}},
      {"formula,target\n\"Li2\x1bO\",-1\n", {"row 1: field 1", "0x1B"}},
      {"id,formula,target\n\x7f,Li2O,-1\n", {"row 1: field 1 '\\x7F' contains the control character 0x7F"}},
      {bytes("formula,\0target\nLi,0\n"), {"row 0 (header): field 2", "is this a text CSV file?"}},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    BOOST_TEST_CONTEXT("case " << i) {
      const fs::path file = write_file(dir.path, i == 0 ? "nul.csv" : "control.csv", cases[i].first);
      BOOST_TEST(throws_data_error([&] { db.import_csv(file); }, cases[i].second));
      BOOST_TEST(db.datasets().empty());
    }
  }
  // Tabs around a field are blanks, as before.
  const fs::path tabs = write_file(dir.path, "tabs.csv", "formula,target\n\tLi2O\t,\t-2\n");
  BOOST_TEST(db.import_csv(tabs).n_entries == 1);
}

// A binary file given as CSV: a clear message with its bytes escaped and cut short.
BOOST_AUTO_TEST_CASE(binary_files_and_json_given_as_csv) {
  std::string binary = "\x89PNG\r\n\x1a\n";
  for (int i = 0; i < 4000; ++i) binary += static_cast<char>(i * 7 % 256);
  const std::string message = data_error_message([&] { db.import_csv(write_file(dir.path, "image.csv", binary)); });
  BOOST_TEST(message.size() < 300u, message);
  BOOST_TEST(contains(message, "image.csv: row 0 (header)"), message);
  for (const char c : message) BOOST_TEST((static_cast<unsigned char>(c) >= 0x20 && c != 0x7F));

  const std::string json = data_error_message([&] { db.import_csv(kDataDir / "made_up.pymatgen.json"); });
  BOOST_TEST(contains(json, "no column 'formula'; the file looks like JSON, not CSV (import it with --kind pymatgen-json)"),
             json);
  BOOST_TEST(db.datasets().empty());
}

// Memory stays bounded: a record longer than the limit (e.g. /dev/zero) is refused.
BOOST_AUTO_TEST_CASE(record_length_is_capped) {
  const std::string long_line = "formula,target\nLi2O,-2\n" + std::string(kMaxCsvRecordBytes + 10, 'L') + "\n";
  BOOST_TEST(throws_data_error([&] { db.import_csv(write_file(dir.path, "long.csv", long_line)); },
                               {"long.csv: row 2: record longer than 1048576 bytes (the limit); is this a CSV file?"}));
  if (fs::exists("/dev/zero")) {
    BOOST_TEST(throws_data_error([&] { db.import_csv("/dev/zero", {.name = "zero"}); },
                                 {"/dev/zero: row 0: record longer than 1048576 bytes"}));
  }
  BOOST_TEST(db.datasets().empty());
}

// Absurd energies, and elements below their own reference, are refused; the
// limit can be raised; elements above 0 (metastable allotropes) are fine.
BOOST_AUTO_TEST_CASE(energy_limits) {
  BOOST_TEST(throws_data_error(
      [&] { db.import_csv(write_file(dir.path, "huge.csv", "formula,target\nLi,0\nLi2O,-1e308\n")); },
      {"huge.csv: row 2: formation energy -1e+308 eV/atom is beyond the limit of 100 eV/atom in magnitude",
       "--max-abs-energy"}));
  BOOST_TEST(throws_data_error(
      [&] { db.import_csv(write_file(dir.path, "o.csv", "formula,target\nLi2O,-2\nO2,-1\n")); },
      {"o.csv: row 2: elemental O at -1 eV/atom", "would become the O reference of every hull with O"}));
  const fs::path allotropes = write_file(dir.path, "allotropes.csv", "formula,target\nC,0\nC,0.2\nLi2O,-150\n");
  BOOST_TEST(throws_data_error([&] { db.import_csv(allotropes); }, {"row 3: formation energy -150"}));
  CsvImportOptions wide;
  wide.max_abs_energy = 200;
  BOOST_TEST(db.import_csv(allotropes, wide).n_entries == 3);
}

// Rows are stored as they are read; the SHA-256 is of the whole file.
BOOST_AUTO_TEST_CASE(large_file_streams) {
  std::string text = "formula,target\n";
  for (int i = 0; i < 50000; ++i) text += "Li" + std::to_string(i % 97 + 1) + "O" + std::to_string(i % 89 + 1) + ",-1.25\n";
  const fs::path file = write_file(dir.path, "large.csv", text);
  const DatasetInfo info = db.import_csv(file);
  BOOST_TEST(info.n_entries == 50000);
  BOOST_TEST(db.count_entries(info.id) == 50000);
  BOOST_TEST(db.datasets().front().n_entries == 50000);
  BOOST_TEST(db.datasets().front().sha256 == info.sha256);
  BOOST_TEST(info.sha256.size() == 64u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_csv_import
