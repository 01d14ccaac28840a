// Index storage, blob layouts: arrays of little-endian 32-bit words (shingle sequences,
// signatures, family lists) and the stored matches. One place encodes and decodes each column.
#pragma once
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "wiretrace/verify.hpp"

namespace wiretrace::detail {

static_assert(std::endian::native == std::endian::little,
              "index blobs are little-endian 32-bit words; a big-endian build needs byte swaps");

template <class T>
std::span<const unsigned char> as_bytes_of(const std::vector<T>& v) {
  return {reinterpret_cast<const unsigned char*>(v.data()), v.size() * sizeof(T)};
}

inline std::vector<std::uint32_t> to_words(std::span<const unsigned char> bytes) {
  std::vector<std::uint32_t> out(bytes.size() / 4);
  if (!out.empty()) std::memcpy(out.data(), bytes.data(), out.size() * 4);
  return out;
}

/// A stored match: 4 words (a, shared_shingles, shared_words, longest_run); b is the article
/// holding the blob. The ratios are recomputed from the two articles' distinct shingle counts,
/// with the expressions of score_pair, so they come back bit for bit.
inline constexpr std::size_t match_words = 4;

inline std::vector<std::uint32_t> encode_matches(std::span<const ScoredPair> pairs) {
  std::vector<std::uint32_t> out;
  out.reserve(pairs.size() * match_words);
  for (const ScoredPair& p : pairs)
    out.insert(out.end(), {p.a, p.shared_shingles, p.shared_words, p.longest_run});
  return out;
}

/// `distinct_of(n)` = the distinct shingle count of article n.
template <class DistinctOf>
std::vector<ScoredPair> decode_matches(std::span<const unsigned char> bytes, std::uint32_t b,
                                       DistinctOf distinct_of) {
  const auto w = to_words(bytes);
  std::vector<ScoredPair> out(w.size() / match_words);
  const std::size_t b_distinct = distinct_of(b);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::uint32_t* m = w.data() + i * match_words;
    ScoredPair& p = out[i];
    p.a = m[0];
    p.b = b;
    p.shared_shingles = m[1];
    p.shared_words = m[2];
    p.longest_run = m[3];
    const std::size_t a_distinct = distinct_of(p.a);
    const double union_size = static_cast<double>(a_distinct + b_distinct) - p.shared_shingles;
    if (union_size > 0) p.jaccard = p.shared_shingles / union_size;
    if (a_distinct != 0) p.containment_ab = static_cast<double>(p.shared_shingles) / a_distinct;
    if (b_distinct != 0) p.containment_ba = static_cast<double>(p.shared_shingles) / b_distinct;
  }
  return out;
}

}  // namespace wiretrace::detail
