#pragma once
// Running the interphase program from tests: exit code, stdout and stderr.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
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

}  // namespace interphase::test
