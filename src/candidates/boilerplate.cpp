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
  // document a few of the documents it shares them with (its partners, for growing below).
  // Keys are visited in ascending order so that the partners chosen do not depend on how the
  // groups were found.
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
  std::vector<std::size_t> next_repeated(repeated_start.begin(), repeated_start.end() - 1);
  std::vector<std::vector<std::uint32_t>> partners(shingles.size());
  for (std::uint32_t g : by_key) {
    // Linking each document to its neighbours in the group is enough: they all carry the text.
    const auto docs = shared.members(g);
    for (std::size_t x = 0; x < docs.size(); ++x) {
      repeated_keys[next_repeated[docs[x]]++] = shared.keys[g];
      for (std::size_t y : {x - 1, x + 1}) {
        if (y >= docs.size()) continue;  // x - 1 wraps around for x = 0
        auto& list = partners[docs[x]];
        if (list.size() < max_partners && std::find(list.begin(), list.end(), docs[y]) == list.end())
          list.push_back(docs[y]);
      }
    }
  }
  // Masks are decided on the untouched sequences of every document, then applied together.
  std::vector<std::vector<char>> masks(shingles.size());
  tbb::parallel_for(std::size_t{0}, shingles.size(), [&](std::size_t d) {
    if (source_keys[d] == 0 || partners[d].empty()) return;
    const auto& seq = shingles[d];
    auto& mask = masks[d];
    mask.assign(seq.size(), 0);
    thread_local detail::HashSet is_repeated;
    is_repeated.assign({repeated_keys.data() + repeated_start[d], repeated_keys.data() + repeated_start[d + 1]});
    for (std::size_t i = 0; i < seq.size(); ++i)
      if (in_edge_zone(i, seq.size(), edge_words) && seq[i] != 0 &&
          is_repeated.contains(detail::combine(source_keys[d], seq[i])))
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
    // border of its zone while the partners carry the same shingles, by at most another
    // edge_words positions. Partner sets are built only for documents that need them.
    std::vector<detail::ShingleHashSet> partner_sets;
    auto carried = [&](ShingleHash h) {
      if (partner_sets.empty()) {
        partner_sets.resize(partners[d].size());
        for (std::size_t p = 0; p < partners[d].size(); ++p) partner_sets[p].assign(shingles[partners[d][p]]);
      }
      return h != 0 && std::any_of(partner_sets.begin(), partner_sets.end(),
                                   [&](const detail::ShingleHashSet& set) { return set.contains(h); });
    };
    const std::size_t n = seq.size();
    for (std::size_t i = 0; i < n;) {
      if (!mask[i]) { ++i; continue; }
      std::size_t j = i;
      while (j < n && mask[j]) ++j;
      const bool reaches_head_border = j == std::min<std::size_t>(edge_words, n);
      const bool reaches_tail_border = n > edge_words && i == n - edge_words;
      std::size_t end = j;
      if (reaches_tail_border)
        for (std::size_t k = i, grown = 0; k > 0 && grown < edge_words && !mask[k - 1] && carried(seq[k - 1]); --k, ++grown)
          mask[k - 1] = 2;
      if (reaches_head_border)
        for (std::size_t grown = 0; end < n && grown < edge_words && !mask[end] && carried(seq[end]); ++end, ++grown)
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
