// The HTML report: what the page carries (unit level), and what a real browser shows of it
// (Debian's headless Chromium, driven by tests/browser/chromium.sh; scripts/setup.sh installs it).
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "cli_runner.hpp"
#include "report/html_data.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/report.hpp"

using namespace wiretrace;
using namespace wiretrace::test;
using nlohmann::json;

namespace {

const std::string id000 = "000_977f0c954ba00d2b.txt";
const std::string id001 = "001_acf3f096cf1d3bac.txt";
const std::string id002 = "002_2df2f6f88230cd01.txt";
const std::string injection = "</script><script>document.title='pwned'</script>";
const std::string chromium = "/usr/bin/chromium";

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

/// The content of <script type="application/json" id="ID">, or "" when there is none.
std::string blob(const std::string& page, const std::string& id) {
  const std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
  const auto start = page.find(open);
  if (start == std::string::npos) return "";
  const auto from = start + open.size();
  return page.substr(from, page.find("</script>", from) - from);
}

std::string html_of(const ClusterResult& result) {
  std::ostringstream out;
  write_html_report(out, result);
  return out.str();
}

ClusterResult seeds_result() {
  return cluster_documents(read_inputs({seeds_dir}).documents, Params{});
}

// UTF-8 -> UTF-16 code units, to check offsets the way the page's script slices strings.
std::u16string utf16(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
    i += static_cast<std::size_t>(n);
  }
  return out;
}

// A family {wire, copy} whose texts hold everything that could break out of the page: markup,
// a closing script tag, an HTML comment opener, U+2028, an astral character, invalid UTF-8.
ClusterResult hostile_result() {
  ClusterResult r;
  const std::string quote = "Minister said “the deployment is of serious concern” 😀 today";
  Document wire, copy, alone;
  wire.id = "wire</script>";
  wire.text = "Wire: " + quote + ".";
  copy.id = "copy";
  copy.title = "<!--<script>alert(1)</script>";
  copy.source = "</style><b>";
  copy.text = injection + " é\xE2\x80\xA8 \xFF " + quote + " <img src=x onerror=alert(1)>";
  alone.id = "alone";
  alone.text = "unrelated </script>";
  r.documents = {wire, copy, alone};
  const auto w_at = static_cast<std::uint32_t>(wire.text.find("Minister"));
  const auto c_at = static_cast<std::uint32_t>(copy.text.find("Minister"));
  const auto len = static_cast<std::uint32_t>(quote.size());
  const auto w_end = static_cast<std::uint32_t>(wire.text.size());
  const auto c_end = static_cast<std::uint32_t>(copy.text.size());
  r.results = {{0, Role::original, 12, 9}, {0, Role::copy, 20, 9}, {-1, Role::unique, 2, 0}};
  r.results[0].passages = {{0, w_at, PassageKind::added, -1, 0, 0, 1},
                           {w_at, w_at + len, PassageKind::original, -1, 0, 0, 9},
                           {w_at + len, w_end, PassageKind::added, -1, 0, 0, 0}};
  r.results[1].passages = {{0, c_at, PassageKind::added, -1, 0, 0, 6},
                           {c_at, c_at + len, PassageKind::reused, 0, w_at, w_at + len, 9},
                           {c_at + len, c_end, PassageKind::added, -1, 0, 0, 4}};
  Family f;
  f.members = {0, 1};
  f.original = 0;
  f.original_basis = OriginalBasis::coverage;
  f.original_confidence = Confidence::high;
  r.families = {f};
  return r;
}

// ---- reading a DOM dumped by Chromium ---------------------------------------------------------

/// The dump without the contents of <script> elements (the data blobs hold article text too).
std::string without_scripts(std::string dom) {
  for (auto at = dom.find("<script"); at != std::string::npos; at = dom.find("<script", at)) {
    const auto end = dom.find("</script>", at);
    REQUIRE(end != std::string::npos);
    dom.erase(at, end + 9 - at);
  }
  return dom;
}

std::string unescape(std::string s) {
  static const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&nbsp;", "\xC2\xA0"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + std::strlen(to)))
      s.replace(at, std::strlen(from), to);
  return s;
}

/// The attribute `name` of the <html> element.
std::string root_attribute(const std::string& dom, const std::string& name) {
  const auto html = dom.substr(0, dom.find('>', dom.find("<html")));
  const auto at = html.find(" " + name + "=\"");
  if (at == std::string::npos) return "";
  const auto from = at + name.size() + 3;
  return unescape(html.substr(from, html.find('"', from) - from));
}

std::string element_attribute(const std::string& dom, const std::string& name) {
  const auto at = dom.find(" " + name + "=\"");
  if (at == std::string::npos) return "";
  const auto from = at + name.size() + 3;
  return unescape(dom.substr(from, dom.find('"', from) - from));
}

/// The family card (overview) or column (family view) that starts at `marker`.
std::string section(const std::string& dom, const std::string& marker, const std::string& end_tag) {
  const auto at = dom.find(marker);
  if (at == std::string::npos) return "";
  return dom.substr(at, dom.find(end_tag, at) - at);
}

struct PageSpan {
  std::string kind;  ///< reused, added, orig, boiler
  std::string text;
};

std::vector<PageSpan> passage_spans(const std::string& column) {
  static const std::regex span(R"re(<span class="p (\w+)[^>]*>([^<]*)</span>)re");
  std::vector<PageSpan> spans;
  for (std::sregex_iterator it(column.begin(), column.end(), span), end; it != end; ++it)
    spans.push_back({(*it)[1], unescape((*it)[2])});
  return spans;
}

/// The family (fN) whose overview card lists every id.
std::string family_holding(const std::string& dom, std::initializer_list<std::string> ids) {
  static const std::regex card(R"re(<section class="card[^"]*" id="card-(f\d+)")re");
  for (std::sregex_iterator it(dom.begin(), dom.end(), card), end; it != end; ++it) {
    const std::string name = (*it)[1];
    const std::string body = section(dom, "id=\"card-" + name + "\"", "</section>");
    bool all = true;
    for (const auto& id : ids) all = all && body.find("data-doc=\"" + id + "\"") != std::string::npos;
    if (all) return name;
  }
  return "";
}

/// Chromium's DOM of `page` (+ `hash`) after the page's script ran.
std::string dump_dom(const std::filesystem::path& page, const std::string& hash = "") {
  REQUIRE_MESSAGE(std::filesystem::exists(chromium),
                  "the browser tests need Debian's chromium (" << chromium
                  << "): run scripts/setup.sh, which installs it");
  const auto script = std::filesystem::path(fixtures).parent_path() / "tests/browser/chromium.sh";
  const auto r = run(quoted(script) + " dom " + wiretrace::test::quoted(std::filesystem::path("file://" + page.string() + hash)));
  INFO("chromium stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.find("</html>") != std::string::npos);
  return r.out;
}

void require_rendered(const std::string& dom) {
  CHECK(root_attribute(dom, "data-ready") == "true");
  CHECK_MESSAGE(root_attribute(dom, "data-errors").empty(), root_attribute(dom, "data-errors"));
}

}  // namespace

// ---- unit level --------------------------------------------------------------------------------

TEST_CASE("html: the seeds' page is self-contained and its data blob parses") {
  const ClusterResult result = seeds_result();
  const std::string page = html_of(result);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  // Our own script elements only: the data blob, one per family, the page's script.
  CHECK(count(page, "<script") == 2 + result.families.size());
  CHECK(count(page, "</script>") == 2 + result.families.size());
  // Nothing is fetched: no external resources in the markup, and a policy that forbids them.
  std::string markup = page;
  for (const auto& id : {"wt-data", "wt-f1"}) markup.erase(markup.find(blob(page, id)), blob(page, id).size());
  CHECK(markup.find("src=") == std::string::npos);
  CHECK(markup.find("<link") == std::string::npos);
  CHECK(markup.find("http://") == std::string::npos);
  CHECK(markup.find("https://") == std::string::npos);
  CHECK(markup.find("@import") == std::string::npos);
  CHECK(markup.find("url(") == std::string::npos);
  CHECK(page.find("default-src 'none'") != std::string::npos);

  const auto data = json::parse(blob(page, "wt-data"));
  CHECK(data["stats"]["documents"] == 5);
  CHECK(data["stats"]["families"] == 1);
  CHECK(data["stats"]["unique"] == 3);
  REQUIRE(data["docs"].size() == 5);
  REQUIRE(data["families"].size() == 1);
  const auto& family = data["families"][0];
  CHECK(data["docs"][family[0].get<int>()][0] == id000);
  std::vector<std::string> members;
  for (const auto& m : family[4]) members.push_back(data["docs"][m.get<int>()][0]);
  CHECK(members == std::vector<std::string>{id000, id002});

  // Family members carry their text and passages (in UTF-16 units, tiling the text): start, end,
  // kind, source, source start, source end, reworded.
  const auto texts = json::parse(blob(page, "wt-f1"));
  REQUIRE(texts["t"].size() == 2);
  CHECK(texts["t"][1] == read_file(seeds_dir + "/" + id002));
  const auto& p = texts["p"][1];
  REQUIRE(p.size() % 7 == 0);
  std::uint32_t at = 0;
  int reused = 0;
  for (std::size_t i = 0; i < p.size(); i += 7) {
    CHECK(p[i] == at);
    at = p[i + 1];
    reused += p[i + 2] == 0;
    CHECK(p[i + 6] == 0);  // the seeds' copy is pasted, not reworded
  }
  CHECK(at == utf16(texts["t"][1].get<std::string>()).size());
  CHECK(reused == 5);
  // Unique articles carry no text.
  CHECK(page.find("wt-f2") == std::string::npos);
}

TEST_CASE("html: article text cannot end the script element, run, or break the data") {
  const ClusterResult result = hostile_result();
  const std::string page = html_of(result);
  CHECK(page.find(injection) == std::string::npos);
  CHECK(page.find("document.title='pwned'</script>") == std::string::npos);
  CHECK(page.find("<!--<script>") == std::string::npos);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("</style><b>") == std::string::npos);
  CHECK(page.find("\xE2\x80\xA8") == std::string::npos);  // U+2028, a line break to old parsers
  CHECK(count(page, "<script") == 3);
  CHECK(count(page, "</script>") == 3);
  CHECK(count(page, "<style") == 1);
  CHECK(count(page, "</style>") == 1);

  const auto data = json::parse(blob(page, "wt-data"));
  CHECK(data["docs"][0][0] == "wire</script>");
  CHECK(data["docs"][1][1] == "<!--<script>alert(1)</script>");
  CHECK(data["sources"][0] == "</style><b>");
  const auto family = json::parse(blob(page, "wt-f1"));
  const std::string copy = family["t"][1];
  // Every byte survives but the invalid one, which becomes U+FFFD.
  std::string expected = result.documents[1].text;
  expected.replace(expected.find('\xFF'), 1, "\xEF\xBF\xBD");
  CHECK(copy == expected);

  // Offsets count UTF-16 units: the reused passage is the quote in both texts, and its source
  // range is the quote in the wire.
  const std::u16string copy16 = utf16(copy), wire16 = utf16(family["t"][0].get<std::string>());
  const std::u16string quote16 = utf16("Minister said “the deployment is of serious concern” 😀 today");
  const auto& p = family["p"][1];
  REQUIRE(p.size() == 21);
  CHECK(p[9] == 0);  // reused
  CHECK(copy16.substr(p[7], p[8].get<std::size_t>() - p[7].get<std::size_t>()) == quote16);
  CHECK(wire16.substr(p[11], p[12].get<std::size_t>() - p[11].get<std::size_t>()) == quote16);
  CHECK(p[15] == copy16.size());
}

TEST_CASE("html: UTF-16 offsets and JSON escaping agree byte by byte") {
  const std::string s = "a\xC3\xA9" "b\xF0\x9F\x98\x80" "c\xFF\xE2\x80\xA8<";
  const auto at = detail::utf16_offsets(s);
  REQUIRE(at.size() == s.size() + 1);
  CHECK(at[0] == 0);
  CHECK(at[1] == 1);   // é starts
  CHECK(at[2] == 1);   // inside é
  CHECK(at[3] == 2);   // b
  CHECK(at[4] == 3);   // 😀 starts: a surrogate pair
  CHECK(at[8] == 5);   // c
  CHECK(at[9] == 6);   // the invalid byte: one U+FFFD
  CHECK(at[10] == 7);  // U+2028
  CHECK(at[13] == 8);  // <
  CHECK(at[14] == 9);
  std::string out;
  detail::append_json_string(out, s);
  CHECK(out == "\"a\xC3\xA9" "b\xF0\x9F\x98\x80" "c\\ufffd\\u2028\\u003c\"");
  CHECK(utf16(json::parse(out).get<std::string>()).size() == 9);
}

TEST_CASE("html: the CLI writes the page, the same for any thread count") {
  TempDir dir;
  const std::string base = cli + " cluster --quiet --no-timing --format html " + seeds_dir;
  const auto one = run(base + " --threads 1");
  const auto two = run(base + " --threads 2 -o " + quoted(dir / "r.html"));
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  CHECK(one.out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(one.out == read_file(dir / "r.html"));
  CHECK(run(cli + " cluster --help").out.find("html") != std::string::npos);
}

// ---- in a browser ------------------------------------------------------------------------------

TEST_CASE("html: headless Chromium shows the seeds' family, its reused quotes, and runs no injected script") {
  TempDir dir;
  // The seeds, plus two articles that copy part of 001 around an injection attempt, one of them
  // with hostile metadata too: a second family whose text must show as text.
  const auto input = dir / "seeds";
  std::filesystem::copy(seeds_dir, input);
  const std::string text001 = read_file(seeds_dir + "/" + id001);
  const std::string lifted = text001.substr(0, text001.size() / 2);
  const std::string attack = injection + "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
                             "</style><style>body{display:none}</style><b id=\"pwned\">bold</b>\n";
  std::ofstream(input / "005_injected.txt") << attack << lifted;
  json record{{"id", "evil<script>"}, {"title", "<script>document.title='pwned'</script>"},
              {"source", "</style><i id=\"pwned\">"}, {"text", lifted + "\n" + attack}};
  std::ofstream(dir / "feed.jsonl") << record.dump() << "\n";
  const auto page = dir / "report.html";
  REQUIRE(run(cli + " cluster --quiet --format html -o " + quoted(page) + " " + quoted(input) + " " +
              quoted(dir / "feed.jsonl")).exit_code == 0);
  const std::string expected_title = "<title>wiretrace: 7 articles, 2 families</title>";
  // Family names follow the report's order (largest first): read them off the page's data.
  const auto data = json::parse(blob(read_file(page), "wt-data"));
  std::string seeds_family, injected_family;
  for (std::size_t f = 0; f < data["families"].size(); ++f)
    for (const auto& m : data["families"][f][4]) {
      if (data["docs"][m.get<int>()][0] == id002) seeds_family = "f" + std::to_string(f + 1);
      if (data["docs"][m.get<int>()][0] == "005_injected.txt") injected_family = "f" + std::to_string(f + 1);
    }
  REQUIRE(!seeds_family.empty());
  REQUIRE(!injected_family.empty());
  REQUIRE(seeds_family != injected_family);
  // What would show if an injection ran or became markup (the escaped text may hold its words).
  const auto no_injection_ran = [&](const std::string& shown) {
    CHECK(shown.find(expected_title) != std::string::npos);
    CHECK(shown.find("<b id=\"pwned\"") == std::string::npos);
    CHECK(shown.find("<i id=\"pwned\"") == std::string::npos);
    CHECK(shown.find("data-pwned=") == std::string::npos);
    CHECK(shown.find("<img") == std::string::npos);
    CHECK(count(shown, "<style") == 1);
  };

  SUBCASE("overview") {
    const std::string dom = dump_dom(page);
    require_rendered(dom);
    const std::string shown = without_scripts(dom);
    no_injection_ran(shown);
    CHECK(family_holding(shown, {id000, id002}) == seeds_family);
    const std::string card = section(shown, "id=\"card-" + seeds_family + "\"", "</section>");
    CHECK(card.find("original " + id000) != std::string::npos);
    // The hostile title and source show as text in the other family's card.
    CHECK(family_holding(shown, {id001, "005_injected.txt"}) == injected_family);
    const std::string other = section(shown, "id=\"card-" + injected_family + "\"", "</section>");
    CHECK(other.find("&lt;script&gt;document.title='pwned'&lt;/script&gt;") != std::string::npos);
    CHECK(other.find("&lt;/style&gt;&lt;i id=\"pwned\"&gt;") != std::string::npos);
    CHECK(shown.find("data-stat=\"unique\"><b>2</b>") != std::string::npos);
  }

  SUBCASE("family view: 002's five quotes are reused from 000, the rest added, linked to 000") {
    const std::string dom = dump_dom(page, "#family=" + seeds_family + "&show=" + id002 + ":5");
    require_rendered(dom);
    const std::string shown = without_scripts(dom);
    no_injection_ran(shown);
    const std::string original = section(shown, "data-doc=\"" + id000 + "\"", "</article>");
    const std::string copy = section(shown, "data-doc=\"" + id002 + "\"", "</article>");
    REQUIRE(!original.empty());
    REQUIRE(!copy.empty());
    CHECK(original.find("data-role=\"original\"") != std::string::npos);
    CHECK(copy.find("data-role=\"copy\"") != std::string::npos);

    const auto spans = passage_spans(copy);
    std::string all;
    std::vector<std::string> reused;
    for (const auto& s : spans) {
      all += s.text;
      if (s.kind == "reused") reused.push_back(s.text);
      else CHECK_MESSAGE(s.kind == "added", s.kind << ": " << s.text);
    }
    CHECK(all == read_file(seeds_dir + "/" + id002));  // every byte, in order, tiled
    REQUIRE(reused.size() == 5);
    const char* quotes[] = {
        "monitoring the deployment of soldiers by North Korea to Russia with serious concern",
        "The recent development of military cooperation between Russia and the DPRK",
        "not only invites the further deterioration of the situation in Ukraine",
        "Japan will continue to collect and analyze relevant information",
        "Russia’s invasion of Ukraine is an outrageous act"};
    for (std::size_t i = 0; i < 5; ++i)
      CHECK_MESSAGE(reused[i].find(quotes[i]) != std::string::npos, reused[i]);
    // Reused text of 002 is highlighted in the original's colour (c0).
    CHECK(count(copy, "class=\"p reused c0") == 5);
    // The original marks what copies took, and the link goes to the matching place in 000.
    int taken = 0;
    for (const auto& s : passage_spans(original)) taken += s.kind == "orig";
    CHECK(taken >= 5);
    const std::string linked = element_attribute(shown.substr(shown.find("<main id=\"family\"")), "data-linked");
    CHECK(linked.find("Japan will continue to collect and analyze relevant information") == 0);
    CHECK(read_file(seeds_dir + "/" + id000).find(linked) != std::string::npos);
  }

  SUBCASE("family view of the injected articles: the attack is text") {
    const std::string dom = dump_dom(page, "#family=" + injected_family);
    require_rendered(dom);
    const std::string shown = without_scripts(dom);
    no_injection_ran(shown);
    const std::string column = section(shown, "data-doc=\"005_injected.txt\"", "</article>");
    std::string all;
    for (const auto& s : passage_spans(column)) all += s.text;
    CHECK(all == attack + lifted);
  }
}

TEST_CASE("html: headless Chromium renders a generated corpus's report") {
  TempDir dir;
  const std::string gen = WIRETRACE_GEN_PATH;
  REQUIRE(run(gen + " --articles 300 --seed 7 -o " + quoted(dir / "c.jsonl") + " --truth " +
              quoted(dir / "t.jsonl")).exit_code == 0);
  const auto page = dir / "report.html";
  REQUIRE(run(cli + " cluster --quiet --format html -o " + quoted(page) + " " + quoted(dir / "c.jsonl"))
              .exit_code == 0);
  const auto data = json::parse(blob(read_file(page), "wt-data"));
  const std::size_t families = data["stats"]["families"];
  REQUIRE(families > 5);

  const std::string overview = without_scripts(dump_dom(page));
  require_rendered(overview);
  CHECK(overview.find("data-stat=\"articles\"><b>300</b>") != std::string::npos);
  CHECK(count(overview, "<section class=\"card") == std::min<std::size_t>(families, 40));

  // The largest family: every member's column holds its whole text, tiled by passages.
  std::map<std::string, std::string> texts;
  std::ifstream corpus(dir / "c.jsonl");
  for (std::string line; std::getline(corpus, line);) {
    const auto j = json::parse(line);
    texts[j["id"]] = j["text"];
  }
  const std::string view = without_scripts(dump_dom(page, "#family=f1"));
  require_rendered(view);
  const auto& members = data["families"][0][4];
  std::size_t reused = 0, boiler = 0;
  for (const auto& m : members) {
    const std::string id = data["docs"][m.get<int>()][0];
    const std::string column = section(view, "data-doc=\"" + id + "\"", "</article>");
    REQUIRE_MESSAGE(!column.empty(), id);
    std::string all;
    for (const auto& s : passage_spans(column)) {
      all += s.text;
      reused += s.kind == "reused";
      boiler += s.kind == "boiler";
    }
    CHECK_MESSAGE(all == texts[id], id);
  }
  CHECK(reused > 0);
  CHECK(boiler > 0);  // publishers' headers and footers, muted
}

TEST_CASE("html: in headless Chromium, keys move between families and search filters them") {
  TempDir dir;
  const std::string gen = WIRETRACE_GEN_PATH;
  REQUIRE(run(gen + " --articles 200 --seed 11 -o " + quoted(dir / "c.jsonl") + " --truth " +
              quoted(dir / "t.jsonl")).exit_code == 0);
  const auto page = dir / "report.html";
  REQUIRE(run(cli + " cluster --quiet --format html -o " + quoted(page) + " " + quoted(dir / "c.jsonl"))
              .exit_code == 0);
  std::string html = read_file(page);
  const auto data = json::parse(blob(html, "wt-data"));
  REQUIRE(data["families"].size() >= 4);
  // What the filters should keep: families with a member of the first source; the family of
  // one copy, found by its id.
  const auto& docs = data["docs"];
  std::size_t with_source = 0;
  for (const auto& f : data["families"]) {
    bool any = false;
    for (const auto& m : f[4]) any = any || docs[m.get<int>()][2] == 0;
    with_source += any;
  }
  const std::string copy_id = docs[data["families"][2][4][1].get<int>()][0];

  // A driver script in a copy of the page, allowed by the page's own nonce: it presses keys,
  // types a search and picks a source, then writes what it saw into <html data-test>.
  const auto nonce_at = html.find("<script nonce=\"") + 15;
  const std::string nonce = html.substr(nonce_at, html.find('"', nonce_at) - nonce_at);
  const std::string driver = R"js(
(function () {
  var log = [], root = document.documentElement;
  function key(k) { document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })); }
  function selected() { var c = document.querySelector('.card.selected'); return c ? c.getAttribute('data-family') : '-'; }
  function later(f) { setTimeout(f, 60); }
  window.addEventListener('load', function () { later(function () {
    key('j'); key('j'); key('ArrowDown'); key('k');
    log.push('selected=' + selected());
    key('Enter');
    later(function () {
      log.push('open=' + location.hash + ',' + root.getAttribute('data-view'));
      key('j');
      later(function () {
        log.push('next=' + location.hash);
        key('ArrowLeft'); key('ArrowLeft');
        later(function () {
          log.push('previous=' + location.hash);
          key('Escape');
          later(function () {
            log.push('back=' + root.getAttribute('data-view') + ',' + selected());
            var search = document.getElementById('search');
            search.value = 'COPY_ID';
            search.dispatchEvent(new Event('input'));
            setTimeout(function () {
              var cards = document.querySelectorAll('.card');
              log.push('search=' + cards.length + ',' + (cards[0] ? cards[0].getAttribute('data-family') : '-'));
              search.value = '';
              var source = document.getElementById('source-filter');
              source.value = '0';
              source.dispatchEvent(new Event('change'));
              log.push('source=' + document.querySelectorAll('.card').length + '/' +
                       document.getElementById('matches').textContent);
              root.setAttribute('data-test', log.join(';'));
            }, 400);
          });
        });
      });
    });
  }); });
})();
)js";
  std::string script = driver;
  script.replace(script.find("COPY_ID"), 7, copy_id);
  html.insert(html.rfind("</body>"), "<script nonce=\"" + nonce + "\">" + script + "</script>\n");
  const auto driven = dir / "driven.html";
  std::ofstream(driven) << html;

  const std::string dom = dump_dom(driven);
  require_rendered(dom);
  const std::string log = root_attribute(dom, "data-test");
  INFO("driver log: " << log);
  CHECK(log.find("selected=f3;") != std::string::npos);  // j j ↓ k: third family
  CHECK(log.find("open=#family=f3,family;") != std::string::npos);
  CHECK(log.find("next=#family=f4;") != std::string::npos);
  CHECK(log.find("previous=#family=f2;") != std::string::npos);
  CHECK(log.find("back=overview,f2;") != std::string::npos);
  CHECK(log.find("search=1,f3;") != std::string::npos);
  CHECK(log.find("source=" + std::to_string(std::min<std::size_t>(with_source, 40)) + "/" +
                 std::to_string(with_source) + " of ") != std::string::npos);
}

TEST_CASE("html: in headless Chromium, bidi controls in ids, titles and text cannot reverse the page") {
  TempDir dir;
  const std::string rlo = "\xE2\x80\xAE";  // U+202E RIGHT-TO-LEFT OVERRIDE, never closed
  const std::string text001 = read_file(seeds_dir + "/" + id001);
  const std::string lifted = text001.substr(0, text001.size() / 2);
  std::ofstream(dir / "feed.jsonl")
      << json{{"id", "wire" + rlo + "id"}, {"title", rlo + "title"}, {"source", rlo + "agency"},
              {"text", rlo + "Headline here.\n" + lifted}}.dump() << "\n"
      << json{{"id", "copy"}, {"title", "plain"}, {"text", "Intro " + rlo + "flipped words " + lifted + "\nThe end."}}.dump()
      << "\n";
  const auto page = dir / "report.html";
  REQUIRE(run(cli + " cluster --quiet --format html -o " + quoted(page) + " " + quoted(dir / "feed.jsonl")).exit_code == 0);

  // Overview: ids, titles and sources show the control as an escape, as a terminal would.
  const std::string overview = without_scripts(dump_dom(page));
  require_rendered(overview);
  CHECK(overview.find(rlo) == std::string::npos);
  CHECK(overview.find("wire\\u202Eid") != std::string::npos);
  CHECK(overview.find("\\u202Etitle") != std::string::npos);
  CHECK(overview.find("\\u202Eagency") != std::string::npos);

  // Family view: article text keeps its bytes, but a control reaches no further than its passage.
  // A driver script checks every text node that holds one, and how the next passage is laid out.
  std::string html = read_file(page);
  const auto nonce_at = html.find("<script nonce=\"") + 15;
  const std::string nonce = html.substr(nonce_at, html.find('"', nonce_at) - nonce_at);
  const std::string driver = R"js(
(function () {
  window.addEventListener('load', function () { setTimeout(function () {
    var found = 0, bad = [];
    var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (var node = walk.nextNode(); node; node = walk.nextNode()) {
      if (node.nodeValue.indexOf('\u202E') < 0 || node.parentElement.closest('script')) continue;
      ++found;
      var p = node.parentElement;
      if (!p.classList.contains('p')) { bad.push('outside a passage: ' + p.tagName + '.' + p.className); continue; }
      if (getComputedStyle(p).unicodeBidi !== 'isolate') bad.push('not isolated: ' + p.className);
      var next = p.nextElementSibling, text = next && next.firstChild;
      if (!text) continue;
      var m = /[A-Za-z]{2}/.exec(text.nodeValue);
      var first = document.createRange(), second = document.createRange();
      first.setStart(text, m.index); first.setEnd(text, m.index + 1);
      second.setStart(text, m.index + 1); second.setEnd(text, m.index + 2);
      if (first.getBoundingClientRect().left >= second.getBoundingClientRect().left)
        bad.push('the next passage is reversed: ' + text.nodeValue.slice(m.index, m.index + 20));
    }
    document.documentElement.setAttribute('data-test', 'found=' + found + ';bad=' + bad.join(' | '));
  }, 100); });
})();
)js";
  html.insert(html.rfind("</body>"), "<script nonce=\"" + nonce + "\">" + driver + "</script>\n");
  const auto driven = dir / "driven.html";
  std::ofstream(driven) << html;
  const std::string dom = dump_dom(driven, "#family=f1");
  require_rendered(dom);
  const std::string result = root_attribute(dom, "data-test");
  INFO("driver: " << result);
  CHECK(result == "found=2;bad=");
  CHECK(without_scripts(dom).find("wire\\u202Eid") != std::string::npos);
}

TEST_CASE("html: in headless Chromium, reworded copy is marked as reworded, pasted copy is not") {
  TempDir dir;
  // Generated articles give the term weights; the fire story and its rewrite
  // (fixtures/rewrite) are the family under test.
  const std::string gen = WIRETRACE_GEN_PATH;
  REQUIRE(run(gen + " --articles 60 --seed 5 -o " + quoted(dir / "c.jsonl") + " --truth " +
              quoted(dir / "t.jsonl")).exit_code == 0);
  {
    std::ofstream corpus(dir / "c.jsonl", std::ios::app);
    corpus << jsonl_record("fire-wire", read_file(fixtures + "/rewrite/fire-wire.txt"))
           << jsonl_record("fire-rewrite", read_file(fixtures + "/rewrite/fire-rewrite.txt"));
  }
  const auto page = dir / "report.html";
  REQUIRE(run(cli + " cluster --quiet --format html --rewrite-link-cosine 0.4 -o " + quoted(page) + " " +
              quoted(dir / "c.jsonl")).exit_code == 0);
  const std::string overview = without_scripts(dump_dom(page));
  require_rendered(overview);
  const std::string fire = family_holding(overview, {"fire-wire", "fire-rewrite"});
  REQUIRE(!fire.empty());
  const std::string view = without_scripts(dump_dom(page, "#family=" + fire));
  require_rendered(view);
  const auto reworded = [&](const std::string& id) {
    const std::string column = section(view, "data-doc=\"" + id + "\"", "</article>");
    REQUIRE_MESSAGE(!column.empty(), id);
    return count(column, "class=\"p reused reworded ") + count(column, "class=\"p orig reworded ");
  };
  CHECK(reworded("fire-wire") > 0);
  CHECK(reworded("fire-rewrite") > 0);
  CHECK(view.find("reused, reworded, from fire-") != std::string::npos);
  // The legend says what the dotted underline means.
  CHECK(view.find(">reworded</span> reused in other words") != std::string::npos);

  // Without rewritten links the same corpus's pasted families carry no such mark.
  REQUIRE(run(cli + " cluster --quiet --format html -o " + quoted(page) + " " + quoted(dir / "c.jsonl"))
              .exit_code == 0);
  const std::string exact = without_scripts(dump_dom(page, "#family=f1"));
  require_rendered(exact);
  CHECK(count(exact, "class=\"p reused") > 0);
  CHECK(count(exact, "class=\"p reused reworded ") + count(exact, "class=\"p orig reworded ") == 0);
}
