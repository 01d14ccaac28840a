#include "wiretrace/candidates.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <xxhash.h>

#include "detail/assert.hpp"
#include "detail/hash_set.hpp"
#include "detail/mix.hpp"
#include "detail/shared_keys.hpp"

namespace wiretrace {
namespace {

struct Group {
  std::uint64_t members_hash;
  std::uint32_t index;
  friend bool operator<(const Group& x, const Group& y) {
    return x.members_hash != y.members_hash ? x.members_hash < y.members_hash : x.index < y.index;
  }
};

// Groups of documents that share a key. The fingerprints of one passage are shared by the same
// documents over and over (a family of eight whole copies shares hundreds of them), so equal
// member lists are collapsed before their pairs are emitted.
std::vector<CandidatePair> pairs_sharing_a_key(const detail::SharedKeys& shared) {
  std::vector<Group> groups(shared.size());
  tbb::parallel_for(std::size_t{0}, shared.size(), [&](std::size_t g) {
    std::uint64_t h = shared.starts[g + 1] - shared.starts[g];
    for (std::uint32_t doc : shared.members(g)) h = detail::combine(h, doc);
    groups[g] = {h, static_cast<std::uint32_t>(g)};
  });
  tbb::parallel_sort(groups.begin(), groups.end());
  auto same_members = [&](const Group& x, const Group& y) {
    if (x.members_hash != y.members_hash) return false;
    const auto a = shared.members(x.index), b = shared.members(y.index);
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  };
  groups.erase(std::unique(groups.begin(), groups.end(), same_members), groups.end());

  tbb::enumerable_thread_specific<std::vector<CandidatePair>> local_pairs;
  tbb::parallel_for(std::size_t{0}, groups.size(), [&](std::size_t g) {
    const auto members = shared.members(groups[g].index);
    auto& out = local_pairs.local();
    for (std::size_t i = 0; i < members.size(); ++i)
      for (std::size_t j = i + 1; j < members.size(); ++j) out.push_back({members[i], members[j]});
  });
  std::vector<CandidatePair> pairs;
  for (auto& part : local_pairs) pairs.insert(pairs.end(), part.begin(), part.end());
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

namespace {

// Writes the band keys of `signature` into `out` (bands.bands of them); false, with nothing
// written, for the signature of an empty set.
bool write_band_keys(std::span<const std::uint32_t> signature, LshBands bands,
                     std::span<std::uint64_t> out) {
  WIRETRACE_ASSERT(bands.bands * bands.rows <= signature.size() && out.size() == bands.bands);
  if (std::all_of(signature.begin(), signature.end(), [](std::uint32_t v) { return v == ~0u; }))
    return false;
  for (unsigned b = 0; b < bands.bands; ++b)
    out[b] = XXH3_64bits_withSeed(signature.data() + b * bands.rows,
                                  bands.rows * sizeof(std::uint32_t), b);
  return true;
}

}  // namespace

std::vector<std::uint64_t> band_keys(std::span<const std::uint32_t> signature, LshBands bands) {
  std::vector<std::uint64_t> keys(bands.bands);
  if (!write_band_keys(signature, bands, keys)) keys.clear();
  return keys;
}

std::vector<CandidatePair> lsh_candidates(const Signatures& signatures, LshBands bands,
                                          unsigned max_bucket, CandidateStats& stats) {
  const auto& m = signatures.values;
  const std::size_t docs = static_cast<std::size_t>(m.rows());
  const std::size_t width = static_cast<std::size_t>(m.cols());
  std::vector<std::uint64_t> keys(docs * bands.bands);
  std::vector<char> has_shingles(docs);
  tbb::parallel_for(std::size_t{0}, docs, [&](std::size_t d) {
    has_shingles[d] = write_band_keys({m.data() + d * width, width}, bands,
                                      {keys.data() + d * bands.bands, bands.bands});
  });
  const auto shared = detail::find_shared_keys(
      docs,
      [&](std::size_t d) {
        return std::span<const std::uint64_t>(keys.data() + d * bands.bands, has_shingles[d] ? bands.bands : 0);
      },
      max_bucket);
  stats.capped_buckets += shared.capped;
  auto pairs = pairs_sharing_a_key(shared);
  stats.lsh_pairs = pairs.size();
  return pairs;
}

std::vector<std::uint64_t> passage_fingerprints(std::span<const ShingleHash> shingles,
                                                unsigned shingle_k, unsigned anchor_words,
                                                unsigned min_run_words) {
  std::vector<std::uint64_t> selected;
  const std::size_t span = anchor_words - shingle_k;  // shingles after the first in one anchor
  if (shingles.size() <= span) return selected;
  selected.reserve(shingles.size() * 2 / (min_run_words - anchor_words + 2) + 8);  // winnowing density 2/(w+1)
  // An anchor of anchor_words words is fixed by its first and its last shingle. Anchors that
  // touch a masked position are invalid (max value): boilerplate must not propose pairs.
  constexpr std::uint64_t invalid = std::numeric_limits<std::uint64_t>::max();
  const std::size_t count = shingles.size() - span;
  thread_local std::vector<std::uint64_t> anchors;
  anchors.resize(count);
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
  // Repeated text within one article picks the same fingerprint again; keep the first.
  // PERF: a hash set instead of sort + unique (a fifth of this function's time).
  thread_local detail::HashSet seen;
  seen.reset(selected.size());
  std::erase_if(selected, [&](std::uint64_t f) { return !seen.insert(f); });
  return selected;
}

std::vector<CandidatePair> passage_candidates(
    const std::vector<std::vector<std::uint64_t>>& fingerprints, unsigned max_bucket,
    CandidateStats& stats) {
  for (const auto& f : fingerprints) stats.fingerprints += f.size();
  const auto shared = detail::find_shared_keys(
      fingerprints.size(), [&](std::size_t d) -> const std::vector<std::uint64_t>& { return fingerprints[d]; },
      max_bucket);
  stats.capped_buckets += shared.capped;
  auto pairs = pairs_sharing_a_key(shared);
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
