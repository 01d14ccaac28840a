// Words covered by shingles: shingle i covers words i .. i+k-1, so a word's part (reused,
// boilerplate, shared with another member) follows from the shingles that cover it. One walk for
// every question of that kind, in the engine (word parts) and in the cluster stage (shared words).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "wiretrace/shingle.hpp"

namespace wiretrace::detail {

/// Number of words covered by at least one shingle for which covers(i, hash) holds.
template <class Covers>
std::size_t count_covered_words(std::span<const ShingleHash> sequence, std::size_t words,
                                unsigned shingle_k, Covers covers) {
  std::size_t covered_until = 0, total = 0;
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    if (!covers(sequence[i])) continue;
    const std::size_t end = std::min<std::size_t>(i + shingle_k, words);
    total += end - std::min(end, std::max(i, covered_until));
    covered_until = end;
  }
  return total;
}

/// marks[t] = the largest mark_of(hash) over the shingles covering word t (0 where none does).
template <class MarkOf>
void mark_covered_words(std::span<const ShingleHash> sequence, unsigned shingle_k,
                        MarkOf mark_of, std::span<std::uint8_t> marks) {
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    const std::uint8_t mark = mark_of(sequence[i]);
    if (mark == 0) continue;
    const std::size_t end = std::min<std::size_t>(i + shingle_k, marks.size());
    for (std::size_t t = i; t < end; ++t) marks[t] = std::max(marks[t], mark);
  }
}

}  // namespace wiretrace::detail
