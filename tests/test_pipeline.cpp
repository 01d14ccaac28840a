// The stages together on articles made of real words: what the decision rule groups and what
// it must keep apart.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "test_support.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/pipeline.hpp"

using namespace wiretrace;
using test::doc;

namespace {

// Sentences of random words from a made-up vocabulary: no two calls share a run of words.
std::string prose(std::mt19937_64& rng, std::size_t words) {
  static const char* syllables[] = {"ka", "to", "ri", "mes", "lan", "dor", "vi", "pel", "su", "gra",
                                    "ne", "tho", "bi", "qua", "zen", "or", "fil", "mu", "sta", "ek"};
  std::string text;
  for (std::size_t i = 0; i < words; ++i) {
    const int length = 1 + static_cast<int>(rng() % 3);
    for (int s = 0; s < length; ++s) text += syllables[rng() % 20];
    text += (i % 17 == 16) ? ". " : " ";
  }
  return text;
}

std::int32_t family_of(const ClusterResult& r, const std::string& id) {
  for (std::size_t d = 0; d < r.documents.size(); ++d)
    if (r.documents[d].id == id) return r.results[d].family;
  FAIL("no document " << id);
  return -2;
}

}  // namespace

TEST_CASE("pipeline: seeds: 000 and 002 are a family with 000 as original, the rest unique") {
  auto input = read_inputs({std::string(WIRETRACE_FIXTURES_DIR) + "/seeds"});
  REQUIRE(input.documents.size() == 5);
  const auto r = cluster_documents(std::move(input.documents), Params{});
  REQUIRE(r.families.size() == 1);
  const auto& f = r.families[0];
  REQUIRE(f.members.size() == 2);
  CHECK(r.documents[f.original].id.starts_with("000_"));
  CHECK(r.documents[f.members[1]].id.starts_with("002_"));
  // 002 quotes 000 in runs of 16 to 41 words.
  REQUIRE(f.pairs.size() == 1);
  CHECK(f.pairs[0].longest_run >= 16);
  CHECK(f.pairs[0].longest_run <= 45);
  CHECK(f.pairs[0].jaccard < 0.1);
}

TEST_CASE("pipeline: a few wire paragraphs inside a long article make a family") {
  std::mt19937_64 rng(51);
  const std::string wire = prose(rng, 400);
  const std::string paragraph = wire.substr(wire.find(". ", 1000) + 2, 250);
  std::vector<Document> docs{doc("wire", wire),
                             doc("copy", prose(rng, 800) + paragraph + " " + prose(rng, 600)),
                             doc("other", prose(rng, 500))};
  const auto r = cluster_documents(std::move(docs), Params{});
  CHECK(family_of(r, "wire") >= 0);
  CHECK(family_of(r, "wire") == family_of(r, "copy"));
  CHECK(family_of(r, "other") == -1);
  CHECK(r.results[0].role == Role::original);
  CHECK(r.results[1].role == Role::copy);
}

TEST_CASE("pipeline: a source's shared footer does not make its unrelated articles a family") {
  std::mt19937_64 rng(52);
  const std::string footer = "\n\n" + prose(rng, 60);
  std::vector<Document> docs{doc("a", prose(rng, 300) + footer, "Ledger"),
                             doc("b", prose(rng, 200) + footer, "Ledger"),
                             doc("c", prose(rng, 400) + footer, "Ledger")};
  const auto r = cluster_documents(docs, Params{});
  CHECK(r.families.empty());
  CHECK(r.boilerplate_masked > 0);
  // Without a source to scope it, the same footer is indistinguishable from shared copy.
  for (auto& d : docs) d.source.clear();
  CHECK(cluster_documents(docs, Params{}).families.size() == 1);
}

TEST_CASE("pipeline: phrases shorter than min_run_words do not link articles") {
  std::mt19937_64 rng(53);
  const std::string a = prose(rng, 300);
  const std::string phrase = a.substr(a.find(' ', 200) + 1);
  const std::string seven_words = phrase.substr(0, [&] {
    std::size_t at = 0;
    for (int w = 0; w < 7; ++w) at = phrase.find(' ', at) + 1;
    return at;
  }());
  const auto r = cluster_documents({doc("a", a), doc("b", prose(rng, 200) + seven_words + prose(rng, 200))},
                                   Params{});
  CHECK(r.families.empty());
}

TEST_CASE("pipeline: results do not depend on the number of threads") {
  std::mt19937_64 rng(54);
  std::vector<Document> docs;
  std::size_t stories_with_copies = 0;
  for (int s = 0; s < 30; ++s) {
    const std::string wire = prose(rng, 200 + rng() % 200);
    docs.push_back(doc("w" + std::to_string(s), wire));
    const int copies = static_cast<int>(rng() % 4);
    stories_with_copies += copies > 0;
    for (int c = 0; c < copies; ++c)
      docs.push_back(doc("c" + std::to_string(s) + "_" + std::to_string(c),
                         prose(rng, rng() % 300) + wire.substr(0, wire.size() / 2)));
  }
  Params one, two;
  one.threads = 1;
  two.threads = 2;
  const auto a = cluster_documents(docs, one), b = cluster_documents(docs, two);
  REQUIRE(a.families.size() == b.families.size());
  CHECK(a.families.size() == stories_with_copies);
  for (std::size_t f = 0; f < a.families.size(); ++f) {
    CHECK(a.families[f].members == b.families[f].members);
    CHECK(a.families[f].original == b.families[f].original);
  }
  for (std::size_t d = 0; d < docs.size(); ++d) CHECK(a.results[d].shared_words == b.results[d].shared_words);
}

namespace {

// Passages of every family member tile [0, bytes) in order; reused passages point at text of
// their source that has the same words.
void check_passages(const ClusterResult& r) {
  for (std::size_t d = 0; d < r.documents.size(); ++d) {
    const auto& passages = r.results[d].passages;
    if (r.results[d].family < 0) {
      CHECK(passages.empty());
      continue;
    }
    REQUIRE_FALSE(passages.empty());
    CHECK(passages.front().start == 0);
    CHECK(passages.back().end == r.documents[d].text.size());
    for (std::size_t i = 1; i < passages.size(); ++i) CHECK(passages[i].start == passages[i - 1].end);
  }
}

}  // namespace

TEST_CASE("pipeline: passages keep exact byte offsets in multi-byte UTF-8 text") {
  std::mt19937_64 rng(55);
  // Accented and CJK words before the shared passage shift byte offsets away from characters.
  const std::string quote =
      "Le ministre a déclaré que la coopération militaire entre les deux pays était « très "
      "préoccupante » pour la sécurité de la région entière, selon l'agence Kyodo à Tōkyō";
  const std::string wire = "東京発 ニュース速報。" + prose(rng, 100) + " " + quote + ". " + prose(rng, 100);
  const std::string copy = "Ein Bericht über Ärger und Öl. " + prose(rng, 300) + " «" + quote + "». " + prose(rng, 50);
  const auto r = cluster_documents({doc("wire", wire), doc("copy", copy)}, Params{});
  REQUIRE(r.families.size() == 1);
  check_passages(r);
  bool found = false;
  for (const auto& p : r.results[1].passages) {
    if (p.kind != PassageKind::reused) continue;
    found = true;
    const std::string in_copy = copy.substr(p.start, p.end - p.start);
    const std::string in_wire = wire.substr(p.source_start, p.source_end - p.source_start);
    CHECK(in_copy.find("Le ministre a déclaré") == 0);
    CHECK(in_wire.find("Le ministre a déclaré") == 0);
    CHECK(in_wire.find("à Tōkyō") != std::string::npos);
  }
  CHECK(found);
}

TEST_CASE("pipeline: the original follows dates when all are given, the text otherwise") {
  std::mt19937_64 rng(56);
  const std::string wire = prose(rng, 400);
  const std::string copy = "Advertisement. " + prose(rng, 200) + wire.substr(0, wire.size() / 2);
  auto dated = [&](const char* id, const std::string& text, std::int64_t when) {
    Document d = doc(id, text);
    d.published = "x";
    d.published_unix = when;
    return d;
  };
  SUBCASE("no dates: the wire, from the text") {
    const auto r = cluster_documents({doc("copy", copy), doc("wire", wire)}, Params{});
    REQUIRE(r.families.size() == 1);
    CHECK(r.documents[r.families[0].original].id == "wire");
    CHECK(r.families[0].original_basis == OriginalBasis::coverage);
  }
  SUBCASE("dates agree with the text") {
    const auto r = cluster_documents({dated("copy", copy, 2000), dated("wire", wire, 1000)}, Params{});
    CHECK(r.documents[r.families[0].original].id == "wire");
    CHECK(r.families[0].original_basis == OriginalBasis::published);
  }
  SUBCASE("dates contradict the text: the dates win, and say so") {
    const auto r = cluster_documents({dated("copy", copy, 500), dated("wire", wire, 1000)}, Params{});
    CHECK(r.documents[r.families[0].original].id == "copy");
    CHECK(r.families[0].original_basis == OriginalBasis::published);
    check_passages(r);
    // The wire is now the copy: its shared text is credited to the dated original.
    for (const auto& p : r.results[1].passages)
      if (p.kind == PassageKind::reused) CHECK(p.source == 0);
  }
  SUBCASE("one date missing: the text decides") {
    const auto r = cluster_documents({dated("copy", copy, 500), doc("wire", wire)}, Params{});
    CHECK(r.documents[r.families[0].original].id == "wire");
  }
}
