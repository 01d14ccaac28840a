// The dedup index: what it stores survives reopening, parameters with another stamp are refused,
// files that are not indexes are refused, a second writer waits and then fails clearly, and a
// writer sees what another process committed.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <fstream>

#include "cli_runner.hpp"
#include "test_support.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/index.hpp"

using namespace wiretrace;
using namespace wiretrace::test;

namespace {

std::string seed_text(const std::string& name) { return read_file(fixtures + "/seeds/" + name); }

std::string message_of(auto&& action) {
  try {
    action();
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("index: decisions and rows survive reopening, and lookups are rebuilt from the rows") {
  TempDir dir;
  const std::string path = (dir / "feed.idx").string();
  const std::string wire = seed_text("000_977f0c954ba00d2b.txt");
  {
    Index index(path, Params{});
    Deduplicator dedup(index);
    CHECK(dedup.add(doc("000", wire)).decision == DedupDecision::new_article);
    CHECK(dedup.add(doc("001", seed_text("001_acf3f096cf1d3bac.txt"))).decision ==
          DedupDecision::new_article);
    const DedupResult copy = dedup.add(doc("002", seed_text("002_2df2f6f88230cd01.txt")));
    CHECK(copy.decision == DedupDecision::copy);
    CHECK(copy.family == 1);  // founded by article 1, "000"
    REQUIRE(copy.matches.size() == 1);
    CHECK(copy.matches[0].id == "000");
    CHECK(copy.matches[0].longest_run >= 16);
    CHECK(copy.shared_words > 100);
    CHECK(copy.shared_words + copy.unshared_words + copy.boilerplate_words == copy.words);
    CHECK(index.size() == 3);
  }
  Index index(path, Params{});
  CHECK(index.size() == 3);
  CHECK(index.find("002") == 3u);
  CHECK(index.family_of(3) == 1);
  const IndexedArticle stored = index.article(3);
  CHECK(stored.decision == DedupDecision::copy);
  REQUIRE(stored.matches.size() == 1);
  CHECK(stored.matches[0].a == 1);
  CHECK(stored.matches[0].b == 3);

  Deduplicator dedup(index);
  // The same text under a new id is a duplicate of the stored article: lookups work after open.
  const DedupResult again = dedup.add(doc("000-again", wire));
  CHECK(again.decision == DedupDecision::duplicate);
  CHECK(again.family == 1);
  CHECK(again.number == 4);
  // An id already indexed with the same text is reported with its stored decision and not
  // inserted again (another text is a new version: test_index_lifecycle.cpp).
  const DedupResult seen = dedup.add(doc("002", seed_text("002_2df2f6f88230cd01.txt")));
  CHECK(seen.seen);
  CHECK(seen.decision == DedupDecision::copy);
  CHECK(seen.family == 1);
  CHECK(index.size() == 4);
  CHECK(dedup.stats().seen == 1);
  CHECK(dedup.stats().articles == 1);
}

TEST_CASE("index: an index made with another sketch stamp is refused, other knobs may change") {
  TempDir dir;
  const std::string path = (dir / "feed.idx").string();
  { Index index(path, Params{}); }
  Params other_seed;
  other_seed.seed = 12345;
  const std::string message = message_of([&] { Index index(path, other_seed); });
  CHECK(message.find("sketch stamp") != std::string::npos);
  CHECK(message.find("seed 12345") != std::string::npos);
  CHECK_THROWS_AS(Index(path, other_seed), Error);
  Params other_k;
  other_k.shingle_k = 4;
  other_k.anchor_words = 8;
  CHECK_THROWS_AS(Index(path, other_k), Error);
  // Thresholds and lookup knobs are not part of the stamp: keys are derived when opening.
  Params thresholds;
  thresholds.min_run_words = 20;
  thresholds.min_jaccard = 0.7;
  thresholds.lsh_threshold = 0.6;
  CHECK_NOTHROW(Index(path, thresholds));
  CHECK(sketch_stamp(Index::stored_params(path)) == sketch_stamp(Params{}));
}

TEST_CASE("index: files that are not indexes are refused with their name") {
  TempDir dir;
  const std::string text = (dir / "notes.txt").string();
  std::ofstream(text) << "this is not a database, just some words\n";
  CHECK(message_of([&] { Index index(text, Params{}); }).find("notes.txt") != std::string::npos);
  CHECK_THROWS_AS(Index(text, Params{}), Error);

  const std::string other = (dir / "other.db").string();
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(other.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  CHECK(message_of([&] { Index index(other, Params{}); }).find("not a wiretrace index") !=
        std::string::npos);

  IndexOptions no_create;
  no_create.create = false;
  CHECK_THROWS_AS(Index((dir / "missing.idx").string(), Params{}, no_create), Error);
}

TEST_CASE("index: a second writer waits for the lock, fails clearly after the timeout, and then "
          "sees what the first committed") {
  TempDir dir;
  const std::string path = (dir / "feed.idx").string();
  std::mt19937_64 rng(5);
  const std::string text = text_of(random_words(rng, 300));
  Index first(path, Params{});
  IndexOptions impatient;
  impatient.busy_timeout_ms = 100;
  Index second(path, Params{}, impatient);

  first.begin();
  Deduplicator other(second);
  const std::string message = message_of([&] { other.add(doc("b", text)); });
  CHECK(message.find("locked by another process") != std::string::npos);
  CHECK_THROWS_AS(other.add(doc("b", text)), IndexBusy);
  first.rollback();

  Deduplicator dedup(first);
  CHECK(dedup.add(doc("a", text)).decision == DedupDecision::new_article);
  // The second process has not seen "a" yet; its write transaction reads it first.
  const DedupResult b = other.add(doc("b", text));
  CHECK(b.decision == DedupDecision::duplicate);
  CHECK(b.number == 2);
  REQUIRE(b.matches.size() == 1);
  CHECK(b.matches[0].id == "a");
  CHECK(other.add(doc("a", text)).seen);
  CHECK(dedup.add(doc("b", text)).seen);
  CHECK(first.size() == 2);
}

TEST_CASE("index: stats count articles, families and bytes, and compact keeps every row") {
  TempDir dir;
  const std::string path = (dir / "feed.idx").string();
  std::mt19937_64 rng(11);
  {
    Index index(path, Params{});
    Deduplicator dedup(index);
    for (int story = 0; story < 20; ++story) {
      const auto words = random_words(rng, 400);
      dedup.add(doc("s" + std::to_string(story), text_of(words)));
      // A copy taking the middle 100 words inside 300 words of its own.
      dedup.add(doc("c" + std::to_string(story),
                    text_of(concat({random_words(rng, 150), slice(words, 150, 250),
                                    random_words(rng, 150)}))));
    }
    const IndexStats s = index.stats();
    CHECK(s.articles == 40);
    CHECK(s.families == 20);
    CHECK(s.unique == 0);
    CHECK(s.new_articles == 20);
    CHECK(s.copies == 20);
    CHECK(s.bytes_on_disk > 0);
    CHECK(s.bytes_per_article > 400 * 4);  // at least the 32-bit shingle sequence
  }
  compact_index(path);
  IndexOptions read;
  read.read_only = true;
  const Index index(path, Index::stored_params(path), read);
  CHECK(index.stats().articles == 40);
  CHECK(index.stats().families == 20);
  const ClusterResult exported = export_index(index);
  REQUIRE(exported.families.size() == 20);
  for (const auto& family : exported.families) {
    REQUIRE(family.members.size() == 2);
    CHECK(exported.documents[family.original].id[0] == 's');
  }
}

