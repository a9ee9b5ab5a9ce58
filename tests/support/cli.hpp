#pragma once
// Running the interphase program from tests: exit code, stdout and stderr, the
// files and the default-data database its command lines name.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <sys/wait.h>

#include "support/default_data.hpp"

namespace interphase::test {

struct Run {
  int code;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Run the program with arguments (already shell-quoted where needed).
inline Run run_cli(const std::string& args) {
  static const auto dir = temp_dir("cli-run");
  const auto out = dir / "out.txt", err = dir / "err.txt";
  const std::string cmd = std::string(INTERPHASE_CLI) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

/// Lines of text (newline characters).
inline int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

/// The lines of text, without their newlines.
inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// A file of `bytes` named `name` in a temporary directory of this process
/// (a second file of the same name replaces it); its path.
inline std::string write_temp_file(const std::string& name, const std::string& bytes) {
  static const auto dir = temp_dir("cli-files");
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

/// Run `args` against the built database `db`; check exit 2, one error line
/// "interphase: error: ..." holding `expected`, no output, and the database
/// byte for byte as it was.
inline void check_refused(const std::string& db, const std::string& args, const std::string& expected) {
  const std::string before = slurp(db);
  const Run r = run_cli(args + " --db " + db);
  BOOST_TEST_CONTEXT(args) {
    BOOST_TEST(r.code == 2, r.err);
    BOOST_TEST(count_lines(r.err) == 1, r.err);
    BOOST_TEST(r.err.rfind("interphase: error: ", 0) == 0u, r.err);
    BOOST_TEST(r.err.find(expected) != std::string::npos, r.err << " lacks " << expected);
    BOOST_TEST(r.out.empty(), r.out);
    BOOST_TEST(slurp(db) == before);
  }
}

/// "--db FILE": a database of the default data with its stability, built by
/// the program on first use and shared by the rest of the process.
inline const std::string& default_db_option() {
  static const std::string option = [] {
    const std::string db = (temp_dir("cli-default") / "db.sqlite").string();
    const Run import = run_cli("db import " + std::string(INTERPHASE_DEFAULT_DATA) + " --db " + db);
    BOOST_REQUIRE_MESSAGE(import.code == 0, import.err);
    const Run stability = run_cli("stability --db " + db + " --format csv");
    BOOST_REQUIRE_MESSAGE(stability.code == 0, stability.err);
    return "--db " + db;
  }();
  return option;
}

}  // namespace interphase::test
