// The doctest main, with one addition: --wiretrace-expect-cases=N fails the run unless exactly N
// test cases were executed. CTest runs each case as its own entry with a --test-case filter, and
// doctest exits with success when a filter matches nothing, so a name the filter cannot express
// (a `;` split by CMake, a `*` matching two cases) used to pass as "0 test cases". Each CTest entry
// passes --wiretrace-expect-cases=1 (tests/CMakeLists.txt).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

int executed_cases = 0;

// Counts the test cases that start running (once per case, however many subcases it has).
struct CaseCounter : doctest::IReporter {
  explicit CaseCounter(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData&) override { ++executed_cases; }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

REGISTER_LISTENER("wiretrace_case_counter", 1, CaseCounter);

}  // namespace

int main(int argc, char** argv) {
  constexpr const char* expect_flag = "--wiretrace-expect-cases=";
  int expected = -1;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (i > 0 && std::strncmp(argv[i], expect_flag, std::strlen(expect_flag)) == 0)
      expected = std::atoi(argv[i] + std::strlen(expect_flag));
    else
      args.push_back(argv[i]);
  }
  doctest::Context context(static_cast<int>(args.size()), args.data());
  const int result = context.run();
  if (context.shouldExit()) return result;  // --list-test-cases, --count, --help and the like
  if (expected >= 0 && executed_cases != expected) {
    std::fprintf(stderr,
                 "wiretrace_tests: %d test cases ran, expected %d: the --test-case filter does not "
                 "name exactly one case (see tests/check_test_names.cmake)\n",
                 executed_cases, expected);
    return result != 0 ? result : 1;
  }
  return result;
}
