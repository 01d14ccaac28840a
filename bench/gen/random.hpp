// Deterministic randomness for the corpus generator: xoshiro256** seeded through splitmix64, with
// our own bounded integers and shuffle. std::uniform_int_distribution and std::shuffle differ
// between standard libraries; these do not, so one seed gives byte-identical corpora everywhere.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace wiretrace::bench {

__extension__ using Uint128 = unsigned __int128;

/// One step of splitmix64: advances `state` and returns a well-mixed value.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// xoshiro256** (Blackman & Vigna). Cheap to copy; fork() gives independent streams.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, n), n > 0; 0 when n == 0. Lemire's multiply-shift with rejection: unbiased.
  std::uint64_t below(std::uint64_t n) {
    if (n == 0) return 0;
    Uint128 m = static_cast<Uint128>(next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<Uint128>(next()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  /// Uniform in [lo, hi], both included; lo when hi < lo.
  std::uint64_t between(std::uint64_t lo, std::uint64_t hi) {
    return hi < lo ? lo : lo + below(hi - lo + 1);
  }

  /// Uniform in [0, 1) with 53 random bits; exact in IEEE doubles, so the same on every machine.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  bool chance(double p) { return unit() < p; }

  /// A stream of its own for sub-task `tag`, so that draws added to one part of the corpus do not
  /// shift every later part.
  Rng fork(std::uint64_t tag) const {
    std::uint64_t state = s_[0] ^ rotl(s_[2], 21) ^ (tag * 0xd1342543de82ef95ULL);
    return Rng(splitmix64(state) ^ tag);
  }

  /// Fisher-Yates, drawing with below().
  template <class T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace wiretrace::bench
