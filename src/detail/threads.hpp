// Worker threads: every parallel driver (cluster, dedup's preparation, compare --pairs) runs its
// TBB work inside one arena sized from Params::threads, so `--threads N` means the same thing
// everywhere and output never depends on it.
#pragma once
#include <utility>

#include <tbb/task_arena.h>

namespace wiretrace::detail {

/// Runs `work` in a TBB arena of `threads` workers (0 = all cores) and returns what it returns.
template <class Work>
decltype(auto) with_threads(unsigned threads, Work&& work) {
  tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads));
  return arena.execute(std::forward<Work>(work));
}

}  // namespace wiretrace::detail
