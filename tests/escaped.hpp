// Failing inputs of the tests and fuzz targets are full of control characters and broken UTF-8;
// messages show them as C escapes. No test framework here: the fuzz targets include it too.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

namespace wiretrace::test {

/// `s` with control bytes, bytes >= 0x7f and '\\' written as \xNN, cut after `limit` bytes.
inline std::string escaped(std::string_view s, std::size_t limit = 400) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < limit; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  if (s.size() > limit) out += "...";
  return out;
}

}  // namespace wiretrace::test
