// The whole `cluster` run as one call: Documents -> families, roles and per-document figures.
// It owns no I/O: ingest before it, report after it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "wiretrace/candidates.hpp"
#include "wiretrace/cluster.hpp"
#include "wiretrace/document.hpp"
#include "wiretrace/params.hpp"

namespace wiretrace {

enum class Role { unique, original, copy };
const char* to_string(Role role);

/// What the report says about one document.
struct DocumentResult {
  std::int32_t family = -1;        ///< index into ClusterResult::families, -1 when unique
  Role role = Role::unique;
  std::uint32_t words = 0;
  std::uint32_t shared_words = 0;  ///< words covered by shingles found in another member
};

/// Wall-clock seconds per stage, for the summary line and the benchmark.
struct StageTimes {
  double normalize = 0, shingle = 0, boilerplate = 0, sketch = 0, candidates = 0, verify = 0,
         cluster = 0, total = 0;
};

struct ClusterResult {
  Params params;
  std::vector<Document> documents;
  std::vector<DocumentResult> results;  ///< parallel to documents
  std::vector<Family> families;
  std::vector<RejectedInput> rejected;
  std::vector<InputWarning> warnings;
  CandidateStats candidate_stats;
  std::size_t boilerplate_masked = 0;
  std::size_t verified_pairs = 0;
  std::size_t accepted_pairs = 0;
  StageTimes seconds;
};

/// Runs normalize -> shingle -> boilerplate -> sketch -> candidates -> verify -> cluster.
/// Deterministic: the result does not depend on params.threads.
ClusterResult cluster_documents(std::vector<Document> documents, const Params& params);

}  // namespace wiretrace
