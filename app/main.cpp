// interphase: the command-line front end. Each command (app/<command>.cpp)
// turns its options into one request of the library's session layer and
// renders the result; this file sets up the commands and reports errors.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "cli.hpp"
#include "interphase/error.hpp"
#include "interphase/quote.hpp"
#include "interphase/report/progress.hpp"

namespace {

using namespace interphase;

/// The bare program's help ends with these.
constexpr const char* kExamples =
      "Examples:\n"
      "  interphase react Li6PS5Cl Li2RuO3              reaction energy over the mixing ratio\n"
      "  interphase react Li3InCl6 Li2RuO3 --format json\n"
      "  interphase react Li6PS5Cl Li2RuO3 --open Li --voltage 3   ... with Li open at 3 V vs Li/Li+\n"
      "  interphase react Li6PS5Cl Li2RuO3 --uncertainty --explain  ... with its 1-sigma and what decides it\n"
      "  interphase sweep Li6PS5Cl Li2RuO3 --from 0 --to 5         minimum at every voltage\n"
      "  interphase map Li6PS5Cl Li2RuO3 --from 0 --to 5           exact (x, V) product map\n"
      "  interphase map Li6PS5Cl Li2RuO3 --format svg > map.svg    ... as a plot\n"
      "  interphase window Li6PS5Cl                      electrochemical stability window\n"
      "  interphase screen Li6PS5Cl Li3InCl6 --against Li2RuO3 LiCoO2   minimum of every pair\n"
      "  interphase decompose Li6PS5Cl                   e_above_hull and decomposition products\n"
      "  interphase hull Li-In-Cl --all                  stable phases (and every entry)\n"
      "  interphase stability --format csv               e_above_hull of every entry of the data set\n"
      "  interphase select --with Li --stable            stable Li compounds, one formula per line\n"
      "  interphase db add Li3InO3 -1.9 --id my:1        add an entry; its stability and the hulls it changes\n"
      "  interphase db info                              what the database holds\n"
      "  interphase serve                                the web app at http://127.0.0.1:8765/\n"
      "The first command that needs data builds the database from the default data set.";

/// What the user asked for, for messages: the command words and operands
/// before the first option ("react Li2O O2").
std::string request_of(int argc, char** argv) {
  std::string out;
  for (int i = 1; i < argc && argv[i][0] != '-'; ++i) out += (out.empty() ? "" : " ") + std::string(argv[i]);
  return in_quotes("interphase " + out);
}

/// A request's setting as the program's option: "--" and its name with '-'
/// for '_' (thermo_type: --thermo-type), or the option's own shorter name.
std::string option_name(std::string setting) {
  if (setting == "explain_at_x") return "--at-x";
  if (setting == "max_e_above_hull") return "--max-ehull";
  std::replace(setting.begin(), setting.end(), '_', '-');
  return "--" + setting;
}

/// A library error as the user sees it: settings spelled as the program's
/// options (--from), and Qhull's message put inside a sentence naming the request.
std::string error_text(const Error& e, const std::string& request) {
  const auto* setting = dynamic_cast<const SettingError*>(&e);
  const std::string what = setting ? setting->spelled(option_name) : e.what();
  if (dynamic_cast<const ConvexHullError*>(&e)) return "cannot compute a convex hull for " + request + ": " + what;
  return what;
}

/// Everything written reached its destination; else say so (exit 1).
int finish_output(int code) {
  errno = 0;
  std::cout.flush();
  if (std::cout.good() && std::fflush(stdout) == 0) return code;
  const int error = errno;
  std::cerr << "interphase: error: cannot write the output" << (error ? std::string(": ") + std::strerror(error) : "")
            << "\n";
  return 1;
}

/// Run the chosen command; errors become one line on stderr and an exit code.
int run(const cli::Command& command, int argc, char** argv) {
  try {
    // Ends the status line before any message below (locals go before the handlers run).
    struct Finish {
      ~Finish() { StatusLine::instance().finish(); }
    } finish;
    return finish_output(command.run());
  } catch (const OutputError& e) {  // what was computed did not reach its destination, as with stdout
    std::cerr << "interphase: error: " << e.what() << "\n";
    return 1;
  } catch (const interphase::Error& e) {
    std::cerr << "interphase: error: " << error_text(e, request_of(argc, argv)) << "\n";
    return 2;
  } catch (const std::filesystem::filesystem_error& e) {
    // A path the system cannot use (too long, not a directory, no permission): bad input.
    std::cerr << "interphase: error: cannot use '" << e.path1().string() << "': " << e.code().message() << "\n";
    return 2;
  } catch (const InternalError& e) {
    // A computation broke down (not the input): say what was asked.
    std::cerr << "interphase: internal error in " << request_of(argc, argv) << ": " << e.what() << "\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "interphase: internal error: " << e.what() << "\n";
    return 3;
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "interphase: interface phase equilibria from a formation-energy database.\n"
      "Convex hulls, decompositions and the mutual reaction energy of two materials\n"
      "at every mixing ratio (Zhu, He and Mo, J. Mater. Chem. A 2016).",
      "interphase"};
  app.footer(kExamples);
  app.require_subcommand(1);
  app.fallthrough();  // -v works before or after the subcommand
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "log what the engine does (to stderr)");
  app.set_version_flag("--version", "interphase 0.1.0");

  cli::Commands commands;
  cli::add_react(app, commands);
  cli::add_sweep(app, commands);
  cli::add_map(app, commands);
  cli::add_compare(app, commands);
  cli::add_screen(app, commands, verbose);
  cli::add_coat(app, commands);
  cli::add_window(app, commands);
  cli::add_decompose(app, commands);
  cli::add_hull(app, commands);
  cli::add_stability(app, commands);
  cli::add_select(app, commands);
  cli::add_db(app, commands);
  cli::add_serve(app, commands);

  if (argc == 1) {  // no command: show what there is
    std::cout << app.help();
    return finish_output(0);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {  // help and version go to stdout, which must take them
    return finish_output(app.exit(e));
  } catch (const CLI::CallForAllHelp& e) {
    return finish_output(app.exit(e));
  } catch (const CLI::CallForVersion& e) {
    return finish_output(app.exit(e));
  } catch (const CLI::ParseError& e) {
    if (const char* value = non_finite_argument(argc, argv)) {
      std::cerr << "interphase: error: " << in_quotes(value) << " is not a finite number\n";
      return 2;
    }
    std::cerr << "interphase: error: " << e.what() << " (see --help)\n";
    return 2;
  }
  log_to_stderr(verbose);
  for (const cli::Command& command : commands) {
    if (!command.app->parsed()) continue;
    // Single long commands show their stage on a terminal (screen has its own progress line).
    if (command.status_line && stderr_is_terminal()) StatusLine::instance().show();
    return run(command, argc, argv);
  }
  return 0;
}
