// Sorting tens of millions of (hash, document) entries is the heart of candidate generation and
// boilerplate detection. Keys are hashes, so their top byte spreads them evenly: one scatter pass
// into 256 buckets, then each bucket (small enough for the cache) is sorted on its own, in
// parallel. Same result as std::sort with the same comparison, about twice as fast here.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include <tbb/parallel_for.h>

namespace wiretrace::detail {

/// Sorts `items` by `less`, which must order first by `top_byte_of(item)` = key >> 56.
template <class T, class TopByte, class Less>
void partition_sort(std::vector<T>& items, TopByte top_byte_of, Less less) {
  constexpr std::size_t buckets = 256;
  std::array<std::size_t, buckets + 1> start{};
  for (const T& item : items) ++start[top_byte_of(item) + 1];
  for (std::size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
  std::vector<T> sorted(items.size());
  std::array<std::size_t, buckets> next;
  std::copy(start.begin(), start.end() - 1, next.begin());
  for (const T& item : items) sorted[next[top_byte_of(item)]++] = item;
  tbb::parallel_for(std::size_t{0}, buckets, [&](std::size_t b) {
    std::sort(sorted.begin() + static_cast<std::ptrdiff_t>(start[b]),
              sorted.begin() + static_cast<std::ptrdiff_t>(start[b + 1]), less);
  });
  items.swap(sorted);
}

}  // namespace wiretrace::detail
