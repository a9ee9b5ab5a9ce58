#include <boost/test/unit_test.hpp>

/// The CSV importer: values, ids, dialect, data set records, and bad files
/// that must import nothing and name the row.
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace interphase;
using interphase::test::TempDir;

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
  const std::vector<double> energies = {-2.0, -1.9, 0.0, 0.0, -0.15};
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

BOOST_AUTO_TEST_SUITE_END()
