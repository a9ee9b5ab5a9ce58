#include "interphase/report/progress.hpp"

#include "interphase/tolerances.hpp"

#include <stdio_ext.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>

#include <spdlog/spdlog.h>
#include <spdlog/sinks/ansicolor_sink.h>

#include "interphase/error.hpp"
#include "interphase/quote.hpp"
#include "interphase/report/table.hpp"

namespace interphase {

void flush_stdout(const std::string& consequence) {
  if (std::cout.good()) errno = 0;  // else errno still says why a write failed
  std::cout.flush();
  if (std::cout.good() && std::fflush(stdout) == 0) return;
  const int error = errno;
  __fpurge(stdout);
  std::clearerr(stdout);
  std::cout.clear();
  throw OutputError(std::string("cannot write the output") + (error ? std::string(": ") + std::strerror(error) : "") +
                    consequence);
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO); }

// -------------------------------------------------------------- status line

StatusLine& StatusLine::instance() {
  static StatusLine line;
  return line;
}

StatusLine::StatusLine() : start_(std::chrono::steady_clock::now()) {}

StatusLine::~StatusLine() { stop(); }

double StatusLine::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void StatusLine::show() {
  if (ticker_.joinable()) return;
  ticker_ = std::thread([this] { tick(); });
}

void StatusLine::stage(std::string what) {
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

void StatusLine::clear() {
  const std::lock_guard lock(mutex_);
  erase();
}

void StatusLine::stop() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

void StatusLine::finish() {
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

void StatusLine::set_held(bool held) {
  const std::lock_guard lock(mutex_);
  erase();
  held_ = held;
}

void StatusLine::erase() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

void StatusLine::tick() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stop_; })) {
    const double now = elapsed();
    if (now < 2.0 || held_ || current_.empty()) continue;
    std::fprintf(stderr, "\r  %s ... %.0f s\x1b[K", printable(current_, 100).c_str(), now);
    std::fflush(stderr);
    shown_ = true;
  }
}

// ---------------------------------------------------------- screen progress

ScreenProgressLine::ScreenProgressLine(bool quiet, bool tenths)
    : terminal_(!quiet && stderr_is_terminal()), tenths_(!quiet && !terminal_ && tenths),
      start_(std::chrono::steady_clock::now()) {}

ScreenProgressLine::~ScreenProgressLine() {
  if (shown_) std::cerr << "\n";
}

void ScreenProgressLine::operator()(std::size_t done, std::size_t total) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (tenths_ && total > 0) {
    const std::size_t tenth = done * 10 / total;
    if (tenth > last_tenth_) {
      last_tenth_ = tenth;
      std::cerr << "interphase: screen " << tenth * 10 << "%: " << done << " of " << total << " rows in "
                << fixed(elapsed, 1) << " s\n";
    }
  }
  if (!terminal_ || elapsed < 2.0 || (elapsed - last_print_ < 0.2 && done != total)) return;
  last_print_ = elapsed;
  const double rate = done / std::max(elapsed, tol::kLeastElapsed);
  const long left = static_cast<long>(rate > 0 ? (total - done) / rate : 0);
  std::cerr << "\r  " << done << " / " << total << " rows  " << fixed(rate, 0) << " rows/s  " << left / 60 << ":"
            << (left % 60 < 10 ? "0" : "") << left % 60 << " left   " << (done == total ? "\n" : "") << std::flush;
  shown_ = done != total;  // the last row ends the line
}

// ------------------------------------------------------------------ notices

NoticeWriter::NoticeWriter(Write write) : write_(std::move(write)) {
  if (!write_) write_ = [](const std::string& text) { std::cerr << text << std::flush; };
}

void NoticeWriter::stage(const std::string& what) {
  {
    const std::lock_guard lock(mutex_);
    hold_.reset();  // a first run's build notice is over once the next stage starts
  }
  StatusLine::instance().stage(what);
}

void NoticeWriter::opening_database(const std::filesystem::path&, bool exists) {
  // A first run says itself that it builds the database: no status line over it.
  const std::lock_guard lock(mutex_);
  if (!exists) hold_.emplace();
}

void NoticeWriter::database_waiting(const std::filesystem::path& path) {
  const StatusLine::Hold hold;
  write_("interphase: waiting for another process building database " + path.string() + " ...\n");
}

void NoticeWriter::stability_started(const DatasetInfo& dataset) {
  open_line("interphase: computing the stability of the " + std::to_string(dataset.n_entries) + " entries of data set '" +
                dataset.name + "' (once; stored in the database) ...",
            true);
}

void NoticeWriter::stability_waiting(const DatasetInfo& dataset) {
  open_line("interphase: waiting for another process computing the stability of data set '" + dataset.name + "' ...",
            false);
}

void NoticeWriter::stability_finished(const DatasetInfo&, double seconds, bool ok) {
  {
    const std::lock_guard lock(mutex_);
    line_open_ = false;
  }
  write_(ok ? " done in " + fixed(seconds, 1) + " s\n" : std::string(" failed\n"));
  const std::lock_guard lock(mutex_);
  hold_.reset();
}

void NoticeWriter::open_line(const std::string& text, bool end_open_line) {
  std::string out;
  {
    const std::lock_guard lock(mutex_);
    // A line still open: the wait for another process ended without its result.
    out = (end_open_line && line_open_ ? "\n" : "") + text;
    line_open_ = true;
    hold_.emplace();
  }
  write_(out);  // outside the lock: `write` may wait (for Python's GIL)
}

// ------------------------------------------------------------------ logging

namespace {

/// Log lines erase the status line first (see StatusLine).
class StatusAwareSink : public spdlog::sinks::ansicolor_stderr_sink_mt {
 public:
  void log(const spdlog::details::log_msg& message) override {
    StatusLine::instance().clear();
    spdlog::sinks::ansicolor_stderr_sink_mt::log(message);
  }
};

}  // namespace

void log_to_stderr(bool verbose) {
  auto logger = std::make_shared<spdlog::logger>("interphase", std::make_shared<StatusAwareSink>());
  spdlog::drop("interphase");
  spdlog::register_logger(logger);
  logger->set_pattern(verbose ? "interphase: %l [%H:%M:%S.%e]: %v" : "interphase: %l: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
}

}  // namespace interphase
