// The evaluator: a wiretrace report judged against known truth. Truth (the generator's truth file,
// or groups of known duplicates) + a report's family of each document -> pairwise precision,
// recall and F1, and examples of mistakes. Plain functions on plain data; the wiretrace-eval CLI
// only reads files and prints. It does not score byte ranges yet.
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

/// One line of the generator's truth file.
struct TruthRecord {
  std::string id;
  std::optional<std::string> family;
  std::optional<std::string> wire;  ///< id of the family's wire story
  std::string role;                 ///< "wire", "copy" or "unrelated"
  std::optional<std::string> kind;  ///< copies: "whole", "trimmed", "edited", "embedded"
  std::string source;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> reused;       ///< byte ranges [start, end)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> boilerplate;  ///< byte ranges [start, end)
};

/// Reads a truth file. Throws wiretrace::Error naming `name:line` on a malformed line or a
/// repeated id.
std::vector<TruthRecord> read_truth(std::istream& in, const std::string& name);

FamilyAssignment truth_assignment(const std::vector<TruthRecord>& truth);

/// "copy/edited", "wire" or "unrelated": how a document came to be, for listings.
std::string describe(const TruthRecord& record);

/// documents[].id and documents[].family of a wiretrace JSON report (family: a string id, or
/// null for unique documents). Throws wiretrace::Error naming `name` when it is not such a report.
FamilyAssignment read_report_families(std::istream& in, const std::string& name);

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

}  // namespace wiretrace::bench
