// Index lookup, in memory: key -> the articles holding it, for LSH band keys and passage
// fingerprints. An open-addressing multimap of (32-bit key, article number) pairs with linear
// probing: 8 bytes per posting, one cache miss per lookup. Keys are hashes, so their top 32 bits
// index the table directly; a false match (two keys with equal top halves) only adds a candidate
// that verification rejects. It does not verify; its slots can be saved as they are and adopted
// back from a mapped file (src/index/lookup_file.hpp), so an index opens without re-deriving them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace wiretrace::detail {

class Postings {
 public:
  struct Slot {
    std::uint32_t key = 0;
    std::uint32_t article = 0;  // 0 = empty
  };

  Postings() = default;
  // slots_ points into owned_ or adopted memory: a copy would point into the original's.
  Postings(const Postings&) = delete;
  Postings& operator=(const Postings&) = delete;
  Postings(Postings&&) noexcept = default;
  Postings& operator=(Postings&&) noexcept = default;

  /// Sizes the table for `expected` postings (avoids rehashing while an index is loaded).
  void reserve(std::size_t expected) {
    std::size_t capacity = 1024;
    while (capacity * 7 < expected * 10) capacity *= 2;
    if (capacity > capacity_) rehash(capacity);
  }

  /// Adds (key, article), article >= 1. A key already held by more than `cap` articles is
  /// capped: further postings are not stored (lookups skip it anyway).
  void insert(std::uint64_t key64, std::uint32_t article, std::size_t cap) {
    if ((used_ + 1) * 10 > capacity_ * 7) rehash(capacity_ == 0 ? 1024 : capacity_ * 2);
    const auto key = static_cast<std::uint32_t>(key64 >> 32);
    std::size_t count = 0;
    std::size_t i = key & mask_;
    while (slots_[i].article != 0) {
      if (slots_[i].key == key && ++count > cap) return;
      i = (i + 1) & mask_;
    }
    slots_[i] = {key, article};
    ++used_;
  }

  /// insert() for each (key, article) in order, the same table as one insert() after another.
  /// PERF: each insert is a cache miss into a table far larger than the caches; loading the
  /// slots a few postings ahead lets the misses overlap (what Index::candidates does for finds).
  void insert_all(const std::vector<std::pair<std::uint64_t, std::uint32_t>>& postings, std::size_t cap) {
    constexpr std::size_t ahead = 16;
    for (std::size_t i = 0; i < postings.size(); ++i) {
      if (i + ahead < postings.size()) prefetch(postings[i + ahead].first);
      insert(postings[i].first, postings[i].second, cap);
    }
  }

  /// Appends the articles holding `key64` to `out` and returns true, or returns false (and
  /// appends nothing) when more than `cap` articles hold it.
  bool find(std::uint64_t key64, std::size_t cap, std::vector<std::uint32_t>& out) const {
    if (capacity_ == 0) return true;
    const auto key = static_cast<std::uint32_t>(key64 >> 32);
    const std::size_t first = out.size();
    // PERF: one probe run per key; the run is short (load <= 0.7, keys uniform).
    for (std::size_t i = key & mask_; slots_[i].article != 0; i = (i + 1) & mask_) {
      if (slots_[i].key != key) continue;
      if (out.size() - first >= cap) {
        out.resize(first);
        return false;
      }
      out.push_back(slots_[i].article);
    }
    return true;
  }

  /// Starts loading the cache line where `key64`'s probe run begins (see Index::candidates).
  void prefetch(std::uint64_t key64) const {
    if (capacity_ != 0) __builtin_prefetch(&slots_[static_cast<std::uint32_t>(key64 >> 32) & mask_]);
  }

  std::size_t size() const { return used_; }
  std::size_t memory_bytes() const { return capacity_ * sizeof(Slot); }
  /// The table as it is (empty slots included), for saving.
  std::span<const Slot> slots() const { return {slots_, capacity_}; }

  /// Takes `slots` (a power-of-two count, `used` of them non-empty) as the table, without copying:
  /// `owner` keeps the memory alive (a private writable mapping: inserts copy only the pages they
  /// touch). Lookups and inserts then behave exactly as on the table that was saved.
  void adopt(std::shared_ptr<void> owner, Slot* slots, std::size_t capacity, std::size_t used) {
    owned_.clear();
    owner_ = std::move(owner);
    slots_ = slots;
    capacity_ = capacity;
    mask_ = capacity - 1;
    used_ = used;
  }

  void clear() {
    owned_.clear();
    owned_.shrink_to_fit();
    owner_.reset();
    slots_ = nullptr;
    capacity_ = 0;
    mask_ = 0;
    used_ = 0;
  }

 private:
  void rehash(std::size_t capacity) {
    std::vector<Slot> fresh(capacity, Slot{});
    const std::size_t mask = capacity - 1;
    for (std::size_t j = 0; j < capacity_; ++j) {
      const Slot& s = slots_[j];
      if (s.article == 0) continue;
      std::size_t i = s.key & mask;
      while (fresh[i].article != 0) i = (i + 1) & mask;
      fresh[i] = s;
    }
    owned_.swap(fresh);
    owner_.reset();  // a mapped table is left for the owned one
    slots_ = owned_.data();
    capacity_ = capacity;
    mask_ = mask;
  }

  std::vector<Slot> owned_;       // the table, unless it is adopted memory
  std::shared_ptr<void> owner_;   // keeps adopted memory alive
  Slot* slots_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t mask_ = 0;
  std::size_t used_ = 0;
};

}  // namespace wiretrace::detail
