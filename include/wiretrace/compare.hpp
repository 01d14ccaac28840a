// The compare driver: articles read from paths, tokenized once, and aligned in pairs (align.hpp)
// into the passages they share. `wiretrace compare` is this plus a writer; a library user
// compares in bulk the same way, with a sink of its own.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "wiretrace/align.hpp"
#include "wiretrace/document.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/params.hpp"
#include "wiretrace/rewrite.hpp"

namespace wiretrace {

/// One article read from a path for comparing: its document and tokens, or why it could not be
/// read as exactly one article.
struct LoadedArticle {
  Document document;  ///< id = the path as given
  std::vector<Token> tokens;
  /// termize(tokens, text), its sentences for rewritten copy: filled by compare_pairs, whose
  /// articles weigh the terms; load_article leaves it empty, as one pair alone finds only
  /// exact passages (compare_articles).
  TermizedArticle terms;
  std::string error;  ///< "FILE[:LINE]: reason" when unreadable; then the rest is empty
  std::vector<InputWarning> warnings;
};

/// Reads the one article at `path` (a text file, or a JSON Lines file of one record). Every
/// reason read_inputs rejects a record for, an empty file, and a file of several articles
/// become `error`; a path that does not exist throws Error.
LoadedArticle load_article(const std::string& path, const IngestOptions& options = {});

/// Two articles side by side: the passages they share.
struct Comparison {
  const Document* a = nullptr;
  const Document* b = nullptr;
  std::uint32_t a_words = 0, b_words = 0;
  std::vector<AlignedPassage> passages;
};

/// Exact and rewritten passages (align, then align_rewritten). `weights` are the term weights of
/// the run (compare_pairs learns them from every article it reads); without them, or with too
/// few articles behind them, only exact passages: two articles alone do not tell which words
/// are rare, and two reports of one event would pass for a rewrite.
Comparison compare_articles(const LoadedArticle& a, const LoadedArticle& b,
                            const AlignParams& params, const TermWeights* weights = nullptr,
                            const RewriteParams& rewrite = {});

/// A byte range [start, end) of one side's text.
struct ByteRange {
  std::uint32_t start = 0, end = 0;
};

/// What one side added: the stretches of its text outside every shared passage that hold more
/// than blanks and the punctuation between sentences (`compare`'s added_a / added_b).
enum class Side { a, b };
std::vector<ByteRange> added_ranges(const Comparison& comparison, Side side);

/// A pair to compare, named for messages by `where` (e.g. "pairs.txt:3").
struct PathPair {
  std::string a, b;
  std::string where;
};

/// Receives compare_pairs' outcomes, one per pair, in pair order.
class ComparisonSink {
 public:
  virtual ~ComparisonSink() = default;
  virtual void on_comparison(const PathPair& pair, const Comparison& comparison) = 0;
  /// The pair's first unreadable article, as LoadedArticle::error.
  virtual void on_error(const PathPair& pair, const std::string& error) = 0;
  /// Remarks about the articles read (invalid UTF-8 kept), each article once, before any pair.
  virtual void on_warning(const InputWarning& warning) = 0;
};

struct PairsSummary {
  std::size_t compared = 0;
  std::size_t failed = 0;  ///< pairs handed to on_error
};

/// Compares every pair. Each distinct path is read and tokenized once (a source listed in many
/// pairs), and the pairs are aligned in parallel on params.threads; outcomes reach the sink in
/// pair order. Under options.fail_on_error, a pair with an unreadable article throws BadInput
/// ("where: error") before anything is handed on.
PairsSummary compare_pairs(std::span<const PathPair> pairs, const Params& params,
                           const IngestOptions& options, ComparisonSink& sink);

}  // namespace wiretrace
