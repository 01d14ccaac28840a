// Stage 2, shingle: tokens -> hashes of every run of k consecutive words (w-shingles).
// shingle_hashes keeps order (shingle i covers tokens i .. i+k-1); ShingleSet adds the sorted
// distinct view that sketching and verification need.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "wiretrace/normalize.hpp"

namespace wiretrace {

using ShingleHash = std::uint64_t;

/// Hashes of the n-k+1 shingles of k tokens (XXH3 over the k token hashes). A text of fewer than
/// k (but at least one) tokens yields one shingle of all its tokens, so short texts still compare.
/// Never returns the value 0: 0 marks a masked (boilerplate) position in later stages.
std::vector<ShingleHash> shingle_hashes(std::span<const Token> tokens, unsigned k);

/// A document's shingles as a sequence (for runs) and as a set (for similarity).
struct ShingleSet {
  std::vector<ShingleHash> sequence;       ///< by position; 0 = masked (boilerplate)
  std::vector<ShingleHash> distinct;  ///< the distinct non-zero values, in order of first position
  std::uint32_t words = 0;                 ///< tokens in the document
};

ShingleSet make_shingle_set(std::vector<ShingleHash> sequence, std::uint32_t words);

}  // namespace wiretrace
