// The index's lookup tables (band and fingerprint postings) saved beside the database as
// INDEX-lookup, so an open maps them instead of deriving ~200 keys from every stored row (2 s and
// ~300 MB for 100,000 articles). The rows stay the truth: the file is a cache of what they give,
// used only when its header matches the database (its id, the rows it covers, the deletions, the
// parameters and the key derivation of this build); otherwise the tables are derived as before.
// Layout, little-endian: a 4096-byte header, then each table's slots as Postings holds them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "index/postings.hpp"

namespace wiretrace::detail {

inline constexpr std::uint32_t lookup_file_version = 1;

/// What the saved tables were made from; every field must match for them to be used.
struct LookupHeader {
  std::uint64_t index_id = 0;     ///< the database's random id (meta "index_id")
  std::uint64_t params_hash = 0;  ///< every parameter, the sketch stamp and this build's keys
  std::uint64_t rows_digest = 0;  ///< numbers and ids of rows 1..covered, deleted ones marked
  std::uint32_t covered = 0;      ///< rows 1..covered are in the tables
  std::uint32_t tombstones = 0;   ///< deleted articles when saved
};

/// Writes the file whole (a temporary beside it, synced, renamed over it): a reader sees the
/// old file or the new one, never a torn one. Throws std::runtime_error on I/O failure.
void write_lookup_file(const std::string& file, const LookupHeader& header, const Postings& bands,
                       const Postings& fingerprints);

/// Maps `file` privately (pages load as lookups touch them; inserts copy the pages they change)
/// and gives its tables to `bands` and `fingerprints`. Returns the header, or nullopt with
/// `why_not` set when the file is absent or not a lookup file of this version (the tables are
/// then left empty).
std::optional<LookupHeader> map_lookup_file(const std::string& file, Postings& bands,
                                            Postings& fingerprints, std::string& why_not);

}  // namespace wiretrace::detail
