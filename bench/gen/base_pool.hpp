// Real base text for the generator: news articles read from a folder (one per .txt file: the
// title on the first line, paragraphs separated by blank lines, the format of the BBC corpus).
// Folder -> BaseArticles, each a distinct story. It does not decide how articles are used.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gen/story.hpp"

namespace wiretrace::bench {

struct BasePoolStats {
  std::size_t files = 0;              ///< .txt files found under the folder
  std::size_t excluded_by_groups = 0; ///< later members of an exact-duplicate group
  std::size_t overlapping = 0;        ///< shared a run of overlap_words with an article kept earlier
  std::size_t too_short = 0;          ///< fewer than 2 paragraphs or 60 words
  std::size_t repaired_encoding = 0;  ///< held invalid UTF-8, read as Latin-1 where invalid
  std::size_t kept = 0;
};

struct BasePool {
  std::vector<BaseArticle> articles;  ///< in path order
  BasePoolStats stats;
};

/// Reads every *.txt under `dir` (recursively, in byte order of relative path). Drops all but the
/// first listed file of each group in `exclude_groups` (a TSV with header "dup_group\tdoc", doc
/// relative to `dir`; empty path: none), then every article that shares a run of `overlap_words`
/// lower-cased words with an article kept before it: a story filed twice or updated would be a
/// family nobody labelled. Throws wiretrace::Error when a folder or file cannot be read.
BasePool load_base_pool(const std::filesystem::path& dir,
                        const std::filesystem::path& exclude_groups = {}, unsigned overlap_words = 10);

/// One file's text as an article: first non-empty line the title, blank lines between
/// paragraphs, lines of a paragraph joined with a space, runs of spaces and tabs collapsed.
BaseArticle parse_article_text(std::string_view utf8, std::string origin);

/// The bytes as UTF-8, with each byte of an invalid sequence read as Latin-1 (a stray 0xA3 in a
/// BBC file becomes "£"). `repaired` tells whether anything changed.
std::string repair_utf8(std::string_view bytes, bool& repaired);

}  // namespace wiretrace::bench
