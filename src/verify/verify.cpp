#include "wiretrace/verify.hpp"

#include <algorithm>

#include <tbb/parallel_for.h>

#include "detail/assert.hpp"
#include "detail/hash_set.hpp"

namespace wiretrace {

ScoredPair score_pair(const ShingleSet& a, const ShingleSet& b, unsigned shingle_k) {
  ScoredPair pair;
  // PERF: b's shingles go into a per-thread hash set whose memory is reused across pairs; a
  // shingle of a found in b is counted once however often a repeats it.
  thread_local detail::ShingleHashSet in_b, counted;
  in_b.reset(b.distinct_count);
  for (ShingleHash h : b.sequence)
    if (h != 0) in_b.insert(h);
  counted.reset(std::min(a.distinct_count, b.distinct_count));

  // One walk over a's positions counts the shared shingles and measures the runs: a run of
  // consecutive shingles found in b covers the words from its first shingle to the last word of
  // its last shingle.
  const auto& seq = a.sequence;
  const std::size_t words = a.words;
  std::size_t covered_until = 0;  // words [0, covered_until) already counted in shared_words
  std::size_t run_start = 0;
  bool in_run = false;
  auto close_run = [&](std::size_t end_shingle) {  // run = shingles [run_start, end_shingle)
    const std::size_t first_word = run_start;
    const std::size_t last_word = std::min(end_shingle - 1 + shingle_k, words);  // exclusive
    pair.longest_run = std::max<std::uint32_t>(pair.longest_run,
                                               static_cast<std::uint32_t>(last_word - first_word));
    pair.shared_words += static_cast<std::uint32_t>(last_word - std::max(first_word, covered_until));
    covered_until = last_word;
  };
  for (std::size_t i = 0; i < seq.size(); ++i) {
    const bool found = in_b.contains(seq[i]);
    if (found) {
      pair.shared_shingles += counted.insert(seq[i]);
      if (!in_run) {
        run_start = i;
        in_run = true;
      }
    } else if (in_run) {
      close_run(i);
      in_run = false;
    }
  }
  if (in_run) close_run(seq.size());

  const double union_size =
      static_cast<double>(a.distinct_count) + b.distinct_count - pair.shared_shingles;
  if (union_size > 0) pair.jaccard = pair.shared_shingles / union_size;
  if (a.distinct_count != 0)
    pair.containment_ab = static_cast<double>(pair.shared_shingles) / a.distinct_count;
  if (b.distinct_count != 0)
    pair.containment_ba = static_cast<double>(pair.shared_shingles) / b.distinct_count;
  return pair;
}

bool shares_wire_copy(const ScoredPair& pair, const Params& params) {
  return pair.longest_run >= params.min_run_words || pair.jaccard >= params.min_jaccard;
}

std::vector<ScoredPair> score_candidates(const std::vector<ShingleSet>& sets,
                                         const std::vector<CandidatePair>& candidates,
                                         unsigned shingle_k) {
  std::vector<ScoredPair> scored(candidates.size());
  tbb::parallel_for(std::size_t{0}, candidates.size(), [&](std::size_t i) {
    const auto [a, b] = candidates[i];
    WIRETRACE_ASSERT(a < sets.size() && b < sets.size());
    scored[i] = score_pair(sets[a], sets[b], shingle_k);
    scored[i].a = a;
    scored[i].b = b;
  });
  return scored;
}

}  // namespace wiretrace
