#include "wiretrace/candidates.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <xxhash.h>

#include "detail/mix.hpp"
#include "detail/partition_sort.hpp"
#include "detail/repeated_filter.hpp"

namespace wiretrace {
namespace {

struct KeyedDoc {
  std::uint64_t key;
  std::uint32_t doc;
  friend bool operator<(const KeyedDoc& x, const KeyedDoc& y) {
    return x.key != y.key ? x.key < y.key : x.doc < y.doc;
  }
};

// A run of equal keys, identified by a hash of the documents it holds.
struct Group {
  std::uint64_t members_hash;
  std::uint32_t run;
  friend bool operator<(const Group& x, const Group& y) {
    return x.members_hash != y.members_hash ? x.members_hash < y.members_hash : x.run < y.run;
  }
};

// Sorting (key, doc) entries and walking equal-key runs replaces a hash map of vectors: it is
// parallel, cache-friendly and its output order does not depend on the thread count.
std::vector<CandidatePair> pairs_sharing_a_key(std::vector<KeyedDoc>& entries, unsigned max_bucket,
                                               std::size_t& capped_buckets) {
  detail::keep_probably_repeated(entries, [](const KeyedDoc& e) { return e.key; });
  detail::partition_sort(entries, [](const KeyedDoc& e) { return e.key >> 56; }, std::less<>());
  std::vector<std::size_t> run_starts;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (i == 0 || entries[i].key != entries[i - 1].key) run_starts.push_back(i);
  run_starts.push_back(entries.size());

  // PERF: the fingerprints of one passage are shared by the same group of documents over and
  // over (a family of eight whole copies shares hundreds of them); emitting every group's pairs
  // and deduplicating afterwards sorted tens of millions of pairs. Groups with the same members
  // are collapsed first, by a hash of their member list.
  tbb::enumerable_thread_specific<std::vector<Group>> local_groups;
  tbb::enumerable_thread_specific<std::size_t> local_capped(0);
  tbb::parallel_for(std::size_t{0}, run_starts.size() - 1, [&](std::size_t r) {
    const std::size_t begin = run_starts[r], end = run_starts[r + 1];
    if (end - begin < 2) return;
    if (end - begin > max_bucket) {
      ++local_capped.local();
      return;
    }
    std::uint64_t h = end - begin;
    for (std::size_t i = begin; i < end; ++i) h = detail::combine(h, entries[i].doc);
    local_groups.local().push_back({h, static_cast<std::uint32_t>(r)});
  });
  std::vector<Group> groups;
  for (auto& part : local_groups) groups.insert(groups.end(), part.begin(), part.end());
  tbb::parallel_sort(groups.begin(), groups.end());
  std::erase_if(groups, [&, previous = std::uint64_t{0}, first = true](const Group& g) mutable {
    const bool repeat = !first && g.members_hash == previous;
    previous = g.members_hash;
    first = false;
    return repeat;
  });

  tbb::enumerable_thread_specific<std::vector<CandidatePair>> local_pairs;
  tbb::parallel_for(std::size_t{0}, groups.size(), [&](std::size_t g) {
    const std::size_t begin = run_starts[groups[g].run], end = run_starts[groups[g].run + 1];
    auto& out = local_pairs.local();
    for (std::size_t i = begin; i < end; ++i)
      for (std::size_t j = i + 1; j < end; ++j)
        if (entries[i].doc != entries[j].doc) out.push_back({entries[i].doc, entries[j].doc});
  });
  std::vector<CandidatePair> pairs;
  for (auto& part : local_pairs) pairs.insert(pairs.end(), part.begin(), part.end());
  for (auto n : local_capped) capped_buckets += n;
  tbb::parallel_sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

}  // namespace

LshBands choose_bands(unsigned num_perm, double threshold) {
  LshBands best{num_perm, 1};
  double best_error = std::numeric_limits<double>::infinity();
  for (unsigned rows = 1; rows <= num_perm; ++rows) {
    const unsigned bands = num_perm / rows;
    const double at = std::pow(1.0 / bands, 1.0 / rows);
    if (std::abs(at - threshold) < best_error) {
      best_error = std::abs(at - threshold);
      best = {bands, rows};
    }
  }
  return best;
}

std::vector<CandidatePair> lsh_candidates(const Signatures& signatures, LshBands bands,
                                          unsigned max_bucket, CandidateStats& stats) {
  const auto& m = signatures.values;
  const std::size_t docs = static_cast<std::size_t>(m.rows());
  const std::size_t width = static_cast<std::size_t>(m.cols());
  std::vector<KeyedDoc> entries(docs * bands.bands);
  std::vector<char> has_shingles(docs);
  tbb::parallel_for(std::size_t{0}, docs, [&](std::size_t d) {
    const std::uint32_t* row = m.data() + d * width;
    // An empty document's signature is all ones; it must not bucket with other empty ones.
    has_shingles[d] = std::any_of(row, row + width, [](std::uint32_t v) { return v != ~0u; });
    for (unsigned b = 0; b < bands.bands; ++b) {
      const std::uint64_t key =
          XXH3_64bits_withSeed(row + b * bands.rows, bands.rows * sizeof(std::uint32_t), b);
      entries[d * bands.bands + b] = {key, static_cast<std::uint32_t>(d)};
    }
  });
  std::erase_if(entries, [&](const KeyedDoc& e) { return !has_shingles[e.doc]; });
  auto pairs = pairs_sharing_a_key(entries, max_bucket, stats.capped_buckets);
  stats.lsh_pairs = pairs.size();
  return pairs;
}

std::vector<std::uint64_t> passage_fingerprints(std::span<const ShingleHash> shingles,
                                                unsigned shingle_k, unsigned anchor_words,
                                                unsigned min_run_words) {
  std::vector<std::uint64_t> selected;
  const std::size_t span = anchor_words - shingle_k;  // shingles after the first in one anchor
  if (shingles.size() <= span) return selected;
  // An anchor of anchor_words words is fixed by its first and its last shingle. Anchors that
  // touch a masked position are invalid (max value): boilerplate must not propose pairs.
  constexpr std::uint64_t invalid = std::numeric_limits<std::uint64_t>::max();
  const std::size_t count = shingles.size() - span;
  std::vector<std::uint64_t> anchors(count);
  std::size_t last_mask = std::numeric_limits<std::size_t>::max();  // last masked position seen
  for (std::size_t i = 0; i < shingles.size(); ++i) {
    if (shingles[i] == 0) last_mask = i;
    if (i < span) continue;
    const std::size_t first = i - span;
    const bool masked = last_mask != std::numeric_limits<std::size_t>::max() && last_mask >= first;
    anchors[first] = masked ? invalid : detail::combine(shingles[first], shingles[i]) | 1;
  }
  // Winnowing (Schleimer et al. 2003): the minimum of every window of w anchors. Two texts that
  // share w consecutive anchors, i.e. a run of min_run_words words, share that window's minimum.
  const std::size_t w = min_run_words - anchor_words + 1;
  // PERF: w is small (5 by default), so a direct scan per window beats a monotone deque.
  std::size_t last_pick = std::numeric_limits<std::size_t>::max();
  const std::size_t windows = count >= w ? count - w + 1 : 1;
  for (std::size_t start = 0; start < windows; ++start) {
    const std::size_t end = std::min(start + w, count);
    std::size_t pick = start;
    for (std::size_t i = start + 1; i < end; ++i)
      if (anchors[i] <= anchors[pick]) pick = i;  // rightmost minimum, as in the paper
    if (anchors[pick] != invalid && pick != last_pick) selected.push_back(anchors[pick]);
    last_pick = pick;
  }
  std::sort(selected.begin(), selected.end());
  selected.erase(std::unique(selected.begin(), selected.end()), selected.end());
  return selected;
}

std::vector<CandidatePair> passage_candidates(
    const std::vector<std::vector<std::uint64_t>>& fingerprints, unsigned max_bucket,
    CandidateStats& stats) {
  std::vector<std::size_t> offsets(fingerprints.size() + 1, 0);
  for (std::size_t d = 0; d < fingerprints.size(); ++d)
    offsets[d + 1] = offsets[d] + fingerprints[d].size();
  std::vector<KeyedDoc> entries(offsets.back());
  tbb::parallel_for(std::size_t{0}, fingerprints.size(), [&](std::size_t d) {
    for (std::size_t i = 0; i < fingerprints[d].size(); ++i)
      entries[offsets[d] + i] = {fingerprints[d][i], static_cast<std::uint32_t>(d)};
  });
  stats.fingerprints = entries.size();
  auto pairs = pairs_sharing_a_key(entries, max_bucket, stats.capped_buckets);
  stats.passage_pairs = pairs.size();
  return pairs;
}

std::vector<CandidatePair> merge_candidates(std::vector<CandidatePair> a,
                                            std::vector<CandidatePair> b) {
  std::vector<CandidatePair> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace wiretrace
