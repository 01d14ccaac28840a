// Index lookup, in memory: key -> the articles holding it, for LSH band keys and passage
// fingerprints. An open-addressing multimap of (32-bit key, article number) pairs with linear
// probing: 8 bytes per posting, one cache miss per lookup. Keys are hashes, so their top 32 bits
// index the table directly; a false match (two keys with equal top halves) only adds a candidate
// that verification rejects. It neither persists nor verifies.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace wiretrace::detail {

class Postings {
 public:
  /// Sizes the table for `expected` postings (avoids rehashing while an index is loaded).
  void reserve(std::size_t expected) {
    std::size_t capacity = 1024;
    while (capacity * 7 < expected * 10) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }

  /// Adds (key, article), article >= 1. A key already held by more than `cap` articles is
  /// capped: further postings are not stored (lookups skip it anyway).
  void insert(std::uint64_t key64, std::uint32_t article, std::size_t cap) {
    if ((used_ + 1) * 10 > slots_.size() * 7) rehash(slots_.empty() ? 1024 : slots_.size() * 2);
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
    if (slots_.empty()) return true;
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
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<std::uint32_t>(key64 >> 32) & mask_]);
  }

  std::size_t size() const { return used_; }
  std::size_t memory_bytes() const { return slots_.size() * sizeof(Slot); }
  void clear() {
    slots_.clear();
    mask_ = 0;
    used_ = 0;
  }

 private:
  struct Slot {
    std::uint32_t key = 0;
    std::uint32_t article = 0;  // 0 = empty
  };

  void rehash(std::size_t capacity) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const Slot& s : old) {
      if (s.article == 0) continue;
      std::size_t i = s.key & mask_;
      while (slots_[i].article != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t used_ = 0;
};

}  // namespace wiretrace::detail
