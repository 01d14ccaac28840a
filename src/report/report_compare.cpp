#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "report/terminal_text.hpp"
#include "wiretrace/compare.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace {
namespace {

using Json = nlohmann::ordered_json;

using Range = ByteRange;

// Whitespace runs folded to one space, cut to `limit` bytes at a UTF-8 character boundary.
std::string excerpt(const std::string& text, Range r, std::size_t limit) {
  std::string out;
  bool space = false;
  for (std::uint32_t i = r.start; i < r.end; ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (out.size() >= limit && (static_cast<unsigned char>(c) & 0xC0) != 0x80) return out + " ...";
    out += c;
  }
  return out;
}

std::uint32_t shared_words(const Comparison& c) {
  std::uint32_t n = 0;
  for (const auto& p : c.passages) n += p.matched_words;
  return n;
}

Json shared_json(const Comparison& c) {
  Json shared = Json::array();
  for (const auto& p : c.passages)
    shared.push_back(Json{{"a_start", p.a_begin}, {"a_end", p.a_end}, {"b_start", p.b_begin},
                          {"b_end", p.b_end}, {"words", p.matched_words},
                          {"match", to_string(p.match)}});
  return shared;
}

Json ranges_json(const std::vector<Range>& ranges) {
  Json out = Json::array();
  for (const Range& r : ranges) out.push_back(Json::array({r.start, r.end}));
  return out;
}

constexpr auto replace_invalid = Json::error_handler_t::replace;

}  // namespace

void write_comparison_text(std::ostream& out, const Comparison& c, const ReportOptions& options) {
  auto paint = [&](const char* code, const std::string& s) {
    return options.color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  const std::uint32_t words = shared_words(c);
  out << paint("1", "A: ") << detail::terminal_safe(c.a->id) << " (" << c.a_words << " words)\n"
      << paint("1", "B: ") << detail::terminal_safe(c.b->id) << " (" << c.b_words << " words)\n"
      << c.passages.size() << " shared passage" << (c.passages.size() == 1 ? "" : "s") << ", "
      << words << " words\n";
  for (std::size_t i = 0; i < c.passages.size(); ++i) {
    const auto& p = c.passages[i];
    out << "\n" << paint("1", "[" + std::to_string(i + 1) + "]") << " "
        << (p.match == PassageMatch::rewritten ? "rewritten, " : "") << p.matched_words
        << (p.match == PassageMatch::rewritten ? " words word for word" : " words")
        << "   A bytes " << p.a_begin << "-" << p.a_end << "   B bytes " << p.b_begin << "-"
        << p.b_end << "\n"
        << "  A  " << paint("32", detail::terminal_safe(excerpt(c.a->text, {p.a_begin, p.a_end}, 300)))
        << "\n"
        << "  B  " << paint("32", detail::terminal_safe(excerpt(c.b->text, {p.b_begin, p.b_end}, 300)))
        << "\n";
  }
  for (const auto& [label, doc, ranges] :
       {std::tuple{"A", c.a, added_ranges(c, Side::a)},
        std::tuple{"B", c.b, added_ranges(c, Side::b)}}) {
    out << "\n" << paint("1", std::string("added in ") + label) << " (" << ranges.size()
        << " stretch" << (ranges.size() == 1 ? "" : "es") << ")\n";
    for (const Range& r : ranges)
      out << "  " << r.start << "-" << r.end << "  "
          << paint("33", detail::terminal_safe(excerpt(doc->text, r, 100))) << "\n";
  }
}

void write_comparison_json(std::ostream& out, const Comparison& c) {
  const Json j{{"a", c.a->id},
               {"b", c.b->id},
               {"a_words", c.a_words},
               {"b_words", c.b_words},
               {"shared_words", shared_words(c)},
               {"shared", shared_json(c)},
               {"added_a", ranges_json(added_ranges(c, Side::a))},
               {"added_b", ranges_json(added_ranges(c, Side::b))}};
  out << j.dump(2, ' ', false, replace_invalid) << '\n';
}

void write_comparison_jsonl(std::ostream& out, const Comparison& c) {
  const Json j{{"a", c.a->id}, {"b", c.b->id}, {"shared", shared_json(c)}};
  out << j.dump(-1, ' ', false, replace_invalid) << '\n';
}

void write_comparison_error_jsonl(std::ostream& out, const std::string& a, const std::string& b,
                                  const std::string& error) {
  out << Json{{"a", a}, {"b", b}, {"error", error}}.dump(-1, ' ', false, replace_invalid) << '\n';
}

}  // namespace wiretrace
