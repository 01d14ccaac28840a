#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "test_support.hpp"
#include "wiretrace/cluster.hpp"
#include "wiretrace/pipeline.hpp"
#include "wiretrace/align.hpp"
#include "wiretrace/rewrite.hpp"

using namespace wiretrace;

namespace {

// The terms of a one-sentence text.
std::vector<std::uint64_t> sentence_terms_of(const std::string& text) {
  const auto tokens = tokenize(text);
  const TermizedArticle t = termize(tokens, text);
  std::vector<std::uint64_t> out;
  for (const auto& s : t.sentences) out.insert(out.end(), s.terms.begin(), s.terms.end());
  return out;
}

// Articles of made-up words on other matters: a corpus for the term weights, in which the
// words of the articles under test are rare.
std::vector<std::string> unrelated_articles(std::size_t n) {
  std::mt19937_64 rng(7);
  const char* syllables[] = {"ka", "lo", "mi", "ter", "van", "su", "rel", "do", "pan", "gu"};
  std::vector<std::string> out;
  for (std::size_t a = 0; a < n; ++a) {
    std::string text;
    for (int s = 0; s < 8; ++s) {
      for (int w = 0; w < 12; ++w) {
        text += w == 0 ? "" : " ";
        for (int k = 0; k < 3; ++k) text += syllables[rng() % 10];
      }
      text += ". The said in for of and.\n";  // stop words, which every article has
    }
    out.push_back(text);
  }
  return out;
}

struct RewritePair {
  std::string a, b;
  std::vector<Token> at, bt;
  TermizedArticle aw, bw;
  TermWeights weights;
  std::vector<AlignedPassage> exact;

  RewritePair(std::string x, std::string y, std::size_t corpus = 40) : a(std::move(x)), b(std::move(y)) {
    at = tokenize(a);
    bt = tokenize(b);
    aw = termize(at, a);
    bw = termize(bt, b);
    for (const std::string& t : unrelated_articles(corpus)) {
      const auto tokens = tokenize(t);
      weights.add(termize(tokens, t));
    }
    weights.add(aw);
    weights.add(bw);
    exact = align(at, bt, AlignParams{}, a, b);
  }
  std::vector<AlignedPassage> rewritten() const {
    return align_rewritten(at, aw, bt, bw, exact, weights);
  }
  // Share of b's words inside rewritten passages.
  double b_share_rewritten() const {
    std::uint32_t words = 0;
    for (const auto& p : rewritten())
      if (p.match == PassageMatch::rewritten) words += p.b_last - p.b_first;
    return static_cast<double>(words) / static_cast<double>(bt.size());
  }
};

// fixtures/rewrite: a wire story, and two other texts on the same fire.
const std::string& fire_wire() {
  static const std::string text = test::read_file(test::fixtures + "/rewrite/fire-wire.txt");
  return text;
}

// The same copy as a newsroom rewrites it: sentences reordered, clauses moved, numbers spelled
// out or written in digits, words swapped for others, two sentences merged into one.
const std::string& fire_rewrite() {
  static const std::string text = test::read_file(test::fixtures + "/rewrite/fire-rewrite.txt");
  return text;
}

// Another reporter on the same fire: the same names, places and figures, other sentences.
const std::string& fire_same_event() {
  static const std::string text = test::read_file(test::fixtures + "/rewrite/fire-same-event.txt");
  return text;
}

}  // namespace

TEST_CASE("rewrite: termize meets a spelled number and its digits, and a word and its stem") {
  // Running English text (its stop words tell the language, which picks stems and number words).
  CHECK(sentence_terms_of("the fire burned for twelve hours in the port") ==
        sentence_terms_of("the fire burned for 12 hours in the port"));
  CHECK(sentence_terms_of("the 1,500 residents of the city") == sentence_terms_of("the 1500 residents of the city"));
  CHECK(sentence_terms_of("the protesters marched in the city") == sentence_terms_of("a protester marches in the city"));
  CHECK(sentence_terms_of("the protesters marched in the city") != sentence_terms_of("the soldiers marched in the city"));
}

TEST_CASE("rewrite: termize drops stop words and unifies Urdu letter forms and number words") {
  CHECK(sentence_terms_of("the fire of the port") == sentence_terms_of("fire port"));
  // Arabic yeh and kaf (U+064A, U+0643) against the Urdu ones (U+06CC, U+06A9).
  CHECK(sentence_terms_of("\xD9\x83\xD8\xB1\xD8\xA7\xDA\x86\xD9\x8A") ==
        sentence_terms_of("\xDA\xA9\xD8\xB1\xD8\xA7\xDA\x86\xDB\x8C"));
  // "بارہ" (twelve) and "12", "۱۲" (Urdu digits) and "12", inside Urdu running text.
  const std::string urdu = "اور کے کی کا میں سے نے کو ";
  CHECK(sentence_terms_of(urdu + "بارہ") == sentence_terms_of(urdu + "12"));
  CHECK(sentence_terms_of(urdu + "\xDB\xB1\xDB\xB2") == sentence_terms_of(urdu + "12"));
}

TEST_CASE("rewrite: sentences end at punctuation and blank lines, not at a wrapped line") {
  const std::string text =
      "Firefighters battled a blaze at the depot\nin Rotterdam on Tuesday morning. Officials "
      "of the port said so to reporters\n\nNo firefighter was injured in the blaze";
  const auto tokens = tokenize(text);
  const TermizedArticle t = termize(tokens, text);
  CHECK(t.language == TermLanguage::english);
  REQUIRE(t.sentences.size() == 3);
  CHECK(t.sentences[0].first_token == 0);
  CHECK(t.sentences[1].first_token == 12);  // "Officials"
  CHECK(t.sentences[2].first_token == 20);  // "No"
  CHECK(t.sentences[2].last_token == tokens.size());
}

TEST_CASE("rewrite: a reworded, reordered copy with merged sentences is one rewritten passage") {
  const RewritePair p(fire_wire(), fire_rewrite());
  const auto passages = p.rewritten();
  REQUIRE(!passages.empty());
  CHECK(passages.front().match == PassageMatch::rewritten);
  // The exact aligner alone finds (almost) nothing of it.
  std::uint32_t exact_words = 0;
  for (const auto& e : p.exact) exact_words += e.b_last - e.b_first;
  CHECK(exact_words * 5 < p.bt.size());
  CHECK(p.b_share_rewritten() >= 0.9);
  const auto& first = passages.front();
  CHECK(first.b_begin == p.bt[first.b_first].begin);
  CHECK(first.b_end == p.bt[first.b_last - 1].end);
}

TEST_CASE("rewrite: an independent report of the same event shares no rewritten passage") {
  const RewritePair p(fire_wire(), fire_same_event());
  for (const auto& passage : p.rewritten()) CHECK(passage.match == PassageMatch::exact);
}

TEST_CASE("rewrite: exact passages stay as they are where no reworded sentence joins them") {
  const std::string pasted = fire_same_event() + "\n\n" + fire_wire().substr(0, fire_wire().find("Investigators"));
  const RewritePair p(fire_wire(), pasted);
  REQUIRE(p.exact.size() == 1);
  const auto passages = p.rewritten();
  REQUIRE(passages.size() == 1);
  CHECK(passages[0].match == PassageMatch::exact);
  CHECK(passages[0].a_first == p.exact[0].a_first);
  CHECK(passages[0].b_last == p.exact[0].b_last);
}

TEST_CASE("rewrite: without a corpus to weigh words by, only exact passages come back") {
  const RewritePair p(fire_wire(), fire_rewrite(), TermWeights::min_documents - 3);
  for (const auto& passage : p.rewritten()) CHECK(passage.match == PassageMatch::exact);
}

TEST_CASE("rewrite: compare --pairs reports a reworded copy as match rewritten, a pasted one as exact") {
  test::TempDir dir;
  const auto others = unrelated_articles(24);
  std::string pairs;
  for (std::size_t i = 0; i < others.size(); ++i) {
    const auto path = dir.path() / ("other" + std::to_string(i) + ".txt");
    test::write_file(path, others[i]);
    pairs += path.string() + " " + (dir.path() / "wire.txt").string() + "\n";
  }
  test::write_file(dir.path() / "wire.txt", fire_wire());
  test::write_file(dir.path() / "rewrite.txt", fire_rewrite());
  test::write_file(dir.path() / "same-event.txt", fire_same_event());
  test::write_file(dir.path() / "pasted.txt", fire_same_event() + "\n\n" + fire_wire());
  for (const char* name : {"rewrite.txt", "same-event.txt", "pasted.txt"})
    pairs += (dir.path() / name).string() + " " + (dir.path() / "wire.txt").string() + "\n";
  test::write_file(dir.path() / "pairs.txt", pairs);
  const auto r = test::run(test::quoted(test::cli) + " compare --pairs " +
                           test::quoted(dir.path() / "pairs.txt"));
  REQUIRE(r.exit_code == 0);
  const auto lines = test::json_lines(r.out);
  REQUIRE(lines.size() == others.size() + 3);
  auto matches = [&](std::size_t line) {
    std::vector<std::string> m;
    for (const auto& p : lines[line]["shared"]) m.push_back(p["match"]);
    return m;
  };
  CHECK(matches(others.size()) == std::vector<std::string>{"rewritten"});
  CHECK(matches(others.size() + 1).empty());
  CHECK(matches(others.size() + 2) == std::vector<std::string>{"exact"});
  CHECK(matches(0).empty());
}

TEST_CASE("rewrite: two matching sentences far apart in unrelated text are no passage") {
  // Each pair of sentences alone is a seed; grown together they span four unrelated sentences on
  // each side, and the passage as a whole is not alike.
  const std::string a =
      "Firefighters battled a blaze at the Harbourside chemical depot in Rotterdam for twelve "
      "hours. Heavy rain is forecast for the northern provinces over the weekend, with strong "
      "winds along the coast. The national football team named three new players for the "
      "qualifying match against Portugal. Museum curators unveiled a restored painting by a "
      "seventeenth century master in Utrecht. Bakeries reported a sharp rise in the price of "
      "flour after a poor wheat harvest. Investigators from the national safety board will "
      "examine the cause of the fire.";
  const std::string b =
      "At the Harbourside chemical depot in Rotterdam firefighters battled a blaze for 12 hours. "
      "A new railway bridge over the Maas will open to commuters next spring after long delays. "
      "Students protested outside parliament against higher tuition fees for foreign applicants. "
      "The central bank kept interest rates unchanged and warned of slowing exports to Germany. "
      "A cycling race through the dunes drew thousands of spectators despite the cold weather. "
      "The cause of the fire will be examined by investigators from the national safety board.";
  const RewritePair p(a, b);
  for (const auto& passage : p.rewritten()) CHECK(passage.match == PassageMatch::exact);
}

namespace {

// The fire articles among unrelated ones, clustered: the family of each fire article (-1: none).
struct FireCluster {
  ClusterResult result;
  std::int32_t wire = -1, rewrite = -1, same_event = -1;
  explicit FireCluster(double link_cosine) {
    std::vector<Document> docs;
    const auto others = unrelated_articles(24);
    for (std::size_t i = 0; i < others.size(); ++i) docs.push_back(test::doc("other" + std::to_string(i), others[i]));
    docs.push_back(test::doc("wire", fire_wire()));
    docs.push_back(test::doc("rewrite", fire_rewrite()));
    docs.push_back(test::doc("same-event", fire_same_event()));
    Params params;
    params.rewrite_link_cosine = link_cosine;
    result = cluster_documents(std::move(docs), params);
    const std::size_t n = result.results.size();
    wire = result.results[n - 3].family;
    rewrite = result.results[n - 2].family;
    same_event = result.results[n - 1].family;
  }
};

}  // namespace

TEST_CASE("rewrite: cluster links a reworded copy when rewrite_link_cosine is on, and only then") {
  const FireCluster off(0.0);
  CHECK(off.wire < 0);
  CHECK(off.rewrite < 0);
  CHECK(off.result.families.empty());

  const FireCluster on(0.4);  // the cosine the README suggests
  REQUIRE(on.wire >= 0);
  CHECK(on.rewrite == on.wire);
  CHECK(on.same_event < 0);  // the same names and places in other sentences: not a rewrite
  REQUIRE(on.result.families.size() == 1);
  const Family& family = on.result.families[0];
  CHECK(family.members.size() == 2);
  REQUIRE(family.pairs.size() == 1);
  CHECK(family.pairs[0].match == PassageMatch::rewritten);
  // Most of each text is the other's, reworded (which one is the original, shingles cannot tell
  // without dates: either may be named), and the report says so.
  for (std::uint32_t member : family.members) {
    const DocumentResult& r = on.result.results[member];
    std::uint32_t rewritten_words = 0;
    for (const Passage& p : r.passages)
      if (p.kind == PassageKind::reused || p.kind == PassageKind::original) {
        CHECK(p.match == PassageMatch::rewritten);
        rewritten_words += p.words;
      }
    CHECK(rewritten_words * 2 > r.words);
  }
  for (std::size_t d = 0; d + 3 < on.result.results.size(); ++d) CHECK(on.result.results[d].family < 0);
}

TEST_CASE("rewrite: anchor candidates share enough heavy terms, and a crowded term proposes none") {
  // Terms 1..: article vectors by hand, each term weighing what its position says.
  auto vector_of_terms = [](std::vector<std::uint64_t> terms) {
    TermVector v;
    std::sort(terms.begin(), terms.end());
    for (std::uint64_t t : terms) {
      v.terms.push_back(t);
      v.weights.push_back(1.0f / static_cast<float>(t));  // lower terms weigh more
    }
    return v;
  };
  std::vector<TermVector> vectors = {
      vector_of_terms({1, 2, 3, 50}),   // 0
      vector_of_terms({1, 2, 3, 60}),   // 1: three anchors with 0
      vector_of_terms({1, 2, 70, 80}),  // 2: two with 0 and 1
      vector_of_terms({4, 5, 6, 7}),    // 3: none
  };
  CHECK(anchor_terms(vectors[0], 3) == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(anchor_candidates(vectors, 3, 3, 10) == std::vector<CandidatePair>{{0, 1}});
  CHECK(anchor_candidates(vectors, 3, 2, 10) == std::vector<CandidatePair>{{0, 1}, {0, 2}, {1, 2}});
  // Terms 1 and 2 are anchors of three articles: over a bucket of 2 they propose nothing.
  CHECK(anchor_candidates(vectors, 3, 1, 2) == std::vector<CandidatePair>{{0, 1}});
  CHECK(term_cosine(vectors[0], vectors[3]) == 0);
}

TEST_CASE("rewrite: links form stars around mutual best pairs, never chains") {
  // Each pair that should have a cosine c shares one term of its own, weighing sqrt(c) in both.
  auto v = [](std::vector<std::pair<std::uint64_t, double>> tw) {
    TermVector out;
    for (auto [t, c] : tw) {
      out.terms.push_back(t);
      out.weights.push_back(static_cast<float>(std::sqrt(c)));
    }
    return out;
  };
  // Cosines: 1-2 0.9 (each other's best: a centre), 0-1 0.6 (0's best), 0-3 0.5 (3's best).
  const std::vector<TermVector> vectors = {v({{1, 0.6}, {3, 0.5}}), v({{1, 0.6}, {2, 0.9}}), v({{2, 0.9}}),
                                           v({{3, 0.5}})};
  CHECK(term_cosine(vectors[1], vectors[2]) == doctest::Approx(0.9));
  Params params;
  params.rewrite_link_cosine = 0.4;
  params.rewrite_anchor_shared = 1;
  // 0 joins the star of 1 and 2; 3's best, 0, is no centre (its own best is 1): no chain 3-0-1-2.
  CHECK(rewritten_links(vectors, params) == std::vector<CandidatePair>{{0, 1}, {1, 2}});
  params.rewrite_link_cosine = 0.7;  // only the centre is alike enough
  CHECK(rewritten_links(vectors, params) == std::vector<CandidatePair>{{1, 2}});
}

TEST_CASE("rewrite: a rewritten link joins a unique article to a family, never two families") {
  auto pair = [](std::uint32_t a, std::uint32_t b, PassageMatch match) {
    ScoredPair p;
    p.a = a;
    p.b = b;
    p.match = match;
    return p;
  };
  // Exact families {0, 1} and {2, 3}; 4, 5 and 6 unique.
  const std::vector<Family> exact =
      build_families(7, {pair(0, 1, PassageMatch::exact), pair(2, 3, PassageMatch::exact)});
  const std::vector<ScoredPair> links = {pair(1, 2, PassageMatch::rewritten), pair(3, 4, PassageMatch::rewritten),
                                         pair(4, 5, PassageMatch::rewritten), pair(0, 5, PassageMatch::rewritten)};
  const std::vector<Family> joined = join_rewritten(exact, 7, links);
  REQUIRE(joined.size() == 2);
  // (1, 2) would join the two families: dropped. (3, 4) and (4, 5) bring 4 and 5 to {2, 3};
  // (0, 5) would then join {0, 1} to it: dropped.
  CHECK(joined[0].members == std::vector<std::uint32_t>{2, 3, 4, 5});
  CHECK(joined[1].members == std::vector<std::uint32_t>{0, 1});
  REQUIRE(joined[0].pairs.size() == 3);
  CHECK(joined[0].pairs[0].match == PassageMatch::exact);
  CHECK(joined[0].pairs[1].match == PassageMatch::rewritten);
  CHECK(joined[1].pairs.size() == 1);
  CHECK(join_rewritten(exact, 7, {}).size() == 2);
}

TEST_CASE("rewrite: cluster --rewrite-link-cosine: the JSON and text reports say which copy is reworded") {
  test::TempDir dir;
  const auto others = unrelated_articles(24);
  for (std::size_t i = 0; i < others.size(); ++i)
    test::write_file(dir.path() / "in" / ("other" + std::to_string(i) + ".txt"), others[i]);
  test::write_file(dir.path() / "in" / "wire.txt", fire_wire());
  test::write_file(dir.path() / "in" / "rewrite.txt", fire_rewrite());
  const std::string in = test::quoted(dir.path() / "in");
  const auto json = test::run(test::cli + " cluster --quiet --no-timing --format json --rewrite-link-cosine 0.4 " + in);
  REQUIRE(json.exit_code == 0);
  const auto report = nlohmann::json::parse(json.out);
  CHECK(report["parameters"]["rewrite_link_cosine"] == 0.4);
  REQUIRE(report["families"].size() == 1);
  CHECK(report["families"][0]["pairs"][0]["match"] == "rewritten");
  std::size_t reworded = 0;
  for (const auto& d : report["documents"])
    for (const auto& p : d["passages"]) reworded += p.value("match", "") == "rewritten";
  CHECK(reworded >= 2);  // the copy's reused text and the original's

  const auto text = test::run(test::cli + " cluster --quiet --rewrite-link-cosine 0.4 " + in);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find(": rewritten copy (whole texts alike), jaccard") != std::string::npos);
  CHECK(text.out.find("(reworded ") != std::string::npos);
  // The same for any thread count.
  const auto one_thread = test::run(test::cli + " cluster --quiet --no-timing --format json --threads 1 "
                                    "--rewrite-link-cosine 0.4 " + in);
  const auto two_threads = test::run(test::cli + " cluster --quiet --no-timing --format json --threads 2 "
                                     "--rewrite-link-cosine 0.4 " + in);
  CHECK(one_thread.out == json.out);
  CHECK(two_threads.out == json.out);
  // Off (the default), the two stay unique.
  const auto off = test::run(test::cli + " cluster --quiet --no-timing --format json " + in);
  CHECK(nlohmann::json::parse(off.out)["families"].empty());
}
