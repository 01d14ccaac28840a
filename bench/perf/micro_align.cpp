// Microbenchmark: align two 800-word articles that share three passages (whole sentences of a
// quoted inside b's own text). Reference: the planted passages, exactly: three passages with the
// planted token ranges in both texts and every word matched.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "micro_support.hpp"
#include "wiretrace/align.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/params.hpp"

namespace wiretrace::micro {
namespace {

struct Planted {
  std::uint32_t a_first, b_first, words;
};

struct Pair {
  std::string a, b;
  std::vector<Token> ta, tb;
  std::vector<Planted> planted;
};

/// a: 800 words. b: 800 words: its own text with three stretches of a (40, 60 and 30 words,
/// from far-apart places in a) set between 100+ words of its own.
const Pair& pair() {
  static const Pair p = [] {
    std::mt19937_64 rng(11);
    Pair out;
    const auto a = synthetic_words(rng, 800);
    const auto own = synthetic_words(rng, 800 - 130);
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> from_a = {{60, 40}, {330, 60}, {640, 30}};
    std::vector<std::string> b;
    std::size_t next_own = 0;
    auto take_own = [&](std::size_t n) {
      for (std::size_t i = 0; i < n; ++i) b.push_back(own.words[next_own++]);
    };
    for (const auto& [first, words] : from_a) {
      take_own(first == 60 ? 100 : 180);
      out.planted.push_back({first, static_cast<std::uint32_t>(b.size()), words});
      for (std::uint32_t i = 0; i < words; ++i) b.push_back(a.words[first + i]);
    }
    take_own(own.words.size() - next_own);
    out.a = a.text;
    out.b = as_sentences(b, rng);
    out.ta = tokenize(out.a);
    out.tb = tokenize(out.b);
    return out;
  }();
  return p;
}

const bool checked = register_check("align", [] {
  const Pair& p = pair();
  if (p.ta.size() != 800 || p.tb.size() != 800)
    return "texts of " + std::to_string(p.ta.size()) + " and " + std::to_string(p.tb.size()) +
           " words, expected 800 each";
  const auto passages = align(p.ta, p.tb, align_params(Params{}), p.a, p.b);
  if (passages.size() != p.planted.size())
    return std::to_string(passages.size()) + " passages, planted " + std::to_string(p.planted.size());
  for (std::size_t i = 0; i < passages.size(); ++i) {
    const auto& got = passages[i];
    const auto& want = p.planted[i];
    if (got.a_first != want.a_first || got.a_last != want.a_first + want.words ||
        got.b_first != want.b_first || got.b_last != want.b_first + want.words ||
        got.matched_words != want.words)
      return "passage " + std::to_string(i) + ": a [" + std::to_string(got.a_first) + ", " +
             std::to_string(got.a_last) + ") b [" + std::to_string(got.b_first) + ", " +
             std::to_string(got.b_last) + ") matched " + std::to_string(got.matched_words) +
             ", planted a [" + std::to_string(want.a_first) + ", " +
             std::to_string(want.a_first + want.words) + ") b [" + std::to_string(want.b_first) +
             ", " + std::to_string(want.b_first + want.words) + ")";
    if (got.a_begin != p.ta[got.a_first].begin || got.a_end != p.ta[got.a_last - 1].end ||
        got.b_begin != p.tb[got.b_first].begin || got.b_end != p.tb[got.b_last - 1].end)
      return "passage " + std::to_string(i) + ": byte ranges do not match its tokens";
  }
  return std::string();
});

void BM_align(benchmark::State& state) {
  const Pair& p = pair();
  const AlignParams params = align_params(Params{});
  for (auto _ : state) {
    auto passages = align(p.ta, p.tb, params, p.a, p.b);
    benchmark::DoNotOptimize(passages.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * (p.ta.size() + p.tb.size())));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * (p.a.size() + p.b.size())));
}
BENCHMARK(BM_align)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace wiretrace::micro
