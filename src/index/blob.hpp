// Index storage, blob layouts: arrays of little-endian 32-bit words (shingle sequences,
// signatures, family lists) and the stored matches. One place encodes and decodes each column.
#pragma once
#include <bit>
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

/// 32-bit words widened to ShingleHash values (narrowed hashes are stored as their 32 bits).
inline std::vector<std::uint64_t> to_hashes(std::span<const unsigned char> bytes) {
  std::vector<std::uint64_t> out(bytes.size() / 4);
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::uint32_t w;
    std::memcpy(&w, bytes.data() + 4 * i, 4);
    out[i] = w;
  }
  return out;
}

inline std::vector<std::uint32_t> from_hashes(std::span<const std::uint64_t> hashes) {
  std::vector<std::uint32_t> out(hashes.size());
  for (std::size_t i = 0; i < hashes.size(); ++i) out[i] = static_cast<std::uint32_t>(hashes[i]);
  return out;
}

/// A stored match: 7 words (a, shared_shingles, shared_words, longest_run, then jaccard,
/// containment_ab and containment_ba as floats). b is the article holding the blob.
inline constexpr std::size_t match_words = 7;

inline std::vector<std::uint32_t> encode_matches(std::span<const ScoredPair> pairs) {
  std::vector<std::uint32_t> out;
  out.reserve(pairs.size() * match_words);
  auto bits = [](double x) { return std::bit_cast<std::uint32_t>(static_cast<float>(x)); };
  for (const ScoredPair& p : pairs)
    out.insert(out.end(), {p.a, p.shared_shingles, p.shared_words, p.longest_run, bits(p.jaccard),
                           bits(p.containment_ab), bits(p.containment_ba)});
  return out;
}

inline std::vector<ScoredPair> decode_matches(std::span<const unsigned char> bytes, std::uint32_t b) {
  const auto w = to_words(bytes);
  std::vector<ScoredPair> out(w.size() / match_words);
  auto real = [](std::uint32_t x) { return static_cast<double>(std::bit_cast<float>(x)); };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::uint32_t* m = w.data() + i * match_words;
    out[i].a = m[0];
    out[i].b = b;
    out[i].shared_shingles = m[1];
    out[i].shared_words = m[2];
    out[i].longest_run = m[3];
    out[i].jaccard = real(m[4]);
    out[i].containment_ab = real(m[5]);
    out[i].containment_ba = real(m[6]);
  }
  return out;
}

}  // namespace wiretrace::detail
