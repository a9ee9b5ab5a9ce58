// interphase screen: the minimum reaction energy of every pair, streamed in input order.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "interphase/composition/element.hpp"
#include "interphase/report/screen_format.hpp"

namespace interphase::cli {

namespace {

/// Options of `screen`.
struct ScreenCli {
  DataOptions data;
  EnergyOptions energy;
  ChempotOptions open;
  UncertaintyOptions uncertainty;
  std::vector<std::string> as, bs;
  std::string conditions;
  bool windows = false, quiet = false, resume = false;
  std::string output, shard;
  unsigned threads = 0;
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

/// Resuming: the rows already in --output must be this screen's first rows;
/// the row to go on from (the shard's first if there are none).
std::size_t resume_from(const ScreenCli& c, const Screen& screen, Format format, const std::string& header) {
  std::size_t from = screen.first_row();
  if (!c.resume || !std::filesystem::exists(c.output)) return from;
  const auto keys = read_screen_keys(c.output, format, header);
  if (keys.size() > screen.end_row() - screen.first_row())
    throw Error("cannot resume '" + c.output + "': it holds more rows than this screen has");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] != screen.row_key(from + i))
      throw Error("cannot resume '" + c.output + "': its row " + std::to_string(i + 1) + " (" + keys[i][0] + ", " +
                  keys[i][1] + ", " + keys[i][2] + ") is not this screen's (other materials, conditions or shard?)");
  }
  return from + keys.size();
}

/// The request the options describe.
ScreenRequest screen_request(const ScreenCli& c) {
  const UncertaintyOptions& uc = c.uncertainty;
  ScreenRequest q;
  q.uncertainty = uc.settings();
  q.settings = c.energy.settings();
  q.windows = c.windows;
  q.threads = c.threads;
  if (c.open.open.size() > 1) throw Error("screen opens one element at its voltages, got " + std::to_string(c.open.open.size()));
  const int z = c.open.open.size() == 1 ? atomic_number(c.open.open.front()) : kLithium;
  q.open = element(z).symbol;
  std::string conditions = c.conditions;
  if (c.open.voltage) conditions += (conditions.empty() ? "" : ",") + full_precision(*c.open.voltage);
  if (!conditions.empty()) q.conditions = parse_conditions(conditions, z);
  if (!c.open.mu.empty() || !c.open.gas.empty()) {
    ChempotOptions fixed_only = c.open;
    fixed_only.open.clear(), fixed_only.voltage.reset();
    q.conditions.push_back(chempot_condition(fixed_only.resolve()));
  }
  if (!c.shard.empty()) std::tie(q.shard, q.shards) = parse_shard(c.shard);
  return q;
}

int run_screen(const ScreenCli& c, bool verbose) {
  const std::string& fmt = c.data.format;
  const UncertaintyOptions& uc = c.uncertainty;
  if ((fmt == "svg" || fmt == "html") && (uc.wanted() || uc.samples > 0))
    throw Error("--uncertainty and --samples write text, markdown, json or csv, not " + fmt);
  const bool mc = uc.samples > 0;
  const Format format = fmt == "svg" || fmt == "html" ? Format::Text : parse_format(fmt);
  const bool streamed = format == Format::Csv || format == Format::Json;
  ScreenRequest q = screen_request(c);
  if (c.resume && (c.output.empty() || !streamed)) throw Error("--resume continues an --output FILE written as csv or json");
  q.as = expand_formula_arguments(c.as, std::cin);
  q.bs = expand_formula_arguments(c.bs, std::cin);
  Session session = c.data.session();
  const PreparedScreen prepared = session.screen(q);
  Screen& screen = *prepared.screen;
  const bool windows = q.windows, uncertainty = q.uncertainty.linear;

  const bool header = format == Format::Csv && q.shard == 0;
  const std::size_t from = resume_from(c, screen, format, header ? screen_csv_header(windows, uncertainty, mc) : "");
  std::unique_ptr<RowFile> file;
  if (!c.output.empty()) file = std::make_unique<RowFile>(c.output, c.resume);
  const auto emit = [&](const std::string& text) {
    if (file) file->write(text);
    else std::cout << text;
  };
  if (header && (!file || file->empty())) emit(screen_csv_header(windows, uncertainty, mc));

  std::size_t rows = 0, errors = 0;
  std::vector<ScreenRow> kept;
  const auto start = std::chrono::steady_clock::now();
  {
    ScreenProgressLine progress(c.quiet, verbose);
    screen.run(
        [&](const ScreenRow& row) {
          ++rows;
          errors += !row.error.empty();
          if (format == Format::Csv) emit(screen_csv_row(row, windows, uncertainty, mc));
          else if (format == Format::Json) emit(screen_json_line(row, windows, uncertainty, mc));
          else kept.push_back(row);
        },
        from, [&](std::size_t done, std::size_t total) { progress(done, total); });
  }
  if (!streamed) {
    const ScreenSettings& settings = prepared.settings;
    if (fmt == "svg") emit(svg_screen(kept, settings));
    else if (fmt == "html") emit(html_screen(kept, settings));
    else if (format == Format::Markdown) emit(screen_markdown(kept, settings));
    else emit(screen_text(kept, settings));
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!c.quiet || errors > 0)
    std::cerr << "interphase: screen: " << rows << " rows (" << rows - errors << " computed, " << errors
              << " with an error) in " << fixed(elapsed, 1) << " s" << (from > screen.first_row() ? " after resuming" : "")
              << "\n";
  return rows > errors || rows == 0 ? 0 : 2;
}

}  // namespace

void add_screen(CLI::App& app, Commands& commands, const bool& verbose) {
  auto c = std::make_shared<ScreenCli>();
  auto* cmd = app.add_subcommand(
      "screen", "Minimum reaction energy of every pair: each material A against each material B, under conditions");
  cmd->add_option("A", c->as, "materials on one side, e.g. electrolytes; @FILE: the formulas in FILE")->required();
  cmd->add_option("--against", c->bs, "materials on the other side, e.g. cathodes; @FILE as for A")->required();
  cmd->add_option("--conditions", c->conditions,
                  "closed and/or voltages (Li open at V vs Li/Li+), e.g. closed,3,4.5 (default closed)");
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
