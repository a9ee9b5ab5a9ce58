#pragma once
/// \file sqlite.hpp
/// Small RAII helpers over SQLite's C API shared by the files of src/data
/// (not part of the public API).
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "interphase/data/lock.hpp"
#include "interphase/error.hpp"

namespace interphase::data::detail {

/// How long a statement waits for another connection's lock (with WAL only a
/// checkpoint or a change of journal mode makes a reader wait).
constexpr int kBusyTimeoutMs = 10000;
/// How long a write waits for the process writing now: every write (an
/// import, an added or removed entry, stored stability, a new schema) waits
/// alike, as long as other work on the database (kDatabaseWaitLimit).
constexpr int kWriteWaitMs = static_cast<int>(std::chrono::milliseconds(kDatabaseWaitLimit).count());

/// Why the database file at `file` cannot be written where it lies (a
/// read-only file system, a read-only file, a directory where SQLite cannot
/// create its journal), or "" if it can (database.cpp).
std::string read_only_reason(const std::string& file);
/// Open the database file at `path` read-only, as sqlite3_open_v2 does (the
/// connection in *db, to close even on failure); in a directory SQLite cannot
/// write, a file without a -wal beside it is opened as immutable (database.cpp).
int open_read_only(const std::filesystem::path& path, sqlite3** db);

/// The database file of a connection ("" for an in-memory one).
inline std::string database_file(sqlite3* db) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  return file ? file : "";
}

/// SQLite's message for `code`, with what to do when the file is damaged.
inline std::string sqlite_problem(sqlite3* db, int code, const std::string& message) {
  const int primary = code & 0xFF;
  if (primary != SQLITE_CORRUPT && primary != SQLITE_NOTADB) return message;
  return message + " (`interphase db check --db " + database_file(db) + "` tells what is wrong)";
}

/// `context`, naming the database file unless it does already.
inline std::string with_database(sqlite3* db, const std::string& context) {
  const std::string file = database_file(db);
  if (file.empty() || context.find(file) != std::string::npos) return context;
  return context + " (database '" + file + "')";
}

/// DataError "context (database 'file'): SQLite's message".
[[noreturn]] inline void throw_sqlite(sqlite3* db, const std::string& context) {
  throw DataError(with_database(db, context) + ": " + sqlite_problem(db, sqlite3_extended_errcode(db), sqlite3_errmsg(db)));
}

/// Run SQL without results (possibly several statements).
inline void exec(sqlite3* db, const char* sql, const std::string& context) {
  char* message = nullptr;
  if (const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message); rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    if ((rc & 0xFF) == SQLITE_BUSY) {
      text = "another process has held its write lock for too long (" + text + "); try again when it has finished";
    }
    throw DataError(with_database(db, context) + ": " + sqlite_problem(db, rc, text));
  }
}

/// A prepared statement, finalized on destruction.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
      throw_sqlite(db, "cannot prepare '" + std::string(sql) + "'");
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value) { return check(sqlite3_bind_int64(stmt_, index, value)); }
  Statement& bind(int index, double value) { return check(sqlite3_bind_double(stmt_, index, value)); }
  /// A number, or NULL for none.
  Statement& bind(int index, std::optional<double> value) {
    return value ? bind(index, *value) : check(sqlite3_bind_null(stmt_, index));
  }
  Statement& bind(int index, std::string_view value) {
    return check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
  }

  /// Advance; true while a row is available.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sqlite(db_, "cannot read or write the database");
  }
  /// Make the statement reusable (bindings are kept).
  void reset() { sqlite3_reset(stmt_); }
  /// Run a statement that returns no rows, then make it reusable.
  void run() {
    step();
    sqlite3_reset(stmt_);
  }

  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  /// A number, or none for NULL.
  std::optional<double> optional_real(int column) const {
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
    return real(column);
  }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;

  Statement& check(int rc) {
    if (rc != SQLITE_OK) throw_sqlite(db_, "cannot bind a parameter");
    return *this;
  }
};

/// DataError "context (database 'file'): the database is read-only here (why) ..."
/// if the connection is read-only (the file cannot be written where it lies).
inline void require_writable(sqlite3* db, const std::string& context) {
  if (sqlite3_db_readonly(db, "main") != 1) return;
  const std::string why = read_only_reason(database_file(db));
  throw DataError(with_database(db, context) + ": the database is read-only here (" +
                  (why.empty() ? std::string("it cannot be written") : why) +
                  "), and this needs to write to it; commands that only read it work, or use a copy in a "
                  "writable place");
}

/// A write transaction, rolled back unless committed. Outside a transaction it
/// is one (BEGIN IMMEDIATE: the write lock at once); inside another it is a
/// savepoint of that one, so a call that writes can be part of a larger change.
class Transaction {
 public:
  explicit Transaction(sqlite3* db, const std::string& context = "cannot start a transaction")
      : db_(db), nested_(sqlite3_get_autocommit(db) == 0) {
    if (nested_) {
      exec(db_, "SAVEPOINT interphase_write", context);
      return;
    }
    require_writable(db_, context);
    sqlite3_busy_timeout(db_, kWriteWaitMs);  // wait for the writer of the moment, however long it writes
    try {
      exec(db_, "BEGIN IMMEDIATE", context);
    } catch (...) {
      sqlite3_busy_timeout(db_, kBusyTimeoutMs);
      throw;
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  }
  ~Transaction() {
    if (committed_) return;
    if (nested_) {
      sqlite3_exec(db_, "ROLLBACK TO interphase_write; RELEASE interphase_write", nullptr, nullptr, nullptr);
    } else {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit() {
    exec(db_, nested_ ? "RELEASE interphase_write" : "COMMIT", "cannot commit");
    committed_ = true;
  }

 private:
  sqlite3* db_;
  bool nested_;
  bool committed_ = false;
};

}  // namespace interphase::data::detail
