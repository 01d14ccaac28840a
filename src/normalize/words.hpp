// Private pieces of the normalize stage: the ICU word segmenter (the reference), the fast path
// for ASCII and common typography that must reproduce it byte for byte, and the rule for where
// text may be split between them. Exposed only so the tests can hold one to the other.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "wiretrace/normalize.hpp"

namespace wiretrace::detail {

/// Appends the words of text[begin, end) as ICU's root word break iterator finds them, with
/// offsets into `text`. Every hash goes through normalize_word: this is the oracle.
void icu_words(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out);

/// tokenize() done by ICU alone over the whole text; the reference the fast path is tested on.
std::vector<Token> tokenize_icu(std::string_view text);

/// Length of the character at text[i] if the fast path knows it (ASCII, ‘ ’ “ ” – — … and
/// no-break space), else 0.
std::size_t fast_char_length(std::string_view text, std::size_t i);

/// Appends the words of text[begin, end), which must hold only characters the fast path knows,
/// exactly as icu_words would (same spans, same hashes) but without ICU.
void fast_words(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out);

/// XXH3-64 of the ASCII word text[begin, end) with A-Z lowered, which is all that normalize_word
/// does to ASCII. It may read (not hash) bytes of `text` after `end`.
std::uint64_t ascii_word_hash(std::string_view text, std::size_t begin, std::size_t end);

/// True when ICU's word iterator breaks at byte p (0 < p < size) whatever the text is on either
/// side beyond text[p-1] and text[p], and no rule looks across p: the text before p and after p
/// can then be segmented separately with the same result as segmenting it whole.
bool is_safe_cut(std::string_view text, std::size_t p);

}  // namespace wiretrace::detail
