// Exit codes scripts can rely on; documented in --help and the README.
#pragma once

namespace wiretrace::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;   ///< I/O error writing the report, internal error
inline constexpr int exit_usage = 2;     ///< bad flag or value, input path missing or unreadable
inline constexpr int exit_bad_input = 3; ///< --on-error fail met a bad record

}  // namespace wiretrace::cli
