// Fast path: ICU 72's root word boundaries and NFKC_Casefold, redone by hand for ASCII and the
// few typographic characters of English news. A differential test against ICU keeps it honest.
#include <array>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Inlined so XXH3 of a five-letter word is a few instructions instead of a call into the
// shared library; the algorithm, and so every hash, is the same.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "normalize/words.hpp"

namespace wiretrace::detail {
namespace {

// Word_Break classes, as ICU's rules use them, of the characters in multi-character rules.
enum : std::uint8_t {
  kLetter = 1,     // ALetter: WB5, WB6/7, WB9/10
  kDigit = 2,      // Numeric: WB8, WB11/12
  kWord = 4,       // ALetter, Numeric, ExtendNumLet ('_'): WB5, WB8-10, WB13a/b glue any mix
  kMidLetter = 8,  // joins letter.letter (WB6/7): MidNumLet ('.' ‘ ’), Single_Quote ('\'')
  kMidNum = 16,    // joins digit,digit (WB11/12): MidNum (',' ';') and the three above
  kCutAfter = 32,  // in no rule except as a lone character: ICU always breaks after it
};

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> c{};
  for (int b = 0; b < 0x80; ++b) c[b] = kCutAfter;
  for (int b = 'a'; b <= 'z'; ++b) c[b] = kLetter | kWord;
  for (int b = 'A'; b <= 'Z'; ++b) c[b] = kLetter | kWord;
  for (int b = '0'; b <= '9'; ++b) c[b] = kDigit | kWord;
  c['_'] = kWord;
  // ICU 72's root rules add '@' to ALetter (to keep e-mail addresses whole), so "@" alone, "a@b"
  // and "x.@" are words; case folding leaves it alone.
  c['@'] = kLetter | kWord;
  c['.'] = kMidLetter | kMidNum;
  c['\''] = kMidLetter | kMidNum;
  c[','] = kMidNum;
  c[';'] = kMidNum;
  // ':' is MidLetter in UAX #29, but ICU's root rules take it out; it still is no cut point, in
  // case a later ICU puts it back. '"' is Double_Quote, which sits inside Hebrew words (WB7b/c).
  // A space run is one segment (WB3d) and CR holds on to LF (WB3).
  c[':'] = 0;
  c['"'] = 0;
  c[' '] = 0;
  c['\r'] = 0;
  return c;
}

constexpr std::array<std::uint8_t, 256> classes = make_classes();

inline std::uint8_t class_of(char c) { return classes[static_cast<unsigned char>(c)]; }

inline bool byte_is(const char* s, std::size_t i, unsigned char b) {
  return static_cast<unsigned char>(s[i]) == b;
}

// ‘ U+2018 and ’ U+2019 are MidNumLet like '.'; normalize_word turns them into '\''.
inline bool curly_apostrophe_at(const char* s, std::size_t i, std::size_t end) {
  return i + 3 <= end && byte_is(s, i, 0xE2) && byte_is(s, i + 1, 0x80) &&
         (byte_is(s, i + 2, 0x98) || byte_is(s, i + 2, 0x99));
}

// – — “ ” … and no-break space are Word_Break=Other, which no rule joins to anything but a
// following Extend or Format character (WB4), just like ASCII punctuation.
inline std::size_t other_typographic_length(const char* s, std::size_t i, std::size_t end) {
  if (i + 2 <= end && byte_is(s, i, 0xC2) && byte_is(s, i + 1, 0xA0)) return 2;
  if (i + 3 <= end && byte_is(s, i, 0xE2) && byte_is(s, i + 1, 0x80)) {
    const auto third = static_cast<unsigned char>(s[i + 2]);
    if (third == 0x93 || third == 0x94 || third == 0x9C || third == 0x9D || third == 0xA6) return 3;
  }
  return 0;
}

inline char ascii_lower(char c) {
  return static_cast<char>(c + ((static_cast<unsigned char>(c - 'A') < 26u) << 5));
}

// A word holding ‘ or ’ (possessives, "rock’n’roll"): lowered, with '\'' for each apostrophe.
std::uint64_t curly_word_hash(std::string_view text, std::size_t begin, std::size_t end) {
  std::string folded;
  folded.reserve(end - begin);
  for (std::size_t i = begin; i < end;) {
    if (curly_apostrophe_at(text.data(), i, end)) {
      folded.push_back('\'');
      i += 3;
    } else {
      folded.push_back(ascii_lower(text[i++]));
    }
  }
  return XXH3_64bits(folded.data(), folded.size());
}

}  // namespace

std::size_t fast_char_length(std::string_view text, std::size_t i) {
  if (static_cast<unsigned char>(text[i]) < 0x80) return 1;
  if (curly_apostrophe_at(text.data(), i, text.size())) return 3;
  return other_typographic_length(text.data(), i, text.size());
}

std::uint64_t ascii_word_hash(std::string_view text, std::size_t begin, std::size_t end) {
  const char* word = text.data() + begin;
  const std::size_t size = end - begin;
#if defined(__SSE2__)
  // PERF: lowering byte by byte into a buffer made XXH3's 4- and 8-byte loads wait on failed
  // store-to-load forwards (a third of tokenize's time); whole 16-byte stores forward. Bytes
  // after the word are read and lowered too, when the text has them, but never hashed.
  constexpr std::size_t block = 16;
  alignas(16) char buffer[128];
  const std::size_t blocks = (size + block - 1) / block;
  if (blocks * block <= sizeof buffer && text.size() - begin >= blocks * block) {
    const __m128i before_a = _mm_set1_epi8('A' - 1);
    const __m128i after_z = _mm_set1_epi8('Z' + 1);
    const __m128i case_bit = _mm_set1_epi8(0x20);
    for (std::size_t b = 0; b < blocks; ++b) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(word + b * block));
      // Signed compares: bytes from 0x80 up are negative, so never taken for A-Z.
      const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, before_a), _mm_cmplt_epi8(v, after_z));
      _mm_store_si128(reinterpret_cast<__m128i*>(buffer + b * block),
                      _mm_or_si128(v, _mm_and_si128(upper, case_bit)));
    }
    return XXH3_64bits(buffer, size);
  }
#endif
  std::string lowered(word, size);
  for (char& c : lowered) c = ascii_lower(c);
  return XXH3_64bits(lowered.data(), lowered.size());
}

bool is_safe_cut(std::string_view text, std::size_t p) {
  const char* s = text.data();
  // The next character must not be Extend, Format or ZWJ, which WB4 glues to whatever precedes;
  // the fast path's characters are none of those.
  if (static_cast<unsigned char>(s[p]) >= 0x80 && fast_char_length(text, p) == 0) return false;
  const char prev = s[p - 1];
  if (static_cast<unsigned char>(prev) < 0x80) {
    if (class_of(prev) & kCutAfter) return true;
    if (prev == ' ') return s[p] != ' ';
    if (prev == '\r') return s[p] != '\n';
    return false;
  }
  // A lead byte is never a continuation byte, so a sequence found ending at p is the character
  // there, whatever bytes come before it.
  return (p >= 2 && other_typographic_length(s, p - 2, p) == 2) ||
         (p >= 3 && other_typographic_length(s, p - 3, p) == 3);
}

void fast_words(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out) {
  const char* s = text.data();
  std::size_t i = begin;
  // PERF: one forward pass with a 256-entry class table and no backtracking: a middle character
  // is decided by its two neighbours alone, which is all that WB6/7 and WB11/12 look at. Bytes
  // of the non-ASCII characters are not word bytes, so they are skipped as separators.
  while (i < end) {
    while (i < end && !(class_of(s[i]) & kWord)) ++i;
    if (i == end) break;
    const std::size_t start = i;
    bool curly = false;
    for (;;) {
      while (i < end && (class_of(s[i]) & kWord)) ++i;
      if (i == end) break;
      std::uint8_t mid = class_of(s[i]);
      std::size_t mid_length = 1;
      if (curly_apostrophe_at(s, i, end)) {
        mid = kMidLetter | kMidNum;
        mid_length = 3;
      }
      if (i + mid_length >= end) break;
      const std::uint8_t around = class_of(s[i - 1]) & class_of(s[i + mid_length]);
      const bool joins = ((mid & kMidLetter) && (around & kLetter)) ||
                         ((mid & kMidNum) && (around & kDigit));
      if (!joins) break;
      curly |= mid_length == 3;
      i += mid_length;
    }
    // A lone '_' matches no word rule in ICU, so its status is UBRK_WORD_NONE; "__" is a word.
    if (i - start == 1 && s[start] == '_') continue;
    out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i),
                   curly ? curly_word_hash(text, start, i) : ascii_word_hash(text, start, i)});
  }
}

}  // namespace wiretrace::detail
