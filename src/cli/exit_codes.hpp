// Exit codes scripts can rely on; documented in --help and the README.
#pragma once
#include "wiretrace/error.hpp"

namespace wiretrace::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;   ///< I/O error writing the report, internal error
inline constexpr int exit_usage = 2;     ///< bad flag or value, input path missing or unreadable
inline constexpr int exit_bad_input = 3; ///< --on-error fail met a bad record

/// The exit code of a run that ended with a wiretrace::Error of this kind.
constexpr int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_argument: return exit_usage;
    case ErrorKind::bad_input: return exit_bad_input;
    case ErrorKind::busy:
    case ErrorKind::io: return exit_failure;
  }
  return exit_failure;
}

}  // namespace wiretrace::cli
