// interphase select: entries by elements and stability, e.g. the candidates of a screen.
#include <iostream>

#include "cli.hpp"
#include "interphase/report/dataset_format.hpp"

namespace interphase::cli {

namespace {

int run_select(const Values& v) {
  SelectRequest q;
  v.fill(q);
  q.sort_by_formula = v.text("sort") == "formula";
  const SelectResult r = v.session().select(q);
  stage("writing " + std::to_string(r.entries.size()) + " entries");
  write_selection(std::cout, r.entries, v.table_format());
  return 0;
}
const Register kSelect{"select", {run_select}};

}  // namespace
}  // namespace interphase::cli
