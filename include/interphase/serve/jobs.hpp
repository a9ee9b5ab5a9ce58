#pragma once
/// \file jobs.hpp
/// Screens run as server-side jobs: started by POST /api/screen/jobs (an id
/// comes back at once), followed by GET (progress, then the rows), stopped by
/// DELETE. Each job runs on its own thread and holds one of the server's job
/// slots (JobSlot) while it runs, so screens, coating searches and Monte
/// Carlo runs together stay within ApiLimits::max_jobs; a job past
/// ApiLimits::job_seconds stops as "timed out". The rows are the program's
/// `screen --format json` lines, the same text /api/screen answers.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "interphase/session/session.hpp"

namespace interphase {

/// One heavy request (screen, coat, Monte Carlo, a screen job) while it runs:
/// std::system_error with resource_unavailable_try_again (HTTP 503) past `limit`.
class JobSlot {
 public:
  JobSlot(std::atomic<unsigned>& running, unsigned limit);
  ~JobSlot();
  JobSlot(const JobSlot&) = delete;
  JobSlot& operator=(const JobSlot&) = delete;

 private:
  std::atomic<unsigned>& running_;
};

class ScreenJobs {
 public:
  /// `running` counts the server's heavy requests (shared with the other endpoints).
  ScreenJobs(Session& session, std::atomic<unsigned>& running, unsigned max_jobs, double max_seconds);
  /// Cancels every job still running and waits for it.
  ~ScreenJobs();
  ScreenJobs(const ScreenJobs&) = delete;
  ScreenJobs& operator=(const ScreenJobs&) = delete;

  /// Start `request` (already checked against the limits); its id (16 hex
  /// digits). 503 (std::system_error) when max_jobs heavy requests run.
  std::string start(ScreenRequest request);
  /// {"id", "state" (running, done, cancelled, timed out, failed), "done",
  /// "total" (rows), "seconds", and "error" when it failed or timed out};
  /// none for an id there is not (or no longer: the 16 latest finished jobs are kept).
  std::optional<std::string> status(const std::string& id);
  /// The JSON Lines of the rows computed so far (all of them once done).
  std::optional<std::string> rows(const std::string& id);
  /// Ask a running job to stop (after the row it is computing); its status.
  std::optional<std::string> cancel(const std::string& id);

 private:
  struct Job;
  std::shared_ptr<Job> find(const std::string& id);
  void run(const std::shared_ptr<Job>& job, ScreenRequest request);
  Session& session_;
  std::atomic<unsigned>& running_;
  unsigned max_jobs_;
  double max_seconds_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::uint64_t started_ = 0;  ///< jobs started, for the order in which finished ones are dropped
};

}  // namespace interphase
