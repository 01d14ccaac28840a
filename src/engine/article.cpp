#include "wiretrace/engine.hpp"

#include <algorithm>

#include <tbb/parallel_for.h>

#include "detail/hash_set.hpp"
#include "detail/threads.hpp"
#include "detail/word_cover.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/sketch.hpp"

namespace wiretrace {

PreparedArticle prepare_article(std::string_view text, const Params& params) {
  const auto tokens = tokenize(text);
  PreparedArticle prepared;
  prepared.words = static_cast<std::uint32_t>(tokens.size());
  prepared.sequence = shingle_hashes(tokens, params.shingle_k);
  return prepared;
}

std::vector<PreparedArticle> prepare_articles(std::span<const Document> documents,
                                              const Params& params) {
  std::vector<PreparedArticle> out(documents.size());
  detail::with_threads(params.threads, [&] {
    tbb::parallel_for(std::size_t{0}, documents.size(), [&](std::size_t i) {
      out[i] = prepare_article(documents[i].text, params);
    });
  });
  return out;
}

LshBands lsh_bands(const Params& params) {
  return choose_bands(params.num_perm, params.lsh_threshold);
}

std::vector<std::uint64_t> article_fingerprints(std::span<const ShingleHash> sequence,
                                                const Params& params) {
  return passage_fingerprints(sequence, params.shingle_k, params.anchor_words,
                              params.min_run_words);
}

ArticleKeys article_keys(std::span<const ShingleHash> sequence, const Params& params) {
  ArticleKeys keys;
  keys.signature.resize(params.num_perm);
  minhash(sequence, params.seed, keys.signature);
  keys.band_keys = band_keys(keys.signature, lsh_bands(params));
  keys.fingerprints = article_fingerprints(sequence, params);
  return keys;
}

std::optional<ScoredPair> match_articles(const ShingleSet& a, const ShingleSet& b,
                                         const Params& params) {
  ScoredPair pair = score_pair(a, b, params.shingle_k);
  if (!shares_wire_copy(pair, params)) return std::nullopt;
  return pair;
}

WordParts word_parts(const ShingleSet& article, std::span<const ShingleSet> matched,
                     unsigned shingle_k) {
  WordParts parts;
  if (article.words == 0) return parts;
  thread_local detail::ShingleHashSet in_matches;
  std::size_t total = 0;
  for (const auto& m : matched) total += m.distinct_count;
  in_matches.reset(total);
  for (const auto& m : matched)
    for (ShingleHash h : m.sequence)
      if (h != 0) in_matches.insert(h);
  enum : std::uint8_t { added = 0, boilerplate = 1, reused = 2 };  // a stronger part wins
  std::vector<std::uint8_t> marks(article.words, added);
  detail::mark_covered_words(
      article.sequence, shingle_k,
      [&](ShingleHash h) -> std::uint8_t {
        return h == 0 ? boilerplate : (in_matches.contains(h) ? reused : added);
      },
      marks);
  for (std::uint8_t mark : marks) {
    if (mark == reused) ++parts.reused;
    else if (mark == boilerplate) ++parts.boilerplate;
    else ++parts.added;
  }
  return parts;
}

std::vector<bool> boilerplate_words(const ShingleSet& article, unsigned shingle_k,
                                    std::uint32_t header_words) {
  std::vector<std::uint8_t> marks(article.words, 0);
  detail::mark_covered_words(
      article.sequence, shingle_k, [](ShingleHash h) -> std::uint8_t { return h == 0; }, marks);
  std::fill_n(marks.begin(), std::min<std::size_t>(header_words, marks.size()), 1);
  return {marks.begin(), marks.end()};
}

std::uint32_t boilerplate_word_count(const ShingleSet& article, unsigned shingle_k,
                                     std::uint32_t header_words) {
  const auto mask = boilerplate_words(article, shingle_k, header_words);
  return static_cast<std::uint32_t>(std::count(mask.begin(), mask.end(), true));
}

}  // namespace wiretrace
