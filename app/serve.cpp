// interphase serve: the web app (pages and JSON API) on a local address.
#include <iostream>

#include "cli.hpp"
#include "interphase/serve/server.hpp"

namespace interphase::cli {

namespace {

int run_serve(const Values& v) {
  ServeOptions o;
  v.fill(o);
  o.session = v.session_options();
  return serve(o, std::cout, std::cerr);
}
const Register kServe{"serve", {run_serve, false}};

}  // namespace
}  // namespace interphase::cli
