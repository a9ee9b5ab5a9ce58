// interphase compare: two pairs' Monte Carlo minima, sample by sample, under each condition.
#include "cli.hpp"

namespace interphase::cli {

namespace {

int run_compare(const Values& v) {
  CompareRequest q;
  v.fill(q);
  q.conditions = parse_conditions(v.optional_text("conditions").value_or("closed"), kLithium);
  return write(v, v.session().compare(q));
}
const Register kCompare{"compare", {run_compare}};

}  // namespace
}  // namespace interphase::cli
