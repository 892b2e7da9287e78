// Internal to the sweep store: a prepared SQLite statement and a checked exec (RAII, throwing).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "sim/config.h"

namespace regsim::experiments::sqlite {

/// "results.sqlite: " naming the database file of an error (with the OS reason for I/O errors).
inline std::string sqlite_where(sqlite3* db) {
  const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  std::string out = file != nullptr && *file != '\0' ? std::string(file) : std::string("sqlite");
  const int os_error = db != nullptr ? sqlite3_system_errno(db) : 0;
  const int code = db != nullptr ? sqlite3_extended_errcode(db) : 0;
  if (os_error != 0 && (code & 0xff) == SQLITE_IOERR)
    out += ": " + std::string(std::strerror(os_error));
  return out + ": ";
}

/// A prepared statement, finalized on scope exit.
class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(sqlite_where(db) + sqlite3_errmsg(db) +
                               " in: " + sql.substr(0, 200));
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  void bind(int i, const sim::ScalarValue& v) {
    if (const auto* b = std::get_if<bool>(&v)) return bind(i, std::int64_t{*b ? 1 : 0});
    if (const auto* n = std::get_if<std::int64_t>(&v)) return bind(i, *n);
    if (const auto* d = std::get_if<double>(&v)) return bind(i, *d);
    bind(i, std::get<std::string>(v));
  }
  void bind(int i, std::int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }
  void bind(int i, double v) { check(sqlite3_bind_double(stmt_, i, v)); }
  void bind(int i, const std::string& v) {
    check(sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void bind_null(int i) { check(sqlite3_bind_null(stmt_, i)); }
  /// Steps once; true while rows come back.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(sqlite_where(db_) + sqlite3_errmsg(db_));
  }
  void run() {
    step();
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int type(int col) const { return sqlite3_column_type(stmt_, col); }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw std::runtime_error(sqlite_where(db_) + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

inline void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err != nullptr ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error(sqlite_where(db) + msg + " in: " + sql.substr(0, 200));
  }
}

}  // namespace regsim::experiments::sqlite
