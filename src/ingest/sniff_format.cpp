#include "ingest/sniff_format.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include <simdjson.h>

namespace wiretrace::detail {

namespace {

bool ends_with_ignoring_case(std::string_view name, std::string_view suffix) {
  const auto same = [](char s, char n) { return std::tolower(static_cast<unsigned char>(n)) == s; };
  return name.size() >= suffix.size() &&
         std::equal(suffix.begin(), suffix.end(), name.end() - suffix.size(), same);
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim_json_space(std::string_view s) {
  while (!s.empty() && is_json_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_json_space(s.back())) s.remove_suffix(1);
  return s;
}

constexpr std::string_view bom = "\xEF\xBB\xBF";

// `{` then a quoted key: how every JSON Lines record starts (the line is too long to parse here).
bool starts_like_record(std::string_view s) {
  if (s.starts_with(bom)) s.remove_prefix(bom.size());
  s = trim_json_space(s);
  if (!s.starts_with('{')) return false;
  s.remove_prefix(1);
  while (!s.empty() && is_json_space(s.front())) s.remove_prefix(1);
  return s.starts_with('"');
}

}  // namespace

NameSays format_by_name(std::string_view name) {
  for (const std::string_view compressed : {".gz", ".zst"})
    if (ends_with_ignoring_case(name, compressed)) {
      name.remove_suffix(compressed.size());
      break;
    }
  if (ends_with_ignoring_case(name, ".jsonl") || ends_with_ignoring_case(name, ".ndjson"))
    return NameSays::jsonl;
  if (ends_with_ignoring_case(name, ".txt") || ends_with_ignoring_case(name, ".text"))
    return NameSays::text;
  return NameSays::nothing;
}

bool is_jsonl_record(std::string_view line) {
  if (line.starts_with(bom)) line.remove_prefix(bom.size());
  line = trim_json_space(line);
  if (!line.starts_with('{') || !line.ends_with('}')) return false;
  // PERF: called once per file (and on at most 10 lines of a text article), so a DOM parse is fine.
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(line);
  simdjson::dom::element element;
  const auto error = parser.parse(padded).get(element);
  if (error == simdjson::UTF8_ERROR) {
    // A record with a stray Latin-1 byte is still a record (read_jsonl rejects it, by line).
    return line.find("\"id\"") != std::string_view::npos ||
           line.find("\"text\"") != std::string_view::npos;
  }
  simdjson::dom::object object;
  if (error || element.get_object().get(object)) return false;
  for (const auto field : object)
    if (field.key == "id" || field.key == "text") return true;
  return false;
}

Sniffed sniff_jsonl(DecompressingReader& in, std::size_t limit) {
  Sniffed result;
  std::string& head = result.head;
  std::vector<char> chunk(std::size_t{1} << 16);
  std::size_t line_start = 0, scanned = 0;
  bool at_end = false;
  for (;;) {
    // Complete lines so far: the first non-blank one decides.
    while (const void* found = std::memchr(head.data() + scanned, '\n', head.size() - scanned)) {
      const std::size_t newline = static_cast<std::size_t>(static_cast<const char*>(found) - head.data());
      std::string_view line(head.data() + line_start, newline - line_start);
      if (line_start == 0 && line.starts_with(bom)) line.remove_prefix(bom.size());
      if (!trim_json_space(line).empty()) {
        result.jsonl = is_jsonl_record(line);
        return result;
      }
      line_start = scanned = newline + 1;
    }
    scanned = head.size();
    if (at_end) {
      // The last line has no newline (or there is no non-blank line at all).
      result.jsonl = is_jsonl_record(std::string_view(head).substr(line_start));
      return result;
    }
    if (head.size() - line_start > limit) {
      result.jsonl = starts_like_record(std::string_view(head).substr(line_start, 64));
      return result;
    }
    try {
      const std::size_t n = in.read(chunk.data(), chunk.size());
      if (n == 0) at_end = true;
      head.append(chunk.data(), n);
    } catch (const CorruptData& e) {
      result.corrupt = e.what();
      at_end = true;
    }
  }
}

std::size_t first_jsonl_record_line(std::string_view text) {
  std::size_t number = 0, non_blank = 0;
  for (std::size_t start = 0; start < text.size() && non_blank < 10;) {
    ++number;
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (number == 1 && line.starts_with(bom)) line.remove_prefix(bom.size());
    const std::string_view content = trim_json_space(line);
    if (content.empty()) continue;
    ++non_blank;
    if (content.starts_with('{') && is_jsonl_record(content)) return number;
  }
  return 0;
}

}  // namespace wiretrace::detail
