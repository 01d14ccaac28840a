// Stage 4a, boilerplate: per-source masking of text a publisher repeats across its own articles
// (headers, bylines, newsletter footers). Such text must never make two articles a family.
// Input: shingle sequences with each document's source; output: the same sequences with
// boilerplate positions set to 0. It does not look across sources.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "wiretrace/shingle.hpp"

namespace wiretrace {

struct BoilerplateStats {
  std::size_t masked_shingles = 0;   ///< positions set to 0
  std::size_t documents_touched = 0; ///< documents with at least one masked position
};

/// A shingle is boilerplate of source S when at least two documents of S contain it within their
/// first or last `edge_words` words. Every occurrence of it in S's documents' edge zones is set to
/// 0 (middle occurrences stay: an update of a story repeats its body, not a footer). Documents
/// with an empty source are left alone. sources.size() must equal shingles.size().
BoilerplateStats mask_boilerplate(std::vector<std::vector<ShingleHash>>& shingles,
                                  const std::vector<std::string>& sources, unsigned edge_words);

}  // namespace wiretrace
