// interphase screen: the minimum reaction energy of every pair, streamed in input order.
#include <functional>
#include <iostream>

#include "cli.hpp"
#include "interphase/report/screen_output.hpp"

namespace interphase::cli {

namespace {

int run_screen(const Values& v) {
  ScreenRequest q;
  v.fill(q, {"open", "shard"});
  const ScreenOutput output{v.format(), v.text("output"), v.flag("resume")};
  check_screen_output(output, q);
  set_screen_conditions(q, v.optional_text("conditions"), v.texts("open"), v.voltage(), v.texts("mu"), v.texts("gas"));
  if (!v.text("shard").empty()) std::tie(q.shard, q.shards) = parse_shard(v.text("shard"));
  PreparedScreen prepared = v.session().screen(q);
  ScreenProgressLine progress(v.flag("quiet"), v.verbose);
  const ScreenSummary summary = write_screen(prepared, q, output, std::cout, std::ref(progress));
  if (!v.flag("quiet") || summary.errors > 0) std::cerr << screen_summary(summary);
  return summary.ok() ? 0 : 2;
}
const Register kScreen{"screen", {run_screen, false}};

}  // namespace
}  // namespace interphase::cli
