// The whole `cluster` run as one call: Documents -> families, roles and per-document figures.
// It owns no I/O: ingest before it, report after it.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "wiretrace/attribute.hpp"
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
  /// Family members only: passages tiling [0, bytes) of the text. Passage::source is a document
  /// index here (not a member index).
  std::vector<Passage> passages;
  std::uint32_t reused_words = 0;  ///< in the original: words some copy reused
  std::uint32_t added_words = 0;
  std::uint32_t boilerplate_words = 0;
  /// The other families this article bridges (Family::bridges), ascending: it quotes their
  /// story too, and is a copy there. Its passages, shared words and role are those of `family`;
  /// its passages name sources in these families as well.
  std::vector<std::int32_t> also_in;
};

/// Wall-clock seconds per stage, for the summary line and the benchmark.
struct StageTimes {
  double read = 0;         ///< filled by the caller that did the ingest
  double tokenize = 0;     ///< normalize + tokenize + shingle, fused per document
  double boilerplate = 0;
  double sketch = 0;
  double candidates = 0;
  double verify = 0;
  double cluster = 0;      ///< families, originals, per-document figures
  double align = 0;        ///< passages: alignment and attribution inside families
  double total = 0;        ///< everything above
};

/// The stages of a `cluster` run, in order, for progress reports.
enum class Stage { reading, tokenizing, boilerplate, sketching, candidates, verifying, clustering,
                   aligning, done };
/// "reading", "tokenizing", ..., "done".
const char* to_string(Stage stage);

/// Live counters a caller may poll from another thread (the CLI's progress bar). Plain data:
/// the pipeline only stores into it.
/// What the current stage counts, for its own share of the progress bar.
enum class ProgressUnit { none, documents, families };

struct Progress {
  std::atomic<Stage> stage{Stage::reading};
  std::atomic<std::size_t> documents_done{0};  ///< tokenized so far
  std::atomic<std::size_t> bytes_done{0};
  std::size_t documents_total = 0;
  /// The current stage's own work: stage_done of stage_total `stage_unit`s. A stage whose work
  /// is one library call (boilerplate, verifying) counts none (unit none, total 0).
  std::atomic<std::size_t> stage_done{0};
  std::atomic<std::size_t> stage_total{0};
  std::atomic<ProgressUnit> stage_unit{ProgressUnit::none};
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

/// Runs normalize -> shingle -> boilerplate -> sketch -> candidates -> verify -> cluster -> align.
/// Deterministic: the result does not depend on params.threads.
/// `progress`, when given, is updated as the run goes (stage, documents and bytes done).
ClusterResult cluster_documents(std::vector<Document> documents, const Params& params,
                                Progress* progress = nullptr);

/// Fills the results of family f's members (family, role, shared words) and names its original
/// from their shingles, dates and boilerplate words (one entry per member, in member order):
/// what `cluster` and `index export` both do once the families are built.
void settle_family(ClusterResult& result, std::size_t f,
                   std::span<const ShingleSet* const> member_sets,
                   std::span<const std::uint32_t> boilerplate_words);

}  // namespace wiretrace
