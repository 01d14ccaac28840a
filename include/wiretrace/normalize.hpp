// Stage 1, normalize and tokenize: UTF-8 text -> word tokens, each with its byte range in the
// original text and a hash of its normalized form (ICU NFKC + case folding, quotes and dashes
// unified). Words are found by Unicode word boundaries, so CJK and Thai text gets words too.
// It does not shingle or drop stop words.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wiretrace {

/// Bumped whenever tokens or their hashes change; part of every signature's stamp.
inline constexpr std::uint32_t normalizer_version = 1;

struct Token {
  std::uint32_t begin;  ///< byte offset of the word's first byte in the original text
  std::uint32_t end;    ///< byte offset one past its last byte
  std::uint64_t hash;   ///< XXH3-64 of the normalized word (see normalize_word)
};

/// The normalized form of one word: NFKC, case folded, curly quotes and apostrophes mapped to
/// ASCII ones, dashes to '-'. Exposed for tests and for explaining matches.
std::string normalize_word(std::string_view utf8_word);

/// Splits text into word tokens (letters, digits, kana, ideographs; punctuation and spaces are not
/// tokens). Invalid UTF-8 bytes act as separators; offsets still point into the given bytes.
std::vector<Token> tokenize(std::string_view utf8_text);

}  // namespace wiretrace
