#include "wiretrace/boilerplate.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <xxhash.h>

#include "detail/assert.hpp"
#include "detail/hash_set.hpp"
#include "detail/mix.hpp"
#include "detail/shared_keys.hpp"

namespace wiretrace {
namespace {

bool in_edge_zone(std::size_t position, std::size_t length, std::size_t edge) {
  return position < edge || position + edge >= length;
}

// The reason of share_story: what a document shares with another, outside header and footer.
struct Overlap {
  std::size_t own = 0;         // non-zero positions whose shingle the other lacks
  bool shares_copy = false;    // a shared run of Params::boilerplate_story_run or more that is
                               // not header or footer
};

// Where each shingle of one sequence stands: an open-addressing table of each shingle's first
// position, and a chain through its later positions. One walk of another sequence then marks
// the shared positions on both sides, without building a set of the other.
class ShinglePositions {
 public:
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

  void assign(const std::vector<ShingleHash>& seq) {
    seq_ = &seq;
    std::size_t capacity = 16;
    while (capacity < 2 * seq.size()) capacity *= 2;
    mask_ = capacity - 1;
    slots_.assign(capacity, none);
    next_.assign(seq.size(), none);
    for (std::size_t i = seq.size(); i-- > 0;) {
      const ShingleHash h = seq[i];
      if (h == 0) continue;
      std::size_t s = h & mask_;
      while (slots_[s] != none && seq[slots_[s]] != h) s = (s + 1) & mask_;
      next_[i] = slots_[s];
      slots_[s] = static_cast<std::uint32_t>(i);
    }
  }
  /// The first position of `h`, or none.
  std::uint32_t first(ShingleHash h) const {
    if (h == 0) return none;
    for (std::size_t s = h & mask_;; s = (s + 1) & mask_) {
      const std::uint32_t p = slots_[s];
      if (p == none || (*seq_)[p] == h) return p;
    }
  }
  std::uint32_t next(std::uint32_t p) const { return next_[p]; }

 private:
  const std::vector<ShingleHash>* seq_ = nullptr;
  std::vector<std::uint32_t> slots_, next_;
  std::size_t mask_ = 0;
};

// Marks, for x (whose positions `x_at` holds) and y, the positions whose shingle the other has.
void mark_shared(const ShinglePositions& x_at, std::size_t x_size, const std::vector<ShingleHash>& y,
                 std::vector<char>& x_shared, std::vector<char>& y_shared) {
  x_shared.assign(x_size, 0);
  y_shared.assign(y.size(), 0);
  for (std::size_t j = 0; j < y.size(); ++j) {
    const std::uint32_t p = x_at.first(y[j]);
    if (p == ShinglePositions::none) continue;
    y_shared[j] = 1;
    if (x_shared[p]) continue;  // its whole chain is marked
    for (std::uint32_t q = p; q != ShinglePositions::none; q = x_at.next(q)) x_shared[q] = 1;
  }
}

// The first shared run of `seq` is the header when it starts in the head zone, the last one
// the footer when it ends in the tail zone, each when no longer than two edge zones (a footer
// that grows inward is masked up to that far). Any other shared run of `story_run` shingles
// (Params::boilerplate_story_run) is copy the two articles share elsewhere. `shared[i]`: the other article has seq[i].
Overlap overlap(const std::vector<ShingleHash>& seq, const std::vector<char>& shared, std::size_t edge,
                std::size_t story_run) {
  Overlap out;
  struct Run { std::size_t begin, end; };
  std::vector<Run> runs;
  for (std::size_t i = 0; i < seq.size();) {
    if (seq[i] == 0) { ++i; continue; }
    if (!shared[i]) { ++out.own; ++i; continue; }
    std::size_t j = i;
    while (j < seq.size() && seq[j] != 0 && shared[j]) ++j;
    runs.push_back({i, j});
    i = j;
  }
  const std::size_t n = seq.size();
  std::size_t first = 0, last = runs.size();
  if (!runs.empty() && runs.front().begin < edge && runs.front().end - runs.front().begin <= 2 * edge) first = 1;
  if (last > first && runs.back().end + edge > n && runs.back().end - runs.back().begin <= 2 * edge) --last;
  for (std::size_t r = first; r < last; ++r)
    if (runs[r].end - runs[r].begin >= story_run) out.shares_copy = true;
  return out;
}

// Whether two articles of one source tell the same story: one holds (nearly) nothing the other
// lacks, or they share copy outside their header and footer. Symmetric.
bool share_story(const std::vector<ShingleHash>& x, const ShinglePositions& x_at,
                 const std::vector<ShingleHash>& y, std::size_t edge, const Params& params) {
  thread_local std::vector<char> x_shared, y_shared;
  mark_shared(x_at, x.size(), y, x_shared, y_shared);
  const Overlap xy = overlap(x, x_shared, edge, params.boilerplate_story_run),
                yx = overlap(y, y_shared, edge, params.boilerplate_story_run);
  const std::size_t min_own = params.boilerplate_story_own;
  return xy.own < min_own || yx.own < min_own || xy.shares_copy || yx.shares_copy;
}

}  // namespace

BoilerplateStats mask_boilerplate(std::vector<std::vector<ShingleHash>>& shingles,
                                  const std::vector<std::string>& sources, const Params& params) {
  const unsigned edge_words = params.boilerplate_edge_words;
  WIRETRACE_ASSERT(shingles.size() == sources.size());
  BoilerplateStats stats;
  if (edge_words == 0) return stats;
  std::vector<std::uint64_t> source_keys(sources.size());
  for (std::size_t d = 0; d < sources.size(); ++d)
    source_keys[d] = sources[d].empty() ? 0 : XXH3_64bits(sources[d].data(), sources[d].size()) | 1;

  // (source, shingle) keys of the edge zone: a sequence's first and last edge_words positions.
  auto edge_keys = [&](std::size_t d) {
    std::vector<std::uint64_t> keys;
    if (source_keys[d] == 0) return keys;
    const auto& seq = shingles[d];
    keys.reserve(std::min<std::size_t>(seq.size(), std::size_t{2} * edge_words));
    for (std::size_t i = 0; i < seq.size(); ++i) {
      if (!in_edge_zone(i, seq.size(), edge_words)) {
        i = seq.size() - edge_words - 1;  // jump over the middle
        continue;
      }
      keys.push_back(detail::combine(source_keys[d], seq[i]));
    }
    return keys;
  };
  std::vector<std::vector<std::uint64_t>> keys(shingles.size());
  tbb::parallel_for(std::size_t{0}, shingles.size(), [&](std::size_t d) { keys[d] = edge_keys(d); });
  const auto shared = detail::find_shared_keys(
      keys.size(), [&](std::size_t d) -> const std::vector<std::uint64_t>& { return keys[d]; },
      std::numeric_limits<std::size_t>::max());
  keys = {};
  if (shared.size() == 0) return stats;

  // Keys seen at the edges of two or more different documents of one source, and for every
  // document the documents it shares them with (its candidate partners). Keys are visited in
  // ascending order so that the partners chosen do not depend on how the groups were found.
  // A small group (a story run twice, a few stories of one paper) gives all its members; a
  // large one (a footer under hundreds of stories) a few neighbours, which carry it as well.
  const std::size_t max_candidates = params.boilerplate_candidates;
  const std::size_t small_group = params.boilerplate_small_group;
  const std::size_t max_partners = params.boilerplate_grow_partners;
  std::vector<std::uint32_t> by_key(shared.size());
  std::iota(by_key.begin(), by_key.end(), 0u);
  tbb::parallel_sort(by_key.begin(), by_key.end(),
                     [&](std::uint32_t x, std::uint32_t y) { return shared.keys[x] < shared.keys[y]; });
  // Each document's own repeated keys, laid out by document: looking them up in a small table
  // per document stays in the cache, where one table of every repeated key did not (at a million
  // articles the masks took 19 times as long as at 100,000).
  std::vector<std::size_t> repeated_start(shingles.size() + 1, 0);
  for (std::uint32_t doc : shared.docs) ++repeated_start[doc + 1];
  for (std::size_t d = 0; d < shingles.size(); ++d) repeated_start[d + 1] += repeated_start[d];
  std::vector<std::uint64_t> repeated_keys(shared.docs.size());
  std::vector<std::uint32_t> repeated_groups(shared.docs.size());  // the same, as groups
  std::vector<std::size_t> next_repeated(repeated_start.begin(), repeated_start.end() - 1);
  std::vector<std::vector<std::uint32_t>> candidates(shingles.size());
  for (std::uint32_t g : by_key) {
    const auto docs = shared.members(g);
    for (std::size_t x = 0; x < docs.size(); ++x) {
      const std::size_t at = next_repeated[docs[x]]++;
      repeated_keys[at] = shared.keys[g];
      repeated_groups[at] = g;
    }
  }
  // Small groups first: the few documents that share some edge text with this one alone are
  // the ones whose relation decides what is masked (a story run twice, or two stories that
  // share a phrase next to the footer); a large group's neighbours fill the rest of the list.
  // Each document's list is made from its own groups, in key order (repeated_groups), so the
  // documents are done in parallel with the lists a walk over all groups would give.
  tbb::parallel_for(std::size_t{0}, shingles.size(), [&](std::size_t d) {
    auto& list = candidates[d];
    for (const bool small_pass : {true, false}) {
      const std::size_t cap = small_pass ? max_candidates - 2 : max_candidates;
      for (std::size_t k = repeated_start[d]; k < repeated_start[d + 1]; ++k) {
        const auto docs = shared.members(repeated_groups[k]);
        if ((docs.size() <= small_group) != small_pass) continue;
        // A group's documents are distinct and ascending.
        const std::size_t x = static_cast<std::size_t>(
            std::lower_bound(docs.begin(), docs.end(), static_cast<std::uint32_t>(d)) - docs.begin());
        const std::size_t reach = small_pass ? docs.size() : 2;
        const std::size_t from = x >= reach ? x - reach : 0, to = std::min(docs.size(), x + reach + 1);
        for (std::size_t y = from; y < to && list.size() < cap; ++y)
          if (y != x && std::find(list.begin(), list.end(), docs[y]) == list.end()) list.push_back(docs[y]);
      }
    }
  });
  // Boilerplate is what a source repeats across *different* stories. Two articles of one source
  // that share copy beyond their header and footer (a story and its update, one wire story run
  // under two sections, the same article filed twice) are one story: the text they share is the
  // story's, and masking it would hide the very copy that links them. Only unrelated partners
  // are evidence of boilerplate. (Sets are built per document here, not kept for all: at a
  // million articles they would not fit.)
  std::vector<std::vector<std::uint32_t>> partners(shingles.size());
  tbb::parallel_for(std::size_t{0}, shingles.size(), [&](std::size_t d) {
    if (candidates[d].empty()) return;
    thread_local ShinglePositions own;
    own.assign(shingles[d]);
    for (std::uint32_t e : candidates[d]) {
      if (partners[d].size() >= max_partners) break;
      if (!share_story(shingles[d], own, shingles[e], edge_words, params)) partners[d].push_back(e);
    }
  });
  candidates = {};
  // Masks are decided on the untouched sequences of every document, then applied together.
  std::vector<std::vector<char>> masks(shingles.size());
  tbb::parallel_for(std::size_t{0}, shingles.size(), [&](std::size_t d) {
    if (source_keys[d] == 0 || partners[d].empty()) return;
    const auto& seq = shingles[d];
    auto& mask = masks[d];
    mask.assign(seq.size(), 0);
    thread_local detail::HashSet is_repeated;
    is_repeated.assign({repeated_keys.data() + repeated_start[d], repeated_keys.data() + repeated_start[d + 1]});
    // carried[i]: an (unrelated) partner has seq[i]. One walk of each partner marks them.
    thread_local ShinglePositions at;
    at.assign(seq);
    std::vector<char> carried(seq.size(), 0);
    for (std::uint32_t partner : partners[d])
      for (const ShingleHash h : shingles[partner]) {
        std::uint32_t q = at.first(h);
        if (q == ShinglePositions::none || carried[q]) continue;  // a marked chain is whole
        for (; q != ShinglePositions::none; q = at.next(q)) carried[q] = 1;
      }
    // A repeated edge shingle is boilerplate only when an unrelated partner carries it too.
    for (std::size_t i = 0; i < seq.size(); ++i)
      if (in_edge_zone(i, seq.size(), edge_words) && seq[i] != 0 &&
          is_repeated.contains(detail::combine(source_keys[d], seq[i])) && carried[i])
        mask[i] = 1;
    // A few repeated shingles in a row are a stock phrase ("is at the centre of the"), not a
    // footer: boilerplate is a run of at least min_run shingles.
    const std::size_t min_run = params.boilerplate_min_shingles;
    for (std::size_t i = 0; i < seq.size();) {
      if (!mask[i]) { ++i; continue; }
      std::size_t j = i;
      while (j < seq.size() && mask[j]) ++j;
      if (j - i < min_run) std::fill(mask.begin() + i, mask.begin() + j, 0);
      i = j;
    }
    // A footer longer than the edge zone continues inward: grow a run that reaches the inner
    // border of its zone while the (unrelated) partners carry the same shingles, by at most
    // another edge_words positions.
    const std::size_t n = seq.size();
    for (std::size_t i = 0; i < n;) {
      if (!mask[i]) { ++i; continue; }
      std::size_t j = i;
      while (j < n && mask[j]) ++j;
      const bool reaches_head_border = j == std::min<std::size_t>(edge_words, n);
      const bool reaches_tail_border = n > edge_words && i == n - edge_words;
      std::size_t end = j;
      if (reaches_tail_border)
        for (std::size_t k = i, grown = 0; k > 0 && grown < edge_words && !mask[k - 1] && carried[k - 1]; --k, ++grown)
          mask[k - 1] = 2;
      if (reaches_head_border)
        for (std::size_t grown = 0; end < n && grown < edge_words && !mask[end] && carried[end]; ++end, ++grown)
          mask[end] = 2;
      i = end;
    }
  });

  std::vector<std::size_t> masked_per_doc(shingles.size(), 0);
  tbb::parallel_for(std::size_t{0}, shingles.size(), [&](std::size_t d) {
    for (std::size_t i = 0; i < masks[d].size(); ++i)
      if (masks[d][i]) {
        shingles[d][i] = 0;
        ++masked_per_doc[d];
      }
  });
  for (std::size_t n : masked_per_doc) {
    stats.masked_shingles += n;
    stats.documents_touched += n > 0;
  }
  return stats;
}

}  // namespace wiretrace
