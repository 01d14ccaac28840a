// Progress on long runs (issue 12, item 3): `dedup` draws a progress line on a terminal (and only
// there), and each `cluster` stage shows its own progress instead of the tokenizer's 100%.
// WIRETRACE_PROGRESS_DELAY_MS=0 makes the first frame come at once, so no test waits for a run
// to last a second; the waits below are upper bounds, never measurements.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "cli/progress.hpp"
#include "cli_runner.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/pipeline.hpp"

using namespace wiretrace;
using namespace wiretrace::test;
using nlohmann::json;

namespace {

// `cli dedup` with stderr on a pseudo-terminal, stdin on a pipe, and the first frame at once.
ChildProcess on_terminal(const std::vector<std::string>& args) {
  return ChildProcess(args, ChildProcess::Capture::stderr_terminal, "/dev/null",
                      {{"WIRETRACE_PROGRESS_DELAY_MS", "0"}});
}

std::string record(const std::string& id, const std::string& text) {
  return json{{"id", id}, {"text", text}}.dump();
}

}  // namespace

TEST_CASE("progress: dedup draws its progress on a terminal and erases it before the summary") {
  TempDir dir;
  ChildProcess child = on_terminal({test::cli, "dedup", "--index", (dir / "p.idx").string()});
  const std::string text = "the quick brown fox jumps over the lazy dog and runs far away home";
  child.write_line(record("a", text));
  child.write_line(record("b", text + " again"));
  child.write_line(R"({"id":"c","text":)");
  // Stdin stays open: the line shows the records decided so far while the feed waits.
  CHECK(child.wait_for("dedup: 3 records", 20000));
  CHECK(child.wait_for("new 1  copy 0  duplicate 1  seen 0  rejected 1", 20000));
  child.close_input();
  REQUIRE(child.wait_for("wiretrace dedup: 3 records: 1 new", 20000));
  // The last frame is erased before the summary is written.
  const std::string& screen = child.captured();
  const auto summary = screen.find("wiretrace dedup: 3 records");
  CHECK(screen.rfind("\r\x1b[2K", summary) != std::string::npos);
  CHECK(screen.find("dedup: 3 records (", summary) == std::string::npos);
}

TEST_CASE("progress: dedup draws nothing when stderr is no terminal or with --quiet") {
  TempDir dir;
  write_file(dir / "feed.jsonl", record("a", "one two three four five six seven") + "\n");
  // Stdin stays open for a second after the record: time for many frames, were any drawn.
  const auto r = run("(cat " + quoted(dir / "feed.jsonl") + "; sleep 1) | WIRETRACE_PROGRESS_DELAY_MS=0 " +
                     test::cli + " dedup --index " + quoted(dir / "q.idx"));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("records (") == std::string::npos);
  CHECK(r.err.find('\r') == std::string::npos);
  CHECK(r.err.find("wiretrace dedup: 1 records") != std::string::npos);
  ChildProcess quiet = on_terminal({test::cli, "dedup", "--quiet", "--index", (dir / "q2.idx").string()});
  quiet.write_line(record("a", "one two three four five six seven"));
  quiet.close_input();
  CHECK_FALSE(quiet.wait_for("records", 3000));
}

TEST_CASE("progress: each cluster stage after tokenizing shows its own progress") {
  // The frame of a stage names its own count: families for aligning, not the documents the
  // tokenizer finished long ago.
  const std::string aligning =
      cli::cluster_progress_frame(Stage::aligning, ProgressUnit::families, 120, 400, 355.0, 3.0);
  CHECK(aligning.find("120/400 families") != std::string::npos);
  CHECK(aligning.find("[#########---------------------]") != std::string::npos);
  const std::string verifying =
      cli::cluster_progress_frame(Stage::verifying, ProgressUnit::none, 0, 0, 355.0, 3.0);
  CHECK(verifying.find("verifying") == 0);
  CHECK(verifying.find('#') == std::string::npos);  // no share it does not know
  CHECK(verifying.find("/") == std::string::npos);

  // The pipeline counts each stage's work: at the end the last stage (aligning) has done all
  // its families, and says families.
  TempDir dir;
  const auto corpus = dir / "corpus.jsonl";
  REQUIRE(test::run(std::string(WIRETRACE_GEN_PATH) + " --articles 600 --mix easy -o " + quoted(corpus) +
              " --truth " + quoted(dir / "truth.jsonl")).exit_code == 0);
  auto input = read_inputs({corpus.string()});
  Progress progress;
  const ClusterResult result = cluster_documents(std::move(input.documents), Params{}, &progress);
  REQUIRE(result.families.size() > 10);
  CHECK(progress.stage == Stage::done);
  CHECK(progress.stage_unit == ProgressUnit::families);
  CHECK(progress.stage_total == result.families.size());
  CHECK(progress.stage_done == result.families.size());
}
