/// \file lock.cpp
/// The lock file beside a database (see lock.hpp for why flock on a file of
/// its own).
#include "interphase/data/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "interphase/error.hpp"
#include "interphase/quote.hpp"

namespace interphase {

namespace {

/// "30 minutes", "2 s", "250 ms".
std::string describe(std::chrono::milliseconds limit) {
  const auto ms = limit.count();
  if (ms % 60000 == 0) return std::to_string(ms / 60000) + (ms == 60000 ? " minute" : " minutes");
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms) + " ms";
}

/// Whether `fd` is still the file at `path` (its holder removes the file
/// before releasing it: a lock on a removed file locks nothing).
bool still_at(int fd, const std::filesystem::path& path) {
  struct stat held {}, named {};
  if (::fstat(fd, &held) != 0 || ::stat(path.c_str(), &named) != 0) return false;
  return held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

}  // namespace

DatabaseLock::DatabaseLock(const std::filesystem::path& database, DatabaseWork work, const std::string& what,
                           const std::function<void()>& waiting, std::chrono::milliseconds limit)
    : file_(database.string() + (work == DatabaseWork::Building ? ".building.lock" : ".stability.lock")) {
  if (database.empty() || database == ":memory:") return;  // nothing on disk to share
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + limit;
  bool waited = false;
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    fd_ = ::open(file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      spdlog::debug("no lock file '{}' ({}): going on unlocked", file_.string(), std::strerror(errno));
      return;
    }
    for (;;) {  // poll: flock cannot wait with a time limit
      if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) break;
      if (errno == EINTR) continue;
      if (errno != EWOULDBLOCK) {
        spdlog::debug("cannot lock '{}' ({}): going on unlocked", file_.string(), std::strerror(errno));
        ::close(fd_);
        fd_ = -1;
        return;
      }
      if (!waited) {
        waited = true;
        spdlog::debug("waiting for another process {} (database '{}')", what, database.string());
        if (waiting) waiting();
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        ::close(fd_);
        fd_ = -1;
        throw DataError("gave up after " + describe(limit) + " waiting for another process " + what + " (database " +
                        in_quotes(database.string(), 1000) + "; `fuser " + file_.string() +
                        "` names the process that holds its lock)");
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
    if (still_at(fd_, file_)) break;
    ::close(fd_);  // the previous holder removed it on release: lock the file now there
    fd_ = -1;
  }
  if (waited) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    spdlog::debug("waited {:.1f} s for another process {}", elapsed.count(), what);
  }
}

DatabaseLock::~DatabaseLock() {
  if (fd_ < 0) return;
  ::unlink(file_.c_str());  // before the release: a waiter that gets this file's lock then sees it gone
  ::close(fd_);
}

}  // namespace interphase
