// Microbenchmark: minhash (128 values, one-permutation hashing with densification) over a
// document's shingles. Reference: the estimate from two signatures is within 4 standard errors
// of the exact Jaccard of the sets, for several known Jaccards; duplicates, zeros and order do
// not change a signature.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "micro_support.hpp"
#include "wiretrace/sketch.hpp"

namespace wiretrace::micro {
namespace {

constexpr unsigned num_perm = 128;
constexpr std::uint64_t seed = 0x77697265747261ULL;

std::vector<ShingleHash> random_set(std::mt19937_64& rng, std::size_t n) {
  std::vector<ShingleHash> s(n);
  for (auto& x : s) x = rng() | 1;  // never 0 (0 marks a masked shingle)
  return s;
}

double agreement(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

const bool checked = register_check("minhash", [] {
  std::mt19937_64 rng(42);
  for (const double jaccard : {0.1, 0.3, 0.5, 0.8, 1.0}) {
    // |A| = |B| = 1000 with `shared` in common: J = shared / (2000 - shared).
    const auto shared = static_cast<std::size_t>(std::lround(2000 * jaccard / (1 + jaccard)));
    const auto common = random_set(rng, shared);
    auto a = common, b = common;
    const auto only_a = random_set(rng, 1000 - shared), only_b = random_set(rng, 1000 - shared);
    a.insert(a.end(), only_a.begin(), only_a.end());
    b.insert(b.end(), only_b.begin(), only_b.end());
    const double exact = static_cast<double>(shared) / static_cast<double>(2000 - shared);
    std::vector<std::uint32_t> sa(num_perm), sb(num_perm);
    minhash(a, seed, sa);
    minhash(b, seed, sb);
    const double estimate = agreement(sa, sb);
    const double sigma = std::sqrt(exact * (1 - exact) / num_perm);
    if (std::abs(estimate - exact) > 4 * sigma + 1e-9)
      return "estimate " + std::to_string(estimate) + " for exact Jaccard " + std::to_string(exact);
  }
  auto a = random_set(rng, 500);
  std::vector<std::uint32_t> once(num_perm), twice(num_perm);
  minhash(a, seed, once);
  auto b = a;
  b.insert(b.end(), a.begin(), a.end());
  b.push_back(0);
  std::shuffle(b.begin(), b.end(), rng);
  minhash(b, seed, twice);
  if (once != twice) return std::string("duplicates, zeros or order changed the signature");
  return std::string();
});

void BM_minhash(benchmark::State& state) {
  std::mt19937_64 rng(7);
  const auto shingles = random_set(rng, static_cast<std::size_t>(state.range(0)));
  std::vector<std::uint32_t> out(num_perm);
  for (auto _ : state) {
    minhash(shingles, seed, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * shingles.size()));
  state.SetBytesProcessed(
      static_cast<std::int64_t>(state.iterations() * shingles.size() * sizeof(ShingleHash)));
}
// 100 shingles: a brief; 600: a typical article; 5,000: a long feature.
BENCHMARK(BM_minhash)->Arg(100)->Arg(600)->Arg(5000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace wiretrace::micro
