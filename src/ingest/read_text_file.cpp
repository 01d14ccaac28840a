#include "ingest/read_text_file.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

#include "ingest/decompress.hpp"
#include "ingest/text_checks.hpp"

namespace wiretrace::detail {

void read_text_file(InputFile& file, std::string id, std::string origin, Collector& out) {
  const auto size = file.regular_size();
  // Decide on the size before reading, so a stray 4 GB file costs nothing. (A size of 0 proves
  // nothing: /proc files report 0 and have content.)
  if (size && *size > out.max_document_bytes())
    return out.reject(std::move(origin),
                      oversize_reason(static_cast<std::size_t>(*size), out.max_document_bytes()));

  // One byte past the limit is enough to know a pipe (or a growing file) holds too much.
  const std::size_t limit = out.max_document_bytes();
  std::string text = file.read_all(size, limit < SIZE_MAX ? limit + 1 : limit);
  if (text.empty()) return out.reject(std::move(origin), "empty file");
  if (text.size() > limit)
    return out.reject(std::move(origin), "too large: article of more than " +
                                             std::to_string(limit) +
                                             " bytes exceeds the limit (--max-bytes)");
  if (const auto compression = sniff_compression(text); compression != Compression::none)
    return out.reject(std::move(origin),
                      std::string(compression_name(compression)) +
                          "-compressed file (only *.jsonl.gz and *.jsonl.zst are decompressed)");
  // The whole file is checked, not a prefix: memchr runs at memory speed.
  if (const void* nul = std::memchr(text.data(), '\0', text.size()))
    return out.reject(std::move(origin),
                      "binary file (NUL byte at offset " +
                          std::to_string(static_cast<const char*>(nul) - text.data()) + ")");

  std::vector<std::string> warnings;
  if (const auto problems = find_invalid_utf8(text)) {
    // A stray Latin-1 byte in an article is kept (it acts as a separator); a file that is mostly
    // not UTF-8 text is binary data (an image, an archive) or text in another encoding, whose
    // words would all be lost: it is not an article.
    const std::size_t not_text = problems->invalid_sequences + count_control_bytes(text);
    if (not_text * 5 > text.size())
      return out.reject(std::move(origin),
                        "binary file (" + std::to_string(not_text) +
                            " invalid UTF-8 sequences or control characters in " +
                            std::to_string(text.size()) + " bytes)");
    warnings.push_back(invalid_utf8_message(*problems));
  }
  Document document;
  document.id = std::move(id);
  document.text = std::move(text);
  document.origin = std::move(origin);
  out.add(std::move(document), std::move(warnings));
}

}  // namespace wiretrace::detail
