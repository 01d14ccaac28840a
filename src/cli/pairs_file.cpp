#include "cli/pairs_file.hpp"

#include <fstream>

#include "report/terminal_text.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace::cli {

namespace {

bool is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank_char(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank_char(s.back())) s.remove_suffix(1);
  return s;
}

// Reads one field starting at s[i] (not blank); stops at a blank (`stop_at_space`) or at the end.
// A field that starts with '"' runs to the closing quote, which must end the field.
std::string take_field(std::string_view s, std::size_t& i, bool stop_at_space,
                       const std::string& where) {
  std::string out;
  if (s[i] != '"') {
    while (i < s.size() && !(stop_at_space && is_blank_char(s[i]))) out += s[i++];
    return out;
  }
  for (++i;; ++i) {
    if (i >= s.size()) throw Error(where + ": a quoted path has no closing quote");
    if (s[i] == '"') break;
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) ++i;
    out += s[i];
  }
  ++i;  // the closing quote
  if (i < s.size() && !is_blank_char(s[i]))
    throw Error(where + ": a closing quote must end the path (a blank or tab after it)");
  return out;
}

}  // namespace

std::vector<std::string> parse_pairs_line(std::string_view line, const std::string& where) {
  const std::string_view content = trim(line);
  if (content.empty() || content.front() == '#') return {};
  std::vector<std::string> paths;
  if (content.find('\t') != std::string_view::npos) {
    // Tab-separated: a field is everything between tabs, spaces included.
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = content.find('\t', start);
      const std::string_view field =
          trim(content.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (!field.empty()) {
        std::size_t i = 0;
        std::string path = take_field(field, i, false, where);
        if (i != field.size()) throw Error(where + ": text after a quoted path");
        paths.push_back(std::move(path));
      }
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
  } else {
    for (std::size_t i = 0; i < content.size();) {
      if (is_blank_char(content[i])) {
        ++i;
        continue;
      }
      paths.push_back(take_field(content, i, true, where));
    }
  }
  if (paths.size() != 2 || paths[0].empty() || paths[1].empty())
    throw Error(where + ": expected two paths, got '" + detail::terminal_safe(line) +
                "' (separate paths that hold spaces with a tab, or \"double-quote\" them)");
  return paths;
}

std::vector<PathPair> read_pairs_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read pairs file '" + file + "'");
  std::vector<PathPair> pairs;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    const std::string where = file + ":" + std::to_string(number);
    if (line.find('\0') != std::string::npos)
      throw Error(where + ": binary data (NUL byte), not two paths per line");
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // a BOM
    auto paths = parse_pairs_line(line, where);
    if (paths.empty()) continue;
    pairs.push_back({std::move(paths[0]), std::move(paths[1]), where});
  }
  if (in.bad()) throw Error("cannot read pairs file '" + file + "'");
  return pairs;
}

}  // namespace wiretrace::cli
