// The index's lookup tables (band and fingerprint postings) and the per-row state an open keeps
// in memory (ids, sources, dates, distinct counts, family roots), saved beside the database as
// INDEX-lookup, so an open maps the tables and reads the state instead of scanning every stored
// row and deriving ~200 keys from each (2 s and ~650 MB for 100,000 articles). The rows stay the
// truth: the file is a cache of what they give, used only when it matches the database (its id,
// the deletions, sampled rows, the parameters and the key derivation of this build); otherwise
// all of it is derived from the rows as before.
// Layout, little-endian: a 4096-byte header, each table's slots as Postings holds them (each on a
// page boundary), then the rows section (LookupRows, arrays one after another).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "index/postings.hpp"

namespace wiretrace::detail {

inline constexpr std::uint32_t lookup_file_version = 1;

/// What the saved tables were made from; every field must match for them to be used.
struct LookupHeader {
  std::uint64_t index_id = 0;     ///< the database's random id (meta "index_id")
  std::uint64_t params_hash = 0;  ///< every parameter, the sketch stamp and this build's keys
  std::uint32_t covered = 0;      ///< rows 1..covered are in the tables
  std::uint32_t tombstones = 0;   ///< deleted articles when saved
};

/// The in-memory state of numbers 1..covered besides the postings, one entry a number.
struct LookupRows {
  std::vector<std::uint8_t> alive;          ///< 0 for a deleted number
  std::vector<std::string> ids;             ///< "" for a deleted number
  std::vector<std::int64_t> published;      ///< seconds since the epoch, or the "no date" value
  std::vector<std::uint32_t> distinct;      ///< distinct shingles
  std::vector<std::uint32_t> family_root;   ///< 0-based root of number - 1's family
  std::vector<std::uint32_t> source;        ///< 1 + index into `sources`; 0 = no source
  std::vector<std::string> sources;
};

/// Writes the file whole (a temporary beside it, synced, renamed over it): a reader sees the
/// old file or the new one, never a torn one. Throws std::runtime_error on I/O failure.
void write_lookup_file(const std::string& file, const LookupHeader& header, const Postings& bands,
                       const Postings& fingerprints, const LookupRows& rows);

/// Maps `file` privately (pages load as lookups touch them; inserts copy the pages they change)
/// and gives its tables to `bands` and `fingerprints` and its rows section to `rows`. Returns
/// the header, or nullopt with `why_not` set when the file is absent or not a well-formed lookup
/// file of this version (the tables are then left empty).
std::optional<LookupHeader> map_lookup_file(const std::string& file, Postings& bands,
                                            Postings& fingerprints, LookupRows& rows,
                                            std::string& why_not);

}  // namespace wiretrace::detail
