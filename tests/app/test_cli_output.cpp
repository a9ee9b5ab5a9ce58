// What the program writes, and what it does when that fails: a screen's
// --output FILE carries a settings record (FILE.settings.json) that a
// --resume must match (settings and data set alike), FILE is locked while a
// run writes it (a second run refuses), and every output that cannot be
// written (stdout, --output, --help) ends with exit 1 and one line.
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "interphase/data/database.hpp"
#include "interphase/report/screen_record.hpp"
#include "support/cli.hpp"
#include "support/cli_data.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_output)

namespace fs = std::filesystem;
using interphase::test::count_lines;
using interphase::test::Run;
using interphase::test::run_cli;
using interphase::test::li_o_data;
using interphase::test::small_database;
using interphase::test::slurp;

namespace {

/// A screen of the made-up data (8 rows), without the output options.
std::string screen(const fs::path& db, const std::string& format = "csv") {
  return "screen Li2O Li3O --against LiO2 Li2O2 --conditions closed,1 --quiet --format " + format + " --db " +
         db.string();
}

/// Run with stdout going to `target` (e.g. /dev/full); stderr captured.
Run run_to(const std::string& args, const std::string& target) {
  static const auto dir = interphase::test::temp_dir("cli-output");
  const auto err = dir / "err.txt";
  const std::string cmd = std::string(INTERPHASE_CLI) + " " + args + " >" + target + " 2>" + err.string();
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, "", slurp(err)};
}

/// An interrupted run's file: `whole`'s first three lines (the header and two rows).
void interrupt(const fs::path& out, const std::string& whole) {
  std::size_t cut = 0;
  for (int i = 0; i < 3; ++i) cut = whole.find('\n', cut) + 1;
  std::ofstream(out, std::ios::binary | std::ios::trunc) << whole.substr(0, cut);
}

/// Exit 2, one line holding `expected`, and `out` as it was.
void check_refused(const Run& r, const std::string& expected, const fs::path& out, const std::string& before) {
  BOOST_TEST(r.code == 2, r.err);
  BOOST_TEST(count_lines(r.err) == 1, r.err);
  BOOST_TEST(r.err.find(expected) != std::string::npos, r.err << " lacks " << expected);
  BOOST_TEST(slurp(out) == before);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_output_carries_its_settings_record) {
  const interphase::test::TempDir dir("output");
  const fs::path db = small_database(dir.path, "db.sqlite");
  const fs::path out = dir.path / "screen.csv";
  const Run r = run_cli(screen(db) + " --output " + out.string());
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  BOOST_TEST(slurp(out) == run_cli(screen(db)).out);  // the rows file is the plain CSV
  const auto record = nlohmann::json::parse(slurp(dir.path / "screen.csv.settings.json"));
  BOOST_TEST(record["interphase_screen_record"] == 1);
  BOOST_TEST(record["format"] == "csv");
  BOOST_TEST(record["a"] == nlohmann::json({"Li2O", "Li3O"}));
  BOOST_TEST(record["b"] == nlohmann::json({"LiO2", "Li2O2"}));
  BOOST_TEST(record["conditions"] == nlohmann::json({"closed", "1"}));
  BOOST_TEST(record["energy"] == "mutual");
  BOOST_TEST(record["shard"] == 1);
  BOOST_TEST(record["shards"] == 1);
  BOOST_TEST(record["dataset"] == "cli_li_o");
  BOOST_TEST(record["dataset_entries"] == 6);
  {
    const interphase::Database data(db, interphase::OpenMode::Existing);
    BOOST_TEST(record["dataset_content_hash"] == data.content_hash(data.resolve_dataset().id));
  }
  // The library reads it as written.
  BOOST_TEST(nlohmann::json::parse(interphase::read_screen_record(out).dump()) == record);
  // Text and plots get no record; they cannot be resumed.
  const fs::path text = dir.path / "screen.txt";
  BOOST_TEST(run_cli(screen(db, "text") + " --output " + text.string()).code == 0);
  BOOST_TEST(!fs::exists(dir.path / "screen.txt.settings.json"));
}

BOOST_AUTO_TEST_CASE(resume_refuses_other_settings_or_another_data_set) {
  const interphase::test::TempDir dir("output");
  const fs::path db = small_database(dir.path, "db.sqlite");
  const fs::path out = dir.path / "screen.csv";
  BOOST_TEST_REQUIRE(run_cli(screen(db) + " --output " + out.string()).code == 0);
  const std::string whole = slurp(out);
  interrupt(out, whole);
  const std::string part = slurp(out);
  const std::string resume = " --output " + out.string() + " --resume";
  // The case: mutual rows resumed with the total form.
  check_refused(run_cli(screen(db) + " --energy total" + resume), "energy: \"mutual\" then, \"total\" now", out, part);
  check_refused(run_cli(screen(db) + " --uncertainty" + resume), "uncertainty: false then, true now", out, part);
  check_refused(run_cli(screen(db) + " --samples 10" + resume), "samples: 0 then, 10 now", out, part);
  // The data set changed (an entry added) after the file was begun.
  const fs::path changed = dir.path / "changed.sqlite";
  fs::copy_file(db, changed);
  const Run add = run_cli("db add Li4O3 -1.2 --db " + changed.string());
  BOOST_TEST_REQUIRE(add.code == 0, add.err);
  const Run other_data = run_cli(screen(changed) + resume);
  check_refused(other_data, "dataset_content_hash: ", out, part);
  BOOST_TEST(other_data.err.find("dataset_entries: 6 then, 7 now") != std::string::npos, other_data.err);
  // The same settings and data set complete it to the uninterrupted output.
  const Run same = run_cli(screen(db) + " --threads 1" + resume);  // threads are not a setting of the rows
  BOOST_TEST(same.code == 0, same.err);
  BOOST_TEST(slurp(out) == whole);
}

BOOST_AUTO_TEST_CASE(resume_needs_the_record_of_a_file_with_rows) {
  const interphase::test::TempDir dir("output");
  const fs::path db = small_database(dir.path, "db.sqlite");
  const fs::path out = dir.path / "screen.csv", record = dir.path / "screen.csv.settings.json";
  BOOST_TEST_REQUIRE(run_cli(screen(db) + " --output " + out.string()).code == 0);
  const std::string whole = slurp(out);
  interrupt(out, whole);
  const std::string part = slurp(out);
  const std::string resume = " --output " + out.string() + " --resume";
  fs::rename(record, dir.path / "kept.json");
  check_refused(run_cli(screen(db) + resume), "screen.csv.settings.json' is missing", out, part);
  std::ofstream(record) << "{\"rows\": 3}\n";
  check_refused(run_cli(screen(db) + resume), "is not a screen's settings record", out, part);
  // An empty file (a run stopped before its first row) starts afresh whatever its record says.
  std::ofstream(out, std::ios::trunc).flush();
  const Run fresh = run_cli(screen(db) + " --energy total" + resume);
  BOOST_TEST(fresh.code == 0, fresh.err);
  BOOST_TEST(slurp(out) == run_cli(screen(db) + " --energy total").out);
  BOOST_TEST(interphase::read_screen_record(out)["energy"] == "total");
}

BOOST_AUTO_TEST_CASE(a_second_run_on_a_locked_output_refuses) {
  const interphase::test::TempDir dir("output");
  const fs::path db = small_database(dir.path, "db.sqlite");
  const fs::path out = dir.path / "screen.csv";
  BOOST_TEST_REQUIRE(run_cli(screen(db) + " --output " + out.string()).code == 0);
  const std::string whole = slurp(out);
  interrupt(out, whole);
  const std::string part = slurp(out);
  // Another run holds the file (as a running screen does).
  const int fd = ::open(out.c_str(), O_RDONLY);
  BOOST_TEST_REQUIRE(fd >= 0);
  BOOST_TEST_REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  for (const std::string mode : {" --resume", ""}) {  // resuming, or starting afresh (no truncation either)
    check_refused(run_cli(screen(db) + " --output " + out.string() + mode), "another interphase run is writing it",
                  out, part);
  }
  ::close(fd);  // that run ended: now it goes on
  const Run after = run_cli(screen(db) + " --output " + out.string() + " --resume");
  BOOST_TEST(after.code == 0, after.err);
  BOOST_TEST(slurp(out) == whole);
}

BOOST_AUTO_TEST_CASE(two_runs_at_once_leave_one_whole_output) {
  // Two resumes of one file started together: one writes, the other refuses;
  // the file is the uninterrupted output either way (never interleaved rows).
  const interphase::test::TempDir dir("output");
  const fs::path db = small_database(dir.path, "db.sqlite");
  const fs::path out = dir.path / "screen.csv";
  const std::string many = "screen Li2O Li3O LiO2 Li2O2 Li3O2 Li5O3 --against LiO2 Li2O2 Li2O Li4O3 Li3O "
                           "--conditions closed,0.5,1,1.5,2,2.5,3 --quiet --format csv --threads 1 --db " +
                           db.string();
  const std::string whole = run_cli(many).out;
  const fs::path err1 = dir.path / "e1", err2 = dir.path / "e2";
  const std::string cmd = std::string(INTERPHASE_CLI) + " " + many + " --output " + out.string() + " --resume";
  const std::string both = "(" + cmd + " 2>" + err1.string() + "; echo $? >" + err1.string() + ".rc) & (" + cmd +
                           " 2>" + err2.string() + "; echo $? >" + err2.string() + ".rc) & wait";
  BOOST_TEST_REQUIRE(std::system(both.c_str()) == 0);
  const int rc1 = std::stoi(slurp(err1.string() + ".rc")), rc2 = std::stoi(slurp(err2.string() + ".rc"));
  BOOST_TEST((rc1 == 0 || rc2 == 0), slurp(err1) << slurp(err2));
  for (const auto& [rc, err] : {std::pair{rc1, err1}, std::pair{rc2, err2}}) {
    if (rc != 0) {
      BOOST_TEST(rc == 2);
      BOOST_TEST(slurp(err).find("another interphase run is writing it") != std::string::npos, slurp(err));
    }
  }
  // If one refused, the other wrote everything; if they ran one after the other, the second found it complete.
  BOOST_TEST(slurp(out) == whole);
}

BOOST_AUTO_TEST_CASE(an_output_that_cannot_be_written_is_exit_1) {
  const interphase::test::TempDir dir("output");
  const fs::path db = small_database(dir.path, "db.sqlite");
  const auto check = [](const Run& r, const std::string& args) {
    BOOST_TEST_CONTEXT(args) {
      BOOST_TEST(r.code == 1, r.err);
      BOOST_TEST(count_lines(r.err) == 1, r.err);
      BOOST_TEST(r.err.rfind("interphase: error: cannot write the output", 0) == 0u, r.err);
    }
  };
  // stdout full: any command, and the help and version.
  for (const std::string args : {screen(db), "react Li2O LiO2 --db " + db.string(), std::string("--help"),
                                 std::string("screen --help"), std::string("--version"), std::string("")}) {
    check(run_to(args, "/dev/full"), args);
  }
  // --output full, or in no directory: the same status.
  const std::string full = screen(db) + " --output /dev/full";
  check(run_cli(full), full);
  const std::string nowhere = screen(db) + " --output " + (dir.path / "no" / "such.csv").string();
  check(run_cli(nowhere), nowhere);
  // Written in full: 0.
  BOOST_TEST(run_to("--help", "/dev/null").code == 0);
}

BOOST_AUTO_TEST_CASE(coat_output_that_cannot_be_written_is_exit_1) {
  const interphase::test::TempDir dir("output");
  const fs::path db = dir.path / "coat.sqlite";
  BOOST_TEST_REQUIRE(
      run_cli("db import " + std::string(INTERPHASE_TEST_DATA_DIR) + "/coat_made_up.csv --db " + db.string()).code == 0);
  const std::string coat = "coat Li2S LiCo --candidates LiNb LiTa --quiet --db " + db.string();
  BOOST_TEST_REQUIRE(run_cli(coat).code == 0);
  const Run r = run_to(coat, "/dev/full");
  BOOST_TEST(r.code == 1, r.err);
  BOOST_TEST(count_lines(r.err) == 1, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
