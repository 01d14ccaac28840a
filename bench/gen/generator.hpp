// The corpus generator: syndicated news with known truth, for tests and benchmarks.
// GeneratorOptions (with a seed) -> a JSON Lines corpus {"id","text","title","source","published"?}
// and a truth file (family, role, copy kind, byte ranges reused from the wire, boilerplate ranges),
// both streamed and byte-identical for one seed on any machine. It does not run wiretrace or score
// anything: eval/evaluate.hpp does.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
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
};
inline constexpr std::array<CopyKind, 4> all_copy_kinds = {CopyKind::whole, CopyKind::trimmed,
                                                           CopyKind::edited, CopyKind::embedded};
std::string_view kind_name(CopyKind kind);

struct GeneratorOptions {
  std::uint64_t articles = 1000;  ///< total articles written (wires, copies and unrelated)
  std::uint64_t seed = 1;
  double family_fraction = 0.6;   ///< share of articles that belong to a family
  unsigned min_family_size = 2;   ///< articles per family, wire included
  unsigned max_family_size = 8;
  /// Share of families (and of unrelated articles) that carry "published"; a dated wire is
  /// always earlier than its copies.
  double dated_fraction = 0.5;
  /// Relative weights of whole, trimmed, edited and embedded copies (all_copy_kinds order).
  std::array<double, 4> kind_weights = {0.25, 0.25, 0.25, 0.25};
  unsigned publishers = 20;              ///< distinct publishers; at least max_family_size - 1
  double wire_unrelated_fraction = 0.2;  ///< share of unrelated stories published by a wire agency
  unsigned min_story_words = 200;        ///< length of a synthetic story (wires, unrelated)
  unsigned max_story_words = 700;
  std::filesystem::path base_dir;        ///< real articles, each used once; empty: synthetic only
  std::filesystem::path exclude_groups;  ///< exact-duplicate groups of base_dir (TSV)
  /// Articles shuffled together before writing, whole families at a time: bounds memory while
  /// keeping a family's members apart in the file.
  std::size_t chunk_articles = 4096;
};

struct GeneratorStats {
  std::uint64_t articles = 0;
  std::uint64_t families = 0;
  std::uint64_t copies = 0;
  std::array<std::uint64_t, 4> copies_by_kind{};  ///< all_copy_kinds order
  std::uint64_t unrelated = 0;
  std::uint64_t corpus_bytes = 0;
  std::uint64_t truth_bytes = 0;
  std::uint64_t real_stories = 0;       ///< base stories taken from base_dir
  std::uint64_t synthetic_stories = 0;  ///< base stories written by the synthetic writer
  BasePoolStats base;
};

/// Checks the options (throws wiretrace::Error naming the bad one), loads the base pool, and
/// writes `options.articles` corpus lines and as many truth lines.
GeneratorStats generate_corpus(const GeneratorOptions& options, std::ostream& corpus, std::ostream& truth);

/// Throws wiretrace::Error when an option is out of range.
void validate(const GeneratorOptions& options);

/// "2024-03-05T14:22:00Z" for seconds since the Unix epoch.
std::string iso8601_utc(std::int64_t unix_seconds);

}  // namespace wiretrace::bench
