// Tokenize: ICU's word break iterator is the definition of a word. Stretches between safe cut
// points that hold only ASCII and common typography take the fast path (fast_words.cpp).
#include "wiretrace/normalize.hpp"

#include <cstring>
#include <limits>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <xxhash.h>

#include "normalize/words.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace {
namespace detail {
namespace {

// ICU indexes text with int32_t; Token offsets are 32-bit too.
constexpr std::size_t max_text_bytes = std::numeric_limits<std::int32_t>::max();

void check_size(std::size_t bytes, const char* what) {
  if (bytes > max_text_bytes)
    throw Error(std::string(what) + " of " + std::to_string(bytes) +
                " bytes is longer than the 2 GiB that ICU can index");
}

void check_icu(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw Error(std::string("ICU ") + what + " failed: " + u_errorName(status));
}

// The ASCII character that a typographic variant stands for, or 0; `len` gets its UTF-8 length.
// Ill-formed bytes never match, so they pass through unchanged.
char typographic_ascii(const unsigned char* s, std::size_t left, std::size_t& len) {
  if (left >= 2) {
    len = 2;
    if (s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB)) return '"';  // « »
    if (s[0] == 0xCA && s[1] == 0xBC) return '\'';                    // ʼ
  }
  if (left < 3) return 0;
  len = 3;
  if (s[0] == 0xE2 && s[1] == 0x80) {
    if (s[2] >= 0x90 && s[2] <= 0x95) return '-';  // hyphen .. horizontal bar
    if (s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x9B || s[2] == 0xB2) return '\'';  // ‘ ’ ‛ ′
    if (s[2] == 0x9C || s[2] == 0x9D || s[2] == 0x9E || s[2] == 0xB3) return '"';   // “ ” „ ″
    return 0;
  }
  if (s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) return '-';  // − minus sign
  if (s[0] == 0xEF && s[1] == 0xB9 && (s[2] == 0x98 || s[2] == 0xA3)) return '-';  // ﹘ ﹣
  if (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x87) return '\'';                   // ＇
  if (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8D) return '-';                    // －
  return 0;
}

void unify_typography(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  std::size_t copied = 0;  // in[copied, i) is still to be appended unchanged
  for (std::size_t i = 0; i < in.size();) {
    std::size_t len = 1;
    const char ascii = s[i] >= 0x80 ? typographic_ascii(s + i, in.size() - i, len) : 0;
    if (ascii) {
      out.append(in, copied, i - copied);
      out.push_back(ascii);
      copied = i + len;
    }
    i += ascii ? len : 1;
  }
  out.append(in, copied, in.size() - copied);
}

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    check_icu(status, "NFKC_Casefold instance");
    return n;
  }();
  return *normalizer;
}

// Creating a word instance loads and parses the rule data; tokenize runs on TBB workers for
// millions of documents, so each thread builds one and re-aims it with setText.
icu::BreakIterator& word_iterator() {
  thread_local const std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    check_icu(status, "word break iterator");
    return it;
  }();
  return *iterator;
}

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::uint64_t normalized_hash(std::string_view text, std::size_t begin, std::size_t end) {
  const std::string normalized = normalize_word(text.substr(begin, end - begin));
  return XXH3_64bits(normalized.data(), normalized.size());
}

// ICU segments the islands of non-ASCII text, but most words in them are ASCII (the "quoted" of
// “quoted”), and for those the normalizer would do nothing but lower A-Z.
std::uint64_t island_hash(std::string_view text, std::size_t begin, std::size_t end) {
  return is_ascii(text.substr(begin, end - begin)) ? ascii_word_hash(text, begin, end)
                                                   : normalized_hash(text, begin, end);
}

template <class Hash>
void segment(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out,
             Hash hash) {
  if (begin == end) return;
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  // A UTF-8 UText makes the iterator's indexes native byte offsets; ill-formed bytes read as
  // U+FFFD, which is Word_Break=Other and so separates words.
  utext_openUTF8(&ut, text.data() + begin, static_cast<std::int64_t>(end - begin), &status);
  icu::BreakIterator& it = word_iterator();
  it.setText(&ut, status);
  if (U_FAILURE(status)) {
    utext_close(&ut);
    check_icu(status, "setText");
  }
  // The iterator keeps a shallow clone of `ut` that points into `text` after we return; it is
  // never read again before the next setText replaces it.
  std::int32_t from = it.first();
  // PERF: ICU's rule and dictionary machinery costs far more than this loop (about 60 MB/s on
  // English with normalize_word on every word), which is why ASCII-heavy text avoids it.
  for (std::int32_t to = it.next(); to != icu::BreakIterator::DONE; from = to, to = it.next()) {
    // Statuses below UBRK_WORD_NONE_LIMIT mark spaces, punctuation and symbols.
    if (it.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    const std::size_t word_begin = begin + static_cast<std::size_t>(from);
    const std::size_t word_end = begin + static_cast<std::size_t>(to);
    out.push_back({static_cast<std::uint32_t>(word_begin), static_cast<std::uint32_t>(word_end),
                   hash(text, word_begin, word_end)});
  }
  utext_close(&ut);
}

std::size_t first_slow_char(std::string_view text, std::size_t from) {
  const char* s = text.data();
  std::size_t i = from;
  for (;;) {
    // PERF: eight bytes per step; English news runs a hundred bytes or more between curly quotes.
    for (; i + 8 <= text.size(); i += 8) {
      std::uint64_t chunk;
      std::memcpy(&chunk, s + i, 8);
      if (chunk & 0x8080808080808080ULL) break;
    }
    while (i < text.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    if (i == text.size()) return i;
    const std::size_t length = fast_char_length(text, i);
    if (length == 0) return i;
    i += length;
  }
}

}  // namespace

void icu_words(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out) {
  segment(text, begin, end, out, normalized_hash);
}

std::vector<Token> tokenize_icu(std::string_view text) {
  check_size(text.size(), "a text");
  std::vector<Token> out;
  icu_words(text, 0, text.size(), out);
  return out;
}

}  // namespace detail

std::string normalize_word(std::string_view utf8_word) {
  detail::check_size(utf8_word.size(), "a word");
  // Typography is unified before NFKC as well as after: NFKC_Casefold turns U+2033 ″ into two
  // primes (so it would not become '"'), and it makes new dashes out of others (U+FE58 -> U+2014).
  std::string mapped;
  detail::unify_typography(utf8_word, mapped);
  std::string folded;
  icu::StringByteSink<std::string> sink(&folded);
  UErrorCode status = U_ZERO_ERROR;
  detail::nfkc_casefold().normalizeUTF8(
      0, icu::StringPiece(mapped.data(), static_cast<std::int32_t>(mapped.size())), sink, nullptr,
      status);
  detail::check_icu(status, "NFKC_Casefold");
  detail::unify_typography(folded, mapped);
  return mapped;
}

std::vector<Token> tokenize(std::string_view utf8_text) {
  detail::check_size(utf8_text.size(), "a text");
  std::vector<Token> out;
  out.reserve(utf8_text.size() / 6);  // English news averages a word per six bytes
  const std::size_t n = utf8_text.size();
  std::size_t pos = 0;
  while (pos < n) {
    const std::size_t slow = detail::first_slow_char(utf8_text, pos);
    if (slow == n) {
      detail::fast_words(utf8_text, pos, n, out);
      break;
    }
    // Widen the character the fast path does not know to the nearest safe cuts on both sides;
    // ICU segments that island and the fast path the stretch before it. `pos` is 0 or a cut.
    std::size_t island_begin = slow;
    while (island_begin > pos && !detail::is_safe_cut(utf8_text, island_begin)) --island_begin;
    std::size_t island_end = slow + 1;
    while (island_end < n && !detail::is_safe_cut(utf8_text, island_end)) ++island_end;
    detail::fast_words(utf8_text, pos, island_begin, out);
    detail::segment(utf8_text, island_begin, island_end, out, detail::island_hash);
    pos = island_end;
  }
  return out;
}

}  // namespace wiretrace
