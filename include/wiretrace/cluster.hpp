// Stage 6, cluster: accepted pairs -> families (connected groups of articles sharing wire copy),
// each with a named original. It neither scores pairs nor aligns passages.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "wiretrace/verify.hpp"

namespace wiretrace {

/// On what the family's original was named.
enum class OriginalBasis {
  published,  ///< the earliest `published` date (every member has one)
  coverage,   ///< the text: shared text, boilerplate, containment, reuse (choose_original)
};
/// How clearly the evidence named the original.
enum class Confidence { high, medium, low };
/// "published", "coverage"; "high", "medium", "low": the words of the reports.
const char* to_string(OriginalBasis basis);
const char* to_string(Confidence confidence);

struct Family {
  std::vector<std::uint32_t> members;  ///< document indices, original first, then by id order
  std::uint32_t original = 0;          ///< document index
  OriginalBasis original_basis = OriginalBasis::coverage;
  Confidence original_confidence = Confidence::low;
  /// False when even the original carries a publisher's header or footer: then no member looks
  /// like the wire itself (two outlets ran the same story) and the original is the earliest or
  /// fullest of the copies.
  bool wire_in_input = true;
  std::vector<ScoredPair> pairs;       ///< the accepted pairs inside the family, sorted
  /// Members (ascending) whose own family is another: an article that quotes this family's
  /// story and another's (a round-up) and would chain the two into one (split_at_bridges). It
  /// is a copy here too, never the original; its passages are those of its own family.
  std::vector<std::uint32_t> bridges;
  /// 0 in a batch run: reports name families by position ("f1", "f2", … in report order). A
  /// dedup index's export sets the family's number in the index (its founder's article number),
  /// so the report says "f<number>", as dedup's lines do.
  std::uint32_t number = 0;
};

/// Connected components of the accepted pairs (union-find). Singletons are not families.
/// Families come out largest first, then by their smallest member index.
std::vector<Family> build_families(std::size_t num_documents, const std::vector<ScoredPair>& accepted);

/// What the cluster stage knows of a document beside its shingles.
struct DocumentFacts {
  std::optional<std::int64_t> published_unix;
  std::uint32_t header_words = 0;  ///< a header shorter than a shingle (short_header_words)
};

/// Splits the families that hang on a bridge: a member whose removal disconnects the family
/// (in the graph of accepted pairs), whose shared text with the sides differs (fewer than
/// min_run_words of its words shared with two sides alike), each side telling more than it took
/// (two articles of the side share min_run_words words it lacks), and that would be named the
/// original of none of the parts (by date or text, as choose_original names it: a wire whose
/// copies took different paragraphs is the source of each side, not a bridge between them).
/// Each part then holds the bridge too; it is one of the part's `bridges` except in the part
/// it shares the most words with. `facts` is per document. Families stay in their order,
/// largest first (a family's parts in order of their members).
std::vector<Family> split_at_bridges(std::vector<Family> families, std::span<const ShingleSet> sets,
                                     std::span<const DocumentFacts> facts, const Params& params);

/// Joins unique documents to families, and to each other, through rewritten links (rewrite.hpp),
/// after the exact families were split at their bridges: a link joins the two articles' own
/// families (not the ones they are a bridge of) and becomes one of the joined family's pairs,
/// unless it would join two exact families (in the order of `rewritten`): exact evidence alone
/// decides those. Families come out as build_families orders them. `num_documents` as there.
std::vector<Family> join_rewritten(std::vector<Family> families, std::size_t num_documents,
                                   const std::vector<ScoredPair>& rewritten);

/// For each member, its words covered by shingles that occur in at least one other member
/// (masked boilerplate positions count for none): OriginalEvidence::shared_words.
std::vector<std::uint32_t> shared_words_per_member(std::span<const ShingleSet* const> members,
                                                   unsigned shingle_k);

/// For each member, the words before its first word covered by a shingle that occurs in another
/// member: a header or headline of its own that no other member carries (0 when it opens with
/// shared text): OriginalEvidence::head_words.
std::vector<std::uint32_t> unshared_head_words_per_member(std::span<const ShingleSet* const> members,
                                                          unsigned shingle_k);

/// What naming an original needs to know about one family member.
struct OriginalEvidence {
  std::optional<std::int64_t> published_unix;
  /// Words covered by shingles that occur in at least one other member (boilerplate excluded).
  std::uint32_t shared_words = 0;
  std::uint32_t words = 0;
  std::uint32_t boilerplate_words = 0;  ///< the publisher's header and footer
  /// Members (indices into the same list) that hold at least 95% of this member's text.
  std::vector<std::uint32_t> contained_in;
  /// Words before its first shared word: a header or headline no other member carries.
  std::uint32_t head_words = 0;
  /// A bridge from another family (Family::bridges): never named the original while another
  /// member can be.
  bool bridge = false;
};

/// The evidence of each member (in member order) from its shingles: shared and head words, and
/// words; with the dates and boilerplate word counts given per member. contained_in and bridge
/// are left for the caller (name_original fills contained_in from the family's pairs).
std::vector<OriginalEvidence> members_evidence(std::span<const ShingleSet* const> member_sets,
                                               std::span<const std::optional<std::int64_t>> published,
                                               std::span<const std::uint32_t> boilerplate_words,
                                               unsigned shingle_k);

struct OriginalChoice {
  std::size_t index = 0;   ///< into the evidence list
  OriginalBasis basis = OriginalBasis::coverage;
  Confidence confidence = Confidence::low;
};

/// The earliest published member when every member has a date ("published"). Otherwise, from the
/// text ("coverage"): the wire holds every passage any copy took, so the candidates are the
/// members whose shared text is within 3% (or 16 words) of the most (Params::original_slack_*); publishers add headers and
/// footers that wire copy lacks, so the candidates with the least boilerplate (give or take 8
/// words, original_boilerplate_slack_words) stay; a candidate whose text sits
/// inside a longer candidate is a trimmed copy and drops out, unless the longer one opens with
/// text of its own (more head_words): that one is the shorter text under a publisher's header
/// the masking did not catch (a paper seen once), and the wire adds nothing to the shared text; when some
/// candidates open with shared text, those opening with a header of their own (head_words)
/// drop out; of the rest, the member whose text
/// is most reused wins (an outlet that embeds wire paragraphs adds much text of its own), then
/// the earlier one. Confidence is high when one member stands out on shared text (or on date),
/// medium when boilerplate or containment decided, low when it came down to the last rule.
OriginalChoice choose_original(const std::vector<OriginalEvidence>& members,
                               const Params& params = {});

/// choose_original for `members` (document indices; `evidence` in the same order), their
/// contained_in filled from `pairs` (those between two of them): what name_original decides.
OriginalChoice choose_original_of(std::span<const std::uint32_t> members,
                                  std::vector<OriginalEvidence> evidence,
                                  std::span<const ScoredPair> pairs, const Params& params = {});

/// Names the family's original from `evidence` (one entry per member, in member order; their
/// contained_in is filled here from the family's pairs: containment >= trimmed_copy_containment
/// (0.95) means a trimmed or whole copy), sets basis, confidence and wire_in_input, and moves the original to the front
/// of members. Returns the original's document index.
std::uint32_t name_original(Family& family, std::vector<OriginalEvidence> evidence,
                            const Params& params = {});

}  // namespace wiretrace
