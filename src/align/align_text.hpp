// Private to the library: a text prepared once for aligning with many others (a family's
// original is aligned with every copy). Its seed table is an implementation detail of align.cpp,
// so it stays out of the public align.hpp.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "wiretrace/align.hpp"

namespace wiretrace::detail {

/// A text made ready for aligning with many others: its seeds are hashed and indexed once.
struct AlignText {
  std::span<const Token> tokens;  ///< not owned
  std::string_view text;          ///< not owned; empty = sentence breaks unknown
  unsigned seed_words = 0;
  std::vector<std::uint64_t> seeds;  ///< seed starting at each token
  /// Open-addressing table over the distinct seeds: where each first occurs and how often.
  struct Slot {
    std::uint64_t seed = 0;
    std::uint32_t first = 0, count = 0;
  };
  std::vector<Slot> table;
  std::vector<std::uint32_t> next_same;  ///< the next token starting the same seed, or ~0u
  const Slot* find(std::uint64_t seed) const;
};

AlignText prepare_alignment(std::span<const Token> tokens, std::string_view text,
                            const AlignParams& params);

/// align() for texts prepared with the same params (a family aligns its original with every
/// copy: it is prepared once).
std::vector<AlignedPassage> align_prepared(const AlignText& a, const AlignText& b,
                                           const AlignParams& params);

}  // namespace wiretrace::detail
