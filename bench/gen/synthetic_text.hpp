// Synthetic base text: articles of words drawn with Zipf-like weights from a vocabulary bundled
// into the program (the English seed fixtures and fixtures/generator/), so generation needs no
// files at run time. Rng -> BaseArticle. It does not lay out, copy or edit articles.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gen/random.hpp"
#include "gen/story.hpp"

namespace wiretrace::bench {

/// A text file compiled into the program (bench/CMakeLists.txt generates the list).
struct BundledText {
  std::string_view name;  ///< file name, e.g. "synonyms.txt"
  std::string_view text;
};

/// Sorted by name: fixtures/seeds/00{0,1,2,4}_*.txt and fixtures/generator/*.txt.
std::span<const BundledText> bundled_texts();

/// Words ranked by frequency, drawn with weight 1/(rank + 2) (Zipf-Mandelbrot). The flattened
/// head keeps the chance that two articles share a run of 10 words around 1e-20 per position pair.
class Vocabulary {
 public:
  /// Lower-cased ASCII letter runs of `text`; single letters other than "a" are dropped.
  /// Ranked by count, ties alphabetically, so the same text always gives the same ranks.
  static Vocabulary from_text(std::string_view text);
  /// From all bundled texts.
  static Vocabulary bundled();

  const std::string& draw(Rng& rng) const;
  const std::vector<std::string>& words() const { return words_; }

 private:
  static constexpr std::size_t guide_buckets = 1024;
  std::vector<std::string> words_;
  std::vector<std::uint64_t> cumulative_;  ///< integer weights: the same draws on every machine
  std::vector<std::uint32_t> guide_;       ///< first word index for each 1/1024 of the total
};

/// Groups of interchangeable words, for copy editors.
class SynonymTable {
 public:
  /// One group per line, words separated by commas; '#' starts a comment line.
  static SynonymTable from_text(std::string_view text);
  /// From the bundled synonyms.txt.
  static SynonymTable bundled();

  bool contains(std::string_view word) const { return group_of_.contains(std::string(word)); }
  /// Another word of `word`'s group (`word` lower-cased), or nothing when it has none.
  std::optional<std::string_view> pick(std::string_view word, Rng& rng) const;

 private:
  std::vector<std::vector<std::string>> groups_;
  std::unordered_map<std::string, std::uint32_t> group_of_;
};

/// The shape of synthetic articles; counts are inclusive ranges, chances are per item.
struct SyntheticShape {
  unsigned min_sentence_words = 8, max_sentence_words = 30;
  unsigned min_paragraph_sentences = 2, max_paragraph_sentences = 5;
  unsigned min_title_words = 5, max_title_words = 10;
  double quote_chance = 0.2;         ///< per sentence: a stretch of it in quotation marks
  double comma_chance = 0.06;        ///< per word
  double number_chance = 0.01;       ///< per word: a number instead of a word
  double possessive_chance = 0.015;  ///< per word: followed by 's
};

class SyntheticWriter {
 public:
  explicit SyntheticWriter(const Vocabulary& vocabulary, SyntheticShape shape = {})
      : vocabulary_(vocabulary), shape_(shape) {}

  std::string title(Rng& rng) const;
  /// One sentence, capitalised and punctuated; `words` grows by its word count.
  std::string sentence(Rng& rng, QuoteStyle style, std::size_t& words) const;
  std::string paragraph(Rng& rng, QuoteStyle style, std::size_t& words) const;
  /// Whole paragraphs until at least `min_words` words, one quote style throughout.
  BaseArticle article(Rng& rng, std::size_t min_words, QuoteStyle style) const;

 private:
  const Vocabulary& vocabulary_;
  SyntheticShape shape_;
};

}  // namespace wiretrace::bench
