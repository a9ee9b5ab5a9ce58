#pragma once
/// \file lock.hpp
/// Work on a database that only one process at a time should do (building it
/// from a data file, computing its stored stability): an exclusive lock on a
/// file beside the database, which other processes and threads wait for.
///
/// Why a lock file and not SQLite's own write lock: SQLite's lock is waited
/// for by polling with one busy timeout for every statement of a connection,
/// and a waiter cannot tell another process's long computation from any other
/// writer, so it can neither wait long for the one nor say what it waits for.
/// The lock is flock(2) on a file beside the database, one file per kind of
/// work (DatabaseWork) so that a waiter knows what it waits for. flock is
/// released by the kernel when its holder dies (never stale) and is held per
/// open file, so threads of one process exclude each other too (fcntl locks
/// are per process, and closing any descriptor of the file drops them all).
/// The database file itself is never locked this way: a second descriptor of
/// it would drop SQLite's own fcntl locks when closed.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

namespace interphase {

/// How long a process waits for another's work on the same database before it
/// gives up: for work under a lock below, and for a write for the write under
/// way (an import, an added or removed entry, stored stability: one rule). Far beyond any such work seen: the default data builds the
/// database in about 1 s and computes its stability in about 2 s; eight copies
/// of it (1,062,016 rows) took 19 s and 49 s on 2 busy cores. So only a holder
/// that is stuck (stopped, or on a hung network file system) makes a waiter fail.
inline constexpr std::chrono::minutes kDatabaseWaitLimit{30};

/// The kinds of work on a database that one process at a time does, each with
/// a lock of its own.
enum class DatabaseWork {
  Building,   ///< building a new database from a data file (`<database>.building.lock`)
  Stability,  ///< computing or updating stored stability (`<database>.stability.lock`)
};

/// An exclusive lock on `<database>.<work>.lock`, held from construction to
/// destruction. The file is created when locked and removed before it is
/// released, so no file stays beside the database after a clean exit (one left
/// by a killed process is simply locked and removed by the next holder).
class DatabaseLock {
 public:
  /// Take the lock of `work` on the database at `database`. If another process or
  /// thread holds it, call `waiting` (if set) once, then wait for it, at most
  /// `limit`: after that a DataError names the database and `what` the holder
  /// does ("computing the stability of data set 'x'").
  DatabaseLock(const std::filesystem::path& database, DatabaseWork work, const std::string& what,
               const std::function<void()>& waiting = {}, std::chrono::milliseconds limit = kDatabaseWaitLimit);
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

  /// Whether the lock is held. Not where the lock file cannot be created or
  /// locked (a read-only directory, a file system without locks): the work then
  /// goes on unlocked, as safe as before (SQLite keeps the database consistent;
  /// at worst two processes do the same work).
  bool held() const { return fd_ >= 0; }
  /// The lock file.
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  int fd_ = -1;
};

}  // namespace interphase
