// What the fuzz targets share: a check that names the broken invariant and aborts (libFuzzer then
// saves the input as crash-<sha1> under -artifact_prefix), and a printable form of the input.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace wiretrace::fuzz {

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

[[noreturn]] inline void fail(const char* file, int line, const char* condition,
                              const std::string& detail) {
  std::fprintf(stderr, "\nfuzz invariant broken at %s:%d: %s\n  %s\n", file, line, condition,
               detail.c_str());
  std::abort();
}

}  // namespace wiretrace::fuzz

/// Aborts with `detail` (a std::string expression, evaluated only on failure) unless `condition`.
#define FUZZ_CHECK(condition, detail)                                                \
  do {                                                                               \
    if (!(condition)) ::wiretrace::fuzz::fail(__FILE__, __LINE__, #condition, (detail)); \
  } while (false)
