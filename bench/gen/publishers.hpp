// Who prints the corpus: wire agencies, whose stories are copied, and publishers, whose every
// article carries the same header line and footer (boilerplate the truth marks, and which must
// never make a family). Fixed lists: they do not depend on the seed.
#pragma once
#include <string>
#include <vector>

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

}  // namespace wiretrace::bench
