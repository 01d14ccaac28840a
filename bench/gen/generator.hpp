// The corpus generator: syndicated news with known truth, for tests and benchmarks.
// GeneratorOptions (with a seed) -> a JSON Lines corpus {"id","text","title","source","published"?}
// and a truth file (family, wire and whether it is in the corpus, role, copy kind, byte ranges
// reused from the wire, boilerplate ranges, replaced words), both streamed and byte-identical for
// one seed on any machine. It does not run wiretrace or score anything: eval/evaluate.hpp does.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gen/base_pool.hpp"
#include "gen/publishers.hpp"

namespace wiretrace::bench {

/// How a publisher's copy was made from the wire story.
enum class CopyKind {
  whole,     ///< the wire text verbatim (sometimes under a new headline)
  trimmed,   ///< the first 40-80% of the wire's paragraphs (more if that is under 40 words)
  edited,    ///< a word swapped in about a third of sentences, 1-2 sentences dropped, quotes retyped
  embedded,  ///< 1-3 wire paragraphs of 25+ words inside 300-900 words of the publisher's own text
  excerpt,   ///< 1-2 wire sentences of 15+ words inside 500-900 words of the publisher's own text
  reworded,  ///< 2-3 words replaced in most sentences, one sentence dropped, quotes retyped
};
inline constexpr std::size_t copy_kind_count = 6;
inline constexpr std::array<CopyKind, copy_kind_count> all_copy_kinds = {
    CopyKind::whole, CopyKind::trimmed, CopyKind::edited, CopyKind::embedded, CopyKind::excerpt, CopyKind::reworded};
std::string_view kind_name(CopyKind kind);
/// The kind called `name`, or nothing.
std::optional<CopyKind> kind_from_name(std::string_view name);

// What the truth calls reused, per kind: the copy's bytes that were taken from the wire. For
// whole, trimmed, embedded and excerpt copies they are wire text verbatim. Edited copies: wire
// text with quotes retyped, and each swapped word is the copy's own (the reused range stops
// before it and starts again after it; the word is listed in "substituted"). Reworded copies count each kept sentence as reused *including* its
// replaced words (the sentence was reused; the words are listed in "substituted"), so a reused
// range runs over consecutive kept sentences and the wire's separators between them, and breaks
// only where a sentence was dropped.

struct GeneratorOptions {
  std::uint64_t articles = 1000;  ///< total articles written (wires, copies and unrelated)
  std::uint64_t seed = 1;
  double family_fraction = 0.6;   ///< share of articles that belong to a family
  unsigned min_family_size = 2;   ///< articles per family in the corpus, wire included if present
  unsigned max_family_size = 8;
  /// Share of families (and of unrelated articles) that carry "published"; a dated wire is
  /// always earlier than its copies. The others carry no date at all.
  double dated_fraction = 0.5;
  /// Share of families whose wire is left out of the corpus: only copies (at least two) are
  /// written, and the truth still names the wire's id, with "wire_present": false.
  double absent_wire_fraction = 0.1;
  /// Relative weights of the copy kinds (all_copy_kinds order).
  std::array<double, copy_kind_count> kind_weights = {0.2, 0.2, 0.2, 0.2, 0.1, 0.1};
  unsigned publishers = 20;              ///< distinct publishers; at least max_family_size - 1
  double wire_unrelated_fraction = 0.2;  ///< share of unrelated stories published by a wire agency
  /// Share of unrelated articles printed by small papers, two or three articles each, which share
  /// nothing but a 60-120 word footer (longer than what wiretrace looks at for boilerplate).
  double small_paper_fraction = 0.1;
  /// Share of families (of two copies or more) in which the last copy is printed by the publisher
  /// of the copy before it: a story and its update, or one wire story under two sections.
  double same_publisher_fraction = 0;
  /// Share of copies printed by a one-off publisher: a paper seen once in the corpus, with a
  /// header and footer of its own that nothing else carries (so the truth calls them the copy's
  /// own text, not boilerplate: nothing repeats them). The long tail of a real feed.
  double one_off_fraction = 0;
  unsigned min_story_words = 200;        ///< length of a synthetic story (wires, unrelated)
  unsigned max_story_words = 700;
  std::filesystem::path base_dir;        ///< real articles, each used once; empty: synthetic only
  std::filesystem::path exclude_groups;  ///< exact-duplicate groups of base_dir (TSV)
  /// Articles shuffled together before writing, whole families at a time: bounds memory while
  /// keeping a family's members apart in the file.
  std::size_t chunk_articles = 4096;
};

/// The mix of the first generator, before the harder truth: whole, trimmed, edited and embedded
/// copies 25% each, every wire present, no small papers. With the same seed (and other options)
/// the corpus is byte-identical to that generator's; the truth lines gain "wire_present" and
/// "substituted".
void use_easy_mix(GeneratorOptions& options);

struct GeneratorStats {
  std::uint64_t articles = 0;             ///< corpus lines written
  std::uint64_t families = 0;
  std::uint64_t absent_wires = 0;         ///< families whose wire is not in the corpus
  std::uint64_t dated_families = 0;
  std::uint64_t copies = 0;
  std::array<std::uint64_t, copy_kind_count> copies_by_kind{};  ///< all_copy_kinds order
  std::uint64_t unrelated = 0;
  std::uint64_t small_papers = 0;
  std::uint64_t small_paper_articles = 0;  ///< counted in unrelated too
  std::uint64_t corpus_bytes = 0;
  std::uint64_t truth_bytes = 0;
  std::uint64_t real_stories = 0;       ///< base stories taken from base_dir
  std::uint64_t synthetic_stories = 0;  ///< base stories written by the synthetic writer
  BasePoolStats base;
};

/// Checks the options (throws wiretrace::Error naming the bad one), loads the base pool, and
/// writes `options.articles` corpus lines and as many truth lines. The wires left out of the
/// corpus go to `absent_wires` as corpus lines when it is given (to check the truth against, or
/// to put the wires back).
GeneratorStats generate_corpus(const GeneratorOptions& options, std::ostream& corpus, std::ostream& truth,
                               std::ostream* absent_wires = nullptr);

/// Throws wiretrace::Error when an option is out of range.
void validate(const GeneratorOptions& options);

/// "2024-03-05T14:22:00Z" for seconds since the Unix epoch.
std::string iso8601_utc(std::int64_t unix_seconds);

}  // namespace wiretrace::bench
