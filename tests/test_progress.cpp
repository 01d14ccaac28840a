// Progress on long runs (issue 12, item 3): `dedup` draws a progress line on a terminal (and only
// there), and each `cluster` stage shows its own progress instead of the tokenizer's 100%.
// WIRETRACE_PROGRESS_DELAY_MS=0 makes the first frame come at once, so no test waits for a run
// to last a second; the waits below are upper bounds, never measurements.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "cli/progress.hpp"
#include "cli_runner.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/pipeline.hpp"

using namespace wiretrace;
using namespace wiretrace::test;
using nlohmann::json;

namespace {

// `cli dedup` with stderr on a pseudo-terminal and stdin on a pipe.
class OnTerminal {
 public:
  explicit OnTerminal(const std::vector<std::string>& args) {
    int in[2];
    REQUIRE(pipe(in) == 0);
    int slave = -1;
    REQUIRE(openpty(&master_, &slave, nullptr, nullptr, nullptr) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(in[0], STDIN_FILENO);
      const int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, STDOUT_FILENO);
      dup2(slave, STDERR_FILENO);
      for (int fd : {in[0], in[1], devnull, slave, master_}) close(fd);
      setenv("WIRETRACE_PROGRESS_DELAY_MS", "0", 1);
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(in[0]);
    close(slave);
    to_child_ = in[1];
  }
  ~OnTerminal() {
    if (to_child_ >= 0) close(to_child_);
    close(master_);
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  void write_line(const std::string& line) {
    const std::string bytes = line + "\n";
    REQUIRE(::write(to_child_, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  }
  /// Reads the terminal until it shows `text` (true) or `timeout_ms` pass (false).
  bool wait_for(const std::string& text, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (screen_.find(text) == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) return false;
      pollfd p{master_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char chunk[4096];
      const ssize_t n = ::read(master_, chunk, sizeof chunk);
      if (n <= 0) return false;
      screen_.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
  }
  void close_input() {
    close(to_child_);
    to_child_ = -1;
  }
  const std::string& screen() const { return screen_; }

 private:
  pid_t pid_ = -1;
  int master_ = -1, to_child_ = -1;
  std::string screen_;
};

std::string record(const std::string& id, const std::string& text) {
  return json{{"id", id}, {"text", text}}.dump();
}

}  // namespace

TEST_CASE("progress: dedup draws its progress on a terminal and erases it before the summary") {
  TempDir dir;
  OnTerminal child({test::cli, "dedup", "--index", (dir / "p.idx").string()});
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
  const std::string& screen = child.screen();
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
  OnTerminal quiet({test::cli, "dedup", "--quiet", "--index", (dir / "q2.idx").string()});
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
