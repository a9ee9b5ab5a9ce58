// interphase window, decompose, hull and stability: one material's window, and the stored stability of the data set.
#include "cli.hpp"
#include "interphase/report/dataset_format.hpp"

namespace interphase::cli {

namespace {

const Register kWindow{"window", {answer<WindowRequest, &Session::window>}};
const Register kDecompose{"decompose", {answer<DecomposeRequest, &Session::decompose>}};

int run_hull(const Values& v) {
  HullRequest q{element_symbols(v.text("chemsys"))};  // the parser's own message for a bad system
  v.fill(q, {"chemsys"});
  return write(v, v.session().hull(q));
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
