// Feed deduplication, one article at a time: Document -> tokens -> shingles (boilerplate masked
// against the last articles of its source) -> signature, band keys, passage
// fingerprints -> candidates from the Index -> exact scores -> new / copy / duplicate, recorded
// in the Index. It does not align passages: reused and added are word counts, not byte ranges.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "wiretrace/document.hpp"
#include "wiretrace/engine.hpp"
#include "wiretrace/index.hpp"
#include "wiretrace/params.hpp"

namespace wiretrace {

struct DedupOptions {
  /// Seconds: compare only with indexed articles whose `published` lies within this distance
  /// of the new article's. An article without a date (new or indexed) is compared with every
  /// article: a window cannot place it. Empty = no window.
  std::optional<std::int64_t> window_seconds;
  // What makes a match a duplicate (Params::duplicate_jaccard, duplicate_containment) and the
  // articles of its source a new article's boilerplate is judged against
  // (Params::feed_boilerplate_partners) are the index's parameters.
};

/// One indexed article the new one shares wire copy with.
struct DedupMatch {
  std::string id;
  std::uint32_t number = 0;
  double jaccard = 0;
  double containment = 0;  ///< share of the new article's distinct shingles found in the match
  std::uint32_t longest_run = 0;  ///< words (run of the indexed article's words, as in batch)
};

/// What `wiretrace dedup` reports for one article.
struct DedupResult {
  std::string id;
  DedupDecision decision = DedupDecision::new_article;
  std::uint32_t number = 0;  ///< its number in the index
  /// Family number: that of the article that founded it. Written "f<number>", the id `index
  /// export` gives the family (once it has two members, and unless a later article merged it
  /// into another: that article's `merged` names it).
  std::uint32_t family = 0;
  std::vector<std::uint32_t> merged;  ///< families this article bridged into `family`
  std::vector<DedupMatch> matches;    ///< best first: Jaccard, then containment, then older
  std::uint32_t words = 0;
  /// Words covered by shingles shared with a match: the `shared_words` of a cluster report (not
  /// its `reused_words`, which counts words in aligned passages; dedup does not align).
  std::uint32_t shared_words = 0;
  std::uint32_t boilerplate_words = 0;  ///< words covered by masked (boilerplate) shingles only
  std::uint32_t unshared_words = 0;     ///< the rest: words = shared + boilerplate + unshared
  /// The id was already in the index: this is the stored decision, and nothing was inserted.
  bool seen = false;
  /// The id was indexed with another text (a new version of the story): the old version was
  /// deleted from the index and this one decided afresh against the rest, under a new number.
  bool updated = false;
};

/// Work done so far (the faiss habit).
struct DedupStats {
  std::size_t articles = 0;  ///< decided and inserted
  std::size_t new_articles = 0, copies = 0, duplicates = 0;
  std::size_t seen = 0;      ///< ids already in the index with the same text: reported, not inserted
  std::size_t updated = 0;   ///< ids already in the index with another text: re-decided (also counted by decision)
  std::size_t candidates = 0, accepted = 0, merges = 0;
  std::size_t boilerplate_masked = 0;  ///< shingle positions masked
  LookupStats lookup;
};

/// Decides articles against an Index and records them in it. Not thread-safe.
class Deduplicator {
 public:
  explicit Deduplicator(Index& index, DedupOptions options = {});

  /// Decides each article (in order, each one seeing the ones before it) and records them all
  /// in one committed transaction; the results are returned only after the commit, so a caller
  /// that writes them afterwards never reports a decision the index does not hold. An id already
  /// in the index (or earlier in `documents`) with the same text (the same shingles and length)
  /// gets its stored result with `seen` set, and is not inserted again; with another text it is
  /// a new version: the old one is deleted and this one decided and inserted, with `updated`.
  /// `prepared` is parallel to `documents` (prepare_articles).
  std::vector<DedupResult> add(std::span<const Document> documents,
                               std::span<const PreparedArticle> prepared);
  DedupResult add(const Document& document);

  const DedupStats& stats() const { return stats_; }
  const Params& params() const { return index_->params(); }

 private:
  struct Decided;
  Decided decide_unlocked(const Document& document, const PreparedArticle& prepared);
  struct Masked;
  Masked mask_against_source(const Document& document, const PreparedArticle& prepared) const;
  DedupResult seen_result(std::uint32_t number) const;
  bool same_text(std::uint32_t number, const Document& document, const PreparedArticle& prepared) const;

  Index* index_;
  DedupOptions options_;
  DedupStats stats_;
};

/// A family number as every output writes it: "f12" (the export's family ids are the same).
std::string dedup_family_id(std::uint32_t family);

/// The decision of one article as one JSON object (README, "Feed deduplication"):
/// {"decision","family","merged"?,"seen"?,"matches":[{"id","jaccard","containment",
/// "longest_run"}],"words","shared_words","boilerplate_words","unshared_words"}, no newline.
std::string dedup_decision_json(const DedupResult& result);
/// `dedup --emit records`: the input record itself with its decision added as one member,
/// "wiretrace" (the object above), and a newline. A JSON Lines record is its own line with
/// `,"wiretrace":{…}` inserted before the closing brace, so its fields, their order and their
/// spelling stay as they were; a record that has a top-level "wiretrace" member already (the
/// output of an earlier dedup) is re-serialized with that member replaced. An article read from
/// a text file becomes {"id","text","wiretrace"}.
void write_dedup_record(std::ostream& out, const Document& document, const DedupResult& result);
/// `dedup --emit decisions`: {"id", then the decision object's members} and a newline.
void write_dedup_line(std::ostream& out, const DedupResult& result);
/// The line of an input record that is not an article. Records: {"id"?,"wiretrace":
/// {"decision":"rejected","input","reason"}}; decisions: {"id"?,"input","decision":"rejected",
/// "reason"}; "id" when the record's id could be read. A newline follows.
void write_rejected_record(std::ostream& out, const RejectedInput& rejected);
void write_rejected_line(std::ostream& out, const RejectedInput& rejected);

/// Human-readable `index stats` (one "key: value" per line) and its JSON form.
void write_index_stats(std::ostream& out, const IndexStats& stats, const Params& params,
                       bool json);

}  // namespace wiretrace
