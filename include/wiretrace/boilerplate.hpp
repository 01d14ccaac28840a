// Stage 4a, boilerplate: per-source masking of text a publisher repeats across its own articles
// (headers, bylines, newsletter footers). Such text must never make two articles a family.
// Input: shingle sequences with each document's source; output: the same sequences with
// boilerplate positions set to 0. It does not look across sources.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wiretrace/params.hpp"
#include "wiretrace/shingle.hpp"

namespace wiretrace {

struct BoilerplateStats {
  std::size_t masked_shingles = 0;   ///< positions set to 0
  std::size_t documents_touched = 0; ///< documents with at least one masked position
};

/// A run of at least params.boilerplate_min_shingles (4) shingles is boilerplate of source S when at least two documents of S
/// that tell different stories contain its shingles within their first or last
/// params.boilerplate_edge_words (`edge_words`)
/// words; the run then grows inward by up to edge_words more positions while those documents
/// carry the same shingles (a footer longer than the edge zone). Two documents of S tell the same
/// story (and are no evidence of each other's boilerplate) when one holds fewer than
/// boilerplate_story_own (8) shingles the other lacks, or when they share a run of
/// boilerplate_story_run (8) shingles (12 words) other than a header run
/// starting in the first edge zone or a footer run ending in the last: a story filed twice, its
/// update, one wire story under two sections. Their shared text is copy, never masked for being
/// repeated; their chrome is masked when an unrelated article of S carries it. Masked positions
/// are set to 0. Text shared in the middle of articles is never the seed of a run. Documents
/// with an empty source are left alone. sources.size() == shingles.size().
/// The run grows against up to params.boilerplate_grow_partners such documents.
BoilerplateStats mask_boilerplate(std::vector<std::vector<ShingleHash>>& shingles,
                                  const std::vector<std::string>& sources, const Params& params);
/// The same with the default rule and `edge_words` words at each end.
inline BoilerplateStats mask_boilerplate(std::vector<std::vector<ShingleHash>>& shingles,
                                         const std::vector<std::string>& sources,
                                         unsigned edge_words) {
  Params params;
  params.boilerplate_edge_words = edge_words;
  return mask_boilerplate(shingles, sources, params);
}

/// Headers shorter than a shingle, which mask_boilerplate cannot see: per document, the words of
/// its first line when that line has fewer than shingle_k words, is followed by more text, and
/// opens at least params.boilerplate_header_stories articles of the same source that go on
/// differently (their next five words differ). 0 for the others, and for an empty source.
std::vector<std::uint32_t> short_header_words(std::span<const std::string_view> texts,
                                              const std::vector<std::string>& sources,
                                              const Params& params);

}  // namespace wiretrace
