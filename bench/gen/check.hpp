// Internal invariants of the generator and evaluator: a broken one is a bug here, so abort with
// file and line. Caller mistakes throw wiretrace::Error instead.
#pragma once
#include <cstdio>
#include <cstdlib>

#define WIRETRACE_BENCH_CHECK(condition)                                                     \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "wiretrace bench: internal error at %s:%d: %s\n", __FILE__,        \
                   __LINE__, #condition);                                                    \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)
