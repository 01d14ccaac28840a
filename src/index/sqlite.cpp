#include "index/sqlite.hpp"

#include <sqlite3.h>

#include "wiretrace/error.hpp"
#include "wiretrace/index.hpp"

namespace wiretrace::detail {

void sqlite_fail(sqlite3* db, int rc, const std::string& what) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  const std::string name = file && *file ? file : "index";
  const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    throw IndexBusy(name + " is locked by another process (" + what + ": " + message + ")");
  if (primary == SQLITE_NOTADB)
    throw Error(name + " is not a wiretrace index (not an SQLite database)");
  if (primary == SQLITE_CANTOPEN) throw Error(name + ": cannot open (" + message + ")");
  throw Error(name + ": " + what + ": " + message, ErrorKind::io);
}

Database::Database(const std::string& path, bool read_only, bool create, unsigned busy_timeout_ms)
    : path_(path) {
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  // NOMUTEX: one connection per thread is the contract of Index.
  flags |= SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(path + ": cannot open the index (" + message + ")");
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout_ms));
}

Database::~Database() { sqlite3_close_v2(db_); }

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = other.db_;
    path_ = std::move(other.path_);
    other.db_ = nullptr;
  }
  return *this;
}

void Database::exec(const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    sqlite3_free(error);
    sqlite_fail(db_, rc, sql);
  }
}

std::string Database::query_text(const char* sql) {
  Statement s(*this, sql);
  if (!s.step() || s.is_null(0)) return {};
  return std::string(s.column_text(0));
}

std::int64_t Database::query_int(const char* sql) {
  Statement s(*this, sql);
  return s.step() ? s.column_int(0) : 0;
}

Statement::Statement(const Database& db, const char* sql) : db_(db.get()) {
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) sqlite_fail(db_, rc, std::string("preparing ") + sql);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    other.stmt_ = nullptr;
  }
  return *this;
}

namespace {
void check_bind(sqlite3* db, int rc) {
  if (rc != SQLITE_OK) sqlite_fail(db, rc, "binding a value");
}
}  // namespace

void Statement::bind(int index, std::int64_t value) {
  check_bind(db_, sqlite3_bind_int64(stmt_, index, value));
}
void Statement::bind_double(int index, double value) {
  check_bind(db_, sqlite3_bind_double(stmt_, index, value));
}
void Statement::bind_null(int index) { check_bind(db_, sqlite3_bind_null(stmt_, index)); }
void Statement::bind_text(int index, std::string_view text) {
  check_bind(db_, sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                      SQLITE_UTF8));
}
void Statement::bind_text_or_null(int index, std::string_view text) {
  if (text.empty()) bind_null(index);
  else bind_text(index, text);
}
void Statement::bind_blob_static(int index, std::span<const unsigned char> bytes) {
  // A zero-length blob is still a blob (not NULL): a pointer is needed for that.
  static const unsigned char none = 0;
  check_bind(db_, sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &none : bytes.data(),
                                      bytes.size(), SQLITE_STATIC));
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "a statement";
  sqlite3_reset(stmt_);
  sqlite_fail(db_, rc, sql);
}

void Statement::reset() {
  sqlite3_reset(stmt_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Statement::column_int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::column_double(int column) const { return sqlite3_column_double(stmt_, column); }
std::string_view Statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string_view();
}
std::span<const unsigned char> Statement::column_blob(int column) const {
  const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, column));
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  return data ? std::span<const unsigned char>(data, size) : std::span<const unsigned char>();
}

}  // namespace wiretrace::detail
