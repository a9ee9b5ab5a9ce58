#include "interphase/serve/server.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

#include <httplib.h>

#include "interphase/error.hpp"

namespace interphase {

namespace {

/// What every answer carries: scripts and styles from this server only, no
/// inline script, no framing, no sniffing of types.
const httplib::Headers& security_headers() {
  static const httplib::Headers headers = {
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
  };
  return headers;
}

const char* status_text(int status) {
  switch (status) {
    case 400: return "malformed request";
    case 404: return "no such page or API endpoint";
    case 405: return "method not allowed";
    case 413: return "request body too large";
    case 414: return "request URL too long";
    case 503: return "server busy";
    default: return "request failed";
  }
}

Query query_of(const httplib::Request& req) {
  Query q;
  for (const auto& [name, value] : req.params) q.emplace_back(name, value);
  return q;
}

void reply(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  res.set_content(r.body, r.content_type);
}

/// Screens as jobs: POST starts one, GET reads its status or rows, DELETE cancels it.
void route_jobs(httplib::Server& server, Api& api) {
  server.Post("/api/screen/jobs", [&api](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.start_screen_job(query_of(req)));
  });
  const std::string job = R"(/api/screen/jobs/([0-9a-f]{16}))";
  server.Get(job, [&api](const httplib::Request& req, httplib::Response& res) { reply(res, api.screen_job("GET", req.matches[1], false)); });
  server.Get(job + "/rows", [&api](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.screen_job("GET", req.matches[1], true));
  });
  server.Delete(job, [&api](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.screen_job("DELETE", req.matches[1], false));
  });
}

void route(httplib::Server& server, Api& api) {
  route_jobs(server, api);
  const auto handler = [&api](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.handle(req.matches[1], query_of(req)));
  };
  server.Get(R"(/api/([a-z_]{1,32}))", handler);
  server.Post(R"(/api/([a-z_]{1,32}))", handler);  // a form body: its fields as the query's
  std::size_t count = 0;
  const Asset* assets = web_assets(count);
  for (std::size_t i = 0; i < count; ++i) {
    const Asset& a = assets[i];
    server.Get(a.path, [&a](const httplib::Request&, httplib::Response& res) {
      res.set_content(reinterpret_cast<const char*>(a.data), a.size, a.content_type);
    });
  }
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string what = status_text(res.status);
    if (res.status == 404) what += ": " + req.path.substr(0, 200);
    res.set_content(Api::error_body(what), "application/json");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr p) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(p);
    } catch (const std::exception& e) {
      what += std::string(": ") + e.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content(Api::error_body(what), "application/json");
  });
}

/// SIGINT and SIGTERM, blocked in every thread the server starts, taken by
/// one thread that stops the server (so no handler runs inside a request).
class SignalStop {
 public:
  SignalStop() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
  }
  ~SignalStop() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SignalStop(const SignalStop&) = delete;
  SignalStop& operator=(const SignalStop&) = delete;

  /// Watch for the signals; on one, call `stop`.
  void start(std::function<void()> stop) {
    thread_ = std::thread([this, stop = std::move(stop)] {
      const timespec wait{0, 100'000'000};  // 0.1 s: checks done_ between waits
      while (!done_) {
        if (sigtimedwait(&set_, nullptr, &wait) > 0) {
          stop();
          return;
        }
      }
    });
  }

 private:
  sigset_t set_{}, old_{};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

/// As many open connections as the system lets this process have: each waiting
/// connection holds a descriptor, and the soft limit (often 1,024) is below
/// a thousand clients.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? 65536 : std::min<rlim_t>(limit.rlim_max, 65536);
  setrlimit(RLIMIT_NOFILE, &limit);
}

}  // namespace

bool loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  raise_descriptor_limit();
  SignalStop signals;  // before any thread starts, so that all of them inherit the mask
  SessionOptions session_options = options.session;
  session_options.read_only = true;
  Session session(session_options);
  try {
    session.ready();  // the database exists and its stability is stored; else say so now
  } catch (const StabilityNotStored& e) {
    err << "interphase: warning: " << e.what() << "; until then every API call answers 503\n";
  }
  Api api(session, options.limits);
  httplib::Server server;
  const std::size_t threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(options.max_body_bytes);
  server.set_default_headers(security_headers());
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_keep_alive_timeout(5);
  server.set_keep_alive_max_count(1000);
  server.set_tcp_nodelay(true);  // headers and body go out as two writes: no 40 ms wait for an acknowledgement
  route(server, api);
  int listening = -1;  // the listening socket, to lengthen its queue of connections once bound
  server.set_socket_options([&listening](socket_t sock) {
    httplib::default_socket_options(sock);
    listening = sock;
  });
  if (!loopback_host(options.host))
    err << "interphase: warning: serving on " << options.host
        << ", reachable from other machines: the app has no login and shows the whole database\n";
  const int port = options.port == 0 ? server.bind_to_any_port(options.host) : options.port;
  if (port < 0 || (options.port != 0 && !server.bind_to_port(options.host, port)))
    throw Error("cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " + std::strerror(errno));
  // cpp-httplib listens with a queue of 5 connections: a burst of clients beyond it is refused.
  if (listening >= 0) ::listen(listening, SOMAXCONN);
  const bool v6 = options.host.find(':') != std::string::npos;
  out << "interphase: serving " << session.database_path().string() << " at http://"
      << (v6 ? "[" + options.host + "]" : options.host) << ":" << port << "/ (Ctrl-C stops)" << std::endl;
  signals.start([&server] {
    for (int i = 0; i < 200 && !server.is_running(); ++i)  // a signal before listening begins
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    server.stop();
  });
  server.listen_after_bind();
  out << "interphase: stopped" << std::endl;
  return 0;
}

}  // namespace interphase
