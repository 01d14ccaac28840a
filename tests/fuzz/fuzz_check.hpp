// What the fuzz targets share: a check that names the broken invariant and aborts (libFuzzer then
// saves the input as crash-<sha1> under -artifact_prefix), and a printable form of the input.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../escaped.hpp"

namespace wiretrace::fuzz {

using wiretrace::test::escaped;

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
