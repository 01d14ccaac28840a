// Stage 7b, rewritten copy: evidence beside exact runs for copy a newsroom reworded. An article's
// sentences become sets of content terms (stop words out, Snowball stems, numbers in digits,
// Urdu letter forms unified), weighted by how rare each term is in the corpus (tf-idf), and two
// articles' sentences are compared by cosine, which ignores word order. Sentences that match are
// grown into passages (neighbours within a few sentences on both sides), merged with the exact
// passages of align.hpp, and kept when the passage as a whole is alike. It compares two
// documents; whether two articles share copy is decided by the caller (compare reports every
// passage, cluster links on rewritten_link).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wiretrace/align.hpp"
#include "wiretrace/candidates.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/params.hpp"

namespace wiretrace {

/// One sentence as content terms: tokens [first_token, last_token) of the article, and the
/// hashes of its terms (stems), one per occurrence, sorted.
struct TermSentence {
  std::uint32_t first_token = 0, last_token = 0;
  std::vector<std::uint64_t> terms;
};

/// The languages whose stop words and stems termize knows; `other` keeps every word whole.
enum class TermLanguage : std::uint8_t {
  other, english, french, german, spanish, italian, portuguese, dutch, indonesian, russian, urdu
};

struct TermizedArticle {
  TermLanguage language = TermLanguage::other;
  std::vector<TermSentence> sentences;
};

/// Splits an article into sentences (at . ! ? and their Urdu, Arabic and CJK forms, and at blank
/// lines; a single line break is not a sentence end, since plain-text sources wrap lines) and
/// turns each into terms. The language is guessed from the stop words the text holds.
TermizedArticle termize(std::span<const Token> tokens, std::string_view text);

/// How rare each term is: document frequencies over a corpus (the articles of a run).
class TermWeights {
 public:
  /// Counts each article's distinct terms once.
  void add(const TermizedArticle& article);
  /// Inverse document frequency, ln((documents + 1) / (df + 0.5)).
  double idf(std::uint64_t term) const;
  std::size_t documents() const { return documents_; }
  /// Fewer articles than this are no corpus to learn rare words from: align_rewritten then
  /// finds no rewritten copy (only the exact passages).
  static constexpr std::size_t min_documents = 20;

 private:
  std::unordered_map<std::uint64_t, std::uint32_t> df_;
  std::size_t documents_ = 0;
};

/// An article as one tf-idf vector, unit length: each distinct term weighs (1 + ln tf) * idf.
struct TermVector {
  std::vector<std::uint64_t> terms;  ///< distinct, sorted
  std::vector<float> weights;        ///< parallel to terms
};
TermVector term_vector(const TermizedArticle& article, const TermWeights& weights);
/// Cosine of two articles' vectors (their dot product: both have unit length).
double term_cosine(const TermVector& a, const TermVector& b);
/// The article's `count` heaviest terms (its rarest names, places and figures), sorted.
std::vector<std::uint64_t> anchor_terms(const TermVector& v, unsigned count);

/// Candidates for rewritten copy: pairs of articles with at least `min_shared` anchor terms in
/// common (anchor_terms with `anchors_per_article`). A term that is an anchor of more than
/// max_bucket articles is ignored, as a crowded LSH bucket is. Sorted, a < b.
std::vector<CandidatePair> anchor_candidates(std::span<const TermVector> vectors,
                                             unsigned anchors_per_article, unsigned min_shared,
                                             unsigned max_bucket);

/// What `cluster` links as rewritten copy: for each article, its anchor candidate (the
/// rewrite_anchor_* of params) with the highest term_cosine, when that reaches
/// params.rewrite_link_cosine and the partner is itself its own best partner's best (the centre
/// of a story), so that links form stars and never chains. Sorted.
std::vector<CandidatePair> rewritten_links(std::span<const TermVector> vectors, const Params& params);

/// The knobs of rewritten-copy alignment; defaults and meaning: the rewrite_* fields of Params.
struct RewriteParams {
  double seed_cosine = Params{}.rewrite_seed_cosine;
  double seed_dice = Params{}.rewrite_seed_dice;
  unsigned max_gap_sentences = Params{}.rewrite_gap_sentences;
  double passage_cosine = Params{}.rewrite_passage_cosine;
  unsigned min_passage_words = Params{}.rewrite_min_words;
};

/// The rewrite_* knobs of a run.
RewriteParams rewrite_params(const Params& params);

/// The passages a and b share, exact and rewritten: the exact passages (align() of the same
/// tokens) are kept as they are unless matching sentences join them or lie beside them; those
/// and passages found only by sentence similarity come back as match = rewritten. Ordered by
/// position in a. With weights of fewer than TermWeights::min_documents articles, `exact`.
std::vector<AlignedPassage> align_rewritten(std::span<const Token> a_tokens,
                                            const TermizedArticle& a,
                                            std::span<const Token> b_tokens,
                                            const TermizedArticle& b,
                                            std::span<const AlignedPassage> exact,
                                            const TermWeights& weights,
                                            const RewriteParams& params = {});

}  // namespace wiretrace
