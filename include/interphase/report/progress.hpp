#pragma once
/// \file progress.hpp
/// What a front end shows on stderr while a request runs: each stage logged
/// at debug level, a status line on a terminal for requests over 2 s, a
/// screen's progress, and the session's notices (waiting for another process
/// building the database, computing or waiting for the stored stability),
/// worded once for every front end.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "interphase/session/session.hpp"

namespace interphase {

/// Whether stderr is a terminal (where status lines are rewritten in place).
bool stderr_is_terminal();

/// Flushes std::cout: OutputError "cannot write the output: <reason>" and
/// `consequence` if what was written did not all reach its destination (a full
/// disk, a closed pipe); what is left in the buffer is then discarded.
void flush_stdout(const std::string& consequence = "");

/// The stages of one request (open the database, load, compute, write). Each
/// stage is logged at debug level as it starts and ends, with its time. Once
/// shown, on a terminal, a request that has run for 2 s shows its current
/// stage and the time so far on stderr: one line, rewritten in place twice a
/// second and erased before anything else is printed and when the request ends.
class StatusLine {
 public:
  /// The process's one status line (stderr has one last line).
  static StatusLine& instance();

  /// Show the status line (call once, only when stderr is a terminal).
  void show();
  /// The request enters a new stage.
  void stage(std::string what);
  /// Erase the status line if it is shown (before other output to stderr).
  void clear();
  /// While held (RAII), the status line stays away: another message is being written in parts.
  struct Hold {
    Hold() { StatusLine::instance().set_held(true); }
    ~Hold() { StatusLine::instance().set_held(false); }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;
  };
  /// The request is over: stop the status line and log the last stage.
  void finish();
  ~StatusLine();

 private:
  StatusLine();
  double elapsed() const;
  void set_held(bool held);
  void erase();  // with mutex_ held
  void tick();
  void stop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread ticker_;
  std::chrono::steady_clock::time_point start_;
  std::string current_;
  double stage_start_ = 0;
  bool stop_ = false, held_ = false, shown_ = false;
};

/// The progress of a long screen on stderr (a callback for Screen::run): on a
/// terminal, a line rewritten in place once the run has taken 2 s ("  120 /
/// 480 rows  57 rows/s  0:06 left"), ended by a newline at the last row (or
/// when the object goes before it); otherwise, if `tenths`, a line per 10% of
/// the rows. Nothing if `quiet`.
class ScreenProgressLine {
 public:
  ScreenProgressLine(bool quiet, bool tenths);
  ~ScreenProgressLine();
  ScreenProgressLine(const ScreenProgressLine&) = delete;
  ScreenProgressLine& operator=(const ScreenProgressLine&) = delete;
  void operator()(std::size_t done, std::size_t total);

 private:
  bool terminal_, tenths_, shown_ = false;
  std::size_t last_tenth_ = 0;
  double last_print_ = -1;
  std::chrono::steady_clock::time_point start_;
};

/// The session's notices as text, e.g. "interphase: computing the stability
/// of the 4 entries of data set 'mine' (once; stored in the database) ...",
/// ended by " done in 2.1 s" when the computation ends. Each piece goes to
/// `write` (default: stderr) as soon as it is known; while a notice's line is
/// open the status line stays away, and each stage goes to the status line.
/// Safe to share between sessions on several threads.
class NoticeWriter : public SessionObserver {
 public:
  using Write = std::function<void(const std::string& text)>;
  explicit NoticeWriter(Write write = {});

  void stage(const std::string& what) override;
  void opening_database(const std::filesystem::path& path, bool exists) override;
  void database_waiting(const std::filesystem::path& path) override;
  void stability_started(const DatasetInfo& dataset) override;
  void stability_waiting(const DatasetInfo& dataset) override;
  void stability_finished(const DatasetInfo& dataset, double seconds, bool ok) override;

 private:
  void open_line(const std::string& text, bool end_open_line);
  Write write_;
  std::mutex mutex_;
  std::optional<StatusLine::Hold> hold_;
  bool line_open_ = false;  ///< a notice awaits its " done in ..." ending
};

/// Log (spdlog, logger "interphase") to stderr as "interphase: warning: ...",
/// with -v (`verbose`) at debug level with clock times; log lines erase the
/// status line first. Replaces an earlier "interphase" logger.
void log_to_stderr(bool verbose);

}  // namespace interphase
