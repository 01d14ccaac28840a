// Private to the rewrite stage: what termize knows of each language (stop words, number words,
// the Snowball stemmer), and the guess of an article's language from the stop words it holds.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

#include "wiretrace/normalize.hpp"
#include "wiretrace/rewrite.hpp"

namespace wiretrace::detail {

/// The language whose stop words make up the largest share of the tokens, when that share is
/// large enough to be a language at all (running text is a third stop words or more; a list of
/// names, a table of figures, or a language without a list is `other`).
TermLanguage guess_language(std::span<const Token> tokens);

/// Whether the normalized word (token hash) is a stop word of the language.
bool is_stop_word(TermLanguage language, std::uint64_t token_hash);

/// The digits a normalized number word stands for ("twelve" -> "12", "بارہ" -> "12"), or empty.
std::string_view number_word_digits(TermLanguage language, std::string_view normalized_word);

/// libstemmer's name of the language's Snowball algorithm, or nullptr (no stemmer: Urdu, other).
const char* snowball_name(TermLanguage language);

}  // namespace wiretrace::detail
