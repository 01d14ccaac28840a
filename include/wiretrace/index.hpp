// The persistent index of feed deduplication: one SQLite file (WAL mode) holding, per article
// decided, what later matching needs (its shingle sequence with boilerplate masked, its MinHash
// signature, metadata) and the decision made for it. LSH band keys and passage fingerprints are
// derived from those rows and looked up in memory; save_lookup() keeps them beside the file
// (INDEX-lookup) so that the next open maps them instead of deriving them again. It stores and
// finds; dedup.hpp decides.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wiretrace/candidates.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/params.hpp"
#include "wiretrace/pipeline.hpp"
#include "wiretrace/shingle.hpp"
#include "wiretrace/verify.hpp"

namespace wiretrace {

/// What dedup decided for an article.
enum class DedupDecision {
  new_article,  ///< shares wire copy with no indexed article: it founds a family
  copy,         ///< shares wire copy (the decision rule of verify.hpp) with an indexed article
  duplicate,    ///< near-identical to an indexed article (see DedupOptions for the thresholds)
};
/// "new", "copy", "duplicate".
const char* to_string(DedupDecision decision);

/// One indexed article as stored (its shingles are read on demand with Index::shingles).
struct IndexedArticle {
  /// 1-based insertion order, never reused. A family is numbered after the article that founded
  /// it, so a `new` article's family number is its own number.
  std::uint32_t number = 0;
  std::string id, source, title, url, published, lang;
  std::optional<std::int64_t> published_unix;
  std::uint32_t bytes = 0;              ///< length of the text as read
  std::uint32_t words = 0;              ///< tokens
  std::uint32_t boilerplate_words = 0;  ///< words covered only by masked shingles
  std::uint32_t shared_words = 0;       ///< words covered by shingles shared with its matches
  DedupDecision decision = DedupDecision::new_article;
  std::uint32_t family = 0;             ///< the family number given when it was decided
  std::vector<std::uint32_t> merged;    ///< families this article joined into `family`
  /// The accepted pairs with earlier articles, best first; a = the earlier article's number,
  /// b = this article's number (the orientation of a batch run: a is the older document).
  std::vector<ScoredPair> matches;
};

/// An article to record: what was decided plus what later matching needs.
struct IndexEntry {
  IndexedArticle article;                ///< `number` is assigned by Index::insert
  /// Shingle hashes by position (32-bit, as everywhere), 0 = masked boilerplate.
  std::vector<ShingleHash> sequence;
  std::vector<ShingleHash> boilerplate;  ///< the masked values, in position order
  std::uint32_t distinct_shingles = 0;   ///< distinct non-zero values of `sequence`
  std::vector<std::uint32_t> signature;  ///< minhash() of the distinct non-zero values
  /// The lookup keys, when the caller computed them already (band_keys, passage_fingerprints);
  /// when both are empty they are derived from `signature` and `sequence`.
  std::vector<std::uint64_t> band_keys, fingerprints;
};

struct IndexOptions {
  bool create = true;       ///< create the file when it does not exist (else throw Error)
  bool read_only = false;   ///< inspect only (stats, export); implies !create
  /// Build the in-memory lookup of band keys and fingerprints (dedup needs it; stats does not).
  bool load_lookup = true;
  /// Milliseconds to wait for another process's write lock before failing with IndexBusy.
  unsigned busy_timeout_ms = 10000;
  /// fsync the WAL at every commit: an emitted decision then survives a power failure too. Off,
  /// every commit survives the process being killed (SIGKILL) and the file never corrupts, but
  /// a power failure may lose the last commits before a checkpoint.
  bool sync_every_commit = false;
};

/// Work counters of candidate lookups (the faiss habit: a stats struct per implementation).
struct LookupStats {
  std::size_t band_hits = 0;         ///< (key, article) postings met through LSH band keys
  std::size_t fingerprint_hits = 0;  ///< postings met through passage fingerprints
  std::size_t capped_keys = 0;       ///< keys skipped for being shared by > max_bucket articles
  std::size_t out_of_window = 0;     ///< candidates dropped by the publication window
};

/// Where the lookup tables of an open came from.
enum class LookupOrigin {
  none,     ///< not loaded (IndexOptions::load_lookup off)
  derived,  ///< derived from every row (no usable lookup file)
  mapped,   ///< mapped from the lookup file; rows after the ones it covers derived
};

/// How the lookup tables were loaded by the last full load (the open, or a reload).
struct LookupLoad {
  LookupOrigin origin = LookupOrigin::none;
  std::size_t mapped_rows = 0;   ///< rows whose keys came from the lookup file
  std::size_t derived_rows = 0;  ///< rows whose keys were derived from the stored row
  std::string why_derived;       ///< why the lookup file was not used ("" when it was)
};

/// When Index::save_lookup writes the lookup file.
enum class LookupSave {
  /// When the rows it would not cover are many (at least 1,000 and a sixteenth of the ones it
  /// covers), so that the next open derives few; never after deletions in this process.
  if_worthwhile,
  always,  ///< now (after deletions in this process, the tables are derived afresh first)
};

struct IndexStats {
  std::size_t articles = 0;
  std::size_t families = 0;       ///< families of two or more articles (as `cluster` counts them)
  std::size_t unique = 0;         ///< articles alone in their family
  std::size_t new_articles = 0, copies = 0, duplicates = 0;  ///< decisions
  std::uint64_t bytes_on_disk = 0;  ///< the database file plus its -wal and -shm files
  /// The lookup file beside it (Index::lookup_path; 0 when there is none): a cache of the
  /// in-memory tables, about as large as the database, that the next open maps.
  std::uint64_t lookup_bytes = 0;
  double bytes_per_article = 0;
  std::uint64_t sketch_stamp = 0;
};

class Index {
 public:
  /// Opens (or creates) the index at `path`. Throws Error when the file is not a wiretrace index,
  /// or was made with a different sketch_stamp(params) (its stamped parameters, the normalizer
  /// and the ICU version): articles stored with different stamps must never be compared (the
  /// datasketches habit). The message names both sides' values.
  Index(const std::string& path, const Params& params, const IndexOptions& options = {});
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  const Params& params() const;
  const std::string& path() const;
  /// Articles known to this process (all committed ones as of the last transaction), deleted
  /// ones not counted.
  std::size_t size() const;
  /// The highest number given so far (deleted numbers included: numbers are never reused).
  std::uint32_t last_number() const;
  /// Whether `number` is an article of the index (not deleted, not out of range).
  bool contains(std::uint32_t number) const;

  /// The parameters the index at `path` was created with (stats, export and compact open it
  /// with these). Throws Error when the file does not exist or is not a wiretrace index.
  static Params stored_params(const std::string& path);

  /// Number of the article with this id, if indexed (as of the last transaction).
  std::optional<std::uint32_t> find(std::string_view id) const;
  /// The stored row. `number` in [1, size()].
  IndexedArticle article(std::uint32_t number) const;
  const std::string& id_of(std::uint32_t number) const;
  std::optional<std::int64_t> published_unix(std::uint32_t number) const;
  /// The family the article belongs to now (its decided family after later merges).
  std::uint32_t family_of(std::uint32_t number) const;

  /// The stored sequence with boilerplate masked, as a ShingleSet for score_pair.
  ShingleSet shingles(std::uint32_t number) const;
  /// The stored sequence with the masked values put back (what boilerplate masking compares).
  std::vector<ShingleHash> unmasked_sequence(std::uint32_t number) const;
  /// Numbers of the last `count` articles of `source`, oldest first (none for an empty source).
  std::vector<std::uint32_t> recent_of_source(const std::string& source, std::size_t count) const;

  /// Articles sharing an LSH band key or a passage fingerprint with the given ones, ascending.
  /// Keys held by more than params().max_bucket articles are skipped and counted.
  std::vector<std::uint32_t> candidates(std::span<const std::uint64_t> band_keys,
                                        std::span<const std::uint64_t> fingerprints,
                                        LookupStats& stats) const;

  /// Starts a write transaction (waiting up to busy_timeout_ms for the lock; IndexBusy after
  /// that) and reads what other processes committed since this one last looked. Decide inside
  /// it: the lookups then see every committed article.
  void begin();
  /// Records an article inside the transaction; returns its number.
  std::uint32_t insert(IndexEntry entry);
  /// Deletes an article inside the transaction: its row goes, its number stays taken (a gap that
  /// lookups, exports and stats skip) and its family keeps its number and joins. Its id may be
  /// indexed again, as a new article.
  void remove(std::uint32_t number);
  /// Articles published before `before_unix` (seconds since the epoch), or, without a date,
  /// indexed before it; ascending. Rows of an index made before indexing times were recorded
  /// count only by their date.
  std::vector<std::uint32_t> older_than(std::int64_t before_unix) const;
  /// Commits; only then do inserted articles become visible to lookups of this object.
  void commit();
  /// Abandons the transaction and whatever was inserted in it.
  void rollback();
  bool in_transaction() const;

  /// How the open (or the last reload) loaded the lookup tables.
  const LookupLoad& lookup_load() const;
  /// Saves the lookup tables to lookup_path(path()) (written whole, then renamed over the old
  /// file: other processes keep what they mapped), unless `when` says it is not worth it. Outside
  /// a transaction; returns whether it wrote. The file is a cache: the next open uses it only
  /// when it matches the rows (same index, same rows and deletions up to the ones it covers, same
  /// parameters and key derivation), and derives the tables as before otherwise. Throws
  /// std::runtime_error when the file cannot be written.
  bool save_lookup(LookupSave when = LookupSave::if_worthwhile);
  /// `index_path` + "-lookup".
  static std::string lookup_path(const std::string& index_path);

  IndexStats stats() const;
  /// Every row, in insertion order (for export and tests).
  std::vector<IndexedArticle> all_articles() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The index's families as a `cluster` result (families from build_families over the stored
/// pairs, originals by choose_original, roles, per-document figures), for write_json_report.
/// Texts are not stored: documents carry a blank text of the stored length (so `bytes` is right)
/// and no passages; reused/added words are the dedup figures of each article when it was
/// decided; stats count the stored (accepted) pairs, not candidates.
ClusterResult export_index(const Index& index);

/// Checkpoints the WAL into the database file and rebuilds it (VACUUM). Needs the write lock.
void compact_index(const std::string& path, unsigned busy_timeout_ms = 10000);

}  // namespace wiretrace
