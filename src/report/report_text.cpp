#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "report/family_ids.hpp"
#include "report/terminal_text.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace {
namespace {

// One place decides what colour means, so --color never and NO_COLOR strip it all.
struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }
  std::string bold(const std::string& s) const { return (*this)("1", s); }
  std::string green(const std::string& s) const { return (*this)("32", s); }
  std::string dim(const std::string& s) const { return (*this)("2", s); }
  std::string yellow(const std::string& s) const { return (*this)("33", s); }
};

std::string fixed(double x, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string percent(std::uint32_t part, std::uint32_t whole) {
  return whole == 0 ? "0%" : std::to_string((part * 100 + whole / 2) / whole) + "%";
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

// Everything taken from the input goes through detail::terminal_safe: an id or a title is data,
// and a terminal would act on its escape sequences and bidi controls.
std::string describe(const Document& d) {
  std::string extra;
  if (!d.source.empty()) extra += d.source;
  if (!d.published.empty()) extra += (extra.empty() ? "" : ", ") + d.published;
  if (!d.title.empty()) extra += (extra.empty() ? "" : ": ") + d.title;
  return extra.empty() ? "" : "  " + detail::terminal_safe(extra);
}

// The first words of a passage, on one line, for a glance at what a publisher added.
std::string first_words(const std::string& text, const Passage& p, std::size_t max_words) {
  std::string out;
  std::size_t words = 0;
  bool in_space = true;
  for (std::size_t i = p.start; i < p.end; ++i) {
    const char c = text[i];
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!in_space && ++words == max_words) return out + " ...";
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) out += ' ';
    out += c;
    in_space = false;
  }
  return out;
}

}  // namespace

void write_text_report(std::ostream& out, const ClusterResult& result, const ReportOptions& options) {
  const Style style{options.color};
  const auto& docs = result.documents;
  std::size_t unique = 0, id_width = 0;
  std::vector<std::string> ids(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) {
    unique += result.results[d].family < 0;
    ids[d] = detail::terminal_safe(docs[d].id);
    id_width = std::max(id_width, ids[d].size());
  }
  id_width = std::min<std::size_t>(id_width, 48);

  out << style.bold("wiretrace: " + plural(docs.size(), "article", "articles") + ", " +
                    plural(result.families.size(), "family", "families") + ", " +
                    std::to_string(unique) + " unique, " + std::to_string(result.rejected.size()) +
                    " rejected");
  if (options.timings) out << " in " << fixed(result.seconds.total + result.seconds.read, 2) << " s";
  out << "\n";

  for (std::size_t f = 0; f < result.families.size(); ++f) {
    const Family& family = result.families[f];
    out << "\n"
        << style.bold("family " + detail::family_id(f, result.families[f].number)) << ": "
        << plural(family.members.size(), "article", "articles");
    if (family.wire_in_input)
      out << ", original " << ids[family.original] << " (by " << to_string(family.original_basis) << ", "
          << to_string(family.original_confidence) << " confidence)\n";
    else
      out << ", wire not in input\n  "
          << style.dim("every member carries a publisher's header or footer: none is the wire, so "
                       "shared text is credited to the member it is shared with")
          << "\n";
    for (auto m : family.members) {
      const auto& r = result.results[m];
      if (r.family != static_cast<std::int32_t>(f)) {
        // A bridge: described once, in its own family.
        out << "  " << pad("bridge", 9) << pad(ids[m], id_width) << "  "
            << style.dim("quotes this story and another's: described in family " +
                         detail::family_id(static_cast<std::size_t>(r.family),
                                           result.families[static_cast<std::size_t>(r.family)].number))
            << "\n";
        continue;
      }
      const bool original = r.role == Role::original;
      const std::string role = pad(to_string(r.role), 9);
      out << "  " << (original ? style.green(role) : role) << pad(ids[m], id_width) << "  "
          << std::to_string(r.words) << " words, " << (original ? "reused by copies " : "reused ")
          << percent(r.reused_words, r.words);
      // Of that, the words reused in other words (rewritten copy: --rewrite-link-cosine).
      std::uint32_t reworded = 0;
      for (const Passage& p : r.passages)
        if ((p.kind == PassageKind::reused || p.kind == PassageKind::original) && p.match == PassageMatch::rewritten)
          reworded += p.words;
      if (reworded > 0) out << " (reworded " << percent(reworded, r.words) << ")";
      out << ", added " << percent(r.added_words, r.words);
      if (r.boilerplate_words > 0) out << ", boilerplate " << percent(r.boilerplate_words, r.words);
      for (std::size_t i = 0; i < r.also_in.size(); ++i) {
        const auto g = static_cast<std::size_t>(r.also_in[i]);
        out << (i == 0 ? ", also in " : ", ") << detail::family_id(g, result.families[g].number);
      }
      out << style.dim(describe(docs[m])) << "\n";
      if (original) continue;
      for (const Passage& p : r.passages)
        if (p.kind == PassageKind::added)
          out << "      "
              << style.yellow("+ " + detail::terminal_safe(first_words(docs[m].text, p, 12))) << "\n";
    }
    out << "  pairs:\n";
    for (const auto& p : family.pairs)
      out << "    " << ids[p.a] << " ~ " << ids[p.b] << ": "
          << (p.match == PassageMatch::rewritten ? "rewritten copy (whole texts alike), " : "")
          << "jaccard " << fixed(p.jaccard, 3)
          << ", containment " << fixed(p.containment_ab, 3) << " / " << fixed(p.containment_ba, 3)
          << ", " << p.shared_words << " shared words, longest run " << p.longest_run << "\n";
  }

  out << "\n" << style.bold("unique (" + std::to_string(unique) + ")") << "\n";
  for (std::size_t d = 0; d < docs.size(); ++d)
    if (result.results[d].family < 0)
      out << "  " << pad(ids[d], id_width) << "  " << result.results[d].words << " words"
          << style.dim(describe(docs[d])) << "\n";

  if (!result.rejected.empty()) {
    out << "\n" << style.yellow("rejected (" + std::to_string(result.rejected.size()) + ")") << "\n";
    for (const auto& r : result.rejected)
      out << "  " << detail::terminal_safe(r.input + ": " + r.reason) << "\n";
  }
  if (!result.warnings.empty()) {
    out << "\n" << style.yellow("warnings (" + std::to_string(result.warnings.size()) + ")") << "\n";
    for (const auto& w : result.warnings)
      out << "  " << detail::terminal_safe(w.input + ": " + w.message) << "\n";
  }
}

}  // namespace wiretrace
