// Stage 7, align: the tokens of two articles -> the passages they share, as token ranges and byte
// ranges into both original texts. Exact runs of words are found from short seeds, then chained
// across small edits (a swapped word, a retyped quote, a dropped sentence) so that one lightly
// edited paragraph stays one passage. It compares two documents; it does not decide families.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "wiretrace/match.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/params.hpp"

namespace wiretrace {

// Defaults: those of Params (align_params maps one to the other).
struct AlignParams {
  /// Words per exact seed; shorter finds more edited text.
  unsigned seed_words = Params{}.align_seed_words;
  /// Words: the longest run of whole sentences one side may drop and stay in one passage.
  unsigned max_gap_words = Params{}.align_gap_words;
  /// Words: the longest stretch replaced on both sides (by about as many words) inside a passage.
  unsigned max_replaced_words = Params{}.align_replaced_words;
  /// Words matched exactly inside a passage to report it.
  unsigned min_passage_words = Params{}.min_run_words;
  /// A seed occurring more often than this in either text is a stock phrase, not evidence.
  unsigned max_seed_repeats = Params{}.align_seed_repeats;
};

/// The alignment knobs of a clustering run (min_passage_words = min_run_words, so that a pair
/// accepted for a family always has at least one passage to show).
AlignParams align_params(const Params& params);

/// One shared passage. Token ranges are half-open; byte ranges run from the first byte of the
/// first word to the last byte of the last word.
struct AlignedPassage {
  std::uint32_t a_first = 0, a_last = 0;  ///< tokens [a_first, a_last) of a
  std::uint32_t b_first = 0, b_last = 0;  ///< tokens [b_first, b_last) of b
  std::uint32_t a_begin = 0, a_end = 0;   ///< bytes [a_begin, a_end) of a's text
  std::uint32_t b_begin = 0, b_end = 0;   ///< bytes [b_begin, b_end) of b's text
  std::uint32_t matched_words = 0;        ///< words inside that match exactly, in order
  /// Word for word (bridged across small edits), or sentences alike in content but reworded.
  PassageMatch match = PassageMatch::exact;
};

/// The shared passages of a and b, ordered by their position in a. Each word of either text is
/// matched at most once.
/// The texts, when given, let a passage continue across whole sentences that one side dropped
/// (sentence breaks are found in the bytes between tokens); without them only replaced words
/// are bridged.
std::vector<AlignedPassage> align(std::span<const Token> a, std::span<const Token> b,
                                  const AlignParams& params = {}, std::string_view a_text = {},
                                  std::string_view b_text = {});

}  // namespace wiretrace
