#include "wiretrace/dedup.hpp"

#include <algorithm>
#include <cstdlib>

#include <tbb/task_arena.h>

#include "detail/assert.hpp"
#include "detail/hash_set.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/boilerplate.hpp"
#include "wiretrace/candidates.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/sketch.hpp"
#include "wiretrace/engine.hpp"
#include "wiretrace/verify.hpp"

namespace wiretrace {

// What deciding one article produced: the report and the row to store.
struct Deduplicator::Decided {
  DedupResult result;
  IndexEntry entry;
  DedupStats work;  // this article's share of the counters, added once it is committed
};

Deduplicator::Deduplicator(Index& index, DedupOptions options)
    : index_(&index), options_(options) {}

namespace {

// Calls f on the non-zero shingles of the first and last `edge` positions (mask_boilerplate's
// edge zone: where a publisher's header and footer live).
template <class F>
void for_each_edge_shingle(const std::vector<ShingleHash>& sequence, std::size_t edge, F f) {
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    if (i == edge && sequence.size() > 2 * edge) i = sequence.size() - edge;
    if (sequence[i] != 0) f(sequence[i]);
  }
}

bool is_duplicate(const ScoredPair& p, const Params& o) {
  return p.jaccard >= o.duplicate_jaccard ||
         (p.containment_ab >= o.duplicate_containment && p.containment_ba >= o.duplicate_containment);
}

}  // namespace

// The article's shingles with its source's boilerplate masked (0), and the values masked.
struct Deduplicator::Masked {
  std::vector<ShingleHash> sequence;
  std::vector<ShingleHash> values;
};

// Boilerplate: the stage's own rule (boilerplate.hpp), applied to the new article and the latest
// articles of its source (their sequences as read, masks put back).
Deduplicator::Masked Deduplicator::mask_against_source(const Document& document,
                                                       const PreparedArticle& prepared) const {
  const Params& p = index_->params();
  Masked out{prepared.sequence, {}};
  std::vector<ShingleHash>& sequence = out.sequence;
  if (document.source.empty() || p.boilerplate_edge_words == 0 || p.feed_boilerplate_partners == 0)
    return out;
  // Only partners that carry one of the new article's edge shingles at their own edges can
  // make its text boilerplate; leaving the others out changes nothing for the new article
  // and spares the stage most of its work (none at all for a source without repeated text).
  const std::size_t edge = p.boilerplate_edge_words;
  thread_local detail::ShingleHashSet own_edges;
  own_edges.reset(std::min(sequence.size(), 2 * edge));
  for_each_edge_shingle(sequence, edge, [&](ShingleHash h) { own_edges.insert(h); });
  std::vector<std::vector<ShingleHash>> sequences;
  for (auto n : index_->recent_of_source(document.source, p.feed_boilerplate_partners)) {
    auto partner = index_->unmasked_sequence(n);
    bool shares = false;
    for_each_edge_shingle(partner, edge, [&](ShingleHash h) { shares = shares || own_edges.contains(h); });
    if (shares) sequences.push_back(std::move(partner));
  }
  if (sequences.empty()) return out;
  sequences.push_back(sequence);
  const std::vector<std::string> sources(sequences.size(), document.source);
  // PERF: a handful of articles is too little work to wake the worker threads for (and
  // waiting on them put milliseconds into the latency tail): the stage runs on this thread.
  static thread_local tbb::task_arena serial(1);
  serial.execute([&] { mask_boilerplate(sequences, sources, p); });
  const auto& masked = sequences.back();
  for (std::size_t i = 0; i < sequence.size(); ++i)
    if (masked[i] == 0 && sequence[i] != 0) out.values.push_back(sequence[i]);
  sequence = std::move(sequences.back());
  return out;
}

// The engine's steps for one article of a feed: mask against its source, keys, candidates from
// the index (within the window), match, decide, and the row to store.
Deduplicator::Decided Deduplicator::decide_unlocked(const Document& document,
                                                    const PreparedArticle& prepared) {
  const Params& p = index_->params();
  Decided out;
  DedupStats& work = out.work;

  Masked masked = mask_against_source(document, prepared);
  std::vector<ShingleHash> masked_values = std::move(masked.values);
  work.boilerplate_masked += masked_values.size();
  std::vector<ShingleHash> sequence = std::move(masked.sequence);

  ShingleSet set = make_shingle_set(std::move(sequence), prepared.words);
  ArticleKeys keys = article_keys(set.sequence, p);
  auto candidates = index_->candidates(keys.band_keys, keys.fingerprints, work.lookup);

  if (options_.window_seconds && document.published_unix) {
    const std::int64_t at = *document.published_unix, window = *options_.window_seconds;
    std::erase_if(candidates, [&](std::uint32_t n) {
      const auto date = index_->published_unix(n);
      const bool out_of_window = date && (*date > at ? *date - at : at - *date) > window;
      work.lookup.out_of_window += out_of_window;
      return out_of_window;
    });
  }
  work.candidates += candidates.size();

  // Verification in the orientation of a batch run: a = the earlier (indexed) article.
  std::vector<ScoredPair> accepted;
  std::vector<ShingleSet> matched;
  for (std::uint32_t n : candidates) {
    ShingleSet stored = index_->shingles(n);
    auto pair = match_articles(stored, set, p);
    if (!pair) continue;
    pair->a = n;
    pair->b = 0;  // not numbered yet
    accepted.push_back(*pair);
    matched.push_back(std::move(stored));
  }
  work.accepted += accepted.size();
  std::sort(accepted.begin(), accepted.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.jaccard != y.jaccard) return x.jaccard > y.jaccard;
    if (x.containment_ba != y.containment_ba) return x.containment_ba > y.containment_ba;
    return x.a < y.a;
  });

  DedupResult& r = out.result;
  r.id = document.id;
  if (accepted.empty()) {
    r.decision = DedupDecision::new_article;
  } else {
    r.decision = std::any_of(accepted.begin(), accepted.end(),
                             [&](const ScoredPair& m) { return is_duplicate(m, p); })
                     ? DedupDecision::duplicate
                     : DedupDecision::copy;
    // The family of the best match; every other family matched is joined into it.
    r.family = index_->family_of(accepted.front().a);
    for (const ScoredPair& m : accepted) {
      const std::uint32_t f = index_->family_of(m.a);
      if (f != r.family && std::find(r.merged.begin(), r.merged.end(), f) == r.merged.end())
        r.merged.push_back(f);
    }
    std::sort(r.merged.begin(), r.merged.end());
    work.merges += r.merged.size();
  }
  for (const ScoredPair& m : accepted)
    r.matches.push_back({index_->id_of(m.a), m.a, m.jaccard, m.containment_ba, m.longest_run});
  const WordParts parts = word_parts(set, matched, p.shingle_k);
  r.words = prepared.words;
  r.shared_words = parts.reused;
  r.boilerplate_words = parts.boilerplate;
  r.unshared_words = parts.added;

  IndexedArticle& a = out.entry.article;
  a.id = document.id;
  a.source = document.source;
  a.title = document.title;
  a.url = document.url;
  a.published = document.published;
  a.lang = document.lang;
  a.published_unix = document.published_unix;
  a.bytes = static_cast<std::uint32_t>(document.text.size());
  a.words = r.words;
  a.boilerplate_words = r.boilerplate_words;
  a.shared_words = r.shared_words;
  a.decision = r.decision;
  a.family = r.family;
  a.merged = r.merged;
  a.matches = std::move(accepted);
  out.entry.distinct_shingles = set.distinct_count;
  out.entry.sequence = std::move(set.sequence);
  out.entry.boilerplate = std::move(masked_values);
  out.entry.signature = std::move(keys.signature);
  out.entry.band_keys = std::move(keys.band_keys);
  out.entry.fingerprints = std::move(keys.fingerprints);

  work.articles = 1;
  work.new_articles = r.decision == DedupDecision::new_article;
  work.copies = r.decision == DedupDecision::copy;
  work.duplicates = r.decision == DedupDecision::duplicate;
  return out;
}

DedupResult Deduplicator::seen_result(std::uint32_t number) const {
  const IndexedArticle a = index_->article(number);
  DedupResult r;
  r.id = a.id;
  r.decision = a.decision;
  r.number = a.number;
  r.family = a.family;
  r.merged = a.merged;
  for (const ScoredPair& m : a.matches)  // a match deleted since is no longer named
    if (index_->contains(m.a))
      r.matches.push_back({index_->id_of(m.a), m.a, m.jaccard, m.containment_ba, m.longest_run});
  r.words = a.words;
  r.shared_words = a.shared_words;
  r.boilerplate_words = a.boilerplate_words;
  r.unshared_words = a.words - std::min(a.words, a.shared_words + a.boilerplate_words);
  r.seen = true;
  return r;
}

// The same text as stored: same length and the same shingles (boilerplate put back). A feed
// that sends a story again unchanged is answered "seen"; a corrected story is a new version.
bool Deduplicator::same_text(std::uint32_t number, const Document& document,
                             const PreparedArticle& prepared) const {
  const IndexedArticle stored = index_->article(number);
  return stored.bytes == document.text.size() && stored.words == prepared.words &&
         index_->unmasked_sequence(number) == prepared.sequence;
}

namespace {

void accumulate(DedupStats& total, const DedupStats& part) {
  total.articles += part.articles;
  total.new_articles += part.new_articles;
  total.copies += part.copies;
  total.duplicates += part.duplicates;
  total.seen += part.seen;
  total.updated += part.updated;
  total.candidates += part.candidates;
  total.accepted += part.accepted;
  total.merges += part.merges;
  total.boilerplate_masked += part.boilerplate_masked;
  total.lookup.band_hits += part.lookup.band_hits;
  total.lookup.fingerprint_hits += part.lookup.fingerprint_hits;
  total.lookup.capped_keys += part.lookup.capped_keys;
  total.lookup.out_of_window += part.lookup.out_of_window;
}

}  // namespace

std::vector<DedupResult> Deduplicator::add(std::span<const Document> documents,
                                           std::span<const PreparedArticle> prepared) {
  WIRETRACE_ASSERT(documents.size() == prepared.size());
  std::vector<DedupResult> results(documents.size());
  DedupStats work;
  // Ids known with the same text before the lock is taken need no lock.
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const auto n = index_->find(documents[i].id);
    bool seen = false;
    try {
      if (n && same_text(*n, documents[i], prepared[i])) {
        results[i] = seen_result(*n);
        seen = true;
      }
    } catch (const Error&) {
      // Another process deleted the row since this one last looked: decide it under the lock,
      // where the index is read afresh.
    }
    if (seen) ++work.seen;
    else pending.push_back(i);
  }
  if (!pending.empty()) {
    index_->begin();
    try {
      for (std::size_t i : pending) {
        // Another process, or an earlier record of this batch, may have indexed it meanwhile.
        bool updated = false;
        if (const auto n = index_->find(documents[i].id)) {
          if (same_text(*n, documents[i], prepared[i])) {
            results[i] = seen_result(*n);
            ++work.seen;
            continue;
          }
          index_->remove(*n);  // the old version goes; this one is decided against the rest
          updated = true;
        }
        Decided decided = decide_unlocked(documents[i], prepared[i]);
        decided.result.updated = updated;
        decided.work.updated = updated;
        const std::uint32_t number = index_->insert(std::move(decided.entry));
        decided.result.number = number;
        if (decided.result.decision == DedupDecision::new_article) decided.result.family = number;
        results[i] = std::move(decided.result);
        accumulate(work, decided.work);
      }
      index_->commit();
    } catch (...) {
      index_->rollback();
      throw;
    }
  }
  accumulate(stats_, work);
  return results;
}

DedupResult Deduplicator::add(const Document& document) {
  const PreparedArticle prepared = prepare_article(document.text, index_->params());
  return std::move(add(std::span(&document, 1), std::span(&prepared, 1)).front());
}

}  // namespace wiretrace
