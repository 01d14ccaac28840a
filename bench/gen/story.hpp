// Stories as the generator sees them: a title and paragraphs, rendered to one text whose
// paragraphs, sentences and words are located by byte range. Also the two text edits a copy desk
// makes that keep the words (quote retyping) and the builder that records, byte by byte, which
// part of a copy came from the wire. It does not decide what to copy: generator.cpp does.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wiretrace::bench {

/// Bytes [start, end) of some text.
struct Span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const { return end - start; }
  friend bool operator==(const Span&, const Span&) = default;
};

/// An article before layout: where base text comes from (a file or the synthetic writer).
struct BaseArticle {
  std::string title;
  std::vector<std::string> paragraphs;  ///< one line each, no surrounding whitespace
  std::string origin;                   ///< file path relative to --base-dir, or "synthetic"
};

/// A rendered article body: paragraphs joined by a blank line, located down to sentences.
struct Story {
  std::string title;
  std::string text;
  std::vector<Span> paragraphs;
  std::vector<Span> sentences;                   ///< in text order, none crossing a paragraph
  std::vector<std::uint32_t> sentence_paragraph;  ///< the paragraph of each sentence
};

Story make_story(const BaseArticle& article);

/// Sentences of one paragraph: they end at . ! ? (plus closing quotes) before a capital, a digit
/// or an opening quote. Together they cover every non-space byte of the paragraph.
std::vector<Span> sentence_spans(std::string_view text, Span paragraph);

/// Runs of ASCII letters inside `within` (the words a copy editor may swap).
std::vector<Span> letter_words(std::string_view text, Span within);

/// Whitespace-separated tokens.
std::size_t count_words(std::string_view text);

enum class QuoteStyle { straight, curly };

/// The style a copy editor would switch this text to: curly when it has any straight quote or
/// apostrophe, straight otherwise.
QuoteStyle opposite_quote_style(std::string_view text);

/// text[from, to) with every quote mark and apostrophe retyped in `style`. Curly marks open after
/// a space, an opening bracket or the start of the text (looked up in `text`), and close otherwise.
std::string retype_quotes(std::string_view text, std::size_t from, std::size_t to, QuoteStyle style);

/// Collapses whitespace runs to one space, trims, and maps curly quotes and apostrophes to ASCII:
/// the comparison under which a copy's reused text equals the wire's.
std::string normalize_for_compare(std::string_view text);

/// Assembles a copy piece by piece and records which of its bytes came from the wire, and from
/// where. Two wire pieces may only touch in the copy if they touch in the wire, so that every
/// merged reused range is one stretch of wire text.
class CopyBuilder {
 public:
  explicit CopyBuilder(std::string_view wire) : wire_(wire) {}

  /// Text of the copy's own (a publisher's header, a new separator).
  void own(std::string_view text);
  /// Wire bytes `span`, verbatim or with quotes retyped.
  void take(Span span, std::optional<QuoteStyle> retype = std::nullopt);
  /// The wire word `wire_word` replaced by `replacement`, which is recorded in substituted().
  /// With `reused` false it is the copy's own text (a reused range ends before it and another
  /// starts after it); with `reused` true it counts as part of the reused stretch, which continues
  /// through it as if the wire word had been taken (a reworded sentence is still a reused one).
  void substitute(Span wire_word, std::string_view replacement, bool reused);

  const std::string& text() const { return text_; }
  std::string release_text() { return std::move(text_); }
  /// Copy byte ranges taken from the wire, merged and sorted.
  const std::vector<Span>& reused() const { return reused_; }
  /// The wire byte ranges they came from (not merged).
  const std::vector<Span>& wire_used() const { return wire_used_; }
  /// Copy byte ranges of the replacement words written by substitute(), in order.
  const std::vector<Span>& substituted() const { return substituted_; }

 private:
  /// Appends `piece` as the copy of wire bytes `span`, extending the last reused range when the
  /// wire continues where it stopped.
  void append_wire(Span span, std::string_view piece);

  std::string_view wire_;
  std::string text_;
  std::vector<Span> reused_;
  std::vector<Span> wire_used_;
  std::vector<Span> substituted_;
  bool last_was_wire_ = false;
};

/// Sorts and merges overlapping or touching ranges.
std::vector<Span> merge_spans(std::vector<Span> spans);

}  // namespace wiretrace::bench
