#include "params/param_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

#include "wiretrace/error.hpp"

namespace wiretrace::detail {
namespace {

constexpr double any = std::numeric_limits<double>::infinity();
constexpr unsigned cluster = bits(Command::cluster), dedup = bits(Command::dedup),
                   compare = bits(Command::compare);

// The order is the order of the reports' params blocks (and of --help): the fields reports
// carried before the table came first, so their bytes did not move.
const ParamSpec table[] = {
    {.name = "shingle_k", .field = &Params::shingle_k, .min = 1, .max = 32, .unit = "words",
     .help = "Words per shingle", .used_by = cluster | dedup, .flag = true, .stamped = true},
    {.name = "num_perm", .field = &Params::num_perm, .min = 8, .max = 4096, .unit = "hash values",
     .help = "MinHash values per signature", .used_by = cluster | dedup, .flag = true,
     .stamped = true},
    {.name = "lsh_threshold", .field = &Params::lsh_threshold, .min = 0.01, .max = 0.99,
     .unit = "Jaccard", .help = "Whole-text Jaccard at which LSH banding proposes a pair",
     .used_by = cluster | dedup, .flag = true},
    {.name = "seed", .field = &Params::seed, .min = 0, .max = any, .unit = "",
     .help = "Seed of the MinHash permutations and LSH keys", .used_by = cluster | dedup,
     .flag = true, .stamped = true},
    {.name = "min_run_words", .field = &Params::min_run_words, .min = 1, .max = 100000,
     .unit = "words",
     .help = "Shortest shared run of words that counts as wire copy, and that a passage needs "
             "to be reported",
     .used_by = cluster | dedup | compare, .flag = true},
    {.name = "min_jaccard", .field = &Params::min_jaccard, .min = 0, .min_open = true, .max = 1,
     .unit = "Jaccard", .help = "Whole-text Jaccard that alone makes two articles share wire copy",
     .used_by = cluster | dedup, .flag = true},
    {.name = "anchor_words", .field = &Params::anchor_words, .min = 1, .max = 100000,
     .unit = "words",
     .help = "Words per passage fingerprint (winnowed); unless given, min(8, min_run_words) "
             "and at least shingle_k",
     .used_by = cluster | dedup, .flag = true},
    {.name = "max_bucket", .field = &Params::max_bucket, .min = 2, .max = any, .unit = "articles",
     .help = "A fingerprint or LSH bucket shared by more articles is ignored as boilerplate",
     .used_by = cluster | dedup, .flag = true},
    {.name = "boilerplate_edge_words", .field = &Params::boilerplate_edge_words, .min = 0,
     .max = any, .unit = "words",
     .help = "Words at each end of an article where a source's repeated text is boilerplate; "
             "0 = off",
     .used_by = cluster | dedup, .flag = true, .stamped = true},
    {.name = "align_gap_words", .field = &Params::align_gap_words, .min = 0, .max = any,
     .unit = "words", .help = "Longest run of whole sentences one text dropped inside one passage",
     .used_by = cluster | compare, .flag = true},
    {.name = "align_seed_words", .field = &Params::align_seed_words, .min = 1, .max = 32,
     .unit = "words",
     .help = "Words per exact seed of a passage (shorter finds more heavily edited text); "
             "unless given, at most min_run_words",
     .used_by = cluster | compare, .flag = true},
    {.name = "original_slack_share", .field = &Params::original_slack_share, .min = 0, .max = 1,
     .unit = "share",
     .help = "Naming the original by text: members whose shared words are within this share "
             "of the most (or original_slack_words) are candidates",
     .used_by = cluster | dedup},
    {.name = "original_slack_words", .field = &Params::original_slack_words, .min = 0, .max = any,
     .unit = "words", .help = "See original_slack_share: the slack in words when that is more",
     .used_by = cluster | dedup},
    {.name = "original_boilerplate_slack_words", .field = &Params::original_boilerplate_slack_words,
     .min = 0, .max = any, .unit = "words",
     .help = "Candidates for the original with at most this many boilerplate words more than "
             "the least stay",
     .used_by = cluster | dedup},
    {.name = "trimmed_copy_containment", .field = &Params::trimmed_copy_containment, .min = 0,
     .min_open = true, .max = 1, .unit = "share",
     .help = "A member whose text lies this much inside a longer member is a trimmed copy, "
             "not the original",
     .used_by = cluster | dedup},
    {.name = "boilerplate_min_shingles", .field = &Params::boilerplate_min_shingles, .min = 1,
     .max = any, .unit = "shingles",
     .help = "Shortest repeated run at an article's edge that is boilerplate (shorter: a stock "
             "phrase)",
     .used_by = cluster | dedup, .stamped = true},
    {.name = "boilerplate_grow_partners", .field = &Params::boilerplate_grow_partners, .min = 1,
     .max = any, .unit = "articles",
     .help = "Articles of the same source a boilerplate run is grown inward against",
     .used_by = cluster | dedup, .stamped = true},
    {.name = "boilerplate_story_run", .field = &Params::boilerplate_story_run, .min = 1,
     .max = any, .unit = "shingles",
     .help = "Two articles of one source sharing a run this long away from their edges tell one "
             "story: their repeated edge text is copy, not boilerplate",
     .used_by = cluster | dedup, .stamped = true},
    {.name = "boilerplate_story_own", .field = &Params::boilerplate_story_own, .min = 0,
     .max = any, .unit = "shingles",
     .help = "An article with fewer shingles of its own than this beside a same-source article "
             "tells that article's story",
     .used_by = cluster | dedup, .stamped = true},
    {.name = "boilerplate_candidates", .field = &Params::boilerplate_candidates, .min = 3,
     .max = any, .unit = "articles",
     .help = "Same-source articles an article's edge text is judged against",
     .used_by = cluster | dedup, .stamped = true},
    {.name = "boilerplate_small_group", .field = &Params::boilerplate_small_group, .min = 2,
     .max = any, .unit = "articles",
     .help = "Same-source articles sharing one edge text that are all candidates first (a story "
             "run twice, a few stories of one paper)",
     .used_by = cluster | dedup, .stamped = true},
    {.name = "boilerplate_header_stories", .field = &Params::boilerplate_header_stories, .min = 2,
     .max = any, .unit = "articles",
     .help = "cluster: a first line shorter than a shingle is the source's header when it opens "
             "this many of its articles that go on differently",
     .used_by = cluster},
    {.name = "align_replaced_words", .field = &Params::align_replaced_words, .min = 0, .max = any,
     .unit = "words",
     .help = "Words replaced on both sides that one passage bridges (at most align_gap_words)",
     .used_by = cluster | compare},
    {.name = "align_seed_repeats", .field = &Params::align_seed_repeats, .min = 1, .max = any,
     .unit = "occurrences",
     .help = "A seed occurring more often in either text is a stock phrase, not evidence",
     .used_by = cluster | compare},
    {.name = "feed_boilerplate_partners", .field = &Params::feed_boilerplate_partners, .min = 0,
     .max = any, .unit = "articles",
     .help = "dedup: the latest articles of a source a new article's boilerplate is judged "
             "against; 0 = off",
     .used_by = dedup, .stamped = true},
    {.name = "duplicate_jaccard", .field = &Params::duplicate_jaccard, .min = 0, .min_open = true,
     .max = 1, .unit = "Jaccard", .help = "dedup: a match this similar is a duplicate",
     .used_by = dedup},
    {.name = "duplicate_containment", .field = &Params::duplicate_containment, .min = 0,
     .min_open = true, .max = 1, .unit = "share",
     .help = "dedup: a match is also a duplicate when each text holds this share of the other's "
             "shingles",
     .used_by = dedup},
    {.name = "rewrite_seed_cosine", .field = &Params::rewrite_seed_cosine, .min = 0,
     .min_open = true, .max = 1, .unit = "cosine",
     .help = "Two sentences seed a rewritten passage at this tf-idf cosine (and "
             "rewrite_seed_dice)",
     .used_by = cluster | compare, .flag = true},
    {.name = "rewrite_seed_dice", .field = &Params::rewrite_seed_dice, .min = 0, .min_open = true,
     .max = 1, .unit = "Dice", .help = "See rewrite_seed_cosine: the Dice coefficient of their terms",
     .used_by = cluster | compare, .flag = true},
    {.name = "rewrite_gap_sentences", .field = &Params::rewrite_gap_sentences, .min = 0,
     .max = any, .unit = "sentences",
     .help = "Matching sentences this close on both sides join one rewritten passage",
     .used_by = cluster | compare, .flag = true},
    {.name = "rewrite_passage_cosine", .field = &Params::rewrite_passage_cosine, .min = 0,
     .max = 1, .unit = "cosine",
     .help = "A rewritten passage is kept when its two sides as wholes are this alike",
     .used_by = cluster | compare, .flag = true},
    {.name = "rewrite_min_words", .field = &Params::rewrite_min_words, .min = 1, .max = any,
     .unit = "words", .help = "Words a rewritten passage needs on each side",
     .used_by = cluster | compare, .flag = true},
    {.name = "rewrite_link_cosine", .field = &Params::rewrite_link_cosine, .min = 0, .max = 1,
     .unit = "cosine",
     .help = "Articles whose whole texts have this tf-idf cosine join one family as rewritten "
             "copy; 0 = off (on English news it also joins follow-up reports of one event)",
     .used_by = cluster, .flag = true},
    {.name = "rewrite_anchor_shared", .field = &Params::rewrite_anchor_shared, .min = 1,
     .max = any, .unit = "terms",
     .help = "A pair is a candidate for a rewritten link when it shares this many anchor terms",
     .used_by = cluster},
    {.name = "rewrite_anchor_terms", .field = &Params::rewrite_anchor_terms, .min = 1,
     .max = any, .unit = "terms",
     .help = "Anchor terms per article: its heaviest tf-idf terms (names, places, figures)",
     .used_by = cluster},
    {.name = "rewrite_anchor_bucket", .field = &Params::rewrite_anchor_bucket, .min = 2,
     .max = any, .unit = "articles",
     .help = "A term that is an anchor of more articles proposes no rewritten-link candidates",
     .used_by = cluster},
    {.name = "threads", .field = &Params::threads, .min = 0, .max = any, .unit = "threads",
     .help = "Worker threads, 0 = all cores (results are the same)", .used_by = cluster | dedup | compare,
     .flag = true, .in_results = false},
};

// Pairs that must be ordered (low <= high), with why: checked after the ranges.
struct ParamOrder {
  std::string_view low, high, why;
};
constexpr ParamOrder orders[] = {
    {"shingle_k", "min_run_words", "a shorter run holds no shingle"},
    {"shingle_k", "anchor_words", "a passage fingerprint is made of shingles"},
    {"anchor_words", "min_run_words",
     "winnowing promises a shared fingerprint only to runs of at least anchor_words"},
    {"align_seed_words", "min_run_words", "a passage grows from an exact match of that many words"},
    {"rewrite_anchor_shared", "rewrite_anchor_terms", "an article has no more anchor terms to share"},
};

template <class T>
constexpr double type_max() {
  return static_cast<double>(std::numeric_limits<T>::max());
}

std::string number_text(double x) {
  // Whole numbers as integers (100000, not 1e+05); the rest as the shortest exact decimal.
  if (x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
  return std::string(buffer, end);
}

}  // namespace

std::span<const ParamSpec> param_table() { return table; }

const ParamSpec* find_param(std::string_view name) {
  for (const ParamSpec& spec : table)
    if (spec.name == name) return &spec;
  return nullptr;
}

std::string flag_of(std::string_view name) {
  std::string flag = "--";
  flag += name;
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

std::string value_text(const Params& params, const ParamSpec& spec) {
  return std::visit(
      [&](auto member) -> std::string {
        const auto value = params.*member;
        if constexpr (std::is_same_v<decltype(value), const double>) return number_text(value);
        else return std::to_string(value);
      },
      spec.field);
}

double value_of(const Params& params, const ParamSpec& spec) {
  return std::visit([&](auto member) { return static_cast<double>(params.*member); }, spec.field);
}

bool read_value(Params& params, const ParamSpec& spec, std::string_view text) {
  return std::visit(
      [&](auto member) {
        using T = std::remove_reference_t<decltype(params.*member)>;
        T value{};
        const char* end = text.data() + text.size();
        if constexpr (std::is_same_v<T, double>) {
          const auto [ptr, ec] = std::from_chars(text.data(), end, value);
          if (ec != std::errc() || ptr != end || !std::isfinite(value)) return false;
        } else {
          if (!read_whole_number(text, value)) return false;
        }
        params.*member = value;
        return true;
      },
      spec.field);
}

bool in_range(const ParamSpec& spec, double x) {
  const bool above_min = spec.min_open ? x > spec.min : x >= spec.min;
  return above_min && x <= spec.max;  // written so that NaN fails
}

std::string range_text(const ParamSpec& spec) {
  const bool unbounded = spec.max == any;
  if (unbounded && spec.min == 0 && !spec.min_open) return "any";
  std::string text;
  if (unbounded) {
    text = spec.min_open ? "above " : "at least ";
    text += number_text(spec.min);
    return text;
  }
  text = spec.min_open ? "in (" : "in [";
  text += number_text(spec.min);
  text += ", ";
  text += number_text(spec.max);
  text += "]";
  return text;
}

void validate_for(const Params& p, unsigned commands) {
  auto fail = [](const std::string& what) { throw Error("invalid parameter: " + what); };
  for (const ParamSpec& spec : table) {
    if ((spec.used_by & commands) == 0) continue;
    if (!in_range(spec, value_of(p, spec)))
      fail(std::string(spec.name) + " is " + value_text(p, spec) + ", must be " + range_text(spec));
  }
  for (const ParamOrder& order : orders) {
    const ParamSpec& low = *find_param(order.low);
    const ParamSpec& high = *find_param(order.high);
    if ((low.used_by & commands) == 0 || (high.used_by & commands) == 0) continue;
    if (value_of(p, low) <= value_of(p, high)) continue;
    fail(std::string(high.name) + " (" + value_text(p, high) + ") must be at least " +
         std::string(low.name) + " (" + value_text(p, low) + "): " + std::string(order.why) +
         "; raise " + std::string(high.name) + " or lower " + std::string(low.name));
  }
}

void derive_unset(Params& p, const std::function<bool(std::string_view)>& given) {
  const Params defaults;
  if (!given("min_run_words")) p.min_run_words = std::max(defaults.min_run_words, p.shingle_k);
  if (!given("anchor_words"))
    p.anchor_words = std::max(p.shingle_k, std::min(defaults.anchor_words, p.min_run_words));
  if (!given("align_seed_words"))
    p.align_seed_words = std::min(defaults.align_seed_words, p.min_run_words);
}

std::string params_markdown() {
  const Params defaults;
  auto commands = [](unsigned used_by) {
    std::string out;
    for (auto [bit, name] : {std::pair{cluster, "cluster"}, {dedup, "dedup"}, {compare, "compare"}})
      if (used_by & bit) {
        if (!out.empty()) out += ", ";
        out += name;
      }
    return out;
  };
  std::ostringstream s;
  s << "| parameter | flag | default | range | unit | stamped | read by | meaning |\n"
    << "|---|---|---|---|---|---|---|---|\n";
  for (const ParamSpec& spec : table)
    s << "| `" << spec.name << "` | " << (spec.flag ? '`' + flag_of(spec.name) + '`' : "") << " | "
      << value_text(defaults, spec) << " | " << range_text(spec) << " | " << spec.unit << " | "
      << (spec.stamped ? "yes" : "") << " | " << commands(spec.used_by) << " | " << spec.help
      << " |\n";
  return s.str();
}

}  // namespace wiretrace::detail

namespace wiretrace {
void validate(const Params& params) { detail::validate_for(params, detail::all_commands); }
}  // namespace wiretrace
