#include "ingest/read_jsonl.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "ingest/jsonl_record.hpp"

namespace wiretrace::detail {

namespace {

// One line's bytes followed by the zeroed padding simdjson reads past the end.
class PaddedLine {
 public:
  void append(const char* bytes, std::size_t count) {
    const std::size_t needed = size_ + count + simdjson::SIMDJSON_PADDING;
    if (needed > buffer_.size()) buffer_.resize(std::max(needed, buffer_.size() * 2));
    std::memcpy(buffer_.data() + size_, bytes, count);
    size_ += count;
  }
  void clear() { size_ = 0; }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return buffer_.size(); }
  const char* data() {
    if (buffer_.size() < size_ + simdjson::SIMDJSON_PADDING)
      buffer_.resize(size_ + simdjson::SIMDJSON_PADDING);
    std::memset(buffer_.data() + size_, 0, simdjson::SIMDJSON_PADDING);
    return buffer_.data();
  }

 private:
  std::vector<char> buffer_;
  std::size_t size_ = 0;
};

bool is_json_blank(const char* p, std::size_t n) {
  const auto json_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  return std::all_of(p, p + n, json_space);
}

class LineProcessor {
 public:
  LineProcessor(const std::string& name, Collector& out) : name_(name), out_(out) {}

  void process(PaddedLine& line, std::size_t number) {
    const char* const base = line.data();
    const char* bytes = base;
    std::size_t size = line.size();
    // Editors on Windows start files with a BOM; JSON parsers do not accept one.
    if (number == 1 && size >= 3 && std::memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
      bytes += 3;
      size -= 3;
    }
    if (is_json_blank(bytes, size)) return;
    parser_.parse(bytes, size, line.capacity() - static_cast<std::size_t>(bytes - base), record_);
    std::string origin = name_ + ":" + std::to_string(number);
    if (!record_.rejection.empty())
      return out_.reject(std::move(origin), std::move(record_.rejection),
                         std::move(record_.document.id));
    record_.document.origin = std::move(origin);
    if (out_.options().keep_records) {
      while (size > 0 && (bytes[size - 1] == ' ' || bytes[size - 1] == '\t' || bytes[size - 1] == '\r'))
        --size;
      record_.document.record.assign(bytes, size);
    }
    out_.add(std::move(record_.document), std::move(record_.warnings));
  }

 private:
  const std::string& name_;
  Collector& out_;
  JsonlRecordParser parser_;
  ParsedRecord record_;
};

}  // namespace

void read_jsonl(DecompressingReader& in, const std::string& name, Collector& out) {
  LineProcessor lines(name, out);
  PaddedLine line;
  std::vector<char> chunk(std::size_t{1} << 20);
  std::size_t number = 1;
  for (;;) {
    std::size_t got = 0;
    try {
      got = in.read(chunk.data(), chunk.size());
    } catch (const CorruptData& e) {
      // The line being assembled is incomplete and nothing after it can be trusted.
      return out.reject(name + ":" + std::to_string(number),
                        std::string(e.what()) + "; the rest of the file is skipped");
    }
    if (got == 0) break;
    // PERF: memchr finds line ends at memory speed; lines are copied once, into the padded buffer.
    const char* p = chunk.data();
    const char* end = p + got;
    while (const char* newline = static_cast<const char*>(std::memchr(p, '\n', end - p))) {
      line.append(p, newline - p);
      lines.process(line, number++);
      line.clear();
      p = newline + 1;
    }
    line.append(p, end - p);
  }
  // A last line without a newline is still a record (a cut-off one fails as malformed JSON).
  if (!line.empty()) lines.process(line, number);
}

}  // namespace wiretrace::detail
