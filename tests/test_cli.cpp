// Golden behaviour of the `wiretrace` program: what a user sees on the seed fixtures, the JSON
// schema, exit codes, and byte-identical output whatever the thread count.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace wiretrace::test;
using nlohmann::json;

namespace {

const std::string id000 = "000_977f0c954ba00d2b.txt";
const std::string id001 = "001_acf3f096cf1d3bac.txt";
const std::string id002 = "002_2df2f6f88230cd01.txt";
const std::string id003 = "003_3bffe2a6f06d5d47.txt";
const std::string id004 = "004_9a41b40ebb447b2c.txt";

}  // namespace

TEST_CASE("cli: the seeds form one family {000, 002} with 000 as original, and 001, 003, 004 are unique") {
  const auto r = run(cli + " cluster --quiet --format json " + seeds_dir);
  REQUIRE(r.exit_code == 0);
  const auto report = json::parse(r.out);
  REQUIRE(report["families"].size() == 1);
  const auto& family = report["families"][0];
  CHECK(family["original"] == id000);
  CHECK(family["members"] == json::array({id000, id002}));
  CHECK(family["original_basis"] == "coverage");
  REQUIRE(family["pairs"].size() == 1);
  CHECK(family["pairs"][0]["longest_run"].get<int>() >= 16);
  CHECK(report["stats"]["documents"] == 5);
  CHECK(report["stats"]["families"] == 1);
  CHECK(report["stats"]["unique"] == 3);
  CHECK(report["stats"]["rejected"] == 0);
  std::map<std::string, std::string> role;
  for (const auto& d : report["documents"]) role[d["id"]] = d["role"];
  CHECK(role[id000] == "original");
  CHECK(role[id002] == "copy");
  CHECK(role[id001] == "unique");
  CHECK(role[id003] == "unique");
  CHECK(role[id004] == "unique");
}

TEST_CASE("cli: the text report says the same as the JSON") {
  const auto r = run(cli + " cluster --quiet " + seeds_dir);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("5 articles, 1 family, 3 unique, 0 rejected") != std::string::npos);
  CHECK(r.out.find("original " + id000) != std::string::npos);
  CHECK(r.out.find("copy     " + id002) != std::string::npos);
  const auto unique_at = r.out.find("unique (3)");
  REQUIRE(unique_at != std::string::npos);
  for (const auto& id : {id001, id003, id004}) CHECK(r.out.find(id, unique_at) != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // not a terminal: no colour
}

TEST_CASE("cli: exit codes scripts can trust") {
  CHECK(run(cli + " --help").exit_code == 0);
  CHECK(run(cli + " cluster --help").exit_code == 0);
  CHECK(run(cli + " cluster --no-such-flag " + seeds_dir).exit_code == 2);
  CHECK(run(cli + " cluster --format xml " + seeds_dir).exit_code == 2);
  CHECK(run(cli + " cluster --min-run-words 3 --anchor-words 8 " + seeds_dir).exit_code == 2);
  const auto missing = run(cli + " cluster /nonexistent/wiretrace/input");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("/nonexistent/wiretrace/input") != std::string::npos);
  CHECK(run(cli).exit_code == 2);  // no subcommand
}

TEST_CASE("cli: bad records are listed as rejected, or stop the run with --on-error fail") {
  TempDir dir;
  {
    std::ofstream f(dir / "feed.jsonl");
    f << R"({"id":"a","text":"one two three"})" << "\n"
      << R"({"id":"b","text":)" << "\n"
      << R"({"text":"no id"})" << "\n";
  }
  const auto skip = run(cli + " cluster --quiet --format json " + quoted(dir / "feed.jsonl"));
  REQUIRE(skip.exit_code == 0);
  const auto report = json::parse(skip.out);
  CHECK(report["stats"]["documents"] == 1);
  CHECK(report["stats"]["rejected"] == 2);
  REQUIRE(report["rejected"].size() == 2);
  CHECK(report["rejected"][0]["input"].get<std::string>().find("feed.jsonl:2") != std::string::npos);
  CHECK(report["rejected"][1]["input"].get<std::string>().find("feed.jsonl:3") != std::string::npos);

  const auto fail = run(cli + " cluster --quiet --on-error fail " + quoted(dir / "feed.jsonl"));
  CHECK(fail.exit_code == 3);
  CHECK(fail.err.find("feed.jsonl:2") != std::string::npos);
}

TEST_CASE("cli: JSON Lines from stdin, report to a file") {
  TempDir dir;
  const auto r = run("printf '%s\\n' '{\"id\":\"x\",\"text\":\"hello world\"}' | " + cli +
                     " cluster --quiet --format json -o " + quoted(dir / "r.json") + " -");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  const auto report = json::parse(read_file(dir / "r.json"));
  CHECK(report["documents"][0]["id"] == "x");
}

TEST_CASE("cli: output is byte-identical for 1 thread and 2 threads") {
  TempDir dir;
  const auto gen = run(std::string(WIRETRACE_GEN_PATH) + " --articles 400 --seed 7 -o " +
                       quoted(dir / "c.jsonl") + " --truth " + quoted(dir / "t.jsonl"));
  REQUIRE(gen.exit_code == 0);
  const std::string base = cli + " cluster --quiet --no-timing --format json " + quoted(dir / "c.jsonl");
  const auto one = run(base + " --threads 1");
  const auto two = run(base + " --threads 2");
  REQUIRE(one.exit_code == 0);
  CHECK(json::parse(one.out)["stats"]["families"].get<int>() > 10);
  CHECK(one.out == two.out);
  const auto text_one = run(cli + " cluster --quiet --no-timing --threads 1 " + quoted(dir / "c.jsonl"));
  const auto text_two = run(cli + " cluster --quiet --no-timing --threads 2 " + quoted(dir / "c.jsonl"));
  CHECK(text_one.out == text_two.out);
}

TEST_CASE("cli: on a generated corpus of 1,000 articles, family pair F1 and originals named right are at least 0.99") {
  TempDir dir;
  REQUIRE(run(std::string(WIRETRACE_GEN_PATH) + " --articles 1000 --seed 20261123 -o " +
              quoted(dir / "c.jsonl") + " --truth " + quoted(dir / "t.jsonl")).exit_code == 0);
  REQUIRE(run(cli + " cluster --quiet --format json -o " + quoted(dir / "r.json") + " " +
              quoted(dir / "c.jsonl")).exit_code == 0);
  const std::string against = " --json --truth " + quoted(dir / "t.jsonl") + " --report " + quoted(dir / "r.json");
  const auto eval = run(std::string(WIRETRACE_EVAL_PATH) + " families" + against);
  REQUIRE(eval.exit_code == 0);
  const auto scores = json::parse(eval.out);
  INFO(eval.out);
  CHECK(scores["f1"].get<double>() >= 0.99);

  // The original: of the report's families that hold their truth wire, the share naming it; both
  // ways of naming (dates, text) must be exercised. A family whose wire is absent must say so
  // (wire_in_input false), and a family holding its wire must not.
  const auto passages = run(std::string(WIRETRACE_EVAL_PATH) + " passages" + against);
  REQUIRE(passages.exit_code == 0);
  const auto originals = json::parse(passages.out)["originals"];
  INFO(originals.dump());
  CHECK(originals["accuracy"].get<double>() >= 0.99);
  CHECK(originals["by_basis"]["published"]["with_wire"].get<int>() > 0);
  CHECK(originals["by_basis"]["coverage"]["with_wire"].get<int>() > 0);
  CHECK(originals["absent_wire_families"].get<int>() > 0);
  CHECK(originals["absent_wire_flagged"] == originals["absent_wire_families"]);
  CHECK(originals["present_wire_flagged"] == 0);
}

TEST_CASE("cli: passages tile every document of the seeds and of a generated corpus") {
  TempDir dir;
  REQUIRE(run(std::string(WIRETRACE_GEN_PATH) + " --articles 600 --seed 99 -o " + quoted(dir / "c.jsonl") +
              " --truth " + quoted(dir / "t.jsonl")).exit_code == 0);
  for (const std::string input : {seeds_dir, (dir / "c.jsonl").string()}) {
    CAPTURE(input);
    const auto r = run(cli + " cluster --quiet --format json " + quoted(std::filesystem::path(input)));
    REQUIRE(r.exit_code == 0);
    const auto report = json::parse(r.out);
    std::size_t tiled = 0;
    for (const auto& d : report["documents"]) {
      const auto& p = d["passages"];
      if (d["family"].is_null()) {
        CHECK(p.empty());
        continue;
      }
      REQUIRE_FALSE(p.empty());
      CHECK(p.front()["start"] == 0);
      CHECK(p.back()["end"] == d["bytes"]);
      for (std::size_t i = 1; i < p.size(); ++i) CHECK(p[i]["start"] == p[i - 1]["end"]);
      ++tiled;
    }
    CHECK(tiled >= 2);
  }
}

TEST_CASE("cli: compare shows the five quotes seed 002 takes from seed 000") {
  const auto r = run(cli + " compare --format json " + seeds_dir + "/" + id000 + " " + seeds_dir + "/" + id002);
  REQUIRE(r.exit_code == 0);
  const auto j = json::parse(r.out);
  REQUIRE(j["shared"].size() == 5);
  for (const auto& s : j["shared"]) {
    CHECK(s["words"].get<int>() >= 16);
    CHECK(s["words"].get<int>() <= 41);
  }
  const auto text = run(cli + " compare " + seeds_dir + "/" + id000 + " " + seeds_dir + "/" + id002);
  CHECK(text.out.find("5 shared passages") != std::string::npos);
  CHECK(text.out.find("Japan will continue to collect and analyze relevant information") != std::string::npos);
}

TEST_CASE("cli: compare --pairs writes one line per pair, in input order, errors included") {
  TempDir dir;
  {
    std::ofstream pairs(dir / "pairs.txt");
    pairs << seeds_dir << "/" << id000 << " " << seeds_dir << "/" << id002 << "\n"
          << seeds_dir << "/" << id001 << " " << seeds_dir << "/" << id004 << "\n"
          << seeds_dir << "/" << id000 << " " << (dir / "missing.txt").string() << "\n";
  }
  const auto r = run(cli + " compare --pairs " + quoted(dir / "pairs.txt") + " --format jsonl");
  // One pair names a file that does not exist: under --on-error skip (the default) it gets an
  // "error" line and the run succeeds, as cluster does with a rejected record.
  CHECK(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::vector<json> out;
  for (std::string line; std::getline(lines, line);) out.push_back(json::parse(line));
  REQUIRE(out.size() == 3);
  CHECK(out[0]["shared"].size() == 5);
  CHECK(out[1]["shared"].empty());
  CHECK(out[2].contains("error"));
  CHECK(r.err.find("3 pairs: 2 compared, 1 could not be") != std::string::npos);
  CHECK(r.err.find("pairs.txt:3: ") != std::string::npos);

  const auto fail = run(cli + " compare --on-error fail --pairs " + quoted(dir / "pairs.txt") +
                        " --format jsonl");
  CHECK(fail.exit_code == 3);
  CHECK(fail.out.empty());
  CHECK(fail.err.find("pairs.txt:3: " + (dir / "missing.txt").string()) != std::string::npos);
}

// ---- input formats, terminal safety, output formats, pairs files, setup.sh (issue 12) ----------

namespace {

std::string feed_line(const std::string& id, const std::string& text) {
  return json{{"id", id}, {"text", text}}.dump() + "\n";
}

std::vector<std::string> report_ids(const std::string& out) {
  const json report = json::parse(out);
  std::vector<std::string> ids;
  for (const auto& d : report["documents"]) ids.push_back(d["id"]);
  return ids;
}

// `command` run by bash (for <(…) process substitution), quoted for the shell popen runs.
std::string in_bash(const std::string& command) {
  std::string escaped;
  for (const char c : command) escaped += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return "bash -c '" + escaped + "'";
}

std::vector<json> jsonl_of(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

}  // namespace

TEST_CASE("cli: JSON Lines is found by .ndjson and by its first line, in pipes too, and --input-format decides") {
  TempDir dir;
  const std::string feed = feed_line("r1", "one two three four") + feed_line("r2", "five six seven") +
                           feed_line("r3", "eight nine ten");
  const std::vector<std::string> three{"r1", "r2", "r3"};
  for (const std::string name : {"feed.jsonl", "feed.ndjson", "feed.json", "feed", "FEED.NDJSON"})
    write_file(dir / name, feed);
  REQUIRE(run("gzip -c " + quoted(dir / "feed.jsonl") + " > " + quoted(dir / "feed.ndjson.gz") + " && gzip -c " +
              quoted(dir / "feed.jsonl") + " > " + quoted(dir / "feed.json.gz")).exit_code == 0);
  const std::string cluster = cli + " cluster --quiet --format json --no-timing ";
  for (const std::string name : {"feed.ndjson", "feed.json", "feed", "FEED.NDJSON", "feed.ndjson.gz", "feed.json.gz"}) {
    CAPTURE(name);
    const auto r = run(cluster + quoted(dir / name));
    REQUIRE(r.exit_code == 0);
    CHECK(report_ids(r.out) == three);
    CHECK(json::parse(r.out)["warnings"].empty());
  }
  // A pipe (/dev/fd/N) has no name to go by: its first line is read, then handed on, not lost.
  const auto piped = run(in_bash(cluster + "<(cat " + quoted(dir / "feed.jsonl") + ")"));
  REQUIRE(piped.exit_code == 0);
  CHECK(report_ids(piped.out) == three);
  const auto dedup = run(in_bash(cli + " dedup --index " + quoted(dir / "d.idx") + " <(cat " +
                                 quoted(dir / "feed.json") + ")"));
  REQUIRE(dedup.exit_code == 0);
  const auto lines = jsonl_of(dedup.out);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["id"] == "r1");
  CHECK(lines[2]["id"] == "r3");
  CHECK(run(in_bash(cli + " compare " + quoted(dir / "feed.jsonl") + " <(cat " + quoted(dir / "feed.json") +
                    ")")).err.find("holds 3 articles") != std::string::npos);

  // Text stays text: no extension and a first line that is no JSON record.
  write_file(dir / "story", "{not json} but an article\n" + feed);
  const auto story = run(cluster + quoted(dir / "story"));
  CHECK(report_ids(story.out) == std::vector<std::string>{"story"});

  // --input-format text: one article, with a warning that it looks like JSON Lines.
  const auto as_text = run(cluster + "--input-format text " + quoted(dir / "feed.jsonl"));
  REQUIRE(as_text.exit_code == 0);
  const auto report = json::parse(as_text.out);
  CHECK(report_ids(as_text.out) == std::vector<std::string>{"feed.jsonl"});
  REQUIRE(report["warnings"].size() == 1);
  CHECK(report["warnings"][0]["message"].get<std::string>().find("line 1 is a JSON Lines record") !=
        std::string::npos);
  // The same warning for a .txt file (its name says text) and for the story (line 2).
  write_file(dir / "feed.txt", feed);
  CHECK(json::parse(run(cluster + quoted(dir / "feed.txt")).out)["warnings"].size() == 1);
  CHECK(json::parse(story.out)["warnings"][0]["message"].get<std::string>().find("line 2 is a JSON Lines record") !=
        std::string::npos);
  // --input-format jsonl: every file is JSON Lines, whatever its name.
  CHECK(report_ids(run(cluster + "--input-format jsonl " + quoted(dir / "feed.txt")).out) == three);
  // ... and text on stdin is one article.
  const auto stdin_text = run("cat " + quoted(dir / "feed.jsonl") + " | " + cluster + "--input-format text -");
  CHECK(report_ids(stdin_text.out) == std::vector<std::string>{"<stdin>"});
  const auto compared = run(cli + " compare --input-format text " + quoted(dir / "feed.json") + " " +
                            quoted(dir / "feed.txt"));
  CHECK(compared.exit_code == 0);
  CHECK(compared.err.find("is a JSON Lines record") != std::string::npos);
  CHECK(run(cluster + "--input-format xml " + quoted(dir / "feed.txt")).exit_code == 2);
  CHECK(run(cli + " cluster --help").out.find("--input-format") != std::string::npos);
  CHECK(run(cli + " dedup --help").out.find("--id-from") != std::string::npos);
}

TEST_CASE("cli: ids, titles, paths and text reach the terminal escaped, never as control sequences") {
  TempDir dir;
  const std::string shared =
      "Japan will continue to collect and analyze relevant information and respond in close "
      "cooperation with the international community said the minister on Friday in Tokyo";
  const std::string clear = "\x1b[2J", osc = "\x1b]0;pwned\x07", rlo = "\xE2\x80\xAE", c1 = "\xC2\x9B";
  write_file(dir / "feed.jsonl",
             json{{"id", clear + "wipe"}, {"title", osc + "title"}, {"source", rlo + "evil"},
                  {"text", "Intro " + clear + " here. " + shared + " and " + c1 + "more."}}.dump() + "\n" +
                 json{{"id", "copy" + rlo}, {"text", "Other words. " + shared + " the end " + rlo + "x"}}.dump() + "\n" +
                 json{{"id", clear + "wipe"}, {"text", "a duplicate"}}.dump() + "\n");
  const auto raw = [&](const std::string& s) {
    return s.find('\x1b') != std::string::npos || s.find('\x07') != std::string::npos ||
           s.find(rlo) != std::string::npos || s.find(c1) != std::string::npos;
  };
  const auto cluster = run(cli + " cluster --no-timing " + quoted(dir / "feed.jsonl"));
  REQUIRE(cluster.exit_code == 0);
  INFO(cluster.out);
  CHECK(cluster.out.find("1 family") != std::string::npos);
  CHECK_FALSE(raw(cluster.out));
  CHECK_FALSE(raw(cluster.err));
  CHECK(cluster.out.find("\\x1b[2Jwipe") != std::string::npos);
  CHECK(cluster.out.find("\\x1b]0;pwned\\x07title") != std::string::npos);
  CHECK(cluster.out.find("\\u202Eevil") != std::string::npos);
  CHECK(cluster.out.find("copy\\u202E") != std::string::npos);
  CHECK(cluster.err.find("duplicate id \"\\x1b[2Jwipe\"") != std::string::npos);

  // compare: the paths and the passages; stderr: messages naming paths.
  const auto a = dir / ("a" + clear + ".txt"), b = dir / ("b" + rlo + ".txt");
  write_file(a, "Before " + osc + " " + shared + " after.");
  write_file(b, shared + " " + c1 + " and " + rlo + " more");
  const auto compare = run(cli + " compare " + quoted(a) + " " + quoted(b));
  REQUIRE(compare.exit_code == 0);
  CHECK_FALSE(raw(compare.out));
  CHECK(compare.out.find("a\\x1b[2J.txt") != std::string::npos);
  CHECK(compare.out.find("\\x1b]0;pwned\\x07") != std::string::npos);
  const auto missing = run(cli + " compare " + quoted(a) + " " + quoted(dir / ("gone" + clear)));
  CHECK(missing.exit_code == 2);
  CHECK_FALSE(raw(missing.err));
  CHECK(missing.err.find("gone\\x1b[2J: No such file") != std::string::npos);
  write_file(dir / ("latin1" + clear + ".txt"), "caf\xE9 " + shared);
  const auto warned = run(cli + " dedup --index " + quoted(dir / "x.idx") + " " + quoted(dir / ("latin1" + clear + ".txt")));
  CHECK(warned.exit_code == 0);
  CHECK_FALSE(raw(warned.err));
  CHECK(warned.err.find("latin1\\x1b[2J.txt: invalid UTF-8") != std::string::npos);
  const auto fail = run(cli + " dedup --on-error fail --index " + quoted(dir / "y.idx") + " " +
                        quoted(dir / "feed.jsonl"));
  CHECK(fail.exit_code == 3);
  CHECK_FALSE(raw(fail.err));
  CHECK(fail.err.find("duplicate id \"\\x1b[2Jwipe\"") != std::string::npos);
}

TEST_CASE("cli: compare --pairs takes tab-separated and quoted paths, skips comments, and writes JSON Lines unasked") {
  TempDir dir;
  const auto spaced = dir / "with space";
  std::filesystem::create_directories(spaced);
  std::filesystem::copy_file(seeds_dir + "/" + id000, spaced / "wire copy.txt");
  std::filesystem::copy_file(seeds_dir + "/" + id002, spaced / "the copy.txt");
  const std::string a = (spaced / "wire copy.txt").string(), b = (spaced / "the copy.txt").string();
  write_file(dir / "pairs.txt", "# pairs for the test\n"
                                "   # an indented comment\n"
                                "\n" +
                                    a + "\t" + b + "\n" +
                                    "\"" + a + "\"  \"" + b + "\"\n" +
                                    seeds_dir + "/" + id001 + " " + seeds_dir + "/" + id004 + "\r\n" +
                                    "\"" + a + "\"\t" + seeds_dir + "/" + id001 + "\n");
  const auto r = run(cli + " compare --pairs " + quoted(dir / "pairs.txt"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = jsonl_of(r.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["a"] == a);
  CHECK(lines[0]["b"] == b);
  CHECK(lines[0]["shared"].size() == 5);
  CHECK(lines[1]["shared"].size() == 5);
  CHECK(lines[2]["shared"].empty());
  CHECK(lines[3]["b"] == seeds_dir + "/" + id001);
  CHECK_FALSE(lines[3].contains("error"));

  // A line that is not two paths is a usage error that says how to write paths with spaces.
  write_file(dir / "three.txt", a + " " + b + "\n");
  const auto three = run(cli + " compare --pairs " + quoted(dir / "three.txt"));
  CHECK(three.exit_code == 2);
  CHECK(three.err.find("three.txt:1: expected two paths") != std::string::npos);
  CHECK(three.err.find("tab") != std::string::npos);
  write_file(dir / "open.txt", "\"" + a + " " + b + "\n");
  const auto open = run(cli + " compare --pairs " + quoted(dir / "open.txt"));
  CHECK(open.exit_code == 2);
  CHECK(open.err.find("open.txt:1: a quoted path has no closing quote") != std::string::npos);
  // Only comments: nothing to compare, said as a warning.
  write_file(dir / "comments.txt", "# nothing yet\n");
  const auto none = run(cli + " compare --pairs " + quoted(dir / "comments.txt"));
  CHECK(none.exit_code == 0);
  CHECK(none.out.empty());
  CHECK(none.err.find("no pairs to compare") != std::string::npos);
  // --format other than jsonl with --pairs stays a usage error.
  CHECK(run(cli + " compare --format json --pairs " + quoted(dir / "pairs.txt")).exit_code == 2);
}

TEST_CASE("cli: without --format, the report format follows the extension of -o") {
  TempDir dir;
  const std::string a = seeds_dir + "/" + id000, b = seeds_dir + "/" + id002;
  REQUIRE(run(cli + " cluster --quiet -o " + quoted(dir / "report.html") + " " + seeds_dir).exit_code == 0);
  CHECK(read_file(dir / "report.html").rfind("<!DOCTYPE html>", 0) == 0);
  REQUIRE(run(cli + " cluster --quiet -o " + quoted(dir / "REPORT.JSON") + " " + seeds_dir).exit_code == 0);
  CHECK(json::parse(read_file(dir / "REPORT.JSON"))["stats"]["documents"] == 5);
  REQUIRE(run(cli + " cluster --quiet -o " + quoted(dir / "report.txt") + " " + seeds_dir).exit_code == 0);
  CHECK(read_file(dir / "report.txt").rfind("wiretrace: 5 articles", 0) == 0);
  REQUIRE(run(cli + " cluster --quiet -o " + quoted(dir / "report.out") + " " + seeds_dir).exit_code == 0);
  CHECK(read_file(dir / "report.out").rfind("wiretrace: 5 articles", 0) == 0);
  // --format wins over the extension.
  REQUIRE(run(cli + " cluster --quiet --format text -o " + quoted(dir / "plain.html") + " " + seeds_dir).exit_code == 0);
  CHECK(read_file(dir / "plain.html").rfind("wiretrace: 5 articles", 0) == 0);
  // An extension naming a format the command does not write is a usage error, not a wrong file.
  const auto jsonl = run(cli + " cluster --quiet -o " + quoted(dir / "r.jsonl") + " " + seeds_dir);
  CHECK(jsonl.exit_code == 2);
  CHECK(jsonl.err.find("give --format") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "r.jsonl"));

  REQUIRE(run(cli + " compare -o " + quoted(dir / "c.json") + " " + a + " " + b).exit_code == 0);
  CHECK(json::parse(read_file(dir / "c.json"))["shared"].size() == 5);
  REQUIRE(run(cli + " compare -o " + quoted(dir / "c.txt") + " " + a + " " + b).exit_code == 0);
  CHECK(read_file(dir / "c.txt").find("5 shared passages") != std::string::npos);
  CHECK(run(cli + " compare -o " + quoted(dir / "c.html") + " " + a + " " + b).exit_code == 2);
  write_file(dir / "pairs.txt", a + " " + b + "\n");
  REQUIRE(run(cli + " compare --pairs " + quoted(dir / "pairs.txt") + " -o " + quoted(dir / "p.jsonl")).exit_code == 0);
  CHECK(jsonl_of(read_file(dir / "p.jsonl")).size() == 1);
}

TEST_CASE("setup.sh: waits for another apt to release its lock, and shows the build's progress") {
  // Stand-ins for apt-get, dpkg-query, sleep and cmake: the script runs as it would on a machine
  // where unattended-upgrades holds the dpkg lock once and the build has 40 steps.
  TempDir dir;
  const auto stubs = dir / "stubs";
  const auto log = dir / "calls.log";
  const auto stub = [&](const std::string& name, const std::string& body) {
    write_file(stubs / name, "#!/bin/sh\n" + body);
    std::filesystem::permissions(stubs / name, std::filesystem::perms::owner_all);
  };
  stub("dpkg-query", "case \"$*\" in *libzstd-dev*) exit 1 ;; esac\nprintf 'install ok installed'\n");
  stub("apt-get", "echo \"apt-get $*\" >> \"$CALLS\"\n"
                  "if [ ! -e \"$CALLS.locked\" ]; then\n"
                  "  touch \"$CALLS.locked\"\n"
                  "  echo 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)' >&2\n"
                  "  exit 100\nfi\n");
  stub("sudo", "exec \"$@\"\n");
  stub("sleep", "echo \"sleep $*\" >> \"$CALLS\"\n");
  stub("cmake", "if [ \"$1\" = --build ]; then\n"
                "  echo '[0/2] Re-checking globbed directories...'\n"
                "  i=1; while [ $i -le 40 ]; do echo \"[$i/40] Building CXX object step$i.o\"; i=$((i+1)); done\n"
                "  [ -z \"$FAIL_BUILD\" ] || { echo 'error: it broke'; exit 1; }\n"
                "else echo '-- Configuring done'; fi\n");
  const auto script = std::filesystem::path(fixtures).parent_path() / "scripts/setup.sh";
  const std::string env = "CALLS=" + quoted(log) + " BUILD_DIR=" + quoted(dir / "build") + " PATH=" +
                          quoted(stubs) + ":\"$PATH\" ";
  const auto r = run(env + "bash " + quoted(script));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const std::string calls = read_file(log);
  // The lock was held on the first try: the script said so, waited, and tried again.
  CHECK(r.err.find("setup: waiting for another package manager to finish (the lock is held by process 4242 "
                   "(unattended-upgr)") != std::string::npos);
  CHECK(calls.find("sleep 10\napt-get update") != std::string::npos);
  CHECK(calls.find("apt-get install -y -qq --no-install-recommends libzstd-dev") != std::string::npos);
  // One line per tenth of the build on the terminal; every line of it in the log.
  CHECK(r.err.find("setup: build 10% (4 of 40 steps)") != std::string::npos);
  CHECK(r.err.find("setup: build 50% (20 of 40 steps)") != std::string::npos);
  CHECK(r.err.find("setup: build 100% (40 of 40 steps)") != std::string::npos);
  CHECK(r.err.find("Building CXX object step7.o") == std::string::npos);
  const std::string build_log = read_file(dir / "build/setup.log");
  CHECK(build_log.find("-- Configuring done") != std::string::npos);
  CHECK(build_log.find("[7/40] Building CXX object step7.o") != std::string::npos);

  // A failed build still fails the script and shows the log's end.
  const auto failed = run("FAIL_BUILD=1 " + env + "bash " + quoted(script));
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("error: it broke") != std::string::npos);
  CHECK(failed.err.find("setup: the build failed") != std::string::npos);
}
