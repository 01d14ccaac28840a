#include "wiretrace/boilerplate.hpp"

#include <algorithm>

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <xxhash.h>

#include "detail/assert.hpp"
#include "detail/hash_set.hpp"
#include "detail/mix.hpp"
#include "detail/partition_sort.hpp"

namespace wiretrace {
namespace {

bool in_edge_zone(std::size_t position, std::size_t length, std::size_t edge) {
  return position < edge || position + edge >= length;
}

struct EdgeShingle {
  std::uint64_t key;  // (source, shingle) combined: boilerplate is judged within one source
  std::uint32_t doc;
  friend bool operator<(const EdgeShingle& x, const EdgeShingle& y) {
    return x.key != y.key ? x.key < y.key : x.doc < y.doc;
  }
};

}  // namespace

BoilerplateStats mask_boilerplate(std::vector<std::vector<ShingleHash>>& shingles,
                                  const std::vector<std::string>& sources, unsigned edge_words) {
  WIRETRACE_ASSERT(shingles.size() == sources.size());
  BoilerplateStats stats;
  if (edge_words == 0) return stats;
  std::vector<std::uint64_t> source_keys(sources.size());
  std::vector<std::size_t> offsets(sources.size() + 1, 0);
  for (std::size_t d = 0; d < sources.size(); ++d) {
    source_keys[d] = sources[d].empty() ? 0 : XXH3_64bits(sources[d].data(), sources[d].size()) | 1;
    std::size_t edge_count = 0;
    if (source_keys[d] != 0)
      edge_count = std::min<std::size_t>(shingles[d].size(), std::size_t{2} * edge_words);
    offsets[d + 1] = offsets[d] + edge_count;
  }

  std::vector<EdgeShingle> entries(offsets.back());
  tbb::parallel_for(std::size_t{0}, shingles.size(), [&](std::size_t d) {
    if (source_keys[d] == 0) return;
    const auto& seq = shingles[d];
    std::size_t out = offsets[d];
    for (std::size_t i = 0; i < seq.size(); ++i) {
      if (!in_edge_zone(i, seq.size(), edge_words)) {
        i = seq.size() - edge_words - 1;  // jump over the middle
        continue;
      }
      entries[out++] = {detail::combine(source_keys[d], seq[i]), static_cast<std::uint32_t>(d)};
    }
    WIRETRACE_ASSERT(out == offsets[d + 1]);
  });
  detail::partition_sort(entries, [](const EdgeShingle& e) { return e.key >> 56; }, std::less<>());

  // Keys seen at the edges of two or more different documents of one source.
  std::vector<std::uint64_t> repeated;
  for (std::size_t i = 0; i < entries.size();) {
    std::size_t j = i + 1;
    bool several_docs = false;
    for (; j < entries.size() && entries[j].key == entries[i].key; ++j)
      several_docs |= entries[j].doc != entries[i].doc;
    if (several_docs) repeated.push_back(entries[i].key);
    i = j;
  }
  if (repeated.empty()) return stats;

  detail::HashSet is_repeated;
  is_repeated.assign(repeated);
  std::vector<std::size_t> masked_per_doc(shingles.size(), 0);
  tbb::parallel_for(std::size_t{0}, shingles.size(), [&](std::size_t d) {
    if (source_keys[d] == 0) return;
    auto& seq = shingles[d];
    for (std::size_t i = 0; i < seq.size(); ++i) {
      if (!in_edge_zone(i, seq.size(), edge_words) || seq[i] == 0) continue;
      if (is_repeated.contains(detail::combine(source_keys[d], seq[i]))) {
        seq[i] = 0;
        ++masked_per_doc[d];
      }
    }
  });
  for (std::size_t n : masked_per_doc) {
    stats.masked_shingles += n;
    stats.documents_touched += n > 0;
  }
  return stats;
}

}  // namespace wiretrace
