// interphase react, sweep and map: one pair's reaction energy over x, over voltages, and over both.
#include <iostream>

#include "cli.hpp"
#include "interphase/grand/limits.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"
#include "interphase/report/svg.hpp"

namespace interphase::cli {

namespace {

struct ReactCli {
  DataOptions data;
  EnergyOptions energy;
  ChempotOptions open;
  UncertaintyOptions uncertainty;
  std::string a, b;
  bool explain = false;
  std::vector<double> at_x;
  std::string range;
};

int run_react(const ReactCli& c) {
  const std::string& format = c.data.format;
  ReactRequest q;
  q.uncertainty = c.uncertainty.settings();
  q.settings = c.energy.settings();
  q.a = c.a, q.b = c.b;
  q.explain = c.explain || !c.at_x.empty();
  q.explain_at_x = c.at_x;
  if (!c.range.empty()) q.range = parse_voltage_range(c.range, "{range}");
  check_format(format, q);
  q.open = c.open.resolve();
  const ReactResult r = c.data.session().react(q);
  stage("writing the output");
  std::cout << (format == "svg" ? svg_reaction(r.reaction, r.context)
                                : format_reaction(r.reaction, r.context, parse_format(format), r.explanations));
  return 0;
}

}  // namespace

void add_react(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<ReactCli>();
  auto* cmd = app.add_subcommand(
      "react", "Reaction energy of A and B over their mixing ratio x (atomic fraction of A), with its exact kinks");
  cmd->add_option("A", c->a, "first reactant, e.g. Li6PS5Cl (x = 1 is pure A)")->required();
  cmd->add_option("B", c->b, "second reactant, e.g. Li2RuO3 (x = 0 is pure B)")->required();
  add_energy_options(cmd, c->energy);
  add_chempot_options(cmd, c->open);
  cmd->add_option("--range", c->range,
                  "a cycling window FROM-TO (V vs Li/Li+, e.g. 2.0-4.5): Li open over every voltage in it; shows\n"
                  "the worst case (the lowest energy over x and V, exactly) and the reaction at its voltage, and\n"
                  "where each reactant's own window ends inside the range");
  add_uncertainty_options(cmd, c->uncertainty);
  cmd->add_flag("--explain", c->explain,
                "explain the minimum: each phase's sensitivity, how far each product may rise and each\n"
                "competing phase must drop before the products change, the second-best products");
  cmd->add_option("--at-x", c->at_x, "explain the reaction at this atomic fraction of A too (repeatable; implies --explain)");
  add_monte_carlo_options(cmd, c->uncertainty, true);
  add_data_options(cmd, c->data, Formats::TablesAndSvg);
  cmd->footer(
      "Each kink gives x as atomic, molar (formula units) and mass fraction of A, the energy in eV/atom of\n"
      "mixture, and the balanced reaction per formula unit. The 30 wt% A composite is shown too.\n"
      "With open elements the energy is per non-open atom, x still counts all atoms of the reactants, and\n"
      "the reactions show the open element taken from or given to the reservoir.\n"
      "Examples: interphase react Li6PS5Cl Li2RuO3 --energy total --format csv\n"
      "          interphase react Li6PS5Cl Li2RuO3 --open Li --voltage 4.5 --format json\n"
      "          interphase react Li2RuO3 Li3InCl6 --mu Li=-4 --gas O=298.15,21000\n"
      "          interphase react Li6PS5Cl Li2RuO3 --range 2.0-4.5   worst case over the cycling window\n"
      "          interphase react Li6PS5Cl Li2RuO3 --uncertainty --explain   +/- 1 sigma, and what decides the minimum");
  commands.push_back({cmd, [c] { return run_react(*c); }});
}

namespace {

/// sweep and map: a pair, one open element, a voltage range.
struct RangeCli {
  DataOptions data;
  EnergyOptions energy;
  UncertaintyOptions uncertainty;
  std::vector<std::string> open;
  std::string a, b;
  double from = 0, to = 5, step = 0.01;
  std::string color;
};

void add_pair_and_range(CLI::App* cmd, RangeCli& c, bool with_step) {
  cmd->add_option("A", c.a, "first reactant")->required();
  cmd->add_option("B", c.b, "second reactant")->required();
  add_energy_options(cmd, c.energy);
  add_single_open(cmd, c.open);
  cmd->add_option("--from", c.from, "lowest voltage, V vs Li/Li+ (mu = -V)")
      ->capture_default_str()
      ->check(finite_within(kMaxAbsVoltage, "V"));
  cmd->add_option("--to", c.to, "highest voltage")->capture_default_str()->check(finite_within(kMaxAbsVoltage, "V"));
  if (with_step)
    cmd->add_option("--step", c.step, "voltage step")->capture_default_str()->check(finite_within(2 * kMaxAbsVoltage, "V"));
}

int run_sweep(const RangeCli& c) {
  SweepRequest q;
  q.uncertainty = c.uncertainty.settings();
  check_format(c.data.format, q);
  q.settings = c.energy.settings();
  q.open = single_open_symbol(c.open);
  q.a = c.a, q.b = c.b;
  q.from = c.from, q.to = c.to, q.step = c.step;
  const SweepResult r = c.data.session().sweep(q);
  stage("writing the output");
  std::cout << (c.data.format == "svg" ? svg_sweep(r.a, r.b, r.open, r.form, r.rows)
                                       : format_sweep(r.a, r.b, r.open, r.form, r.rows, parse_format(c.data.format)));
  return 0;
}

int run_map(const RangeCli& c) {
  if (!c.color.empty() && c.data.format != "svg") throw Error("--color colours a plot: it needs --format svg");
  MapRequest q;
  q.settings = c.energy.settings();
  q.open = single_open_symbol(c.open);
  q.a = c.a, q.b = c.b;
  q.from = c.from, q.to = c.to;
  const MapResult r = c.data.session().map(q);
  stage("writing the " + std::to_string(r.map.regions.size()) + " regions");
  if (c.data.format == "svg") std::cout << (c.color == "energy" ? svg_energy_map(r.map) : svg_map(r.map));
  else std::cout << format_map(r.map, parse_format(c.data.format));
  return 0;
}

}  // namespace

void add_sweep(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<RangeCli>();
  auto* cmd = app.add_subcommand("sweep", "Minimum reaction energy of A and B, its x and products, at each voltage");
  add_pair_and_range(cmd, *c, true);
  add_uncertainty_options(cmd, c->uncertainty);
  add_monte_carlo_options(cmd, c->uncertainty, true);
  add_data_options(cmd, c->data, Formats::TablesAndSvg);
  cmd->footer("Example: interphase sweep Li3InCl6 Li2RuO3 --from 1 --to 5 --step 0.1 --format csv");
  commands.push_back({cmd, [c] { return run_sweep(*c); }});
}

void add_map(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<RangeCli>();
  auto* cmd = app.add_subcommand(
      "map", "Exact (x, V) reaction map: the rectangle partitioned into regions of one product set each");
  add_pair_and_range(cmd, *c, false);
  cmd->add_option("--color", c->color,
                  "with --format svg: colour the regions by their products (default) or draw the reaction\n"
                  "energy as a heatmap with the region boundaries on top (energy)")
      ->check(CLI::IsMember({"products", "energy"}));
  add_data_options(cmd, c->data, Formats::TablesAndSvg);
  cmd->footer(
      "Region boundaries come from the hull's facets and their chemical-potential ranges, not from sampling;\n"
      "the reaction energy is given at each region's corners (bilinear inside).\n"
      "Examples: interphase map Li6PS5Cl Li2RuO3 --from 0 --to 5 --format json\n"
      "          interphase map Li6PS5Cl Li2RuO3 --format svg --color energy > energy_map.svg");
  commands.push_back({cmd, [c] { return run_map(*c); }});
}

}  // namespace interphase::cli
