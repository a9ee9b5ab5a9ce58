// interphase compare: two pairs' Monte Carlo minima, sample by sample, under each condition.
#include "cli.hpp"

namespace interphase::cli {

namespace {

int run_compare(const Values& v) {
  CompareRequest q;
  v.fill(q.settings);
  v.fill(q.uncertainty);
  q.conditions = parse_conditions(v.optional_text("conditions").value_or("closed"), kLithium);
  const auto& first = v.texts("pair");
  const auto& second = v.texts("versus");
  q.first_a = first[0], q.first_b = first[1];
  q.second_a = second[0], q.second_b = second[1];
  return write(v, v.session().compare(q));
}
const Register kCompare{"compare", {run_compare}};

}  // namespace
}  // namespace interphase::cli
