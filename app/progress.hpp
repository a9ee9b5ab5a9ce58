#pragma once
/// \file progress.hpp
/// What the program shows on stderr while a command runs: each stage logged
/// with -v, a status line on a terminal for commands over 2 s, and the
/// session's notices (building the database, computing or waiting for the
/// stored stability).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "interphase/session/session.hpp"

namespace interphase::cli {

/// The stages of one command (open the database, load, compute, write). With
/// -v each stage is logged as it starts and ends, with its time. On a
/// terminal, a command that has run for 2 s shows its current stage and the
/// time so far on stderr: one line, rewritten in place twice a second and
/// erased before anything else is printed and when the command ends.
class Progress {
 public:
  static Progress& instance();

  /// Show the status line (call once, only when stderr is a terminal).
  void show_status_line();
  /// The command enters a new stage.
  void stage(std::string what);
  /// Erase the status line if it is shown (before other output to stderr).
  void clear();
  /// While held (RAII), the status line stays away: another message is being written in parts.
  struct Hold {
    Hold() { Progress::instance().set_held(true); }
    ~Hold() { Progress::instance().set_held(false); }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;
  };
  /// The command is over: stop the status line and log the last stage.
  void finish();
  ~Progress();

 private:
  Progress();
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

/// Enter a new stage of the command (see Progress).
inline void stage(std::string what) { Progress::instance().stage(std::move(what)); }

/// The session's notices, as the program shows them on stderr.
class ProgramObserver : public SessionObserver {
 public:
  void stage(const std::string& what) override;
  void opening_database(const std::filesystem::path& path, bool exists) override;
  void database_waiting(const std::filesystem::path& path) override;
  void stability_started(const DatasetInfo& dataset) override;
  void stability_waiting(const DatasetInfo& dataset) override;
  void stability_finished(const DatasetInfo& dataset, double seconds, bool ok) override;

 private:
  std::optional<Progress::Hold> hold_;
  bool line_open_ = false;  ///< a notice on stderr awaits its " done in ..." ending
};

/// Route spdlog to stderr through the status line (log lines erase it first).
void set_up_logging(bool verbose);

}  // namespace interphase::cli
