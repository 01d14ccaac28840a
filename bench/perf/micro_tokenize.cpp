// Microbenchmark: tokenize (normalize + word boundaries + word hashes) on English news, plain
// ASCII and as published (curly quotes, dashes): the seed articles repeated to 1 MB. Repetition
// flatters: see micro_generated.cpp for the same kernel on distinct generated articles. Reference: a small ASCII word splitter with the
// Unicode word-boundary rules that ASCII text exercises (letters and digits join; ' and . join
// letters; , ; . ' join digits), and the curly text must give the ASCII text's word hashes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "micro_support.hpp"
#include "wiretrace/normalize.hpp"

namespace wiretrace::micro {

/// Words of ASCII text by UAX #29 as ICU 72 applies it to ASCII: WB5/8/9/10 (letters, digits and
/// '_' join), WB6/7 (' or . between letters), WB11/12 (, ; . ' between digits). ICU's root rules
/// count '@' as a letter (e-mail addresses stay whole) and drop ':' from MidLetter.
std::vector<std::pair<std::size_t, std::size_t>> reference_words(std::string_view s) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '@'; };
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '@'; };
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  std::vector<std::pair<std::size_t, std::size_t>> words;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!word(s[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < s.size()) {
      if (i + 1 < s.size() && word(s[i + 1])) {
        ++i;
        continue;
      }
      if (i + 2 < s.size()) {
        const char mid = s[i + 1], next = s[i + 2];
        const bool mid_letter = (mid == '\'' || mid == '.') && letter(s[i]) && letter(next);
        const bool mid_num = (mid == ',' || mid == ';' || mid == '.' || mid == '\'') && digit(s[i]) &&
                             digit(next);
        if (mid_letter || mid_num) {
          i += 2;
          continue;
        }
      }
      ++i;
      break;
    }
    words.emplace_back(begin, i);
  }
  return words;
}

std::string first_difference(std::string_view ascii, const std::vector<Token>& tokens) {
  const auto ref = reference_words(ascii);
  for (std::size_t i = 0; i < std::max(ref.size(), tokens.size()); ++i) {
    const bool same = i < ref.size() && i < tokens.size() && ref[i].first == tokens[i].begin &&
                      ref[i].second == tokens[i].end;
    if (same) continue;
    auto show = [&](std::size_t b, std::size_t e) {
      std::string quoted(1, '"');
      quoted.append(ascii.substr(b, e - b));
      quoted.push_back('"');
      return quoted;
    };
    return "word " + std::to_string(i) + ": tokenize gives " +
           (i < tokens.size() ? show(tokens[i].begin, tokens[i].end) : std::string("nothing")) +
           ", the reference " + (i < ref.size() ? show(ref[i].first, ref[i].second) : std::string("nothing"));
  }
  return std::string();
}

namespace {

constexpr std::size_t text_bytes = 1 << 20;

const std::string& ascii_text() {
  static const std::string text = repeated(ascii_folded(seed_news()), text_bytes);
  return text;
}
const std::string& curly_text() {
  static const std::string text = repeated(seed_news(), text_bytes);
  return text;
}

const bool checked = register_check("tokenize", [] {
  const std::string ascii = ascii_folded(seed_news());
  const auto a = tokenize(ascii);
  if (const auto diff = first_difference(ascii, a); !diff.empty()) return "ASCII news: " + diff;
  const auto c = tokenize(seed_news());
  if (c.size() != a.size())
    return "curly news: " + std::to_string(c.size()) + " tokens, its ASCII fold has " +
           std::to_string(a.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].hash != c[i].hash)
      return "curly news: word " + std::to_string(i) + " (" +
             std::string(seed_news().substr(c[i].begin, c[i].end - c[i].begin)) +
             ") hashes unlike its ASCII fold (" + ascii.substr(a[i].begin, a[i].end - a[i].begin) + ")";
  // Repetition scales the count exactly (the joiner is a blank line).
  const auto r = tokenize(ascii_text());
  const std::size_t copies = ascii_text().size() / (ascii.size() + 2);
  if (r.size() != copies * a.size())
    return "repeated ASCII news: " + std::to_string(r.size()) + " tokens, expected " +
           std::to_string(copies * a.size());
  return std::string();
});

void run(benchmark::State& state, const std::string& text) {
  std::size_t tokens = 0;
  for (auto _ : state) {
    auto t = tokenize(text);
    tokens = t.size();
    benchmark::DoNotOptimize(t.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tokens));
  state.counters["tokens"] = static_cast<double>(tokens);
}

void BM_tokenize_ascii_news(benchmark::State& state) { run(state, ascii_text()); }
void BM_tokenize_curly_news(benchmark::State& state) { run(state, curly_text()); }
BENCHMARK(BM_tokenize_ascii_news)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_tokenize_curly_news)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace wiretrace::micro
