// Microbenchmark: shingle_hashes (XXH3 over every run of 5 word hashes) on the tokens of 1 MB of
// English news. Reference: n - k + 1 values, none 0, and a text repeated with a period of P
// words has shingle i == shingle i + P (equal windows hash equal) while one copy's shingles are
// as distinct as its 5-word windows.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "micro_support.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/shingle.hpp"

namespace wiretrace::micro {
namespace {

constexpr unsigned k = 5;

struct Input {
  std::string text;
  std::vector<Token> tokens;
  std::size_t period = 0;  ///< tokens per copy of the seed text
};

const Input& input() {
  static const Input in = [] {
    Input i;
    const std::string one = ascii_folded(seed_news());
    i.period = tokenize(one).size();
    i.text = repeated(one, 1 << 20);
    i.tokens = tokenize(i.text);
    return i;
  }();
  return in;
}

const bool checked = register_check("shingle_hashes", [] {
  const Input& in = input();
  const auto h = shingle_hashes(in.tokens, k);
  if (h.size() != in.tokens.size() - k + 1)
    return std::to_string(h.size()) + " shingles for " + std::to_string(in.tokens.size()) +
           " tokens, expected n - k + 1";
  if (std::count(h.begin(), h.end(), ShingleHash{0}) != 0) return std::string("a shingle hashed to 0");
  for (std::size_t i = 0; i + in.period < h.size(); ++i)
    if (h[i] != h[i + in.period])
      return "shingle " + std::to_string(i) + " differs from the same window one copy later";
  // Distinct shingles of one copy == distinct 5-word windows (by word hash) of one copy.
  std::set<std::vector<std::uint64_t>> windows;
  for (std::size_t i = 0; i + k <= in.period; ++i) {
    std::vector<std::uint64_t> w;
    for (std::size_t j = i; j < i + k; ++j) w.push_back(in.tokens[j].hash);
    windows.insert(w);
  }
  const std::set<ShingleHash> distinct(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(in.period - k + 1));
  if (distinct.size() != windows.size())
    return std::to_string(distinct.size()) + " distinct shingles in one copy, but " +
           std::to_string(windows.size()) + " distinct 5-word windows";
  const auto few = shingle_hashes(std::span(in.tokens).first(3), k);
  if (few.size() != 1) return std::string("3 tokens must give one shingle");
  return std::string();
});

void BM_shingle_hashes(benchmark::State& state) {
  const Input& in = input();
  for (auto _ : state) {
    auto h = shingle_hashes(in.tokens, k);
    benchmark::DoNotOptimize(h.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.tokens.size()));
}
BENCHMARK(BM_shingle_hashes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace wiretrace::micro
