// Article texts held zstd-compressed between tokenizing and alignment. After tokenizing, the
// middle stages work on shingles only; the text is needed again only to align the members of
// families and for the caller. At a million articles the texts are 3.6 GB of the peak, and a
// news article compresses about twofold on its own.
//
// Each text is compressed on its own, not in frames of many (which compress 40% faster and
// better): a compressed article fits in the hole its text leaves in the heap, large frames do not,
// and measured at 1,000,000 articles only the per-article way lowered the peak (9.5 -> 8.3 GB).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "wiretrace/document.hpp"

namespace wiretrace::detail {

class CompressedTexts {
 public:
  /// Compresses every document's text into this store and releases the text (in parallel).
  void take(std::vector<Document>& documents);

  /// Puts back the texts of the documents listed (in parallel); they leave the store.
  void restore(std::vector<Document>& documents, std::span<const std::uint32_t> which);

  /// Puts back every text still in the store.
  void restore_all(std::vector<Document>& documents);

  bool holds(std::size_t document) const { return document < held_.size() && held_[document]; }

 private:
  std::vector<std::string> frames_;
  std::vector<char> held_;
};

}  // namespace wiretrace::detail
