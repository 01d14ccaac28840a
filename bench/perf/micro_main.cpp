// wiretrace-micro: checks every kernel's output against its reference, then (only if all are
// right) runs the Google Benchmark microbenchmarks. Kernels run on one TBB thread unless
// --wiretrace_threads=N says otherwise, so that the figures are per core.
// Exit codes: 0 benchmarks ran; 1 a check failed (nothing was timed); 2 bad flags.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <tbb/global_control.h>

#include "micro_support.hpp"

int main(int argc, char** argv) {
  unsigned threads = 1;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    constexpr const char* flag = "--wiretrace_threads=";
    if (std::strncmp(argv[i], flag, std::strlen(flag)) == 0) {
      threads = static_cast<unsigned>(std::strtoul(argv[i] + std::strlen(flag), nullptr, 10));
      if (threads == 0) {
        std::fprintf(stderr, "wiretrace-micro: --wiretrace_threads needs a number >= 1\n");
        return 2;
      }
    } else {
      args.push_back(argv[i]);
    }
  }
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 2;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);

  bool ok = true;
  for (const auto& c : wiretrace::micro::checks()) {
    std::string problem;
    try {
      problem = c.check();
    } catch (const std::exception& e) {
      problem = std::string("threw: ") + e.what();
    }
    std::fprintf(stderr, "check %-22s %s\n", c.name.c_str(), problem.empty() ? "ok" : ("FAIL: " + problem).c_str());
    ok = ok && problem.empty();
  }
  if (!ok) {
    std::fprintf(stderr, "wiretrace-micro: FAIL: a kernel gives a wrong answer; nothing was timed\n");
    return 1;
  }
  std::fprintf(stderr, "wiretrace-micro: %u TBB thread%s\n", threads, threads == 1 ? "" : "s");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
