// sketch_stamp: the table's stamped parameters, the normalizer version and the ICU version.
#include "wiretrace/params.hpp"

#include <string>

#include <unicode/uvernum.h>
#include <xxhash.h>

#include "params/param_table.hpp"
#include "wiretrace/normalize.hpp"

namespace wiretrace {
namespace {

// The stamp once covered seed, num_perm, shingle_k and the normalizer version only, and every
// index made then was made with ICU 72.1 (Debian 12) and the boilerplate rule's defaults. For
// exactly those values the stamp keeps its old value, so such indexes still open; any other
// value of a stamped parameter, or another ICU, gives another stamp.
constexpr const char* legacy_icu_version = "72.1";

bool is_legacy_field(std::string_view name) {
  return name == "seed" || name == "num_perm" || name == "shingle_k";
}

// "name=value;" for every stamped parameter the old stamp did not cover, then the ICU version.
std::string extended_record(const Params& p, const char* icu_version) {
  std::string record;
  for (const detail::ParamSpec& spec : detail::param_table())
    if (spec.stamped && !is_legacy_field(spec.name))
      record += std::string(spec.name) + "=" + detail::value_text(p, spec) + ";";
  return record + "icu_version=" + icu_version;
}

}  // namespace

const char* detail::icu_version() { return U_ICU_VERSION; }

std::uint64_t sketch_stamp(const Params& p) {
  const std::uint64_t fields[] = {p.seed, p.num_perm, p.shingle_k, normalizer_version};
  const std::uint64_t legacy = XXH3_64bits(fields, sizeof fields);
  static const std::string legacy_record = extended_record(Params{}, legacy_icu_version);
  const std::string record = extended_record(p, U_ICU_VERSION);
  if (record == legacy_record) return legacy;
  return XXH3_64bits_withSeed(record.data(), record.size(), legacy);
}

}  // namespace wiretrace
