// `wiretrace dedup` as a feed filter (issue 12, item 1), through the real program: each output
// line is the input record itself, byte for byte, with one "wiretrace" member added; --drop
// makes a clean feed of it; rejected records carry their id; -o FILE is replaced only on success;
// text files become JSON records; the compact decision lines stay behind --emit decisions.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <sstream>

#include "cli_runner.hpp"

using namespace wiretrace::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> text_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

std::string seed(const std::string& name) { return read_file(fs::path(fixtures) / "seeds" / name); }

// JSON string of `text` (nlohmann writes UTF-8 as is and escapes what JSON requires).
std::string str(const std::string& text) { return json(text).dump(); }

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A feed in the spelling a producer might use: keys in any order, blanks, escapes, fields
// wiretrace does not know (nested ones too), numbers with trailing zeros. Line 3 is a copy of
// line 1, line 4 a duplicate of line 1, line 5 an empty text, line 6 no JSON.
std::vector<std::string> feed_lines() {
  const std::string wire = seed("000_977f0c954ba00d2b.txt"), copy = seed("002_2df2f6f88230cd01.txt");
  return {
      R"({ "text" : )" + str(wire) + R"(, "id" : "wire-1", "score": 1.50, "tags": ["a", {"b": null}], "title": "Caf\u00e9" })",
      R"({"id":"other","text":)" + str(seed("001_acf3f096cf1d3bac.txt")) + R"(,"source":"Example Times"})",
      R"({"id":"copy-1","extra":{"n":[1,2,3]},"text":)" + str(copy) + "}",
      R"({"id":"dup-1","text":)" + str(wire) + R"(,"url":"https://example.org/x"}   )",
      R"({"id":"empty-1","text":"   "})",
      R"({"id":"broken","text":)",
  };
}

void write_feed(const fs::path& path, const std::vector<std::string>& lines) {
  std::string bytes;
  for (const auto& l : lines) bytes += l + "\n";
  write_file(path, bytes);
}

// The line without its "wiretrace" member must be the input line, byte for byte (trailing blanks
// aside): the member is inserted before the closing brace and nothing else changes.
void check_is_record(const std::string& out, std::string in) {
  while (!in.empty() && in.back() == ' ') in.pop_back();
  const auto at = out.rfind(",\"wiretrace\":{");
  REQUIRE(at != std::string::npos);
  CHECK(out.substr(0, at) == in.substr(0, in.size() - 1));
  CHECK(out.back() == '}');
  CHECK(count_of(out, "\"wiretrace\"") == 1);
}

}  // namespace

TEST_CASE("dedup filter: each line is the input record with one wiretrace member added") {
  TempDir dir;
  const auto feed = feed_lines();
  write_feed(dir / "feed.jsonl", feed);
  const auto r = run(cli + " dedup --index " + quoted(dir / "f.idx") + " " + quoted(dir / "feed.jsonl"));
  REQUIRE(r.exit_code == 0);
  const auto out = text_lines(r.out);
  REQUIRE(out.size() == 6);
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    check_is_record(out[i], feed[i]);
    json record = json::parse(out[i]);
    const json decision = record["wiretrace"];
    record.erase("wiretrace");
    CHECK(record == json::parse(feed[i]));  // every field, as given
    CHECK(decision["family"].get<std::string>().starts_with("f"));
  }
  const auto w = [&](std::size_t i) { return json::parse(out[i])["wiretrace"]; };
  CHECK(w(0)["decision"] == "new");
  CHECK(w(0)["family"] == "f1");
  CHECK(w(1)["decision"] == "new");
  CHECK(w(2)["decision"] == "copy");
  CHECK(w(2)["family"] == "f1");
  CHECK(w(2)["matches"][0]["id"] == "wire-1");
  CHECK(w(3)["decision"] == "duplicate");
  // Rejected records: the id when it could be read, the decision inside "wiretrace".
  const json empty = json::parse(out[4]), broken = json::parse(out[5]);
  CHECK(empty["id"] == "empty-1");
  CHECK(empty["wiretrace"]["decision"] == "rejected");
  CHECK(empty["wiretrace"]["reason"] == "empty text");
  CHECK(empty["wiretrace"]["input"].get<std::string>().ends_with("feed.jsonl:5"));
  CHECK_FALSE(broken.contains("id"));  // the line broke before its id was read
  CHECK(broken["wiretrace"]["decision"] == "rejected");
  // The compact decision lines: the same decisions, the id first, and the id of rejected ones.
  const auto compact = run(cli + " dedup --emit decisions --index " + quoted(dir / "c.idx") + " " +
                           quoted(dir / "feed.jsonl"));
  REQUIRE(compact.exit_code == 0);
  const auto lines = text_lines(compact.out);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0].starts_with(R"({"id":"wire-1","decision":"new","family":"f1",)"));
  CHECK(json::parse(lines[2])["decision"] == "copy");
  CHECK(json::parse(lines[4])["id"] == "empty-1");
  CHECK(json::parse(lines[4])["decision"] == "rejected");
}

TEST_CASE("dedup filter: --drop duplicates and --drop rejected yield a clean feed that reads back") {
  TempDir dir;
  const auto feed = feed_lines();
  write_feed(dir / "feed.jsonl", feed);
  const auto r = run(cli + " dedup --drop duplicates --drop rejected --index " + quoted(dir / "f.idx") +
                     " " + quoted(dir / "feed.jsonl") + " > " + quoted(dir / "fresh.jsonl"));
  REQUIRE(r.exit_code == 0);
  const auto fresh = text_lines(read_file(dir / "fresh.jsonl"));
  REQUIRE(fresh.size() == 3);  // wire-1, other, copy-1
  check_is_record(fresh[0], feed[0]);
  check_is_record(fresh[1], feed[1]);
  check_is_record(fresh[2], feed[2]);
  // Never silently: each rejected record is named on stderr and counted.
  CHECK(r.err.find("rejected: " + (dir / "feed.jsonl").string() + ":5: empty text") != std::string::npos);
  CHECK(r.err.find("6 records: 2 new, 1 copies, 1 duplicates, 0 seen before, 2 rejected; 3 lines "
                   "written, 3 dropped") != std::string::npos);

  // The clean feed is a feed: cluster reads it, and a second dedup replaces the member rather
  // than adding another.
  const auto cluster = run(cli + " cluster --quiet --format json " + quoted(dir / "fresh.jsonl"));
  REQUIRE(cluster.exit_code == 0);
  CHECK(json::parse(cluster.out)["stats"]["families"] == 1);
  const auto again = run(cli + " dedup --quiet --index " + quoted(dir / "second.idx") + " " +
                         quoted(dir / "fresh.jsonl"));
  REQUIRE(again.exit_code == 0);
  const auto twice = text_lines(again.out);
  REQUIRE(twice.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(count_of(twice[i], "\"wiretrace\"") == 1);
    json a = json::parse(twice[i]), b = json::parse(feed[i]);
    a.erase("wiretrace");
    CHECK(a == b);
  }
  // --drop copies passes only the new articles.
  const auto news = run(cli + " dedup --quiet --drop copies --index " + quoted(dir / "f.idx") + " " +
                        quoted(dir / "feed.jsonl"));
  std::size_t articles = 0;
  for (const auto& l : text_lines(news.out)) {
    const json w = json::parse(l)["wiretrace"];
    if (w["decision"] == "rejected") continue;
    ++articles;
    CHECK(w["decision"] == "new");
    CHECK(w["seen"] == true);  // decided by the first run
  }
  CHECK(articles == 2);
}

TEST_CASE("dedup filter: -o FILE is written whole on success and left alone when the run fails") {
  TempDir dir;
  auto feed = feed_lines();
  write_feed(dir / "feed.jsonl", feed);
  const auto out = dir / "out" / "fresh.jsonl";
  fs::create_directories(out.parent_path());
  const auto ok = run(cli + " dedup --quiet -o " + quoted(out) + " --index " + quoted(dir / "a.idx") +
                      " " + quoted(dir / "feed.jsonl"));
  REQUIRE(ok.exit_code == 0);
  CHECK(ok.out.empty());
  CHECK(text_lines(read_file(out)).size() == 6);

  // --on-error fail stops at line 5: FILE keeps its old content, no temporary file is left, and
  // the message says how to get the lines.
  write_file(out, "old\n");
  const auto failed = run(cli + " dedup --on-error fail -o " + quoted(out) + " --index " +
                          quoted(dir / "b.idx") + " " + quoted(dir / "feed.jsonl"));
  CHECK(failed.exit_code == 3);
  CHECK(read_file(out) == "old\n");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(out.parent_path())) ++files;
  CHECK(files == 1);
  CHECK(failed.err.find("was not written") != std::string::npos);
  // An output that cannot be created is an I/O error before anything is decided.
  const auto nowhere = run(cli + " dedup -o " + quoted(dir / "missing" / "x.jsonl") + " --index " +
                           quoted(dir / "c.idx") + " " + quoted(dir / "feed.jsonl"));
  CHECK(nowhere.exit_code == 1);
  CHECK_FALSE(fs::exists(dir / "c.idx"));
}

TEST_CASE("dedup filter: an article read from a text file becomes a JSON Lines record") {
  TempDir dir;
  const auto r = run(cli + " dedup --index " + quoted(dir / "t.idx") + " " +
                     quoted(fs::path(fixtures) / "seeds"));
  REQUIRE(r.exit_code == 0);
  const auto out = text_lines(r.out);
  REQUIRE(out.size() == 5);
  const json copy = json::parse(out[2]);
  CHECK(copy["id"] == "002_2df2f6f88230cd01.txt");
  CHECK(copy["text"] == seed("002_2df2f6f88230cd01.txt"));
  CHECK(copy["wiretrace"]["decision"] == "copy");
  // ...which dedup and cluster read back as the same articles.
  write_file(dir / "seeds.jsonl", r.out);
  const auto back = run(cli + " dedup --emit decisions --index " + quoted(dir / "u.idx") + " " +
                        quoted(dir / "seeds.jsonl"));
  REQUIRE(back.exit_code == 0);
  const auto decisions = text_lines(back.out);
  REQUIRE(decisions.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) {
    const json a = json::parse(out[i]), b = json::parse(decisions[i]);
    CHECK(b["id"] == a["id"]);
    CHECK(b["decision"] == a["wiretrace"]["decision"]);
    CHECK(b["words"] == a["wiretrace"]["words"]);
  }
}

TEST_CASE("dedup filter: family ids are the ids index export gives and shared_words is the cluster report's") {
  TempDir dir;
  // The seeds: 002 quotes 000. dedup's shared_words for 002 is the cluster report's (not its
  // reused_words, which counts aligned passages), and both name the family f1.
  const auto seeds = fs::path(fixtures) / "seeds";
  const auto lines = text_lines(run(cli + " dedup --quiet --emit decisions --index " +
                                  quoted(dir / "s.idx") + " " + quoted(seeds)).out);
  REQUIRE(lines.size() == 5);
  const json copy = json::parse(lines[2]);
  const json report = json::parse(run(cli + " cluster --quiet --format json " + quoted(seeds)).out);
  const json& batch_copy = report["documents"][2];
  REQUIRE(batch_copy["id"] == copy["id"]);
  CHECK(copy["shared_words"] == batch_copy["shared_words"]);
  CHECK_FALSE(copy.contains("reused_words"));
  CHECK(copy["shared_words"].get<int>() + copy["boilerplate_words"].get<int>() +
            copy["unshared_words"].get<int>() == copy["words"].get<int>());

  // A generated feed: each article's family, followed through the merges later lines report,
  // is the id of its family in the export; the export's documents say the same.
  const auto corpus = dir / "corpus.jsonl";
  REQUIRE(run(std::string(WIRETRACE_GEN_PATH) + " --articles 400 -o " + quoted(corpus) + " --truth " +
              quoted(dir / "truth.jsonl")).exit_code == 0);
  const auto index = dir / "g.idx";
  const auto decided = text_lines(run(cli + " dedup --quiet --emit decisions --index " + quoted(index) +
                                    " " + quoted(corpus)).out);
  REQUIRE(decided.size() == 400);
  std::map<std::string, std::string> merged_into;  // family -> the family it was merged into
  for (const auto& l : decided)
    for (const auto& m : json::parse(l).value("merged", json::array())) merged_into[m] = json::parse(l)["family"];
  const auto now = [&](std::string f) {
    for (auto it = merged_into.find(f); it != merged_into.end(); it = merged_into.find(f)) f = it->second;
    return f;
  };
  const json exported = json::parse(run(cli + " index export " + quoted(index)).out);
  std::map<std::string, std::string> family_of;
  for (const auto& f : exported["families"])
    for (const auto& m : f["members"]) family_of[m] = f["id"];
  for (const auto& d : exported["documents"])
    if (!d["family"].is_null()) CHECK(d["family"] == family_of[d["id"]]);
  std::size_t in_families = 0;
  for (const auto& l : decided) {
    const json line = json::parse(l);
    const auto it = family_of.find(line["id"]);
    if (it == family_of.end()) continue;  // alone in the family it founded
    ++in_families;
    CHECK(now(line["family"]) == it->second);
  }
  CHECK(in_families > 100);
  CHECK(exported["families"].size() > 30);
}
