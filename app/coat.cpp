// interphase coat: candidate coatings between an electrolyte and a cathode, judged and ranked.
#include <iostream>
#include <tuple>

#include "cli.hpp"
#include "interphase/report/coat_format.hpp"
#include "interphase/report/coat_shard.hpp"

namespace interphase::cli {

namespace {

/// --shard or --output: the candidates of one shard as rows, unranked (the merge ranks them).
int run_coat_shard(const Values& v, const CoatRequest& q) {
  const CoatShardOutput output{v.format(), v.text("output"), v.flag("resume")};
  Session session = v.session();
  const CoatShardSummary summary = write_coat_shard(session, q, output, std::cout);
  if (!v.flag("quiet") || summary.errors > 0) std::cerr << coat_shard_summary(summary);
  return summary.ok() ? 0 : 2;
}

int run_coat(const Values& v) {
  CoatRequest q;
  v.fill(q, {"shard"});
  const bool shard = !v.text("shard").empty();
  if (shard) std::tie(q.shard, q.shards) = parse_shard(v.text("shard"));
  if (shard || !v.text("output").empty() || v.flag("resume")) return run_coat_shard(v, q);
  const CoatResult r = v.session().coat(q);
  if (!v.flag("quiet")) std::cerr << coat_funnel_lines(r.funnel);
  return write(v, r);
}
const Register kCoat{"coat", {run_coat}};

}  // namespace
}  // namespace interphase::cli
