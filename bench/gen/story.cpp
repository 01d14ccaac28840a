#include "gen/story.hpp"

#include <algorithm>

#include "gen/ascii.hpp"
#include "gen/check.hpp"

namespace wiretrace::bench {
namespace {

constexpr unsigned char utf8_lead = 0xE2;  // “ ” „ ‘ ’ — are all E2 80 xx
constexpr unsigned char utf8_mid = 0x80;
constexpr unsigned char left_double = 0x9C, right_double = 0x9D, low_double = 0x9E;
constexpr unsigned char left_single = 0x98, right_single = 0x99, em_dash = 0x94;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/// The last byte of the E2 80 xx sequence at i, or 0.
unsigned char punct_at(std::string_view text, std::size_t i) {
  if (i + 3 > text.size()) return 0;
  if (static_cast<unsigned char>(text[i]) != utf8_lead ||
      static_cast<unsigned char>(text[i + 1]) != utf8_mid)
    return 0;
  return static_cast<unsigned char>(text[i + 2]);
}

/// The last byte of the E2 80 xx sequence ending just before i, or 0.
unsigned char punct_before(std::string_view text, std::size_t i) {
  return i >= 3 ? punct_at(text, i - 3) : 0;
}

/// Length of a closing mark (quote or bracket) at i, or 0.
std::size_t closing_mark(std::string_view text, std::size_t i, std::size_t end) {
  if (i >= end) return 0;
  const char c = text[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  if (i + 3 <= end) {
    const unsigned char p = punct_at(text, i);
    if (p == right_double || p == right_single) return 3;
  }
  return 0;
}

/// Whether a sentence may start at i: a capital, a digit, an opening mark, or non-ASCII.
bool starts_sentence(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(') return true;
  return c >= 0xC0;
}

/// Whether a quote mark at i opens (after a space, an opening bracket or mark, or at the start).
bool opens_at(std::string_view text, std::size_t i) {
  if (i == 0) return true;
  const char before = text[i - 1];
  if (is_space(before) || before == '(' || before == '[') return true;
  const unsigned char p = punct_before(text, i);
  return p == left_double || p == left_single || p == em_dash;
}

void append_mark(std::string& out, unsigned char last_byte) {
  out += static_cast<char>(utf8_lead);
  out += static_cast<char>(utf8_mid);
  out += static_cast<char>(last_byte);
}

}  // namespace

Story make_story(const BaseArticle& article) {
  Story story;
  story.title = article.title;
  for (const auto& paragraph : article.paragraphs) {
    if (paragraph.empty()) continue;
    if (!story.text.empty()) story.text += "\n\n";
    const auto start = static_cast<std::uint32_t>(story.text.size());
    story.text += paragraph;
    story.paragraphs.push_back({start, static_cast<std::uint32_t>(story.text.size())});
  }
  for (std::uint32_t p = 0; p < story.paragraphs.size(); ++p) {
    for (const Span& s : sentence_spans(story.text, story.paragraphs[p])) {
      story.sentences.push_back(s);
      story.sentence_paragraph.push_back(p);
    }
  }
  return story;
}

std::vector<Span> sentence_spans(std::string_view text, Span paragraph) {
  std::vector<Span> out;
  std::size_t start = paragraph.start;
  const std::size_t end = paragraph.end;
  while (start < end && is_space(text[start])) ++start;
  while (start < end) {
    std::size_t cut = end;
    std::size_t next = end;
    for (std::size_t j = start; j < end; ++j) {
      const char c = text[j];
      if (c != '.' && c != '!' && c != '?') continue;
      std::size_t k = j + 1;
      while (std::size_t n = closing_mark(text, k, end)) k += n;
      if (k >= end || !is_space(text[k])) continue;
      std::size_t m = k;
      while (m < end && is_space(text[m])) ++m;
      if (m < end && starts_sentence(text, m)) {
        cut = k;
        next = m;
        break;
      }
    }
    std::size_t stop = cut;
    while (stop > start && is_space(text[stop - 1])) --stop;
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(stop)});
    start = next;
  }
  return out;
}

std::vector<Span> letter_words(std::string_view text, Span within) {
  std::vector<Span> out;
  std::size_t i = within.start;
  while (i < within.end) {
    if (!is_letter(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < within.end && is_letter(text[i])) ++i;
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
  }
  return out;
}

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = is_space(c);
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

QuoteStyle opposite_quote_style(std::string_view text) {
  return text.find_first_of("\"'") != std::string_view::npos ? QuoteStyle::curly : QuoteStyle::straight;
}

std::string retype_quotes(std::string_view text, std::size_t from, std::size_t to, QuoteStyle style) {
  std::string out;
  out.reserve(to - from + 16);
  for (std::size_t i = from; i < to; ++i) {
    const char c = text[i];
    if (style == QuoteStyle::curly) {
      if (c == '"') {
        append_mark(out, opens_at(text, i) ? left_double : right_double);
      } else if (c == '\'') {
        append_mark(out, opens_at(text, i) ? left_single : right_single);
      } else {
        out += c;
      }
      continue;
    }
    const unsigned char p = i + 3 <= to ? punct_at(text, i) : 0;
    if (p == left_double || p == right_double || p == low_double) {
      out += '"';
      i += 2;
    } else if (p == left_single || p == right_single) {
      out += '\'';
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string normalize_for_compare(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    const unsigned char p = punct_at(text, i);
    if (p == left_double || p == right_double || p == low_double) {
      out += '"';
      i += 2;
    } else if (p == left_single || p == right_single) {
      out += '\'';
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

void CopyBuilder::own(std::string_view text) {
  // An empty piece must not separate two wire pieces: they would then touch in the copy.
  if (text.empty()) return;
  text_ += text;
  last_was_wire_ = false;
}

void CopyBuilder::take(Span span, std::optional<QuoteStyle> retype) {
  if (span.start >= span.end) return;
  WIRETRACE_BENCH_CHECK(span.end <= wire_.size());
  if (retype) {
    append_wire(span, retype_quotes(wire_, span.start, span.end, *retype));
  } else {
    append_wire(span, wire_.substr(span.start, span.size()));
  }
}

void CopyBuilder::substitute(Span wire_word, std::string_view replacement, bool reused) {
  WIRETRACE_BENCH_CHECK(wire_word.start < wire_word.end && wire_word.end <= wire_.size());
  WIRETRACE_BENCH_CHECK(!replacement.empty());
  const auto start = static_cast<std::uint32_t>(text_.size());
  if (reused) {
    append_wire(wire_word, replacement);
  } else {
    own(replacement);
  }
  substituted_.push_back({start, static_cast<std::uint32_t>(text_.size())});
}

void CopyBuilder::append_wire(Span span, std::string_view piece) {
  // Merging is only sound when the wire bytes continue where the last piece stopped.
  WIRETRACE_BENCH_CHECK(!last_was_wire_ || wire_used_.back().end == span.start);
  const auto start = static_cast<std::uint32_t>(text_.size());
  text_ += piece;
  const auto end = static_cast<std::uint32_t>(text_.size());
  if (last_was_wire_) {
    reused_.back().end = end;
    wire_used_.back().end = span.end;
  } else {
    reused_.push_back({start, end});
    wire_used_.push_back(span);
  }
  last_was_wire_ = true;
}

std::vector<Span> merge_spans(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
  std::vector<Span> out;
  for (const Span& s : spans) {
    if (s.start >= s.end) continue;
    if (!out.empty() && s.start <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

}  // namespace wiretrace::bench
