#include "wiretrace/index.hpp"

#include <sqlite3.h>
#include <sys/stat.h>
#include <xxhash.h>

#include <algorithm>
#include <type_traits>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <thread>
#include <unordered_map>

#include <tbb/parallel_for.h>

#include "detail/assert.hpp"
#include "detail/disjoint_sets.hpp"
#include "index/blob.hpp"
#include "index/lookup_file.hpp"
#include "index/postings.hpp"
#include "index/sqlite.hpp"
#include "params/param_table.hpp"
#include "wiretrace/candidates.hpp"
#include "wiretrace/engine.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/sketch.hpp"

namespace wiretrace {

namespace {

constexpr const char* index_format = "wiretrace-index";
constexpr const char* index_format_version = "1";
// Bytes per page. Rows (~3 KB for a 500-word article) are larger than a page and spill into
// overflow pages, which SQLite fills completely; with 4 KB pages each row would own a page and
// leave a quarter of it empty. Small pages also keep the WAL frame written per commit small.
constexpr int page_size = 1024;
// Pages in the WAL before a commit checkpoints it into the database file (SQLite's default is
// 1000). A checkpoint syncs; fewer, larger ones keep them off most articles' latency.
constexpr int wal_autocheckpoint_pages = 4096;

// Rows are read through a mapping of the database file (up to 1 GiB) rather than copied out.
constexpr const char* mmap_pragma = "PRAGMA mmap_size = 1073741824";

constexpr std::int64_t no_date = std::numeric_limits<std::int64_t>::min();

// Band keys and fingerprints are not tables of their own. With WITHOUT ROWID tables on
// (key, article), a prototype of 100,000 articles took ~8 ms per committed article: each of an
// article's ~200 random keys dirties its own B-tree page, and every page goes through the WAL.
// The keys are cheap to derive from the signature and the sequence (about 2 s for 100,000
// articles, in parallel), so they live in memory and the file only grows at its end.
constexpr const char* schema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE articles(
  number INTEGER PRIMARY KEY,   -- 1-based insertion order; a family is named after its founder
  id TEXT NOT NULL UNIQUE,
  source TEXT, title TEXT, url TEXT, published TEXT, lang TEXT,  -- NULL when absent
  published_unix INTEGER,       -- seconds since the epoch, NULL when absent or unparseable
  bytes INTEGER NOT NULL, words INTEGER NOT NULL,
  distinct_shingles INTEGER NOT NULL,  -- distinct non-zero values of `sequence`
  boilerplate_words INTEGER NOT NULL,
  reused_words INTEGER NOT NULL,  -- IndexedArticle::shared_words (the column keeps its first name)
  decision INTEGER NOT NULL,    -- 0 new, 1 copy, 2 duplicate
  family INTEGER NOT NULL,      -- family number given at decision time
  merged BLOB,                  -- u32 LE: families joined into `family` by this article
  matches BLOB NOT NULL,        -- accepted pairs, 4 u32 LE each (see src/index/blob.hpp)
  signature BLOB NOT NULL,      -- num_perm u32 LE MinHash values
  sequence BLOB NOT NULL,       -- u32 LE shingle hash per position, 0 = boilerplate
  boilerplate BLOB,             -- u32 LE: the masked values, in position order
  indexed_unix INTEGER          -- when it was inserted (seconds since the epoch)
);
)sql";

// Deleted articles (index delete, index prune, --expire-after, a new version of an id): their
// rows are gone, their numbers stay taken (a family keeps its name, and no later article is
// numbered like a deleted one), so a number here is a gap that every reader skips. Added to older
// indexes when they are opened for writing, as is articles.indexed_unix.
constexpr const char* lifecycle_schema = R"sql(
CREATE TABLE IF NOT EXISTS deleted(number INTEGER PRIMARY KEY, id TEXT NOT NULL, at INTEGER NOT NULL);
)sql";

bool has_table(detail::Database& db, const char* name) {
  return db.query_int(("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" +
                       std::string(name) + "'").c_str()) != 0;
}

bool has_column(detail::Database& db, const char* table, const char* column) {
  return db.query_int(("SELECT count(*) FROM pragma_table_info('" + std::string(table) +
                       "') WHERE name = '" + column + "'").c_str()) != 0;
}

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string hex(std::uint64_t x) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016" PRIx64, x);
  return buffer;
}

// What the stamp covers, from the meta table (an index made before an entry existed lacks it).
std::string describe_stamp(const std::unordered_map<std::string, std::string>& meta) {
  std::string out;
  auto entry = [&](std::string_view key) {
    const auto it = meta.find(std::string(key));
    out += (out.empty() ? "" : ", ") + std::string(key) + " " +
           (it == meta.end() ? std::string("(not recorded)") : it->second);
  };
  for (const detail::ParamSpec& spec : detail::param_table())
    if (spec.stamped) entry(spec.name);
  entry("normalizer_version");
  entry("icu_version");
  const auto stamp = meta.find("sketch_stamp");
  return out + " (sketch stamp " + (stamp == meta.end() ? std::string("none") : stamp->second) + ")";
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::uint64_t file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

using Meta = std::unordered_map<std::string, std::string>;

Meta read_meta(detail::Database& db) {
  if (db.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'meta'") == 0) return {};
  Meta meta;
  detail::Statement s(db, "SELECT key, value FROM meta");
  while (s.step()) meta.emplace(std::string(s.column_text(0)), std::string(s.column_text(1)));
  return meta;
}

// Every knob a feed reads is recorded (for stats, and for tools that open the index without
// flags), with the versions the stamp covers; only the stamp decides whether an index may be
// opened with other parameters.
std::vector<std::pair<std::string, std::string>> params_meta(const Params& p) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const detail::ParamSpec& spec : detail::param_table())
    if (spec.in_results && (spec.used_by & detail::bits(detail::Command::dedup)))
      entries.emplace_back(spec.name, detail::value_text(p, spec));
  entries.emplace_back("normalizer_version", std::to_string(normalizer_version));
  entries.emplace_back("icu_version", detail::icu_version());
  entries.emplace_back("hash_bits", "32");
  entries.emplace_back("sketch_stamp", hex(sketch_stamp(p)));
  return entries;
}

// An entry an older index lacks was a constant when it was made: the default stands for it.
Params params_from_meta(const Meta& meta, const std::string& path) {
  Params p;
  for (const detail::ParamSpec& spec : detail::param_table()) {
    const auto it = meta.find(std::string(spec.name));
    if (it == meta.end()) continue;
    if (!detail::read_value(p, spec, it->second))
      throw Error(path + ": the index's parameters are unreadable (" + it->first + " = \"" +
                  it->second + "\")");
  }
  return p;
}

void check_format(const Meta& meta, const std::string& path) {
  const auto format = meta.find("format");
  if (format == meta.end() || format->second != index_format)
    throw Error(path + " is not a wiretrace index");
  const auto version = meta.find("format_version");
  if (version == meta.end() || version->second != index_format_version)
    throw Error(path + ": index format version " +
                (version == meta.end() ? std::string("unknown") : version->second) +
                " is not supported (this wiretrace reads version " + index_format_version + ")");
}

// One row's share of the lookup, computed in parallel while an index is loaded.
struct LoadedKeys {
  std::vector<std::uint64_t> bands;
  std::vector<std::uint64_t> fingerprints;
};

static_assert(std::is_same_v<ShingleHash, std::uint32_t>,
              "sequence blobs are the shingle hashes' own 32-bit words");

LoadedKeys keys_of(std::span<const std::uint32_t> signature, std::span<const ShingleHash> sequence,
                   const Params& p, LshBands bands) {
  return {band_keys(signature, bands), article_fingerprints(sequence, p)};
}

// What the saved lookup tables depend on besides the rows: every parameter a feed reads (a
// different max_bucket caps other keys, a different lsh_threshold makes other bands), the stamp
// (normalizer, ICU), and the keys this build derives for a fixed made-up article, so that a
// wiretrace whose key derivation changed does not use tables made by another.
std::uint64_t lookup_params_hash(const Params& p, LshBands bands) {
  std::string text;
  for (const auto& [key, value] : params_meta(p)) text += key + "=" + value + ";";
  std::vector<std::uint32_t> signature(p.num_perm);
  for (std::size_t i = 0; i < signature.size(); ++i)
    signature[i] = static_cast<std::uint32_t>((i + 1) * 2654435761u);
  std::vector<ShingleHash> sequence(400);
  for (std::size_t i = 0; i < sequence.size(); ++i)
    sequence[i] = static_cast<ShingleHash>(((i * 7919) % 257 + 1) * 40503u);
  const LoadedKeys probe = keys_of(signature, sequence, p, bands);
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, text.data(), text.size());
  XXH3_64bits_update(state, probe.bands.data(), probe.bands.size() * 8);
  XXH3_64bits_update(state, probe.fingerprints.data(), probe.fingerprints.size() * 8);
  const std::uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

// Unmasked sequences kept for boilerplate masking: each article is a partner of the next few
// articles of its source, so reading it back from the file each time would be wasted work.
constexpr std::size_t unmasked_cache_limit = 8192;

}  // namespace

const char* to_string(DedupDecision decision) {
  switch (decision) {
    case DedupDecision::new_article: return "new";
    case DedupDecision::copy: return "copy";
    case DedupDecision::duplicate: return "duplicate";
  }
  return "new";
}

struct Index::Impl {
  Params params;
  std::string path;
  IndexOptions options;
  detail::Database db;
  LshBands bands{};
  detail::Statement insert_row, select_sequence, select_row;
  detail::Statement begin_write, commit_write, data_version_query;
  mutable std::unordered_map<std::uint32_t, std::vector<ShingleHash>> unmasked_cache;

  // In memory, indexed by number - 1. The rows are the truth; all of this is rebuilt from them.
  std::unordered_map<std::string, std::uint32_t> by_id;
  std::vector<const std::string*> ids;  // keys of by_id (node-based: their addresses are stable)
  std::vector<char> alive;              // 0 for a deleted number (a gap)
  std::size_t alive_count = 0;
  std::size_t tombstones_seen = 0;      // rows of `deleted` as of the last load
  std::vector<std::int64_t> published;
  std::vector<std::uint32_t> distinct;  // distinct shingles, for the stored matches' ratios
  mutable detail::DisjointSets families;  // over numbers - 1; a root is a family's founder
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_source;
  detail::Postings band_postings, fingerprint_postings;

  // The lookup file (src/index/lookup_file.hpp). The postings equal what deriving them from the
  // rows gives only until this process deletes an article (its postings stay, and still count
  // towards max_bucket): then they are not saved before a full load.
  std::uint64_t index_id = 0;      // meta "index_id"; 0 = none (read-only open of an old index)
  std::uint64_t params_hash = 0;
  std::uint32_t lookup_covered = 0;  // rows the lookup file last mapped or saved covers
  bool lookup_exact = true;
  LookupLoad load_info;


  std::int64_t data_version = -1;
  bool in_transaction = false;
  bool inserted = false;  // rows inserted in the open transaction

  std::uint32_t distinct_of(std::uint32_t number) const {
    WIRETRACE_ASSERT(number >= 1 && number <= distinct.size());
    return distinct[number - 1];
  }

  std::uint32_t find_family(std::uint32_t number) const {
    WIRETRACE_ASSERT(number >= 1);
    return families.find(number - 1) + 1;
  }

  // Appends one row to the in-memory state (rows arrive in number order).
  // A deleted number: a node in the families (they keep its joins and its name), no row.
  void apply_gap(std::uint32_t number) {
    if (number != ids.size() + 1)
      throw Error(path + ": the index is damaged (deleted article " + std::to_string(number) +
                  " follows article " + std::to_string(ids.size()) + ")");
    static const std::string none;
    ids.push_back(&none);
    alive.push_back(0);
    published.push_back(no_date);
    distinct.push_back(0);
    families.add();
  }

  bool is_alive(std::uint32_t number) const {
    return number >= 1 && number <= alive.size() && alive[number - 1];
  }

  void apply(std::uint32_t number, std::string id, const std::string& source, std::int64_t date,
             std::uint32_t distinct_shingles, DedupDecision decision, std::uint32_t family,
             std::span<const std::uint32_t> merged) {
    if (number != ids.size() + 1)
      throw Error(path + ": the index is damaged (article " + std::to_string(number) +
                  " follows article " + std::to_string(ids.size()) + ")");
    const auto [it, fresh] = by_id.emplace(std::move(id), number);
    if (!fresh) throw Error(path + ": the index is damaged (id \"" + it->first + "\" twice)");
    ids.push_back(&it->first);
    alive.push_back(1);
    ++alive_count;
    published.push_back(date);
    distinct.push_back(distinct_shingles);
    families.add();
    if (decision != DedupDecision::new_article && family >= 1 && family < number)
      families.join_into(number - 1, family - 1);
    for (std::uint32_t m : merged)
      if (m >= 1 && m < number) families.join_into(m - 1, number - 1);
    if (!source.empty()) by_source[source].push_back(number);
  }

  void run(detail::Statement& statement) {
    statement.reset();
    statement.step();
    statement.reset();
  }

  void add_keys(std::uint32_t number, const LoadedKeys& keys) {
    for (std::uint64_t k : keys.bands) band_postings.insert(k, number, params.max_bucket);
    for (std::uint64_t k : keys.fingerprints) fingerprint_postings.insert(k, number, params.max_bucket);
  }

  void clear_memory() {
    by_id.clear();
    ids.clear();
    alive.clear();
    alive_count = 0;
    tombstones_seen = 0;
    published.clear();
    distinct.clear();
    families.clear();
    by_source.clear();
    band_postings.clear();
    fingerprint_postings.clear();
    unmasked_cache.clear();
    lookup_exact = true;
  }

  // The lookup file's tables and rows, when it was saved from this index with these parameters
  // and the deletions it saw are all there are; whether its rows are the database's is checked
  // by matches_rows.
  std::optional<detail::LookupHeader> map_lookup_file(detail::LookupRows& rows, std::string& why_not) {
    auto header = detail::map_lookup_file(Index::lookup_path(path), band_postings,
                                          fingerprint_postings, rows, why_not);
    if (!header) return std::nullopt;
    if (header->index_id != index_id || index_id == 0) why_not = "the lookup file is another index's";
    else if (header->params_hash != params_hash)
      why_not = "the lookup file was made with other parameters or by another wiretrace";
    else if (header->tombstones != tombstones_seen)
      why_not = "articles were deleted since the lookup file was saved";
    else if (header->covered == 0) why_not = "the lookup file is empty";
    else if (!matches_rows(*header, rows)) why_not = "the lookup file does not match the rows";
    else return header;
    band_postings.clear();
    fingerprint_postings.clear();
    rows = {};
    return std::nullopt;
  }

  // The file names this database (index_id) and saw its deletions; what is left to rule out is a
  // database put back to an earlier state (a backup) and grown again: the rows it covers must
  // exist, and sampled ones, the last among them, must hold the ids it recorded.
  bool matches_rows(const detail::LookupHeader& header, const detail::LookupRows& rows) {
    std::int64_t last_number = db.query_int("SELECT coalesce(max(number), 0) FROM articles");
    if (has_table(db, "deleted"))
      last_number = std::max(last_number, db.query_int("SELECT coalesce(max(number), 0) FROM deleted"));
    if (last_number < header.covered) return false;
    detail::Statement id_of(db, "SELECT id FROM articles WHERE number = ?");
    constexpr std::uint32_t samples = 64;
    for (std::uint32_t j = 1; j <= samples; ++j) {
      const auto number = static_cast<std::uint32_t>(std::uint64_t{header.covered} * j / samples);
      if (number == 0) continue;
      id_of.reset();
      id_of.bind(1, number);
      const bool row = id_of.step();
      if (row != (rows.alive[number - 1] != 0)) return false;
      if (row && id_of.column_text(0) != rows.ids[number - 1]) return false;
    }
    return true;
  }

  // The in-memory state of rows 1..n from a lookup file (what apply and apply_gap would build).
  void apply_saved(detail::LookupRows& rows) {
    const std::size_t n = rows.alive.size();
    std::vector<std::vector<std::uint32_t>> of_source(rows.sources.size());
    for (std::size_t i = 0; i < n; ++i) {
      const auto number = static_cast<std::uint32_t>(i + 1);
      if (!rows.alive[i]) {
        apply_gap(number);
        continue;
      }
      const auto [it, fresh] = by_id.emplace(std::move(rows.ids[i]), number);
      if (!fresh) throw Error(path + ": the index is damaged (id \"" + it->first + "\" twice)");
      ids.push_back(&it->first);
      alive.push_back(1);
      ++alive_count;
      published.push_back(rows.published[i]);
      distinct.push_back(rows.distinct[i]);
      if (rows.source[i] != 0) of_source[rows.source[i] - 1].push_back(number);
    }
    families.assign_roots(std::move(rows.family_root));
    for (std::size_t k = 0; k < of_source.size(); ++k)
      if (!of_source[k].empty()) by_source[rows.sources[k]] = std::move(of_source[k]);
  }

  // What apply_saved reads back: the state of every number known.
  detail::LookupRows saved_rows() const {
    detail::LookupRows rows;
    const std::size_t n = ids.size();
    rows.alive.assign(alive.begin(), alive.end());
    rows.ids.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      if (alive[i]) rows.ids[i] = *ids[i];
    rows.published = published;
    rows.distinct = distinct;
    rows.family_root.resize(n);
    for (std::size_t i = 0; i < n; ++i) rows.family_root[i] = families.find(static_cast<std::uint32_t>(i));
    rows.source.assign(n, 0);
    for (const auto& [name, numbers] : by_source) {
      rows.sources.push_back(name);
      for (std::uint32_t number : numbers) rows.source[number - 1] = static_cast<std::uint32_t>(rows.sources.size());
    }
    return rows;
  }

  // Reads the rows after the last one known (all of them at open, then what other processes
  // committed). The caller holds a transaction, so the rows are one consistent snapshot. At a
  // full load, the lookup file gives the state of the rows it covers when it matches them
  // (unless `use_file` is false); the rows after those are read and their keys derived.
  void load_since(std::uint32_t last, bool use_file = true) {
    const bool lookup = options.load_lookup;
    const bool full = last == 0;
    if (has_table(db, "deleted"))
      tombstones_seen = static_cast<std::size_t>(db.query_int("SELECT count(*) FROM deleted"));
    std::uint32_t mapped = 0;  // numbers 1..mapped come from the lookup file
    if (full) {
      // Without the lookup (stats, export, delete) the file still gives the rows' state; its
      // tables are let go at once.
      load_info = {};
      if (lookup) load_info.origin = LookupOrigin::derived;
      detail::LookupRows saved;
      std::string why_not;
      if (use_file && map_lookup_file(saved, why_not)) {
        mapped = static_cast<std::uint32_t>(saved.alive.size());
        apply_saved(saved);
        last = mapped;
        if (!lookup) {
          band_postings.clear();
          fingerprint_postings.clear();
        }
      } else if (lookup) {
        load_info.why_derived = why_not;
        // Winnowing keeps about one anchor in three; the sizes only avoid rehashing while
        // loading. length() of a blob is read from the row header, without reading the blob.
        detail::Statement size(db, "SELECT count(*), sum(length(sequence)) / 4 FROM articles");
        size.step();
        band_postings.reserve(static_cast<std::size_t>(size.column_int(0)) * bands.bands);
        fingerprint_postings.reserve(static_cast<std::size_t>(size.column_int(1)) * 36 / 100);
      }
    }
    std::vector<std::uint32_t> gaps;  // deleted numbers after `last`, ascending
    if (has_table(db, "deleted")) {
      detail::Statement g(db, "SELECT number FROM deleted WHERE number > ? ORDER BY number");
      g.bind(1, last);
      while (g.step()) gaps.push_back(static_cast<std::uint32_t>(g.column_int(0)));
    }
    detail::Statement s(db, lookup
        ? "SELECT number, id, source, published_unix, decision, family, merged, distinct_shingles, "
          "signature, sequence FROM articles WHERE number > ? ORDER BY number"
        : "SELECT number, id, source, published_unix, decision, family, merged, distinct_shingles "
          "FROM articles WHERE number > ? ORDER BY number");
    s.bind(1, last);
    // Keys are derived in parallel, a chunk of rows at a time, then added in number order.
    std::size_t next_gap = 0;
    auto gaps_before = [&](std::uint64_t number) {
      while (next_gap < gaps.size() && gaps[next_gap] < number) apply_gap(gaps[next_gap++]);
    };
    constexpr std::size_t chunk = 4096;
    std::vector<std::uint32_t> numbers;
    std::vector<std::vector<std::uint32_t>> signatures;
    std::vector<std::vector<ShingleHash>> sequences;
    std::size_t derived = 0;
    auto flush = [&] {
      std::vector<LoadedKeys> keys(numbers.size());
      tbb::parallel_for(std::size_t{0}, numbers.size(), [&](std::size_t i) {
        keys[i] = keys_of(signatures[i], sequences[i], params, bands);
      });
      // In number order, as add_keys would: the first max_bucket articles of a key keep it.
      std::vector<std::pair<std::uint64_t, std::uint32_t>> bands_in, fingerprints_in;
      for (std::size_t i = 0; i < numbers.size(); ++i) {
        for (std::uint64_t k : keys[i].bands) bands_in.emplace_back(k, numbers[i]);
        for (std::uint64_t k : keys[i].fingerprints) fingerprints_in.emplace_back(k, numbers[i]);
      }
      band_postings.insert_all(bands_in, params.max_bucket);
      fingerprint_postings.insert_all(fingerprints_in, params.max_bucket);
      derived += numbers.size();
      numbers.clear();
      signatures.clear();
      sequences.clear();
    };
    while (s.step()) {
      const auto number = static_cast<std::uint32_t>(s.column_int(0));
      gaps_before(number);
      const auto merged = detail::to_words(s.column_blob(6));
      apply(number, std::string(s.column_text(1)), std::string(s.column_text(2)),
            s.is_null(3) ? no_date : s.column_int(3), static_cast<std::uint32_t>(s.column_int(7)),
            static_cast<DedupDecision>(s.column_int(4)), static_cast<std::uint32_t>(s.column_int(5)),
            merged);
      if (!lookup) continue;
      auto signature = detail::to_words(s.column_blob(8));
      if (signature.size() != params.num_perm)
        throw Error(path + ": the index is damaged (article " + std::to_string(number) +
                    " has a signature of " + std::to_string(signature.size()) + " values)");
      numbers.push_back(number);
      signatures.push_back(std::move(signature));
      sequences.push_back(detail::to_words(s.column_blob(9)));
      if (numbers.size() == chunk) flush();
    }
    gaps_before(std::numeric_limits<std::uint64_t>::max());
    if (lookup) flush();
    if (!lookup || !full) return;
    if (mapped) load_info.origin = LookupOrigin::mapped;
    load_info.mapped_rows = mapped;
    load_info.derived_rows = derived;
    lookup_covered = mapped;
  }

  std::size_t tombstone_count() {
    return has_table(db, "deleted") ? static_cast<std::size_t>(db.query_int("SELECT count(*) FROM deleted")) : 0;
  }

  std::int64_t current_data_version() {
    data_version_query.reset();
    data_version_query.step();
    const std::int64_t version = data_version_query.column_int(0);
    data_version_query.reset();
    return version;
  }

  void reload() {
    clear_memory();
    db.exec("BEGIN");
    try {
      load_since(0);
      data_version = current_data_version();
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  }
};

Index::Index(const std::string& path, const Params& params, const IndexOptions& given)
    : impl_(std::make_unique<Impl>()) {
  validate(params);
  Impl& m = *impl_;
  m.params = params;
  m.path = path;
  m.options = given;
  if (m.options.read_only) m.options.create = false;
  if (path.empty()) throw Error("the index path is empty");
  const bool existed = file_exists(path);
  if (!existed && !m.options.create) throw Error(path + ": no such index");
  m.db = detail::Database(path, m.options.read_only, m.options.create, m.options.busy_timeout_ms);

  if (!m.options.read_only) {
    // Only takes effect when the file is new (before its first table).
    m.db.exec(("PRAGMA page_size = " + std::to_string(page_size)).c_str());
    // Switching to WAL needs an exclusive lock and SQLite does not wait for it (two processes
    // creating one index at once): retry for as long as the busy timeout allows.
    std::string mode;
    for (const auto give_up = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(m.options.busy_timeout_ms);;) {
      try {
        mode = m.db.query_text("PRAGMA journal_mode = WAL");
        break;
      } catch (const IndexBusy&) {
        if (std::chrono::steady_clock::now() >= give_up) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    if (mode != "wal") throw Error(path + ": cannot switch the index to WAL mode (" + mode + ")");
    m.db.exec(m.options.sync_every_commit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    m.db.exec(("PRAGMA wal_autocheckpoint = " + std::to_string(wal_autocheckpoint_pages)).c_str());
  }
  m.db.exec("PRAGMA cache_size = -65536");       // KiB: 64 MiB of pages
  m.db.exec(mmap_pragma);

  // Creating the schema and checking the stamp happen under the write lock, so two processes
  // creating one index at once cannot both create it.
  m.db.exec(m.options.read_only ? "BEGIN" : "BEGIN IMMEDIATE");
  try {
    Meta meta = read_meta(m.db);
    if (meta.empty()) {
      if (m.db.query_int("SELECT count(*) FROM sqlite_schema") != 0)
        throw Error(path + " is not a wiretrace index (an SQLite database with other tables)");
      if (m.options.read_only) throw Error(path + " is not a wiretrace index (empty)");
      m.db.exec(schema);
      detail::Statement put(m.db, "INSERT INTO meta(key, value) VALUES(?, ?)");
      auto entries = params_meta(params);
      entries.insert(entries.begin(), {{"format", index_format}, {"format_version", index_format_version}});
      for (const auto& [key, value] : entries) {
        put.bind_text(1, key);
        put.bind_text(2, value);
        put.step();
        put.reset();
      }
      meta = read_meta(m.db);
    }
    check_format(meta, path);
    if (!m.options.read_only && m.options.load_lookup && !meta.count("index_id")) {
      // Names this database in its lookup file (src/index/lookup_file.hpp); an index made before
      // lookup files gets one here. Older wiretraces ignore the entry.
      std::random_device device;
      const std::uint64_t id = (std::uint64_t{device()} << 32 | device()) | 1;
      detail::Statement put(m.db, "INSERT INTO meta(key, value) VALUES('index_id', ?)");
      put.bind_text(1, hex(id));
      put.step();
      meta["index_id"] = hex(id);
    }
    if (const auto id = meta.find("index_id"); id != meta.end())
      m.index_id = std::strtoull(id->second.c_str(), nullptr, 16);
    if (!m.options.read_only) {
      m.db.exec(lifecycle_schema);
      if (!has_column(m.db, "articles", "indexed_unix"))
        m.db.exec("ALTER TABLE articles ADD COLUMN indexed_unix INTEGER");
    }
    params_from_meta(meta, path);  // readable
    const std::string stamp = meta.count("sketch_stamp") ? meta.at("sketch_stamp") : "";
    if (stamp != hex(sketch_stamp(params))) {
      const auto wanted = params_meta(params);
      throw Error(path + " was made with " + describe_stamp(meta) + "; this run uses " +
                  describe_stamp(Meta(wanted.begin(), wanted.end())) + ". Articles stored with other " +
                  "parameters (or another normalizer or ICU) cannot be compared with new ones: use " +
                  "the index's parameters, or a new index." +
                  (meta.count("icu_version") ? ""
                                             : " (This index was made by an older wiretrace, "
                                               "whose stamp did not cover the boilerplate rule "
                                               "and the ICU version: make it anew.)"));
    }
    m.db.exec("COMMIT");
  } catch (...) {
    try {
      m.db.exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }

  m.bands = choose_bands(params.num_perm, params.lsh_threshold);
  m.params_hash = lookup_params_hash(params, m.bands);
  m.data_version_query = detail::Statement(m.db, "PRAGMA data_version");
  m.select_sequence = detail::Statement(m.db,
      "SELECT sequence, boilerplate, words FROM articles WHERE number = ?");
  m.select_row = detail::Statement(m.db,
      "SELECT number, id, source, title, url, published, lang, published_unix, bytes, words, "
      "boilerplate_words, reused_words, decision, family, merged, matches FROM articles "
      "WHERE number = ?");
  if (!m.options.read_only) {
    m.begin_write = detail::Statement(m.db, "BEGIN IMMEDIATE");
    m.commit_write = detail::Statement(m.db, "COMMIT");
  }
  if (!m.options.read_only)
    m.insert_row = detail::Statement(m.db,
        "INSERT INTO articles(number, id, source, title, url, published, lang, published_unix, "
        "bytes, words, boilerplate_words, reused_words, decision, family, merged, matches, "
        "signature, sequence, boilerplate, distinct_shingles, indexed_unix) VALUES(?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  m.reload();
}

Index::~Index() {
  if (impl_ && impl_->in_transaction) {
    try {
      impl_->db.exec("ROLLBACK");
    } catch (...) {
    }
  }
}
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

const Params& Index::params() const { return impl_->params; }
const std::string& Index::path() const { return impl_->path; }
std::size_t Index::size() const { return impl_->alive_count; }
std::uint32_t Index::last_number() const { return static_cast<std::uint32_t>(impl_->ids.size()); }
bool Index::contains(std::uint32_t number) const { return impl_->is_alive(number); }

Params Index::stored_params(const std::string& path) {
  if (!file_exists(path)) throw Error(path + ": no such index");
  detail::Database db(path, true, false, 10000);
  db.exec("BEGIN");
  const Meta meta = read_meta(db);
  db.exec("COMMIT");
  if (meta.empty()) throw Error(path + " is not a wiretrace index");
  check_format(meta, path);
  return params_from_meta(meta, path);
}

std::optional<std::uint32_t> Index::find(std::string_view id) const {
  const auto it = impl_->by_id.find(std::string(id));
  if (it == impl_->by_id.end()) return std::nullopt;
  return it->second;
}

const std::string& Index::id_of(std::uint32_t number) const {
  WIRETRACE_ASSERT(number >= 1 && number <= impl_->ids.size());
  return *impl_->ids[number - 1];
}

std::optional<std::int64_t> Index::published_unix(std::uint32_t number) const {
  WIRETRACE_ASSERT(number >= 1 && number <= impl_->published.size());
  const std::int64_t date = impl_->published[number - 1];
  if (date == no_date) return std::nullopt;
  return date;
}

std::uint32_t Index::family_of(std::uint32_t number) const { return impl_->find_family(number); }

namespace {

template <class DistinctOf>
IndexedArticle read_article(const detail::Statement& s, DistinctOf distinct_of) {
  IndexedArticle a;
  a.number = static_cast<std::uint32_t>(s.column_int(0));
  a.id = s.column_text(1);
  a.source = s.column_text(2);
  a.title = s.column_text(3);
  a.url = s.column_text(4);
  a.published = s.column_text(5);
  a.lang = s.column_text(6);
  if (!s.is_null(7)) a.published_unix = s.column_int(7);
  a.bytes = static_cast<std::uint32_t>(s.column_int(8));
  a.words = static_cast<std::uint32_t>(s.column_int(9));
  a.boilerplate_words = static_cast<std::uint32_t>(s.column_int(10));
  a.shared_words = static_cast<std::uint32_t>(s.column_int(11));
  a.decision = static_cast<DedupDecision>(s.column_int(12));
  a.family = static_cast<std::uint32_t>(s.column_int(13));
  a.merged = detail::to_words(s.column_blob(14));
  a.matches = detail::decode_matches(s.column_blob(15), a.number, distinct_of);
  return a;
}

}  // namespace

IndexedArticle Index::article(std::uint32_t number) const {
  auto& s = impl_->select_row;
  s.reset();
  s.bind(1, number);
  if (!s.step()) throw Error(impl_->path + ": no article number " + std::to_string(number));
  IndexedArticle a = read_article(s, [&](std::uint32_t n) { return impl_->distinct_of(n); });
  s.reset();
  return a;
}

std::vector<IndexedArticle> Index::all_articles() const {
  detail::Statement s(impl_->db,
      "SELECT number, id, source, title, url, published, lang, published_unix, bytes, words, "
      "boilerplate_words, reused_words, decision, family, merged, matches FROM articles "
      "ORDER BY number");
  std::vector<IndexedArticle> out;
  while (s.step())
    out.push_back(read_article(s, [&](std::uint32_t n) { return impl_->distinct_of(n); }));
  return out;
}

ShingleSet Index::shingles(std::uint32_t number) const {
  auto& s = impl_->select_sequence;
  s.reset();
  s.bind(1, number);
  if (!s.step()) throw Error(impl_->path + ": no article number " + std::to_string(number));
  auto sequence = detail::to_words(s.column_blob(0));
  const auto words = static_cast<std::uint32_t>(s.column_int(2));
  s.reset();
  return make_shingle_set(std::move(sequence), words);
}

std::vector<ShingleHash> Index::unmasked_sequence(std::uint32_t number) const {
  const auto cached = impl_->unmasked_cache.find(number);
  if (cached != impl_->unmasked_cache.end()) return cached->second;
  auto& s = impl_->select_sequence;
  s.reset();
  s.bind(1, number);
  if (!s.step()) throw Error(impl_->path + ": no article number " + std::to_string(number));
  auto sequence = detail::to_words(s.column_blob(0));
  const auto masked = detail::to_words(s.column_blob(1));
  s.reset();
  std::size_t next = 0;
  for (ShingleHash& h : sequence)
    if (h == 0 && next < masked.size()) h = masked[next++];
  if (impl_->unmasked_cache.size() >= unmasked_cache_limit) impl_->unmasked_cache.clear();
  impl_->unmasked_cache.emplace(number, sequence);
  return sequence;
}

std::vector<std::uint32_t> Index::recent_of_source(const std::string& source,
                                                   std::size_t count) const {
  if (source.empty()) return {};
  const auto it = impl_->by_source.find(source);
  if (it == impl_->by_source.end()) return {};
  std::vector<std::uint32_t> out;
  for (auto n = it->second.rbegin(); n != it->second.rend() && out.size() < count; ++n)
    if (impl_->is_alive(*n)) out.push_back(*n);
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<std::uint32_t> Index::candidates(std::span<const std::uint64_t> band_keys,
                                             std::span<const std::uint64_t> fingerprints,
                                             LookupStats& stats) const {
  const Impl& m = *impl_;
  // A key is skipped when the new article would make its bucket larger than max_bucket.
  const std::size_t cap = m.params.max_bucket - 1;
  // PERF: the postings are far larger than the caches and each key is one random probe; asking
  // for all the cache lines first lets the misses overlap instead of queueing one by one.
  for (std::uint64_t key : band_keys) m.band_postings.prefetch(key);
  for (std::uint64_t key : fingerprints) m.fingerprint_postings.prefetch(key);
  std::vector<std::uint32_t> out;
  for (std::uint64_t key : band_keys) {
    const std::size_t before = out.size();
    if (!m.band_postings.find(key, cap, out)) ++stats.capped_keys;
    stats.band_hits += out.size() - before;
  }
  for (std::uint64_t key : fingerprints) {
    const std::size_t before = out.size();
    if (!m.fingerprint_postings.find(key, cap, out)) ++stats.capped_keys;
    stats.fingerprint_hits += out.size() - before;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  // Deleted articles stay in the postings until the next load; they are no candidates.
  std::erase_if(out, [&](std::uint32_t n) { return !m.is_alive(n); });
  return out;
}

void Index::begin() {
  Impl& m = *impl_;
  if (m.options.read_only) throw Error(m.path + ": opened read-only");
  WIRETRACE_ASSERT(!m.in_transaction);
  m.run(m.begin_write);
  m.in_transaction = true;
  m.inserted = false;
  try {
    // data_version changes only when another connection committed: then read its rows.
    const std::int64_t version = m.current_data_version();
    if (version != m.data_version) {
      // Another process deleted articles this one holds: read everything again (rare; deletion
      // is maintenance). Otherwise only the rows after the last one known are new.
      if (m.tombstone_count() != m.tombstones_seen) {
        m.clear_memory();
        m.load_since(0);
      } else {
        m.load_since(static_cast<std::uint32_t>(m.ids.size()));
      }
      m.data_version = version;
    }
  } catch (...) {
    rollback();
    throw;
  }
}

bool Index::in_transaction() const { return impl_->in_transaction; }

std::uint32_t Index::insert(IndexEntry entry) {
  Impl& m = *impl_;
  WIRETRACE_ASSERT(m.in_transaction);
  IndexedArticle& a = entry.article;
  WIRETRACE_ASSERT(entry.signature.size() == m.params.num_perm);
  if (m.by_id.count(a.id)) throw Error(m.path + ": id \"" + a.id + "\" is already indexed");
  const auto number = static_cast<std::uint32_t>(m.ids.size() + 1);
  if (a.decision == DedupDecision::new_article || a.family == 0) a.family = number;

  const auto merged = a.merged;
  const auto matches = detail::encode_matches(a.matches);
  auto& s = m.insert_row;
  s.reset();
  s.bind(1, number);
  s.bind_text(2, a.id);
  s.bind_text_or_null(3, a.source);
  s.bind_text_or_null(4, a.title);
  s.bind_text_or_null(5, a.url);
  s.bind_text_or_null(6, a.published);
  s.bind_text_or_null(7, a.lang);
  if (a.published_unix) s.bind(8, *a.published_unix);
  else s.bind_null(8);
  s.bind(9, a.bytes);
  s.bind(10, a.words);
  s.bind(11, a.boilerplate_words);
  s.bind(12, a.shared_words);
  s.bind(13, static_cast<std::int64_t>(a.decision));
  s.bind(14, a.family);
  if (merged.empty()) s.bind_null(15);
  else s.bind_blob_static(15, detail::as_bytes_of(merged));
  s.bind_blob_static(16, detail::as_bytes_of(matches));
  s.bind_blob_static(17, detail::as_bytes_of(entry.signature));
  // Shingle hashes are 32-bit words already: the blobs are their bytes.
  s.bind_blob_static(18, detail::as_bytes_of(entry.sequence));
  if (entry.boilerplate.empty()) s.bind_null(19);
  else s.bind_blob_static(19, detail::as_bytes_of(entry.boilerplate));
  s.bind(20, entry.distinct_shingles);
  s.bind(21, now_unix());
  s.step();
  s.reset();

  // Lookups inside this transaction see the article at once; a rollback rebuilds the memory.
  m.inserted = true;
  m.apply(number, a.id, a.source, a.published_unix ? *a.published_unix : no_date,
          entry.distinct_shingles, a.decision, a.family, merged);
  if (entry.band_keys.empty() && entry.fingerprints.empty())
    m.add_keys(number, keys_of(entry.signature, entry.sequence, m.params, m.bands));
  else
    m.add_keys(number, {std::move(entry.band_keys), std::move(entry.fingerprints)});
  if (!a.source.empty()) {  // the partner cache holds sequences as they were read
    std::size_t next = 0;
    for (ShingleHash& h : entry.sequence)
      if (h == 0 && next < entry.boilerplate.size()) h = entry.boilerplate[next++];
    if (m.unmasked_cache.size() >= unmasked_cache_limit) m.unmasked_cache.clear();
    m.unmasked_cache.emplace(number, std::move(entry.sequence));
  }
  return number;
}

void Index::remove(std::uint32_t number) {
  Impl& m = *impl_;
  WIRETRACE_ASSERT(m.in_transaction);
  if (!m.is_alive(number)) throw Error(m.path + ": no article number " + std::to_string(number));
  detail::Statement del(m.db, "DELETE FROM articles WHERE number = ?");
  del.bind(1, number);
  del.step();
  detail::Statement tomb(m.db, "INSERT INTO deleted(number, id, at) VALUES(?, ?, ?)");
  tomb.bind(1, number);
  tomb.bind_text(2, *m.ids[number - 1]);
  tomb.bind(3, now_unix());
  tomb.step();
  m.inserted = true;  // a rollback reloads
  m.lookup_exact = false;  // its postings stay until a full load (see Impl::lookup_exact)
  m.by_id.erase(*m.ids[number - 1]);
  static const std::string none;
  m.ids[number - 1] = &none;
  m.alive[number - 1] = 0;
  --m.alive_count;
  ++m.tombstones_seen;
  m.unmasked_cache.erase(number);
}

std::vector<std::uint32_t> Index::older_than(std::int64_t before_unix) const {
  // By `published` when the article has a date, else by when it was indexed; an article of an
  // older index without either is kept (nothing says it is old).
  detail::Statement s(impl_->db,
      "SELECT number FROM articles WHERE coalesce(published_unix, indexed_unix) < ? ORDER BY number");
  s.bind(1, before_unix);
  std::vector<std::uint32_t> out;
  while (s.step()) out.push_back(static_cast<std::uint32_t>(s.column_int(0)));
  return out;
}

void Index::commit() {
  Impl& m = *impl_;
  WIRETRACE_ASSERT(m.in_transaction);
  try {
    m.run(m.commit_write);
  } catch (...) {
    rollback();
    throw;
  }
  m.in_transaction = false;
}

void Index::rollback() {
  Impl& m = *impl_;
  if (!m.in_transaction) return;
  m.in_transaction = false;
  // After a failed COMMIT SQLite may have rolled back already: then there is nothing to undo.
  if (!sqlite3_get_autocommit(m.db.get())) m.db.exec("ROLLBACK");
  if (m.inserted) m.reload();  // forget the rows that were not committed
  m.inserted = false;
}

const LookupLoad& Index::lookup_load() const { return impl_->load_info; }

std::string Index::lookup_path(const std::string& index_path) { return index_path + "-lookup"; }

bool Index::save_lookup(LookupSave when) {
  Impl& m = *impl_;
  if (!m.options.load_lookup || m.options.read_only || m.index_id == 0) return false;
  WIRETRACE_ASSERT(!m.in_transaction);
  if (when == LookupSave::if_worthwhile) {
    // Few rows left to derive at the next open: not worth writing the whole tables again.
    const std::size_t uncovered = m.ids.size() - std::min<std::size_t>(m.lookup_covered, m.ids.size());
    if (!m.lookup_exact || uncovered < 1000 || uncovered * 16 < m.lookup_covered) return false;
  } else if (!m.lookup_exact) {
    m.reload();
  }
  if (m.ids.empty()) return false;
  detail::LookupHeader header;
  header.index_id = m.index_id;
  header.params_hash = m.params_hash;
  header.covered = static_cast<std::uint32_t>(m.ids.size());
  header.tombstones = static_cast<std::uint32_t>(m.tombstones_seen);
  detail::write_lookup_file(lookup_path(m.path), header, m.band_postings, m.fingerprint_postings,
                            m.saved_rows());
  m.lookup_covered = header.covered;
  return true;
}

IndexStats Index::stats() const {
  const Impl& m = *impl_;
  IndexStats s;
  s.articles = m.alive_count;
  s.sketch_stamp = sketch_stamp(m.params);
  std::unordered_map<std::uint32_t, std::size_t> members;
  for (std::uint32_t n = 1; n <= m.ids.size(); ++n)
    if (m.is_alive(n)) ++members[m.find_family(n)];
  for (const auto& [family, count] : members) {
    if (count >= 2) ++s.families;
    else ++s.unique;
  }
  detail::Statement decisions(m.db, "SELECT decision, count(*) FROM articles GROUP BY decision");
  while (decisions.step()) {
    const auto count = static_cast<std::size_t>(decisions.column_int(1));
    switch (static_cast<DedupDecision>(decisions.column_int(0))) {
      case DedupDecision::new_article: s.new_articles = count; break;
      case DedupDecision::copy: s.copies = count; break;
      case DedupDecision::duplicate: s.duplicates = count; break;
    }
  }
  s.bytes_on_disk = file_size(m.path) + file_size(m.path + "-wal") + file_size(m.path + "-shm");
  s.bytes_per_article = s.articles ? static_cast<double>(s.bytes_on_disk) / s.articles : 0;
  s.lookup_bytes = file_size(lookup_path(m.path));
  return s;
}

void compact_index(const std::string& path, unsigned busy_timeout_ms) {
  if (!file_exists(path)) throw Error(path + ": no such index");
  detail::Database db(path, false, false, busy_timeout_ms);
  {
    db.exec("BEGIN");
    const Meta meta = read_meta(db);
    db.exec("COMMIT");
    if (meta.empty()) throw Error(path + " is not a wiretrace index");
    check_format(meta, path);
  }
  // TRUNCATE: every frame copied back and the WAL emptied; then VACUUM rewrites the file.
  const std::string busy = db.query_text("PRAGMA wal_checkpoint(TRUNCATE)");
  if (!busy.empty() && busy != "0")
    throw IndexBusy(path + " is in use by another process (the WAL could not be checkpointed)");
  db.exec("VACUUM");
  db.query_text("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace wiretrace
