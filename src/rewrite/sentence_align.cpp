// align_rewritten, in the way of the best PAN text-alignment systems (Sánchez-Pérez et al. 2014):
// seeds are sentence pairs alike in content (tf-idf cosine and Dice both high); seeds, and the
// exact passages, that lie within a few sentences of each other on both sides are grown into one
// passage, in whatever order they come (a rewrite reorders clauses and sentences); a grown
// passage is kept when its two sides as wholes are still alike, which drops chance matches
// between two sentences of unrelated stories.
#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "detail/disjoint_sets.hpp"
#include "rewrite/weighted_terms.hpp"
#include "wiretrace/rewrite.hpp"

namespace wiretrace {
namespace {

double cosine(const detail::WeightedTerms& x, const detail::WeightedTerms& y) {
  if (x.norm == 0 || y.norm == 0) return 0;
  double dot = 0;
  for (std::size_t i = 0, j = 0; i < x.terms.size() && j < y.terms.size();) {
    if (x.terms[i] < y.terms[j]) ++i;
    else if (y.terms[j] < x.terms[i]) ++j;
    else dot += x.weights[i++] * y.weights[j++];
  }
  return dot / (x.norm * y.norm);
}

// A stretch of matching text: sentences [a0, a1] of a and [b0, b1] of b (inclusive), the tokens
// they cover, and the exact passage it is, if any.
struct Block {
  std::uint32_t a0, a1, b0, b1;
  std::uint32_t a_first, a_last, b_first, b_last;
  const AlignedPassage* exact = nullptr;
};

// Sentences whose tokens overlap [first, last).
std::pair<std::uint32_t, std::uint32_t> sentence_span(std::span<const TermSentence> s,
                                                      std::uint32_t first, std::uint32_t last) {
  auto lo = std::upper_bound(s.begin(), s.end(), first,
                             [](std::uint32_t t, const TermSentence& x) { return t < x.last_token; });
  auto hi = std::lower_bound(s.begin(), s.end(), last,
                             [](const TermSentence& x, std::uint32_t t) { return x.first_token < t; });
  if (lo == s.end()) lo = s.end() - 1;
  if (hi == s.begin()) hi = s.begin() + 1;
  return {static_cast<std::uint32_t>(lo - s.begin()),
          static_cast<std::uint32_t>(std::max(hi - s.begin() - 1, lo - s.begin()))};
}

// Sentences between two inclusive ranges; 0 when they touch or overlap.
std::uint32_t distance(std::uint32_t x0, std::uint32_t x1, std::uint32_t y0, std::uint32_t y1) {
  if (y0 > x1) return y0 - x1 - 1;
  if (x0 > y1) return x0 - y1 - 1;
  return 0;
}

AlignedPassage passage_of(const Block& b, std::span<const Token> a_tokens,
                          std::span<const Token> b_tokens, std::uint32_t exact_words) {
  AlignedPassage p;
  p.a_first = b.a_first;
  p.a_last = b.a_last;
  p.b_first = b.b_first;
  p.b_last = b.b_last;
  p.a_begin = a_tokens[b.a_first].begin;
  p.a_end = a_tokens[b.a_last - 1].end;
  p.b_begin = b_tokens[b.b_first].begin;
  p.b_end = b_tokens[b.b_last - 1].end;
  p.matched_words = exact_words;
  p.match = PassageMatch::rewritten;
  return p;
}

void widen(Block& m, const Block& g) {
  m.a0 = std::min(m.a0, g.a0), m.a1 = std::max(m.a1, g.a1);
  m.b0 = std::min(m.b0, g.b0), m.b1 = std::max(m.b1, g.b1);
  m.a_first = std::min(m.a_first, g.a_first), m.a_last = std::max(m.a_last, g.a_last);
  m.b_first = std::min(m.b_first, g.b_first), m.b_last = std::max(m.b_last, g.b_last);
}

bool near(const Block& x, const Block& y, std::uint32_t gap) {
  return distance(x.a0, x.a1, y.a0, y.a1) <= gap && distance(x.b0, x.b1, y.b0, y.b1) <= gap;
}

// Numbers the sets 0, 1, ... in the order of their first elements: the set of each element.
std::vector<std::size_t> set_numbers(detail::DisjointSets& sets, std::size_t& count) {
  std::vector<std::size_t> number_of_root(sets.size(), SIZE_MAX), number(sets.size());
  count = 0;
  for (std::uint32_t x = 0; x < sets.size(); ++x) {
    std::size_t& n = number_of_root[sets.find(x)];
    if (n == SIZE_MAX) n = count++;
    number[x] = n;
  }
  return number;
}

// The blocks of each set widened into one, in set_numbers order.
std::vector<Block> widened_sets(std::span<const Block> blocks, std::span<const std::size_t> number,
                                std::size_t count) {
  std::vector<Block> out;
  out.reserve(count);
  for (std::size_t x = 0; x < blocks.size(); ++x)
    if (number[x] == out.size()) out.push_back(blocks[x]);
    else widen(out[number[x]], blocks[x]);
  return out;
}

// Joins blocks within `gap` sentences of each other on both sides, until no two groups are that
// close (a grown group reaches further).
std::vector<Block> grow(std::span<const Block> blocks, std::uint32_t gap) {
  std::vector<Block> groups(blocks.begin(), blocks.end());
  for (;;) {
    detail::DisjointSets sets(groups.size());
    for (std::uint32_t x = 0; x < groups.size(); ++x)
      for (std::uint32_t y = x + 1; y < groups.size(); ++y)
        if (near(groups[x], groups[y], gap)) sets.unite(x, y);
    std::size_t count = 0;
    const std::vector<std::size_t> number = set_numbers(sets, count);
    if (count == groups.size()) return groups;
    groups = widened_sets(groups, number, count);
  }
}

// Per sentence, the exact passage that covers most of its tokens (it is placed already), or
// none (-1).
constexpr std::int32_t uncovered = -1;
std::vector<std::int32_t> covering_passage(std::span<const TermSentence> sentences,
                                           std::span<const AlignedPassage> exact, bool side_a) {
  std::vector<std::int32_t> covered(sentences.size(), uncovered);
  for (std::size_t i = 0; i < sentences.size(); ++i)
    for (std::size_t k = 0; k < exact.size(); ++k) {
      const AlignedPassage& p = exact[k];
      const std::uint32_t f = side_a ? p.a_first : p.b_first, l = side_a ? p.a_last : p.b_last;
      const std::uint32_t lo = std::max(f, sentences[i].first_token);
      const std::uint32_t hi = std::min(l, sentences[i].last_token);
      if (hi > lo && 2 * (hi - lo) > sentences[i].last_token - sentences[i].first_token)
        covered[i] = static_cast<std::int32_t>(k);
    }
  return covered;
}

}  // namespace

RewriteParams rewrite_params(const Params& params) {
  RewriteParams p;
  p.seed_cosine = params.rewrite_seed_cosine;
  p.seed_dice = params.rewrite_seed_dice;
  p.max_gap_sentences = params.rewrite_gap_sentences;
  p.passage_cosine = params.rewrite_passage_cosine;
  p.min_passage_words = params.rewrite_min_words;
  return p;
}

std::vector<AlignedPassage> align_rewritten(std::span<const Token> a_tokens,
                                            const TermizedArticle& a,
                                            std::span<const Token> b_tokens,
                                            const TermizedArticle& b,
                                            std::span<const AlignedPassage> exact,
                                            const TermWeights& weights,
                                            const RewriteParams& params) {
  std::vector<AlignedPassage> out(exact.begin(), exact.end());
  // Without a corpus every word weighs the same, and two reports of one event (the same names,
  // places and figures) look like a rewrite of each other: seeds 000 and 001 did.
  if (weights.documents() < TermWeights::min_documents) return out;
  if (a.sentences.empty() || b.sentences.empty()) return out;
  std::vector<detail::WeightedTerms> av, bv;
  for (std::size_t i = 0; i < a.sentences.size(); ++i)
    av.push_back(detail::weighted_terms(std::span(a.sentences).subspan(i, 1), weights));
  for (std::size_t j = 0; j < b.sentences.size(); ++j)
    bv.push_back(detail::weighted_terms(std::span(b.sentences).subspan(j, 1), weights));
  // A sentence an exact passage placed seeds only with a sentence of that passage's other side
  // (the reworded words between its exact runs); with any other it is a repeat, not new copy.
  const std::vector<std::int32_t> a_covered = covering_passage(a.sentences, exact, true);
  const std::vector<std::int32_t> b_covered = covering_passage(b.sentences, exact, false);

  // Seeds: every b sentence sharing a term with an a sentence is scored once, through b's
  // inverted index.
  std::unordered_map<std::uint64_t, std::vector<std::pair<std::uint32_t, double>>> postings;
  for (std::uint32_t j = 0; j < bv.size(); ++j)
    for (std::size_t k = 0; k < bv[j].terms.size(); ++k)
        postings[bv[j].terms[k]].emplace_back(j, bv[j].weights[k]);
  std::vector<Block> seeds;
  std::vector<double> dot(bv.size(), 0.0);
  std::vector<std::uint32_t> shared(bv.size(), 0), touched;
  for (std::uint32_t i = 0; i < av.size(); ++i) {
    touched.clear();
    for (std::size_t k = 0; k < av[i].terms.size(); ++k) {
      const auto it = postings.find(av[i].terms[k]);
      if (it == postings.end()) continue;
      for (const auto& [j, w] : it->second) {
        if (shared[j]++ == 0) touched.push_back(j);
        dot[j] += av[i].weights[k] * w;
      }
    }
    for (std::uint32_t j : touched) {
      const double cos = av[i].norm > 0 && bv[j].norm > 0 ? dot[j] / (av[i].norm * bv[j].norm) : 0;
      const double dice = 2.0 * shared[j] / static_cast<double>(av[i].terms.size() + bv[j].terms.size());
      if (cos >= params.seed_cosine && dice >= params.seed_dice && a_covered[i] == b_covered[j])
        seeds.push_back({i, i, j, j, a.sentences[i].first_token, a.sentences[i].last_token,
                         b.sentences[j].first_token, b.sentences[j].last_token, nullptr});
      dot[j] = 0;
      shared[j] = 0;
    }
  }
  if (seeds.empty()) return out;

  // Seeds grow into passages, kept when their sides are alike as wholes and long enough.
  std::vector<Block> passages;
  for (const Block& g : grow(seeds, params.max_gap_sentences)) {
    if (g.a_last - g.a_first < params.min_passage_words ||
        g.b_last - g.b_first < params.min_passage_words)
      continue;
    const double whole = cosine(
        detail::weighted_terms(std::span(a.sentences).subspan(g.a0, g.a1 - g.a0 + 1), weights),
        detail::weighted_terms(std::span(b.sentences).subspan(g.b0, g.b1 - g.b0 + 1), weights));
    if (whole >= params.passage_cosine) passages.push_back(g);
  }
  if (passages.empty()) return out;

  // A rewritten passage next to an exact one (no sentence between them on either side) is the
  // same copy, partly pasted and partly reworded: one passage. Exact passages never join each
  // other here; the exact aligner decided what lies between them.
  const std::size_t rewritten = passages.size();
  for (const AlignedPassage& p : exact) {
    const auto [a0, a1] = sentence_span(a.sentences, p.a_first, p.a_last);
    const auto [b0, b1] = sentence_span(b.sentences, p.b_first, p.b_last);
    passages.push_back({a0, a1, b0, b1, p.a_first, p.a_last, p.b_first, p.b_last, &p});
  }
  detail::DisjointSets sets(passages.size());
  for (std::uint32_t x = 0; x < rewritten; ++x)
    for (std::uint32_t y = x + 1; y < passages.size(); ++y)
      if (near(passages[x], passages[y], params.max_gap_sentences)) sets.unite(x, y);
  std::size_t count = 0;
  const std::vector<std::size_t> number = set_numbers(sets, count);
  const std::vector<Block> joined = widened_sets(passages, number, count);
  std::vector<std::uint32_t> exact_words(count, 0), exact_members(count, 0);
  std::vector<bool> has_rewritten(count, false);
  for (std::size_t x = 0; x < passages.size(); ++x) {
    if (passages[x].exact) {
      exact_words[number[x]] += passages[x].exact->matched_words;
      ++exact_members[number[x]];
    }
    if (x < rewritten) has_rewritten[number[x]] = true;
  }
  std::vector<AlignedPassage> result;
  for (std::size_t g = 0; g < joined.size(); ++g) {
    // Reworded words between the exact runs of one passage (seeds inside it) add no text to it:
    // it stays the exact passage it was.
    const AlignedPassage* only = nullptr;
    if (exact_members[g] == 1)
      for (const AlignedPassage& p : exact)
        if (p.a_first == joined[g].a_first && p.a_last == joined[g].a_last &&
            p.b_first == joined[g].b_first && p.b_last == joined[g].b_last)
          only = &p;
    if (!has_rewritten[g] || only)
      result.push_back(only ? *only : *joined[g].exact);
    else
      result.push_back(passage_of(joined[g], a_tokens, b_tokens, exact_words[g]));
  }
  std::sort(result.begin(), result.end(), [](const AlignedPassage& x, const AlignedPassage& y) {
    return x.a_first != y.a_first ? x.a_first < y.a_first : x.b_first < y.b_first;
  });
  return result;
}

}  // namespace wiretrace
