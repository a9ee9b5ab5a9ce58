#include "interphase/serve/jobs.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <random>
#include <streambuf>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "interphase/error.hpp"
#include "interphase/report/screen_output.hpp"

namespace interphase {

JobSlot::JobSlot(std::atomic<unsigned>& running, unsigned limit) : running_(running) {
  if (running_.fetch_add(1) >= limit) {
    running_.fetch_sub(1);
    throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again),
                            std::to_string(limit) + " screens, coating searches or Monte Carlo runs are running");
  }
}
JobSlot::~JobSlot() { running_.fetch_sub(1); }

namespace {

/// The job's stops, thrown from the screen's progress callback (between rows).
struct Cancelled {};
struct TimedOut {};

/// A stream buffer that appends every character to a string under a mutex, so
/// that the rows written so far can be read while the screen runs.
class SharedText : public std::streambuf {
 public:
  SharedText(std::mutex& mutex, std::string& text) : mutex_(mutex), text_(text) {}

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      const std::lock_guard lock(mutex_);
      text_.push_back(traits_type::to_char_type(c));
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const std::lock_guard lock(mutex_);
    text_.append(s, static_cast<std::size_t>(n));
    return n;
  }

 private:
  std::mutex& mutex_;
  std::string& text_;
};

std::string new_id() {
  static std::mutex mutex;
  static std::mt19937_64 random{std::random_device{}()};
  const std::lock_guard lock(mutex);
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(random()));
  return buffer;
}

constexpr std::size_t kFinishedKept = 16;

}  // namespace

struct ScreenJobs::Job {
  std::string id;
  std::uint64_t order = 0;
  std::mutex mutex;  ///< guards everything below but `cancel` and `thread`
  std::string text;  ///< JSON Lines of the rows so far
  std::string state = "running", error;
  std::size_t done = 0, total = 0;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now(), end;
  std::atomic<bool> cancel{false};
  std::unique_ptr<JobSlot> slot;
  std::thread thread;

  std::string status() {
    const std::lock_guard lock(mutex);
    const auto until = state == "running" ? std::chrono::steady_clock::now() : end;
    nlohmann::ordered_json j{{"id", id},
                             {"state", state},
                             {"done", done},
                             {"total", total},
                             {"seconds", std::chrono::duration<double>(until - start).count()}};
    if (!error.empty()) j["error"] = error;
    return j.dump() + "\n";
  }
};

ScreenJobs::ScreenJobs(Session& session, std::atomic<unsigned>& running, unsigned max_jobs, double max_seconds)
    : session_(session), running_(running), max_jobs_(max_jobs), max_seconds_(max_seconds) {}

ScreenJobs::~ScreenJobs() {
  const std::lock_guard lock(mutex_);
  for (auto& [id, job] : jobs_) job->cancel = true;
  for (auto& [id, job] : jobs_)
    if (job->thread.joinable()) job->thread.join();
}

std::string ScreenJobs::start(ScreenRequest request) {
  auto job = std::make_shared<Job>();
  job->slot = std::make_unique<JobSlot>(running_, max_jobs_);  // 503 past the limit
  job->id = new_id();
  const std::lock_guard lock(mutex_);
  // Keep the latest finished jobs (their rows can still be read); drop the rest.
  std::vector<std::pair<std::uint64_t, std::string>> finished;
  for (auto& [id, j] : jobs_) {
    const std::lock_guard job_lock(j->mutex);
    if (j->state != "running") finished.emplace_back(j->order, id);
  }
  std::sort(finished.begin(), finished.end());
  for (std::size_t i = 0; i + kFinishedKept < finished.size(); ++i) {
    auto& dropped = jobs_.at(finished[i].second);
    if (dropped->thread.joinable()) dropped->thread.join();
    jobs_.erase(finished[i].second);
  }
  job->order = ++started_;
  jobs_[job->id] = job;
  job->thread = std::thread([this, job, request = std::move(request)]() mutable { run(job, std::move(request)); });
  return job->id;
}

void ScreenJobs::run(const std::shared_ptr<Job>& job, ScreenRequest request) {
  std::string state = "done", error;
  try {
    PreparedScreen prepared = session_.screen(request);
    {
      const std::lock_guard lock(job->mutex);
      job->total = prepared.screen->end_row() - prepared.screen->first_row();
    }
    SharedText buffer(job->mutex, job->text);
    std::ostream out(&buffer);
    const auto progress = [&](std::size_t done, std::size_t total) {
      {
        const std::lock_guard lock(job->mutex);
        job->done = done, job->total = total;
      }
      if (job->cancel) throw Cancelled{};
      if (std::chrono::duration<double>(std::chrono::steady_clock::now() - job->start).count() > max_seconds_) throw TimedOut{};
    };
    if (job->cancel) throw Cancelled{};
    write_screen(prepared, request, ScreenOutput{"json", {}, false}, out, progress);
  } catch (const Cancelled&) {
    state = "cancelled";
  } catch (const TimedOut&) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", max_seconds_);
    state = "timed out";
    error = std::string("the screen ran past the web app's limit of ") + seconds +
            " s per job (the rows so far are kept); run it with `interphase screen`";
  } catch (const std::exception& e) {
    state = "failed";
    error = e.what();
  }
  job->slot.reset();  // the slot is free before the job reads as finished
  const std::lock_guard lock(job->mutex);
  job->state = state;
  job->error = error;
  job->end = std::chrono::steady_clock::now();
}

std::shared_ptr<ScreenJobs::Job> ScreenJobs::find(const std::string& id) {
  const std::lock_guard lock(mutex_);
  const auto it = jobs_.find(id);
  return it == jobs_.end() ? nullptr : it->second;
}

std::optional<std::string> ScreenJobs::status(const std::string& id) {
  const auto job = find(id);
  if (!job) return std::nullopt;
  return job->status();
}

std::optional<std::string> ScreenJobs::rows(const std::string& id) {
  const auto job = find(id);
  if (!job) return std::nullopt;
  const std::lock_guard lock(job->mutex);
  return job->text.substr(0, job->text.rfind('\n') + 1);  // whole lines only (npos + 1 is 0)
}

std::optional<std::string> ScreenJobs::cancel(const std::string& id) {
  const auto job = find(id);
  if (!job) return std::nullopt;
  job->cancel = true;
  return job->status();
}

}  // namespace interphase
