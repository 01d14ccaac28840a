// The index's lifecycle (issue 12, item 2), through the real program: a known id arriving with
// another text is a new version (decided again, "updated"), `index delete ID…`, `index prune
// --before DATE` and `dedup --expire-after`; deleted numbers are never given again, so family
// ids stay what earlier lines said.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/index.hpp"

using namespace wiretrace;
using namespace wiretrace::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string seed(int n) {
  static const char* names[] = {"000_977f0c954ba00d2b.txt", "001_acf3f096cf1d3bac.txt",
                                "002_2df2f6f88230cd01.txt", "003_3bffe2a6f06d5d47.txt",
                                "004_9a41b40ebb447b2c.txt"};
  return read_file(fs::path(fixtures) / "seeds" / names[n]);
}

std::vector<json> dedup(const fs::path& index, const fs::path& input, const std::string& flags = {}) {
  const auto r = run(cli + " dedup --quiet --emit decisions " + flags + " --index " + quoted(index) +
                     " " + quoted(input));
  REQUIRE(r.exit_code == 0);
  return json_lines(r.out);
}

json stats(const fs::path& index) {
  const auto r = run(cli + " index stats --json " + quoted(index));
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

json exported(const fs::path& index) {
  const auto r = run(cli + " index export " + quoted(index));
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::string iso_days_ago(int days) {
  const auto t = std::chrono::system_clock::now() - std::chrono::hours(24 * days);
  const std::time_t s = std::chrono::system_clock::to_time_t(t);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&s));
  return buffer;
}

}  // namespace

TEST_CASE("index lifecycle: a known id with another text is a new version decided again") {
  TempDir dir;
  const auto index = dir / "v.idx";
  write_file(dir / "first.jsonl", jsonl_record("story", seed(0)) + jsonl_record("quote", seed(2)));
  const auto first = dedup(index, dir / "first.jsonl");
  REQUIRE(first.size() == 2);
  CHECK(first[1]["decision"] == "copy");
  CHECK(first[1]["matches"][0]["id"] == "story");

  // The story comes again with another text: not "seen" with the old decision, but decided
  // against the rest (it no longer shares anything with "quote"), and the old version is gone.
  write_file(dir / "second.jsonl", jsonl_record("story", seed(1)));
  const auto second = dedup(index, dir / "second.jsonl");
  REQUIRE(second.size() == 1);
  CHECK_FALSE(second[0].contains("seen"));
  CHECK(second[0]["updated"] == true);
  CHECK(second[0]["decision"] == "new");
  CHECK(second[0]["words"] != first[0]["words"]);
  CHECK(second[0]["family"] == "f3");  // a new number: numbers are never given twice
  CHECK(stats(index)["articles"] == 2);
  CHECK(exported(index)["families"].empty());
  // The same new text again is seen; the old text again is another new version.
  CHECK(dedup(index, dir / "second.jsonl")[0]["seen"] == true);
  const auto back = dedup(index, dir / "first.jsonl");
  CHECK(back[0]["updated"] == true);
  CHECK(back[0]["decision"] == "copy");  // of "quote", which quotes it
  CHECK(back[1]["seen"] == true);
  CHECK(stats(index)["articles"] == 2);
  // The stored matches of "quote" name a deleted article no more.
  CHECK(back[1]["matches"].empty());
}

TEST_CASE("index lifecycle: index delete removes articles by id and their numbers stay taken") {
  TempDir dir;
  const auto index = dir / "d.idx";
  write_file(dir / "feed.jsonl", jsonl_record("wire", seed(0)) + jsonl_record("copy", seed(2)) + jsonl_record("other", seed(1)));
  REQUIRE(dedup(index, dir / "feed.jsonl").size() == 3);
  CHECK(exported(index)["families"].size() == 1);

  const auto r = run(cli + " index delete " + quoted(index) + " other copy missing-id");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("deleted 2 articles") != std::string::npos);
  CHECK(r.err.find("no article \"missing-id\"") != std::string::npos);
  CHECK(stats(index)["articles"] == 1);
  const json after = exported(index);
  REQUIRE(after["documents"].size() == 1);
  CHECK(after["documents"][0]["id"] == "wire");
  CHECK(after["families"].empty());

  // A deleted id comes back as a new article (not "seen"), under a number never used before, in
  // the family its text belongs to; the family keeps its id.
  const auto again = dedup(index, dir / "feed.jsonl");
  REQUIRE(again.size() == 3);
  CHECK(again[0]["seen"] == true);
  CHECK_FALSE(again[1].contains("seen"));
  CHECK(again[1]["decision"] == "copy");
  CHECK(again[1]["family"] == "f1");
  CHECK(again[2]["family"] == "f5");  // 4 is the re-added copy; 2 and 3 are gone for good
  CHECK(exported(index)["families"][0]["id"] == "f1");
  CHECK(run(cli + " index delete " + quoted(dir / "nothing.idx") + " x").exit_code == 2);
}

TEST_CASE("index lifecycle: index prune --before and dedup --expire-after delete old articles") {
  TempDir dir;
  const auto index = dir / "p.idx";
  write_file(dir / "feed.jsonl", jsonl_record("old", seed(0), "2001-01-01T00:00:00Z") +
                                     jsonl_record("mid", seed(1), "2024-06-01") +
                                     jsonl_record("undated", seed(3)) +
                                     jsonl_record("recent", seed(4), iso_days_ago(3)));
  REQUIRE(dedup(index, dir / "feed.jsonl").size() == 4);
  const auto pruned = run(cli + " index prune " + quoted(index) + " --before 2024-01-01");
  REQUIRE(pruned.exit_code == 0);
  CHECK(pruned.out.find("deleted 1 article") != std::string::npos);
  std::vector<std::string> ids;
  const json kept = exported(index);
  for (const auto& d : kept["documents"]) ids.push_back(d["id"]);
  CHECK(ids == std::vector<std::string>{"mid", "undated", "recent"});
  CHECK(run(cli + " index prune " + quoted(index) + " --before soon").exit_code == 2);

  // --expire-after 30d: "mid" was published long ago; "undated" was indexed just now and
  // "recent" published 3 days ago, so both stay.
  write_file(dir / "more.jsonl", jsonl_record("new-one", "entirely different words for a new short story here"));
  const auto r = run(cli + " dedup --emit decisions --expire-after 30d --index " + quoted(index) + " " +
                     quoted(dir / "more.jsonl"));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("1 expired (--expire-after)") != std::string::npos);
  ids.clear();
  const json left = exported(index);
  for (const auto& d : left["documents"]) ids.push_back(d["id"]);
  CHECK(ids == std::vector<std::string>{"undated", "recent", "new-one"});
  CHECK(run(cli + " dedup --expire-after 30 --index " + quoted(index) + " " + quoted(dir / "more.jsonl"))
            .exit_code == 2);
}

TEST_CASE("index lifecycle: an open index sees articles another process deleted") {
  TempDir dir;
  const auto path = dir / "shared.idx";
  Index a(path.string(), Params{});
  Deduplicator dedup(a);
  Document wire;
  wire.id = "wire";
  wire.text = seed(0);
  CHECK(dedup.add(wire).decision == DedupDecision::new_article);
  REQUIRE(run(cli + " index delete " + quoted(path) + " wire").exit_code == 0);
  // The next transaction reads the deletion: the copy finds nothing to match.
  Document copy;
  copy.id = "copy";
  copy.text = seed(2);
  const DedupResult r = dedup.add(copy);
  CHECK(r.decision == DedupDecision::new_article);
  CHECK(r.matches.empty());
  CHECK_FALSE(a.find("wire"));
  CHECK(a.size() == 1);
}

TEST_CASE("index lifecycle: an id another process deleted is decided again and not answered from memory") {
  TempDir dir;
  const auto path = (dir / "race.idx").string();
  Index a(path, Params{});
  Deduplicator dedup(a);
  Document story;
  story.id = "story";
  story.text = seed(0);
  CHECK(dedup.add(story).decision == DedupDecision::new_article);
  {
    Index b(path, Params{});  // another writer deletes it
    b.begin();
    b.remove(*b.find("story"));
    b.commit();
  }
  // `a` still holds "story" in memory until its next transaction: the answer must come from
  // the file as it is now, not from the row that is gone.
  const DedupResult again = dedup.add(story);
  CHECK_FALSE(again.seen);
  CHECK(again.decision == DedupDecision::new_article);
  CHECK(again.number == 2);
  CHECK(a.size() == 1);
}

TEST_CASE("index lifecycle: after a new version in the same run the old one is no candidate") {
  TempDir dir;
  Index index((dir / "same.idx").string(), Params{});
  Deduplicator dedup(index);
  Document story;
  story.id = "story";
  story.text = seed(0);
  CHECK(dedup.add(story).number == 1);
  story.text = seed(0) + "\n\nAn update: the ministry confirmed the figures on Saturday evening.";
  const DedupResult updated = dedup.add(story);
  CHECK(updated.updated);
  CHECK(updated.number == 2);
  CHECK(updated.matches.empty());  // not matched against its own old version
  // A copy of the story matches the new version only: the old one's keys are still in memory
  // (until the index is opened again) but it is no candidate.
  Document copy;
  copy.id = "copy";
  copy.text = seed(2);
  const DedupResult r = dedup.add(copy);
  REQUIRE(r.matches.size() == 1);
  CHECK(r.matches[0].id == "story");
  CHECK(r.matches[0].number == 2);
  CHECK(index.stats().articles == 2);
}
