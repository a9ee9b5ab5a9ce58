#pragma once
/// \file cli.hpp
/// What the program's commands share: the data and format options, the
/// option groups of reaction commands (energy form, open elements,
/// uncertainty), and the table of commands main() runs. Each command lives in
/// its own file (app/<command>.cpp): it declares its options, turns them into
/// one request of the library's session layer, and renders the result.
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "interphase/report/progress.hpp"
#include "interphase/report/table.hpp"
#include "interphase/session/session.hpp"

namespace interphase::cli {

/// Options every data-reading command shares.
struct DataOptions {
  std::string db;        ///< database file; empty: default_database_path()
  std::string data;      ///< default data set to build it from; empty: default_data_path()
  std::string dataset;   ///< data set name; empty: the only one, or mp_e_form
  std::string format = "text";

  /// The session these options describe, reporting to the program's observer.
  Session session() const;
  /// The database file these options name.
  std::filesystem::path database_path() const;
  Format table_format() const { return parse_format(format); }
};

/// Which output formats a command offers.
enum class Formats { None, Tables, TablesAndSvg };
void add_data_options(CLI::App* cmd, DataOptions& o, Formats formats = Formats::Tables);

/// --energy and --reactant-energy.
struct EnergyOptions {
  std::string energy = "mutual";
  std::string reactant_energy = "entry";
  ReactionSettings settings() const;
};
void add_energy_options(CLI::App* cmd, EnergyOptions& o);

/// --open, --voltage, --mu and --gas: any number of open elements at given potentials.
struct ChempotOptions {
  std::vector<std::string> open;
  std::optional<double> voltage;
  std::vector<std::string> mu;
  std::vector<std::string> gas;
  /// The chemical potentials they set, by element symbol.
  OpenChempots resolve() const;
};
void add_chempot_options(CLI::App* cmd, ChempotOptions& o);

/// --uncertainty, --sigma and the Monte Carlo's --samples, --seed,
/// --threshold and --threads: one --sigma for both methods.
struct UncertaintyOptions {
  bool uncertainty = false;
  std::optional<double> sigma;
  std::size_t samples = 0;  ///< 0: no Monte Carlo
  std::uint64_t seed = 0;
  double threshold = 0.0;
  unsigned threads = 0;
  /// Whether the analytic 1-sigma is asked for: --uncertainty, or --sigma
  /// alone (with --samples, --sigma is the samples' and implies nothing more).
  bool wanted() const { return uncertainty || (sigma.has_value() && samples == 0); }
  UncertaintySettings settings() const;
};
void add_sigma_option(CLI::App* cmd, UncertaintyOptions& o);
void add_uncertainty_options(CLI::App* cmd, UncertaintyOptions& o);  ///< --uncertainty and --sigma
void add_monte_carlo_options(CLI::App* cmd, UncertaintyOptions& o, bool threads);

/// --open (one element) for sweep, map and window.
void add_single_open(CLI::App* cmd, std::vector<std::string>& open);
/// The one open element of --open (Li if none).
std::string single_open_symbol(const std::vector<std::string>& open);

/// A validator for an option that takes a number: finite and within +/-limit.
CLI::Validator finite_within(double limit, const std::string& unit);

/// Enter a new stage of the command (see StatusLine).
inline void stage(std::string what) { StatusLine::instance().stage(std::move(what)); }

/// The commands main() runs: each registers its subcommand and what runs it.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
  bool status_line = true;  ///< show the status line on a terminal while it runs
};
using Commands = std::vector<Command>;

void add_react(CLI::App& app, Commands& commands);
void add_sweep(CLI::App& app, Commands& commands);
void add_map(CLI::App& app, Commands& commands);
void add_compare(CLI::App& app, Commands& commands);
void add_screen(CLI::App& app, Commands& commands, const bool& verbose);
void add_coat(CLI::App& app, Commands& commands);
void add_window(CLI::App& app, Commands& commands);
void add_decompose(CLI::App& app, Commands& commands);
void add_hull(CLI::App& app, Commands& commands);
void add_stability(CLI::App& app, Commands& commands);
void add_select(CLI::App& app, Commands& commands);
void add_db(CLI::App& app, Commands& commands);
void add_serve(CLI::App& app, Commands& commands);

}  // namespace interphase::cli
