// A membership set for non-zero 64-bit hashes: open addressing, linear probing, no deletion.
// Verification asks "is this shingle in b?" hundreds of times per pair; a binary search costs
// ~10 dependent cache misses per question, this costs about one. The keys are already hashes, so
// their low bits index the table directly.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace wiretrace::detail {

class HashSet {
 public:
  /// Replaces the contents with `keys` (all non-zero), reusing the table's memory.
  void assign(std::span<const std::uint64_t> keys) {
    std::size_t capacity = 16;
    while (capacity < 2 * keys.size()) capacity *= 2;
    mask_ = capacity - 1;
    slots_.assign(capacity, 0);
    for (const std::uint64_t k : keys) {
      std::size_t i = k & mask_;
      while (slots_[i] != 0 && slots_[i] != k) i = (i + 1) & mask_;
      slots_[i] = k;
    }
  }

  bool contains(std::uint64_t key) const {
    if (key == 0) return false;
    for (std::size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == key) return true;
      if (slots_[i] == 0) return false;
    }
  }

 private:
  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 0;
};

}  // namespace wiretrace::detail
