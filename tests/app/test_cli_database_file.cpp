#include <boost/test/unit_test.hpp>

/// The database file the program is pointed at: an SQLite file of another
/// program is never converted, an empty path never means the default
/// database, a change is committed only if its report was written, and
/// read-only places, leftovers of a killed build and dangling links are each
/// named for what they are.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/cli.hpp"
#include "support/cli_data.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_cli_database_file)

namespace fs = std::filesystem;
using namespace interphase::test;

namespace {

/// An SQLite file of another program: one table with one row.
fs::path foreign_file(const fs::path& dir, const std::string& extra_sql = "") {
  const fs::path file = dir / "foreign.sqlite";
  raw_sql(file, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('kept');" +
                    extra_sql);
  return file;
}

/// Run a shell command line that runs the program, its stdout to
/// `stdout_file` (empty: captured).
Run run_shell(const std::string& command_line, const std::string& stdout_file = "") {
  static const auto dir = temp_dir("cli-shell-run");
  const auto out = dir / "out.txt", err = dir / "err.txt";
  fs::remove(out);
  const std::string cmd =
      command_line + " >" + (stdout_file.empty() ? out.string() : stdout_file) + " 2>" + err.string();
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

/// Run the program with `environment` ("NAME=value ...", shell-quoted) before
/// it, its stdout to `stdout_file` (empty: captured).
Run run_with_env(const std::string& environment, const std::string& args, const std::string& stdout_file = "") {
  return run_shell("env " + environment + " " + std::string(INTERPHASE_CLI) + " " + args, stdout_file);
}

/// One error line holding `expected`, exit 2, nothing on stdout.
void check_one_error(const Run& r, const std::string& expected) {
  BOOST_TEST(r.code == 2, r.err);
  BOOST_TEST(count_lines(r.err) == 1, r.err);
  BOOST_TEST(r.err.rfind("interphase: error: ", 0) == 0u, r.err);
  BOOST_TEST(r.err.find(expected) != std::string::npos, r.err << " lacks " << expected);
  BOOST_TEST(r.out.empty(), r.out);
}

/// Every command that opens a database, with its operands.
const std::vector<std::string> kCommands = {
    "react Li2O Li2O2", "sweep Li2O Li2O2 --from 0 --to 1", "window Li2O", "decompose Li2O", "hull Li-O",
    "stability",        "select --with Li",                 "screen Li2O --against Li2O2",      "db add Li2O -2.1",
    "db remove cli_li_o:3", "db import " + li_o_data() + " --name other", "db info"};

/// Whether this process can mount `dir` read-only over itself in a private
/// mount namespace (unshare -rm: a user namespace, so it needs no privilege
/// where user namespaces are allowed); root ignores file permissions, so a
/// read-only mount is the one way to make a place read-only for it.
bool can_mount_read_only(const fs::path& dir) {
  const std::string d = dir.string();
  const std::string cmd = "unshare -rm sh -c 'mount --bind -o ro " + d + " " + d + " && ! touch " + d +
                          "/probe' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0 && !fs::exists(dir / "probe");
}

/// Run the program with `dir` mounted read-only over itself.
Run run_read_only_mount(const fs::path& dir, const std::string& args) {
  const std::string d = dir.string();
  return run_shell("unshare -rm sh -c 'mount --bind -o ro " + d + " " + d + " && exec " + INTERPHASE_CLI + " " + args +
                   "'");
}

/// A directory made immutable (chattr +i: nothing can be created, removed or
/// renamed in it, not even by root) for the object's lifetime.
class ImmutableDirectory {
 public:
  explicit ImmutableDirectory(const fs::path& dir) : dir_(dir) {
    made_ = std::system(("chattr +i " + dir.string() + " >/dev/null 2>&1").c_str()) == 0;
    std::ofstream probe(dir / "probe");
    if (made_ && probe) made_ = false, undo();  // it did not hold
  }
  ~ImmutableDirectory() { undo(); }
  ImmutableDirectory(const ImmutableDirectory&) = delete;
  ImmutableDirectory& operator=(const ImmutableDirectory&) = delete;
  bool made() const { return made_; }

 private:
  void undo() { std::system(("chattr -i " + dir_.string() + " >/dev/null 2>&1").c_str()); }
  fs::path dir_;
  bool made_ = false;
};

/// The reading commands that must work on a database that cannot be written.
const std::vector<std::string> kReadingCommands = {"db info",   "react Li2O Li2O2", "decompose Li2O",  "hull Li-O",
                                                   "window Li2O", "select --with Li", "stability --format csv"};

}  // namespace

BOOST_AUTO_TEST_CASE(a_foreign_sqlite_file_is_refused_and_left_byte_identical) {
  const TempDir dir("foreign");
  const fs::path file = foreign_file(dir.path);
  const std::string before = slurp(file);
  for (const std::string& command : kCommands) {
    BOOST_TEST_CONTEXT(command) {
      const Run r = run_cli(command + " --data " + li_o_data() + " --db " + file.string());
      check_one_error(r, "is not an interphase database");
      BOOST_TEST((slurp(file) == before), "the file changed");
      BOOST_TEST(!fs::exists(file.string() + "-wal"));  // its journal mode is its own
    }
  }
  const Run check = run_cli("db check --db " + file.string());
  BOOST_TEST(check.code == 2, check.err);
  BOOST_TEST(check.out.find("not an interphase database") != std::string::npos, check.out);
  BOOST_TEST((slurp(file) == before), "the file changed");
}

BOOST_AUTO_TEST_CASE(a_foreign_file_with_an_older_version_number_is_not_upgraded) {
  const TempDir dir("foreign-version");
  const fs::path file = foreign_file(dir.path, "PRAGMA user_version = 1;");
  const std::string before = slurp(file);
  const Run r = run_cli("react Li2O Li2O2 --data " + li_o_data() + " --db " + file.string());
  check_one_error(r, "is not an interphase database");
  BOOST_TEST((slurp(file) == before), "the file changed");
}

BOOST_AUTO_TEST_CASE(an_empty_file_becomes_a_database) {
  const TempDir dir("empty-file");
  const fs::path file = dir.path / "empty.sqlite";
  raw_sql(file, "");  // SQLite's own empty database: no tables
  const Run r = run_cli("react Li2O Li2O2 --data " + li_o_data() + " --db " + file.string());
  BOOST_TEST(r.code == 0, r.err);
}

BOOST_AUTO_TEST_CASE(an_empty_database_path_is_refused) {
  const TempDir home("empty-path-home");
  // Without the refusal these would build the default database under HOME.
  const std::string env = "HOME=" + home.path.string() + " XDG_DATA_HOME= INTERPHASE_DATA=" + li_o_data();
  for (const std::string& command : kCommands) {
    BOOST_TEST_CONTEXT(command) {
      const Run given = run_with_env(env, command + " --db ''");
      check_one_error(given, "--db");
      BOOST_TEST(given.err.find("empty") != std::string::npos, given.err);
      const Run from_environment = run_with_env(env + " INTERPHASE_DB=", command);
      check_one_error(from_environment, "INTERPHASE_DB is set but empty");
    }
  }
  const Run check = run_with_env(env + " INTERPHASE_DB=", "db check");
  check_one_error(check, "INTERPHASE_DB is set but empty");
  BOOST_TEST(!fs::exists(home.path / ".local"));
}

BOOST_AUTO_TEST_CASE(a_change_whose_report_cannot_be_written_is_not_committed) {
  if (!fs::exists("/dev/full")) {
    BOOST_TEST_MESSAGE("skipped: no /dev/full to make the output fail");
    return;
  }
  const TempDir dir("report-fails");
  const std::string db = small_database(dir.path).string();
  const std::string before = slurp(db);
  const Run add = run_with_env("", "db add Li2O -2.1 --db " + db, "/dev/full");
  BOOST_TEST(add.code == 1, add.err);
  BOOST_TEST(add.err.find("cannot write the output") != std::string::npos, add.err);
  BOOST_TEST(add.err.find("the entry was not added (the database is unchanged)") != std::string::npos, add.err);
  BOOST_TEST(count_lines(add.err) == 1, add.err);
  BOOST_TEST((slurp(db) == before), "the file changed");
  // The retry adds it once, under the first free id.
  const Run retry = run_cli("db add Li2O -2.1 --db " + db);
  BOOST_TEST(retry.code == 0, retry.err);
  BOOST_TEST(retry.out.find("cli_li_o:added-1") != std::string::npos, retry.out);
  const std::string added = slurp(db);
  const Run remove = run_with_env("", "db remove cli_li_o:added-1 --db " + db, "/dev/full");
  BOOST_TEST(remove.code == 1, remove.err);
  BOOST_TEST(remove.err.find("the entry was not removed (the database is unchanged)") != std::string::npos, remove.err);
  BOOST_TEST((slurp(db) == added), "the file changed");
  const Run removed = run_cli("db remove cli_li_o:added-1 --db " + db);
  BOOST_TEST(removed.code == 0, removed.err);
}

BOOST_AUTO_TEST_CASE(a_killed_builds_leftovers_are_removed_by_the_next_build) {
  const TempDir dir("leftovers");
  const pid_t dead = fork();  // a process id that no longer runs
  if (dead == 0) _exit(0);
  BOOST_REQUIRE(dead > 0);
  waitpid(dead, nullptr, 0);
  const std::string db = (dir.path / "db.sqlite").string();
  const std::string stale = db + ".building-" + std::to_string(dead) + "-1";
  const std::string live = db + ".building-" + std::to_string(getpid()) + "-1";  // a build under way
  const std::vector<std::string> left = {stale, stale + "-wal", stale + "-shm", stale + "-journal"};
  for (const auto& file : left) std::ofstream(file) << "left by a killed build";
  std::ofstream(live) << "still being built";
  std::ofstream(dir.path / "db.sqlite.building-notes.txt") << "not a build's";
  const Run r = run_cli("react Li2O Li2O2 --data " + li_o_data() + " --db " + db);
  BOOST_TEST(r.code == 0, r.err);
  for (const auto& file : left) BOOST_TEST(!fs::exists(file), file);
  BOOST_TEST(fs::exists(live));
  BOOST_TEST(fs::exists(dir.path / "db.sqlite.building-notes.txt"));
  // The same for a new database made by an import.
  const std::string imported = (dir.path / "imported.sqlite").string();
  const std::string stale2 = imported + ".building-" + std::to_string(dead) + "-7";
  std::ofstream(stale2) << "left by a killed import";
  const Run import = run_cli("db import " + li_o_data() + " --db " + imported);
  BOOST_TEST(import.code == 0, import.err);
  BOOST_TEST(!fs::exists(stale2));
}

BOOST_AUTO_TEST_CASE(a_dangling_link_as_the_database_is_named) {
  const TempDir dir("dangling");
  const fs::path target = dir.path / "moved-away.sqlite", link = dir.path / "db.sqlite";
  fs::create_symlink(target, link);
  for (const std::string& command : {std::string("react Li2O Li2O2"), "db import " + li_o_data()}) {
    BOOST_TEST_CONTEXT(command) {
      const Run r = run_cli(command + " --data " + li_o_data() + " --db " + link.string());
      check_one_error(r, "is a symbolic link to");
      BOOST_TEST(r.err.find("which does not exist") != std::string::npos, r.err);
      BOOST_TEST(!fs::exists(target));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_database_on_a_read_only_mount_answers_every_reading_command) {
  const TempDir dir("read-only-mount");
  if (!can_mount_read_only(dir.path)) {
    BOOST_TEST_MESSAGE("skipped: no private read-only mount here (unshare -rm and mount --bind -o ro)");
    return;
  }
  const fs::path db = small_database(dir.path);
  const fs::path unready = dir.path / "unready.sqlite";  // imported, its stability not computed yet
  BOOST_REQUIRE(run_cli("db import " + li_o_data() + " --db " + unready.string()).code == 0);
  const std::string before = slurp(db);
  for (const std::string& command : kReadingCommands) {
    BOOST_TEST_CONTEXT(command) {
      const Run r = run_read_only_mount(dir.path, command + " --db " + db.string());
      BOOST_TEST(r.code == 0, r.err);
      BOOST_TEST(!r.out.empty());
    }
  }
  const Run check = run_read_only_mount(dir.path, "db check --db " + db.string());
  BOOST_TEST(check.code == 0, check.out << check.err);
  BOOST_TEST(check.out.find("read-only file system") != std::string::npos, check.out);
  BOOST_TEST(check.out.find("damaged") == std::string::npos, check.out);
  for (const std::string& command : {"db add Li2O -2.1 --db " + db.string(), "react Li2O Li2O2 --db " + unready.string()}) {
    BOOST_TEST_CONTEXT(command) {
      const Run r = run_read_only_mount(dir.path, command);
      check_one_error(r, "is read-only here (it lies on a read-only file system)");
    }
  }
  BOOST_TEST((slurp(db) == before), "the file changed");
}

BOOST_AUTO_TEST_CASE(a_database_in_a_read_only_directory_is_read_not_called_damaged) {
  const TempDir dir("read-only-directory");
  const fs::path db = small_database(dir.path);
  const std::string before = slurp(db);
  const ImmutableDirectory read_only(dir.path);
  if (!read_only.made()) {
    BOOST_TEST_MESSAGE("skipped: cannot make a directory immutable here (chattr +i)");
    return;
  }
  for (const std::string& command : kReadingCommands) {
    BOOST_TEST_CONTEXT(command) {
      const Run r = run_cli(command + " --db " + db.string());
      BOOST_TEST(r.code == 0, r.err);
    }
  }
  const Run check = run_cli("db check --db " + db.string());
  BOOST_TEST(check.code == 0, check.out << check.err);
  BOOST_TEST(check.out.find("cannot be written") != std::string::npos, check.out);
  BOOST_TEST(check.out.find("damaged") == std::string::npos, check.out);
  BOOST_TEST(check.out.find("move it aside") == std::string::npos, check.out);
  check_one_error(run_cli("db add Li2O -2.1 --db " + db.string()), "is read-only here (its directory");
  BOOST_TEST((slurp(db) == before), "the file changed");
}

BOOST_AUTO_TEST_CASE(a_write_waits_for_an_import_under_way) {
  // Another process holds the write lock (as an import does while it reads
  // its file) for longer than a statement waits (10 s): db add waits for it,
  // as imports wait for each other, instead of failing.
  const TempDir dir("write-wait");
  const fs::path db = small_database(dir.path);
  sqlite3* holder = nullptr;
  BOOST_REQUIRE(sqlite3_open(db.c_str(), &holder) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  std::thread release([holder] {
    std::this_thread::sleep_for(std::chrono::seconds(12));
    sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr);
  });
  const Run add = run_cli("db add Li2O -2.1 --db " + db.string());
  release.join();
  sqlite3_close(holder);
  BOOST_TEST(add.code == 0, add.err);
  BOOST_TEST(add.out.find("cli_li_o:added-1") != std::string::npos, add.out);
}

BOOST_AUTO_TEST_SUITE_END()
