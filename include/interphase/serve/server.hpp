#pragma once
/// \file server.hpp
/// `interphase serve`: the web app. An HTTP server (cpp-httplib) on one
/// address that answers the JSON API (api.hpp) under /api/, and the pages
/// and their scripts from a table compiled into the program (web/), never
/// from the file system. The database is opened read-only.
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

#include "interphase/serve/api.hpp"
#include "interphase/session/session.hpp"

namespace interphase {

struct ServeOptions {
  std::string host = "127.0.0.1";  ///< other than a loopback address: a warning on stderr
  int port = 8765;                 ///< 0: any free port (the URL printed says which)
  SessionOptions session;          ///< read_only is set by serve()
  ApiLimits limits;
  std::size_t max_body_bytes = 64 * 1024;  ///< a larger request body: 413
  std::size_t threads = 64;                ///< connections served at once (the rest wait)
};

/// The settings of the program's `serve` by name (see for_each_setting in requests.hpp).
template <class F>
void for_each_setting(ServeOptions& o, F&& f) {
  f("host", o.host);
  f("port", o.port);
  f("max_jobs", o.limits.max_jobs);
  f("job_seconds", o.limits.job_seconds);
}

/// Whether `host` names this machine only (127.0.0.0/8, ::1, localhost).
bool loopback_host(const std::string& host);

/// One page or script of the web app.
struct Asset {
  const char* path;          ///< "/pair", "/static/app.js"
  const char* content_type;  ///< "text/html; charset=utf-8"
  const unsigned char* data;
  std::size_t size;
};
/// Every asset, compiled in from web/ (generated at build time).
const Asset* web_assets(std::size_t& count);

/// Serve until SIGINT or SIGTERM (or until `stop` is called from elsewhere).
/// Prints the URL on `out` once listening, warnings on `err`. Returns 0 on a
/// clean stop; throws Error if the address cannot be bound.
int serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace interphase
