// wiretrace-micro, shared inputs and the check registry. Every benchmark's output is checked
// once against a simple reference before anything is timed (the simdjson habit): a fast wrong
// answer is a failed benchmark, and main() exits nonzero without timing anything.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wiretrace/normalize.hpp"

namespace wiretrace::micro {

/// The English seed articles (fixtures/seeds 000, 001, 002, 004) as read: curly quotes, dashes,
/// a no-break space, an ellipsis.
const std::string& seed_news();

/// The same text with every non-ASCII character replaced by its ASCII counterpart
/// (’ ‘ -> ', “ ” -> ", — – -> -, … -> ..., no-break space -> space, • -> *): plain ASCII news.
std::string ascii_folded(std::string_view text);

/// `text` repeated (joined by a blank line) until it holds at least min_bytes.
std::string repeated(const std::string& text, std::size_t min_bytes);

/// Synthetic sentences over a large made-up vocabulary: any shared run of 3+ words between two
/// such texts is planted, never accidental. Returns `words` words.
struct SyntheticText {
  std::string text;
  std::vector<std::string> words;  ///< in order
};
SyntheticText synthetic_words(std::mt19937_64& rng, std::size_t words);
/// Joins words into sentences of 8-20 words ("Word word ... word. "), ending each on a period.
std::string as_sentences(const std::vector<std::string>& words, std::mt19937_64& rng);

/// Byte ranges of the words of ASCII text by the Unicode word-boundary rules that ASCII
/// exercises (micro_tokenize.cpp): the reference the tokenizer is checked against.
std::vector<std::pair<std::size_t, std::size_t>> reference_words(std::string_view ascii);
/// The first word where tokens differ from reference_words(ascii), described; empty if none.
std::string first_difference(std::string_view ascii, const std::vector<Token>& tokens);

/// A check returns an empty string when the output is right, else what is wrong.
using Check = std::function<std::string()>;
struct NamedCheck {
  std::string name;
  Check check;
};
std::vector<NamedCheck>& checks();
/// For static registration in each micro_*.cpp: `const bool x = register_check("...", fn);`
bool register_check(std::string name, Check check);

}  // namespace wiretrace::micro
