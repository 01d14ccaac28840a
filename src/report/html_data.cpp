#include "report/html_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

namespace wiretrace::detail {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when s[i] does not start one
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  const std::size_t left = s.size() - i;
  const auto cont = [&](std::size_t k) { return (byte(i + k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && byte(i + 1) < 0xA0) return 0;  // overlong
    if (c == 0xED && byte(i + 1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && byte(i + 1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && byte(i + 1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

void append_int(std::string& out, std::int64_t x) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  out.append(buf, r.ptr);
}

// Scores are ratios; four decimals are what the JSON report writes too.
void append_score(std::string& out, double x) {
  char buf[32];
  const double r = std::round(x * 1e4) / 1e4;
  const int n = std::snprintf(buf, sizeof buf, "%.4f", r);
  std::string_view v(buf, static_cast<std::size_t>(n));
  while (v.size() > 1 && v.back() == '0') v.remove_suffix(1);
  if (v.back() == '.') v.remove_suffix(1);
  out += v;
}

int role_code(Role role) {
  switch (role) {
    case Role::unique: return 0;
    case Role::original: return 1;
    case Role::copy: return 2;
  }
  return 0;
}

int kind_code(PassageKind kind) {
  switch (kind) {
    case PassageKind::reused: return 0;
    case PassageKind::added: return 1;
    case PassageKind::original: return 2;
    case PassageKind::boilerplate: return 3;
  }
  return 1;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  // PERF: article text is most of the page; copy runs of plain bytes in one append.
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size()) {
      const unsigned char c = static_cast<unsigned char>(s[j]);
      if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c >= 0x80) break;
      ++j;
    }
    out.append(s.data() + i, j - i);
    i = j;
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:  // '<' and the other control characters
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
      }
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
    } else if (n == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 3;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  out += '"';
}

std::vector<std::uint32_t> utf16_offsets(std::string_view s) {
  std::vector<std::uint32_t> at(s.size() + 1);
  std::uint32_t units = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t n = utf8_length(s, i);
    const std::size_t len = n == 0 ? 1 : n;
    for (std::size_t k = 0; k < len; ++k) at[i + k] = units;
    units += n == 4 ? 2 : 1;  // astral characters are surrogate pairs
    i += len;
  }
  at[s.size()] = units;
  return at;
}

std::string html_main_blob(const ClusterResult& result, const ReportOptions& options) {
  const auto& docs = result.documents;
  std::string out;
  out.reserve(256 + docs.size() * 160);

  std::size_t unique = 0;
  for (const auto& r : result.results) unique += r.family < 0;
  out += "{\"version\":1,\"stats\":{\"documents\":";
  append_int(out, static_cast<std::int64_t>(docs.size()));
  out += ",\"families\":";
  append_int(out, static_cast<std::int64_t>(result.families.size()));
  out += ",\"unique\":";
  append_int(out, static_cast<std::int64_t>(unique));
  out += ",\"rejected\":";
  append_int(out, static_cast<std::int64_t>(result.rejected.size()));
  out += ",\"warnings\":";
  append_int(out, static_cast<std::int64_t>(result.warnings.size()));
  out += ",\"seconds\":";
  if (options.timings) append_score(out, result.seconds.total + result.seconds.read);
  else out += "null";
  out += "},\"params\":{\"min_run_words\":";
  append_int(out, result.params.min_run_words);
  out += ",\"min_jaccard\":";
  append_score(out, result.params.min_jaccard);
  out += ",\"shingle_k\":";
  append_int(out, result.params.shingle_k);
  out += "},\"sources\":[";

  // Sources are few and repeated on every document: written once, referred to by index.
  std::map<std::string_view, int> source_index;
  for (const auto& d : docs)
    if (!d.source.empty()) source_index.emplace(d.source, 0);
  int next = 0;
  for (auto& [name, index] : source_index) {
    if (next) out += ',';
    index = next++;
    append_json_string(out, name);
  }
  out += "],\"docs\":[";
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const Document& doc = docs[d];
    const DocumentResult& r = result.results[d];
    if (d) out += ",\n";
    out += '[';
    append_json_string(out, doc.id);
    out += ',';
    append_json_string(out, doc.title);
    out += ',';
    append_int(out, doc.source.empty() ? -1 : source_index.at(doc.source));
    out += ',';
    append_json_string(out, doc.published);
    for (std::int64_t x : {std::int64_t{r.family}, std::int64_t{role_code(r.role)},
                           std::int64_t{r.words}, std::int64_t{r.shared_words},
                           std::int64_t{r.reused_words}, std::int64_t{r.added_words},
                           std::int64_t{r.boilerplate_words}}) {
      out += ',';
      append_int(out, x);
    }
    out += ']';
  }
  out += "],\n\"families\":[";
  for (std::size_t f = 0; f < result.families.size(); ++f) {
    const Family& family = result.families[f];
    if (f) out += ",\n";
    out += '[';
    // -1: the wire is not in the input, no member is the original.
    if (family.wire_in_input) append_int(out, family.original); else out += "-1";
    out += ',';
    append_json_string(out, to_string(family.original_basis));
    out += ',';
    append_json_string(out, to_string(family.original_confidence));
    out += family.wire_in_input ? ",1,[" : ",0,[";
    for (std::size_t m = 0; m < family.members.size(); ++m) {
      if (m) out += ',';
      append_int(out, family.members[m]);
    }
    out += "],[";
    for (std::size_t p = 0; p < family.pairs.size(); ++p) {
      const ScoredPair& pair = family.pairs[p];
      if (p) out += ',';
      out += '[';
      append_int(out, pair.a);
      out += ',';
      append_int(out, pair.b);
      for (double x : {pair.jaccard, pair.containment_ab, pair.containment_ba}) {
        out += ',';
        append_score(out, x);
      }
      out += ',';
      append_int(out, pair.shared_words);
      out += ',';
      append_int(out, pair.longest_run);
      out += ']';
    }
    out += "]]";
  }
  out += "],\n\"rejected\":[";
  for (std::size_t i = 0; i < result.rejected.size(); ++i) {
    if (i) out += ',';
    out += '[';
    append_json_string(out, result.rejected[i].input);
    out += ',';
    append_json_string(out, result.rejected[i].reason);
    out += ']';
  }
  out += "],\"warnings\":[";
  for (std::size_t i = 0; i < result.warnings.size(); ++i) {
    if (i) out += ',';
    out += '[';
    append_json_string(out, result.warnings[i].input);
    out += ',';
    append_json_string(out, result.warnings[i].message);
    out += ']';
  }
  out += "]}";
  return out;
}

std::string html_family_blob(const ClusterResult& result, std::size_t family_index) {
  const Family& family = result.families[family_index];
  const auto& docs = result.documents;
  std::size_t bytes = 0;
  for (auto m : family.members) bytes += docs[m].text.size();
  std::string out;
  out.reserve(bytes + bytes / 16 + 256);

  // Passages count bytes; the page slices JavaScript strings, which count UTF-16 units.
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> offsets;
  const auto units = [&](std::uint32_t doc) -> const std::vector<std::uint32_t>& {
    auto it = offsets.find(doc);
    if (it == offsets.end()) it = offsets.emplace(doc, utf16_offsets(docs[doc].text)).first;
    return it->second;
  };
  const auto convert = [](const std::vector<std::uint32_t>& at, std::uint32_t byte) {
    return at[std::min<std::size_t>(byte, at.size() - 1)];
  };

  out += "{\"t\":[";
  for (std::size_t m = 0; m < family.members.size(); ++m) {
    if (m) out += ",\n";
    append_json_string(out, docs[family.members[m]].text);
  }
  out += "],\n\"p\":[";
  for (std::size_t m = 0; m < family.members.size(); ++m) {
    const std::uint32_t doc = family.members[m];
    if (m) out += ",\n";
    out += '[';
    bool first = true;
    for (const Passage& p : result.results[doc].passages) {
      const auto& at = units(doc);
      if (!first) out += ',';
      first = false;
      append_int(out, convert(at, p.start));
      out += ',';
      append_int(out, convert(at, p.end));
      out += ',';
      append_int(out, kind_code(p.kind));
      out += ',';
      append_int(out, p.source);
      out += ',';
      if (p.source >= 0) {
        const auto& source_at = units(static_cast<std::uint32_t>(p.source));
        append_int(out, convert(source_at, p.source_start));
        out += ',';
        append_int(out, convert(source_at, p.source_end));
      } else {
        out += "0,0";
      }
      // 1: reworded (match rewritten), 0: word for word or no match.
      out += p.match == PassageMatch::rewritten ? ",1" : ",0";
    }
    out += ']';
  }
  out += "]}";
  return out;
}

}  // namespace wiretrace::detail
