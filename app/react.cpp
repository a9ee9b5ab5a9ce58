// interphase react, sweep and map: one pair's reaction energy over x, over voltages, and over both.
#include <iostream>

#include "cli.hpp"

namespace interphase::cli {

namespace {

int run_react(const Values& v) {
  ReactRequest q;
  v.fill(q, {"open"});
  check_format(v.format(), q);
  q.open = v.open_chempots();
  return write(v, v.session().react(q));
}
const Register kReact{"react", {run_react}};
const Register kSweep{"sweep", {answer<SweepRequest, &Session::sweep>}};

int run_map(const Values& v) {
  if (v.given("color") && v.format() != "svg") throw Error("--color colours a plot: it needs --format svg");
  MapRequest q;
  v.fill(q);
  const MapResult r = v.session().map(q);
  stage("writing the " + std::to_string(r.map.regions.size()) + " regions");
  std::cout << render(r, v.format(), v.text("color"));
  return 0;
}
const Register kMap{"map", {run_map}};

}  // namespace
}  // namespace interphase::cli
