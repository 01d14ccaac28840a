// The per-article engine: what wiretrace does to one article, whichever way articles arrive: a
// batch (`cluster`, pipeline.hpp), a stream against an index (`dedup`, dedup.hpp) or pairs
// (`compare`, compare.hpp). prepare (tokenize + shingle) -> keys (MinHash signature, LSH band
// keys, passage fingerprints) -> match (exact scores + the decision rule) -> word parts
// (reused, boilerplate, added). Masking boilerplate needs a source's other articles: boilerplate.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "wiretrace/candidates.hpp"
#include "wiretrace/document.hpp"
#include "wiretrace/params.hpp"
#include "wiretrace/shingle.hpp"
#include "wiretrace/verify.hpp"

namespace wiretrace {

/// An article ready for matching. Tokens are not kept: shingles carry all that matching needs,
/// and the few articles that later need byte offsets (family members, compared pairs) are
/// tokenized again, which costs less than holding every token of every article.
struct PreparedArticle {
  std::vector<ShingleHash> sequence;  ///< shingle_hashes(tokens, shingle_k), unmasked
  std::uint32_t words = 0;            ///< tokens
};

PreparedArticle prepare_article(std::string_view text, const Params& params);
/// prepare_article for every document, in parallel on params.threads; in input order.
std::vector<PreparedArticle> prepare_articles(std::span<const Document> documents,
                                              const Params& params);

/// The LSH banding of params (choose_bands(num_perm, lsh_threshold)).
LshBands lsh_bands(const Params& params);

/// What finds an article's candidates: the keys an index stores and a batch run groups by.
struct ArticleKeys {
  std::vector<std::uint32_t> signature;  ///< minhash(sequence, seed) with num_perm values
  std::vector<std::uint64_t> band_keys;  ///< band_keys(signature, lsh_bands(params))
  std::vector<std::uint64_t> fingerprints;  ///< article_fingerprints(sequence, params)
};

/// The keys of a (masked) shingle sequence; zeros (boilerplate) take part in none of them.
ArticleKeys article_keys(std::span<const ShingleHash> sequence, const Params& params);
/// passage_fingerprints with the params' shingle_k, anchor_words and min_run_words.
std::vector<std::uint64_t> article_fingerprints(std::span<const ShingleHash> sequence,
                                                const Params& params);

/// Scores a candidate pair (a = the earlier article, as in a batch run) and applies the decision
/// rule (shares_wire_copy); empty when the two do not share wire copy.
std::optional<ScoredPair> match_articles(const ShingleSet& a, const ShingleSet& b,
                                         const Params& params);

/// What each word of an article is, as far as shingles can tell.
struct WordParts {
  std::uint32_t reused = 0;       ///< covered by a shingle found in a matched article
  std::uint32_t boilerplate = 0;  ///< otherwise covered by a masked (boilerplate) shingle
  std::uint32_t added = 0;        ///< the rest: reused + boilerplate + added = words
};

/// Word parts of `article` against the articles it matched.
WordParts word_parts(const ShingleSet& article, std::span<const ShingleSet> matched,
                     unsigned shingle_k);

/// Per word, whether a masked (boilerplate) shingle covers it, or it is one of the first
/// `header_words` (a header shorter than a shingle: short_header_words).
std::vector<bool> boilerplate_words(const ShingleSet& article, unsigned shingle_k,
                                    std::uint32_t header_words = 0);
/// How many of those words there are.
std::uint32_t boilerplate_word_count(const ShingleSet& article, unsigned shingle_k,
                                     std::uint32_t header_words = 0);

}  // namespace wiretrace
