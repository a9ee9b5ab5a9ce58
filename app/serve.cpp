// interphase serve: the web app (pages and JSON API) on a local address.
#include <iostream>

#include "cli.hpp"
#include "interphase/serve/server.hpp"

namespace interphase::cli {

namespace {

int run_serve(const Values& v) {
  ServeOptions o;
  o.port = v.get<int>("port");
  o.host = v.text("host");
  o.limits.max_jobs = v.get<unsigned>("max_jobs");
  o.limits.job_seconds = v.get<double>("job_seconds");
  o.session.database = v.database_path();
  if (!v.text("dataset").empty()) o.session.dataset = v.text("dataset");
  return serve(o, std::cout, std::cerr);
}
const Register kServe{"serve", {run_serve, false}};

}  // namespace
}  // namespace interphase::cli
