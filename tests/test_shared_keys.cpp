// detail::find_shared_keys, the grouping under candidate generation and boilerplate detection,
// against a std::map that does the same the slow way.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>
#include <vector>

#include <tbb/task_arena.h>

#include "detail/shared_keys.hpp"

using wiretrace::detail::find_shared_keys;
using wiretrace::detail::SharedKeys;

namespace {

using Docs = std::vector<std::vector<std::uint64_t>>;

// Keys drawn from a small pool (so many are shared), a few repeated within one document, and
// some documents without keys.
Docs random_documents(std::size_t documents, std::size_t keys_per_doc, std::size_t pool, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> values(pool);
  for (auto& v : values) v = rng();
  Docs docs(documents);
  for (auto& d : docs) {
    if (rng() % 10 == 0) continue;
    const std::size_t n = rng() % (2 * keys_per_doc);
    for (std::size_t i = 0; i < n; ++i) d.push_back(values[rng() % pool]);
    if (!d.empty() && rng() % 4 == 0) d.push_back(d.front());
  }
  return docs;
}

// key -> the documents holding it, for keys held by 2..max_docs documents; plus the count of
// keys over max_docs.
std::pair<std::map<std::uint64_t, std::vector<std::uint32_t>>, std::size_t> by_map(const Docs& docs,
                                                                                  std::size_t max_docs) {
  std::map<std::uint64_t, std::set<std::uint32_t>> holders;
  for (std::uint32_t d = 0; d < docs.size(); ++d)
    for (auto k : docs[d]) holders[k].insert(d);
  std::map<std::uint64_t, std::vector<std::uint32_t>> out;
  std::size_t capped = 0;
  for (const auto& [k, s] : holders) {
    if (s.size() > max_docs) ++capped;
    else if (s.size() >= 2) out[k] = {s.begin(), s.end()};
  }
  return {out, capped};
}

std::map<std::uint64_t, std::vector<std::uint32_t>> as_map(const SharedKeys& shared) {
  std::map<std::uint64_t, std::vector<std::uint32_t>> out;
  std::size_t repeated_groups = 0;
  for (std::size_t g = 0; g < shared.size(); ++g) {
    const auto m = shared.members(g);
    repeated_groups += !out.emplace(shared.keys[g], std::vector<std::uint32_t>(m.begin(), m.end())).second;
  }
  CHECK(repeated_groups == 0);
  return out;
}

SharedKeys run(const Docs& docs, std::size_t max_docs, int threads) {
  tbb::task_arena arena(threads);
  return arena.execute([&] {
    return find_shared_keys(docs.size(), [&](std::size_t d) -> const std::vector<std::uint64_t>& { return docs[d]; },
                            max_docs);
  });
}

}  // namespace

TEST_CASE("shared keys: every key held by two or more documents, with its documents in order") {
  // Sizes from a handful of entries (one partition) to ~350,000 (8 partitions, each split into
  // pieces).
  for (const auto& [documents, per_doc, pool] : {std::tuple{5, 3, 4}, std::tuple{300, 20, 2000},
                                                 std::tuple{6000, 60, 120000}}) {
    CAPTURE(documents);
    const Docs docs = random_documents(documents, per_doc, pool, 7 + documents);
    for (std::size_t max_docs : {std::size_t{1000000}, std::size_t{3}}) {
      CAPTURE(max_docs);
      const auto [expected, capped] = by_map(docs, max_docs);
      const SharedKeys shared = run(docs, max_docs, 2);
      CHECK(as_map(shared) == expected);
      CHECK(shared.capped == capped);
      CHECK(shared.starts.size() == shared.size() + 1);
    }
  }
}

TEST_CASE("shared keys: the result does not depend on the thread count") {
  const Docs docs = random_documents(6000, 60, 120000, 99);
  const SharedKeys one = run(docs, 1000, 1), two = run(docs, 1000, 2);
  CHECK(one.keys == two.keys);
  CHECK(one.docs == two.docs);
  CHECK(one.starts == two.starts);
}

TEST_CASE("shared keys: no documents, or no keys at all") {
  CHECK(run({}, 10, 2).size() == 0);
  CHECK(run(Docs(50), 10, 2).size() == 0);
  // One document repeating a key shares it with nobody.
  CHECK(run(Docs{{1, 1, 1}, {2}}, 10, 2).size() == 0);
}
