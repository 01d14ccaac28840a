#include "bench_options.hpp"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include <CLI/CLI.hpp>

#include "bench_process.hpp"
#include "wiretrace/error.hpp"

#ifndef WIRETRACE_GEN_PATH
#define WIRETRACE_GEN_PATH ""
#endif
#ifndef WIRETRACE_EVAL_PATH
#define WIRETRACE_EVAL_PATH ""
#endif

namespace wiretrace::perf {

namespace fs = std::filesystem;

namespace {

constexpr const char* footer =
    "Each size is generated once with wiretrace-gen (cached in --work-dir when given), then for\n"
    "each thread count a child process reads it, runs cluster_documents and writes the JSON\n"
    "report; wiretrace-eval scores the report. Seconds and MB/s per stage (MB = 10^6 bytes of\n"
    "article text), peak memory of the child (ru_maxrss), family pair F1 and reused-bytes F1.\n"
    "A run whose family F1 is below --min-f1, whose reports differ between thread counts, or\n"
    "that fails, is a failed benchmark: FAIL is printed and the exit code is 1. A size whose\n"
    "projected peak memory (the smaller sizes' KB per article times its articles) exceeds 80%\n"
    "of the available memory is not run (and fails the benchmark) unless --no-memory-guard.\n"
    "Exit codes: 0 every check passed; 1 a check failed; 2 bad flags or a missing program.";

std::string resolve_program(const std::string& given, const std::string& name,
                            const std::string& built_at) {
  if (!given.empty()) {
    if (auto path = first_executable({given})) return *path;
    throw Error("--" + name.substr(std::string("wiretrace-").size()) + ": " + given +
                " is not an executable file");
  }
  if (auto path = find_sibling(name, built_at)) return *path;
  throw Error("cannot find " + name + " (looked next to this program, in its parent folder, at " +
              (built_at.empty() ? std::string("its build path") : built_at) +
              " and on PATH); build it or pass --" +
              name.substr(std::string("wiretrace-").size()) + " PATH");
}

}  // namespace

std::optional<Command> parse_command(int argc, char** argv) {
  CLI::App app{
      "wiretrace-bench: the whole pipeline on generated corpora with ground truth, per stage,\n"
      "for 1 thread and all cores; speed and accuracy together."};
  app.footer(footer);

  std::vector<std::size_t> sizes{10000, 100000};
  bool million = false;
  std::vector<unsigned> threads;
  std::string gen, eval, work_dir;
  Command command;
  Config& c = command.config;

  app.add_option("--articles", sizes, "Corpus sizes in articles, comma separated")
      ->delimiter(',')
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  app.add_flag("--million", million, "Add a corpus of 1,000,000 articles");
  app.add_option("--threads", threads,
                 "Thread counts to measure, comma separated (default: 1, 2 and all cores)")
      ->delimiter(',')
      ->check(CLI::Range(1u, 1024u));
  app.add_option("--repeat", c.repeat,
                 "Runs per size and thread count, for sizes up to 100,000 articles (larger ones run "
                 "once); the one with the shortest total is kept: steadier on a busy machine")
      ->capture_default_str()
      ->check(CLI::Range(1u, 100u));
  app.add_option("--seed", c.seed, "wiretrace-gen --seed")->capture_default_str();
  app.add_option("--gen", gen, "Path of wiretrace-gen (default: found next to this program)");
  app.add_option("--eval", eval, "Path of wiretrace-eval (default: found next to this program)");
  app.add_option("--work-dir", work_dir,
                 "Folder for corpora (kept and reused) and reports (default: a temporary folder)");
  app.add_flag("--keep", c.keep, "Keep the reports (and the temporary folder)");
  app.add_option("--json", c.json_path, "Also write the results as JSON to this file");
  app.add_option("--label", c.label, "Free text recorded in the JSON, e.g. a git commit");
  app.add_option("--min-f1", c.min_f1, "Family pair F1 below this fails the benchmark")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));

  bool no_guard = false;
  app.add_flag("--no-memory-guard", no_guard,
               "Run every size even when its projected peak memory exceeds 80% of the memory "
               "available now");

  OneRunOptions one;
  bool one_run = false;
  auto* one_flag = app.add_flag("--one", one_run, "Internal: one measured run in this process");
  auto* corpus_opt = app.add_option("--corpus", one.corpus, "Internal (--one): corpus file");
  app.add_option("--report", one.report, "Internal (--one): report file");
  app.add_option("--result", one.result, "Internal (--one): measurements file");
  corpus_opt->needs(one_flag);
  one_flag->group("");  // internal flags stay out of --help
  corpus_opt->group("");
  app.get_option("--report")->group("")->needs(one_flag);
  app.get_option("--result")->group("")->needs(one_flag);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e);
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    throw Error(e.what());
  }

  if (one_run) {
    if (one.corpus.empty() || one.report.empty() || one.result.empty() || threads.size() != 1)
      throw Error("--one needs --corpus, --report, --result and one --threads value");
    one.threads = threads.front();
    command.one = one;
    return command;
  }

  if (no_guard) c.memory_guard = 0;
  c.cores = std::max(1u, std::thread::hardware_concurrency());
  if (million) sizes.push_back(1000000);
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  c.sizes = sizes;
  // 2 threads as well on bigger machines: the sketch-stage speedup is quoted for 2 vs 1.
  if (threads.empty()) threads = {1, std::min(2u, c.cores), c.cores};
  std::sort(threads.begin(), threads.end());
  threads.erase(std::unique(threads.begin(), threads.end()), threads.end());
  c.threads = threads;

  c.gen = resolve_program(gen, "wiretrace-gen", WIRETRACE_GEN_PATH);
  c.eval = resolve_program(eval, "wiretrace-eval", WIRETRACE_EVAL_PATH);

  if (work_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/wiretrace-bench.XXXXXX";
    if (!mkdtemp(pattern.data())) throw Error("cannot create a temporary folder " + pattern);
    c.work_dir = pattern;
    c.temporary_work_dir = true;
  } else {
    std::error_code ec;
    fs::create_directories(work_dir, ec);
    if (ec || !fs::is_directory(work_dir))
      throw Error("--work-dir: cannot create " + work_dir + (ec ? ": " + ec.message() : ""));
    c.work_dir = fs::absolute(work_dir).lexically_normal().string();
  }
  return command;
}

}  // namespace wiretrace::perf
