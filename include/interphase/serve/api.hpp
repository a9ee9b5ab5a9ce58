#pragma once
/// \file api.hpp
/// The web app's JSON API, apart from HTTP: a query (name=value pairs, named
/// as the Python module's keywords) becomes one typed request of the session
/// layer, and its answer is the report layer's JSON, the very text that
/// `interphase <command> --format json` writes for the same request.
///
///   react      a, b, energy, reactant_energy, open, voltage, mu, gas, range,
///              uncertainty, sigma, samples, seed, threshold, explain, explain_at_x
///   sweep      a, b, energy, reactant_energy, open, start, stop, step, uncertainty, sigma
///   map        a, b, energy, reactant_energy, open, start, stop
///   window     formula, open
///   decompose  formula
///   hull       chemsys, all
///   select     with, any, without, only, elements, stable, max_e_above_hull, sort, polymorphs, limit
///   screen     a, b (lists), conditions, energy, open, voltage, mu, gas, windows, uncertainty, sigma
///   coat       electrolyte, cathodes, range, candidates, with, without, elements, criteria, samples, seed
///   complete   prefix: formulas of the data set that start with it (for the pages' inputs)
/// A list is comma-separated or given by repeating its name; gas=O=1000,21000
/// (T in K, p in Pa) is repeated, never split. An error is {"error": "..."}
/// with status 400 (the request), 503 (the database, or too many jobs) or 500.
#include <atomic>
#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "interphase/session/session.hpp"

namespace interphase {

/// What one request may ask of the server (docs/web.md lists them).
struct ApiLimits {
  std::size_t max_formula_length = 100;  ///< characters of one formula
  std::size_t max_list = 500;            ///< formulas in one list of a screen or coat
  std::size_t max_screen_rows = 20000;   ///< pairs x conditions of one screen
  std::size_t max_samples = 2000;        ///< Monte Carlo samples of one request
  std::size_t max_select_rows = 5000;    ///< rows of select (the default limit when none is given)
  unsigned max_jobs = 2;                 ///< screens, coating searches, Monte Carlo runs and screen jobs at once (then 503)
  double job_seconds = 600;              ///< time of one screen job (then it stops as "timed out")
  unsigned job_threads = 0;              ///< threads of each of them; 0: all cores
  std::size_t cache_bytes = 64 << 20;    ///< answers kept for the same request (0: none)
};

/// Name=value pairs in the order given (a name may repeat).
using Query = std::vector<std::pair<std::string, std::string>>;

struct ApiResponse {
  int status = 200;
  std::string body;  ///< JSON (JSON Lines for a screen job's rows)
  std::string content_type = "application/json";
};

class ScreenJobs;

class Api {
 public:
  Api(Session& session, ApiLimits limits = {});
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  /// The answer to /api/<endpoint>?<query>; 404 for an endpoint there is not.
  ApiResponse handle(const std::string& endpoint, const Query& query);
  /// POST /api/screen/jobs?<the settings of /api/screen>: the screen started
  /// as a job (jobs.hpp), 202 with its status (holding its id); 400 for bad
  /// settings, 503 when max_jobs heavy requests run.
  ApiResponse start_screen_job(const Query& query);
  /// GET /api/screen/jobs/<id>: its status; GET .../<id>/rows: the JSON Lines
  /// of its rows so far; DELETE /api/screen/jobs/<id>: cancel it (its status).
  /// 404 for an id there is not.
  ApiResponse screen_job(const std::string& method, const std::string& id, bool rows);
  /// The endpoints, in the order above.
  static const std::vector<std::string>& endpoints();
  const ApiLimits& limits() const { return limits_; }
  /// {"error": message}, as every error answer has it.
  static std::string error_body(const std::string& message);

 private:
  /// compute(), or the error it throws as {"error"} with its status.
  static ApiResponse answer(const std::function<ApiResponse()>& compute);
  std::string run(const std::string& endpoint, const Query& query);
  std::string complete(const Query& query);
  /// The answers of earlier requests, by endpoint, settings and the data set's
  /// content hash (so a database changed by another process is read anew),
  /// least recently used dropped first.
  struct Cache {
    std::mutex mutex;
    std::list<std::pair<std::string, std::string>> entries;  ///< key, body; most recent first
    std::map<std::string, std::list<std::pair<std::string, std::string>>::iterator> index;
    std::size_t bytes = 0;
  };
  std::string cache_key(const std::string& endpoint, const Query& query);
  bool cached(const std::string& key, std::string& body);
  void remember(const std::string& key, const std::string& body);
  Session& session_;
  ApiLimits limits_;
  std::atomic<unsigned> jobs_{0};
  std::unique_ptr<ScreenJobs> screen_jobs_;
  std::mutex formulas_mutex_;
  std::shared_ptr<const std::vector<std::string>> formulas_;  ///< sorted reduced formulas, on first completion
  Cache cache_;
};

}  // namespace interphase
