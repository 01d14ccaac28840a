// Stage 3, sketch: shingle hashes -> MinHash signatures, one row per document in a matrix.
// One-permutation hashing with optimal densification: one hash per shingle instead of num_perm,
// then empty bins borrow from other bins so every value is a proper MinHash. It does not band.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "wiretrace/shingle.hpp"

namespace wiretrace {

/// Row i holds document i's num_perm MinHash values (32-bit: collisions at 2^-32 do not matter
/// for estimates at this precision, and the matrix is half the size).
using SignatureMatrix =
    Eigen::Matrix<std::uint32_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Signatures {
  SignatureMatrix values;
  std::uint64_t stamp = 0;  ///< sketch_stamp() of the parameters that made them
};

/// MinHash of one set of shingles (duplicates allowed, zeros ignored) into out[0..num_perm).
/// An empty set gives all-ones values, which match nothing but another empty set.
void minhash(std::span<const ShingleHash> shingles, std::uint64_t seed, std::span<std::uint32_t> out);

/// Signatures of every document, computed in parallel; row order = input order.
Signatures sketch_all(const std::vector<ShingleSet>& sets, unsigned num_perm, std::uint64_t seed,
                      std::uint64_t stamp);

/// Fraction of equal values: an unbiased estimate of the Jaccard similarity of the two sets.
double estimate_jaccard(const Signatures& signatures, std::size_t a, std::size_t b);

}  // namespace wiretrace
