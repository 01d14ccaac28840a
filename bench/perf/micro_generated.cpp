// Microbenchmarks on 1,000 generated articles (wiretrace-gen's library, in process): tokenize,
// and tokenize + shingle_hashes one document at a time as the pipeline's tokenize stage does, on
// the benchmark corpus's own text (3.4 MB, never repeated). Variants isolate what a figure owes
// to non-ASCII text, to the call per article, and to repetition (seed text repeated reads about
// 2.5x faster than distinct text: branch predictors learn it). Reference: each article's words
// are the ASCII splitter's words of its ASCII fold, with the same hashes.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gen/generator.hpp"
#include "micro_support.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/shingle.hpp"

namespace wiretrace::micro {

namespace {

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::string> ascii;  ///< the same, folded to ASCII (ascii_folded)
  std::size_t bytes = 0, ascii_bytes = 0, tokens = 0;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    bench::GeneratorOptions options;
    options.articles = 1000;
    options.seed = 1;
    std::ostringstream lines, truth;
    bench::generate_corpus(options, lines, truth);
    Corpus out;
    std::istringstream in(lines.str());
    for (std::string line; std::getline(in, line);) {
      out.texts.push_back(nlohmann::json::parse(line).at("text").get<std::string>());
      out.bytes += out.texts.back().size();
      out.ascii.push_back(ascii_folded(out.texts.back()));
      out.ascii_bytes += out.ascii.back().size();
      out.tokens += tokenize(out.texts.back()).size();
    }
    return out;
  }();
  return c;
}

const bool checked = register_check("tokenize (generated)", [] {
  const Corpus& c = corpus();
  if (c.texts.size() != 1000) return "generated " + std::to_string(c.texts.size()) + " articles, asked 1000";
  for (std::size_t d = 0; d < c.texts.size(); ++d) {
    const std::string& ascii = c.ascii[d];
    const auto t = tokenize(c.texts[d]);
    const auto a = tokenize(ascii);
    if (const auto diff = first_difference(ascii, a); !diff.empty())
      return "article " + std::to_string(d) + " (ASCII fold): " + diff;
    if (t.size() != a.size())
      return "article " + std::to_string(d) + ": " + std::to_string(t.size()) + " tokens, " +
             std::to_string(a.size()) + " in its ASCII fold";
    for (std::size_t i = 0; i < t.size(); ++i)
      if (t[i].hash != a[i].hash) return "article " + std::to_string(d) + ": word " + std::to_string(i) + " hashes unlike its ASCII fold";
  }
  return std::string();
});

void tokenize_all(benchmark::State& state, const std::vector<std::string>& texts, std::size_t bytes) {
  std::size_t tokens = 0;
  for (const auto& text : texts) tokens += tokenize(text).size();
  for (auto _ : state)
    for (const auto& text : texts) {
      auto t = tokenize(text);
      benchmark::DoNotOptimize(t.data());
    }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tokens));
}

/// items = tokens; 1,000 articles as generated (curly quotes, the © of footers).
void BM_tokenize_generated(benchmark::State& state) {
  tokenize_all(state, corpus().texts, corpus().bytes);
}
/// The same articles folded to ASCII: the gap to the line above is what non-ASCII text costs.
void BM_tokenize_generated_ascii(benchmark::State& state) {
  tokenize_all(state, corpus().ascii, corpus().ascii_bytes);
}
/// All 1,000 articles as one text (blank lines between): the gap to BM_tokenize_generated is
/// the cost of calling tokenize once per article.
void BM_tokenize_generated_joined(benchmark::State& state) {
  static const std::vector<std::string> joined = [] {
    std::string all;
    for (const auto& t : corpus().texts) all += t + "\n\n";
    return std::vector<std::string>{all};
  }();
  tokenize_all(state, joined, joined.front().size());
}
/// The first 10 articles repeated to the same size: the gap to BM_tokenize_generated_joined is
/// what repetition flatters (branch predictors learn a text seen again and again), which is why
/// the seed-text benchmarks in micro_tokenize.cpp read faster than the pipeline's stage.
void BM_tokenize_generated_repeated(benchmark::State& state) {
  static const std::vector<std::string> repeated_text = [] {
    std::string ten;
    for (std::size_t d = 0; d < 10; ++d) ten += corpus().texts[d] + "\n\n";
    return std::vector<std::string>{repeated(ten, corpus().bytes)};
  }();
  tokenize_all(state, repeated_text, repeated_text.front().size());
}
BENCHMARK(BM_tokenize_generated)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_tokenize_generated_repeated)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_tokenize_generated_ascii)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_tokenize_generated_joined)->Unit(benchmark::kMillisecond);

void BM_tokenize_shingle_generated(benchmark::State& state) {
  const Corpus& c = corpus();
  for (auto _ : state)
    for (const auto& text : c.texts) {
      auto h = shingle_hashes(tokenize(text), 5);
      benchmark::DoNotOptimize(h.data());
    }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.tokens));
}
BENCHMARK(BM_tokenize_shingle_generated)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace wiretrace::micro
