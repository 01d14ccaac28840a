// Whole articles as tf-idf vectors, and the pairs worth comparing for rewritten copy. A newsroom
// that rewrites agency copy changes its words, its order and its sentences, but keeps what the
// story is about: the names, places and figures, which are the rarest terms of both. So each
// article is listed under its few heaviest terms, and two articles listed together under
// several of them are a candidate pair; the count stays small because a rare term is rare.
#include <algorithm>
#include <numeric>
#include <unordered_map>

#include <tbb/parallel_for.h>

#include "rewrite/weighted_terms.hpp"
#include "wiretrace/rewrite.hpp"

namespace wiretrace {

TermVector term_vector(const TermizedArticle& article, const TermWeights& weights) {
  detail::WeightedTerms w = detail::weighted_terms(article.sentences, weights);
  TermVector v;
  v.terms = std::move(w.terms);
  v.weights.reserve(w.weights.size());
  for (double x : w.weights) v.weights.push_back(w.norm > 0 ? static_cast<float>(x / w.norm) : 0.0f);
  return v;
}

double term_cosine(const TermVector& a, const TermVector& b) {
  double dot = 0;
  for (std::size_t i = 0, j = 0; i < a.terms.size() && j < b.terms.size();) {
    if (a.terms[i] < b.terms[j]) ++i;
    else if (b.terms[j] < a.terms[i]) ++j;
    else dot += static_cast<double>(a.weights[i++]) * b.weights[j++];
  }
  return dot;
}

std::vector<std::uint64_t> anchor_terms(const TermVector& v, unsigned count) {
  std::vector<std::uint32_t> order(v.terms.size());
  std::iota(order.begin(), order.end(), 0u);
  const std::size_t k = std::min<std::size_t>(count, order.size());
  // Heaviest first; equal weights by term, so that the anchors do not depend on the sort.
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](std::uint32_t x, std::uint32_t y) {
                      return v.weights[x] != v.weights[y] ? v.weights[x] > v.weights[y]
                                                          : v.terms[x] < v.terms[y];
                    });
  std::vector<std::uint64_t> out;
  out.reserve(k);
  for (std::size_t i = 0; i < k; ++i) out.push_back(v.terms[order[i]]);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<CandidatePair> anchor_candidates(std::span<const TermVector> vectors,
                                             unsigned anchors_per_article, unsigned min_shared,
                                             unsigned max_bucket) {
  const std::size_t n = vectors.size();
  std::vector<std::vector<std::uint64_t>> anchors(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t d) {
    anchors[d] = anchor_terms(vectors[d], anchors_per_article);
  });
  // Postings in article order (built sequentially, so they are sorted).
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;
  for (std::uint32_t d = 0; d < n; ++d)
    for (std::uint64_t t : anchors[d]) postings[t].push_back(d);
  // Per article, the earlier articles it shares enough anchors with.
  std::vector<std::vector<CandidatePair>> found(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t d) {
    thread_local std::unordered_map<std::uint32_t, std::uint32_t> shared;
    shared.clear();
    const auto self = static_cast<std::uint32_t>(d);
    for (std::uint64_t t : anchors[d]) {
      const std::vector<std::uint32_t>& list = postings.at(t);
      if (list.size() > max_bucket) continue;  // a stock term (a weekday, an agency's name)
      for (std::uint32_t other : list) {
        if (other >= self) break;
        ++shared[other];
      }
    }
    for (const auto& [other, count] : shared)
      if (count >= min_shared) found[d].push_back({other, self});
    std::sort(found[d].begin(), found[d].end());
  });
  std::vector<CandidatePair> out;
  for (auto& f : found) out.insert(out.end(), f.begin(), f.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<CandidatePair> rewritten_links(std::span<const TermVector> vectors, const Params& params) {
  const std::vector<CandidatePair> candidates = anchor_candidates(
      vectors, params.rewrite_anchor_terms, params.rewrite_anchor_shared, params.rewrite_anchor_bucket);
  std::vector<double> cosine(candidates.size());
  tbb::parallel_for(std::size_t{0}, candidates.size(), [&](std::size_t i) {
    cosine[i] = term_cosine(vectors[candidates[i].a], vectors[candidates[i].b]);
  });
  // Each article links to its one most similar partner, if that is alike enough and is the
  // centre of a story: a pair of articles each other's best (the wire and its closest rewrite).
  // Whole-text likeness is not transitive: an article is alike to several stories on its topic,
  // and linking every alike pair chained 416 of 2,000 generated articles into one family;
  // following each article's best partner still chained 3,300 of 10,000. A rewrite has one copy
  // it was written from; a wire rewritten by several papers is each one's best. So links form
  // stars around mutual pairs, and a family never grows through a chain of them.
  constexpr std::size_t none = SIZE_MAX;
  std::vector<std::size_t> best(vectors.size(), none);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (cosine[i] < params.rewrite_link_cosine) continue;
    for (std::uint32_t d : {candidates[i].a, candidates[i].b})
      if (best[d] == none || cosine[i] > cosine[best[d]]) best[d] = i;  // ties: the earlier pair
  }
  constexpr std::uint32_t nobody = ~std::uint32_t{0};
  auto partner = [&](std::uint32_t d) {
    if (d == nobody || best[d] == none) return nobody;
    const CandidatePair& c = candidates[best[d]];
    return c.a == d ? c.b : c.a;
  };
  std::vector<std::size_t> chosen;
  for (std::uint32_t d = 0; d < vectors.size(); ++d) {
    const std::uint32_t p = partner(d);
    if (p != nobody && partner(partner(p)) == p) chosen.push_back(best[d]);
  }
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  std::vector<CandidatePair> out;
  out.reserve(chosen.size());
  for (std::size_t i : chosen) out.push_back(candidates[i]);
  return out;
}

}  // namespace wiretrace
