#include "ingest/read_text_file.hpp"

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "ingest/sniff_format.hpp"
#include "ingest/text_checks.hpp"

namespace wiretrace::detail {

namespace {

std::string compressed_reason(Compression compression) {
  return std::string(compression_name(compression)) +
         "-compressed file (only JSON Lines is decompressed: *.jsonl.gz, *.ndjson.zst, ...)";
}

// Rejects a file over the limit by its size, before it is read, so a stray 4 GB file costs
// nothing. (A size of 0 proves nothing: /proc files report 0 and have content.)
bool too_large_by_size(std::optional<std::uint64_t> size, const std::string& origin, Collector& out) {
  if (!size || *size <= out.max_document_bytes()) return false;
  out.reject(origin, oversize_reason(static_cast<std::size_t>(*size), out.max_document_bytes()));
  return true;
}

// The checks on a text file's bytes, all of them read (at most limit + 1), then the article.
void add_text(std::string text, std::string id, std::string origin, Collector& out) {
  const std::size_t limit = out.max_document_bytes();
  if (text.empty()) return out.reject(std::move(origin), "empty file");
  if (text.size() > limit)
    return out.reject(std::move(origin), "too large: article of more than " +
                                             std::to_string(limit) +
                                             " bytes exceeds the limit (--max-bytes)");
  if (const auto compression = sniff_compression(text); compression != Compression::none)
    return out.reject(std::move(origin), compressed_reason(compression));
  // The whole file is checked, not a prefix: memchr runs at memory speed.
  if (const void* nul = std::memchr(text.data(), '\0', text.size()))
    return out.reject(std::move(origin),
                      "binary file (NUL byte at offset " +
                          std::to_string(static_cast<const char*>(nul) - text.data()) + ")");

  // A stray Latin-1 byte or an escape sequence in an article is kept (it acts as a separator);
  // a file that is mostly not UTF-8 text is binary data (an image, an archive), a terminal
  // capture, or text in another encoding, whose words would all be lost: it is not an article.
  std::vector<std::string> warnings;
  const auto problems = find_invalid_utf8(text);
  const std::size_t invalid = problems ? problems->invalid_sequences : 0;
  const std::size_t controls = count_control_characters(text);
  if ((invalid + controls) * 5 > text.size())
    return out.reject(std::move(origin),
                      "binary file (" + std::to_string(invalid + controls) +
                          (problems ? " invalid UTF-8 sequences or control characters in "
                                    : " control characters in ") +
                          std::to_string(text.size()) + " bytes)");
  if (problems) warnings.push_back(invalid_utf8_message(*problems));
  if (const std::size_t line = first_jsonl_record_line(text))
    warnings.push_back("read as one article, but line " + std::to_string(line) +
                       " is a JSON Lines record (a JSON object with \"id\" or \"text\"): for one "
                       "article per line, name the file *.jsonl or give --input-format jsonl");
  Document document;
  document.id = std::move(id);
  document.text = std::move(text);
  document.origin = std::move(origin);
  out.add(std::move(document), std::move(warnings), Collector::from_file);
}

}  // namespace

void read_text_file(InputFile& file, std::string id, std::string origin, Collector& out) {
  const auto size = file.regular_size();
  if (too_large_by_size(size, origin, out)) return;
  // One byte past the limit is enough to know a pipe (or a growing file) holds too much.
  const std::size_t limit = out.max_document_bytes();
  add_text(file.read_all(size, limit < SIZE_MAX ? limit + 1 : limit), std::move(id),
           std::move(origin), out);
}

void read_text_after_sniff(DecompressingReader& in, std::string head,
                           std::optional<std::uint64_t> size, std::string id, std::string origin,
                           Collector& out) {
  if (in.compression() != Compression::none)
    return out.reject(std::move(origin), compressed_reason(in.compression()));
  if (too_large_by_size(size, origin, out)) return;
  const std::size_t limit = out.max_document_bytes();
  const std::size_t want = limit < SIZE_MAX ? limit + 1 : limit;
  // Uncompressed, so the reader hands on the file's bytes as they are; the size is only a hint.
  std::size_t used = head.size();
  if (size) head.resize(std::max(used, static_cast<std::size_t>(std::min<std::uint64_t>(*size + 1, want))));
  while (used < want) {
    if (used == head.size()) head.resize(std::min(want, std::max(used * 2, std::size_t{1} << 16)));
    const std::size_t n = in.read(head.data() + used, head.size() - used);
    if (n == 0) break;
    used += n;
  }
  head.resize(used);
  std::string text = std::move(head);
  add_text(std::move(text), std::move(id), std::move(origin), out);
}

}  // namespace wiretrace::detail
