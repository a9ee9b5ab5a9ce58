#include "cli.hpp"

#include <cmath>
#include <cstdlib>

#include "interphase/composition/element.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/reaction/setup.hpp"
#include "interphase/report/progress.hpp"

namespace interphase::cli {

namespace {
NoticeWriter& observer() {
  static NoticeWriter o;
  return o;
}
}  // namespace

std::filesystem::path DataOptions::database_path() const {
  return db.empty() ? default_database_path() : std::filesystem::path(db);
}

Session DataOptions::session() const {
  SessionOptions options;
  options.database = database_path();
  options.data = data;
  if (!dataset.empty()) options.dataset = dataset;
  return Session(options, &observer());
}

/// Refuses an empty path: a script's unset variable must not mean the default database.
const CLI::Validator kNotEmpty(
    [](std::string& text) { return text.empty() ? std::string("an empty path names no file (omit the option for the default)") : std::string(); },
    "PATH");

void add_data_options(CLI::App* cmd, DataOptions& o, Formats formats) {
  cmd->add_option("--db", o.db, "SQLite database file (default: $INTERPHASE_DB, else ~/.local/share/interphase/interphase.sqlite)")
      ->check(kNotEmpty);
  cmd->add_option("--data", o.data, "formation-energy CSV that builds the database on first use (default: $INTERPHASE_DATA, else the configured mp_e_form.csv)")
      ->check(kNotEmpty);
  cmd->add_option("--dataset", o.dataset, "data set to use when the database holds several (see `interphase db info`)");
  if (formats == Formats::Tables)
    cmd->add_option("--format", o.format, "output: text (readable), markdown (tables for documents), json or csv (full precision)")
        ->check(CLI::IsMember({"text", "markdown", "md", "json", "csv"}));
  if (formats == Formats::TablesAndSvg)
    cmd->add_option("--format", o.format,
                    "output: text (readable), markdown (tables for documents), json or csv (full precision),\n"
                    "or svg (a plot, to redirect into a .svg file)")
        ->check(CLI::IsMember({"text", "markdown", "md", "json", "csv", "svg"}));
}

ReactionSettings EnergyOptions::settings() const {
  return {parse_energy_form(energy), parse_reactant_energy(reactant_energy)};
}

void add_energy_options(CLI::App* cmd, EnergyOptions& o) {
  cmd->add_option("--energy", o.energy,
                  "mutual: reactants at their hull energies, ends at 0 (Mo's scheme, default);\n"
                  "total: reactants at their own lowest entries (pymatgen's default)")
      ->check(CLI::IsMember({"mutual", "total"}));
  cmd->add_option("--reactant-energy", o.reactant_energy,
                  "with open elements, total form: reactants' closed energies from their own lowest entry\n"
                  "(entry, default) or from the closed hull (hull)")
      ->check(CLI::IsMember({"entry", "hull"}));
}

OpenChempots ChempotOptions::resolve() const { return open_chempots(open, voltage, mu, gas); }

void add_chempot_options(CLI::App* cmd, ChempotOptions& o) {
  cmd->add_option("--open", o.open, "open element(s), exchanged with a reservoir (e.g. Li)");
  cmd->add_option("--voltage", o.voltage, "voltage vs Li/Li+ of the open element (mu = -V; Li if no --open)")
      ->check(finite_within(kMaxAbsVoltage, "V"));
  cmd->add_option("--mu", o.mu, "chemical potential of an open element, eV relative to its reference: Li=-3.0 (repeatable)");
  cmd->add_option("--gas", o.gas, "open gas from temperature (K) and pressure (Pa): O=1000,21000 (repeatable)");
}

UncertaintySettings UncertaintyOptions::settings() const {
  UncertaintySettings u;
  u.linear = wanted();
  u.sigma = sigma.value_or(kDefaultSigma);
  u.samples = samples;
  u.seed = seed;
  u.threshold = threshold;
  u.threads = threads;
  return u;
}

void add_sigma_option(CLI::App* cmd, UncertaintyOptions& o) {
  cmd->add_option("--sigma", o.sigma,
                  "1-sigma of every compound's formation energy without its own in the data, eV/atom, for\n"
                  "--uncertainty and --samples alike (alone it implies --uncertainty; default 0.024, GGA+U\n"
                  "oxide reaction energies against experiment, Hautier et al., PRB 85, 155208, 2012)")
      ->check(finite_within(kMaxSigma, "eV/atom"));
}

void add_uncertainty_options(CLI::App* cmd, UncertaintyOptions& o) {
  cmd->add_flag("--uncertainty", o.uncertainty,
                "add energy_std_linear: the 1-sigma of the energy from every compound's formation energy,\n"
                "propagated linearly at fixed products");
  add_sigma_option(cmd, o);
}

void add_monte_carlo_options(CLI::App* cmd, UncertaintyOptions& o, bool threads) {
  cmd->add_option("--samples", o.samples,
                  "Monte Carlo: perturb every entry's formation energy by a normal draw of its 1-sigma this\n"
                  "many times and recompute exactly; report the minimum's std, 5-95% interval, p_react and\n"
                  "product sets (default 0: none)");
  cmd->add_option("--seed", o.seed, "Monte Carlo seed: the same seed gives the same numbers")->capture_default_str();
  cmd->add_option("--threshold", o.threshold, "Monte Carlo: a sample reacts if its minimum lies below this, eV/atom")
      ->capture_default_str()
      ->check(finite_within(100, "eV/atom"));
  if (threads) cmd->add_option("--threads", o.threads, "Monte Carlo worker threads (default: all cores)");
}

void add_single_open(CLI::App* cmd, std::vector<std::string>& open) {
  cmd->add_option("--open", open, "the open element (default Li)")->expected(1);
}

std::string single_open_symbol(const std::vector<std::string>& open) {
  return std::string(element(single_open(open)).symbol);
}

CLI::Validator finite_within(double limit, const std::string& unit) {
  return CLI::Validator(
      [limit, unit](std::string& text) -> std::string {
        // strtod: an overflow is inf (refused below), an underflow a tiny number (fine).
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) return "";  // not a number: CLI11's own message
        if (!std::isfinite(value)) return "'" + text + "' is not a finite number";
        return limit_problem(value, limit, unit);
      },
      "", "finite, within +/-" + std::to_string(static_cast<int>(limit)));
}

}  // namespace interphase::cli
