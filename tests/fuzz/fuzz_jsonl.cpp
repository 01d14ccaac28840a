// Fuzz target: the JSON Lines reader. The input bytes are one JSON Lines stream, read by
// detail::read_jsonl through DecompressingReader exactly as a `.jsonl` file or stdin is (from an
// in-memory memfd, so nothing touches the disk), into a Collector.
//
// Uncompressed input is also split into lines here, each line parsed on its own by a fresh
// JsonlRecordParser in a buffer of exactly size + SIMDJSON_PADDING bytes (so AddressSanitizer sees
// any read past the padding), and the Collector's rules applied by hand. Invariants:
//  - every non-blank line is exactly one document or one rejection, in order, with origin
//    "fuzz.jsonl:LINE" (nothing dropped, nothing invented);
//  - read_jsonl's result equals the line-by-line model: same ids, texts and metadata, same
//    rejection reasons (a parser reused across lines behaves as a fresh one);
//  - kept documents have a non-empty id, unique ids, non-blank text within max_document_bytes,
//    and text that is valid UTF-8 (JSON must be); warnings only name kept documents;
//    bytes_read is the sum of their text sizes;
//  - with fail_on_error, the same input throws Error naming the first rejection, or nothing.
// gzip or zstd input (first bytes) exercises the decoders; only the structural invariants apply.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "fuzz_check.hpp"
#include "ingest/collector.hpp"
#include "ingest/decompress.hpp"
#include "ingest/input_file.hpp"
#include "ingest/jsonl_record.hpp"
#include "ingest/read_jsonl.hpp"
#include "ingest/text_checks.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/ingest.hpp"

using namespace wiretrace;
using wiretrace::fuzz::escaped;

namespace {

const std::string name = "fuzz.jsonl";
// Small, so that the size limit is reached too.
constexpr std::size_t max_bytes = 1024;

// The input as a file descriptor without a file on disk; InputFile opens it by its /proc path.
class MemoryFile {
 public:
  explicit MemoryFile(std::string_view bytes) : fd_(::memfd_create("wiretrace-fuzz", MFD_CLOEXEC)) {
    FUZZ_CHECK(fd_ >= 0, std::string("memfd_create failed"));
    for (std::size_t done = 0; done < bytes.size();) {
      const ::ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      FUZZ_CHECK(n > 0, std::string("write to memfd failed"));
      done += static_cast<std::size_t>(n);
    }
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

IngestResult read_through_reader(const MemoryFile& file, const IngestOptions& options) {
  detail::InputFile input;
  FUZZ_CHECK(input.open(file.path()) == 0, "cannot open " + file.path());
  detail::DecompressingReader reader(input);
  detail::Collector out(options);
  detail::read_jsonl(reader, name, out);
  return std::move(out).take();
}

std::size_t line_of(const std::string& origin) {
  FUZZ_CHECK(origin.starts_with(name + ":") && origin.size() > name.size() + 1 &&
                 origin.find_first_not_of("0123456789", name.size() + 1) == std::string::npos,
             "origin \"" + escaped(origin) + "\" is not " + name + ":LINE");
  return std::stoul(origin.substr(name.size() + 1));
}

bool json_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool same_document(const Document& a, const Document& b) {
  return a.id == b.id && a.text == b.text && a.title == b.title && a.source == b.source &&
         a.url == b.url && a.published == b.published && a.lang == b.lang &&
         a.published_unix == b.published_unix;
}

// What every result must satisfy, whatever the input.
void check_structure(const IngestResult& result) {
  std::set<std::size_t> lines;
  std::set<std::string> ids;
  std::size_t bytes = 0, previous = 0;
  for (const Document& d : result.documents) {
    const std::size_t line = line_of(d.origin);
    FUZZ_CHECK(line > previous, "documents out of line order at " + d.origin);
    previous = line;
    FUZZ_CHECK(lines.insert(line).second, "two records from line " + d.origin);
    FUZZ_CHECK(!d.id.empty(), "empty id kept at " + d.origin);
    FUZZ_CHECK(ids.insert(d.id).second, "duplicate id \"" + escaped(d.id) + "\" kept at " + d.origin);
    FUZZ_CHECK(!detail::is_blank(d.text), "blank text kept at " + d.origin);
    FUZZ_CHECK(d.text.size() <= max_bytes, "oversize text kept at " + d.origin);
    FUZZ_CHECK(!detail::find_invalid_utf8(d.text) && !detail::find_invalid_utf8(d.id),
               "invalid UTF-8 kept from JSON at " + d.origin + ": \"" + escaped(d.text) + "\"");
    FUZZ_CHECK(!d.published_unix || !d.published.empty(), "a date without \"published\"");
    bytes += d.text.size();
  }
  FUZZ_CHECK(result.bytes_read == bytes, "bytes_read " + std::to_string(result.bytes_read) +
                                              " but texts hold " + std::to_string(bytes));
  previous = 0;
  for (std::size_t i = 0; i < result.rejected.size(); ++i) {
    const RejectedInput& r = result.rejected[i];
    const std::size_t line = line_of(r.input);
    FUZZ_CHECK(line > previous, "rejections out of line order at " + r.input);
    previous = line;
    FUZZ_CHECK(lines.insert(line).second, "two records from line " + r.input);
    FUZZ_CHECK(!r.reason.empty(), "rejection without a reason at " + r.input);
    FUZZ_CHECK(r.reason.find("the rest of the file is skipped") == std::string::npos ||
                   i + 1 == result.rejected.size(),
               "records read after \"the rest of the file is skipped\" at " + r.input);
  }
  std::set<std::string> kept;
  for (const Document& d : result.documents) kept.insert(d.origin);
  for (const InputWarning& w : result.warnings)
    FUZZ_CHECK(kept.count(w.input), "warning about " + w.input + ", which was not kept");
}

struct Expected {
  std::size_t line;
  std::optional<Document> document;  // else rejected for `reason`
  std::string reason;
};

// The uncompressed stream, line by line, with the Collector's rules written out again.
std::vector<Expected> model(std::string_view bytes) {
  std::vector<Expected> out;
  std::set<std::string> ids;
  detail::JsonlRecordParser parser;
  std::size_t number = 0;
  for (std::size_t start = 0; start < bytes.size();) {
    ++number;
    std::size_t end = bytes.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) end = bytes.size();
    std::string_view line = bytes.substr(start, end - start);
    start = last ? bytes.size() : end + 1;
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    if (json_blank(line)) continue;

    const std::size_t capacity = line.size() + simdjson::SIMDJSON_PADDING;
    const auto buffer = std::make_unique<char[]>(capacity);  // zeroed padding
    std::memcpy(buffer.get(), line.data(), line.size());
    detail::ParsedRecord record;
    detail::JsonlRecordParser fresh;
    fresh.parse(buffer.get(), line.size(), capacity, record);
    // A parser reused over every line (as read_jsonl does) must give the same answer.
    detail::ParsedRecord reused;
    parser.parse(buffer.get(), line.size(), capacity, reused);
    FUZZ_CHECK(record.rejection == reused.rejection &&
                   (!record.rejection.empty() || same_document(record.document, reused.document)),
               "a reused parser reads line " + std::to_string(number) + " differently: \"" +
                   escaped(record.rejection) + "\" vs \"" + escaped(reused.rejection) + "\"");

    Expected e{number, std::nullopt, {}};
    if (!record.rejection.empty()) {
      e.reason = record.rejection;
    } else if (detail::is_blank(record.document.text)) {
      e.reason = "empty text";
    } else if (record.document.text.size() > max_bytes) {
      e.reason = detail::oversize_reason(record.document.text.size(), max_bytes);
    } else if (!ids.insert(record.document.id).second) {
      e.reason = "duplicate id";  // the message also names the first; compared by prefix
    } else {
      FUZZ_CHECK(!record.document.id.empty(), "parser accepted an empty id on line " +
                                                  std::to_string(number));
      e.document = std::move(record.document);
    }
    out.push_back(std::move(e));
  }
  return out;
}

void compare_with_model(std::string_view bytes, const IngestResult& result) {
  const std::vector<Expected> expected = model(bytes);
  std::size_t d = 0, r = 0;
  for (const Expected& e : expected) {
    const std::string where = name + ":" + std::to_string(e.line);
    if (e.document) {
      FUZZ_CHECK(d < result.documents.size() && result.documents[d].origin == where,
                 where + " should be a document: \"" + escaped(bytes) + "\"");
      FUZZ_CHECK(same_document(result.documents[d], *e.document),
                 where + " read differently from the line alone, id \"" +
                     escaped(result.documents[d].id) + "\" vs \"" + escaped(e.document->id) + "\"");
      ++d;
    } else {
      FUZZ_CHECK(r < result.rejected.size() && result.rejected[r].input == where,
                 where + " should be rejected (" + escaped(e.reason) + "): \"" + escaped(bytes) + "\"");
      FUZZ_CHECK(result.rejected[r].reason.starts_with(e.reason),
                 where + " rejected for \"" + escaped(result.rejected[r].reason) +
                     "\", the line alone for \"" + escaped(e.reason) + "\"");
      ++r;
    }
  }
  FUZZ_CHECK(d == result.documents.size() && r == result.rejected.size(),
             std::to_string(result.documents.size() + result.rejected.size()) +
                 " records from " + std::to_string(expected.size()) + " non-blank lines: \"" +
                 escaped(bytes) + "\"");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const MemoryFile file(bytes);

  IngestOptions options;
  options.max_document_bytes = max_bytes;
  const IngestResult result = read_through_reader(file, options);
  check_structure(result);
  const bool plain = detail::sniff_compression(bytes) == detail::Compression::none;
  if (plain) compare_with_model(bytes, result);

  // --on-error fail: stops at the first rejection, by throwing Error that names it.
  options.fail_on_error = true;
  std::optional<std::string> thrown;
  try {
    const IngestResult strict = read_through_reader(file, options);
    FUZZ_CHECK(strict.documents.size() == result.documents.size() &&
                   strict.warnings.size() == result.warnings.size(),
               std::string("fail_on_error changed what was kept"));
  } catch (const Error& e) {
    thrown = e.what();
  }
  FUZZ_CHECK(thrown.has_value() == !result.rejected.empty(),
             std::string(thrown ? "threw \"" + escaped(*thrown) + "\" but nothing was rejected"
                                : "did not throw, yet records were rejected"));
  if (thrown) {
    const RejectedInput& first = result.rejected.front();
    FUZZ_CHECK(*thrown == first.input + ": " + first.reason,
               "threw \"" + escaped(*thrown) + "\", first rejection " + first.input);
  }
  return 0;
}
