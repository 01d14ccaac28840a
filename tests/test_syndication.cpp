// Syndication patterns of issue 11, each on a small hand-made fixture in fixtures/syndication/,
// through the real binary: a publisher that runs one story twice, the wire under a publisher's
// chrome, the absent wire, and dates that say who reused whom.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using nlohmann::json;
using namespace wiretrace::test;

namespace {

json cluster_json(const std::string& fixture) {
  const auto r = run(cli + " cluster --no-timing --format json " + wiretrace::test::quoted(fixtures + "/syndication/" + fixture));
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::map<std::string, json> documents_by_id(const json& report) {
  std::map<std::string, json> out;
  for (const auto& d : report["documents"]) out[d["id"].get<std::string>()] = d;
  return out;
}

}  // namespace

TEST_CASE("syndication: a story one source ran twice is a family, not its boilerplate") {
  // The Daily Ledger prints the harbour-bridge story twice (identical) and once updated, and two
  // unrelated stories, all under the same header and footer. The story sits wholly inside the
  // first and last 80 words, where boilerplate is looked for; only the chrome is boilerplate.
  const json report = cluster_json("same-source-twice.jsonl");
  auto docs = documents_by_id(report);
  const auto family = docs["ledger-bridge"]["family"];
  REQUIRE(family.is_string());
  CHECK(docs["ledger-bridge-again"]["family"] == family);
  CHECK(docs["ledger-bridge-update"]["family"] == family);
  for (const char* id : {"ledger-bridge", "ledger-bridge-again", "ledger-bridge-update"}) {
    CAPTURE(id);
    const auto& d = docs[id];
    // The header is four words (shorter than a shingle); the footer is 33.
    CHECK(d["boilerplate_words"].get<int>() > 20);
    CHECK(d["boilerplate_words"].get<int>() < 40);
    CHECK(d["added_words"].get<int>() + d["boilerplate_words"].get<int>() < d["words"].get<int>() / 2);
  }
  // The unrelated stories share only the chrome: it is boilerplate there too, and links nothing.
  for (const char* id : {"ledger-library", "ledger-orchard"}) {
    CAPTURE(id);
    CHECK(docs[id]["family"].is_null());
  }
}

TEST_CASE("syndication: dedup drops the second filing of one source's story") {
  TempDir dir;
  const auto r = run(cli + " dedup --emit decisions --index " + wiretrace::test::quoted(dir / "feed.idx") + " --drop duplicates " +
                     wiretrace::test::quoted(fixtures + "/syndication/same-source-twice.jsonl"));
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> decision;
  std::size_t lines = 0;
  for (std::size_t at = 0, end; (end = r.out.find('\n', at)) != std::string::npos; at = end + 1, ++lines) {
    const json line = json::parse(r.out.substr(at, end - at));
    decision[line["id"].get<std::string>()] = line["decision"].get<std::string>();
  }
  CHECK(lines == 4);
  CHECK(decision.count("ledger-bridge-again") == 0);  // the duplicate, dropped
  CHECK(decision["ledger-bridge-update"] == "copy");
  CHECK(decision["ledger-library"] == "new");
}

TEST_CASE("syndication: with dates, only the later article reuses text two copies share") {
  // wire (08:00) has P; early-paper (09:00) has P and Q; late-paper (10:00) has Q. Q is
  // early-paper's own text that late-paper took, not text early-paper took "from" late-paper.
  const json report = cluster_json("reused-from-the-future.jsonl");
  auto docs = documents_by_id(report);
  std::map<std::string, std::string> published;
  for (const auto& [id, d] : docs) published[id] = d["published"].get<std::string>();
  std::size_t reused = 0;
  for (const auto& [id, d] : docs)
    for (const auto& p : d["passages"]) {
      if (p["kind"] != "reused") continue;
      ++reused;
      CAPTURE(id);
      CHECK(published[p["source"].get<std::string>()] < published[id]);  // ISO 8601 UTC: text order
    }
  CHECK(reused == 2);  // early-paper's P from the wire, late-paper's Q from early-paper
  bool late_takes_q = false;
  for (const auto& p : docs["late-paper"]["passages"]) late_takes_q |= p["source"] == "early-paper";
  CHECK(late_takes_q);
  CHECK(docs["early-paper"]["added_words"].get<int>() > 50);  // its seafront report and Q
}

TEST_CASE("syndication: a family without its wire names no original and credits shared text both ways") {
  // The Ledger and the Courier each run the harbour-bridge wire story under their own header and
  // footer; the AFP story itself is not in the input. No member is the wire.
  const json report = cluster_json("absent-wire.jsonl");
  REQUIRE(report["families"].size() == 1);
  const json& family = report["families"][0];
  CHECK(family["original"].is_null());
  CHECK(family["wire_in_input"] == false);
  auto docs = documents_by_id(report);
  for (const auto& [id, other] : {std::pair{"ledger-bridge", "courier-bridge"}, std::pair{"courier-bridge", "ledger-bridge"}}) {
    CAPTURE(id);
    const auto& d = docs[id];
    CHECK(d["role"] == "copy");
    std::size_t reused_bytes = 0;
    for (const auto& p : d["passages"]) {
      CHECK(p["kind"] != "original");
      if (p["kind"] == "reused") {
        CHECK(p["source"] == other);
        reused_bytes += p["end"].get<std::size_t>() - p["start"].get<std::size_t>();
      }
    }
    CHECK(reused_bytes > 400);  // the wire story, about 530 bytes
  }
  const auto text = run(cli + " cluster --no-timing " + wiretrace::test::quoted(fixtures + "/syndication/absent-wire.jsonl"));
  CHECK(text.out.find("family f1: 2 articles, wire not in input") != std::string::npos);
  CHECK(text.out.find("original ") == std::string::npos);
  const auto html = run(cli + " cluster --no-timing --format html " + wiretrace::test::quoted(fixtures + "/syndication/absent-wire.jsonl"));
  CHECK(html.out.find("\"families\":[[-1,") != std::string::npos);  // no original member
}

TEST_CASE("syndication: in an undated family the wire beats its whole copy under unmasked chrome") {
  // The Ledger (seen once, so its header and footer are not masked) runs the whole AFP story
  // under its chrome; the Courier runs its first three paragraphs. Coverage ties between AFP and
  // the Ledger, and AFP sits inside the Ledger's longer text; the Ledger adds a header of its
  // own on top, which the wire does not carry.
  const json report = cluster_json("wire-under-chrome.jsonl");
  REQUIRE(report["families"].size() == 1);
  CHECK(report["families"][0]["original"] == "afp-bridge");
  CHECK(report["families"][0]["wire_in_input"] == true);
  auto docs = documents_by_id(report);
  CHECK(docs["ledger-bridge"]["role"] == "copy");
  CHECK(docs["courier-bridge"]["role"] == "copy");
}

TEST_CASE("syndication: a trimmed copy under a one-off paper's chrome is not the original") {
  // The Parish Gazette, seen once, runs the first three AFP paragraphs under a header and footer
  // that nothing marks as boilerplate. Both members share the same text; the Gazette's share of
  // reused text is higher, but it opens with a header of its own and the wire does not.
  const json report = cluster_json("trimmed-under-one-off-chrome.jsonl");
  REQUIRE(report["families"].size() == 1);
  CHECK(report["families"][0]["original"] == "afp-bridge");
}

TEST_CASE("syndication: a round-up quoting two stories bridges two families, a copy in each") {
  // Two stories, each a wire and a paper's copy; a weekend round-up quotes two paragraphs of
  // each. Union of the accepted pairs chains all five; the round-up is the only link, and what
  // it shares with one side is none of what it shares with the other.
  const json report = cluster_json("round-up-bridge.jsonl");
  auto docs = documents_by_id(report);
  REQUIRE(report["families"].size() == 2);
  const auto& roundup = docs["weekend-round-up"];
  CHECK(roundup["role"] == "copy");
  REQUIRE(roundup["family"].is_string());
  REQUIRE(roundup.contains("also_in"));
  REQUIRE(roundup["also_in"].size() == 1);
  const std::string home = roundup["family"], other = roundup["also_in"][0];
  CHECK(home != other);
  // The two stories are two families, and the round-up is a member of both.
  CHECK(docs["wire-port-strike"]["family"] != docs["wire-football"]["family"]);
  CHECK(docs["paper-port-strike"]["family"] == docs["wire-port-strike"]["family"]);
  CHECK(docs["paper-football"]["family"] == docs["wire-football"]["family"]);
  for (const auto& family : report["families"]) {
    CAPTURE(family["id"]);
    const auto& members = family["members"];
    CHECK(std::find(members.begin(), members.end(), "weekend-round-up") != members.end());
    CHECK(family["original"] != "weekend-round-up");
    if (family["id"] == other) {
      REQUIRE(family.contains("bridges"));
      CHECK(family["bridges"] == json::array({"weekend-round-up"}));
    } else {
      CHECK_FALSE(family.contains("bridges"));
    }
  }
  // Its passages name their sources on both sides.
  bool from_port = false, from_football = false;
  for (const auto& p : roundup["passages"]) {
    if (p["kind"] != "reused") continue;
    const std::string source = p["source"];
    from_port |= source == "wire-port-strike" || source == "paper-port-strike";
    from_football |= source == "wire-football" || source == "paper-football";
  }
  CHECK(from_port);
  CHECK(from_football);
  // The text report lists it under both, described once.
  const auto text = run(cli + " cluster --no-timing " + wiretrace::test::quoted(fixtures + "/syndication/round-up-bridge.jsonl"));
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("also in " + other) != std::string::npos);
  CHECK(text.out.find("described in family " + home) != std::string::npos);
}

TEST_CASE("syndication: a wire whose copies ran different paragraphs is their source, not a bridge") {
  // Two papers excerpt paragraphs 1-2 of the wire, two others paragraphs 4-5: the wire alone
  // links the two sides, by different text, but it is the original of each, so the family stays
  // whole.
  const json report = cluster_json("wire-with-excerpts-of-different-paragraphs.jsonl");
  REQUIRE(report["families"].size() == 1);
  const auto& family = report["families"][0];
  CHECK(family["members"].size() == 5);
  CHECK(family["original"] == "wire-port-strike");
  CHECK_FALSE(family.contains("bridges"));
  for (const auto& d : report["documents"]) CHECK_FALSE(d.contains("also_in"));
}

TEST_CASE("syndication: a whole copy of an absent wire between excerpts of different paragraphs stays one family") {
  // The wire is not in the input; one paper ran it whole, four others excerpts (two of
  // paragraphs 1-2, two of 4-5), all published earlier. By date and by text alike an excerpt
  // would be the original of each side, so the whole copy would pass for a round-up; but it holds
  // everything each side shares, where a round-up quotes part of stories told in full elsewhere.
  const json report = cluster_json("absent-wire-whole-copy-and-two-excerpts.jsonl");
  REQUIRE(report["families"].size() == 1);
  CHECK(report["families"][0]["members"].size() == 5);
  CHECK_FALSE(report["families"][0].contains("bridges"));
}

TEST_CASE("syndication: a header shorter than a shingle is boilerplate when it opens different stories") {
  // "Sign in" (two words: every shingle starting in it runs on into the story) opens three
  // different stories of the Harbour Herald; "Port strike ends" opens one story filed twice.
  const json report = cluster_json("short-header.jsonl");
  auto docs = documents_by_id(report);
  for (const char* id : {"herald-a", "herald-b", "herald-c"}) {
    CAPTURE(id);
    const auto& d = docs[id];
    CHECK(d["boilerplate_words"] == 2);
    REQUIRE(!d["passages"].empty());
    CHECK(d["passages"][0]["kind"] == "boilerplate");
    CHECK(d["passages"][0]["start"] == 0);
  }
  // A headline the same story repeats is that story's text, not chrome.
  for (const char* id : {"herald-d", "herald-d-again"}) {
    CAPTURE(id);
    CHECK(docs[id]["boilerplate_words"] == 0);
  }
  // The wires carry no header of their own.
  for (const char* id : {"wire-a", "wire-b", "wire-c"}) CHECK(docs[id]["boilerplate_words"] == 0);
}
