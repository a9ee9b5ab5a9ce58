#include <boost/test/unit_test.hpp>

/// The default data set, imported whole: counts, the seed's chemical space, and
/// entries_in_system against an independent count from the CSV itself.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "interphase/composition/composition.hpp"
#include "interphase/data/database.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_full_data)

namespace fs = std::filesystem;
using namespace interphase;
using interphase::test::TempDir;

namespace {

/// The default CSV imported once for the whole suite.
struct FullData {
  TempDir dir;
  Database db{dir.path / "full.sqlite"};
  DatasetInfo info;
  /// Every row's elements, read independently of the importer.
  std::vector<std::vector<int>> row_elements;

  FullData() {
    info = db.import_csv(INTERPHASE_DEFAULT_DATA);

    std::ifstream csv(INTERPHASE_DEFAULT_DATA);
    std::string line;
    std::getline(csv, line);
    while (std::getline(csv, line)) row_elements.push_back(Composition::parse(line.substr(0, line.find(','))).elements());
  }

  /// Rows whose elements all lie in `system`.
  std::size_t independent_count(const std::vector<int>& system) const {
    return static_cast<std::size_t>(std::count_if(row_elements.begin(), row_elements.end(), [&](const auto& els) {
      return std::includes(system.begin(), system.end(), els.begin(), els.end());
    }));
  }

  std::vector<Entry> query(const std::string& system) const {
    return db.entries_in_system(parse_chemsys(system), info.id);
  }
};

std::set<std::string> names(const std::vector<Entry>& entries) {
  std::set<std::string> out;
  for (const auto& e : entries) out.insert(e.name());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(full_data)

BOOST_AUTO_TEST_CASE(default_csv) {
  const FullData data;
  BOOST_TEST(data.info.name == "mp_e_form");
  BOOST_TEST(data.info.n_entries == 132752);
  BOOST_TEST(data.db.count_entries(data.info.id) == 132752);
  BOOST_TEST(data.row_elements.size() == 132752u);
  // sha256sum ../shared/data/mp_e_form.csv
  BOOST_TEST(data.info.sha256 == "90e895635c96447c5be4e9070d26f26e1b4d17925102a6597ae3c4d79c32555b");

  // The seed's space (README: 336 rows) and the pymatgen sample's subspace (129 rows).
  const std::vector<Entry> seed = data.query("Li-P-S-Cl-In-Ru-O");
  BOOST_TEST(seed.size() == 336u);
  const std::set<std::string> seed_names = names(seed);
  for (const char* name : {"Li6PS5Cl", "Li3InCl6", "Li2RuO3", "Li3PS4", "LiCl", "Li2S", "Li3PO4", "RuO2", "In2O3",
                           "InClO", "RuCl3", "Li", "P", "S", "Cl2", "In", "Ru", "O2"}) {
    BOOST_TEST(seed_names.count(name) == 1u, name);
  }
  BOOST_TEST(data.query("Li-In-Cl-Ru-O").size() == 129u);

  // Ids follow the rows.
  const std::vector<Entry> li_o = data.query("Li-O");
  BOOST_TEST(std::is_sorted(li_o.begin(), li_o.end(), [](const Entry& a, const Entry& b) {
    return std::stol(a.id.substr(10)) < std::stol(b.id.substr(10));
  }));
  for (const auto& e : li_o) BOOST_TEST(e.id.starts_with("mp_e_form:"));

  // Both strategies (subsystem lookups up to 12 elements, bitmask scan beyond)
  // against an independent count.
  for (const char* system : {"Li-O", "Li-P-S-Cl-In-Ru-O", "Fe-O", "Li-Na-K-Mg-Ca-O-S-Se-F-Cl-Br-I",
                             "Li-Na-K-Mg-Ca-O-S-Se-F-Cl-Br-I-N", "H-Li-Be-B-C-N-O-F-Na-Mg-Al-Si-P-S-Cl-K-Ca",
                             "U-Pu-Np-Bi-Pb-O-Li-Tl-Hg-Au-Pt-Ir-Os"}) {
    BOOST_TEST_CONTEXT(system) {
      BOOST_TEST(data.query(system).size() == data.independent_count(parse_chemsys(system)));
    }
  }
}

// Several processes (here: threads) building the same fresh database at once:
// one builds it in a temporary file and moves it into place, the others wait
// for it (however long the import takes, e.g. under a sanitizer) and use it;
// nobody deletes another's file and no temporary file is left.
BOOST_AUTO_TEST_CASE(concurrent_first_runs) {
  const TempDir dir;
  const fs::path db_path = dir.path / "shared" / "interphase.sqlite";
  std::vector<std::int64_t> counts(3, -1);
  std::vector<std::string> errors(3);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        const Database db = open_or_create_database(db_path, INTERPHASE_DEFAULT_DATA);
        counts[i] = db.count_entries(db.resolve_dataset().id);
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < counts.size(); ++i) {
    BOOST_TEST(errors[i] == "");
    BOOST_TEST(counts[i] == 132752);
  }
  BOOST_TEST(fs::exists(db_path));
  BOOST_TEST(Database(db_path).datasets().size() == 1u);
  std::vector<std::string> files;
  for (const auto& f : fs::directory_iterator(db_path.parent_path())) files.push_back(f.path().filename().string());
  BOOST_TEST(files == std::vector<std::string>{"interphase.sqlite"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_full_data
