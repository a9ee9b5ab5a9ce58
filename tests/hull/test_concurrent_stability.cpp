#include <boost/test/unit_test.hpp>

/// Many processes (and threads), one database: the first runs build it once,
/// the stability of a data set is computed once, and everyone else waits for
/// it (DatabaseLock, lock.hpp) instead of failing with "database is locked".
/// The process tests start the program several times at once, with the
/// computation slowed down by INTERPHASE_TEST_STABILITY_DELAY_MS so that they
/// overlap it; the thread tests hold the computation in StabilityNotice's
/// callbacks. Runs threads at once (label "threads").
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "interphase/data/lock.hpp"
#include "interphase/hull/dataset_stability.hpp"
#include "support/cli.hpp"
#include "support/data_errors.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

BOOST_AUTO_TEST_SUITE(test_concurrent_stability)

using namespace interphase;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(INTERPHASE_TEST_DATA_DIR) / "small.csv";

/// How long the test processes' computation is slowed down: long enough that
/// processes started together overlap it even on a loaded machine.
constexpr int kDelayMs = 2000;

/// One run of the program started in the background.
struct Child {
  pid_t pid = -1;
  fs::path out, err;
  int code = -1;
};

/// Start the program with `args`, its environment plus `env`, stdout and stderr
/// into files of `dir` named after `tag`.
Child start(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, const fs::path& dir,
            const std::string& tag) {
  Child c;
  c.out = dir / (tag + ".out");
  c.err = dir / (tag + ".err");
  std::vector<std::string> strings{INTERPHASE_CLI};
  strings.insert(strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (!env.count(entry.substr(0, entry.find('=')))) environment.push_back(entry);
  }
  for (const auto& [name, value] : env) environment.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& s : environment) envp.push_back(s.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, c.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, c.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int rc = posix_spawn(&c.pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  BOOST_REQUIRE_MESSAGE(rc == 0, "cannot start " << argv[0]);
  return c;
}

/// Wait for every child (killing those still running after 5 minutes: a hang
/// fails the test instead of stalling it).
void finish(std::vector<Child>& children) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  for (Child& c : children) {
    int status = 0;
    while (waitpid(c.pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        kill(c.pid, SIGKILL);
        waitpid(c.pid, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    c.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
}

/// Occurrences of `what` in `text`.
int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

/// What the library logs (-v) when it computed and stored stability and when
/// it waited for another computing it, and what the program says when it
/// built the database.
const std::string kComputed = "computed and stored";
const std::string kWaited = "waiting for another process computing the stability of data set 'small' (database";
const std::string kBuilt = "(first run)";

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& f : fs::directory_iterator(dir)) out.push_back(f.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// Runs the callbacks of two threads in lock step: the first to compute holds
/// its computation until the other has begun to wait.
struct Rendezvous {
  std::mutex mutex;
  std::condition_variable changed;
  int waiting = 0, computing = 0;

  StabilityNotice notice() {
    StabilityNotice n;
    n.waiting = [this] {
      const std::lock_guard lock(mutex);
      ++waiting;
      changed.notify_all();
    };
    n.computing = [this] {
      std::unique_lock lock(mutex);
      ++computing;
      changed.notify_all();
      changed.wait_for(lock, std::chrono::seconds(60), [this] { return waiting > 0; });
    };
    return n;
  }
};

}  // namespace

// Three first runs at once on a fresh database: one builds it and one computes
// the stability, the others wait for each; all print the same table.
BOOST_AUTO_TEST_CASE(three_first_runs_build_once_and_compute_once) {
  test::TempDir dir("concurrent");
  const fs::path db = dir.path / "db" / "interphase.sqlite";
  const std::map<std::string, std::string> env{{"INTERPHASE_DB", db.string()},
                                               {"INTERPHASE_DATA", kData.string()},
                                               {"INTERPHASE_TEST_STABILITY_DELAY_MS", std::to_string(kDelayMs)}};
  std::vector<Child> children;
  for (int i = 0; i < 3; ++i)
    children.push_back(start({"-v", "stability", "--format", "csv"}, env, dir.path, "run" + std::to_string(i)));
  finish(children);

  int built = 0, computed = 0;
  const std::string first_out = test::slurp(children.front().out);
  for (const Child& c : children) {
    const std::string err = test::slurp(c.err);
    BOOST_TEST_CONTEXT(c.err.filename().string() << ":\n" << err) {
      BOOST_TEST(c.code == 0);
      BOOST_TEST(test::slurp(c.out) == first_out);
      BOOST_TEST(count(err, "database is locked") == 0);
    }
    built += count(err, kBuilt);
    computed += count(err, kComputed);
  }
  BOOST_TEST(test::count_lines(first_out) == 13);  // the header and the 12 entries of small.csv
  BOOST_TEST(built == 1);
  BOOST_TEST(computed == 1);
  BOOST_TEST(files_in(db.parent_path()) == std::vector<std::string>{"interphase.sqlite"},
             boost::test_tools::per_element());  // no lock file or temporary database left

  const test::Run check = test::run_cli("db check --db " + db.string());
  BOOST_TEST(check.code == 0);
  BOOST_TEST(check.out.find("healthy") != std::string::npos);
}

// A process that finds another computing waits for it and reads what it
// stored: the waiters are started only once the first holds the lock.
BOOST_AUTO_TEST_CASE(processes_wait_for_the_one_computing) {
  test::TempDir dir("concurrent");
  const fs::path db = dir.path / "interphase.sqlite";
  Database(db).import_csv(kData);
  // Long enough for the two waiters to start and reach the lock before the first stores.
  const std::map<std::string, std::string> env{{"INTERPHASE_TEST_STABILITY_DELAY_MS", std::to_string(kDelayMs * 5 / 2)}};
  const std::vector<std::string> args{"-v", "react", "Li2O2", "RuO2", "--db", db.string()};
  std::vector<Child> children{start(args, env, dir.path, "first")};
  const fs::path lock_file = db.string() + ".stability.lock";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (!fs::exists(lock_file) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  BOOST_REQUIRE(fs::exists(lock_file));
  children.push_back(start(args, env, dir.path, "second"));
  children.push_back(start(args, env, dir.path, "third"));
  finish(children);

  const std::string first_out = test::slurp(children.front().out);
  BOOST_TEST(!first_out.empty());
  for (std::size_t i = 0; i < children.size(); ++i) {
    const std::string err = test::slurp(children[i].err);
    BOOST_TEST_CONTEXT(children[i].err.filename().string() << ":\n" << err) {
      BOOST_TEST(children[i].code == 0);
      BOOST_TEST(test::slurp(children[i].out) == first_out);
      BOOST_TEST(count(err, kComputed) == (i == 0 ? 1 : 0));
      BOOST_TEST(count(err, kWaited) == (i == 0 ? 0 : 1));
    }
  }
  BOOST_TEST(!fs::exists(lock_file));
  BOOST_TEST(test::run_cli("db check --db " + db.string()).code == 0);
}

// Two threads of one process, each with its own connection: one computes, the
// other is told it waits (once) and then finds the stored result.
BOOST_AUTO_TEST_CASE(threads_compute_once) {
  test::TempDir dir("concurrent");
  const fs::path path = dir.path / "interphase.sqlite";
  const std::int64_t dataset = Database(path).import_csv(kData).id;
  Rendezvous r;
  std::atomic<int> computed{0};
  std::vector<std::string> errors(2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      try {
        Database db(path);
        if (ensure_stability(db, dataset, 1, r.notice())) ++computed;
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(t)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(errors == std::vector<std::string>(2), boost::test_tools::per_element());
  BOOST_TEST(computed == 1);
  BOOST_TEST(r.computing == 1);
  BOOST_TEST(r.waiting == 1);
  BOOST_TEST(Database(path).stability_current(dataset));
  BOOST_TEST(Database(path).stability(dataset).size() == 12u);
  BOOST_TEST(!fs::exists(path.string() + ".stability.lock"));
}

// `db add` while another computes: it waits, then updates the stored rows.
BOOST_AUTO_TEST_CASE(an_added_entry_waits_for_the_computation) {
  test::TempDir dir("concurrent");
  const fs::path path = dir.path / "interphase.sqlite";
  const std::int64_t dataset = Database(path).import_csv(kData).id;
  Rendezvous r;
  std::string error;
  std::thread computing([&] {
    try {
      Database db(path);
      StabilityNotice n = r.notice();
      n.waiting = nullptr;  // only the adding thread says it waits
      ensure_stability(db, dataset, 1, n);
    } catch (const std::exception& e) {
      error = e.what();
    }
  });
  {
    std::unique_lock lock(r.mutex);  // until the computation has begun
    r.changed.wait_for(lock, std::chrono::seconds(60), [&] { return r.computing > 0; });
  }
  Database db(path);
  StabilityNotice n = r.notice();
  n.computing = nullptr;
  const EntryChange change =
      add_entry(db, dataset, Entry{"small:added", "Li2O", Composition::parse("Li2O"), -2.1, 0, std::nullopt}, 1, n);
  computing.join();
  BOOST_TEST(error == "");
  BOOST_TEST(r.waiting == 1);
  BOOST_TEST(change.run.recomputed < change.run.systems);  // incremental: the stored rows were current
  BOOST_TEST(db.stability_current(dataset));
  BOOST_TEST(db.stability(dataset).size() == 13u);
}

// A holder that never finishes: the waiter gives up after its limit, naming
// the database and what it waited for.
BOOST_AUTO_TEST_CASE(a_wait_ends_at_its_limit) {
  test::TempDir dir("concurrent");
  const fs::path path = dir.path / "interphase.sqlite";
  const std::int64_t dataset = Database(path).import_csv(kData).id;
  std::mutex mutex;
  std::condition_variable released;
  bool holding = false, done = false;
  std::thread holder([&] {
    Database db(path);
    StabilityNotice n;
    n.computing = [&] {
      std::unique_lock lock(mutex);
      holding = true;
      released.notify_all();
      released.wait_for(lock, std::chrono::seconds(60), [&] { return done; });
    };
    ensure_stability(db, dataset, 1, n);
  });
  {
    std::unique_lock lock(mutex);
    released.wait_for(lock, std::chrono::seconds(60), [&] { return holding; });
  }
  Database db(path);
  StabilityNotice n;
  int waited = 0;
  n.waiting = [&] { ++waited; };
  n.wait_limit = std::chrono::milliseconds(200);
  const std::string message = test::data_error_message([&] { ensure_stability(db, dataset, 1, n); });
  {
    const std::lock_guard lock(mutex);
    done = true;
  }
  released.notify_all();
  holder.join();
  BOOST_TEST(waited == 1);
  BOOST_TEST(message == "gave up after 200 ms waiting for another process computing the stability of data set 'small' "
                        "(database '" + path.string() + "'; `fuser " + path.string() +
                            ".stability.lock` names the process that holds its lock)");
  BOOST_TEST(db.stability_current(dataset));  // the holder finished
}

// A lock file left by a process that was killed holds nothing: the next
// holder takes it and removes it.
BOOST_AUTO_TEST_CASE(a_left_lock_file_is_taken_and_removed) {
  test::TempDir dir("concurrent");
  const fs::path path = dir.path / "interphase.sqlite";
  { std::ofstream(path.string() + ".stability.lock") << ""; }
  int waited = 0;
  {
    const DatabaseLock lock(path, DatabaseWork::Stability, "testing", [&] { ++waited; });
    BOOST_TEST(lock.held());
    BOOST_TEST(lock.file() == fs::path(path.string() + ".stability.lock"));
  }
  BOOST_TEST(waited == 0);
  BOOST_TEST(fs::is_empty(dir.path));
}

BOOST_AUTO_TEST_SUITE_END()  // test_concurrent_stability
