// The knobs of a run, named after the math, each with its unit, plus their validation and the
// stamp that keeps indexes and sketches made with different knobs from being mixed. Ranges,
// units, help texts, which command exposes each knob and which ones the stamp covers are one
// table (src/params/param_table.cpp); the README's "Parameters" section is checked against it.
#pragma once
#include <cstdint>

namespace wiretrace {

struct Params {
  unsigned shingle_k = 5;          ///< words per shingle
  unsigned num_perm = 128;         ///< MinHash values per signature
  double lsh_threshold = 0.5;      ///< whole-document Jaccard at which LSH banding aims to catch pairs
  std::uint64_t seed = 0x77697265747261ULL;  ///< seeds the MinHash permutations and LSH keys
  /// Words: the shortest shared run of identical normalized words that counts as wire copy.
  /// Longer than the set phrases independent reports share ("said in a statement on Friday").
  unsigned min_run_words = 12;
  /// Whole-document Jaccard that on its own makes two articles share wire copy (near duplicates).
  double min_jaccard = 0.5;
  /// Words per passage fingerprint (winnowed), at most min_run_words; see candidates.hpp.
  unsigned anchor_words = 8;
  /// Documents: an LSH bucket or passage fingerprint shared by more documents than this is not
  /// used to propose pairs (it is boilerplate or a stock phrase); such buckets are counted.
  unsigned max_bucket = 2000;
  /// Words at the start and at the end of an article where a publisher's boilerplate lives.
  unsigned boilerplate_edge_words = 80;
  /// Words: whole sentences dropped (or added) by one side, up to this many, keep one aligned
  /// passage; replaced words are bridged up to min(align_replaced_words, this).
  unsigned align_gap_words = 40;
  /// Words per exact seed when aligning passages; shorter seeds find more heavily edited text.
  unsigned align_seed_words = 3;
  /// Worker threads; 0 = all cores. Output does not depend on it.
  unsigned threads = 0;

  // Decision constants: not command-line flags, but part of what a result (or an index) means.

  /// Naming the original by text: members whose shared words are within this share of the
  /// most, or within original_slack_words, count as holding "about as much" of the family.
  double original_slack_share = 0.03;
  /// Words: see original_slack_share (a joining header can add a few shared words to a copy).
  unsigned original_slack_words = 16;
  /// Words: candidates for the original with at most this many boilerplate words more than the
  /// least keep their place (a few masked words are a repeated phrase, not a publisher's mark).
  unsigned original_boilerplate_slack_words = 8;
  /// A family member whose text lies this much inside a longer member is a trimmed (or whole)
  /// copy of it, never its original.
  double trimmed_copy_containment = 0.95;
  /// Shingles: a repeated run at an article's edge shorter than this is a stock phrase, not
  /// boilerplate.
  unsigned boilerplate_min_shingles = 4;
  /// Documents of the same source that carry a document's repeated edge text and that its
  /// boilerplate runs are grown inward against.
  unsigned boilerplate_grow_partners = 4;
  /// Shingles: two articles of one source that share a run this long away from their header
  /// and footer tell one story (a story run twice, an update), so the text they repeat at their
  /// edges is copy, not boilerplate. 8 shingles of 5 words: the 12-word run of min_run_words.
  unsigned boilerplate_story_run = 8;
  /// Shingles: an article with fewer shingles than this that its same-source partner lacks
  /// holds nothing of its own beside it: the two tell one story.
  unsigned boilerplate_story_own = 8;
  /// Articles of the same source that a document's edge text is judged against (the candidates
  /// share_story is asked about); the smallest groups of shared edge text fill all but two.
  unsigned boilerplate_candidates = 8;
  /// A group of at most this many same-source articles sharing one edge text is small (a story
  /// run twice, a few stories of one paper): its members are candidates before a large group's.
  unsigned boilerplate_small_group = 8;
  /// Articles: a first line shorter than a shingle is the source's header when it opens this
  /// many of its articles that go on differently (short_header_words).
  unsigned boilerplate_header_stories = 3;
  /// dedup: the latest articles of a source a new article's boilerplate is judged against.
  /// mask_boilerplate needs two articles of a source carrying the same text at their edges, so
  /// the first article of a source is stored unmasked.
  unsigned feed_boilerplate_partners = 4;
  /// Words replaced on both sides (by about as many) that one aligned passage bridges.
  unsigned align_replaced_words = 8;
  /// A seed occurring more often than this in either text is a stock phrase, not evidence.
  unsigned align_seed_repeats = 8;
  /// dedup: a match is a duplicate (near-identical text) at this Jaccard similarity...
  double duplicate_jaccard = 0.9;
  /// ...or when each text holds at least this share of the other's distinct shingles.
  double duplicate_containment = 0.95;

  // Rewritten copy (rewrite.hpp): chosen on the odd-numbered PAN 2013 training pairs.

  /// Two sentences seed a rewritten passage when their tf-idf cosine...
  double rewrite_seed_cosine = 0.4;
  /// ...and the Dice coefficient of their term sets both reach these.
  double rewrite_seed_dice = 0.4;
  /// A grown rewritten passage is kept when its two sides, as wholes, have this cosine.
  double rewrite_passage_cosine = 0.5;
  /// Sentences: matching sentences (and exact passages) this close on both sides join one
  /// rewritten passage.
  unsigned rewrite_gap_sentences = 4;
  /// Words: a rewritten passage needs this many on each side.
  unsigned rewrite_min_words = 30;
  /// cluster: candidates for a rewritten link (rewrite_link_cosine) share this many of their
  /// heaviest terms (anchor_terms)...
  unsigned rewrite_anchor_shared = 3;
  /// ...of the rewrite_anchor_terms heaviest of each article...
  unsigned rewrite_anchor_terms = 20;
  /// ...and a term that is an anchor of more articles than this proposes no pairs.
  unsigned rewrite_anchor_bucket = 64;
  /// cluster: two articles whose whole texts have this tf-idf cosine are one family, as a
  /// rewrite of one copy; 0 = off, the default. Chosen on half of counter-dev (Urdu agency copy
  /// and the papers' rewrites of it); on English news it also joins follow-up reports of one
  /// event (README, "Rewritten copy").
  double rewrite_link_cosine = 0;
};

/// Throws Error (kind invalid_argument) naming the first parameter out of range, or the first
/// two that contradict each other, with the fix; messages name parameters, never CLI flags.
void validate(const Params& params);

/// Stamp of everything that decides the values a sketch or an index stores: seed, num_perm,
/// shingle_k, the boilerplate rule, the normalizer version and the ICU version (the table's
/// stamped parameters). Sketches and indexes with different stamps must not be compared.
std::uint64_t sketch_stamp(const Params& params);

}  // namespace wiretrace
