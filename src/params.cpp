#include "wiretrace/params.hpp"

#include <string>

#include <xxhash.h>

#include "wiretrace/error.hpp"
#include "wiretrace/normalize.hpp"

namespace wiretrace {
namespace {

void require(bool ok, const std::string& what) {
  if (!ok) throw Error("invalid parameter: " + what);
}

}  // namespace

void validate(const Params& p) {
  require(p.shingle_k >= 1 && p.shingle_k <= 32, "shingle_k must be between 1 and 32");
  require(p.num_perm >= 8 && p.num_perm <= 4096, "num_perm must be between 8 and 4096");
  require(p.lsh_threshold > 0 && p.lsh_threshold < 1, "lsh_threshold must be in (0, 1)");
  require(p.min_jaccard > 0 && p.min_jaccard <= 1, "min_jaccard must be in (0, 1]");
  require(p.anchor_words >= p.shingle_k, "anchor_words must be at least shingle_k");
  require(p.min_run_words >= p.anchor_words, "min_run_words must be at least anchor_words");
  require(p.max_bucket >= 2, "max_bucket must be at least 2");
  require(p.align_seed_words >= 1 && p.align_seed_words <= p.min_run_words,
          "align_seed_words must be between 1 and min_run_words");
}

std::uint64_t sketch_stamp(const Params& p) {
  // Only what changes signature values belongs here; thresholds do not.
  const std::uint64_t fields[] = {p.seed, p.num_perm, p.shingle_k, normalizer_version};
  return XXH3_64bits(fields, sizeof fields);
}

}  // namespace wiretrace
