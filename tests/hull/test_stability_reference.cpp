#include <boost/test/unit_test.hpp>

/// The stored stability of every entry of the default data against pymatgen:
/// tests/reference/stability_sample_reference.csv holds 2,000 rows of pymatgen's
/// exact PhaseDiagram of each entry's own chemical system
/// (make_stability_reference.py writes it with the full table). Every row must
/// agree within 1e-6 eV/atom, with the same stable flag and the same
/// decomposition phases and fractions.
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "interphase/hull/dataset_stability.hpp"
#include "support/close.hpp"
#include "support/default_data.hpp"

BOOST_AUTO_TEST_SUITE(test_stability_reference)

using namespace interphase;

namespace {

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> out;
  std::stringstream s(line);
  for (std::string cell; std::getline(s, cell, separator);) out.push_back(cell);
  return out;
}

/// "Li3PS4:0.615;Li2S:0.23" -> {Li3PS4: 0.615, Li2S: 0.23}
std::map<std::string, double> decomposition(const std::string& cell) {
  std::map<std::string, double> out;
  for (const auto& part : split(cell, ';')) {
    const auto colon = part.rfind(':');
    out[part.substr(0, colon)] = std::stod(part.substr(colon + 1));
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_thousand_rows_equal_pymatgen) {
  // The whole pipeline: a fresh database, the stability computed and stored, read back.
  test::TempDir dir("stability-reference");
  Database db(dir.path / "db.sqlite");
  const auto dataset = db.import_csv(INTERPHASE_DEFAULT_DATA).id;
  ensure_stability(db, dataset);
  const auto entries = db.entries(dataset);
  std::unordered_map<std::int64_t, const Entry*> by_key;
  std::unordered_map<std::string, std::int64_t> key_of;
  for (const Entry& e : entries) {
    by_key[e.key] = &e;
    key_of[e.id] = e.key;
  }
  std::unordered_map<std::int64_t, StoredStability> stored;
  for (auto& s : db.stability(dataset)) stored.emplace(s.entry, std::move(s));
  BOOST_TEST_REQUIRE(stored.size() == entries.size());

  std::ifstream in(std::string(INTERPHASE_REFERENCE_DIR) + "/stability_sample_reference.csv");
  BOOST_TEST_REQUIRE(in.good());
  std::string line;
  std::getline(in, line);
  BOOST_TEST(line == "id,formula,reduced_formula,e_form,e_above_hull,stable,hull_energy,decomposition");
  std::size_t rows = 0, stable = 0;
  while (std::getline(in, line)) {
    const auto cells = split(line, ',');
    BOOST_TEST_REQUIRE(cells.size() == 8u, line);
    const std::string& id = cells[0];
    BOOST_TEST_CONTEXT(line) {
      const auto key = key_of.find(id);
      BOOST_TEST_REQUIRE((key != key_of.end()));
      const Entry& e = *by_key.at(key->second);
      const StoredStability& s = stored.at(key->second);
      BOOST_TEST(e.formula == cells[1]);
      BOOST_TEST(e.name() == cells[2]);
      CHECK_ABS(e.e_form, std::stod(cells[3]), 1e-12);
      CHECK_ABS(s.e_above_hull, std::stod(cells[4]), 1e-6);
      BOOST_TEST(s.stable == (cells[5] == "true"));
      CHECK_ABS(s.hull_energy, std::stod(cells[6]), 1e-6);
      std::map<std::string, double> ours;
      for (const auto& [phase, fraction] : s.decomposition)
        ours[phase < 0 ? Composition({{static_cast<int>(-phase), 1.0}}).reduced_formula() : by_key.at(phase)->name()] +=
            fraction;
      const auto theirs = decomposition(cells[7]);
      std::set<std::string> a, b;
      for (const auto& [name, f] : ours) a.insert(name);
      for (const auto& [name, f] : theirs) b.insert(name);
      BOOST_TEST(a == b);
      if (a == b)
        for (const auto& [name, f] : theirs) CHECK_ABS(ours.at(name), f, 1e-6);
    }
    ++rows;
    stable += cells[5] == "true";
  }
  BOOST_TEST(rows >= 1900u);
  BOOST_TEST(stable > 100u);
}

BOOST_AUTO_TEST_SUITE_END()  // test_stability_reference
