// interphase coat: candidate coatings between an electrolyte and a cathode, judged and ranked.
#include <tuple>
#include <iostream>

#include "cli.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/report/coat_format.hpp"
#include "interphase/report/coat_plot.hpp"
#include "interphase/report/coat_shard.hpp"

namespace interphase::cli {

namespace {

struct CoatCli {
  DataOptions data;
  EnergyOptions energy;
  UncertaintyOptions uncertainty;
  std::string electrolyte;
  std::vector<std::string> cathodes, candidates;
  std::string range, with, without, elements, explain;
  std::optional<double> pool_max_ehull, min_oxidation;
  CoatCriteria criteria;
  unsigned threads = 0;
  bool quiet = false, resume = false;
  std::string shard, output;
};

/// "Li,S" or "Li-S" -> element symbols, naming the setting in errors.
std::vector<std::string> coat_elements(const std::string& setting, const std::string& text) {
  return text.empty() ? std::vector<std::string>{} : element_symbols(text, setting);
}

CoatRequest coat_request(const CoatCli& c) {
  CoatRequest q;
  q.electrolyte = c.electrolyte;
  q.cathodes = c.cathodes;
  if (!c.range.empty()) q.range = parse_voltage_range(c.range, "{range}");
  q.candidates = expand_formula_arguments(c.candidates, std::cin);
  q.with = coat_elements("with", c.with);
  q.without = coat_elements("without", c.without);
  if (!c.elements.empty()) std::tie(q.min_elements, q.max_elements) = parse_element_count(c.elements);
  q.pool_max_e_above_hull = c.pool_max_ehull;
  q.criteria = c.criteria;
  q.criteria.min_oxidation = c.min_oxidation;
  q.settings = c.energy.settings();
  q.uncertainty = c.uncertainty.settings();
  q.explain = c.explain;
  q.threads = c.threads;
  if (!c.shard.empty()) std::tie(q.shard, q.shards) = parse_shard(c.shard);
  return q;
}

/// --shard or --output: the candidates of one shard as rows, unranked (the merge ranks them).
int run_coat_shard(const CoatCli& c, const CoatRequest& q) {
  const CoatShardOutput output{c.data.format, c.output, c.resume};
  Session session = c.data.session();
  const CoatShardSummary summary = write_coat_shard(session, q, output, std::cout);
  if (!c.quiet || summary.errors > 0) std::cerr << coat_shard_summary(summary);
  return summary.candidates > summary.errors || summary.candidates == 0 ? 0 : 2;
}

int run_coat(const CoatCli& c) {
  const CoatRequest q = coat_request(c);
  if (!c.shard.empty() || !c.output.empty() || c.resume) return run_coat_shard(c, q);
  const CoatResult r = c.data.session().coat(q);
  if (!c.quiet) std::cerr << coat_funnel_lines(r.funnel);
  stage("writing the output");
  const std::string& f = c.data.format;
  std::cout << (f == "svg" ? svg_coat(r) : f == "html" ? html_coat(r) : format_coat(r, c.data.table_format()));
  return 0;
}

void add_criteria_options(CLI::App* cmd, CoatCli& c) {
  cmd->add_option("--max-ehull", c.criteria.max_e_above_hull, "criterion: e_above_hull at most this, eV/atom")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-reduction", c.criteria.max_reduction,
                  "criterion: the window's reduction limit at most this, V (the electrolyte side)")
      ->capture_default_str()
      ->check(finite_within(kMaxAbsVoltage, "V"));
  cmd->add_option("--min-oxidation", c.min_oxidation,
                  "criterion: the window's oxidation limit at least this, V (default: the top of --range, else 4)")
      ->check(finite_within(kMaxAbsVoltage, "V"));
  cmd->add_option("--max-reaction", c.criteria.max_reaction,
                  "criterion: every minimum reaction energy with each side at least minus this, eV/atom\n"
                  "(closed, and per non-Li atom over --range)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
}

void add_candidate_options(CLI::App* cmd, CoatCli& c) {
  cmd->add_option("--candidates", c.candidates,
                  "the candidate coatings (formulas; @FILE: the formulas in FILE, one per line). Default: every\n"
                  "stable entry of the data set holding Li, of two or more elements, with no radioactive element");
  cmd->add_option("--with", c.with, "candidates from the data set: elements each holds besides Li, e.g. O,P");
  cmd->add_option("--without", c.without, "candidates from the data set: elements none holds, e.g. S,Cl");
  cmd->add_option("--elements", c.elements, "candidates from the data set: number of elements, N or N-M");
  cmd->add_option("--pool-max-ehull", c.pool_max_ehull,
                  "candidates from the data set: entries at most this far above the hull (eV/atom; default:\n"
                  "stable ones only), for --max-ehull to judge")
      ->check(CLI::NonNegativeNumber);
}

}  // namespace

void add_coat(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<CoatCli>();
  auto* cmd = app.add_subcommand(
      "coat", "Rank candidate coatings between an electrolyte and one or more cathode states (Xiao et al. 2019)");
  cmd->add_option("ELECTROLYTE", c->electrolyte, "the electrolyte, e.g. Li6PS5Cl")->required();
  cmd->add_option("CATHODE", c->cathodes, "the cathode's states, e.g. Li2RuO3 LiRuO3 (a coating must hold against each)")
      ->required();
  cmd->add_option("--range", c->range,
                  "the cycling window FROM-TO (V vs Li/Li+, e.g. 2.0-4.5): every reaction also over it, Li open");
  add_candidate_options(cmd, *c);
  add_criteria_options(cmd, *c);
  add_energy_options(cmd, c->energy);
  add_sigma_option(cmd, c->uncertainty);
  add_monte_carlo_options(cmd, c->uncertainty, false);
  cmd->add_option("--explain", c->explain, "say for this candidate which criterion it fails or nearly fails, by how\n"
                                           "much, and which phases decide it");
  cmd->add_option("--threads", c->threads, "worker threads (default: all cores)");
  cmd->add_option("--shard", c->shard,
                  "compute the I-th of N disjoint slices of the candidates (I/N), written unranked as csv or json\n"
                  "rows; interphase.distributed.merge_coat ranks the N shards into one search's output");
  cmd->add_option("--output", c->output, "write the rows of --shard to FILE (whole rows only, a settings record beside it)");
  cmd->add_flag("--resume", c->resume, "continue an interrupted --output FILE: keep its candidates, compute the rest");
  cmd->add_flag("--quiet", c->quiet, "no funnel on stderr");
  add_data_options(cmd, c->data, Formats::None);
  cmd->add_option("--format", c->data.format,
                  "output: text, markdown, json or csv (the ranked candidates), svg (a scatter of the reaction\n"
                  "energies with each side) or html (one page: settings, funnel, scatter, sortable table)")
      ->check(CLI::IsMember({"text", "markdown", "md", "json", "csv", "svg", "html"}));
  cmd->footer(
      "Each candidate is computed against the electrolyte and each cathode state exactly as `react` and\n"
      "`window` compute them (x: the coating's atomic fraction), then judged: e_above_hull, window_red,\n"
      "window_ox, energy_electrolyte[_range], energy_cathode[_range] (the worst over the states). The funnel\n"
      "(candidates left after each criterion, in that order) goes to stderr and into the report. Ranking:\n"
      "passing candidates first, then failing ones, then those that could not be computed (an error row);\n"
      "within each, the least reactive first (the most negative of all its minima), ties by formula.\n"
      "Examples: interphase coat Li6PS5Cl Li2RuO3 LiRuO3 --range 2.0-4.5 --format markdown\n"
      "          interphase coat Li3PS4 LiCoO2 Li0.5CoO2 --candidates Li3PO4 LiNbO3 LiPO3 --format csv\n"
      "          interphase coat Li6PS5Cl Li2RuO3 --with O --without S,Cl --elements 3-4 --explain LiNbO3");
  commands.push_back({cmd, [c] { return run_coat(*c); }});
}

}  // namespace interphase::cli
