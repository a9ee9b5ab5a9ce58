#include <boost/test/unit_test.hpp>

/// The database: schema and versioning, stored columns, chemical-system
/// queries (both strategies), data set resolution, default paths and the
/// first-run build.
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <chrono>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "interphase/composition/composition.hpp"
#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "support/data_errors.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_database)

namespace fs = std::filesystem;
using namespace interphase;
using interphase::test::TempDir;
using interphase::test::data_error_message;

namespace {

const fs::path kDataDir = INTERPHASE_TEST_DATA_DIR;

/// Sets (or unsets, for nullopt) an environment variable for its lifetime.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? setenv(name, value->c_str(), 1) : unsetenv(name);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

/// Captures std::cerr for its lifetime.
class CaptureStderr {
 public:
  CaptureStderr() : old_(std::cerr.rdbuf(buffer_.rdbuf())) {}
  ~CaptureStderr() { std::cerr.rdbuf(old_); }
  std::string text() const { return buffer_.str(); }

 private:
  std::ostringstream buffer_;
  std::streambuf* old_;
};

/// Direct SQL on a database file, to check what the library stored.
class RawSqlite {
 public:
  explicit RawSqlite(const fs::path& path) { BOOST_REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK); }
  ~RawSqlite() { sqlite3_close(db_); }
  /// The first row of a query, each column as text ("" for NULL).
  std::vector<std::string> row(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    BOOST_REQUIRE_MESSAGE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK, sqlite3_errmsg(db_));
    std::vector<std::string> out;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* text = sqlite3_column_text(stmt, i);
        out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
    }
    sqlite3_finalize(stmt);
    return out;
  }
  void exec(const std::string& sql) { BOOST_REQUIRE(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK); }

 private:
  sqlite3* db_ = nullptr;
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Ids of the entries of `system` ("Li-O"), in the order returned.
std::vector<std::string> ids_in(const Database& db, const std::string& system, std::int64_t dataset_id) {
  std::vector<std::string> ids;
  for (const Entry& e : db.entries_in_system(parse_chemsys(system), dataset_id)) ids.push_back(e.id);
  return ids;
}

std::vector<std::string> ids(const std::string& dataset, const std::vector<int>& rows) {
  std::vector<std::string> out;
  for (const int row : rows) out.push_back(dataset + ":" + std::to_string(row));
  return out;
}

// A system of 13+ elements is answered by the bitmask scan, not by enumerating subsystems.
const std::string kThirteenFillers = "-Na-K-Mg-Ca-Sr-Ba-Al-Ga-Si-Ge";

struct DbFixture {
  TempDir dir;
  fs::path db_path = dir.path / "test.sqlite";
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(database, DbFixture)

BOOST_AUTO_TEST_CASE(schema_version_and_reopen) {
  {
    Database db(db_path);
    BOOST_TEST(db.path() == db_path);
    BOOST_TEST(db.datasets().empty());
    db.import_csv(kDataDir / "small.csv");
  }
  BOOST_TEST(RawSqlite(db_path).row("PRAGMA user_version").at(0) == "3");
  Database reopened(db_path);
  BOOST_REQUIRE_EQUAL(reopened.datasets().size(), 1u);
  BOOST_TEST(reopened.count_entries(reopened.datasets()[0].id) == 12);
}

BOOST_AUTO_TEST_CASE(refuses_newer_schema_and_non_databases) {
  { Database db(db_path); }
  RawSqlite(db_path).exec("PRAGMA user_version = 99");
  BOOST_TEST(contains(data_error_message([&] { Database db(db_path); }),
                      "has schema version 99, newer than this build of interphase supports (3)"));

  const fs::path text_file = dir.path / "not-a-db.sqlite";
  std::ofstream(text_file) << "this is not a database, just text long enough to fill a header page\n";
  const std::string message = data_error_message([&] { Database db(text_file); });
  BOOST_TEST(contains(message, "cannot open database '" + text_file.string() + "'"));
  BOOST_TEST(contains(message, "file is not a database"));
  BOOST_TEST(contains(message, "`interphase db check --db " + text_file.string() + "` tells what is wrong"));

  // Missing directories are created; a file in the way is an error.
  { Database db(dir.path / "new" / "dir" / "db.sqlite"); }
  BOOST_TEST(fs::exists(dir.path / "new" / "dir" / "db.sqlite"));
  const fs::path blocked = text_file / "sub" / "db.sqlite";
  const std::string blocked_message = data_error_message([&] { Database db(blocked); });
  BOOST_TEST(contains(blocked_message, "cannot open database '" + blocked.string() + "': cannot create directory '" +
                                           blocked.parent_path().string() + "'"));
}

BOOST_AUTO_TEST_CASE(stored_columns) {
  {
    Database db(db_path);
    db.import_csv(kDataDir / "small.csv");
    db.import_csv(kDataDir / "heavy.csv");
  }
  RawSqlite raw(db_path);
  const std::vector<std::string> lic = raw.row(
      "SELECT external_id, formula, reduced_formula, chemsys, composition, natoms, e_form, elements_lo, "
      "elements_hi, dataset_id FROM entry WHERE external_id = 'small:7'");
  const std::vector<std::string> expected = {"small:7", "Li3In1Cl6", "Li3InCl6", "Cl-In-Li", "3:3 17:6 49:1",
                                             "10.0", "-1.5",
                                             std::to_string((1LL << 2) | (1LL << 16) | (1LL << 48)), "0", "1"};
  BOOST_TEST(lic == expected, boost::test_tools::per_element());

  const std::vector<std::string> luo =
      raw.row("SELECT reduced_formula, chemsys, composition, elements_lo, elements_hi FROM entry "
              "WHERE external_id = 'heavy:7'");
  const std::vector<std::string> expected_luo = {"LiUO3", "Li-O-U", "3:1 8:3 92:1",
                                                 std::to_string((1LL << 2) | (1LL << 7)),
                                                 std::to_string(1LL << (92 - 64))};
  BOOST_TEST(luo == expected_luo, boost::test_tools::per_element());

  BOOST_TEST(raw.row("SELECT reduced_formula, chemsys FROM entry WHERE external_id = 'small:9'") ==
                 (std::vector<std::string>{"Li2O", "Li-O"}),
             boost::test_tools::per_element());
  BOOST_TEST(raw.row("SELECT name, kind, n_entries FROM dataset WHERE id = 2") ==
                 (std::vector<std::string>{"heavy", "csv", "8"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(entries_in_system_are_the_subsystems_entries) {
  Database db(db_path);
  const std::int64_t small = db.import_csv(kDataDir / "small.csv").id;
  // small.csv rows: 1 Li, 2 O2, 3 Li2O, 4 Li2O2, 5 LiCl, 6 Cl2, 7 Li3InCl6, 8 In,
  // 9 Li4O2, 10 O, 11 RuO2, 12 In2O3.
  BOOST_TEST(ids_in(db, "Li-O", small) == ids("small", {1, 2, 3, 4, 9, 10}), boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "O-Li-O", small) == ids("small", {1, 2, 3, 4, 9, 10}), boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Li", small) == ids("small", {1}), boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Cl-Li", small) == ids("small", {1, 5, 6}), boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Li-In-Cl", small) == ids("small", {1, 5, 6, 7, 8}), boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "In-O", small) == ids("small", {2, 8, 10, 12}), boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Li-O-Cl-In-Ru", small).size() == 12u);
  BOOST_TEST(ids_in(db, "He", small).empty());
  BOOST_TEST(ids_in(db, "Li-O", small + 1).empty());  // no such data set
  BOOST_TEST(db.entries_in_system({}, small).empty());
  BOOST_CHECK_THROW(db.entries_in_system({0}, small), Error);
  BOOST_CHECK_THROW(db.entries_in_system({119}, small), Error);

  // Large systems take the bitmask scan; same answers.
  BOOST_TEST(ids_in(db, "Li-O-Cl" + kThirteenFillers, small) == ids("small", {1, 2, 3, 4, 5, 6, 9, 10}),
             boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Li-O-Cl-In-Ru" + kThirteenFillers, small).size() == 12u);
}

BOOST_AUTO_TEST_CASE(entries_in_system_with_heavy_elements_and_two_datasets) {
  Database db(db_path);
  const std::int64_t small = db.import_csv(kDataDir / "small.csv").id;
  const std::int64_t heavy = db.import_csv(kDataDir / "heavy.csv").id;
  // heavy.csv rows: 1 Bi, 2 Li3Bi, 3 Bi2O3, 4 Li, 5 O2, 6 PbO, 7 LiUO3, 8 U.
  BOOST_TEST(ids_in(db, "Bi-Li-O", heavy) == ids("heavy", {1, 2, 3, 4, 5}), boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Bi-Li-O" + kThirteenFillers, heavy) == ids("heavy", {1, 2, 3, 4, 5}),
             boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Li-O-U", heavy) == ids("heavy", {4, 5, 7, 8}), boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Li-O-U" + kThirteenFillers, heavy) == ids("heavy", {4, 5, 7, 8}),
             boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Pb-Bi", heavy) == ids("heavy", {1}), boost::test_tools::per_element());
  // Data sets do not mix.
  BOOST_TEST(ids_in(db, "Li-O", small) == ids("small", {1, 2, 3, 4, 9, 10}), boost::test_tools::per_element());
  BOOST_TEST(ids_in(db, "Li-O" + kThirteenFillers, small) == ids("small", {1, 2, 3, 4, 9, 10}),
             boost::test_tools::per_element());
  // Entries round-trip their composition and energy.
  const std::vector<Entry> bi2o3 = db.entries_in_system(parse_chemsys("Bi-O"), heavy);
  BOOST_REQUIRE_EQUAL(bi2o3.size(), 3u);
  BOOST_TEST(bi2o3[1].formula == "Bi2O3");
  BOOST_TEST(bi2o3[1].composition.almost_equal(Composition::parse("Bi2O3")));
  BOOST_TEST(bi2o3[1].e_form == -1.2);
}

BOOST_AUTO_TEST_CASE(resolve_dataset) {
  Database db(db_path);
  BOOST_TEST(contains(data_error_message([&] { db.resolve_dataset(); }), "has no data set; import one first"));
  db.import_csv(kDataDir / "small.csv");
  BOOST_TEST(db.resolve_dataset().name == "small");
  BOOST_TEST(db.resolve_dataset("small").name == "small");
  db.import_csv(kDataDir / "heavy.csv");
  BOOST_TEST(db.resolve_dataset("heavy").name == "heavy");
  BOOST_TEST(contains(data_error_message([&] { db.resolve_dataset(); }),
                      "has several data sets ('small', 'heavy'); choose one by name"));
  BOOST_TEST(contains(data_error_message([&] { db.resolve_dataset("nope"); }),
                      "has no data set named 'nope' (it has 'small', 'heavy')"));
  db.import_csv(kDataDir / "small.csv", {.name = "mp_e_form"});
  BOOST_TEST(db.resolve_dataset().name == "mp_e_form");
}

BOOST_AUTO_TEST_CASE(move) {
  Database a(db_path);
  const std::int64_t id = a.import_csv(kDataDir / "small.csv").id;
  Database b(std::move(a));
  BOOST_TEST(b.count_entries(id) == 12);
  Database c(dir.path / "other.sqlite");
  c = std::move(b);
  BOOST_TEST(c.path() == db_path);
  BOOST_TEST(c.count_entries(id) == 12);
}

BOOST_AUTO_TEST_CASE(default_paths) {
  {
    ScopedEnv db("INTERPHASE_DB", "/somewhere/my.sqlite");
    BOOST_TEST(default_database_path() == fs::path("/somewhere/my.sqlite"));
  }
  ScopedEnv no_db("INTERPHASE_DB", std::nullopt);
  {
    ScopedEnv xdg("XDG_DATA_HOME", "/xdg/data");
    BOOST_TEST(default_database_path() == fs::path("/xdg/data/interphase/interphase.sqlite"));
  }
  {
    ScopedEnv xdg("XDG_DATA_HOME", std::nullopt);
    ScopedEnv home("HOME", "/home/someone");
    BOOST_TEST(default_database_path() == fs::path("/home/someone/.local/share/interphase/interphase.sqlite"));
  }
  {
    ScopedEnv data("INTERPHASE_DATA", "/my/data.csv");
    BOOST_TEST(default_data_path() == fs::path("/my/data.csv"));
  }
  ScopedEnv no_data("INTERPHASE_DATA", std::nullopt);
  BOOST_TEST(default_data_path().filename() == "mp_e_form.csv");
}

BOOST_AUTO_TEST_CASE(open_or_create_builds_once) {
  const fs::path nested = dir.path / "a" / "b" / "interphase.sqlite";
  {
    CaptureStderr captured;
    const Database db = open_or_create_database(nested, kDataDir / "small.csv");
    BOOST_TEST(captured.text() == "interphase: building database " + nested.string() + " from " +
                                      (kDataDir / "small.csv").string() + " (first run) ... 12 entries\n");
    BOOST_REQUIRE_EQUAL(db.datasets().size(), 1u);
  }
  BOOST_TEST(fs::exists(nested));
  {
    CaptureStderr captured;
    const Database db = open_or_create_database(nested, kDataDir / "bad_number.csv");  // not imported: built
    BOOST_TEST(captured.text().empty());
    BOOST_TEST(db.datasets().size() == 1u);
    BOOST_TEST(db.resolve_dataset().name == "small");
  }
  // Data that is not there is refused even so: a misspelt file is not passed over.
  BOOST_CHECK_EXCEPTION(open_or_create_database(nested, kDataDir / "does-not-exist.csv"), DataError,
                        [](const DataError& e) { return std::string(e.what()).find("No such file or directory") != std::string::npos; });
}

BOOST_AUTO_TEST_CASE(open_or_create_from_environment_and_json) {
  ScopedEnv db_env("INTERPHASE_DB", db_path.string());
  ScopedEnv data_env("INTERPHASE_DATA", (kDataDir / "made_up.pymatgen.json").string());
  CaptureStderr captured;
  const Database db = open_or_create_database();
  BOOST_TEST(db.path() == db_path);
  BOOST_TEST(db.resolve_dataset().kind == "pymatgen-json");
  BOOST_TEST(contains(captured.text(), "(first run) ... 7 entries"));
}

// A failed first build prints nothing of its own (the caller prints the one
// error line) and leaves no file, not even its temporary one.
BOOST_AUTO_TEST_CASE(failed_first_build_leaves_no_file) {
  {
    CaptureStderr captured;
    const std::string message = data_error_message([&] { open_or_create_database(db_path, kDataDir / "bad_formula.csv"); });
    BOOST_TEST(contains(message, "cannot build database '" + db_path.string() + "': "));
    BOOST_TEST(contains(message, "bad_formula.csv: row 3: invalid formula 'Xq2O1'"));
    BOOST_TEST(captured.text() == "");
  }
  BOOST_TEST(!fs::exists(db_path));
  BOOST_TEST(fs::is_empty(dir.path));
  {
    ScopedEnv data_env("INTERPHASE_DATA", (dir.path / "missing.csv").string());
    const std::string message = data_error_message([&] { open_or_create_database(db_path); });
    BOOST_TEST(contains(message, "cannot open '" + (dir.path / "missing.csv").string() + "': No such file or directory"));
    BOOST_TEST(contains(message, "INTERPHASE_DATA"));
  }
  BOOST_TEST(!fs::exists(db_path));
  // An existing empty database is kept when its build fails.
  { Database empty(db_path); }
  CaptureStderr captured;
  data_error_message([&] { open_or_create_database(db_path, kDataDir / "bad_number.csv"); });
  BOOST_TEST(captured.text() == "");
  BOOST_TEST(fs::exists(db_path));
  BOOST_TEST(Database(db_path).datasets().empty());
}

// A file this process did not create is never removed, even when it is in the
// way of a first build (here: not a database at all).
BOOST_AUTO_TEST_CASE(first_build_never_removes_a_file_it_did_not_create) {
  std::ofstream(db_path) << "not a database, but somebody's file; long enough to fill SQLite's header page\n";
  const std::string message = data_error_message([&] { open_or_create_database(db_path, kDataDir / "small.csv"); });
  BOOST_TEST(contains(message, "cannot open database '" + db_path.string() + "'"));
  BOOST_TEST(contains(message, "interphase db check"));
  BOOST_TEST(fs::exists(db_path));
}

// update_database (`db import`): a failure on a new path leaves no file; on an
// existing one the transaction leaves it as it was.
BOOST_AUTO_TEST_CASE(update_database_creates_only_on_success) {
  data_error_message([&] { update_database(db_path, [](Database& db) { db.import_csv(kDataDir / "bad_number.csv"); }); });
  BOOST_TEST(!fs::exists(db_path));
  BOOST_TEST(fs::is_empty(dir.path));
  update_database(db_path, [](Database& db) { db.import_csv(kDataDir / "small.csv"); });
  BOOST_TEST(Database(db_path).datasets().size() == 1u);
  update_database(db_path, [](Database& db) { db.import_csv(kDataDir / "heavy.csv"); });
  BOOST_TEST(Database(db_path).datasets().size() == 2u);
  const auto names = [](const fs::path& d) {
    std::vector<std::string> out;
    for (const auto& f : fs::directory_iterator(d)) out.push_back(f.path().filename().string());
    return out;
  };
  BOOST_TEST(names(dir.path) == std::vector<std::string>{"test.sqlite"});
}

// Readers never wait for a writer: the WAL journal, and a reader sees the last
// commit while an import's transaction is open.
BOOST_AUTO_TEST_CASE(wal_readers_see_the_last_commit_during_a_write) {
  { Database(db_path).import_csv(kDataDir / "small.csv"); }
  RawSqlite writer(db_path);
  BOOST_TEST(writer.row("PRAGMA journal_mode").at(0) == "wal");
  writer.exec("BEGIN IMMEDIATE");
  writer.exec("INSERT INTO dataset (name, source, sha256, imported_at, kind) VALUES ('x', 'x', 'x', 'x', 'csv')");
  const auto start = std::chrono::steady_clock::now();
  const Database reader(db_path);
  BOOST_TEST(reader.datasets().size() == 1u);
  BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 2.0);
  writer.exec("ROLLBACK");
}

// `db import` runs SQLite's quick check first: nothing is written into a damaged file.
BOOST_AUTO_TEST_CASE(import_refuses_a_damaged_database) {
  { Database(db_path).import_csv(kDataDir / "small.csv"); }
  {
    // Damage the entry table's pages (not the header): overwrite the file's second half.
    std::fstream f(db_path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(0, std::ios::end);
    const auto size = static_cast<std::streamoff>(f.tellg());
    f.seekp(size / 2);
    for (std::streamoff i = size / 2; i < size; ++i) f.put(static_cast<char>(0x5A));
  }
  const auto read_all = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string before = read_all(db_path);
  const std::string message = data_error_message([&] {
    Database db(db_path);
    db.import_csv(kDataDir / "heavy.csv");
  });
  BOOST_TEST(contains(message, db_path.string()), message);
  BOOST_TEST(contains(message, "interphase db check"), message);
  BOOST_TEST(read_all(db_path) == before);
  const HealthReport report = check_database(db_path);
  BOOST_TEST(!report.healthy());
}

// Two imports of one name at once: the second says the name is taken (our
// message), never SQLite's "UNIQUE constraint failed".
BOOST_AUTO_TEST_CASE(concurrent_imports_of_one_name) {
  { Database db(db_path); }
  std::vector<std::string> errors(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        Database db(db_path);
        db.import_csv(kDataDir / "small.csv", {.name = "same"});
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  int succeeded = 0;
  for (const auto& e : errors) {
    if (e.empty()) {
      ++succeeded;
    } else {
      BOOST_TEST(contains(e, "already has a data set named 'same'"), e);
    }
  }
  BOOST_TEST(succeeded == 1);
}

BOOST_AUTO_TEST_CASE(check_reports_what_is_wrong) {
  BOOST_TEST(contains(data_error_message([&] { check_database(db_path); }), "does not exist"));
  { Database(db_path).import_csv(kDataDir / "small.csv"); }
  const HealthReport healthy = check_database(db_path);
  BOOST_TEST(healthy.healthy());
  BOOST_TEST(healthy.passed.size() == 5u);
  BOOST_TEST(healthy.passed.back() == "stored stability: 0 data set(s) current, 1 not computed yet (computed on first need)");

  RawSqlite(db_path).exec("UPDATE dataset SET n_entries = 13");
  const HealthReport counts = check_database(db_path);
  BOOST_REQUIRE_EQUAL(counts.problems.size(), 1u);
  BOOST_TEST(counts.problems[0].what == "data set 'small' records 13 entries but holds 12");
  BOOST_TEST(contains(counts.problems[0].remedy, "import its file again"));

  RawSqlite(db_path).exec("PRAGMA user_version = 99");
  const HealthReport newer = check_database(db_path);
  BOOST_REQUIRE_EQUAL(newer.problems.size(), 1u);
  BOOST_TEST(newer.problems[0].what == "schema version 99 is newer than this build of interphase supports (3)");

  const fs::path text_file = dir.path / "text.sqlite";
  std::ofstream(text_file) << "this is not a database, just text long enough to fill a header page\n";
  const HealthReport text = check_database(text_file);
  BOOST_REQUIRE_EQUAL(text.problems.size(), 1u);
  BOOST_TEST(contains(text.problems[0].what, "file is not a database"), text.problems[0].what);
}

// `db check` recomputes each data set's content hash from its entries and
// compares the stored stability with it: each kind of damage, made with SQL
// in a copy of a healthy file, is named with how to recover.
BOOST_AUTO_TEST_CASE(check_finds_changed_entries_and_stale_stability) {
  const fs::path healthy = dir.path / "healthy.sqlite";
  {
    Database db(healthy);
    const std::int64_t id = db.import_csv(kDataDir / "small.csv").id;
    std::vector<StoredStability> rows;
    for (const Entry& e : db.entries(id)) rows.push_back({e.key, 0.0, e.e_form, true, {{e.key, 1.0}}});
    db.store_stability(id, rows, 1, true, db.content_hash(id));
  }
  const HealthReport fine = check_database(healthy);
  BOOST_TEST(fine.healthy());
  BOOST_TEST(fine.passed.at(3) == "1 data set(s), content hashes match their entries");
  BOOST_TEST(fine.passed.at(4) == "stored stability: 1 data set(s) current");

  int copies = 0;
  const auto damaged = [&](const std::string& sql) {
    const fs::path copy = dir.path / ("damaged" + std::to_string(++copies) + ".sqlite");
    fs::copy_file(healthy, copy);
    RawSqlite(copy).exec(sql);
    const HealthReport report = check_database(copy);
    BOOST_TEST(!report.healthy(), sql);
    std::string text;
    for (const auto& p : report.problems) text += p.what + " | " + p.remedy + "\n";
    return text;
  };

  // An energy changed behind the library's back: the content hash tells.
  std::string text = damaged("UPDATE entry SET e_form = e_form - 0.5 WHERE id = (SELECT min(id) FROM entry)");
  BOOST_TEST(contains(text, "data set 'small': its entries do not match its stored content hash"), text);
  BOOST_TEST(contains(text, "import its file again under a new name"), text);
  // So does an entry removed together with its count and stability row.
  text = damaged("DELETE FROM entry WHERE id = (SELECT max(id) FROM entry); UPDATE dataset SET n_entries = n_entries - 1");
  BOOST_TEST(contains(text, "do not match its stored content hash"), text);
  BOOST_TEST(!contains(text, "records"), text);
  // An unreadable composition.
  text = damaged("UPDATE entry SET composition = '3:x' WHERE id = (SELECT min(id) FROM entry)");
  BOOST_TEST(contains(text, "data set 'small' has an unreadable entry: corrupt composition"), text);
  // Stability computed for other content is stale.
  text = damaged("UPDATE stability_state SET content_hash = '" + std::string(64, '0') + "'");
  BOOST_TEST(contains(text, "data set 'small': its stored stability results are stale (computed for content hash "
                            "'0000000000000000...'"), text);
  BOOST_TEST(contains(text, "run `interphase stability --dataset small`"), text);
  BOOST_TEST(!contains(text, "content hash |"), text);
  // Marked current, but a row is missing.
  text = damaged("DELETE FROM stability WHERE entry_id = (SELECT min(entry_id) FROM stability)");
  BOOST_TEST(contains(text, "its stored stability is marked current but has 11 row(s) for 12 entries"), text);
}

// A database that cannot be written names its path.
BOOST_AUTO_TEST_CASE(unusable_database_files_are_named) {
  const std::string dev_null = data_error_message([] { Database db("/dev/null"); });
  BOOST_TEST(contains(dev_null, "'/dev/null'"), dev_null);
  const fs::path too_long = dir.path / (std::string(300, 'x') + ".sqlite");
  const std::string long_name = data_error_message([&] { open_or_create_database(too_long, kDataDir / "small.csv"); });
  BOOST_TEST(contains(long_name, too_long.string()), long_name);
  BOOST_TEST(contains(long_name, "File name too long"), long_name);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_database
