// Index storage, SQLite glue: an owned connection and prepared statements with RAII, and one
// place that turns SQLite result codes into exceptions (IndexBusy for a lock held too long,
// Error for a file that is not an index, std::runtime_error for I/O). Nothing index-specific.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace wiretrace::detail {

/// Throws for result code `rc` of `what` on `db` (with SQLite's own message and the file name).
[[noreturn]] void sqlite_fail(sqlite3* db, int rc, const std::string& what);

class Database {
 public:
  Database() = default;
  /// Opens `path`; read_only does not create. Throws on failure.
  Database(const std::string& path, bool read_only, bool create, unsigned busy_timeout_ms);
  ~Database();
  Database(Database&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) {
    other.db_ = nullptr;
  }
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }
  /// Runs statements that return no rows.
  void exec(const char* sql);
  /// The single value of a one-row, one-column query, as text ("" when NULL).
  std::string query_text(const char* sql);
  std::int64_t query_int(const char* sql);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement() = default;
  Statement(const Database& db, const char* sql);
  ~Statement();
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) { other.stmt_ = nullptr; }
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. Text and blobs are copied (SQLITE_TRANSIENT) unless
  // bound with the _static variants, which must outlive the step.
  void bind(int index, std::int64_t value);
  void bind_double(int index, double value);
  void bind_null(int index);
  /// Empty text binds NULL: optional metadata costs no bytes when absent.
  void bind_text_or_null(int index, std::string_view text);
  void bind_text(int index, std::string_view text);
  void bind_blob_static(int index, std::span<const unsigned char> bytes);

  /// Advances; true when a row is available, false when done. Throws on error.
  bool step();
  /// Makes the statement ready to run again (bindings are kept until rebound).
  void reset();

  // Columns are 0-based, as in SQLite.
  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string_view column_text(int column) const;
  std::span<const unsigned char> column_blob(int column) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

}  // namespace wiretrace::detail
