// The corpus generator and the evaluator: determinism, exact truth byte ranges, the requested mix,
// synthetic text without accidental overlaps, and pair scores on hand-made assignments.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "eval/evaluate.hpp"
#include "gen/base_pool.hpp"
#include "gen/generator.hpp"
#include "gen/random.hpp"
#include "gen/story.hpp"
#include "gen/synthetic_text.hpp"
#include "wiretrace/error.hpp"

namespace {

using Json = nlohmann::json;
using namespace wiretrace::bench;

struct Generated {
  std::string corpus, truth;
  GeneratorStats stats;
};

Generated generate(const GeneratorOptions& options) {
  std::ostringstream corpus, truth;
  const auto stats = generate_corpus(options, corpus, truth);
  return {corpus.str(), truth.str(), stats};
}

std::vector<Json> parse_lines(const std::string& jsonl) {
  std::vector<Json> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) out.push_back(Json::parse(line));
  return out;
}

/// A generated corpus, parsed: texts by id and the truth lines in file order.
struct Parsed {
  std::map<std::string, Json> docs;
  std::vector<Json> truth;
};

Parsed parse(const Generated& g) {
  Parsed p;
  for (auto& d : parse_lines(g.corpus)) p.docs[d["id"].get<std::string>()] = d;
  p.truth = parse_lines(g.truth);
  return p;
}

const std::string& text_of(const Parsed& p, const Json& id) { return p.docs.at(id.get<std::string>())["text"].get_ref<const std::string&>(); }

std::string slice(const std::string& text, const Json& range) {
  const auto start = range[0].get<std::size_t>(), end = range[1].get<std::size_t>();
  return text.substr(start, end - start);
}

/// Lower-cased runs of letters and digits.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      w += c;
    } else if (c >= 'A' && c <= 'Z') {
      w += static_cast<char>(c - 'A' + 'a');
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  return out;
}

/// Every run of n words, joined by spaces.
std::vector<std::string> runs_of(const std::vector<std::string>& words, std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + n <= words.size(); ++i) {
    std::string run;
    for (std::size_t k = i; k < i + n; ++k) run += words[k] + ' ';
    out.push_back(std::move(run));
  }
  return out;
}

/// Text minus the given byte ranges (sorted), with a paragraph break for each cut.
std::string without(const std::string& text, const Json& ranges) {
  std::string out;
  std::size_t at = 0;
  for (const auto& r : ranges) {
    out += text.substr(at, r[0].get<std::size_t>() - at) + "\n\n";
    at = r[1].get<std::size_t>();
  }
  return out + text.substr(at);
}

GeneratorOptions small(std::uint64_t articles, std::uint64_t seed) {
  GeneratorOptions o;
  o.articles = articles;
  o.seed = seed;
  return o;
}

std::string write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

}  // namespace

TEST_CASE("generator: random numbers follow the reference algorithms, so every machine agrees") {
  std::uint64_t state = 0;
  CHECK(splitmix64(state) == 0xe220a8397b1dcdafULL);
  Rng rng(1);
  CHECK(rng.next() == 0xb3f2af6d0fc710c5ULL);
  CHECK(rng.next() == 0x853b559647364ceaULL);
  CHECK(rng.next() == 0x92f89756082a4514ULL);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) ++counts[rng.below(7)];
  for (const int c : counts) CHECK(c == doctest::Approx(10000).epsilon(0.05));
  std::vector<int> items{1, 2, 3, 4, 5, 6, 7, 8};
  rng.shuffle(items);
  CHECK(std::is_permutation(items.begin(), items.end(), std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8}.begin()));
}

TEST_CASE("generator: the same seed gives the same bytes, another seed different ones") {
  const auto a = generate(small(300, 42));
  const auto b = generate(small(300, 42));
  const auto c = generate(small(300, 43));
  CHECK(a.corpus == b.corpus);
  CHECK(a.truth == b.truth);
  CHECK(a.corpus != c.corpus);
  CHECK(a.stats.articles == 300);
  const auto parsed = parse(a);
  CHECK(parsed.docs.size() == 300);  // ids are unique
  CHECK(parsed.truth.size() == 300);
}

TEST_CASE("generator: every reused range of a copy is wire text") {
  const auto p = parse(generate(small(600, 7)));
  std::size_t copies = 0;
  for (const auto& r : p.truth) {
    const std::string& text = text_of(p, r["id"]);
    // Ranges are sorted, merged and inside the text.
    std::size_t previous_end = 0;
    bool first = true;
    for (const auto& range : r["reused"]) {
      const auto start = range[0].get<std::size_t>(), end = range[1].get<std::size_t>();
      CHECK(start < end);
      CHECK(end <= text.size());
      CHECK((first || start > previous_end));
      previous_end = end;
      first = false;
    }
    if (r["role"] == "unrelated") {
      CHECK(r["family"].is_null());
      CHECK(r["wire"].is_null());
      CHECK(r["reused"].empty());
      continue;
    }
    CHECK_FALSE(r["reused"].empty());
    if (r["role"] != "copy") continue;
    ++copies;
    const std::string& wire_text = text_of(p, r["wire"]);
    const std::string wire = normalize_for_compare(wire_text);
    const Json& wire_truth = *std::find_if(p.truth.begin(), p.truth.end(), [&](const Json& t) { return t["id"] == r["wire"]; });
    for (const auto& range : r["reused"]) {
      const std::string reused = normalize_for_compare(slice(text, range));
      INFO(r["id"], " ", range.dump(), ": ", reused);
      CHECK(wire.find(reused) != std::string::npos);
      // ...and inside what the wire's truth says was reused.
      CHECK(std::any_of(wire_truth["reused"].begin(), wire_truth["reused"].end(), [&](const Json& w) {
        return normalize_for_compare(slice(wire_text, w)).find(reused) != std::string::npos;
      }));
    }
  }
  CHECK(copies > 200);
}

TEST_CASE("generator: boilerplate ranges hold the publisher's header and footer") {
  const auto publishers = make_publishers(256);
  std::set<std::string> names;
  for (const auto& pub : publishers) {
    names.insert(pub.name);
    const auto words = count_words(pub.footer);
    CHECK(words >= 20);
    CHECK(words <= 60);
  }
  CHECK(names.size() == 256);  // every publisher its own name
  // Footers of different publishers share no 10-word run: boilerplate must not link publishers.
  std::unordered_map<std::string, std::size_t> run_owner;
  for (std::size_t i = 0; i < publishers.size(); ++i) {
    for (const auto& run : runs_of(words_of(publishers[i].footer), 10)) {
      const auto [it, added] = run_owner.emplace(run, i);
      INFO(publishers[i].name, " and ", publishers[it->second].name, ": ", run);
      CHECK((added || it->second == i));
    }
  }

  const auto p = parse(generate(small(500, 11)));
  std::map<std::string, int> unrelated_by_publisher;
  for (const auto& r : p.truth) {
    const std::string& text = text_of(p, r["id"]);
    const std::string source = r["source"];
    const auto it = std::find_if(publishers.begin(), publishers.begin() + 20,
                                 [&](const Publisher& pub) { return pub.name == source; });
    if (it == publishers.begin() + 20) {
      CHECK(r["boilerplate"].empty());  // wires print no boilerplate
      continue;
    }
    REQUIRE(r["boilerplate"].size() == 2);
    CHECK(slice(text, r["boilerplate"][0]) == it->header);
    CHECK(slice(text, r["boilerplate"][1]) == it->footer);
    CHECK(r["boilerplate"][0][0] == 0);
    CHECK(r["boilerplate"][1][1] == text.size());
    if (r["role"] == "unrelated") ++unrelated_by_publisher[source];
  }
  // Several unrelated articles share a footer, and the truth keeps them apart.
  CHECK(std::any_of(unrelated_by_publisher.begin(), unrelated_by_publisher.end(),
                    [](const auto& entry) { return entry.second >= 3; }));
}

TEST_CASE("generator: the default mix has families of every kind, dated wires first") {
  const auto g = generate(small(1000, 3));
  const auto p = parse(g);
  const auto agencies = wire_agencies();
  std::map<std::string, std::vector<const Json*>> families;
  std::map<std::string, int> kinds;
  std::size_t unrelated = 0;
  for (const auto& r : p.truth) {
    if (r["family"].is_null()) {
      ++unrelated;
      continue;
    }
    families[r["family"]].push_back(&r);
    if (r["role"] == "copy") ++kinds[r["kind"]];
  }
  CHECK(unrelated >= 400);
  CHECK(unrelated <= 401);
  CHECK(g.stats.families == families.size());
  for (const auto kind : all_copy_kinds) CHECK(kinds[std::string(kind_name(kind))] > 60);

  std::size_t dated = 0;
  for (const auto& [family, members] : families) {
    CHECK(members.size() >= 2);
    CHECK(members.size() <= 8);
    const auto wires = std::count_if(members.begin(), members.end(), [](const Json* m) { return (*m)["role"] == "wire"; });
    REQUIRE(wires == 1);
    const Json& wire = **std::find_if(members.begin(), members.end(), [](const Json* m) { return (*m)["role"] == "wire"; });
    CHECK(std::find(agencies.begin(), agencies.end(), wire["source"]) != agencies.end());
    std::set<std::string> sources;
    const Json& wire_doc = p.docs.at(wire["id"]);
    for (const Json* m : members) {
      CHECK((*m)["wire"] == wire["id"]);
      sources.insert((*m)["source"]);
      const Json& doc = p.docs.at((*m)["id"]);
      CHECK(doc.contains("published") == wire_doc.contains("published"));
      if (m != &wire && doc.contains("published")) CHECK(doc["published"].get<std::string>() > wire_doc["published"].get<std::string>());
    }
    CHECK(sources.size() == members.size());  // distinct publishers
    dated += wire_doc.contains("published");
  }
  CHECK(dated > families.size() * 3 / 10);
  CHECK(dated < families.size() * 7 / 10);
}

TEST_CASE("generator: each kind of copy is made as specified") {
  for (const auto kind : all_copy_kinds) {
    CAPTURE(kind_name(kind));
    auto options = small(300, 5);
    options.kind_weights = {0, 0, 0, 0};
    options.kind_weights[static_cast<std::size_t>(kind)] = 1;
    const auto p = parse(generate(options));
    std::size_t copies = 0;
    for (const auto& r : p.truth) {
      if (r["role"] != "copy") continue;
      ++copies;
      REQUIRE(r["kind"] == kind_name(kind));
      const std::string& text = text_of(p, r["id"]);
      const std::string& wire = text_of(p, r["wire"]);
      const auto& reused = r["reused"];
      const std::size_t body_start = r["boilerplate"][0][1].get<std::size_t>() + 2;
      const std::size_t body_end = r["boilerplate"][1][0].get<std::size_t>() - 2;
      const std::string body = text.substr(body_start, body_end - body_start);
      std::size_t wire_paragraphs = 1;
      for (std::size_t at = 0; (at = wire.find("\n\n", at)) != std::string::npos; at += 2) ++wire_paragraphs;

      if (kind == CopyKind::whole) {
        REQUIRE(reused.size() == 1);
        CHECK(slice(text, reused[0]) == wire);
        CHECK(body == wire);
      } else if (kind == CopyKind::trimmed) {
        REQUIRE(reused.size() == 1);
        CHECK(body == slice(text, reused[0]));
        CHECK(wire.starts_with(body));
        CHECK(wire.substr(body.size(), 2) == "\n\n");  // cut at a paragraph
        std::size_t kept = 1;
        for (std::size_t at = 0; (at = body.find("\n\n", at)) != std::string::npos; at += 2) ++kept;
        CHECK(kept < wire_paragraphs);
        CHECK(kept * 100 + 50 >= wire_paragraphs * 40);
        CHECK(count_words(body) >= 40);
        // Past 80% only to reach 40 words.
        if (kept * 100 > wire_paragraphs * 80 + 50) CHECK(count_words(body.substr(0, body.rfind("\n\n"))) < 40);
      } else if (kind == CopyKind::edited) {
        CHECK(reused.size() >= 2);
        CHECK(count_words(body) < count_words(wire));  // a sentence or two dropped
        CHECK(normalize_for_compare(body) != normalize_for_compare(wire));
        // Quotes retyped: straight ones became curly.
        if (wire.find('"') != std::string::npos) CHECK(body.find('"') == std::string::npos);
        // Between reused ranges: a swapped word or a new separator, nothing longer.
        for (std::size_t i = 1; i < reused.size(); ++i) {
          const auto gap = reused[i][0].get<std::size_t>() - reused[i - 1][1].get<std::size_t>();
          CHECK(gap <= 24);
        }
      } else {
        CHECK(reused.size() >= 1);
        CHECK(reused.size() <= 3);
        std::size_t wire_words = 0;
        for (const auto& range : reused) {
          const std::string passage = slice(text, range);
          CHECK(count_words(passage) >= 25);
          CHECK((wire.starts_with(passage + "\n\n") || wire.find("\n\n" + passage + "\n\n") != std::string::npos ||
                 wire.ends_with("\n\n" + passage)));  // whole wire paragraphs
          wire_words += count_words(passage);
        }
        const std::size_t own_words = count_words(body) - wire_words;
        CHECK(own_words >= 300);
        CHECK(own_words <= 900);
      }
    }
    CHECK(copies > 60);
  }
}

TEST_CASE("generator: synthetic articles share no run of 10 words") {
  const Vocabulary vocabulary = Vocabulary::bundled();
  CHECK(vocabulary.words().size() > 700);
  const SyntheticWriter writer(vocabulary);
  Rng rng(99);
  std::unordered_map<std::string, std::size_t> owner;
  std::size_t shared = 0;
  for (std::size_t a = 0; a < 400; ++a) {
    const auto article = writer.article(rng, 400, a % 3 == 0 ? QuoteStyle::curly : QuoteStyle::straight);
    std::string text;
    for (const auto& paragraph : article.paragraphs) text += paragraph + "\n\n";
    for (const auto& run : runs_of(words_of(text), 10)) {
      const auto [it, added] = owner.emplace(run, a);
      shared += !added && it->second != a;
    }
  }
  CHECK(shared == 0);

  // The same holds in a corpus for the distinct stories (wires and unrelated), boilerplate aside.
  const auto p = parse(generate(small(1000, 21)));
  owner.clear();
  for (const auto& r : p.truth) {
    if (r["role"] == "copy") continue;
    const std::string body = without(text_of(p, r["id"]), r["boilerplate"]);
    for (const auto& run : runs_of(words_of(body), 10)) {
      const auto [it, added] = owner.emplace(run, &r - &p.truth[0]);
      INFO(r["id"], ": ", run);
      CHECK((added || it->second == static_cast<std::size_t>(&r - &p.truth[0])));
    }
  }
}

TEST_CASE("generator: synthetic sentences are capitalised, punctuated and 8-30 words long") {
  const Vocabulary vocabulary = Vocabulary::bundled();
  const SyntheticWriter writer(vocabulary);
  Rng rng(5);
  std::size_t quoted = 0;
  for (int i = 0; i < 300; ++i) {
    std::size_t words = 0;
    const std::string s = writer.sentence(rng, QuoteStyle::curly, words);
    CHECK(words >= 8);
    CHECK(words <= 30);
    CHECK(count_words(s) == words);
    CHECK(s.find('"') == std::string::npos);
    quoted += s.find("\xE2\x80\x9C") != std::string::npos;
    const auto spans = sentence_spans(s, {0, static_cast<std::uint32_t>(s.size())});
    CHECK(spans.size() == 1);
  }
  CHECK(quoted > 20);
  const auto title = writer.title(rng);
  CHECK(count_words(title) >= 5);
  CHECK(count_words(title) <= 10);
  CHECK(title[0] >= 'A');
  CHECK(title[0] <= 'Z');
}

TEST_CASE("generator: sentences, quote retyping and the copy builder") {
  const std::string text = "He said \"it's fine.\" Then he left. The end";
  const auto spans = sentence_spans(text, {0, static_cast<std::uint32_t>(text.size())});
  REQUIRE(spans.size() == 3);
  CHECK(text.substr(spans[0].start, spans[0].size()) == "He said \"it's fine.\"");
  CHECK(text.substr(spans[2].start, spans[2].size()) == "The end");

  const std::string curly = retype_quotes(text, 0, text.size(), QuoteStyle::curly);
  CHECK(curly == "He said \xE2\x80\x9Cit\xE2\x80\x99s fine.\xE2\x80\x9D Then he left. The end");
  CHECK(retype_quotes(curly, 0, curly.size(), QuoteStyle::straight) == text);
  CHECK(opposite_quote_style(text) == QuoteStyle::curly);
  CHECK(opposite_quote_style(curly) == QuoteStyle::straight);
  CHECK(normalize_for_compare("  a\n\n\xE2\x80\x9C" "b\xE2\x80\x9D  \xE2\x80\x99" "c ") == "a \"b\" 'c");

  const std::string wire = "Alpha beta. Gamma delta.";
  CopyBuilder b(wire);
  b.own("Header\n\n");
  b.take({0, 6});
  b.take({6, 11});  // continues the wire: one range
  b.own(" ");
  b.own("");        // nothing: must not split or join ranges
  b.take({12, 24}, QuoteStyle::curly);
  CHECK(b.text() == "Header\n\nAlpha beta. Gamma delta.");
  REQUIRE(b.reused().size() == 2);
  CHECK(b.reused()[0] == Span{8, 19});
  CHECK(b.reused()[1] == Span{20, 32});
  CHECK(b.wire_used()[0] == Span{0, 11});
  CHECK(merge_spans({{5, 9}, {0, 3}, {3, 4}, {8, 12}}) == std::vector<Span>{{0, 4}, {5, 12}});

  const auto article = parse_article_text("\n Title  line \nfirst para\ncontinues\n\n\n second\tpara \n", "x.txt");
  CHECK(article.title == "Title line");
  CHECK(article.paragraphs == std::vector<std::string>{"first para continues", "second para"});
  bool repaired = false;
  CHECK(repair_utf8("costs \xA3" "5 \xE2\x80\x9Cok\xE2\x80\x9D", repaired) == "costs \xC2\xA3" "5 \xE2\x80\x9Cok\xE2\x80\x9D");
  CHECK(repaired);
  CHECK(iso8601_utc(1709651520) == "2024-03-05T15:12:00Z");
}

TEST_CASE("generator: base articles are used once, without duplicates or overlapping versions") {
  wiretrace::test::TempDir dir;
  const Vocabulary vocabulary = Vocabulary::bundled();
  const SyntheticWriter writer(vocabulary);
  Rng rng(8);
  auto story = [&](const std::string& title) {
    std::string text = title + "\n\n";
    for (const auto& p : writer.article(rng, 150, QuoteStyle::straight).paragraphs) text += p + "\n\n";
    return text;
  };
  const auto base = dir / "base";
  const std::string one = story("One");
  write_file(base / "a" / "1.txt", one);
  write_file(base / "a" / "2.txt", one);  // filed twice: listed as a group
  // An updated version: shares 12 words with 1.txt.
  const auto run = words_of(one.substr(one.find("\n\n") + 2));
  std::string updated = story("One, updated");
  std::string borrowed;
  for (std::size_t k = 5; k < 17; ++k) borrowed += run[k] + ' ';
  updated += borrowed + "again.\n";
  write_file(base / "b" / "3.txt", updated);
  write_file(base / "b" / "4.txt", story("Four") + "It costs \xA3" "5 now.\n");
  write_file(base / "b" / "5.txt", "Short\n\nToo short to be a story.\n");
  write_file(base / "README.TXT", story("Not an article"));
  const auto groups = write_file(dir / "groups.tsv", "dup_group\tdoc\ng1\ta/1.txt\ng1\ta/2.txt\n");

  const auto pool = load_base_pool(base, groups);
  CHECK(pool.stats.files == 5);
  CHECK(pool.stats.excluded_by_groups == 1);
  CHECK(pool.stats.overlapping == 1);
  CHECK(pool.stats.too_short == 1);
  CHECK(pool.stats.repaired_encoding == 1);
  REQUIRE(pool.articles.size() == 2);
  CHECK(pool.articles[0].origin == "a/1.txt");
  CHECK(pool.articles[1].paragraphs.back() == "It costs \xC2\xA3" "5 now.");
  CHECK_THROWS_AS(load_base_pool(dir / "missing"), wiretrace::Error);

  auto options = small(40, 2);
  options.base_dir = base;
  options.exclude_groups = groups;
  const auto g = generate(options);
  CHECK(g.stats.real_stories == 2);
  CHECK(g.stats.synthetic_stories > 10);
  // Each real story appears as exactly one wire, unrelated story or publisher's own text.
  const auto p = parse(g);
  const std::string marker = "It costs \xC2\xA3" "5 now.";
  std::size_t holders = 0;
  for (const auto& r : p.truth) {
    const std::string& text = text_of(p, r["id"]);
    const auto at = text.find(marker);
    if (at == std::string::npos) continue;
    const bool copied = std::any_of(r["reused"].begin(), r["reused"].end(), [&](const Json& range) {
      return r["role"] == "copy" && range[0].get<std::size_t>() <= at && at < range[1].get<std::size_t>();
    });
    holders += !copied;
  }
  CHECK(holders == 1);
}

TEST_CASE("generator: options out of range are refused") {
  auto bad = [](auto change) {
    GeneratorOptions o;
    change(o);
    return o;
  };
  CHECK_NOTHROW(validate(GeneratorOptions{}));
  CHECK_THROWS_AS(validate(bad([](auto& o) { o.dated_fraction = 1.5; })), wiretrace::Error);
  CHECK_THROWS_AS(validate(bad([](auto& o) { o.family_fraction = -0.1; })), wiretrace::Error);
  CHECK_THROWS_AS(validate(bad([](auto& o) { o.max_family_size = 30; })), wiretrace::Error);
  CHECK_THROWS_AS(validate(bad([](auto& o) { o.min_family_size = 1; })), wiretrace::Error);
  CHECK_THROWS_AS(validate(bad([](auto& o) { o.kind_weights = {0, 0, 0, 0}; })), wiretrace::Error);
  CHECK_THROWS_AS(validate(bad([](auto& o) { o.exclude_groups = "groups.tsv"; })), wiretrace::Error);
  CHECK_THROWS_AS(validate(bad([](auto& o) { o.publishers = 300; })), wiretrace::Error);
  // Tiny corpora still come out whole.
  for (std::uint64_t n : {0, 1, 2, 3}) CHECK(generate(small(n, 1)).stats.articles == n);
}

TEST_CASE("evaluate: pairwise scores of a perfect, a merged and a split prediction") {
  const FamilyAssignment truth{{"a1", "A"}, {"a2", "A"}, {"a3", "A"}, {"b1", "B"},
                               {"b2", "B"}, {"u1", std::nullopt}, {"u2", std::nullopt}};
  const auto perfect = score_family_pairs(truth, {{"a1", "x"}, {"a2", "x"}, {"a3", "x"}, {"b1", "y"},
                                                  {"b2", "y"}, {"u1", std::nullopt}, {"u2", std::nullopt}});
  CHECK(perfect.true_pairs == 4);
  CHECK(perfect.predicted_pairs == 4);
  CHECK(perfect.correct_pairs == 4);
  CHECK(perfect.precision == 1.0);
  CHECK(perfect.recall == 1.0);
  CHECK(perfect.f1 == 1.0);
  CHECK(perfect.false_positives.empty());
  CHECK(perfect.false_negatives.empty());

  // A and B merged: 10 predicted pairs, 4 right.
  const auto merged = score_family_pairs(truth, {{"a1", "x"}, {"a2", "x"}, {"a3", "x"}, {"b1", "x"},
                                                 {"b2", "x"}, {"u1", std::nullopt}, {"u2", std::nullopt}});
  CHECK(merged.predicted_pairs == 10);
  CHECK(merged.correct_pairs == 4);
  CHECK(merged.precision == doctest::Approx(0.4));
  CHECK(merged.recall == 1.0);
  CHECK(merged.f1 == doctest::Approx(4.0 / 7.0));
  CHECK(merged.false_positives == std::vector<DocPair>{{"a1", "b1"}});
  CHECK(merged.false_negatives.empty());

  // A split into {a1, a2} and {a3}: 2 of 4 true pairs found, none wrong.
  const auto split = score_family_pairs(truth, {{"a1", "x"}, {"a2", "x"}, {"a3", "z"}, {"b1", "y"},
                                                {"b2", "y"}, {"u1", std::nullopt}, {"u2", std::nullopt}});
  CHECK(split.predicted_pairs == 2);
  CHECK(split.correct_pairs == 2);
  CHECK(split.precision == 1.0);
  CHECK(split.recall == doctest::Approx(0.5));
  CHECK(split.f1 == doctest::Approx(2.0 / 3.0));
  CHECK(split.false_negatives == std::vector<DocPair>{{"a1", "a3"}});
  CHECK(split.false_positives.empty());
}

TEST_CASE("evaluate: documents missing from the report count as unique") {
  const FamilyAssignment truth{{"a1", "A"}, {"a2", "A"}, {"u", std::nullopt}};
  const auto s = score_family_pairs(truth, {{"a1", "f"}, {"x", "f"}});
  CHECK(s.missing == 2);
  CHECK(s.extra == 1);
  CHECK(s.true_pairs == 1);
  CHECK(s.predicted_pairs == 0);  // x is not in the truth
  CHECK(s.precision == 1.0);
  CHECK(s.recall == 0.0);
  CHECK(s.f1 == 0.0);
  CHECK(s.false_negatives == std::vector<DocPair>{{"a1", "a2"}});
  // Nothing to find and nothing predicted is a perfect score.
  CHECK(score_family_pairs({{"u", std::nullopt}}, {}).f1 == 1.0);
  // Listings stop at the limit.
  FamilyAssignment one_family, all_apart;
  for (int i = 0; i < 30; ++i) one_family["d" + std::to_string(100 + i)] = "A";
  CHECK(score_family_pairs(one_family, all_apart, 10).false_negatives.size() == 10);
}

TEST_CASE("evaluate: reading truth files and reports") {
  std::istringstream truth(
      "{\"id\":\"d1\",\"family\":\"f1\",\"wire\":\"d1\",\"role\":\"wire\",\"kind\":null,\"source\":\"AFP\","
      "\"reused\":[[0,5]],\"boilerplate\":[]}\n"
      "\n"
      "{\"id\":\"d2\",\"family\":\"f1\",\"wire\":\"d1\",\"role\":\"copy\",\"kind\":\"edited\",\"source\":\"P\","
      "\"reused\":[[3,8]],\"boilerplate\":[[0,2]]}\n"
      "{\"id\":\"d3\",\"family\":null,\"wire\":null,\"role\":\"unrelated\",\"kind\":null,\"source\":\"P\","
      "\"reused\":[],\"boilerplate\":[]}\n");
  const auto records = read_truth(truth, "t.jsonl");
  REQUIRE(records.size() == 3);
  CHECK(describe(records[1]) == "copy/edited");
  CHECK(describe(records[2]) == "unrelated");
  CHECK(records[1].reused == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{3, 8}});
  const auto assignment = truth_assignment(records);
  CHECK(assignment.at("d2") == "f1");
  CHECK_FALSE(assignment.at("d3").has_value());

  std::istringstream broken("{\"id\":\"d1\",\"family\":null}\n{\"id\":\n");
  CHECK_THROWS_WITH_AS(read_truth(broken, "t.jsonl"), doctest::Contains("t.jsonl:2"), wiretrace::Error);
  std::istringstream repeated("{\"id\":\"d1\",\"family\":null}\n{\"id\":\"d1\",\"family\":null}\n");
  CHECK_THROWS_AS(read_truth(repeated, "t.jsonl"), wiretrace::Error);

  std::istringstream report(R"({"stats":{},"documents":[{"id":"d1","family":"f1"},{"id":"d2","family":null},{"id":"d3"}]})");
  const auto predicted = read_report_families(report, "r.json");
  CHECK(predicted.at("d1") == "f1");
  CHECK_FALSE(predicted.at("d2").has_value());
  CHECK_FALSE(predicted.at("d3").has_value());
  std::istringstream not_a_report(R"({"families":[]})");
  CHECK_THROWS_AS(read_report_families(not_a_report, "r.json"), wiretrace::Error);
  std::istringstream not_json("{");
  CHECK_THROWS_AS(read_report_families(not_json, "r.json"), wiretrace::Error);
}

TEST_CASE("evaluate: groups of known duplicates must each sit in one family") {
  std::istringstream tsv("dup_group\tdoc\ng1\ta\ng1\tb\ng2\tc\ng2\td\ng3\te\ng3\tf\ng4\tg\ng4\th\n");
  const auto groups = read_duplicate_groups(tsv, "groups.tsv");
  REQUIRE(groups.size() == 4);
  CHECK(groups[1].docs == std::vector<std::string>{"c", "d"});
  const FamilyAssignment predicted{{"a", "X"}, {"b", "X"}, {"c", "Y"}, {"d", "Z"},
                                   {"e", "W"}, {"g", std::nullopt}, {"h", std::nullopt}};
  const auto check = check_groups(groups, predicted);
  CHECK(check.groups == 4);
  CHECK(check.recovered == 1);
  REQUIRE(check.missed.size() == 3);
  CHECK(check.missed[0].group->name == "g2");
  CHECK(check.missed[0].families == std::vector<std::string>{"Y", "Z"});
  CHECK(check.missed[1].families == std::vector<std::string>{"W", "(absent)"});
  CHECK(check.missed[2].families == std::vector<std::string>{"(unique)", "(unique)"});

  std::istringstream no_header("g1\ta\n");
  CHECK_THROWS_AS(read_duplicate_groups(no_header, "groups.tsv"), wiretrace::Error);
  std::istringstream no_tab("dup_group\tdoc\ng1 a\n");
  CHECK_THROWS_WITH_AS(read_duplicate_groups(no_tab, "groups.tsv"), doctest::Contains("groups.tsv:2"), wiretrace::Error);
}

TEST_CASE("evaluate: the command-line tools score a generated corpus end to end") {
  using wiretrace::test::quoted;
  using wiretrace::test::run;
  const std::string gen = WIRETRACE_GEN_PATH, eval = WIRETRACE_EVAL_PATH;
  if (!std::filesystem::exists(gen) || !std::filesystem::exists(eval)) {
    MESSAGE("wiretrace-gen or wiretrace-eval not built; build them to run this test");
    return;
  }
  wiretrace::test::TempDir dir;
  const auto made = run(gen + " --articles 200 --seed 4 -o " + quoted(dir / "c.jsonl") + " --truth " +
                        quoted(dir / "t.jsonl"));
  REQUIRE(made.exit_code == 0);
  CHECK(made.err.find("200 articles") != std::string::npos);
  CHECK(run(gen + " --articles 10 --dated-fraction 2 -o " + quoted(dir / "x") + " --truth " + quoted(dir / "y"))
            .exit_code == 2);

  // A report that says exactly what the truth says scores 1.
  Json report{{"documents", Json::array()}};
  std::ifstream truth_in(dir / "t.jsonl");
  for (std::string line; std::getline(truth_in, line);) {
    const auto t = Json::parse(line);
    report["documents"].push_back({{"id", t["id"]}, {"family", t["family"]}});
  }
  write_file(dir / "r.json", report.dump());
  const auto scored = run(eval + " families --json --truth " + quoted(dir / "t.jsonl") + " --report " +
                          quoted(dir / "r.json"));
  REQUIRE(scored.exit_code == 0);
  const auto scores = Json::parse(scored.out);
  CHECK(scores["f1"] == 1.0);
  CHECK(scores["missing"] == 0);
  const auto text = run(eval + " families --truth " + quoted(dir / "t.jsonl") + " --report " + quoted(dir / "r.json"));
  CHECK(text.out.find("F1 1.0000") != std::string::npos);
  CHECK(run(eval + " families --truth " + quoted(dir / "missing.jsonl") + " --report " + quoted(dir / "r.json"))
            .exit_code == 2);
  CHECK(run(eval + " families --truth " + quoted(dir / "c.jsonl") + " --report " + quoted(dir / "t.jsonl"))
            .exit_code == 2);

  write_file(dir / "g.tsv", "dup_group\tdoc\ng\t" + report["documents"][0]["id"].get<std::string>() + "\ng\tnot-there\n");
  const auto grouped = run(eval + " groups --groups " + quoted(dir / "g.tsv") + " --report " + quoted(dir / "r.json"));
  CHECK(grouped.exit_code == 1);
  CHECK(grouped.out.find("recovered 0 of 1 groups") != std::string::npos);
}
