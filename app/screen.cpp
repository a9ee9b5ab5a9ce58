// interphase screen: the minimum reaction energy of every pair, streamed in input order.
#include <functional>
#include <iostream>

#include "cli.hpp"
#include "interphase/report/screen_output.hpp"

namespace interphase::cli {

namespace {

/// Options of `screen`.
struct ScreenCli {
  DataOptions data;
  EnergyOptions energy;
  ChempotOptions open;
  UncertaintyOptions uncertainty;
  std::vector<std::string> as, bs;
  std::optional<std::string> conditions;  ///< none: not given (closed)
  bool windows = false, quiet = false, resume = false;
  std::string output, shard;
  unsigned threads = 0;
};

int run_screen(const ScreenCli& c, bool verbose) {
  ScreenRequest q;
  q.uncertainty = c.uncertainty.settings();
  q.settings = c.energy.settings();
  q.windows = c.windows;
  q.threads = c.threads;
  const ScreenOutput output{c.data.format, c.output, c.resume};
  check_screen_output(output, q);
  set_screen_conditions(q, c.conditions, c.open.open, c.open.voltage, c.open.mu, c.open.gas);
  if (!c.shard.empty()) std::tie(q.shard, q.shards) = parse_shard(c.shard);
  q.as = expand_formula_arguments(c.as, std::cin);
  q.bs = expand_formula_arguments(c.bs, std::cin);
  PreparedScreen prepared = c.data.session().screen(q);
  ScreenProgressLine progress(c.quiet, verbose);
  const ScreenSummary summary = write_screen(prepared, q, output, std::cout, std::ref(progress));
  if (!c.quiet || summary.errors > 0) std::cerr << screen_summary(summary);
  return summary.ok() ? 0 : 2;
}

}  // namespace

void add_screen(CLI::App& app, Commands& commands, const bool& verbose) {
  auto c = std::make_shared<ScreenCli>();
  auto* cmd = app.add_subcommand(
      "screen", "Minimum reaction energy of every pair: each material A against each material B, under conditions");
  cmd->add_option("A", c->as, "materials on one side, e.g. electrolytes; @FILE: the formulas in FILE")->required();
  cmd->add_option("--against", c->bs, "materials on the other side, e.g. cathodes; @FILE as for A")->required();
  cmd->add_option("--conditions", c->conditions,
                  "closed, voltages (Li open at V vs Li/Li+) and/or ranges of voltages (the worst case over\n"
                  "every voltage in a cycling window), e.g. closed,3,2.0-4.5 (default closed)");
  add_energy_options(cmd, c->energy);
  add_chempot_options(cmd, c->open);
  cmd->add_flag("--windows", c->windows,
                "add each material's electrochemical window, and whether A's covers the condition's voltage");
  add_uncertainty_options(cmd, c->uncertainty);
  cmd->add_option("--threads", c->threads, "worker threads (default: all cores)");
  add_monte_carlo_options(cmd, c->uncertainty, false);
  cmd->add_option("--output", c->output, "write rows to FILE (whole rows only) instead of stdout");
  cmd->add_flag("--resume", c->resume, "continue an interrupted --output FILE: keep its rows, compute the rest");
  cmd->add_option("--shard", c->shard,
                  "compute the I-th of N disjoint slices of the pairs (I/N, 1 <= I <= N); the N outputs\n"
                  "concatenated in order equal one run (only the first has the CSV header)");
  cmd->add_flag("--quiet", c->quiet, "no progress and no summary on stderr");
  add_data_options(cmd, c->data, Formats::None);
  cmd->add_option("--format", c->data.format,
                  "text (aligned table), csv or json (JSON Lines; both streamed row by row, full precision),\n"
                  "markdown (ranked by energy), svg (heatmap: A down, B across, a panel per condition)\n"
                  "or html (one page: heatmap, ranked table, settings)")
      ->check(CLI::IsMember({"text", "markdown", "md", "json", "csv", "svg", "html"}));
  cmd->footer(
      "Each pair reacts in the stable set of its own elements (and the open one), exactly as `react` computes\n"
      "it. Rows come in input order (A, then B, then condition) for any --threads; a pair that cannot be\n"
      "computed gives a row with `error` filled in and the run goes on. Exit 0 if any row was computed.\n"
      "Examples: interphase select --with Li --stable > electrolytes.txt\n"
      "          interphase screen @electrolytes.txt --against LiCoO2 Li2RuO3 --conditions closed,3,4.5 \\\n"
      "              --format csv --output screen.csv   (then --resume after an interruption)\n"
      "          interphase screen Li6PS5Cl Li3InCl6 --against Li2RuO3 --windows --format markdown");
  commands.push_back({cmd, [c, &verbose] { return run_screen(*c, verbose); }, false});
}

}  // namespace interphase::cli
