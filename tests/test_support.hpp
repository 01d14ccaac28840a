// Small helpers shared by the stage tests: seeded random data and token sequences built from
// word ids, so that shingling, sketching and verification are tested without the tokenizer.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "wiretrace/document.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/shingle.hpp"

namespace wiretrace::test {

/// A document as the readers make it: `origin` names it by its id.
inline Document doc(std::string id, std::string text, std::string source = {}) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.source = std::move(source);
  d.origin = d.id;
  return d;
}

/// Tokens whose hashes are the given word ids (offsets: 8 bytes per word).
inline std::vector<Token> tokens_of(const std::vector<std::uint64_t>& words) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < words.size(); ++i)
    tokens.push_back({static_cast<std::uint32_t>(8 * i), static_cast<std::uint32_t>(8 * i + 7),
                      words[i] * 0x9e3779b97f4a7c15ULL + 1});
  return tokens;
}

/// A text that tokens_of(words) describes: word i is 7 letters at byte 8i, followed by a space,
/// or by a full stop where `sentence_ends` says a sentence ends after that word.
inline std::string text_of(const std::vector<std::uint64_t>& words,
                           const std::vector<std::size_t>& sentence_ends = {}) {
  std::string text(8 * words.size(), ' ');
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string w = std::to_string(1000000 + words[i] % 1000000).substr(1);
    text.replace(8 * i, 7, "w" + w);
  }
  for (std::size_t e : sentence_ends) text[8 * e + 7] = '.';
  return text;
}

/// n word ids drawn from a large vocabulary, so that accidental shared runs do not happen.
inline std::vector<std::uint64_t> random_words(std::mt19937_64& rng, std::size_t n) {
  std::vector<std::uint64_t> words(n);
  for (auto& w : words) w = rng() % 1000000;
  return words;
}

inline std::vector<ShingleHash> shingles_of(const std::vector<std::uint64_t>& words, unsigned k = 5) {
  return shingle_hashes(tokens_of(words), k);
}

inline ShingleSet set_of(const std::vector<std::uint64_t>& words, unsigned k = 5) {
  return make_shingle_set(shingles_of(words, k), static_cast<std::uint32_t>(words.size()));
}

/// Concatenation of several word lists.
inline std::vector<std::uint64_t> concat(std::initializer_list<std::vector<std::uint64_t>> parts) {
  std::vector<std::uint64_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

inline std::vector<std::uint64_t> slice(const std::vector<std::uint64_t>& v, std::size_t from,
                                        std::size_t to) {
  return {v.begin() + static_cast<std::ptrdiff_t>(from), v.begin() + static_cast<std::ptrdiff_t>(to)};
}

}  // namespace wiretrace::test
