// Who prints the corpus: wire agencies, whose stories are copied; publishers, whose every
// article carries the same header line and footer; and small papers, whose few articles share
// only a long footer (boilerplate the truth marks, and which must never make a family). Fixed
// lists: they do not depend on the seed.
#pragma once
#include <string>
#include <vector>

#include "gen/synthetic_text.hpp"

namespace wiretrace::bench {

/// A newspaper: every article it prints opens with `header` and ends with `footer`.
struct Publisher {
  std::string name;    ///< e.g. "The Daily Ledger"
  std::string header;  ///< one line, e.g. "Advertisement"
  std::string footer;  ///< 20-60 words: newsletter, about us, contact, copyright
};

/// The first `count` publishers (at most 256; wiretrace::Error beyond).
std::vector<Publisher> make_publishers(unsigned count);

/// The wire agencies that stories come from.
std::vector<std::string> wire_agencies();

/// A small local paper: no header, and one long footer that is all its articles have in common.
struct SmallPaper {
  std::string name;    ///< e.g. "The Ashby Clarion"
  std::string footer;  ///< 60-120 words: delivery, contacts, printer, and a blurb about the paper
};

inline constexpr unsigned min_small_paper_footer_words = 60, max_small_paper_footer_words = 120;

/// Small paper number `index`, the same for every seed (its blurb is drawn from `writer` with a
/// generator seeded by the index). Names differ for every index, and no run of ten footer words
/// is printed by another small paper or by a publisher: the test checks the first 2,000.
SmallPaper make_small_paper(unsigned index, const SyntheticWriter& writer);

}  // namespace wiretrace::bench
