// interphase serve: the web app (pages and JSON API) on a local address.
#include <iostream>

#include "cli.hpp"
#include "interphase/serve/server.hpp"

namespace interphase::cli {

namespace {
struct ServeCli {
  DataOptions data;
  ServeOptions serve;
};
}  // namespace

void add_serve(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<ServeCli>();
  auto* cmd = app.add_subcommand("serve", "The web app: pair, material, screen and coat pages and a JSON API, in a browser");
  cmd->add_option("--port", c->serve.port, "TCP port (0: any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--host", c->serve.host,
                  "address to listen on; other than 127.0.0.1 (e.g. 0.0.0.0) makes the app and the whole\n"
                  "database reachable from other machines, without a login (a warning says so)")
      ->capture_default_str();
  cmd->add_option("--max-jobs", c->serve.limits.max_jobs, "screens, coating searches and Monte Carlo runs at once (more: 503)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--job-seconds", c->serve.limits.job_seconds,
                  "time of one screen job (POST /api/screen/jobs) before it stops as \"timed out\"")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 86400.0));
  add_data_options(cmd, c->data, Formats::None);
  cmd->footer(
      "The database is opened read-only: serve never builds or changes it, so run any command (e.g.\n"
      "`interphase react Li6PS5Cl Li2RuO3`) once first. Every API answer equals the command's --format json\n"
      "for the same request (docs/web.md). SIGINT (Ctrl-C) or SIGTERM stops it.\n"
      "Example: interphase serve --port 8765   then open http://127.0.0.1:8765/pair?a=Li6PS5Cl&b=Li2RuO3");
  commands.push_back({cmd,
                      [c] {
                        c->serve.session.database = c->data.database_path();
                        if (!c->data.dataset.empty()) c->serve.session.dataset = c->data.dataset;
                        return serve(c->serve, std::cout, std::cerr);
                      },
                      false});
}

}  // namespace interphase::cli
