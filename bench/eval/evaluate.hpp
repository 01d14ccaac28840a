// The evaluator: a wiretrace report judged against known truth. Truth (the generator's truth file,
// or groups of known duplicates) + a report -> pairwise precision, recall and F1 of families;
// byte precision and recall of reused and boilerplate passages; how often the original is the
// wire; whether passages tile each document; and examples of mistakes. Plain functions on plain
// data; the wiretrace-eval CLI only reads files and prints. It does not run wiretrace.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wiretrace::bench {

/// Which family each document is in; std::nullopt: in none (unique). Ordered, so that every
/// listing drawn from it is deterministic.
using FamilyAssignment = std::map<std::string, std::optional<std::string>>;

/// Bytes [first, second) of a text.
using ByteRange = std::pair<std::uint32_t, std::uint32_t>;

/// One line of the generator's truth file.
struct TruthRecord {
  std::string id;
  std::optional<std::string> family;
  std::optional<std::string> wire;  ///< id of the family's wire story (may be absent from the corpus)
  /// Family members: whether the wire is in the corpus (truth files without the field: true).
  bool wire_present = true;
  std::string role;                 ///< "wire", "copy" or "unrelated"
  /// Copies: "whole", "trimmed", "edited", "embedded", "excerpt", "reworded"; unrelated
  /// articles of a small paper: "small_paper".
  std::optional<std::string> kind;
  std::string source;
  std::vector<ByteRange> reused;       ///< taken from the wire (see gen/generator.hpp for each kind)
  std::vector<ByteRange> boilerplate;  ///< the publisher's header and footer
  std::vector<ByteRange> substituted;  ///< words a copy desk replaced
};

/// Reads a truth file. Throws wiretrace::Error naming `name:line` on a malformed line or a
/// repeated id.
std::vector<TruthRecord> read_truth(std::istream& in, const std::string& name);

FamilyAssignment truth_assignment(const std::vector<TruthRecord>& truth);

/// "copy/edited", "wire", "unrelated" or "unrelated/small_paper": how a document came to be.
std::string describe(const TruthRecord& record);

/// documents[].id and documents[].family of a wiretrace JSON report (family: a string id, or
/// null for unique documents). Throws wiretrace::Error naming `name` when it is not such a report.
FamilyAssignment read_report_families(std::istream& in, const std::string& name);

/// One passage of a report: kind "reused", "added", "original" or "boilerplate".
struct ReportPassage {
  std::uint64_t start = 0, end = 0;
  std::string kind;
  std::optional<std::string> source;  ///< reused: the document the text came from
  std::uint64_t source_start = 0, source_end = 0;
};

struct ReportDocument {
  std::string id;
  std::optional<std::string> family;
  std::string role;  ///< "original", "copy" or "unique"
  std::uint64_t bytes = 0;
  std::vector<ReportPassage> passages;  ///< in report order
};

struct ReportFamily {
  std::string id;
  std::string original;
  std::string original_basis;          ///< "published", "coverage", or "" when not given
  std::optional<bool> wire_in_input;   ///< whether wiretrace thinks the wire itself is a member
  std::vector<std::string> members;
};

/// The parts of a wiretrace JSON report that the evaluator reads, in report order.
struct Report {
  std::vector<ReportDocument> documents;
  std::vector<ReportFamily> families;
};

/// Reads documents (id, family, role, bytes, passages) and families (id, original,
/// original_basis, wire_in_input, members). Throws wiretrace::Error naming `name` and the
/// offending element when it is not such a report.
Report read_report(std::istream& in, const std::string& name);

struct DocPair {
  std::string a, b;  ///< a < b
  friend bool operator==(const DocPair&, const DocPair&) = default;
};

/// Pairs of documents put in one family: predicted vs true.
struct PairScores {
  std::uint64_t true_pairs = 0;       ///< pairs in one family in the truth
  std::uint64_t predicted_pairs = 0;  ///< pairs in one family in the prediction (truth documents only)
  std::uint64_t correct_pairs = 0;    ///< pairs in both
  double precision = 1.0;             ///< correct / predicted; 1 when nothing was predicted
  double recall = 1.0;                ///< correct / true; 1 when there is nothing to find
  double f1 = 1.0;
  std::size_t documents = 0;          ///< documents in the truth
  std::size_t missing = 0;            ///< truth documents absent from the prediction (scored as unique)
  std::size_t extra = 0;              ///< predicted documents absent from the truth (ignored)
  std::vector<DocPair> false_positives;  ///< up to max_examples, one per predicted family first
  std::vector<DocPair> false_negatives;  ///< up to max_examples, one per true family first
};

PairScores score_family_pairs(const FamilyAssignment& truth, const FamilyAssignment& predicted,
                              std::size_t max_examples = 10);

/// Documents known to be the same story (a row group of exact_duplicate_groups.tsv).
struct DuplicateGroup {
  std::string name;
  std::vector<std::string> docs;  ///< in file order
};

/// Reads a TSV with header "dup_group\tdoc", groups in order of first appearance. Throws
/// wiretrace::Error naming `name:line` on a malformed line.
std::vector<DuplicateGroup> read_duplicate_groups(std::istream& in, const std::string& name);

/// A pair of articles labelled by hand, as COUNTER labels its pairs: the agency story `a`
/// (NNNN), the newspaper story `b` written from it or beside it (NNNNp), and `label`: WD (wholly
/// derived), PD (partially derived) or ND (not derived: the paper's own report of the event).
struct LabelledPair {
  std::string a, b, label;
  unsigned number = 0;  ///< NNNN
};

/// Reads COUNTER's labels.json ({"NNNN": "WD" | "PD" | "ND", ...}), in key order. Throws
/// wiretrace::Error naming `name` on anything else.
std::vector<LabelledPair> read_counter_labels(std::istream& in, const std::string& name);

/// Per label, how many of its pairs sit in one family; and derived (WD + PD) pairs linked as
/// precision, recall and F1 against the labelled pairs (a linked ND pair is a false positive;
/// pairs nobody labelled are not counted).
struct LabelScores {
  std::map<std::string, std::pair<std::size_t, std::size_t>> linked;  ///< label -> (linked, pairs)
  double derived_precision = 0, derived_recall = 0, derived_f1 = 0;
};
LabelScores score_labelled_pairs(const std::vector<LabelledPair>& pairs, const FamilyAssignment& predicted);

struct GroupMiss {
  const DuplicateGroup* group = nullptr;
  /// Each doc's predicted family id, "(unique)", or "(absent)" when not in the report.
  std::vector<std::string> families;
};

struct GroupCheck {
  std::size_t groups = 0;
  std::size_t recovered = 0;  ///< groups whose docs all sit in one (non-null) family
  std::vector<GroupMiss> missed;
};

/// `groups` must outlive the result (misses point into it).
GroupCheck check_groups(const std::vector<DuplicateGroup>& groups, const FamilyAssignment& predicted);

/// Bytes of text judged against truth: precision = correct / predicted (1 when nothing was
/// predicted), recall = correct / truth (1 when there was nothing to find).
struct ByteScores {
  std::size_t documents = 0;
  std::uint64_t truth_bytes = 0;
  std::uint64_t predicted_bytes = 0;
  std::uint64_t correct_bytes = 0;
  double precision = 1.0;
  double recall = 1.0;
  double f1 = 1.0;
};

/// One document: `truth` and `predicted` ranges (any order, may overlap) merged and intersected.
ByteScores score_bytes(const std::vector<ByteRange>& truth, const std::vector<ByteRange>& predicted);

/// Adds the counts of `one` to `total` and recomputes its ratios.
void accumulate(ByteScores& total, const ByteScores& one);

/// Byte scores of passages against the truth.
struct PassageScores {
  /// Copies (truth role "copy"): bytes the report marks "reused" vs the truth's reused ranges.
  /// A copy the report leaves out of every family (or out of the report) has none marked.
  ByteScores reused;
  std::map<std::string, ByteScores> reused_by_kind;  ///< by truth copy kind
  ByteScores reused_wire_present, reused_wire_absent;
  /// The same with "original" passages counted as found too: a copy the report names its
  /// family's original (unavoidable when the wire is absent) marks what it shares "original".
  ByteScores shared;
  std::map<std::string, ByteScores> shared_by_kind;
  std::size_t copies_without_passages = 0;
  /// Bytes of truth "substituted" ranges in copies, and how many of them the report marks reused.
  std::uint64_t substituted_bytes = 0, substituted_marked_reused = 0;
  /// Reused bytes whose source is not in the copy's truth family (wrongly merged families).
  std::uint64_t reused_from_other_family = 0;
  /// Bytes marked "reused" in documents that are not copies, by truth role ("wire", "unrelated").
  std::map<std::string, std::uint64_t> reused_in_non_copies;
  /// Documents with passages (any role): "boilerplate" passages vs truth boilerplate ranges.
  ByteScores boilerplate;
  /// Truth boilerplate of documents without passages (unique in the report): not scored.
  std::uint64_t boilerplate_unscored_bytes = 0;
};

/// Truth documents missing from the report count as having no passages.
PassageScores score_passages(const std::vector<TruthRecord>& truth, const Report& report);

struct OriginalMiss {
  std::string family;    ///< report family id
  std::string original;  ///< the report's original
  std::string basis;     ///< the report's original_basis
  std::vector<std::string> wires;  ///< truth wires among the members
  /// Each member as "id (copy/edited)", in report order.
  std::vector<std::string> members;
};

/// Does the report name the wire as the original?
struct OriginalScores {
  std::size_t families = 0;   ///< report families
  std::size_t with_wire = 0;  ///< holding a truth wire (a member whose truth role is "wire")
  std::size_t correct = 0;    ///< of those, whose original is a truth wire
  double accuracy = 1.0;      ///< correct / with_wire; 1 when there are none
  std::size_t several_wires = 0;  ///< holding more than one truth wire (merged families)
  /// with_wire and correct by the report's original_basis.
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_basis;
  /// Families without a truth wire whose members are copies of a wire absent from the corpus,
  /// and how many of those the report marks wire_in_input false.
  std::size_t absent_wire_families = 0, absent_wire_flagged = 0;
  /// Families holding a truth wire that the report marks wire_in_input false anyway.
  std::size_t present_wire_flagged = 0;
  std::vector<OriginalMiss> misses;  ///< up to max_examples, in report order
};

OriginalScores score_originals(const std::vector<TruthRecord>& truth, const Report& report,
                               std::size_t max_examples = 10);

struct TilingViolation {
  std::string document;
  std::string problem;  ///< e.g. "gap: passage 3 starts at 120, passage 2 ended at 118"
};

/// Passages of every document that has any must tile [0, bytes): in order, no gaps or overlaps,
/// none empty, of a known kind; a reused passage names a document of the report and a byte range
/// inside it.
struct TilingCheck {
  std::size_t documents = 0;  ///< documents with passages
  std::size_t passages = 0;
  std::size_t violating_documents = 0;
  std::size_t violations = 0;
  std::vector<TilingViolation> examples;  ///< up to max_examples, in report order
  std::size_t members_without_passages = 0;  ///< family members with none (not a violation)
};

TilingCheck check_tiling(const Report& report, std::size_t max_examples = 20);

}  // namespace wiretrace::bench
