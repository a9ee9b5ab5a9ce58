// interphase window, decompose, hull and stability: one material's window, and the stored stability of the data set.
#include <iostream>

#include "cli.hpp"
#include "interphase/report/dataset_format.hpp"
#include "interphase/report/format.hpp"
#include "interphase/report/open_format.hpp"

namespace interphase::cli {

namespace {

int run_window(const Values& v) {
  WindowRequest q;
  v.fill(q);
  const WindowResult r = v.session().window(q);
  stage("writing the output");
  std::cout << format_window(*r.closed, r.formula, r.open, r.profile, v.table_format());
  return 0;
}
const Register kWindow{"window", {run_window}};

int run_decompose(const Values& v) {
  const DecomposeResult r = v.session().decompose({v.text("formula")});
  stage("writing the output");
  std::cout << format_stability(r.formula, r.stability, v.table_format());
  return 0;
}
const Register kDecompose{"decompose", {run_decompose}};

int run_hull(const Values& v) {
  HullRequest q{element_symbols(v.text("chemsys"))};
  v.fill(q, {"chemsys"});
  const HullResult r = v.session().hull(q);
  stage("writing the output");
  std::cout << format_hull(r.table, r.all, v.table_format());
  return 0;
}
const Register kHull{"hull", {run_hull}};

int run_stability(const Values& v) {
  StabilityRequest q;
  v.fill(q);
  const StabilityResult r = v.session().stability(q);
  stage("writing " + std::to_string(r.rows.size()) + " rows");
  write_stability(std::cout, r.entries, r.rows, v.table_format());
  return 0;
}
const Register kStability{"stability", {run_stability}};

}  // namespace
}  // namespace interphase::cli
