// interphase compare: two pairs' Monte Carlo minima, sample by sample, under each condition.
#include <iostream>

#include "cli.hpp"
#include "interphase/report/format.hpp"

namespace interphase::cli {

namespace {

struct CompareCli {
  DataOptions data;
  EnergyOptions energy;
  UncertaintyOptions uncertainty;
  std::vector<std::string> first, second;
  std::optional<std::string> conditions;  ///< none: not given (closed)
};

int run_compare(const CompareCli& c) {
  CompareRequest q;
  q.settings = c.energy.settings();
  q.uncertainty = c.uncertainty.settings();
  q.conditions = parse_conditions(c.conditions.value_or("closed"), kLithium);
  q.first_a = c.first[0], q.first_b = c.first[1];
  q.second_a = c.second[0], q.second_b = c.second[1];
  const CompareResult r = c.data.session().compare(q);
  std::cout << format_comparison(r.first, r.second, r.labels, r.rows, r.monte_carlo, parse_format(c.data.format));
  return 0;
}

}  // namespace

void add_compare(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<CompareCli>();
  auto* cmd = app.add_subcommand(
      "compare", "Monte Carlo minima of two pairs with the same draws of shared entries, and how often the second lies above");
  cmd->add_option("PAIR", c->first, "the first pair, A B")->required()->expected(2);
  cmd->add_option("--versus", c->second, "the second pair, A B")->required()->expected(2);
  cmd->add_option("--conditions", c->conditions,
                  "comma-separated: closed, or a voltage with Li open (default closed), e.g. closed,0,3");
  add_energy_options(cmd, c->energy);
  add_sigma_option(cmd, c->uncertainty);
  add_monte_carlo_options(cmd, c->uncertainty, true);
  add_data_options(cmd, c->data);
  cmd->footer(
      "Every entry's draw depends only on (seed, sample, entry), so entries both pairs share (Li2RuO3, ...) move\n"
      "together in each sample: P(2nd above) is a paired comparison.\n"
      "Example: interphase compare Li6PS5Cl Li2RuO3 --versus Li3InCl6 Li2RuO3 --conditions closed,3 --samples 1000");
  commands.push_back({cmd, [c] { return run_compare(*c); }});
}

}  // namespace interphase::cli
