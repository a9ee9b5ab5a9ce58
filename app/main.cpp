// interphase: the command-line front end. Its commands and options are the
// library's catalogue (interphase/session/catalogue.hpp); each command
// (app/<command>.cpp) turns its options into one request of the session layer
// and renders the result. This file builds the parser and reports errors.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <string>

#include "cli.hpp"
#include "interphase/session/failure.hpp"
#include "interphase/quote.hpp"

namespace {

using namespace interphase;

/// The parser of every command of the catalogue, with each one's Values.
struct Program {
  CLI::App app{program_description(), "interphase"};
  bool verbose = false;
  std::map<std::string, std::pair<CLI::App*, cli::Values>> commands;  ///< by path ("db import")

  Program() {
    app.footer(program_examples());
    app.require_subcommand(1);
    app.fallthrough();  // -v works before or after the subcommand
    app.add_flag("-v,--verbose", verbose, "log what the engine does (to stderr)");
    app.set_version_flag("--version", "interphase 0.1.0");
    for (const CommandDoc& doc : program_commands()) {
      const auto space = doc.path.rfind(' ');
      CLI::App* parent = space == std::string::npos ? &app : commands.at(doc.path.substr(0, space)).first;
      auto& [cmd, values] = commands[doc.path];
      cmd = parent->add_subcommand(doc.path.substr(space + 1), doc.summary);
      if (doc.options.empty()) cmd->require_subcommand(1);  // a group of commands
      for (const OptionDoc& o : doc.options) values.add(cmd, o);
      if (!doc.footer.empty()) cmd->footer(doc.footer);
    }
  }
};

/// What the user asked for, for messages: the command words and operands
/// before the first option ("react Li2O O2").
std::string request_of(int argc, char** argv) {
  std::string out;
  for (int i = 1; i < argc && argv[i][0] != '-'; ++i) out += (out.empty() ? "" : " ") + std::string(argv[i]);
  return in_quotes("interphase " + out);
}

/// Everything written reached its destination; else say so (exit 1).
int finish_output(int code) {
  try {
    flush_stdout();
    return code;
  } catch (const OutputError& e) {
    std::cerr << "interphase: error: " << e.what() << "\n";
    return 1;
  }
}

/// Run the chosen command; a failure becomes one line on stderr and an exit
/// code: 1 the output, 2 the input, 3 the program itself.
int run(const cli::Command& runner, const cli::Values& values, int argc, char** argv) {
  try {
    // Ends the status line before any message below (locals go before the handlers run).
    struct Finish {
      ~Finish() { StatusLine::instance().finish(); }
    } finish;
    return finish_output(runner.run(values));
  } catch (...) {
    const Failure f = describe_failure(std::current_exception(), option_for_setting, request_of(argc, argv));
    const bool internal = f.kind == Failure::Kind::Internal;
    std::cerr << "interphase: " << (internal ? "" : "error: ") << f.message << "\n";
    return f.kind == Failure::Kind::Output ? 1 : internal ? 3 : 2;
  }
}

/// An argument such as "-inf" or "-nan": a number the parser takes for an
/// option (it starts with '-' and is not a decimal), so that the value it was
/// given for goes missing ("E_FORM is required"); none if there is none.
const char* non_finite_argument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string word(argv[i]);
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
    if (word == "-inf" || word == "-infinity" || word == "-nan") return argv[i];
  }
  return nullptr;
}

/// Parse the arguments; the exit code if that ends the program (help, version, an error).
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::Success& e) {  // help and version go to stdout, which must take them
    return finish_output(app.exit(e));
  } catch (const CLI::ParseError& e) {
    const char* value = non_finite_argument(argc, argv);
    const std::string problem =
        value ? in_quotes(value) + " is not a finite number" : e.what() + std::string(" (see --help)");
    std::cerr << "interphase: error: " << problem << "\n";
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  Program program;
  if (argc == 1) {  // no command: show what there is
    std::cout << program.app.help();
    return finish_output(0);
  }
  if (const auto code = parse(program.app, argc, argv)) return *code;
  log_to_stderr(program.verbose);
  for (auto& [path, command] : program.commands) {
    const auto runner = cli::commands().find(path);
    if (!command.first->parsed() || runner == cli::commands().end()) continue;
    if (runner->second.status_line && stderr_is_terminal()) StatusLine::instance().show();
    command.second.verbose = program.verbose;
    return run(runner->second, command.second, argc, argv);
  }
  return 0;
}
