// Stage 2, shingle: tokens -> hashes of every run of k consecutive words (w-shingles).
// shingle_hashes keeps order (shingle i covers tokens i .. i+k-1); ShingleSet adds the counts
// that set similarity needs.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "wiretrace/normalize.hpp"

namespace wiretrace {

/// 32 bits: the shingle sequence is most of what is held per article, and halving it matters more
/// than the rare false match. Two unrelated articles of n and m shingles share a value by chance
/// with probability about n*m/2^32 (1e-4 at 600 words each): a stray shingle, never the 8 in a row
/// of a 12-word run that links articles.
using ShingleHash = std::uint32_t;

/// Hashes of the n-k+1 shingles of k tokens (the top 32 bits of XXH3 over the k token hashes). A
/// text of fewer than k (but at least one) tokens yields one shingle of all its tokens, so short
/// texts still compare. Never returns the value 0: 0 marks a masked (boilerplate) position in
/// later stages. k = 0 gives no shingles; k above 32 (Params::validate's limit) throws Error.
std::vector<ShingleHash> shingle_hashes(std::span<const Token> tokens, unsigned k);

/// A document's shingles by position. It is also the set (for similarity): its distinct non-zero
/// values. They are not stored a second time: at 100,000 articles that copy was 450 MB, and the
/// few places that need them as a list call distinct_shingles().
struct ShingleSet {
  std::vector<ShingleHash> sequence;  ///< by position; 0 = masked (boilerplate)
  std::uint32_t distinct_count = 0;   ///< distinct non-zero values in `sequence`
  std::uint32_t words = 0;            ///< tokens in the document
};

ShingleSet make_shingle_set(std::vector<ShingleHash> sequence, std::uint32_t words);

/// The distinct non-zero values of set.sequence, in order of first position.
std::vector<ShingleHash> distinct_shingles(const ShingleSet& set);

}  // namespace wiretrace
