// interphase: the command-line front end. It parses arguments and calls the library.
#include <algorithm>
#include <chrono>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/ansicolor_sink.h>

#include "interphase/data/database.hpp"
#include "interphase/error.hpp"
#include "interphase/hull/dataset_stability.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/hull/load.hpp"
#include "interphase/hull/stable_set.hpp"
#include "interphase/grand/profile.hpp"
#include "interphase/hull/stability.hpp"
#include "interphase/reaction/explain.hpp"
#include "interphase/reaction/map.hpp"
#include "interphase/reaction/sensitivity.hpp"
#include "interphase/reaction/setup.hpp"
#include "interphase/reaction/uncertainty.hpp"
#include "interphase/report/dataset_format.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/screen_format.hpp"
#include "interphase/screen/screen.hpp"
#include "interphase/report/open_format.hpp"
#include "interphase/quote.hpp"
#include "interphase/report/svg.hpp"

namespace {

using namespace interphase;

/// The stages of one command (open the database, load, compute, write). With
/// -v each stage is logged as it starts and ends, with its time. On a
/// terminal, a command that has run for 2 s shows its current stage and the
/// time so far on stderr: one line, rewritten in place twice a second and
/// erased before anything else is printed and when the command ends.
class Progress {
 public:
  static Progress& instance() {
    static Progress progress;
    return progress;
  }

  /// Show the status line (call once, only when stderr is a terminal).
  void show_status_line() {
    if (ticker_.joinable()) return;
    ticker_ = std::thread([this] { tick(); });
  }

  /// The command enters a new stage.
  void stage(std::string what) {
    std::string done;
    double took = 0;
    {
      const std::lock_guard lock(mutex_);
      const double now = elapsed();
      done = std::exchange(current_, what);
      took = now - stage_start_;
      stage_start_ = now;
    }
    if (!done.empty()) spdlog::debug("{}: done in {:.2f} s", done, took);
    spdlog::debug("{} ...", what);
  }

  /// Erase the status line if it is shown (before other output to stderr).
  void clear() {
    const std::lock_guard lock(mutex_);
    erase();
  }

  /// While held (RAII), the status line stays away: another message is being written in parts.
  struct Hold {
    Hold() { Progress::instance().set_held(true); }
    ~Hold() { Progress::instance().set_held(false); }
  };

  /// The command is over: stop the status line and log the last stage.
  void finish() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    if (ticker_.joinable()) ticker_.join();
    clear();
    std::string last;
    double took = 0, total = 0;
    {
      const std::lock_guard lock(mutex_);
      last = std::exchange(current_, std::string());
      total = elapsed();
      took = total - stage_start_;
    }
    if (!last.empty()) spdlog::debug("{}: done in {:.2f} s ({:.2f} s in all)", last, took, total);
  }

  ~Progress() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    if (ticker_.joinable()) ticker_.join();
  }

 private:
  Progress() : start_(std::chrono::steady_clock::now()) {}

  double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

  void set_held(bool held) {
    const std::lock_guard lock(mutex_);
    erase();
    held_ = held;
  }

  void erase() {  // with mutex_ held
    if (!shown_) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    shown_ = false;
  }

  void tick() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stop_; })) {
      const double now = elapsed();
      if (now < 2.0 || held_ || current_.empty()) continue;
      std::fprintf(stderr, "\r  %s ... %.0f s\x1b[K", printable(current_, 100).c_str(), now);
      std::fflush(stderr);
      shown_ = true;
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread ticker_;
  std::chrono::steady_clock::time_point start_;
  std::string current_;
  double stage_start_ = 0;
  bool stop_ = false, held_ = false, shown_ = false;
};

/// Log lines erase the status line first (see Progress).
class StatusAwareSink : public spdlog::sinks::ansicolor_stderr_sink_mt {
 public:
  void log(const spdlog::details::log_msg& message) override {
    Progress::instance().clear();
    spdlog::sinks::ansicolor_stderr_sink_mt::log(message);
  }
};

/// Enter a new stage of the command (see Progress).
void stage(std::string what) { Progress::instance().stage(std::move(what)); }

/// Options every data-reading command shares.
struct DataOptions {
  std::string db;        // database file; empty: default_database_path()
  std::string data;      // default data set to build it from; empty: default_data_path()
  std::string dataset;   // data set name; empty: the only one, or mp_e_form
  std::string format = "text";

  Database open() const {
    stage("opening the database");
    // A first run says itself that it builds the database: no status line over it.
    std::optional<Progress::Hold> hold;
    if (!std::filesystem::exists(db.empty() ? default_database_path() : std::filesystem::path(db))) hold.emplace();
    return open_or_create_database(db, data);
  }
  std::optional<std::string> dataset_name() const {
    return dataset.empty() ? std::nullopt : std::optional<std::string>(dataset);
  }
};

/// Which output formats a command offers.
enum class Formats { None, Tables, TablesAndSvg };

void add_data_options(CLI::App* cmd, DataOptions& o, Formats formats = Formats::Tables) {
  cmd->add_option("--db", o.db, "SQLite database file (default: $INTERPHASE_DB, else ~/.local/share/interphase/interphase.sqlite)");
  cmd->add_option("--data", o.data, "formation-energy CSV that builds the database on first use (default: $INTERPHASE_DATA, else the configured mp_e_form.csv)");
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

/// Open-element settings of react, sweep, map and window.
struct OpenOptions {
  std::vector<std::string> open;
  std::optional<double> voltage;
  std::vector<std::string> mu;
  std::vector<std::string> gas;
  std::string reactant_energy = "entry";
};

/// --uncertainty, --sigma, --explain and --at-x, and the Monte Carlo's
/// --samples, --seed, --threshold and --threads: one --sigma for both methods.
struct UncertaintyCli {
  bool uncertainty = false;
  std::optional<double> sigma;
  bool explain = false;
  std::vector<double> at_x;
  std::size_t samples = 0;  ///< 0: no Monte Carlo
  std::uint64_t seed = 0;
  double threshold = 0.0;
  unsigned threads = 0;

  /// Whether the analytic 1-sigma is asked for: --uncertainty, or --sigma
  /// alone (with --samples, --sigma is the samples' and implies nothing more).
  bool wanted() const { return uncertainty || (sigma.has_value() && samples == 0); }
  /// The 1-sigma of every compound without its own, eV/atom; Error if --sigma is out of range.
  double value() const {
    if (sigma && !(*sigma >= 0 && *sigma <= kMaxSigma))
      throw Error("--sigma must be a number of eV/atom from 0 to " + full_precision(kMaxSigma) + ", got " +
                  full_precision(*sigma));
    return sigma.value_or(kDefaultSigma);
  }
  MonteCarloOptions monte_carlo() const {
    MonteCarloOptions mc;
    mc.samples = samples;
    mc.seed = seed;
    mc.threshold = threshold;
    mc.sigma = value();
    mc.threads = threads;
    return mc;
  }
};

/// The stored stability of the data set, computed first if it is not current
/// (saying so on stderr: on the default data it takes a second or two).
void require_stability(Database& db, const DatasetInfo& dataset, unsigned threads) {
  if (db.stability_current(dataset.id)) return;
  stage("computing the stability of data set " + in_quotes(dataset.name));
  const Progress::Hold hold;
  std::cerr << "interphase: computing the stability of the " << dataset.n_entries << " entries of data set '"
            << dataset.name << "' (once; stored in the database) ..." << std::flush;
  const auto start = std::chrono::steady_clock::now();
  try {
    ensure_stability(db, dataset.id, threads);
  } catch (...) {
    std::cerr << " failed" << std::endl;
    throw;
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::cerr << " done in " << fixed(elapsed.count(), 1) << " s" << std::endl;
}

/// What a reaction command works on: the data set (its stability current), the
/// closed stable set of the reactants' elements and `extra` ones, and the
/// reactants with their own entries.
ReactionSetup setup_reaction(const DataOptions& o, const std::vector<std::string>& formulas, const std::vector<int>& extra) {
  for (const auto& f : formulas) Composition::parse(f);  // a bad formula before the database is built
  Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  require_stability(db, dataset, 0);
  stage("loading the stable phases");
  return interphase::setup_reaction(db, dataset.id, formulas, extra);
}

/// The uncertain system of a closed stable set from the data set of `o`.
std::shared_ptr<const UncertainSystem> uncertain_system(const DataOptions& o, std::shared_ptr<const StableSet> closed,
                                                        const MonteCarloOptions& mc) {
  const Database db = o.open();
  return load_uncertain_system(db, db.resolve_dataset(o.dataset_name()).id, std::move(closed), mc);
}

int run_react(const DataOptions& o, const OpenOptions& oo, const std::string& a, const std::string& b,
              const std::string& energy, const UncertaintyCli& uc) {
  const bool explaining = uc.explain || !uc.at_x.empty();
  for (double x : uc.at_x)
    if (!(x >= 0.0 && x <= 1.0)) throw Error("--at-x " + full_precision(x) + ": a mixing ratio lies in [0, 1]");
  if (o.format == "svg" && (explaining || uc.wanted() || uc.samples > 0))
    throw Error("--explain, --uncertainty and --samples write text, markdown, json or csv, not svg");
  if (o.format == "csv" && explaining) throw Error("--explain writes text, markdown or json, not csv");
  const double sigma = uc.value();
  ReactionOptions options;
  options.form = parse_energy_form(energy);
  options.open = resolve_chempots(oo.open, oo.voltage, oo.mu, oo.gas);
  options.source = parse_reactant_energy(oo.reactant_energy);
  const auto open_of = [](const ChemPots& m) {
    std::vector<int> open;
    for (const auto& [z, value] : m) open.push_back(z);
    return open;
  };
  ReactionSetup s = setup_reaction(o, {a, b}, open_of(options.open));
  if (const ChemPots present = open_elements_present(*s.closed, options.open); present.size() != options.open.size()) {
    options.open = present;
    s = setup_reaction(o, {a, b}, open_of(options.open));
  }
  note_reactant_energies(options.form, options.open.empty() ? "entry" : oo.reactant_energy, s.reactants);
  ReactionContext ctx;
  ctx.form = options.form;
  ctx.chemsys = s.closed->chemsys();
  for (const auto& [z, value] : options.open) ctx.open[std::string(element(z).symbol)] = value;
  stage("computing the reaction of " + a + " and " + b + " in " + ctx.chemsys);
  const InterfaceReaction r = react(s.closed, s.reactants[0], s.reactants[1], options);
  if (uc.wanted()) ctx.uncertainty = reaction_uncertainty(*s.closed, r, options, sigma, ctx.composite_mass_fraction);
  if (uc.samples > 0) {
    ctx.monte_carlo_options = uc.monte_carlo();
    const auto system = uncertain_system(o, s.closed, ctx.monte_carlo_options);
    ctx.monte_carlo = monte_carlo_minimum(*system, s.reactants[0], s.reactants[1], options, ctx.monte_carlo_options);
  }
  std::vector<ExplainedPoint> points;
  if (explaining) {
    const auto add = [&](const std::string& at, double x) {
      ExplainedPoint p{at, explain(*s.closed, r, x, options), std::nullopt};
      if (uc.wanted()) p.energy_std_linear = energy_std_linear(p.explanation.sensitivities, entry_sigmas(sigma));
      points.push_back(std::move(p));
    };
    add("minimum", r.minimum().x);
    for (double x : uc.at_x) add("x", x);
  }
  stage("writing the output");
  std::cout << (o.format == "svg" ? svg_reaction(r, ctx) : format_reaction(r, ctx, parse_format(o.format), points));
  return 0;
}

int run_sweep(const DataOptions& o, const OpenOptions& oo, const std::string& a, const std::string& b,
              const std::string& energy, double from, double to, double step, const UncertaintyCli& uc) {
  if (o.format == "svg" && (uc.wanted() || uc.samples > 0))
    throw Error("--uncertainty and --samples write text, markdown, json or csv, not svg");
  const double sigma = uc.value();
  ReactionOptions options;
  options.form = parse_energy_form(energy);
  options.source = parse_reactant_energy(oo.reactant_energy);
  const int z = single_open(oo.open);
  const auto voltages = voltage_grid(from, to, step);
  const ReactionSetup s = setup_reaction(o, {a, b}, {z});
  require_open_present(*s.closed, z);
  note_reactant_energies(options.form, oo.reactant_energy, s.reactants);
  const Reactant& ra = s.reactants[0];
  const Reactant& rb = s.reactants[1];
  stage("computing the sweep of " + a + " and " + b + " over " + std::to_string(voltages.size()) + " voltages");
  auto rows = voltage_sweep(s.closed, ra, rb, z, voltages, options);
  if (uc.wanted()) sweep_std_linear(s.closed, ra, rb, z, rows, options, entry_sigmas(sigma));
  if (uc.samples > 0) {
    const MonteCarloOptions mc = uc.monte_carlo();
    const auto system = uncertain_system(o, s.closed, mc);
    const auto stats = monte_carlo_sweep(*system, ra, rb, z, voltages, options, mc);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].monte_carlo = stats[i];
  }
  stage("writing the output");
  std::cout << (o.format == "svg" ? svg_sweep(ra, rb, z, options.form, rows)
                                  : format_sweep(ra, rb, z, options.form, rows, parse_format(o.format)));
  return 0;
}

int run_map(const DataOptions& o, const OpenOptions& oo, const std::string& a, const std::string& b,
            const std::string& energy, double from, double to, const std::string& color) {
  if (!color.empty() && o.format != "svg") throw Error("--color colours a plot: it needs --format svg");
  ReactionOptions options;
  options.form = parse_energy_form(energy);
  options.source = parse_reactant_energy(oo.reactant_energy);
  const int z = single_open(oo.open);
  const ReactionSetup s = setup_reaction(o, {a, b}, {z});
  require_open_present(*s.closed, z);
  note_reactant_energies(options.form, oo.reactant_energy, s.reactants);
  stage("computing the map of " + a + " and " + b + " in " + s.closed->chemsys());
  const ReactionMap map = reaction_map(s.closed, s.reactants[0], s.reactants[1], z, from, to, options);
  stage("writing the " + std::to_string(map.regions.size()) + " regions");
  if (o.format == "svg") std::cout << (color == "energy" ? svg_energy_map(map) : svg_map(map));
  else std::cout << format_map(map, parse_format(o.format));
  return 0;
}

/// `compare`: two pairs' Monte Carlo minima, sample by sample, under each condition.
int run_compare(const DataOptions& o, const std::vector<std::string>& first, const std::vector<std::string>& second,
                const std::string& conditions_text, const std::string& energy, const UncertaintyCli& uc) {
  ReactionOptions options;
  options.form = parse_energy_form(energy);
  if (uc.samples == 0) throw Error("compare needs --samples N (at least 1)");
  const MonteCarloOptions mc = uc.monte_carlo();
  const auto conditions = parse_conditions(conditions_text.empty() ? "closed" : conditions_text, 3);
  std::vector<std::string> labels;
  std::vector<PairedComparison> rows;
  for (const Condition& c : conditions) {
    std::vector<int> open;
    for (const auto& [z, mu] : c.open) open.push_back(z);
    const ReactionSetup s1 = setup_reaction(o, first, open), s2 = setup_reaction(o, second, open);
    const auto u1 = uncertain_system(o, s1.closed, mc), u2 = uncertain_system(o, s2.closed, mc);
    options.open = c.open;
    rows.push_back(compare_pairs(*u1, s1.reactants[0], s1.reactants[1], *u2, s2.reactants[0], s2.reactants[1], options, mc));
    labels.push_back(c.voltage ? c.label + " V" : c.label);
  }
  std::cout << format_comparison(first[0] + " + " + first[1], second[0] + " + " + second[1], labels, rows, mc,
                                 parse_format(o.format));
  return 0;
}

/// Options of `screen` beyond the shared ones.
struct ScreenCli {
  std::vector<std::string> as, bs;
  std::string conditions;
  bool windows = false, quiet = false, resume = false, verbose = false;
  std::string output, shard;
  unsigned threads = 0;
};

/// Progress of a long screen on stderr: on a terminal, a line rewritten in
/// place once the run has taken 2 s; otherwise, with -v, a line per 10%.
class ScreenProgressLine {
 public:
  ScreenProgressLine(bool quiet, bool verbose)
      : terminal_(!quiet && isatty(STDERR_FILENO)), tenths_(!quiet && !terminal_ && verbose),
        start_(std::chrono::steady_clock::now()) {}
  void operator()(std::size_t done, std::size_t total) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (tenths_ && total > 0) {
      const std::size_t tenth = done * 10 / total;
      if (tenth > last_tenth_) {
        last_tenth_ = tenth;
        std::cerr << "interphase: screen " << tenth * 10 << "%: " << done << " of " << total << " rows in "
                  << fixed(elapsed, 1) << " s\n";
      }
    }
    if (!terminal_ || elapsed < 2.0 || (elapsed - last_print_ < 0.2 && done != total)) return;
    last_print_ = elapsed;
    const double rate = done / std::max(elapsed, 1e-9);
    const double left = rate > 0 ? (total - done) / rate : 0;
    std::cerr << "\r  " << done << " / " << total << " rows  " << fixed(rate, 0) << " rows/s  "
              << static_cast<long>(left) / 60 << ":" << (static_cast<long>(left) % 60 < 10 ? "0" : "")
              << static_cast<long>(left) % 60 << " left   " << std::flush;
    shown_ = true;
  }
  ~ScreenProgressLine() {
    if (shown_) std::cerr << "\n";
  }

 private:
  bool terminal_, tenths_, shown_ = false;
  std::size_t last_tenth_ = 0;
  double last_print_ = -1;
  std::chrono::steady_clock::time_point start_;
};

/// "2/8" -> shard 1 (0-based) of 8.
std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  unsigned long i = 0, n = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%lu%c%lu%c", &i, &slash, &n, &extra) != 3 || slash != '/' || n == 0 || i == 0 || i > n ||
      n > 1000000)
    throw Error("--shard '" + text + "': expected I/N with 1 <= I <= N, e.g. 2/8 (the second of eight slices)");
  return {i - 1, n};
}

int run_screen(const DataOptions& o, const OpenOptions& oo, const ScreenCli& sc, const std::string& energy,
               const UncertaintyCli& uc) {
  if ((o.format == "svg" || o.format == "html") && (uc.wanted() || uc.samples > 0))
    throw Error("--uncertainty and --samples write text, markdown, json or csv, not " + o.format);
  ScreenOptions options;
  options.uncertainty = uc.wanted();
  options.sigma = uc.value();
  if (uc.samples > 0) options.monte_carlo = uc.monte_carlo();
  const bool mc = uc.samples > 0;
  options.form = parse_energy_form(energy);
  options.source = parse_reactant_energy(oo.reactant_energy);
  options.windows = sc.windows;
  options.threads = sc.threads;
  const int z = oo.open.size() == 1 ? atomic_number(oo.open.front()) : 3;
  if (oo.open.size() > 1) throw Error("screen opens one element at its voltages, got " + std::to_string(oo.open.size()));
  options.window_element = z;
  std::string conditions = sc.conditions;
  if (oo.voltage) conditions += (conditions.empty() ? "" : ",") + full_precision(*oo.voltage);
  if (!conditions.empty()) options.conditions = parse_conditions(conditions, z);
  if (!oo.mu.empty() || !oo.gas.empty()) {
    Condition c;
    c.open = resolve_chempots({}, std::nullopt, oo.mu, oo.gas);
    for (const auto& [el, mu] : c.open) c.label += (c.label.empty() ? "" : ";") + std::string(element(el).symbol) + "=" + full_precision(mu);
    options.conditions.push_back(std::move(c));
  }
  if (!sc.shard.empty()) std::tie(options.shard, options.shards) = parse_shard(sc.shard);
  const Format format = o.format == "svg" || o.format == "html" ? Format::Text : parse_format(o.format);
  const bool streamed = format == Format::Csv || format == Format::Json;
  if (sc.resume && (sc.output.empty() || !streamed))
    throw Error("--resume continues an --output FILE written as csv or json");

  const auto as = expand_formula_arguments(sc.as, std::cin);
  const auto bs = expand_formula_arguments(sc.bs, std::cin);
  Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  require_stability(db, dataset, sc.threads);
  Screen screen(db, dataset.id, as, bs, options);

  // Resuming: the rows already written must be this screen's first rows.
  std::size_t from = screen.first_row();
  const bool header = format == Format::Csv && options.shard == 0;
  if (sc.resume && std::filesystem::exists(sc.output)) {
    const auto keys =
        read_screen_keys(sc.output, format, header ? screen_csv_header(options.windows, options.uncertainty, mc) : "");
    if (keys.size() > screen.end_row() - screen.first_row())
      throw Error("cannot resume '" + sc.output + "': it holds more rows than this screen has");
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] != screen.row_key(from + i))
        throw Error("cannot resume '" + sc.output + "': its row " + std::to_string(i + 1) + " (" + keys[i][0] + ", " +
                    keys[i][1] + ", " + keys[i][2] + ") is not this screen's (other materials, conditions or shard?)");
    }
    from += keys.size();
  }
  std::unique_ptr<RowFile> file;
  if (!sc.output.empty()) file = std::make_unique<RowFile>(sc.output, sc.resume);
  const auto emit = [&](const std::string& text) {
    if (file) file->write(text);
    else std::cout << text;
  };
  if (header && (!file || file->empty())) emit(screen_csv_header(options.windows, options.uncertainty, mc));

  std::size_t rows = 0, errors = 0;
  std::vector<ScreenRow> kept;
  const auto start = std::chrono::steady_clock::now();
  {
    ScreenProgressLine progress(sc.quiet, sc.verbose);
    screen.run(
        [&](const ScreenRow& row) {
          ++rows;
          errors += !row.error.empty();
          if (format == Format::Csv) emit(screen_csv_row(row, options.windows, options.uncertainty, mc));
          else if (format == Format::Json) emit(screen_json_line(row, options.windows, options.uncertainty, mc));
          else kept.push_back(row);
        },
        from, [&](std::size_t done, std::size_t total) { progress(done, total); });
  }
  ScreenSettings settings{options.form,      options.conditions, options.windows, std::string(element(z).symbol),
                          dataset.name,      dataset.source,     dataset.n_entries, dataset.sha256,
                          dataset.content_hash, options.source, options.uncertainty, options.sigma};
  settings.own_sigmas = options.uncertainty && db.has_entry_sigmas(dataset.id);
  settings.monte_carlo = mc;
  if (!streamed) {
    std::string out;
    if (o.format == "svg") out = svg_screen(kept, settings);
    else if (o.format == "html") out = html_screen(kept, settings);
    else if (format == Format::Markdown) out = screen_markdown(kept, settings);
    else out = screen_text(kept, settings);
    emit(out);
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!sc.quiet || errors > 0)
    std::cerr << "interphase: screen: " << rows << " rows (" << rows - errors << " computed, " << errors
              << " with an error) in " << fixed(elapsed, 1) << " s" << (from > screen.first_row() ? " after resuming" : "")
              << "\n";
  return rows > errors || rows == 0 ? 0 : 2;
}

int run_window(const DataOptions& o, const OpenOptions& oo, const std::string& formula) {
  const int z = single_open(oo.open);
  const ReactionSetup s = setup_reaction(o, {formula}, {z});
  require_open_present(*s.closed, z);
  const Composition& c = s.reactants[0].composition;
  stage("computing the " + std::string(element(z).symbol) + " profile of " + formula);
  const auto profile = element_profile(*s.closed, z, c);
  stage("writing the output");
  std::cout << format_window(*s.closed, formula, z, profile, parse_format(o.format));
  return 0;
}

int run_decompose(const DataOptions& o, const std::string& formula) {
  const Composition c = Composition::parse(formula);
  Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  require_stability(db, dataset, 0);
  stage("reading the stability of " + formula);
  const auto stability = stored_stability(db, dataset.id, c);
  stage("writing the output");
  std::cout << format_stability(formula, stability, parse_format(o.format));
  return 0;
}

int run_hull(const DataOptions& o, const std::string& chemsys, bool all) {
  const auto elements = parse_chemsys(chemsys);
  Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  require_stability(db, dataset, 0);
  stage("reading the hull of " + chemsys_string(elements));
  const auto table = stored_hull_table(db, dataset.id, elements);
  stage("writing the output");
  std::cout << format_hull(table, all, parse_format(o.format));
  return 0;
}

int run_stability(const DataOptions& o, unsigned threads) {
  Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  require_stability(db, dataset, threads);
  stage("reading the stored stability");
  const auto entries = db.entries(dataset.id);
  const auto rows = db.stability(dataset.id);
  stage("writing " + std::to_string(rows.size()) + " rows");
  write_stability(std::cout, entries, rows, parse_format(o.format));
  return 0;
}

/// Options of `select`.
struct SelectOptions {
  std::string with, any, without, only, elements, sort = "ehull";
  bool stable = false, polymorphs = false;
  std::optional<double> max_ehull;
  std::optional<std::size_t> limit;
};

/// "Li,S" or "Li-S" -> atomic numbers, naming the option in errors.
std::vector<int> element_option(const std::string& option, const std::string& text) {
  try {
    return parse_chemsys(text);
  } catch (const Error& e) {
    throw Error(option + " '" + text + "': " + e.what());
  }
}

int run_select(const DataOptions& o, const SelectOptions& so, unsigned threads) {
  EntryQuery q;
  if (!so.with.empty()) q.with = element_option("--with", so.with);
  if (!so.any.empty()) q.any = element_option("--any", so.any);
  if (!so.without.empty()) q.without = element_option("--without", so.without);
  if (!so.only.empty()) q.only = element_option("--only", so.only);
  if (!so.elements.empty()) {
    int lo = 0, hi = 0;
    char dash = 0, extra = 0;
    const int n = std::sscanf(so.elements.c_str(), "%d%c%d%c", &lo, &dash, &hi, &extra);
    if (n == 1) hi = lo;
    if (!(n == 1 || (n == 3 && dash == '-')) || lo < 1 || hi < lo || hi > kNumElements)
      throw Error("--elements '" + so.elements + "': expected a number of elements N or a range N-M, e.g. 3-5");
    q.min_elements = lo;
    q.max_elements = hi;
  }
  q.stable = so.stable;
  if (so.max_ehull) {
    if (!std::isfinite(*so.max_ehull) || *so.max_ehull < 0)
      throw Error("--max-ehull must be a non-negative number of eV/atom, got " + std::to_string(*so.max_ehull));
    q.max_e_above_hull = *so.max_ehull;
  }
  q.sort = so.sort == "formula" ? EntryQuery::Sort::Formula : EntryQuery::Sort::Ehull;
  q.lowest_per_formula = !so.polymorphs;
  q.limit = so.limit;
  Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  require_stability(db, dataset, threads);
  stage("selecting entries");
  const auto selected = db.select(dataset.id, q);
  stage("writing " + std::to_string(selected.size()) + " entries");
  write_selection(std::cout, selected, parse_format(o.format));
  return 0;
}

/// "recomputed N of M chemical systems" on stderr.
void report_recomputed(const StabilityRun& run) {
  std::cerr << "interphase: recomputed " << run.recomputed << " of " << run.systems << " chemical systems\n";
}

/// The stored stability of one entry, for `db add`.
void print_entry_stability(Database& db, const Entry& e) {
  const auto rows = db.stability_of({e.key});
  std::cout << e.id << ": " << e.name() << ", e_form " << fixed(e.e_form, 6) << " eV/atom";
  if (rows.empty()) {
    std::cout << "\n";
    return;
  }
  const auto& s = rows.front();
  std::cout << ", e_above_hull " << fixed(s.e_above_hull, 6) << " eV/atom";
  if (s.stable) {
    std::cout << " (stable)\n";
    return;
  }
  std::vector<std::int64_t> keys;
  for (const auto& [key, fraction] : s.decomposition) keys.push_back(key);
  std::cout << ", decomposes to " << joined(db.phase_names(keys)) << "\n";
}

/// An id for an added entry: "<data set>:added-N", the smallest N not taken.
std::string new_entry_id(const Database& db, const DatasetInfo& dataset) {
  for (int n = 1;; ++n) {
    const std::string id = dataset.name + ":added-" + std::to_string(n);
    try {
      db.entry_by_id(dataset.id, id);
    } catch (const DataError&) {
      return id;
    }
  }
}

int run_db_add(const DataOptions& o, const std::string& formula, const std::string& energy_text, std::string id,
               unsigned threads) {
  const Composition c = Composition::parse(formula);
  std::size_t used = 0;
  double energy = 0;
  try {
    energy = std::stod(energy_text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != energy_text.size())
    throw Error("formation energy '" + energy_text + "' is not a number (eV/atom)");
  if (!std::isfinite(energy)) throw Error("formation energy '" + energy_text + "' is not a finite number (eV/atom)");
  Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  if (id.empty()) id = new_entry_id(db, dataset);
  const EntryChange change = add_entry(db, dataset.id, Entry{id, formula, c, energy, 0, std::nullopt}, threads);
  print_entry_stability(db, change.entry);
  report_recomputed(change.run);
  return 0;
}

int run_db_remove(const DataOptions& o, const std::string& id, unsigned threads) {
  Database db = o.open();
  const auto dataset = db.resolve_dataset(o.dataset_name());
  const EntryChange change = remove_entry(db, dataset.id, id, threads);
  std::cout << "removed " << change.entry.id << ": " << change.entry.name() << ", e_form "
            << fixed(change.entry.e_form, 6) << " eV/atom\n";
  report_recomputed(change.run);
  return 0;
}

void print_dataset(const DatasetInfo& d);

/// After an import that carried its own energy_above_hull: how many of ours differ by more than 1 meV/atom.
void report_differences(Database& db, const DatasetInfo& dataset, const std::vector<ReportedStability>& reported,
                        unsigned threads) {
  if (reported.empty()) return;
  require_stability(db, dataset, threads);
  const auto differ = compare_reported(db, dataset.id, reported, tol::kReportedStabilityTol);
  std::cerr << "interphase: energy_above_hull of " << reported.size()
            << " documents compared with the hull of this data set: " << differ.size()
            << " differ by more than 1 meV/atom" << (differ.empty() ? "" : "; the largest:") << "\n";
  for (std::size_t i = 0; i < differ.size() && i < 5; ++i) {
    const auto& d = differ[i];
    std::cerr << "  " << d.id << " " << d.reduced_formula << ": ours " << fixed(d.ours, 4) << ", file "
              << fixed(d.reported, 4) << " eV/atom (difference " << fixed(d.ours - d.reported, 4) << ")\n";
  }
}


void print_dataset(const DatasetInfo& d) {
  std::cout << d.name << ": " << d.n_entries << " entries (" << d.kind << ")\n"
            << "  source       " << d.source << "\n"
            << "  sha256       " << d.sha256 << "\n"
            << "  imported at  " << d.imported_at << "\n";
}

nlohmann::json dataset_json(const DatasetInfo& d) {
  return {{"name", d.name},     {"n_entries", d.n_entries},     {"kind", d.kind},
          {"source", d.source}, {"sha256", d.sha256}, {"imported_at", d.imported_at}};
}

/// A validator for an option that takes a number: finite and within +/-limit.
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

/// `db import`: into the database at `path`, which is created only if the import succeeds.
int run_db_import(const std::filesystem::path& path, const std::string& file, const std::string& kind_option,
                  const CsvImportOptions& csv, const std::string& thermo_type, unsigned threads) {
  const std::string kind = kind_option == "auto" ? guess_kind(file) : kind_option;
  if (!thermo_type.empty() && kind != "mp-json")
    throw Error("--thermo-type applies to Materials Project documents (--kind mp-json), not to " + kind + " files");
  if (!csv.sigma_column.empty() && kind == "mp-json")
    throw Error("--sigma-column applies to CSV and pymatgen-json files, not to mp-json files");
  std::vector<ReportedStability> reported;
  DatasetInfo d;
  stage("importing " + in_quotes(file) + " (" + kind + ")");
  update_database(path, [&](Database& db) {
    if (kind == "mp-json") d = db.import_mp_json(file, MpImportOptions{csv.name, thermo_type, csv.max_abs_energy}, &reported);
    else if (kind == "pymatgen-json") d = db.import_pymatgen_json(file, csv.name, csv.max_abs_energy, csv.sigma_column);
    else d = db.import_csv(file, csv);
  });
  print_dataset(d);
  if (!reported.empty()) {
    Database db(path);
    report_differences(db, d, reported, threads);
  }
  return 0;
}

/// `db info`: what the database holds, without building or changing it.
int run_info(const std::filesystem::path& path, const std::string& format) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    if (error) throw DataError("cannot use database '" + path.string() + "': " + error.message());
    throw DataError("database '" + path.string() + "' does not exist yet (the first command that needs data builds it)");
  }
  const Database db(path, OpenMode::Existing);
  const auto datasets = db.datasets();
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : datasets) list.push_back(dataset_json(d));
    std::cout << nlohmann::json{{"database", db.path().string()}, {"datasets", list}}.dump(1) << "\n";
    return 0;
  }
  std::cout << "database " << db.path().string() << "\n";
  if (datasets.empty()) std::cout << "it is empty: no data set (import one with `interphase db import FILE`)\n";
  for (const auto& d : datasets) print_dataset(d);
  return 0;
}

/// `db check`: exit 0 if healthy, 2 with what is wrong and how to recover.
int run_check(const std::filesystem::path& path) {
  const HealthReport report = check_database(path);
  std::cout << "database " << path.string() << "\n";
  for (const auto& passed : report.passed) std::cout << "  ok: " << passed << "\n";
  for (const auto& problem : report.problems) {
    std::cout << "  PROBLEM: " << problem.what << "\n"
              << "    to recover: " << problem.remedy << "\n";
  }
  std::cout << (report.healthy() ? "healthy\n" : "damaged\n");
  if (report.healthy()) return 0;
  std::cerr << "interphase: error: database '" << path.string() << "' has " << report.problems.size()
            << " problem(s); see above\n";
  return 2;
}

/// What the user asked for, for messages: the command words and operands
/// before the first option ("react Li2O O2").
std::string request_of(int argc, char** argv) {
  std::string out;
  for (int i = 1; i < argc && argv[i][0] != '-'; ++i) out += (out.empty() ? "" : " ") + std::string(argv[i]);
  return in_quotes("interphase " + out);
}

/// A library error as the user sees it: a message that comes from a
/// dependency (Qhull) is put inside a sentence naming the request.
std::string error_text(const Error& e, const std::string& request) {
  const std::string what = e.what();
  if (what.starts_with("Qhull")) return "cannot compute a convex hull for " + request + ": " + what;
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "interphase: interface phase equilibria from a formation-energy database.\n"
      "Convex hulls, decompositions and the mutual reaction energy of two materials\n"
      "at every mixing ratio (Zhu, He and Mo, J. Mater. Chem. A 2016).",
      "interphase"};
  app.footer(
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
      "The first command that needs data builds the database from the default data set.");
  app.require_subcommand(1);
  app.fallthrough();  // -v works before or after the subcommand
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "log what the engine does (to stderr)");
  app.set_version_flag("--version", "interphase 0.1.0");

  DataOptions opts;
  std::string a, b, energy = "mutual", formula, chemsys, file, columns_formula = "formula", columns_energy = "target",
                     name, kind = "auto", thermo_type;
  bool all = false;
  OpenOptions open_opts;
  double v_from = 0, v_to = 5, v_step = 0.01;
  double max_abs_energy = kDefaultMaxAbsEnergy;
  std::string sigma_column;
  auto add_energy_options = [&](CLI::App* cmd) {
    cmd->add_option("--energy", energy,
                    "mutual: reactants at their hull energies, ends at 0 (Mo's scheme, default);\n"
                    "total: reactants at their own lowest entries (pymatgen's default)")
        ->check(CLI::IsMember({"mutual", "total"}));
    cmd->add_option("--reactant-energy", open_opts.reactant_energy,
                    "with open elements, total form: reactants' closed energies from their own lowest entry\n"
                    "(entry, default) or from the closed hull (hull)")
        ->check(CLI::IsMember({"entry", "hull"}));
  };
  auto add_single_open = [&](CLI::App* cmd) {  // sweep, map and window: one element, potential varies
    cmd->add_option("--open", open_opts.open, "the open element (default Li)")->expected(1);
  };
  auto add_chempot_options = [&](CLI::App* cmd) {  // any number of open elements at given potentials
    cmd->add_option("--open", open_opts.open, "open element(s), exchanged with a reservoir (e.g. Li)");
    cmd->add_option("--voltage", open_opts.voltage, "voltage vs Li/Li+ of the open element (mu = -V; Li if no --open)")
        ->check(finite_within(kMaxAbsVoltage, "V"));
    cmd->add_option("--mu", open_opts.mu,
                    "chemical potential of an open element, eV relative to its reference: Li=-3.0 (repeatable)");
    cmd->add_option("--gas", open_opts.gas,
                    "open gas from temperature (K) and pressure (Pa): O=1000,21000 (repeatable)");
  };
  UncertaintyCli uncertainty_opts;
  auto add_sigma_option = [&](CLI::App* cmd) {
    cmd->add_option("--sigma", uncertainty_opts.sigma,
                    "1-sigma of every compound's formation energy without its own in the data, eV/atom, for\n"
                    "--uncertainty and --samples alike (alone it implies --uncertainty; default 0.024, GGA+U\n"
                    "oxide reaction energies against experiment, Hautier et al., PRB 85, 155208, 2012)")
        ->check(finite_within(kMaxSigma, "eV/atom"));
  };
  auto add_uncertainty_options = [&](CLI::App* cmd) {
    cmd->add_flag("--uncertainty", uncertainty_opts.uncertainty,
                  "add energy_std_linear: the 1-sigma of the energy from every compound's formation energy,\n"
                  "propagated linearly at fixed products");
    add_sigma_option(cmd);
  };
  auto add_range_options = [&](CLI::App* cmd, bool with_step) {
    add_single_open(cmd);
    cmd->add_option("--from", v_from, "lowest voltage, V vs Li/Li+ (mu = -V)")
        ->capture_default_str()
        ->check(finite_within(kMaxAbsVoltage, "V"));
    cmd->add_option("--to", v_to, "highest voltage")->capture_default_str()->check(finite_within(kMaxAbsVoltage, "V"));
    if (with_step)
      cmd->add_option("--step", v_step, "voltage step")
          ->capture_default_str()
          ->check(finite_within(2 * kMaxAbsVoltage, "V"));
  };

  auto add_monte_carlo_options = [&](CLI::App* cmd, bool threads) {  // after add_uncertainty_options or add_sigma_option
    cmd->add_option("--samples", uncertainty_opts.samples,
                    "Monte Carlo: perturb every entry's formation energy by a normal draw of its 1-sigma this\n"
                    "many times and recompute exactly; report the minimum's std, 5-95% interval, p_react and\n"
                    "product sets (default 0: none)");
    cmd->add_option("--seed", uncertainty_opts.seed, "Monte Carlo seed: the same seed gives the same numbers")
        ->capture_default_str();
    cmd->add_option("--threshold", uncertainty_opts.threshold,
                    "Monte Carlo: a sample reacts if its minimum lies below this, eV/atom")
        ->capture_default_str()
        ->check(finite_within(100, "eV/atom"));
    if (threads)
      cmd->add_option("--threads", uncertainty_opts.threads, "Monte Carlo worker threads (default: all cores)");
  };

  auto* react_cmd = app.add_subcommand(
      "react", "Reaction energy of A and B over their mixing ratio x (atomic fraction of A), with its exact kinks");
  react_cmd->add_option("A", a, "first reactant, e.g. Li6PS5Cl (x = 1 is pure A)")->required();
  react_cmd->add_option("B", b, "second reactant, e.g. Li2RuO3 (x = 0 is pure B)")->required();
  add_energy_options(react_cmd);
  add_chempot_options(react_cmd);
  add_uncertainty_options(react_cmd);
  react_cmd->add_flag("--explain", uncertainty_opts.explain,
                      "explain the minimum: each phase's sensitivity, how far each product may rise and each\n"
                      "competing phase must drop before the products change, the second-best products");
  react_cmd->add_option("--at-x", uncertainty_opts.at_x,
                        "explain the reaction at this atomic fraction of A too (repeatable; implies --explain)");
  add_monte_carlo_options(react_cmd, true);
  add_data_options(react_cmd, opts, Formats::TablesAndSvg);
  react_cmd->footer(
      "Each kink gives x as atomic, molar (formula units) and mass fraction of A, the energy in eV/atom of\n"
      "mixture, and the balanced reaction per formula unit. The 30 wt% A composite is shown too.\n"
      "With open elements the energy is per non-open atom, x still counts all atoms of the reactants, and\n"
      "the reactions show the open element taken from or given to the reservoir.\n"
      "Examples: interphase react Li6PS5Cl Li2RuO3 --energy total --format csv\n"
      "          interphase react Li6PS5Cl Li2RuO3 --open Li --voltage 4.5 --format json\n"
      "          interphase react Li2RuO3 Li3InCl6 --mu Li=-4 --gas O=298.15,21000\n"
      "          interphase react Li6PS5Cl Li2RuO3 --uncertainty --explain   +/- 1 sigma, and what decides the minimum");

  auto* sweep_cmd = app.add_subcommand("sweep", "Minimum reaction energy of A and B, its x and products, at each voltage");
  sweep_cmd->add_option("A", a, "first reactant")->required();
  sweep_cmd->add_option("B", b, "second reactant")->required();
  add_energy_options(sweep_cmd);
  add_range_options(sweep_cmd, true);
  add_uncertainty_options(sweep_cmd);
  add_monte_carlo_options(sweep_cmd, true);
  add_data_options(sweep_cmd, opts, Formats::TablesAndSvg);
  sweep_cmd->footer("Example: interphase sweep Li3InCl6 Li2RuO3 --from 1 --to 5 --step 0.1 --format csv");

  auto* map_cmd = app.add_subcommand(
      "map", "Exact (x, V) reaction map: the rectangle partitioned into regions of one product set each");
  map_cmd->add_option("A", a, "first reactant")->required();
  map_cmd->add_option("B", b, "second reactant")->required();
  add_energy_options(map_cmd);
  add_range_options(map_cmd, false);
  std::string map_color;
  map_cmd->add_option("--color", map_color,
                      "with --format svg: colour the regions by their products (default) or draw the reaction\n"
                      "energy as a heatmap with the region boundaries on top (energy)")
      ->check(CLI::IsMember({"products", "energy"}));
  add_data_options(map_cmd, opts, Formats::TablesAndSvg);
  map_cmd->footer(
      "Region boundaries come from the hull's facets and their chemical-potential ranges, not from sampling;\n"
      "the reaction energy is given at each region's corners (bilinear inside).\n"
      "Examples: interphase map Li6PS5Cl Li2RuO3 --from 0 --to 5 --format json\n"
      "          interphase map Li6PS5Cl Li2RuO3 --format svg --color energy > energy_map.svg");

  ScreenCli screen_opts;
  std::vector<std::string> compare_first, compare_second;
  std::string compare_conditions;
  auto* compare_cmd = app.add_subcommand(
      "compare", "Monte Carlo minima of two pairs with the same draws of shared entries, and how often the second lies above");
  compare_cmd->add_option("PAIR", compare_first, "the first pair, A B")->required()->expected(2);
  compare_cmd->add_option("--versus", compare_second, "the second pair, A B")->required()->expected(2);
  compare_cmd->add_option("--conditions", compare_conditions,
                          "comma-separated: closed, or a voltage with Li open (default closed), e.g. closed,0,3");
  add_energy_options(compare_cmd);
  add_sigma_option(compare_cmd);
  add_monte_carlo_options(compare_cmd, true);
  add_data_options(compare_cmd, opts);
  compare_cmd->footer(
      "Every entry's draw depends only on (seed, sample, entry), so entries both pairs share (Li2RuO3, ...) move\n"
      "together in each sample: P(2nd above) is a paired comparison.\n"
      "Example: interphase compare Li6PS5Cl Li2RuO3 --versus Li3InCl6 Li2RuO3 --conditions closed,3 --samples 1000");

  auto* screen_cmd = app.add_subcommand(
      "screen", "Minimum reaction energy of every pair: each material A against each material B, under conditions");
  screen_cmd->add_option("A", screen_opts.as, "materials on one side, e.g. electrolytes; @FILE: the formulas in FILE")
      ->required();
  screen_cmd->add_option("--against", screen_opts.bs, "materials on the other side, e.g. cathodes; @FILE as for A")
      ->required();
  screen_cmd->add_option("--conditions", screen_opts.conditions,
                         "closed and/or voltages (Li open at V vs Li/Li+), e.g. closed,3,4.5 (default closed)");
  add_energy_options(screen_cmd);
  add_chempot_options(screen_cmd);
  screen_cmd->add_flag("--windows", screen_opts.windows,
                       "add each material's electrochemical window, and whether A's covers the condition's voltage");
  add_uncertainty_options(screen_cmd);
  screen_cmd->add_option("--threads", screen_opts.threads, "worker threads (default: all cores)");
  add_monte_carlo_options(screen_cmd, false);
  screen_cmd->add_option("--output", screen_opts.output, "write rows to FILE (whole rows only) instead of stdout");
  screen_cmd->add_flag("--resume", screen_opts.resume,
                       "continue an interrupted --output FILE: keep its rows, compute the rest");
  screen_cmd->add_option("--shard", screen_opts.shard,
                         "compute the I-th of N disjoint slices of the pairs (I/N, 1 <= I <= N); the N outputs\n"
                         "concatenated in order equal one run (only the first has the CSV header)");
  screen_cmd->add_flag("--quiet", screen_opts.quiet, "no progress and no summary on stderr");
  add_data_options(screen_cmd, opts, Formats::None);
  screen_cmd->add_option("--format", opts.format,
                         "text (aligned table), csv or json (JSON Lines; both streamed row by row, full precision),\n"
                         "markdown (ranked by energy), svg (heatmap: A down, B across, a panel per condition)\n"
                         "or html (one page: heatmap, ranked table, settings)")
      ->check(CLI::IsMember({"text", "markdown", "md", "json", "csv", "svg", "html"}));
  screen_cmd->footer(
      "Each pair reacts in the stable set of its own elements (and the open one), exactly as `react` computes\n"
      "it. Rows come in input order (A, then B, then condition) for any --threads; a pair that cannot be\n"
      "computed gives a row with `error` filled in and the run goes on. Exit 0 if any row was computed.\n"
      "Examples: interphase select --with Li --stable > electrolytes.txt\n"
      "          interphase screen @electrolytes.txt --against LiCoO2 Li2RuO3 --conditions closed,3,4.5 \\\n"
      "              --format csv --output screen.csv   (then --resume after an interruption)\n"
      "          interphase screen Li6PS5Cl Li3InCl6 --against Li2RuO3 --windows --format markdown");

  auto* window_cmd = app.add_subcommand(
      "window", "Electrochemical stability window and element profile of one material");
  window_cmd->add_option("FORMULA", formula, "material, e.g. Li6PS5Cl")->required();
  add_single_open(window_cmd);
  add_data_options(window_cmd, opts);
  window_cmd->footer(
      "As the voltage rises from 0 V the equilibrium at the composition changes at critical voltages,\n"
      "taking up or giving off the open element; the window is the range where it exchanges none.\n"
      "Example: interphase window Li3InCl6 --format json");

  auto* decompose_cmd =
      app.add_subcommand("decompose", "Stability of a composition: e_above_hull, lowest entry, decomposition products");
  decompose_cmd->add_option("FORMULA", formula, "formula, e.g. Li6PS5Cl or Ca3(PO4)2")->required();
  add_data_options(decompose_cmd, opts);

  auto* hull_cmd = app.add_subcommand("hull", "Stable phases of a chemical system with their formation energies");
  hull_cmd->add_option("CHEMSYS", chemsys, "chemical system, elements joined by '-', e.g. Li-In-Cl")->required();
  hull_cmd->add_flag("--all", all, "list every entry with its e_above_hull, not only the stable ones");
  add_data_options(hull_cmd, opts);

  unsigned threads = 0;
  auto add_threads = [&](CLI::App* cmd) {
    cmd->add_option("--threads", threads, "worker threads (default: all cores)");
  };
  auto* stability_cmd = app.add_subcommand(
      "stability", "Stability of every entry of the data set: e_above_hull, hull energy, decomposition");
  add_threads(stability_cmd);
  add_data_options(stability_cmd, opts);
  stability_cmd->footer(
      "Each entry is judged on the hull of its own chemical system (the same numbers as on the hull of the\n"
      "whole data set). Computed once and stored in the database; `db add` and `db remove` keep it current.\n"
      "CSV columns: id,formula,reduced_formula,e_form,e_above_hull,stable,hull_energy,decomposition\n"
      "(energies in eV/atom; decomposition as Formula:atomic_fraction;...).\n"
      "Example: interphase stability --format csv > stability.csv");

  SelectOptions select_opts;
  auto* select_cmd = app.add_subcommand("select", "Pick entries by elements and stability, e.g. the candidates of a screen");
  select_cmd->add_option("--with", select_opts.with, "elements every entry holds, e.g. Li,S");
  select_cmd->add_option("--any", select_opts.any, "elements of which each entry holds at least one, e.g. Cl,Br,I");
  select_cmd->add_option("--without", select_opts.without, "elements no entry holds, e.g. O,H");
  select_cmd->add_option("--only", select_opts.only, "the only elements allowed, e.g. Li,P,S,Cl,O");
  select_cmd->add_option("--elements", select_opts.elements, "number of elements: N or a range N-M, e.g. 3-5");
  select_cmd->add_flag("--stable", select_opts.stable, "only stable entries (hull vertices)");
  select_cmd->add_option("--max-ehull", select_opts.max_ehull, "only entries at most this far above the hull, eV/atom");
  select_cmd->add_option("--sort", select_opts.sort, "order: ehull (e_above_hull, then formula; default) or formula")
      ->check(CLI::IsMember({"ehull", "formula"}));
  select_cmd->add_option("--limit", select_opts.limit, "at most this many rows");
  select_cmd->add_flag("--polymorphs", select_opts.polymorphs,
                       "every entry, not only the lowest of each reduced formula");
  add_threads(select_cmd);
  add_data_options(select_cmd, opts);
  select_cmd->footer(
      "Text output is one reduced formula per line (the lowest entry of each formula), ready for `screen`;\n"
      "csv, json and markdown add the id, e_form, e_above_hull and decomposition.\n"
      "Examples: interphase select --with Li --stable > electrolytes.txt\n"
      "          interphase select --with Li,S --without O --max-ehull 0.025 --format csv");

  auto* db_cmd = app.add_subcommand("db", "Manage the entry database");
  db_cmd->require_subcommand(1);
  auto* import_cmd = db_cmd->add_subcommand("import", "Import a data file as a new data set (all rows or none)");
  import_cmd->add_option("FILE", file, "CSV of formula + formation energy (eV/atom), or pymatgen ComputedEntry JSON")
      ->required();
  import_cmd->add_option("--kind", kind,
                          "file kind: csv, pymatgen-json (ComputedEntry dicts), mp-json (Materials Project summary or\n"
                          "thermo documents) or auto (default: csv unless .json; then mp-json if the file names\n"
                          "formation_energy_per_atom or material_id, else pymatgen-json)")
      ->check(CLI::IsMember({"auto", "csv", "pymatgen-json", "mp-json"}));
  import_cmd->add_option("--thermo-type", thermo_type,
                          "Materials Project documents: the thermo_type to import (e.g. GGA_GGA+U, R2SCAN) when a\n"
                          "file holds several; they do not mix in one hull");
  import_cmd->add_option("--name", name, "data set name (default: the file's stem)");
  import_cmd->add_option("--formula-column", columns_formula, "CSV column holding the formula")->capture_default_str();
  import_cmd->add_option("--energy-column", columns_energy, "CSV column holding the formation energy per atom")
      ->capture_default_str();
  import_cmd->add_option("--sigma-column", sigma_column,
                         "CSV column (pymatgen JSON: key of each entry) holding its 1-sigma uncertainty of the\n"
                         "formation energy, eV/atom\n"
                         "(stored per entry; an empty field: none, the calculation's --sigma applies)");
  import_cmd->add_option("--max-abs-energy", max_abs_energy,
                         "refuse formation energies beyond this magnitude, eV/atom")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  add_threads(import_cmd);
  add_data_options(import_cmd, opts, Formats::None);
  import_cmd->footer(
      "Materials Project documents: material_id (the id), formula_pretty, composition and\n"
      "formation_energy_per_atom are read; where they carry energy_above_hull, the import reports on stderr\n"
      "how many differ from the hull of the imported data by more than 1 meV/atom, with the largest.\n"
      "Examples: interphase db import my_calcs.csv --formula-column formula --energy-column e_form\n"
      "          interphase db import mp_thermo.json --thermo-type GGA_GGA+U");
  auto* info_cmd = db_cmd->add_subcommand("info", "List the data sets in the database (never builds or changes it)");
  add_data_options(info_cmd, opts, Formats::None);
  info_cmd->add_option("--format", opts.format, "output: text or json")->check(CLI::IsMember({"text", "json"}));
  auto* check_cmd = db_cmd->add_subcommand(
      "check", "Check the database: SQLite integrity, schema version, entry counts; says how to recover");
  add_data_options(check_cmd, opts, Formats::None);
  check_cmd->footer("Exit code 0 if the database is healthy, 2 if anything is wrong.");
  std::string add_energy, add_id;
  auto* add_cmd = db_cmd->add_subcommand("add", "Add one entry and update the stored stability of the systems it changes");
  add_cmd->add_option("FORMULA", formula, "formula, e.g. Li3InO3")->required();
  add_cmd->add_option("E_FORM", add_energy, "formation energy, eV/atom")->required();
  add_cmd->add_option("--id", add_id, "external id (default: <data set>:added-N)");
  add_threads(add_cmd);
  add_data_options(add_cmd, opts, Formats::None);
  add_cmd->footer("Prints the entry's stability; on stderr, how many chemical systems were recomputed.\n"
                  "Example: interphase db add Li3InO3 -1.71 --id my-calc:1");
  std::string remove_id;
  auto* remove_cmd = db_cmd->add_subcommand("remove", "Remove one entry and update the stored stability");
  remove_cmd->add_option("ID", remove_id, "external id of the entry, e.g. mp_e_form:17")->required();
  add_threads(remove_cmd);
  add_data_options(remove_cmd, opts, Formats::None);

  if (argc == 1) {  // no command: show what there is
    std::cout << app.help();
    return 0;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "interphase: error: " << e.what() << " (see --help)\n";
    return 2;
  }

  auto logger = std::make_shared<spdlog::logger>("interphase", std::make_shared<StatusAwareSink>());
  spdlog::register_logger(logger);
  logger->set_pattern(verbose ? "interphase: %l [%H:%M:%S.%e]: %v" : "interphase: %l: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);

  const auto db_path = [&opts] { return opts.db.empty() ? default_database_path() : std::filesystem::path(opts.db); };
  // Single long commands show their stage on a terminal (screen has its own progress line).
  if (!*screen_cmd && !*info_cmd && !*check_cmd && isatty(STDERR_FILENO)) Progress::instance().show_status_line();
  try {
    // Ends the status line before any message below (locals go before the handlers run).
    struct Finish {
      ~Finish() { Progress::instance().finish(); }
    } finish;
    int code = 0;
    if (*react_cmd) code = run_react(opts, open_opts, a, b, energy, uncertainty_opts);
    else if (*sweep_cmd) code = run_sweep(opts, open_opts, a, b, energy, v_from, v_to, v_step, uncertainty_opts);
    else if (*map_cmd) code = run_map(opts, open_opts, a, b, energy, v_from, v_to, map_color);
    else if (*window_cmd) code = run_window(opts, open_opts, formula);
    else if (*compare_cmd) code = run_compare(opts, compare_first, compare_second, compare_conditions, energy, uncertainty_opts);
    else if (*screen_cmd) {
      screen_opts.verbose = verbose;
      code = run_screen(opts, open_opts, screen_opts, energy, uncertainty_opts);
    }
    else if (*decompose_cmd) code = run_decompose(opts, formula);
    else if (*hull_cmd) code = run_hull(opts, chemsys, all);
    else if (*stability_cmd) code = run_stability(opts, threads);
    else if (*select_cmd) code = run_select(opts, select_opts, threads);
    else if (*add_cmd) code = run_db_add(opts, formula, add_energy, add_id, threads);
    else if (*remove_cmd) code = run_db_remove(opts, remove_id, threads);
    else if (*import_cmd)
      code = run_db_import(db_path(), file, kind, CsvImportOptions{columns_formula, columns_energy, name, max_abs_energy, sigma_column},
                           thermo_type, threads);
    else if (*info_cmd) code = run_info(db_path(), opts.format);
    else if (*check_cmd) code = run_check(db_path());
    return finish_output(code);
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
  return 0;
}
