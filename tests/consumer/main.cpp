// Uses an installed wiretrace through find_package(wiretrace): reads the seed articles, clusters
// them, and checks the one family the README describes, {000, 002} with 000 as its original.
// Prints what it found; exits 1 when anything differs.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <wiretrace/ingest.hpp>
#include <wiretrace/pipeline.hpp>
#include <wiretrace/version.hpp>

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "consumer: FAILED: %s\n", what.c_str());
    ++failures;
  }
}

std::string prefix3(const std::string& id) { return id.substr(0, 3); }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer SEEDS_FOLDER\n");
    return 2;
  }
  std::printf("wiretrace %s (%d.%d.%d)\n", std::string(wiretrace::version()).c_str(),
              wiretrace::version_major, wiretrace::version_minor, wiretrace::version_patch);
#ifdef WIRETRACE_EXPECTED_VERSION
  check(wiretrace::version() == WIRETRACE_EXPECTED_VERSION,
        std::string("version ") + WIRETRACE_VERSION_STRING + ", expected " +
            WIRETRACE_EXPECTED_VERSION);
#endif
  try {
    auto input = wiretrace::read_inputs({argv[1]});
    check(input.documents.size() == 5 && input.rejected.empty(),
          "5 seed articles read, none rejected (read " + std::to_string(input.documents.size()) +
              ", rejected " + std::to_string(input.rejected.size()) + ")");

    wiretrace::Params params;
    params.threads = 2;
    const auto result = wiretrace::cluster_documents(std::move(input.documents), params);
    std::printf("%zu articles, %zu families\n", result.documents.size(), result.families.size());
    for (std::size_t f = 0; f < result.families.size(); ++f) {
      const auto& family = result.families[f];
      std::printf("family f%zu: original %s;", f + 1,
                  result.documents[family.original].id.c_str());
      for (const auto m : family.members) std::printf(" %s", result.documents[m].id.c_str());
      std::printf("\n");
    }

    check(result.families.size() == 1, "exactly one family");
    if (result.families.size() == 1) {
      const auto& family = result.families[0];
      std::vector<std::string> members;
      for (const auto m : family.members) members.push_back(prefix3(result.documents[m].id));
      check(members == std::vector<std::string>{"000", "002"}, "the family is {000, 002}");
      check(prefix3(result.documents[family.original].id) == "000", "000 is the original");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 1;
  }
  if (failures) return 1;
  std::printf("consumer: OK\n");
  return 0;
}
