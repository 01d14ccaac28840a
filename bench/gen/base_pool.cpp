#include "gen/base_pool.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "wiretrace/error.hpp"

namespace wiretrace::bench {
namespace fs = std::filesystem;
namespace {

/// Length of the valid UTF-8 sequence at i, or 0 (overlong forms and surrogates are invalid).
std::size_t valid_sequence(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
  }
  return n;
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/// Hashes of every run of `n` lower-cased words (letters, digits, non-ASCII bytes).
std::vector<std::uint64_t> word_run_hashes(const BaseArticle& a, unsigned n) {
  std::vector<std::uint64_t> words;
  for (const auto& p : a.paragraphs) {
    std::uint64_t h = 0;
    bool in_word = false;
    for (std::size_t i = 0; i <= p.size(); ++i) {
      const auto c = i < p.size() ? static_cast<unsigned char>(p[i]) : ' ';
      if (is_word_byte(c)) {
        if (!in_word) h = 0xcbf29ce484222325ULL;  // FNV-1a
        in_word = true;
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * 0x100000001b3ULL;
      } else if (in_word) {
        words.push_back(h);
        in_word = false;
      }
    }
  }
  std::vector<std::uint64_t> out;
  if (words.size() < n) return out;
  constexpr std::uint64_t base = 0x9e3779b97f4a7c15ULL;
  std::uint64_t top = 1;  // base^(n-1)
  for (unsigned k = 1; k < n; ++k) top *= base;
  std::uint64_t h = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i >= n) h -= words[i - n] * top;
    h = h * base + words[i];
    if (i + 1 >= n) out.push_back(h);
  }
  return out;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Relative paths of all but the first listed doc of each group.
std::unordered_set<std::string> later_group_members(const fs::path& tsv) {
  std::unordered_set<std::string> excluded;
  if (tsv.empty()) return excluded;
  std::istringstream in(read_bytes(tsv));
  std::unordered_set<std::string> seen_groups;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (number == 1 && line.starts_with("dup_group"))) continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos)
      throw Error(tsv.string() + ":" + std::to_string(number) + ": expected \"group<TAB>doc\"");
    if (!seen_groups.insert(line.substr(0, tab)).second) excluded.insert(line.substr(tab + 1));
  }
  return excluded;
}

}  // namespace

std::string repair_utf8(std::string_view bytes, bool& repaired) {
  repaired = false;
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    if (const std::size_t n = valid_sequence(bytes, i)) {
      out.append(bytes.substr(i, n));
      i += n;
      continue;
    }
    const auto b = static_cast<unsigned char>(bytes[i++]);
    out += static_cast<char>(0xC0 | (b >> 6));
    out += static_cast<char>(0x80 | (b & 0x3F));
    repaired = true;
  }
  return out;
}

BaseArticle parse_article_text(std::string_view text, std::string origin) {
  BaseArticle a;
  a.origin = std::move(origin);
  std::string paragraph;
  auto flush = [&] {
    if (!paragraph.empty()) a.paragraphs.push_back(std::move(paragraph));
    paragraph.clear();
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t eol = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    std::string collapsed;
    for (const char c : line) {
      const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
      if (!space) {
        collapsed += c;
      } else if (!collapsed.empty() && collapsed.back() != ' ') {
        collapsed += ' ';
      }
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    if (collapsed.empty()) {
      flush();
    } else if (a.title.empty()) {
      // The title is the first line even when no blank line follows it.
      a.title = std::move(collapsed);
    } else {
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += collapsed;
    }
  }
  flush();
  return a;
}

BasePool load_base_pool(const fs::path& dir, const fs::path& exclude_groups, unsigned overlap_words) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error("not a folder: " + dir.string());
  const auto excluded = later_group_members(exclude_groups);

  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".txt")
      files.push_back(it->path().lexically_relative(dir).generic_string());
  }
  if (ec) throw Error("cannot list " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());

  BasePool pool;
  pool.stats.files = files.size();
  std::unordered_set<std::uint64_t> kept_runs;
  for (const auto& rel : files) {
    if (excluded.contains(rel)) {
      ++pool.stats.excluded_by_groups;
      continue;
    }
    bool repaired = false;
    const std::string text = repair_utf8(read_bytes(dir / rel), repaired);
    pool.stats.repaired_encoding += repaired;
    BaseArticle article = parse_article_text(text, rel);
    std::size_t words = 0;
    for (const auto& p : article.paragraphs) words += count_words(p);
    if (article.paragraphs.size() < 2 || words < 60) {
      ++pool.stats.too_short;
      continue;
    }
    const auto runs = word_run_hashes(article, overlap_words);
    if (std::any_of(runs.begin(), runs.end(), [&](std::uint64_t h) { return kept_runs.contains(h); })) {
      ++pool.stats.overlapping;
      continue;
    }
    kept_runs.insert(runs.begin(), runs.end());
    pool.articles.push_back(std::move(article));
  }
  pool.stats.kept = pool.articles.size();
  return pool;
}

}  // namespace wiretrace::bench
