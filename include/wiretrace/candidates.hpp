// Stage 4, candidates: signatures and shingle sequences -> pairs of documents worth verifying.
// Two sources: LSH banding over MinHash (whole-document similarity) and winnowed passage
// fingerprints (any shared run of min_run_words words is guaranteed to share a fingerprint),
// because syndication is mostly partial. It proposes pairs; it does not score them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "wiretrace/shingle.hpp"
#include "wiretrace/sketch.hpp"

namespace wiretrace {

/// Two documents by index, a < b.
struct CandidatePair {
  std::uint32_t a;
  std::uint32_t b;
  friend bool operator==(const CandidatePair&, const CandidatePair&) = default;
  friend auto operator<=>(const CandidatePair&, const CandidatePair&) = default;
};

/// bands x rows <= num_perm values; a pair with Jaccard s becomes a candidate with probability
/// 1 - (1 - s^rows)^bands.
struct LshBands {
  unsigned bands;
  unsigned rows;
};

/// The banding whose threshold (1/bands)^(1/rows) is closest to `threshold`.
LshBands choose_bands(unsigned num_perm, double threshold);

struct CandidateStats {
  std::size_t lsh_pairs = 0;      ///< distinct pairs proposed by LSH
  std::size_t passage_pairs = 0;  ///< distinct pairs proposed by passage fingerprints
  std::size_t total_pairs = 0;    ///< distinct pairs in the union
  std::size_t fingerprints = 0;   ///< passage fingerprints selected over all documents
  std::size_t capped_buckets = 0; ///< buckets skipped for holding more than max_bucket documents
};

/// LSH band keys of one signature: band b's rows hashed with seed b. None for the signature of
/// an empty set (all ones), which must not bucket with other empty ones. The index stores these
/// keys: they must not change.
std::vector<std::uint64_t> band_keys(std::span<const std::uint32_t> signature, LshBands bands);

/// Pairs sharing at least one LSH band key; buckets over max_bucket documents are skipped.
std::vector<CandidatePair> lsh_candidates(const Signatures& signatures, LshBands bands,
                                          unsigned max_bucket, CandidateStats& stats);

/// Winnowing over hashes of `anchor_words`-word windows: every window of
/// (min_run_words - anchor_words + 1) consecutive anchors contributes its minimum. Masked shingle
/// positions (0) break anchors. Returns distinct fingerprints in text order.
std::vector<std::uint64_t> passage_fingerprints(std::span<const ShingleHash> shingles,
                                                unsigned shingle_k, unsigned anchor_words,
                                                unsigned min_run_words);

/// Pairs sharing at least one passage fingerprint; fingerprints over max_bucket documents skipped.
std::vector<CandidatePair> passage_candidates(
    const std::vector<std::vector<std::uint64_t>>& fingerprints, unsigned max_bucket,
    CandidateStats& stats);

/// Sorted union of both lists without duplicates.
std::vector<CandidatePair> merge_candidates(std::vector<CandidatePair> a,
                                            std::vector<CandidatePair> b);

}  // namespace wiretrace
