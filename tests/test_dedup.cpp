// `wiretrace dedup` and its decisions: a corpus fed in two runs yields the families of one batch
// `cluster` run; reruns insert nothing; a process killed with SIGKILL at random points and
// restarted ends with the index of an uninterrupted run; bad records become "rejected" lines;
// stdin is a stream, each line answered before the next is written.
#include <doctest/doctest.h>

#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "child_process.hpp"
#include "cli_runner.hpp"
#include "test_support.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/index.hpp"

using namespace wiretrace;
using namespace wiretrace::test;
using nlohmann::json;

namespace {

// In a forked child: becomes args[0] with the arguments args; exit code 127 if that fails.
using Families = std::set<std::vector<std::string>>;

// Family memberships of a `cluster --format json` report (or of `index export`, same schema).
Families families_of(const json& report) {
  Families out;
  for (const auto& f : report["families"]) {
    auto members = f["members"].get<std::vector<std::string>>();
    std::sort(members.begin(), members.end());
    out.insert(members);
  }
  return out;
}

std::vector<json> complete_json_lines(const std::string& text) {
  std::vector<json> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto end = text.find('\n', at);
    if (end == std::string::npos) break;  // a line cut short by a kill is not a line
    out.push_back(json::parse(text.substr(at, end - at)));
    at = end + 1;
  }
  return out;
}

std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

void write_lines(const std::filesystem::path& path, const std::vector<std::string>& lines,
                 std::size_t from, std::size_t to) {
  std::ofstream out(path);
  for (std::size_t i = from; i < to; ++i) out << lines[i] << "\n";
}

// The generated corpus of the tests: 400 articles of the easy mix (families of a wire story and
// its copies, publishers' headers and footers).
std::filesystem::path generate(const TempDir& dir, int articles = 400) {
  const auto corpus = dir / "corpus.jsonl";
  const auto gen = run(std::string(WIRETRACE_GEN_PATH) + " --articles " + std::to_string(articles) +
                       " --mix easy -o " + quoted(corpus) + " --truth " + quoted(dir / "truth.jsonl"));
  REQUIRE(gen.exit_code == 0);
  return corpus;
}

Families exported_families(const std::filesystem::path& index) {
  const auto r = run(cli + " index export " + quoted(index));
  REQUIRE(r.exit_code == 0);
  return families_of(json::parse(r.out));
}

// Runs the CLI with stdout on a pipe, reads `lines_before_kill` lines, then kills it with
// SIGKILL (after `extra_micros`). Returns what it wrote until then.
std::string run_and_kill(const std::vector<std::string>& args, std::size_t lines_before_kill,
                         unsigned extra_micros) {
  ChildProcess child(args, ChildProcess::Capture::stdout_pipe);
  child.read_until([&](const std::string& out) {
    return static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) >= lines_before_kill;
  }, 600000);
  if (extra_micros) usleep(extra_micros);
  child.kill_now();
  return child.rest();  // whatever it managed to write before dying
}

Document dated_doc(std::string id, std::string text, std::int64_t date) {
  Document d = doc(std::move(id), std::move(text));
  d.published_unix = date;
  return d;
}

}  // namespace

TEST_CASE("dedup: a corpus fed in two halves, two runs, yields the families of one cluster run") {
  TempDir dir;
  const auto corpus = generate(dir);
  const auto lines = read_lines(corpus);
  REQUIRE(lines.size() == 400);
  write_lines(dir / "first.jsonl", lines, 0, 200);
  write_lines(dir / "second.jsonl", lines, 200, 400);
  const auto index = dir / "feed.idx";

  const auto first = run(cli + " dedup --emit decisions --index " + quoted(index) + " " + quoted(dir / "first.jsonl"));
  REQUIRE(first.exit_code == 0);
  // The second half from stdin (the default input).
  const auto second = run(cli + " dedup --emit decisions --index " + quoted(index) + " < " + quoted(dir / "second.jsonl"));
  REQUIRE(second.exit_code == 0);
  const auto out1 = complete_json_lines(first.out), out2 = complete_json_lines(second.out);
  REQUIRE(out1.size() == 200);
  REQUIRE(out2.size() == 200);
  // One line per article, in input order, each with a decision.
  for (std::size_t i = 0; i < 200; ++i) {
    CHECK(out1[i]["id"] == json::parse(lines[i])["id"]);
    CHECK(out2[i]["id"] == json::parse(lines[200 + i])["id"]);
  }
  // The second run found copies of articles the first one indexed.
  std::size_t across = 0;
  std::set<std::string> first_ids;
  for (const auto& l : out1) first_ids.insert(l["id"]);
  for (const auto& l : out2)
    for (const auto& m : l["matches"]) across += first_ids.count(m["id"]);
  CHECK(across > 20);

  const auto batch = run(cli + " cluster --quiet --format json " + quoted(corpus));
  REQUIRE(batch.exit_code == 0);
  const Families expected = families_of(json::parse(batch.out));
  CHECK(expected.size() > 30);
  CHECK(exported_families(index) == expected);

  // Per-line figures agree with the index: a line's family holds its matches.
  const auto stats = run(cli + " index stats --json " + quoted(index));
  REQUIRE(stats.exit_code == 0);
  const auto s = json::parse(stats.out);
  CHECK(s["articles"] == 400);
  CHECK(s["families"] == expected.size());
}

TEST_CASE("dedup: a rerun over the same input inserts nothing and repeats the stored decisions") {
  TempDir dir;
  const auto corpus = generate(dir);
  const auto index = dir / "feed.idx";
  const auto first = run(cli + " dedup --emit decisions --index " + quoted(index) + " " + quoted(corpus));
  REQUIRE(first.exit_code == 0);
  const auto rerun = run(cli + " dedup --emit decisions --index " + quoted(index) + " " + quoted(corpus));
  REQUIRE(rerun.exit_code == 0);
  CHECK(rerun.err.find("0 new, 0 copies, 0 duplicates, 400 seen before") != std::string::npos);
  const auto a = complete_json_lines(first.out), b = complete_json_lines(rerun.out);
  REQUIRE(a.size() == 400);
  REQUIRE(b.size() == 400);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK_FALSE(a[i].contains("seen"));
    CHECK(b[i]["seen"] == true);
    json without = b[i];
    without.erase("seen");
    CHECK(without == a[i]);
  }
  const auto stats = json::parse(run(cli + " index stats --json " + quoted(index)).out);
  CHECK(stats["articles"] == 400);
  // --drop copies passes only the new articles, also on a rerun (stored decisions).
  const auto filtered = complete_json_lines(run(cli + " dedup --emit decisions --quiet --drop copies --index " + quoted(index) +
                                     " " + quoted(corpus)).out);
  CHECK(filtered.size() == stats["decisions"]["new"].get<std::size_t>());
  for (const auto& l : filtered) CHECK(l["decision"] == "new");
  const auto no_dups = complete_json_lines(run(cli + " dedup --emit decisions --quiet --drop duplicates --index " + quoted(index) +
                                    " " + quoted(corpus)).out);
  CHECK(no_dups.size() == 400 - stats["decisions"]["duplicate"].get<std::size_t>());
}

TEST_CASE("dedup: killed with SIGKILL at random points and restarted, every article is decided "
          "exactly once and the families equal an uninterrupted run") {
  TempDir dir;
  const auto corpus = generate(dir);
  const auto clean_index = dir / "clean.idx";
  const auto clean = run(cli + " dedup --emit decisions --quiet --index " + quoted(clean_index) + " " + quoted(corpus));
  REQUIRE(clean.exit_code == 0);
  const auto clean_lines = complete_json_lines(clean.out);
  REQUIRE(clean_lines.size() == 400);

  const auto index = dir / "killed.idx";
  const std::vector<std::string> args{cli, "dedup", "--emit", "decisions", "--quiet", "--index", index.string(), corpus.string()};
  std::mt19937 rng(20261123);
  std::vector<json> emitted;
  std::size_t previous = 0;  // articles in the index after the last kill
  for (int attempt = 0; attempt < 6; ++attempt) {
    // A restart first repeats the `previous` articles it has as "seen" lines; the kill comes
    // after 1 to 51 fresh lines more, at a random moment. Each line is written after its
    // article is committed, so every kill lands mid-stream with the index grown, however
    // fast or slow the machine is (6 x 51 < 400 articles).
    const std::size_t fresh_lines = 1 + std::uniform_int_distribution<std::size_t>(0, 50)(rng);
    const unsigned micros = std::uniform_int_distribution<unsigned>(0, 3000)(rng);
    for (auto& l : complete_json_lines(run_and_kill(args, previous + fresh_lines, micros)))
      emitted.push_back(std::move(l));
    // The index opens cleanly after every kill.
    const auto stats = run(cli + " index stats --json " + quoted(index));
    REQUIRE(stats.exit_code == 0);
    const auto articles = json::parse(stats.out)["articles"].get<std::size_t>();
    CHECK(articles <= 400);
    CHECK(articles >= previous + fresh_lines);
    previous = articles;
  }
  const auto last = run(cli + " dedup --emit decisions --quiet --index " + quoted(index) + " " + quoted(corpus));
  REQUIRE(last.exit_code == 0);
  const auto final_lines = complete_json_lines(last.out);
  REQUIRE(final_lines.size() == 400);
  for (const auto& l : final_lines) emitted.push_back(l);

  // Every line about an id, in any run, says the same as the uninterrupted run; at most one of
  // them is a fresh decision (the others repeat it as "seen").
  std::map<std::string, json> expected;
  for (const auto& l : clean_lines) expected[l["id"]] = l;
  std::map<std::string, int> fresh;
  for (json l : emitted) {
    const std::string id = l["id"];
    REQUIRE(expected.count(id));
    if (!l.contains("seen")) ++fresh[id];
    l.erase("seen");
    CHECK(l == expected[id]);
  }
  for (const auto& [id, count] : fresh) CHECK(count == 1);
  const auto stats = json::parse(run(cli + " index stats --json " + quoted(index)).out);
  CHECK(stats["articles"] == 400);
  CHECK(exported_families(index) == exported_families(clean_index));
  const auto clean_export = run(cli + " index export " + quoted(clean_index));
  const auto killed_export = run(cli + " index export " + quoted(index));
  CHECK(clean_export.out == killed_export.out);
}

TEST_CASE("dedup: an index made with other parameters is refused") {
  TempDir dir;
  const auto index = dir / "feed.idx";
  const auto input = dir / "a.jsonl";
  std::ofstream(input) << R"({"id":"a","text":"one two three four five six"})" << "\n";
  REQUIRE(run(cli + " dedup --emit decisions --index " + quoted(index) + " " + quoted(input)).exit_code == 0);
  const auto other = run(cli + " dedup --emit decisions --seed 7 --index " + quoted(index) + " " + quoted(input));
  CHECK(other.exit_code == 2);
  CHECK(other.err.find("sketch stamp") != std::string::npos);
  CHECK(other.out.empty());
  CHECK(run(cli + " index stats " + quoted(dir / "input-missing.idx")).exit_code == 2);
  CHECK(run(cli + " index stats " + quoted(input)).exit_code == 2);
}

TEST_CASE("dedup: bad input lines are reported as rejected lines, in input order, and counted") {
  TempDir dir;
  const auto input = dir / "feed.jsonl";
  {
    std::ofstream f(input);
    f << R"({"id":"a","text":"the quick brown fox jumps over the lazy dog again and again"})" << "\n"
      << R"({"id":"b","text":)" << "\n"                       // truncated JSON
      << R"({"text":"no id here"})" << "\n"                   // missing id
      << R"({"id":"c","text":"   "})" << "\n"                 // empty text
      << R"({"id":"a","text":"a second a"})" << "\n"          // duplicate id
      << "\xff\xfe not json at all\n"
      << R"({"id":"d","text":"the quick brown fox jumps over the lazy dog again and again"})" << "\n";
  }
  const auto index = dir / "feed.idx";
  const auto r = run(cli + " dedup --emit decisions --index " + quoted(index) + " " + quoted(input));
  REQUIRE(r.exit_code == 0);
  const auto lines = complete_json_lines(r.out);
  REQUIRE(lines.size() == 7);
  CHECK(lines[0]["id"] == "a");
  CHECK(lines[0]["decision"] == "new");
  for (std::size_t i = 1; i <= 5; ++i) {
    CHECK(lines[i]["decision"] == "rejected");
    CHECK(lines[i]["input"].get<std::string>().ends_with("feed.jsonl:" + std::to_string(i + 1)));
    CHECK_FALSE(lines[i]["reason"].get<std::string>().empty());
  }
  CHECK(lines[3]["reason"].get<std::string>().find("empty") != std::string::npos);
  CHECK(lines[4]["reason"].get<std::string>().find("duplicate") != std::string::npos);
  CHECK(lines[6]["id"] == "d");
  CHECK(lines[6]["decision"] == "duplicate");
  CHECK(r.err.find("7 records: 1 new, 0 copies, 1 duplicates, 0 seen before, 5 rejected") !=
        std::string::npos);
  const auto fail = run(cli + " dedup --emit decisions --on-error fail --index " + quoted(dir / "other.idx") + " " +
                        quoted(input));
  CHECK(fail.exit_code == 3);
  CHECK(fail.err.find("feed.jsonl:2") != std::string::npos);
}

TEST_CASE("dedup: --window compares only with articles published within it") {
  TempDir dir;
  std::mt19937_64 rng(3);
  const std::string text = text_of(random_words(rng, 200));
  const std::int64_t day = 86400, t0 = 1700000000;
  {
    Index index((dir / "w.idx").string(), Params{});
    DedupOptions options;
    options.window_seconds = 3 * day;
    Deduplicator dedup(index, options);
    CHECK(dedup.add(dated_doc("a", text, t0)).decision == DedupDecision::new_article);
    CHECK(dedup.add(dated_doc("b", text, t0 + 10 * day)).decision == DedupDecision::new_article);
    CHECK(dedup.stats().lookup.out_of_window == 1);
    CHECK(dedup.add(dated_doc("c", text, t0 + 12 * day)).decision == DedupDecision::duplicate);
    // Without a date, the window cannot place an article: it is compared with all.
    const DedupResult undated = dedup.add(doc("d", text));
    CHECK(undated.decision == DedupDecision::duplicate);
    CHECK(undated.matches.size() == 3);
  }
  Index index((dir / "no-window.idx").string(), Params{});
  Deduplicator dedup(index);
  dedup.add(dated_doc("a", text, t0));
  CHECK(dedup.add(dated_doc("b", text, t0 + 10 * day)).decision == DedupDecision::duplicate);
}

TEST_CASE("dedup: an article bridging two families joins them, and says so") {
  TempDir dir;
  std::mt19937_64 rng(9);
  const auto x = random_words(rng, 200), y = random_words(rng, 200);
  Index index((dir / "b.idx").string(), Params{});
  Deduplicator dedup(index);
  CHECK(dedup.add(doc("x", text_of(x))).family == 1);
  CHECK(dedup.add(doc("y", text_of(y))).family == 2);
  // A round-up quoting 60 words of each.
  const DedupResult both = dedup.add(doc("roundup", text_of(concat({slice(x, 20, 80), random_words(rng, 100), slice(y, 50, 110)}))));
  CHECK(both.decision == DedupDecision::copy);
  REQUIRE(both.matches.size() == 2);
  CHECK(both.merged.size() == 1);
  CHECK(index.family_of(1) == index.family_of(2));
  CHECK(both.shared_words >= 120);
  CHECK(index.stats().families == 1);
}

// SQLite's lock usually lets one process run through its input while the other waits (its busy
// handler backs off); the other then reports the shared articles as seen. Interleaved writers
// are tested in test_index.cpp with two Index objects.
TEST_CASE("dedup: two processes on one index decide every article once, and agree with cluster") {
  TempDir dir;
  const auto corpus = generate(dir);
  const auto lines = read_lines(corpus);
  write_lines(dir / "a.jsonl", lines, 0, 300);
  write_lines(dir / "b.jsonl", lines, 100, 400);  // 200 articles in both inputs
  const auto index = dir / "feed.idx";
  const std::string dedup = cli + " dedup --emit decisions --quiet --commit-every 3 --index " + quoted(index) + " ";
  const auto both = run("(" + dedup + quoted(dir / "a.jsonl") + " > " + quoted(dir / "a.out") + " & " +
                        dedup + quoted(dir / "b.jsonl") + " > " + quoted(dir / "b.out") +
                        "; status=$?; wait $! && exit $status)");
  REQUIRE(both.exit_code == 0);
  const auto a = complete_json_lines(read_file(dir / "a.out")), b = complete_json_lines(read_file(dir / "b.out"));
  REQUIRE(a.size() == 300);
  REQUIRE(b.size() == 300);
  std::map<std::string, int> fresh;
  std::map<std::string, json> said;
  for (const auto* out : {&a, &b})
    for (json l : *out) {
      if (!l.contains("seen")) ++fresh[l["id"]];
      l.erase("seen");
      if (said.count(l["id"])) CHECK(said[l["id"]] == l);  // both processes report the same
      said[l["id"]] = l;
    }
  CHECK(fresh.size() == 400);
  for (const auto& [id, count] : fresh) CHECK(count == 1);
  const auto stats = json::parse(run(cli + " index stats --json " + quoted(index)).out);
  CHECK(stats["articles"] == 400);
  const auto batch = run(cli + " cluster --quiet --format json " + quoted(corpus));
  CHECK(exported_families(index) == families_of(json::parse(batch.out)));
}

TEST_CASE("dedup: an index locked past --busy-timeout fails with a clear message") {
  TempDir dir;
  const auto path = dir / "feed.idx";
  const auto input = dir / "a.jsonl";
  std::ofstream(input) << R"({"id":"a","text":"one two three four five six"})" << "\n";
  Index holder(path.string(), Params{});
  holder.begin();  // another writer holds the lock
  const auto r = run(cli + " dedup --emit decisions --busy-timeout 200 --index " + quoted(path) + " " + quoted(input));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("locked by another process") != std::string::npos);
  CHECK(r.out.empty());
  holder.rollback();
  CHECK(run(cli + " dedup --emit decisions --quiet --index " + quoted(path) + " " + quoted(input)).exit_code == 0);
}

TEST_CASE("dedup: stdin is a stream: each line's decision comes back before the next line is written") {
  TempDir dir;
  const auto corpus = generate(dir, 60);
  const auto lines = read_lines(corpus);
  // Eight articles of the corpus, a copy of the first, a broken line and a duplicate id, one at
  // a time; the same with --commit-every 50, which must not wait for 50 articles to arrive.
  std::vector<std::string> feed(lines.begin(), lines.begin() + 8);
  json copy = json::parse(lines[0]);
  copy["id"] = "copy-of-first";
  feed.push_back(copy.dump());
  feed.push_back(R"({"id":"broken","text":)");
  feed.push_back(lines[3]);
  for (const std::string flags : {"", "--commit-every=50"}) {
    CAPTURE(flags);
    const auto index = dir / ("stream" + flags + ".idx");
    std::vector<std::string> args{cli, "dedup", "--emit", "decisions", "--index", index.string()};
    if (!flags.empty()) args.push_back(flags);
    ChildProcess child(args, ChildProcess::Capture::stdout_pipe, dir / "stderr");
    std::vector<json> answers;
    for (std::size_t i = 0; i < feed.size(); ++i) {
      child.write_line(feed[i]);
      const auto answer = child.read_line(10000);  // fails, rather than hangs, if it waits for EOF
      REQUIRE_MESSAGE(answer.has_value(), "no decision for line " << i + 1 << " while stdin is open");
      answers.push_back(json::parse(*answer));
    }
    // The same answers as when the lines arrive all at once.
    write_lines(dir / "feed.jsonl", feed, 0, feed.size());
    const auto at_once = run(cli + " dedup --emit decisions --quiet --index " + quoted(dir / ("once" + flags + ".idx")) +
                             " < " + quoted(dir / "feed.jsonl"));
    REQUIRE(at_once.exit_code == 0);
    const auto expected = complete_json_lines(at_once.out);
    REQUIRE(expected.size() == answers.size());
    for (std::size_t i = 0; i < answers.size(); ++i) CHECK(answers[i] == expected[i]);
    std::map<std::string, int> decisions;
    for (std::size_t i = 0; i < 9; ++i) {
      if (i < 8) CHECK(answers[i]["id"] == json::parse(feed[i])["id"]);
      ++decisions[answers[i]["decision"]];
    }
    CHECK(answers[8]["id"] == "copy-of-first");
    CHECK(answers[8]["decision"] != "new");
    CHECK(answers[8]["matches"][0]["id"] == answers[0]["id"]);
    CHECK(answers[9]["decision"] == "rejected");
    CHECK(answers[9]["input"] == "<stdin>:10");
    CHECK(answers[10]["decision"] == "rejected");
    CHECK(answers[10]["input"] == "<stdin>:11");
    CHECK(answers[10]["reason"].get<std::string>().starts_with("duplicate id"));
    CHECK(child.finish() == 0);
    CHECK(child.rest().empty());
    const std::string summary = "11 records: " + std::to_string(decisions["new"]) + " new, " +
                                std::to_string(decisions["copy"]) + " copies, " +
                                std::to_string(decisions["duplicate"]) + " duplicates, 0 seen before, 2 rejected";
    CHECK(read_file(dir / "stderr").find(summary) != std::string::npos);
  }
}
