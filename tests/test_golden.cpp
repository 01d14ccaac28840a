// Golden reports: `wiretrace cluster --quiet --no-timing --format json` on the seeds and on a
// committed generated corpus of 200 articles must print exactly the bytes in fixtures/golden/.
// Any change in what a report says (families, originals, passages, scores, parameters, field
// order, number formatting) turns this red. When the change is meant, run
// scripts/update-golden.sh and commit the new files with it; their diff shows the change.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_runner.hpp"

using namespace wiretrace::test;

namespace {

const std::filesystem::path golden = std::filesystem::path(fixtures) / "golden";

// Runs the report command (as scripts/update-golden.sh does) and compares it with `expected`. On
// a difference, leaves what was printed in the temp folder (wiretrace-golden/) to be diffed.
void check_golden(const std::string& input, const std::string& expected, const std::string& threads) {
  CAPTURE(input);
  CAPTURE(threads);
  const auto r = run(cli + " cluster --quiet --no-timing --format json" + threads + " " +
                     quoted(std::filesystem::path(input)));
  REQUIRE(r.exit_code == 0);
  const std::string want = read_file(golden / expected);
  REQUIRE_FALSE(want.empty());
  if (r.out != want) {
    const auto actual = std::filesystem::temp_directory_path() / "wiretrace-golden" / expected;
    write_file(actual, r.out);
    FAIL_CHECK("the report differs from fixtures/golden/" << expected << ": diff "
               << (golden / expected).string() << " " << actual.string()
               << " (if the change is meant: scripts/update-golden.sh)");
  }
}

}  // namespace

TEST_CASE("golden: the report on the seeds is byte for byte fixtures/golden/seeds.cluster.json") {
  check_golden(fixtures + "/seeds", "seeds.cluster.json", "");
  check_golden(fixtures + "/seeds", "seeds.cluster.json", " --threads 1");
}

TEST_CASE("golden: the report on 200 generated articles is byte for byte fixtures/golden/generated.cluster.json") {
  const std::string corpus = (golden / "generated.jsonl").string();
  check_golden(corpus, "generated.cluster.json", "");
  check_golden(corpus, "generated.cluster.json", " --threads 1");
  check_golden(corpus, "generated.cluster.json", " --threads 3");
}
