#include "wiretrace/shingle.hpp"

#include <algorithm>
#include <iterator>
#include <string>

#define XXH_INLINE_ALL  // PERF: the shingle loop calls XXH3 once per word
#include <xxhash.h>

#include "detail/hash_set.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace {

std::vector<ShingleHash> shingle_hashes(std::span<const Token> tokens, unsigned k) {
  // PERF: the k token hashes are gathered into a small contiguous buffer so XXH3 sees one
  // 8k-byte key; a rolling combination would be faster but weaker against reordered words.
  std::uint64_t window[32];
  if (k > std::size(window))  // the limit Params::validate puts on shingle_k
    throw Error("shingle_k of " + std::to_string(k) + " is above the maximum of 32");
  std::vector<ShingleHash> out;
  if (tokens.empty() || k == 0) return out;
  const std::size_t width = std::min<std::size_t>(k, tokens.size());
  out.resize(tokens.size() - width + 1);
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t j = 0; j < width; ++j) window[j] = tokens[i + j].hash;
    const auto h = static_cast<ShingleHash>(XXH3_64bits(window, width * sizeof(std::uint64_t)) >> 32);
    out[i] = h == 0 ? 1 : h;  // 0 is reserved for masked positions
  }
  return out;
}

ShingleSet make_shingle_set(std::vector<ShingleHash> sequence, std::uint32_t words) {
  ShingleSet set;
  // PERF: a hash set instead of sort + unique: linear, and nothing downstream needs order.
  thread_local detail::ShingleHashSet seen;
  seen.reset(sequence.size());
  for (ShingleHash h : sequence) set.distinct_count += h != 0 && seen.insert(h);
  set.sequence = std::move(sequence);
  set.words = words;
  return set;
}

std::vector<ShingleHash> distinct_shingles(const ShingleSet& set) {
  std::vector<ShingleHash> out;
  out.reserve(set.distinct_count);
  thread_local detail::ShingleHashSet seen;
  seen.reset(set.distinct_count);
  for (ShingleHash h : set.sequence)
    if (h != 0 && seen.insert(h)) out.push_back(h);
  return out;
}

}  // namespace wiretrace
