#pragma once
// Small scanners shared by the date parsers (iso8601.cpp, rfc2822.cpp): each consumes from the
// front of `s` only on success.
#include <string_view>

namespace wiretrace::detail {

inline bool take_char(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

}  // namespace wiretrace::detail
