// Stage 5, verify: candidate pairs -> exact scores from the shingle sequences (shared shingles,
// Jaccard, containment both ways, shared words, longest shared run of words) and the decision
// whether the pair shares wire copy. It looks only at the pairs it is given.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "wiretrace/candidates.hpp"
#include "wiretrace/match.hpp"
#include "wiretrace/params.hpp"
#include "wiretrace/shingle.hpp"

namespace wiretrace {

struct ScoredPair {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::uint32_t shared_shingles = 0;  ///< distinct shingles in both
  double jaccard = 0;                 ///< shared / distinct shingles in either
  double containment_ab = 0;          ///< share of a's distinct shingles found in b
  double containment_ba = 0;          ///< share of b's distinct shingles found in a
  std::uint32_t shared_words = 0;     ///< words of a covered by shingles found in b
  std::uint32_t longest_run = 0;      ///< words: longest run of a whose shingles are all in b
  /// What linked the pair: shared runs (shares_wire_copy) or rewritten copy (rewritten_links).
  PassageMatch match = PassageMatch::exact;
};

/// Exact scores of one pair (k = shingle size in words, needed to turn shingle runs into words).
ScoredPair score_pair(const ShingleSet& a, const ShingleSet& b, unsigned shingle_k);

/// The decision rule: a shared run of at least min_run_words words, or Jaccard >= min_jaccard.
bool shares_wire_copy(const ScoredPair& pair, const Params& params);

/// Scores every candidate in parallel; the result is in candidate order.
std::vector<ScoredPair> score_candidates(const std::vector<ShingleSet>& sets,
                                         const std::vector<CandidatePair>& candidates,
                                         unsigned shingle_k);

}  // namespace wiretrace
