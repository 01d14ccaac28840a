// A membership set for non-zero hashes (64-bit keys, or 32-bit shingles): open addressing,
// linear probing, no deletion.
// Verification asks "is this shingle in b?" hundreds of times per pair; a binary search costs
// ~10 dependent cache misses per question, this costs about one. The keys are already hashes, so
// their low bits index the table directly.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace wiretrace::detail {

template <class Key>
class BasicHashSet {
 public:
  /// Replaces the contents with `keys` (all non-zero), reusing the table's memory.
  void assign(std::span<const Key> keys) {
    reset(keys.size());
    for (const Key k : keys) insert(k);
  }

  /// Empties the set and sizes it for up to `expected` keys.
  void reset(std::size_t expected) {
    std::size_t capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    mask_ = capacity - 1;
    slots_.assign(capacity, 0);
  }

  /// Adds a non-zero key; false when it was there already. At most the `expected` of reset().
  bool insert(Key key) {
    std::size_t i = key & mask_;
    while (slots_[i] != 0) {
      if (slots_[i] == key) return false;
      i = (i + 1) & mask_;
    }
    slots_[i] = key;
    return true;
  }

  bool contains(Key key) const {
    if (key == 0) return false;
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == key) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  std::vector<Key> slots_;
  std::size_t mask_ = 0;
};

using HashSet = BasicHashSet<std::uint64_t>;    ///< 64-bit keys (fingerprints, combined keys)
using ShingleHashSet = BasicHashSet<std::uint32_t>;  ///< shingle hashes (ShingleHash)

}  // namespace wiretrace::detail
