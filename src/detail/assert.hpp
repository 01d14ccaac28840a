// Internal invariants: a broken one is a bug in wiretrace, so abort loudly with file and line
// (the faiss habit). Caller mistakes throw wiretrace::Error instead.
#pragma once
#include <cstdio>
#include <cstdlib>

#define WIRETRACE_ASSERT(condition)                                                     \
  do {                                                                                  \
    if (!(condition)) {                                                                 \
      std::fprintf(stderr, "wiretrace: internal error at %s:%d: %s\n", __FILE__, __LINE__, \
                   #condition);                                                         \
      std::abort();                                                                     \
    }                                                                                   \
  } while (false)
