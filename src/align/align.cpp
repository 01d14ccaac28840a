#include "wiretrace/align.hpp"

#include <algorithm>
#include <tuple>

#include "align/align_text.hpp"
#include "detail/assert.hpp"
#include "detail/mix.hpp"

namespace wiretrace {

using detail::AlignText;

namespace {

// An exact diagonal run: a[a0 + t] == b[b0 + t] for t < length.
struct Run {
  std::uint32_t a0, b0, length;
};

// Seeds that match, grown into maximal runs along their diagonal.
std::vector<Run> exact_runs(const AlignText& a, const AlignText& b, const AlignParams& p) {
  std::vector<Run> runs;
  for (std::uint32_t ia = 0; ia < a.seeds.size(); ++ia) {
    const AlignText::Slot* in_b = b.find(a.seeds[ia]);
    if (in_b == nullptr || in_b->count > p.max_seed_repeats ||
        a.find(a.seeds[ia])->count > p.max_seed_repeats)
      continue;  // absent, or a stock phrase
    for (std::uint32_t jb = in_b->first; jb != ~0u; jb = b.next_same[jb]) {
      // Only the start of a run: the pair before it must not also be a matching seed.
      if (ia > 0 && jb > 0 && a.seeds[ia - 1] == b.seeds[jb - 1] &&
          a.tokens[ia - 1].hash == b.tokens[jb - 1].hash)
        continue;
      std::uint32_t length = 0;
      while (ia + length < a.tokens.size() && jb + length < b.tokens.size() &&
             a.tokens[ia + length].hash == b.tokens[jb + length].hash)
        ++length;
      runs.push_back({ia, jb, length});
    }
  }
  return runs;
}

// Longest runs first, each word used once on either side: repeated text (a quote printed twice)
// aligns with one place, not two. Overlapping runs are trimmed to their unused part.
std::vector<Run> one_to_one(std::vector<Run> runs, std::size_t a_size, std::size_t b_size, unsigned min_length) {
  std::sort(runs.begin(), runs.end(), [](const Run& x, const Run& y) {
    return x.length != y.length ? x.length > y.length : std::tie(x.a0, x.b0) < std::tie(y.a0, y.b0);
  });
  std::vector<char> used_a(a_size, 0), used_b(b_size, 0);
  std::vector<Run> kept;
  for (const Run& r : runs) {
    // The longest stretch of r free on both sides.
    std::uint32_t best_start = 0, best_length = 0, start = 0, length = 0;
    for (std::uint32_t t = 0; t < r.length; ++t) {
      if (!used_a[r.a0 + t] && !used_b[r.b0 + t]) {
        if (length == 0) start = t;
        if (++length > best_length) { best_length = length; best_start = start; }
      } else {
        length = 0;
      }
    }
    if (best_length < min_length) continue;
    const Run piece{r.a0 + best_start, r.b0 + best_start, best_length};
    std::fill_n(used_a.begin() + piece.a0, piece.length, 1);
    std::fill_n(used_b.begin() + piece.b0, piece.length, 1);
    kept.push_back(piece);
  }
  std::sort(kept.begin(), kept.end(), [](const Run& x, const Run& y) { return x.a0 < y.a0; });
  return kept;
}

}  // namespace

const char* to_string(PassageMatch match) {
  switch (match) {
    case PassageMatch::exact: return "exact";
    case PassageMatch::rewritten: return "rewritten";
  }
  return "exact";
}

AlignParams align_params(const Params& params) {
  AlignParams p;
  p.seed_words = params.align_seed_words;
  p.max_gap_words = params.align_gap_words;
  p.max_replaced_words = std::min(params.align_replaced_words, params.align_gap_words);
  p.max_seed_repeats = params.align_seed_repeats;
  p.min_passage_words = params.min_run_words;
  return p;
}

namespace {

// Whether a sentence ends between token i-1 and token i (or i is the start or the end).
bool sentence_break_before(std::span<const Token> tokens, std::string_view text, std::size_t i) {
  if (i == 0 || i >= tokens.size()) return true;
  if (text.empty()) return false;
  for (std::size_t at = tokens[i - 1].end; at < tokens[i].begin && at < text.size(); ++at)
    if (text[at] == '.' || text[at] == '!' || text[at] == '?' || text[at] == '\n') return true;
  return false;
}

}  // namespace

const AlignText::Slot* detail::AlignText::find(std::uint64_t seed) const {
  if (table.empty()) return nullptr;
  const std::size_t mask = table.size() - 1;
  for (std::size_t i = seed & mask;; i = (i + 1) & mask) {
    if (table[i].count == 0) return nullptr;
    if (table[i].seed == seed) return &table[i];
  }
}

AlignText detail::prepare_alignment(std::span<const Token> tokens, std::string_view text,
                                    const AlignParams& p) {
  WIRETRACE_ASSERT(p.seed_words >= 1);
  AlignText t;
  t.tokens = tokens;
  t.text = text;
  t.seed_words = p.seed_words;
  if (tokens.size() < p.seed_words) return t;
  const std::size_t n = tokens.size() - p.seed_words + 1;
  t.seeds.resize(n);
  t.next_same.assign(n, ~0u);
  std::size_t capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  t.table.resize(capacity);
  const std::size_t mask = capacity - 1;
  // PERF: a hash index instead of sorting (seed, position) pairs: linear, and positions of
  // one seed are chained in descending order by inserting from the end.
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t h = tokens[i].hash;
    for (unsigned w = 1; w < p.seed_words; ++w) h = detail::combine(h, tokens[i + w].hash);
    t.seeds[i] = h;
  }
  for (std::size_t i = n; i-- > 0;) {
    std::size_t slot = t.seeds[i] & mask;
    while (t.table[slot].count != 0 && t.table[slot].seed != t.seeds[i]) slot = (slot + 1) & mask;
    AlignText::Slot& s = t.table[slot];
    if (s.count != 0) t.next_same[i] = s.first;
    s.seed = t.seeds[i];
    s.first = static_cast<std::uint32_t>(i);
    ++s.count;
  }
  return t;
}

std::vector<AlignedPassage> align(std::span<const Token> a, std::span<const Token> b,
                                  const AlignParams& p, std::string_view a_text,
                                  std::string_view b_text) {
  return detail::align_prepared(detail::prepare_alignment(a, a_text, p),
                                detail::prepare_alignment(b, b_text, p), p);
}

std::vector<AlignedPassage> detail::align_prepared(const AlignText& at, const AlignText& bt,
                                                   const AlignParams& p) {
  WIRETRACE_ASSERT(at.seed_words == p.seed_words && bt.seed_words == p.seed_words);
  const auto a = at.tokens, b = bt.tokens;
  const std::string_view a_text = at.text, b_text = bt.text;
  std::vector<AlignedPassage> passages;
  if (a.size() < p.seed_words || b.size() < p.seed_words) return passages;
  const auto runs = one_to_one(exact_runs(at, bt, p), a.size(), b.size(), p.seed_words);

  // Chain runs in a's order while they also move forward in b and the gap between them is the
  // kind of edit a copy desk makes to wire copy: a few words replaced (both sides skip about as
  // many words), or whole sentences dropped or added (one side skips from one sentence break to
  // another). Words cut from inside a sentence on one side only are not chained: that is how a
  // quote is lifted away from the attribution printed around it, and each quote is its own
  // passage. Several chains stay open at once, so a stray three-word match elsewhere in b does
  // not cut a passage in two.
  auto light_edit = [&](const AlignedPassage& c, const Run& r) {
    const std::uint32_t gap_a = r.a0 - c.a_last, gap_b = r.b0 - c.b_last;
    if (gap_a > p.max_gap_words || gap_b > p.max_gap_words) return false;
    if (gap_a > 0 && gap_b > 0)
      return gap_a <= p.max_replaced_words && gap_b <= p.max_replaced_words &&
             std::max(gap_a, gap_b) - std::min(gap_a, gap_b) <= 2;
    if (gap_a > 0)
      return sentence_break_before(a, a_text, c.a_last) && sentence_break_before(a, a_text, r.a0);
    if (gap_b > 0)
      return sentence_break_before(b, b_text, c.b_last) && sentence_break_before(b, b_text, r.b0);
    return true;
  };
  auto close = [&](AlignedPassage& x) {
    if (x.matched_words < p.min_passage_words) return;
    x.a_begin = a[x.a_first].begin;
    x.a_end = a[x.a_last - 1].end;
    x.b_begin = b[x.b_first].begin;
    x.b_end = b[x.b_last - 1].end;
    passages.push_back(x);
  };
  std::vector<AlignedPassage> open;
  for (const Run& r : runs) {
    // Chains too far behind in a can never continue: close them.
    std::erase_if(open, [&](AlignedPassage& c) {
      if (r.a0 - std::min(r.a0, c.a_last) <= p.max_gap_words) return false;
      close(c);
      return true;
    });
    AlignedPassage* best = nullptr;
    std::uint32_t best_gap = 0;
    for (auto& c : open) {
      if (r.a0 < c.a_last || r.b0 < c.b_last || !light_edit(c, r)) continue;
      const std::uint32_t gap = (r.a0 - c.a_last) + (r.b0 - c.b_last);
      if (!best || gap < best_gap) { best = &c; best_gap = gap; }
    }
    if (best) {
      best->a_last = r.a0 + r.length;
      best->b_last = r.b0 + r.length;
      best->matched_words += r.length;
    } else {
      open.push_back({r.a0, r.a0 + r.length, r.b0, r.b0 + r.length, 0, 0, 0, 0, r.length});
    }
  }
  for (auto& c : open) close(c);
  std::sort(passages.begin(), passages.end(),
            [](const AlignedPassage& x, const AlignedPassage& y) { return x.a_first < y.a_first; });
  return passages;
}

}  // namespace wiretrace
