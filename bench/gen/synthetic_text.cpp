#include "gen/synthetic_text.hpp"

#include <algorithm>
#include <map>

#include "gen/ascii.hpp"
#include "gen/check.hpp"

namespace wiretrace::bench {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

struct Marks {
  std::string_view open, close, apostrophe;
};

Marks marks_of(QuoteStyle style) {
  if (style == QuoteStyle::curly) return {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99"};
  return {"\"", "\"", "'"};
}

}  // namespace

Vocabulary Vocabulary::from_text(std::string_view text) {
  std::map<std::string, std::uint64_t> counts;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && is_letter(text[i])) {
      word += lower(text[i]);
      continue;
    }
    if (word.size() > 1 || word == "a") ++counts[word];
    word.clear();
  }
  std::vector<std::pair<std::string, std::uint64_t>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });

  Vocabulary v;
  std::uint64_t total = 0;
  for (std::size_t r = 0; r < ranked.size(); ++r) {
    v.words_.push_back(ranked[r].first);
    // Rank r + 1 weighs 1/(r + 3); scaled to integers so that draws need no floating point.
    total += (std::uint64_t{1} << 40) / (r + 3);
    v.cumulative_.push_back(total);
  }
  WIRETRACE_BENCH_CHECK(!v.words_.empty());
  v.guide_.resize(guide_buckets);
  std::size_t i = 0;
  for (std::size_t b = 0; b < guide_buckets; ++b) {
    const std::uint64_t floor_value = b * total / guide_buckets;
    while (v.cumulative_[i] <= floor_value) ++i;
    v.guide_[b] = static_cast<std::uint32_t>(i);
  }
  return v;
}

Vocabulary Vocabulary::bundled() {
  std::string all;
  for (const auto& t : bundled_texts()) {
    all += t.text;
    all += '\n';
  }
  return from_text(all);
}

const std::string& Vocabulary::draw(Rng& rng) const {
  const std::uint64_t total = cumulative_.back();
  const std::uint64_t x = rng.below(total);
  // PERF: the guide table leaves a few steps of linear search instead of a binary search.
  std::size_t i = guide_[x * guide_buckets / total];
  while (cumulative_[i] <= x) ++i;
  return words_[i];
}

SynonymTable SynonymTable::from_text(std::string_view text) {
  SynonymTable table;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> group;
    while (!line.empty()) {
      const std::size_t comma = line.find(',');
      const std::string_view item = trim(line.substr(0, comma));
      line = comma == std::string_view::npos ? std::string_view{} : line.substr(comma + 1);
      if (item.empty() || !std::all_of(item.begin(), item.end(), is_letter)) continue;
      std::string w(item);
      std::transform(w.begin(), w.end(), w.begin(), lower);
      // A word keeps its first group: a later one would make pick() depend on file order twice.
      if (table.group_of_.contains(w)) continue;
      group.push_back(std::move(w));
    }
    if (group.size() < 2) continue;
    const auto index = static_cast<std::uint32_t>(table.groups_.size());
    for (const auto& w : group) table.group_of_.emplace(w, index);
    table.groups_.push_back(std::move(group));
  }
  return table;
}

SynonymTable SynonymTable::bundled() {
  for (const auto& t : bundled_texts())
    if (t.name == "synonyms.txt") return from_text(t.text);
  return {};
}

std::optional<std::string_view> SynonymTable::pick(std::string_view word, Rng& rng) const {
  const auto it = group_of_.find(std::string(word));
  if (it == group_of_.end()) return std::nullopt;
  const auto& group = groups_[it->second];
  std::string_view choice;
  do {
    choice = group[rng.below(group.size())];
  } while (choice == word);
  return choice;
}

std::string SyntheticWriter::title(Rng& rng) const {
  const auto n = rng.between(shape_.min_title_words, shape_.max_title_words);
  std::string out;
  for (std::uint64_t k = 0; k < n; ++k) {
    if (k > 0) out += ' ';
    const std::string& w = vocabulary_.draw(rng);
    out += w == "i" ? "I" : w;
  }
  out[0] = upper(out[0]);
  return out;
}

std::string SyntheticWriter::sentence(Rng& rng, QuoteStyle style, std::size_t& words) const {
  const auto n = static_cast<std::size_t>(rng.between(shape_.min_sentence_words, shape_.max_sentence_words));
  words += n;
  const Marks marks = marks_of(style);
  std::size_t quote_start = n + 1, quote_end = n + 1;  // quoted words [quote_start, quote_end)
  if (n >= 6 && rng.chance(shape_.quote_chance)) {
    const auto length = rng.between(3, std::min<std::size_t>(12, n - 2));
    quote_start = rng.below(n - length + 1);
    quote_end = quote_start + length;
  }
  const std::uint64_t terminal_roll = rng.below(100);
  const char terminal = terminal_roll < 92 ? '.' : terminal_roll < 97 ? '?' : '!';

  std::string out;
  out.reserve(n * 7);
  bool terminated = false;
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0) out += ' ';
    if (k == quote_start) out += marks.open;
    const std::size_t word_start = out.size();
    if (rng.chance(shape_.number_chance)) {
      out += std::to_string(rng.between(2, 2030));
    } else {
      const std::string& w = vocabulary_.draw(rng);
      out += w == "i" ? "I" : w;
      if (k + 1 < n && w.size() > 3 && rng.chance(shape_.possessive_chance)) {
        out += marks.apostrophe;
        out += 's';
      }
    }
    if (k == 0) out[word_start] = upper(out[word_start]);
    if (k + 1 == quote_end) {
      if (k + 1 == n) {
        out += terminal;
        terminated = true;
      } else if (rng.chance(0.5)) {
        out += ',';
      }
      out += marks.close;
    } else if (k >= 1 && k + 2 < n && rng.chance(shape_.comma_chance)) {
      out += ',';
    }
  }
  if (!terminated) out += terminal;
  return out;
}

std::string SyntheticWriter::paragraph(Rng& rng, QuoteStyle style, std::size_t& words) const {
  const auto n = rng.between(shape_.min_paragraph_sentences, shape_.max_paragraph_sentences);
  std::string out;
  for (std::uint64_t k = 0; k < n; ++k) {
    if (k > 0) out += ' ';
    out += sentence(rng, style, words);
  }
  return out;
}

BaseArticle SyntheticWriter::article(Rng& rng, std::size_t min_words, QuoteStyle style) const {
  BaseArticle a;
  a.origin = "synthetic";
  a.title = title(rng);
  std::size_t words = 0;
  do {
    a.paragraphs.push_back(paragraph(rng, style, words));
  } while (words < min_words);
  return a;
}

}  // namespace wiretrace::bench
