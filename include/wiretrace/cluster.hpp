// Stage 6, cluster: accepted pairs -> families (connected groups of articles sharing wire copy),
// each with a named original. It neither scores pairs nor aligns passages.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wiretrace/verify.hpp"

namespace wiretrace {

struct Family {
  std::vector<std::uint32_t> members;  ///< document indices, original first, then by id order
  std::uint32_t original = 0;          ///< document index
  std::string original_basis;          ///< "published" or "coverage"
  std::vector<ScoredPair> pairs;       ///< the accepted pairs inside the family, sorted
};

/// Connected components of the accepted pairs (union-find). Singletons are not families.
/// Families come out largest first, then by their smallest member index.
std::vector<Family> build_families(std::size_t num_documents, const std::vector<ScoredPair>& accepted);

/// What naming an original needs to know about one document.
struct OriginalEvidence {
  std::optional<std::int64_t> published_unix;
  /// Words of the document covered by shingles that occur in at least one other member.
  std::uint32_t shared_words = 0;
  std::uint32_t words = 0;
};

/// The earliest published member when every member has a date ("published"). Otherwise the
/// member holding the most text found in other members ("coverage"): the wire contains every
/// passage any copy took, while a copy lacks what it trimmed or edited. Ties go to the shorter
/// member (a whole copy adds its own header and footer), then to the earlier one.
/// Returns the index into `members` and the basis.
std::pair<std::size_t, std::string> choose_original(const std::vector<OriginalEvidence>& members);

}  // namespace wiretrace
