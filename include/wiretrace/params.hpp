// The knobs of a clustering run, named after the math, each with its unit, plus their validation
// and the stamp that keeps sketches made with different knobs from being mixed.
#pragma once
#include <cstdint>

namespace wiretrace {

struct Params {
  unsigned shingle_k = 5;          ///< words per shingle
  unsigned num_perm = 128;         ///< MinHash values per signature
  double lsh_threshold = 0.5;      ///< whole-document Jaccard at which LSH banding aims to catch pairs
  std::uint64_t seed = 0x77697265747261ULL;  ///< seeds the MinHash permutations and LSH keys
  /// Words: the shortest shared run of identical normalized words that counts as wire copy.
  /// Longer than the set phrases independent reports share ("said in a statement on Friday").
  unsigned min_run_words = 12;
  /// Whole-document Jaccard that on its own makes two articles share wire copy (near duplicates).
  double min_jaccard = 0.5;
  /// Words per passage fingerprint (winnowed), at most min_run_words; see candidates.hpp.
  unsigned anchor_words = 8;
  /// Documents: an LSH bucket or passage fingerprint shared by more documents than this is not
  /// used to propose pairs (it is boilerplate or a stock phrase); such buckets are counted.
  unsigned max_bucket = 2000;
  /// Words at the start and at the end of an article where a publisher's boilerplate lives.
  unsigned boilerplate_edge_words = 80;
  /// Words: whole sentences dropped (or added) by one side, up to this many, keep one aligned
  /// passage; replaced words are bridged up to min(8, this).
  unsigned align_gap_words = 40;
  /// Words per exact seed when aligning passages; shorter seeds find more heavily edited text.
  unsigned align_seed_words = 3;
  /// Worker threads; 0 = all cores. Output does not depend on it.
  unsigned threads = 0;
};

/// Throws Error naming the first parameter out of range.
void validate(const Params& params);

/// Stamp of everything that decides a signature's values: seed, num_perm, shingle_k and the
/// normalizer version. Sketches and indexes with different stamps must not be compared.
std::uint64_t sketch_stamp(const Params& params);

}  // namespace wiretrace
