// Cheap 64-bit mixing for values that are already hashes (shingles, anchors, band keys):
// XXH3 is used where raw bytes are hashed; combining two good hashes only needs a bijective mixer.
#pragma once
#include <cstdint>

namespace wiretrace::detail {

/// The 64-bit finalizer of MurmurHash3 (a bijection with full avalanche).
constexpr std::uint64_t fmix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

constexpr std::uint64_t combine(std::uint64_t a, std::uint64_t b) {
  return fmix64(a ^ (b * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL + (a << 6) + (a >> 2)));
}

}  // namespace wiretrace::detail
