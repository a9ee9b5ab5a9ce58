#pragma once
/// \file sqlite.hpp
/// Small RAII helpers over SQLite's C API shared by the files of src/data
/// (not part of the public API).
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "interphase/error.hpp"

namespace interphase::data::detail {

[[noreturn]] inline void throw_sqlite(sqlite3* db, const std::string& context) {
  throw DataError(context + ": " + sqlite3_errmsg(db));
}

/// Run SQL without results (possibly several statements).
inline void exec(sqlite3* db, const char* sql, const std::string& context) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    throw DataError(context + ": " + text);
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
  Statement& bind(int index, std::string_view value) {
    return check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
  }

  /// Advance; true while a row is available.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sqlite(db_, "database error");
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

/// A write transaction, rolled back unless committed. Outside a transaction it
/// is one (BEGIN IMMEDIATE: the write lock at once); inside another it is a
/// savepoint of that one, so a call that writes can be part of a larger change.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db), nested_(sqlite3_get_autocommit(db) == 0) {
    exec(db_, nested_ ? "SAVEPOINT interphase_write" : "BEGIN IMMEDIATE", "cannot start a transaction");
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
