#include "wiretrace/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include <tbb/parallel_for.h>

#include "align/align_text.hpp"
#include "detail/assert.hpp"
#include "detail/hash_set.hpp"
#include "detail/threads.hpp"
#include "wiretrace/align.hpp"
#include "wiretrace/attribute.hpp"
#include "wiretrace/boilerplate.hpp"
#include "wiretrace/engine.hpp"
#include "wiretrace/normalize.hpp"
#include "wiretrace/rewrite.hpp"
#include "wiretrace/shingle.hpp"
#include "wiretrace/sketch.hpp"

namespace wiretrace {

namespace {

class Stopwatch {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// A new stage, and what it counts: the counters first, so that the bar never shows one stage's
// name with another's count.
void enter(Progress* progress, Stage stage, std::size_t total = 0,
           ProgressUnit unit = ProgressUnit::none) {
  if (!progress) return;
  progress->stage_unit.store(ProgressUnit::none, std::memory_order_relaxed);
  progress->stage_done.store(0, std::memory_order_relaxed);
  progress->stage_total.store(total, std::memory_order_relaxed);
  progress->stage_unit.store(total ? unit : ProgressUnit::none, std::memory_order_relaxed);
  progress->stage.store(stage, std::memory_order_release);
}

void step(Progress* progress) {
  if (progress) progress->stage_done.fetch_add(1, std::memory_order_relaxed);
}

// For each member, its shingles that the original (members[0]) lacks: what two copies
// may share beyond the wire. Usually a handful, so comparing them per pair is cheap.
std::vector<std::vector<ShingleHash>> shingles_beyond_original(const std::vector<std::uint32_t>& members,
                                                               const std::vector<ShingleSet>& sets) {
  std::vector<std::vector<ShingleHash>> beyond(members.size());
  thread_local detail::ShingleHashSet in_original;
  in_original.reset(sets[members[0]].distinct_count);
  for (ShingleHash h : sets[members[0]].sequence)
    if (h != 0) in_original.insert(h);
  // A shingle repeated within a member may be listed twice; share_any() does not mind.
  for (std::size_t m = 1; m < members.size(); ++m)
    for (ShingleHash h : sets[members[m]].sequence)
      if (h != 0 && !in_original.contains(h)) beyond[m].push_back(h);
  return beyond;
}

bool share_any(const std::vector<ShingleHash>& x, const std::vector<ShingleHash>& y) {
  if (x.empty() || y.empty()) return false;
  thread_local detail::ShingleHashSet in_y;
  in_y.assign(y);
  return std::any_of(x.begin(), x.end(), [&](ShingleHash h) { return in_y.contains(h); });
}

// Rewritten copy (rewrite.hpp), when params.rewrite_link_cosine is on: pairs of articles whose
// whole texts are alike in their rare terms, beside the exact pairs, which they do not repeat.
// Returns the corpus's term weights (empty when off, or with too few articles to weigh terms:
// then nothing is linked, as align_rewritten finds nothing).
TermWeights link_rewritten(const std::vector<Document>& docs, const std::vector<ShingleSet>& sets,
                           const std::vector<ScoredPair>& accepted, const Params& params,
                           std::vector<ScoredPair>& rewritten) {
  TermWeights weights;
  if (params.rewrite_link_cosine <= 0 || docs.size() < TermWeights::min_documents) return weights;
  const std::size_t n = docs.size();
  std::vector<TermizedArticle> terms(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t d) {
    terms[d] = termize(tokenize(docs[d].text), docs[d].text);
  });
  for (const TermizedArticle& t : terms) weights.add(t);
  std::vector<TermVector> vectors(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t d) {
    vectors[d] = term_vector(terms[d], weights);
    terms[d] = {};
  });
  std::vector<CandidatePair> exact;
  exact.reserve(accepted.size());
  for (const ScoredPair& p : accepted) exact.push_back({p.a, p.b});
  std::sort(exact.begin(), exact.end());
  for (const CandidatePair& c : rewritten_links(vectors, params)) {
    if (std::binary_search(exact.begin(), exact.end(), c)) continue;
    ScoredPair p = score_pair(sets[c.a], sets[c.b], params.shingle_k);
    p.a = c.a;
    p.b = c.b;
    p.match = PassageMatch::rewritten;
    rewritten.push_back(p);
  }
  return weights;
}

// Aligns every copy with the original first, then with the members it was paired with, and
// tiles each member's text. The few family members are tokenized again here: keeping every
// token of every article from the first stage would cost more memory than this costs time.
void attribute_passages(ClusterResult& result, std::size_t f, const std::vector<ShingleSet>& sets,
                        const std::vector<std::uint32_t>& header_words, const TermWeights& weights,
                        const Params& params) {
  const Family& family = result.families[f];
  // The family's members, then guests: for a member that bridges other families, the members
  // there it is paired with, so that its passages name those sources too. Guests' own passages
  // are not kept (their families describe them).
  std::vector<std::uint32_t> members = family.members;
  const std::size_t own_members = members.size();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> guest_links;  // (member, guest) indices
  for (std::uint32_t m = 0; m < own_members; ++m) {
    const DocumentResult& r = result.results[members[m]];
    if (r.family != static_cast<std::int32_t>(f)) continue;  // a bridge here
    for (std::int32_t other : r.also_in)
      for (const ScoredPair& p : result.families[static_cast<std::size_t>(other)].pairs) {
        if (p.a != members[m] && p.b != members[m]) continue;
        const std::uint32_t guest = p.a == members[m] ? p.b : p.a;
        auto at = std::find(members.begin(), members.end(), guest);
        if (at == members.end()) at = members.insert(members.end(), guest);
        guest_links.emplace_back(m, static_cast<std::uint32_t>(at - members.begin()));
      }
  }
  std::vector<std::vector<Token>> tokens(members.size());
  std::vector<MemberText> texts(members.size());
  for (std::size_t m = 0; m < members.size(); ++m) {
    const Document& doc = result.documents[members[m]];
    tokens[m] = tokenize(doc.text);
    texts[m].tokens = tokens[m];
    texts[m].bytes = static_cast<std::uint32_t>(doc.text.size());
    texts[m].boilerplate = boilerplate_words(sets[members[m]], params.shingle_k, header_words[members[m]]);
    texts[m].published_unix = doc.published_unix;
  }
  const AlignParams how = align_params(params);

  auto member_index = [&](std::uint32_t doc) {
    return static_cast<std::uint32_t>(std::find(members.begin(), members.end(), doc) - members.begin());
  };
  std::vector<detail::AlignText> prepared(members.size());
  for (std::size_t m = 0; m < members.size(); ++m)
    prepared[m] = detail::prepare_alignment(tokens[m], result.documents[members[m]].text, how);
  // A family that rewritten links made also has its reworded passages found (as compare does);
  // families of exact pairs keep the exact alignment, which costs a third of align_rewritten.
  const bool rewritten =
      weights.documents() > 0 && std::any_of(family.pairs.begin(), family.pairs.end(), [](const ScoredPair& p) {
        return p.match == PassageMatch::rewritten;
      });
  std::vector<TermizedArticle> terms(rewritten ? members.size() : 0);
  for (std::size_t m = 0; m < terms.size(); ++m) terms[m] = termize(tokens[m], result.documents[members[m]].text);
  const RewriteParams reworded = rewrite_params(params);
  auto align_members = [&](std::uint32_t x, std::uint32_t y) {
    std::vector<AlignedPassage> exact = detail::align_prepared(prepared[x], prepared[y], how);
    if (!rewritten) return exact;
    return align_rewritten(tokens[x], terms[x], tokens[y], terms[y], exact, weights, reworded);
  };
  std::vector<MemberAlignment> alignments;
  for (std::uint32_t c = 1; c < own_members; ++c)  // members[0] is the original
    alignments.push_back({c, 0, align_members(c, 0)});
  // Without the wire in the input, members[0] is a copy like the others (the fullest one, which
  // the others are aligned with first): its shared text is reused from the members it is shared
  // with, in member order, after every other alignment.
  const bool wire_absent = !family.wire_in_input;
  std::vector<std::vector<ShingleHash>> beyond;  // computed when a copy-copy pair needs it
  for (const ScoredPair& p : family.pairs) {
    const std::uint32_t x = member_index(p.a), y = member_index(p.b);
    if (x >= own_members || y >= own_members) continue;
    if (x == 0 || y == 0) continue;  // already aligned with the original
    // Two copies of one wire mostly share the wire's text, which the original already credits;
    // align them only when they share shingles the original does not have.
    if (beyond.empty()) beyond = shingles_beyond_original(members, sets);
    if (!share_any(beyond[x], beyond[y])) continue;
    alignments.push_back({x, y, align_members(x, y)});
    alignments.push_back({y, x, align_members(y, x)});
  }
  if (wire_absent)
    for (std::uint32_t c = 1; c < own_members; ++c) alignments.push_back({0, c, align_members(0, c)});
  // Last: what a bridge took from its other families, where its own family gave it nothing.
  for (const auto& [m, guest] : guest_links) alignments.push_back({m, guest, align_members(m, guest)});
  auto attributed = attribute_family(texts, wire_absent ? no_original : 0, alignments);
  for (std::size_t m = 0; m < own_members; ++m) {
    DocumentResult& r = result.results[members[m]];
    if (r.family != static_cast<std::int32_t>(f)) continue;  // a bridge here: its own family tiles it
    r.passages = std::move(attributed[m].passages);
    for (auto& passage : r.passages)
      if (passage.source >= 0) passage.source = static_cast<std::int32_t>(members[static_cast<std::size_t>(passage.source)]);
    r.reused_words = attributed[m].reused_words;
    r.added_words = attributed[m].added_words;
    r.boilerplate_words = attributed[m].boilerplate_words;
  }
}

}  // namespace

ClusterResult cluster_documents(std::vector<Document> documents, const Params& params,
                                Progress* progress) {
  validate(params);
  ClusterResult result;
  result.params = params;
  result.documents = std::move(documents);
  const auto& docs = result.documents;
  const std::size_t n = docs.size();
  result.results.resize(n);
  if (progress) progress->documents_total = n;

  detail::with_threads(params.threads, [&] {
    Stopwatch clock;
    enter(progress, Stage::tokenizing, n, ProgressUnit::documents);
    std::vector<std::vector<ShingleHash>> sequences(n);
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t d) {
      PreparedArticle prepared = prepare_article(docs[d].text, params);
      result.results[d].words = prepared.words;
      sequences[d] = std::move(prepared.sequence);
      if (progress) {
        progress->documents_done.fetch_add(1, std::memory_order_relaxed);
        progress->bytes_done.fetch_add(docs[d].text.size(), std::memory_order_relaxed);
        step(progress);
      }
    });
    result.seconds.tokenize = clock.lap();

    enter(progress, Stage::boilerplate);
    std::vector<std::string> sources(n);
    for (std::size_t d = 0; d < n; ++d) sources[d] = docs[d].source;
    result.boilerplate_masked =
        mask_boilerplate(sequences, sources, params).masked_shingles;
    std::vector<std::string_view> texts(n);
    for (std::size_t d = 0; d < n; ++d) texts[d] = docs[d].text;
    const auto header_words = short_header_words(texts, sources, params);
    result.seconds.boilerplate = clock.lap();

    enter(progress, Stage::sketching, n, ProgressUnit::documents);
    std::vector<ShingleSet> sets(n);
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t d) {
      sets[d] = make_shingle_set(std::move(sequences[d]), result.results[d].words);
      step(progress);
    });
    std::optional<Signatures> signatures =
        sketch_all(sets, params.num_perm, params.seed, sketch_stamp(params));
    result.seconds.sketch = clock.lap();

    enter(progress, Stage::candidates, n, ProgressUnit::documents);
    // The signatures serve LSH only; they are freed before the passage fingerprints, the largest
    // structure of this stage, are made (half a gigabyte at a million articles).
    auto by_lsh = lsh_candidates(*signatures, lsh_bands(params), params.max_bucket,
                                 result.candidate_stats);
    signatures.reset();
    std::vector<std::vector<std::uint64_t>> fingerprints(n);
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t d) {
      fingerprints[d] = article_fingerprints(sets[d].sequence, params);
      step(progress);
    });
    auto by_passage = passage_candidates(fingerprints, params.max_bucket, result.candidate_stats);
    fingerprints = {};
    const auto candidates = merge_candidates(std::move(by_lsh), std::move(by_passage));
    result.candidate_stats.total_pairs = candidates.size();
    result.seconds.candidates = clock.lap();

    enter(progress, Stage::verifying);
    const auto scored = score_candidates(sets, candidates, params.shingle_k);
    std::vector<ScoredPair> accepted;
    for (const auto& p : scored)
      if (shares_wire_copy(p, params)) accepted.push_back(p);
    result.verified_pairs = scored.size();
    std::vector<ScoredPair> rewritten;
    const TermWeights weights = link_rewritten(docs, sets, accepted, params, rewritten);
    result.seconds.verify = clock.lap();

    enter(progress, Stage::clustering);
    std::vector<DocumentFacts> facts(n);
    for (std::size_t d = 0; d < n; ++d) facts[d] = {docs[d].published_unix, header_words[d]};
    // Bridges are judged on exact evidence only: whole-text likeness says nothing of which
    // paragraphs an article took from where.
    result.families = join_rewritten(split_at_bridges(build_families(n, accepted), sets, facts, params), n,
                                     rewritten);
    // The rewritten links kept (join_rewritten drops those that would join two families).
    std::size_t rewritten_kept = 0;
    for (const Family& family : result.families)
      for (const ScoredPair& p : family.pairs) rewritten_kept += p.match == PassageMatch::rewritten;
    result.accepted_pairs = accepted.size() + rewritten_kept;
    enter(progress, Stage::clustering, result.families.size(), ProgressUnit::families);
    tbb::parallel_for(std::size_t{0}, result.families.size(), [&](std::size_t f) {
      const auto& members = result.families[f].members;
      std::vector<const ShingleSet*> member_sets;
      std::vector<std::uint32_t> boilerplate;
      for (auto d : members) {
        member_sets.push_back(&sets[d]);
        boilerplate.push_back(boilerplate_word_count(sets[d], params.shingle_k, header_words[d]));
      }
      settle_family(result, f, member_sets, boilerplate);
      step(progress);
    });
    for (std::size_t f = 0; f < result.families.size(); ++f)
      for (std::uint32_t d : result.families[f].bridges)
        result.results[d].also_in.push_back(static_cast<std::int32_t>(f));
    result.seconds.cluster = clock.lap();

    enter(progress, Stage::aligning, result.families.size(), ProgressUnit::families);
    tbb::parallel_for(std::size_t{0}, result.families.size(), [&](std::size_t f) {
      attribute_passages(result, f, sets, header_words, weights, params);
      step(progress);
    });
    result.seconds.align = clock.lap();
    // The last stage's counts stay: the bar's final frame shows it complete.
    if (progress) progress->stage.store(Stage::done, std::memory_order_release);
  });
  const auto& s = result.seconds;
  result.seconds.total =
      s.tokenize + s.boilerplate + s.sketch + s.candidates + s.verify + s.cluster + s.align;
  return result;
}

}  // namespace wiretrace
