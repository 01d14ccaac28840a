// Errors: one exception type for everything a caller must handle, with a kind that says what
// went wrong (and the CLI maps to its exit code). Bad records inside inputs are not errors: they
// are data (see RejectedInput in document.hpp), unless the caller asked to stop at the first.
#pragma once
#include <stdexcept>
#include <string>

namespace wiretrace {

enum class ErrorKind {
  invalid_argument,  ///< the caller asked for something impossible: a parameter out of range, a
                     ///< path that does not exist, a file that is not an index, mixed stamps
  bad_input,         ///< a bad record under fail_on_error (BadInput)
  busy,              ///< another process holds the index's lock (IndexBusy)
  io,                ///< reading or writing failed underneath (disk, database)
};

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, ErrorKind kind = ErrorKind::invalid_argument)
      : std::runtime_error(what), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

/// Thrown under IngestOptions::fail_on_error at the first rejected record; what() is
/// "FILE[:LINE]: reason", exactly the RejectedInput it would otherwise have listed.
class BadInput : public Error {
 public:
  explicit BadInput(const std::string& what) : Error(what, ErrorKind::bad_input) {}
};

/// Thrown when another process holds an index's write lock for longer than the busy timeout.
class IndexBusy : public Error {
 public:
  explicit IndexBusy(const std::string& what) : Error(what, ErrorKind::busy) {}
};

}  // namespace wiretrace
