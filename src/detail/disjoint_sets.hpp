// Union-find with path halving, shared by the batch run (families from accepted pairs) and the
// feed index (families merged as articles arrive).
#pragma once
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

#include "detail/assert.hpp"

namespace wiretrace::detail {

class DisjointSets {
 public:
  DisjointSets() = default;
  explicit DisjointSets(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }

  std::size_t size() const { return parent_.size(); }
  /// Adds a singleton; returns its element.
  std::uint32_t add() {
    parent_.push_back(static_cast<std::uint32_t>(parent_.size()));
    return parent_.back();
  }
  void clear() { parent_.clear(); }
  /// Replaces the elements by `roots.size()` ones whose sets are given by their roots (each an
  /// element that is its own root): the sets a saved state had, with the same roots.
  void assign_roots(std::vector<std::uint32_t> roots) { parent_ = std::move(roots); }

  std::uint32_t find(std::uint32_t x) {
    WIRETRACE_ASSERT(x < parent_.size());
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  /// Joins the sets of a and b under the smaller root, so the result does not depend on the
  /// order in which pairs arrive (the batch run).
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
  }
  /// Joins the set of `from` into the set of `into`, whose root stays the root (the feed: a
  /// family keeps the number of the article that founded it).
  void join_into(std::uint32_t from, std::uint32_t into) {
    from = find(from);
    into = find(into);
    if (from != into) parent_[from] = into;
  }

 private:
  std::vector<std::uint32_t> parent_;
};

}  // namespace wiretrace::detail
