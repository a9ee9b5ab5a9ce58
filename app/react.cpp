// interphase react, sweep and map: one pair's reaction energy over x, over voltages, and over both.
#include <iostream>

#include "cli.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"
#include "interphase/report/svg.hpp"

namespace interphase::cli {

namespace {

int run_react(const Values& v) {
  ReactRequest q;
  v.fill(q, {"open"});
  q.explain = q.explain || !q.explain_at_x.empty();
  check_format(v.format(), q);
  q.open = v.open_chempots();
  const ReactResult r = v.session().react(q);
  stage("writing the output");
  std::cout << (v.format() == "svg" ? svg_reaction(r.reaction, r.context)
                                   : format_reaction(r.reaction, r.context, v.table_format(), r.explanations));
  return 0;
}
const Register kReact{"react", {run_react}};

int run_sweep(const Values& v) {
  SweepRequest q;
  v.fill(q);
  check_format(v.format(), q);
  const SweepResult r = v.session().sweep(q);
  stage("writing the output");
  std::cout << (v.format() == "svg" ? svg_sweep(r.a, r.b, r.open, r.form, r.rows)
                                   : format_sweep(r.a, r.b, r.open, r.form, r.rows, v.table_format()));
  return 0;
}
const Register kSweep{"sweep", {run_sweep}};

int run_map(const Values& v) {
  if (v.given("color") && v.format() != "svg") throw Error("--color colours a plot: it needs --format svg");
  MapRequest q;
  v.fill(q);
  const MapResult r = v.session().map(q);
  stage("writing the " + std::to_string(r.map.regions.size()) + " regions");
  if (v.format() == "svg") std::cout << (v.text("color") == "energy" ? svg_energy_map(r.map) : svg_map(r.map));
  else std::cout << format_map(r.map, v.table_format());
  return 0;
}
const Register kMap{"map", {run_map}};

}  // namespace
}  // namespace interphase::cli
