#include "progress.hpp"

#include <cstdio>
#include <iostream>
#include <memory>

#include <spdlog/spdlog.h>
#include <spdlog/sinks/ansicolor_sink.h>

#include "interphase/quote.hpp"
#include "interphase/report/table.hpp"

namespace interphase::cli {

Progress& Progress::instance() {
  static Progress progress;
  return progress;
}

Progress::Progress() : start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { stop(); }

double Progress::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::show_status_line() {
  if (ticker_.joinable()) return;
  ticker_ = std::thread([this] { tick(); });
}

void Progress::stage(std::string what) {
  std::string done;
  double took = 0;
  {
    const std::lock_guard lock(mutex_);
    const double now = elapsed();
    done = std::exchange(current_, what);
    took = now - stage_start_;
    stage_start_ = now;
  }
  if (!done.empty()) spdlog::debug("{}: done in {:.2f} s", done, took);
  spdlog::debug("{} ...", what);
}

void Progress::clear() {
  const std::lock_guard lock(mutex_);
  erase();
}

void Progress::stop() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void Progress::finish() {
  stop();
  clear();
  std::string last;
  double took = 0, total = 0;
  {
    const std::lock_guard lock(mutex_);
    last = std::exchange(current_, std::string());
    total = elapsed();
    took = total - stage_start_;
  }
  if (!last.empty()) spdlog::debug("{}: done in {:.2f} s ({:.2f} s in all)", last, took, total);
}

void Progress::set_held(bool held) {
  const std::lock_guard lock(mutex_);
  erase();
  held_ = held;
}

void Progress::erase() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

void Progress::tick() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stop_; })) {
    const double now = elapsed();
    if (now < 2.0 || held_ || current_.empty()) continue;
    std::fprintf(stderr, "\r  %s ... %.0f s\x1b[K", printable(current_, 100).c_str(), now);
    std::fflush(stderr);
    shown_ = true;
  }
}

void ProgramObserver::stage(const std::string& what) {
  hold_.reset();  // a first run's build notice is over once the next stage starts
  cli::stage(what);
}

void ProgramObserver::opening_database(const std::filesystem::path&, bool exists) {
  // A first run says itself that it builds the database: no status line over it.
  if (!exists) hold_.emplace();
}

void ProgramObserver::database_waiting(const std::filesystem::path& path) {
  const Progress::Hold hold;
  std::cerr << "interphase: waiting for another process building database " << path.string() << " ..." << std::endl;
}

void ProgramObserver::stability_started(const DatasetInfo& dataset) {
  if (line_open_) std::cerr << "\n";  // the wait for another process ended without its result
  line_open_ = true;
  hold_.emplace();
  std::cerr << "interphase: computing the stability of the " << dataset.n_entries << " entries of data set '"
            << dataset.name << "' (once; stored in the database) ..." << std::flush;
}

void ProgramObserver::stability_waiting(const DatasetInfo& dataset) {
  line_open_ = true;
  hold_.emplace();
  std::cerr << "interphase: waiting for another process computing the stability of data set '" << dataset.name
            << "' ..." << std::flush;
}

void ProgramObserver::stability_finished(const DatasetInfo&, double seconds, bool ok) {
  if (ok) std::cerr << " done in " << fixed(seconds, 1) << " s" << std::endl;
  else std::cerr << " failed" << std::endl;
  line_open_ = false;
  hold_.reset();
}

namespace {

/// Log lines erase the status line first (see Progress).
class StatusAwareSink : public spdlog::sinks::ansicolor_stderr_sink_mt {
 public:
  void log(const spdlog::details::log_msg& message) override {
    Progress::instance().clear();
    spdlog::sinks::ansicolor_stderr_sink_mt::log(message);
  }
};

}  // namespace

void set_up_logging(bool verbose) {
  auto logger = std::make_shared<spdlog::logger>("interphase", std::make_shared<StatusAwareSink>());
  spdlog::register_logger(logger);
  logger->set_pattern(verbose ? "interphase: %l [%H:%M:%S.%e]: %v" : "interphase: %l: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
}

}  // namespace interphase::cli
