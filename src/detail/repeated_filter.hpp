// Most fingerprints and edge shingles occur in one document only, yet finding the few that
// repeat meant sorting all of them. A pass over a table of small counters (indexed by the key's
// top bits) first drops the keys seen once: every key that really occurs twice or more is kept;
// a key seen once survives only when another key shares its counter, which costs a little sort
// work and changes no result.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include <tbb/parallel_for.h>

namespace wiretrace::detail {

template <class T, class KeyOf>
void keep_probably_repeated(std::vector<T>& items, KeyOf key_of) {
  // Below a few thousand items the counter table costs more than the sort it saves.
  if (items.size() < 4096) return;
  unsigned bits = 16;
  while (bits < 28 && (std::size_t{1} << bits) < 4 * items.size()) ++bits;
  const std::size_t slots = std::size_t{1} << bits;
  std::unique_ptr<std::atomic<std::uint8_t>[]> seen(new std::atomic<std::uint8_t>[slots]);
  tbb::parallel_for(std::size_t{0}, slots, [&](std::size_t i) { seen[i].store(0, std::memory_order_relaxed); });
  tbb::parallel_for(std::size_t{0}, items.size(), [&](std::size_t i) {
    auto& counter = seen[key_of(items[i]) >> (64 - bits)];
    // Saturates well below 256: a counter only grows while it reads below 2.
    if (counter.load(std::memory_order_relaxed) < 2) counter.fetch_add(1, std::memory_order_relaxed);
  });
  std::erase_if(items, [&](const T& item) {
    return seen[key_of(item) >> (64 - bits)].load(std::memory_order_relaxed) < 2;
  });
}

}  // namespace wiretrace::detail
