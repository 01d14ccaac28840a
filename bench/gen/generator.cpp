#include "gen/generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <ostream>

#include "gen/check.hpp"
#include "gen/random.hpp"
#include "gen/story.hpp"
#include "gen/synthetic_text.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace::bench {
namespace {

enum class Role { wire, copy, unrelated };

std::string_view role_name(Role role) {
  switch (role) {
    case Role::wire: return "wire";
    case Role::copy: return "copy";
    case Role::unrelated: return "unrelated";
  }
  return "";
}

/// One article on its way to the files; ids are given when its chunk is written.
struct Article {
  std::string text;
  std::string title;
  std::string source;
  std::string published;
  std::int64_t family = -1;   ///< family number, -1 for none
  std::size_t wire_slot = 0;  ///< chunk slot of the family's wire
  Role role = Role::unrelated;
  std::optional<CopyKind> kind;
  bool small_paper = false;   ///< unrelated, printed by a small paper
  bool absent = false;        ///< a wire left out of the corpus
  std::vector<Span> reused;
  std::vector<Span> boilerplate;
  std::vector<Span> substituted;
};

/// What plan() lays out: a family, an unrelated article, or a small paper's articles.
struct Unit {
  enum class Type { unrelated, family, small_paper } type = Type::unrelated;
  unsigned size = 1;         ///< articles in the corpus
  bool wire_absent = false;  ///< family: only copies are written
};

constexpr std::int64_t year_2024 = 1704067200;  // 2024-01-01T00:00:00Z
constexpr double curly_story_chance = 0.3;      // share of synthetic stories typed with curly quotes
constexpr double new_headline_chance = 0.5;     // whole, trimmed and edited copies
constexpr double swap_chance = 1.0 / 3.0;       // per sentence of an edited copy
constexpr double reword_chance = 0.8;           // per sentence of a reworded copy: 2-3 words replaced
constexpr std::size_t min_embedded_paragraph_words = 25;
constexpr std::size_t min_excerpt_sentence_words = 15;
constexpr std::size_t min_trimmed_words = 40;
constexpr std::size_t min_own_words = 300, max_own_words = 900;                  // embedded
constexpr std::size_t min_excerpt_own_words = 500, max_excerpt_own_words = 900;  // excerpt
constexpr unsigned min_small_paper_articles = 2, max_small_paper_articles = 3;
constexpr int max_absent_wire_redraws = 8;  // then a whole copy, which shares all of any other

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  // PERF: one pass into a reused line buffer; a JSON DOM per article would cost more than the text.
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex[(c >> 4) & 0xF];
          out += hex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::string family_id(std::int64_t family) {
  std::string id = std::to_string(family);
  id.insert(0, 1, 'f');
  return id;
}

void append_spans(std::string& out, const std::vector<Span>& spans) {
  out += '[';
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (i > 0) out += ',';
    out += '[';
    out += std::to_string(spans[i].start);
    out += ',';
    out += std::to_string(spans[i].end);
    out += ']';
  }
  out += ']';
}

std::string capitalised_like(std::string_view original, std::string_view replacement) {
  std::string out(replacement);
  if (!out.empty() && !original.empty() && original[0] >= 'A' && original[0] <= 'Z' && out[0] >= 'a' &&
      out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// Draws an index with probability proportional to its weight.
std::size_t weighted_index(Rng& rng, const std::array<double, copy_kind_count>& weights) {
  double total = 0;
  for (const double w : weights) total += w;
  double x = rng.unit() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  for (std::size_t i = weights.size(); i-- > 0;)
    if (weights[i] > 0) return i;
  return 0;
}

class Generator {
 public:
  Generator(const GeneratorOptions& options, std::ostream& corpus, std::ostream& truth, std::ostream* absent_wires)
      : options_(options),
        corpus_(corpus),
        truth_(truth),
        absent_wires_(absent_wires),
        master_(options.seed),
        vocabulary_(Vocabulary::bundled()),
        synonyms_(SynonymTable::bundled()),
        writer_(vocabulary_),
        publishers_(make_publishers(options.publishers)),
        agencies_(wire_agencies()) {
    std::uint64_t digits = 1;
    for (std::uint64_t n = options.articles; n >= 10; n /= 10) ++digits;
    id_width_ = std::max<std::uint64_t>(6, digits);
  }

  GeneratorStats run() {
    if (!options_.base_dir.empty()) {
      pool_ = load_base_pool(options_.base_dir, options_.exclude_groups);
      stats_.base = pool_.stats;
      Rng pool_rng = master_.fork(2);
      pool_rng.shuffle(pool_.articles);
    }
    const auto units = plan();
    for (std::size_t u = 0; u < units.size(); ++u) {
      Rng rng = master_.fork(0x100000000ULL + u);
      switch (units[u].type) {
        case Unit::Type::unrelated: make_unrelated(rng); break;
        case Unit::Type::family: make_family(rng, units[u]); break;
        case Unit::Type::small_paper: make_small_paper(rng, units[u].size); break;
      }
      if (chunk_.size() >= options_.chunk_articles) flush_chunk();
    }
    flush_chunk();
    return stats_;
  }

 private:
  /// Families, unrelated articles and small papers in the order they are made. Every draw made
  /// only for the harder truth (absent wires, small papers) comes from streams of its own, so
  /// that without them the plan is the first generator's.
  std::vector<Unit> plan() {
    Rng rng = master_.fork(1);
    std::vector<Unit> units;
    auto budget = static_cast<std::uint64_t>(std::llround(static_cast<double>(options_.articles) *
                                                          options_.family_fraction));
    budget = std::min(budget, options_.articles);
    std::uint64_t in_families = 0;
    while (budget - in_families >= options_.min_family_size) {
      const auto left = budget - in_families;
      auto size = rng.between(options_.min_family_size, options_.max_family_size);
      if (size > left) size = left;
      // A remainder too small for a family would be lost to the mix, so the last family takes it.
      if (left - size < options_.min_family_size && left <= options_.max_family_size) size = left;
      units.push_back({Unit::Type::family, static_cast<unsigned>(size), false});
      in_families += size;
    }
    if (options_.absent_wire_fraction > 0) {
      // Without its wire a family is its copies, one per publisher.
      Rng absent_rng = master_.fork(3);
      for (auto& unit : units)
        unit.wire_absent = absent_rng.chance(options_.absent_wire_fraction) && unit.size <= options_.publishers;
    }
    std::uint64_t unrelated = options_.articles - in_families;
    if (options_.small_paper_fraction > 0) {
      Rng paper_rng = master_.fork(4);
      auto in_papers = static_cast<std::uint64_t>(
          std::llround(static_cast<double>(unrelated) * options_.small_paper_fraction));
      while (in_papers >= min_small_paper_articles) {
        auto size = paper_rng.between(min_small_paper_articles, max_small_paper_articles);
        if (size > in_papers || in_papers - size < min_small_paper_articles) size = in_papers > 3 ? 2 : in_papers;
        units.push_back({Unit::Type::small_paper, static_cast<unsigned>(size), false});
        in_papers -= size;
        unrelated -= size;
      }
    }
    units.insert(units.end(), unrelated, Unit{});
    rng.shuffle(units);
    return units;
  }

  QuoteStyle story_style(Rng& rng) {
    return rng.chance(curly_story_chance) ? QuoteStyle::curly : QuoteStyle::straight;
  }

  /// The next unused real article, or a synthetic one of at least `min_words` once they run out.
  BaseArticle next_base(Rng& rng, std::size_t min_words) {
    if (pool_next_ < pool_.articles.size()) {
      ++stats_.real_stories;
      return std::move(pool_.articles[pool_next_++]);
    }
    ++stats_.synthetic_stories;
    return writer_.article(rng, min_words, story_style(rng));
  }

  std::size_t story_words(Rng& rng) { return rng.between(options_.min_story_words, options_.max_story_words); }

  std::string random_time(Rng& rng) {
    return iso8601_utc(year_2024 + static_cast<std::int64_t>(rng.below(365 * 86400)));
  }

  const std::string& pick_agency(Rng& rng) {
    // AFP, Reuters, AP, PR Newswire: roughly their share of syndicated copy.
    const std::uint64_t roll = rng.below(100);
    return agencies_[roll < 30 ? 0 : roll < 60 ? 1 : roll < 85 ? 2 : 3];
  }

  static void open_frame(CopyBuilder& b, const Publisher& p, std::vector<Span>& boilerplate) {
    b.own(p.header);
    boilerplate.push_back({0, static_cast<std::uint32_t>(b.text().size())});
    b.own("\n\n");
  }

  static void close_frame(CopyBuilder& b, const Publisher& p, std::vector<Span>& boilerplate) {
    close_frame(b, p.footer, boilerplate);
  }

  static void close_frame(CopyBuilder& b, std::string_view footer, std::vector<Span>& boilerplate) {
    b.own("\n\n");
    const auto start = static_cast<std::uint32_t>(b.text().size());
    b.own(footer);
    boilerplate.push_back({start, static_cast<std::uint32_t>(b.text().size())});
  }

  void make_unrelated(Rng& rng) {
    Article a;
    const bool by_wire = rng.chance(options_.wire_unrelated_fraction);
    const Story story = make_story(next_base(rng, story_words(rng)));
    a.title = story.title;
    if (by_wire) {
      a.source = pick_agency(rng);
      a.text = story.text;
    } else {
      const Publisher& p = publishers_[rng.below(publishers_.size())];
      a.source = p.name;
      CopyBuilder b("");
      open_frame(b, p, a.boilerplate);
      b.own(story.text);
      close_frame(b, p, a.boilerplate);
      a.text = b.release_text();
    }
    if (rng.chance(options_.dated_fraction)) a.published = random_time(rng);
    ++stats_.unrelated;
    chunk_.push_back(std::move(a));
  }

  /// Two or three unrelated stories of one small paper, each ending with the paper's footer.
  void make_small_paper(Rng& rng, unsigned size) {
    const SmallPaper paper = bench::make_small_paper(static_cast<unsigned>(stats_.small_papers++), writer_);
    for (unsigned k = 0; k < size; ++k) {
      Article a;
      const Story story = make_story(next_base(rng, story_words(rng)));
      a.title = story.title;
      a.source = paper.name;
      a.small_paper = true;
      CopyBuilder b("");
      b.own(story.text);
      close_frame(b, paper.footer, a.boilerplate);
      a.text = b.release_text();
      if (rng.chance(options_.dated_fraction)) a.published = random_time(rng);
      ++stats_.unrelated;
      ++stats_.small_paper_articles;
      chunk_.push_back(std::move(a));
    }
  }

  void make_family(Rng& rng, const Unit& unit) {
    const std::int64_t family = static_cast<std::int64_t>(++stats_.families);
    const Story wire = make_story(next_base(rng, story_words(rng)));
    const bool dated = rng.chance(options_.dated_fraction);
    const std::int64_t wire_time = year_2024 + static_cast<std::int64_t>(rng.below(360 * 86400));
    stats_.dated_families += dated;
    stats_.absent_wires += unit.wire_absent;

    const std::size_t wire_slot = chunk_.size();
    Article w;
    w.text = wire.text;
    w.title = wire.title;
    w.source = pick_agency(rng);
    w.family = family;
    w.wire_slot = wire_slot;
    w.role = Role::wire;
    w.absent = unit.wire_absent;
    if (dated) w.published = iso8601_utc(wire_time);
    chunk_.push_back(std::move(w));

    // Distinct publishers: nobody runs the same wire story twice.
    const std::size_t copies = unit.wire_absent ? unit.size : unit.size - 1;
    std::vector<std::uint32_t> order(publishers_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    for (std::size_t i = 0; i < copies; ++i) std::swap(order[i], order[i + rng.below(order.size() - i)]);

    // Drawn only when asked for, so that without them the corpus is the earlier generator's.
    if (options_.same_publisher_fraction > 0 && copies >= 2 && rng.chance(options_.same_publisher_fraction))
      order[copies - 1] = order[copies - 2];
    std::vector<Span> wire_reused;
    for (std::size_t c = 0; c < copies; ++c) {
      const bool one_off = options_.one_off_fraction > 0 && rng.chance(options_.one_off_fraction);
      const Publisher one_off_paper = one_off ? make_one_off_publisher() : Publisher{};
      const Publisher& p = one_off ? one_off_paper : publishers_[order[c]];
      std::vector<Span> wire_used;
      Article a = make_copy(rng, wire, p, std::nullopt, wire_used);
      // Without the wire, only text the copies share can tie them together, so each copy after
      // the first must share a wire sentence's worth of words with those before it: a family
      // with no evidence left in the corpus would be truth nobody could recover.
      const std::vector<Span> so_far = merge_spans(wire_reused);
      for (int attempt = 0; unit.wire_absent && c > 0 && shared_words(wire.text, so_far, wire_used) <
                                                            min_excerpt_sentence_words; ++attempt) {
        wire_used.clear();
        a = make_copy(rng, wire, p, attempt < max_absent_wire_redraws ? std::nullopt : std::optional{CopyKind::whole},
                      wire_used);
      }
      if (one_off) a.boilerplate.clear();  // printed once: its chrome repeats nowhere
      a.family = family;
      a.wire_slot = wire_slot;
      wire_reused.insert(wire_reused.end(), wire_used.begin(), wire_used.end());
      // Copies run minutes to two days after the wire, so a dated wire is always the earliest.
      if (dated) a.published = iso8601_utc(wire_time + static_cast<std::int64_t>(rng.between(300, 2 * 86400)));
      ++stats_.copies;
      ++stats_.copies_by_kind[static_cast<std::size_t>(*a.kind)];
      chunk_.push_back(std::move(a));
    }
    chunk_[wire_slot].reused = merge_spans(std::move(wire_reused));
  }

  /// A paper that prints one article in the whole corpus. Its header and footer are drawn from
  /// the synthetic writer with a stream of their own (seeded by the paper's number), so no run
  /// of words in them is printed by anyone else, as with a real paper seen once.
  Publisher make_one_off_publisher() {
    const std::uint64_t n = ++one_off_publishers_;
    Rng rng(0x6f6e656f66660000ULL ^ (n * 0x9e3779b97f4a7c15ULL));
    Publisher p;
    p.name = "The Parish Gazette No. " + std::to_string(n);
    p.header = writer_.title(rng);
    std::size_t words = 0;
    p.footer = writer_.sentence(rng, QuoteStyle::straight, words);
    while (words < 20) {
      const std::string more = writer_.sentence(rng, QuoteStyle::straight, words);
      p.footer.append(" ").append(more);
    }
    return p;
  }

  /// One copy of `wire` by `p`, of a kind drawn from the weights unless `forced`; the wire byte
  /// ranges it took are appended to `wire_used`.
  Article make_copy(Rng& rng, const Story& wire, const Publisher& p, std::optional<CopyKind> forced,
                    std::vector<Span>& wire_used) {
    Article a;
    a.source = p.name;
    a.role = Role::copy;
    CopyBuilder b(wire.text);
    open_frame(b, p, a.boilerplate);
    CopyKind kind = forced ? *forced : all_copy_kinds[weighted_index(rng, options_.kind_weights)];
    a.title = rng.chance(new_headline_chance) ? writer_.title(rng) : wire.title;
    switch (kind) {
      case CopyKind::whole: kind = copy_whole(b, wire); break;
      case CopyKind::trimmed: kind = copy_trimmed(b, wire, rng); break;
      case CopyKind::edited: kind = copy_edited(b, wire, rng); break;
      case CopyKind::embedded: kind = copy_embedded(b, wire, rng, a.title); break;
      case CopyKind::excerpt: kind = copy_excerpt(b, wire, rng, a.title); break;
      case CopyKind::reworded: kind = copy_reworded(b, wire, rng); break;
    }
    close_frame(b, p, a.boilerplate);
    a.kind = kind;
    a.reused = b.reused();
    a.substituted = b.substituted();
    wire_used.insert(wire_used.end(), b.wire_used().begin(), b.wire_used().end());
    a.text = b.release_text();
    return a;
  }

  /// Words of `text` inside both `merged` (sorted, disjoint) and any of `spans`.
  static std::size_t shared_words(std::string_view text, const std::vector<Span>& merged, const std::vector<Span>& spans) {
    std::size_t words = 0;
    for (const Span& s : merge_spans(spans)) {
      for (const Span& m : merged) {
        const std::uint32_t start = std::max(s.start, m.start), end = std::min(s.end, m.end);
        if (start < end) words += count_words(text.substr(start, end - start));
      }
    }
    return words;
  }

  static CopyKind copy_whole(CopyBuilder& b, const Story& wire) {
    b.take({0, static_cast<std::uint32_t>(wire.text.size())});
    return CopyKind::whole;
  }

  static CopyKind copy_trimmed(CopyBuilder& b, const Story& wire, Rng& rng) {
    const std::size_t paragraphs = wire.paragraphs.size();
    if (paragraphs < 2) return copy_whole(b, wire);
    std::size_t keep = (paragraphs * rng.between(40, 80) + 50) / 100;
    keep = std::clamp<std::size_t>(keep, 1, paragraphs - 1);
    // A one-line lede alone is not syndication anyone could see (real ledes are often 12 words),
    // so keep more paragraphs than drawn, or the whole story, until min_trimmed_words.
    auto words_kept = [&](std::size_t k) {
      return count_words(std::string_view(wire.text).substr(0, wire.paragraphs[k - 1].end));
    };
    while (keep + 1 < paragraphs && words_kept(keep) < min_trimmed_words) ++keep;
    if (words_kept(keep) < min_trimmed_words) return copy_whole(b, wire);
    b.take({0, wire.paragraphs[keep - 1].end});
    return CopyKind::trimmed;
  }

  /// A word of `sentence` to swap and its replacement; words with a synonym first.
  std::optional<std::pair<Span, std::string>> pick_swap(const Story& wire, Span sentence, Rng& rng) {
    std::vector<Span> words, with_synonym;
    for (const Span& w : letter_words(wire.text, sentence)) {
      if (w.size() < 3) continue;
      words.push_back(w);
      if (synonyms_.contains(lowered(std::string_view(wire.text).substr(w.start, w.size()))))
        with_synonym.push_back(w);
    }
    if (words.empty()) return std::nullopt;
    const auto& pool = with_synonym.empty() ? words : with_synonym;
    const Span w = pool[rng.below(pool.size())];
    const std::string_view original = std::string_view(wire.text).substr(w.start, w.size());
    const std::string key = lowered(original);
    if (auto synonym = synonyms_.pick(key, rng)) return std::pair{w, capitalised_like(original, *synonym)};
    for (int attempt = 0; attempt < 8; ++attempt) {
      const std::string& other = vocabulary_.draw(rng);
      if (other.size() >= 3 && other != key) return std::pair{w, capitalised_like(original, other)};
    }
    return std::nullopt;
  }

  CopyKind copy_edited(CopyBuilder& b, const Story& wire, Rng& rng) {
    const std::size_t n = wire.sentences.size();
    std::vector<bool> dropped(n, false);
    // Keep at least two sentences and always the lede.
    std::size_t drops = n >= 4 ? rng.between(1, 2) : n >= 3 ? 1 : 0;
    while (drops > 0) {
      const std::size_t i = rng.between(1, n - 1);
      if (dropped[i]) continue;
      dropped[i] = true;
      --drops;
    }
    const QuoteStyle style = opposite_quote_style(wire.text);
    std::optional<std::size_t> previous;
    for (std::size_t i = 0; i < n; ++i) {
      if (dropped[i]) continue;
      const Span s = wire.sentences[i];
      if (previous) {
        if (*previous + 1 == i) {
          b.take({wire.sentences[*previous].end, s.start});
        } else {
          // A new separator: the wire's one sat next to the dropped sentence.
          b.own(wire.sentence_paragraph[*previous] == wire.sentence_paragraph[i] ? " " : "\n\n");
        }
      }
      std::optional<std::pair<Span, std::string>> swap;
      if (rng.chance(swap_chance)) swap = pick_swap(wire, s, rng);
      if (swap) {
        b.take({s.start, swap->first.start}, style);
        b.substitute(swap->first, swap->second, false);
        b.take({swap->first.end, s.end}, style);
      } else {
        b.take(s, style);
      }
      previous = i;
    }
    return CopyKind::edited;
  }

  /// The publisher's own article: whole paragraphs of base stories until a target drawn from
  /// [min_words, max_words], never past max_words once min_words are there. Its title is the first
  /// base story's.
  std::vector<std::string> own_article(Rng& rng, std::size_t min_words, std::size_t max_words, std::string& title) {
    const std::size_t target = rng.between(min_words, max_words);
    std::vector<std::string> own;
    std::size_t words = 0;
    bool full = false;
    while (!full && words < target) {
      BaseArticle base = next_base(rng, target - words);
      if (own.empty()) title = base.title;
      for (auto& p : base.paragraphs) {
        const std::size_t w = count_words(p);
        if (words >= min_words && words + w > max_words) {
          full = true;
          break;
        }
        own.push_back(std::move(p));
        words += w;
        if (words >= target) break;
      }
    }
    return own;
  }

  CopyKind copy_embedded(CopyBuilder& b, const Story& wire, Rng& rng, std::string& title) {
    std::vector<std::uint32_t> eligible;
    for (std::uint32_t p = 0; p < wire.paragraphs.size(); ++p) {
      const Span s = wire.paragraphs[p];
      if (count_words(std::string_view(wire.text).substr(s.start, s.size())) >= min_embedded_paragraph_words)
        eligible.push_back(p);
    }
    if (eligible.empty()) return copy_trimmed(b, wire, rng);
    const std::size_t quoted = rng.between(1, std::min<std::size_t>(3, eligible.size()));
    rng.shuffle(eligible);
    eligible.resize(quoted);
    std::sort(eligible.begin(), eligible.end());

    const std::vector<std::string> own = own_article(rng, min_own_words, max_own_words, title);
    // Wire paragraphs go after the publisher's own lede, in wire order.
    std::vector<std::size_t> slots(quoted);
    for (auto& slot : slots) slot = rng.between(1, own.size());
    std::sort(slots.begin(), slots.end());

    bool first = true;
    auto separator = [&] {
      if (!first) b.own("\n\n");
      first = false;
    };
    std::size_t next_wire = 0;
    for (std::size_t o = 0; o <= own.size(); ++o) {
      while (next_wire < quoted && slots[next_wire] == o) {
        separator();
        b.take(wire.paragraphs[eligible[next_wire++]]);
      }
      if (o < own.size()) {
        separator();
        b.own(own[o]);
      }
    }
    return CopyKind::embedded;
  }

  /// One or two wire sentences of 15+ words, each set inside a paragraph of the publisher's own
  /// long article (after one of its sentences), in wire order.
  CopyKind copy_excerpt(CopyBuilder& b, const Story& wire, Rng& rng, std::string& title) {
    std::vector<std::uint32_t> eligible;
    for (std::uint32_t i = 0; i < wire.sentences.size(); ++i) {
      const Span s = wire.sentences[i];
      if (count_words(std::string_view(wire.text).substr(s.start, s.size())) >= min_excerpt_sentence_words)
        eligible.push_back(i);
    }
    if (eligible.empty()) return copy_embedded(b, wire, rng, title);
    std::size_t quoted = rng.between(1, std::min<std::size_t>(2, eligible.size()));
    rng.shuffle(eligible);
    eligible.resize(quoted);
    std::sort(eligible.begin(), eligible.end());

    const std::vector<std::string> own = own_article(rng, min_excerpt_own_words, max_excerpt_own_words, title);
    // Host paragraphs: distinct, after the publisher's own lede when there are enough.
    std::vector<std::size_t> hosts;
    for (std::size_t o = own.size() > quoted ? 1 : 0; o < own.size(); ++o) hosts.push_back(o);
    rng.shuffle(hosts);
    quoted = std::min(quoted, hosts.size());
    hosts.resize(quoted);
    std::sort(hosts.begin(), hosts.end());

    std::size_t next_wire = 0;
    for (std::size_t o = 0; o < own.size(); ++o) {
      if (o > 0) b.own("\n\n");
      const std::string& paragraph = own[o];
      if (next_wire == quoted || hosts[next_wire] != o) {
        b.own(paragraph);
        continue;
      }
      // After the paragraph's k-th sentence (k drawn), separated by a space on each side.
      const auto own_sentences = sentence_spans(paragraph, {0, static_cast<std::uint32_t>(paragraph.size())});
      const std::size_t after = own_sentences.empty() ? 0 : rng.below(own_sentences.size());
      const std::size_t cut = own_sentences.empty() ? paragraph.size() : own_sentences[after].end;
      b.own(std::string_view(paragraph).substr(0, cut));
      b.own(" ");
      b.take(wire.sentences[eligible[next_wire++]]);
      if (after + 1 < own_sentences.size()) {
        b.own(" ");
        b.own(std::string_view(paragraph).substr(own_sentences[after + 1].start));
      }
    }
    return CopyKind::excerpt;
  }

  /// `count` distinct words of `sentence` (3+ letters) with replacements, in text order; words
  /// with a synonym first, then any (replaced by a vocabulary word).
  std::vector<std::pair<Span, std::string>> pick_swaps(const Story& wire, Span sentence, std::size_t count, Rng& rng) {
    std::vector<Span> with_synonym, without;
    for (const Span& w : letter_words(wire.text, sentence)) {
      if (w.size() < 3) continue;
      const bool has = synonyms_.contains(lowered(std::string_view(wire.text).substr(w.start, w.size())));
      (has ? with_synonym : without).push_back(w);
    }
    rng.shuffle(with_synonym);
    rng.shuffle(without);
    with_synonym.insert(with_synonym.end(), without.begin(), without.end());
    std::vector<std::pair<Span, std::string>> out;
    for (const Span& w : with_synonym) {
      if (out.size() == count) break;
      const std::string_view original = std::string_view(wire.text).substr(w.start, w.size());
      const std::string key = lowered(original);
      if (auto synonym = synonyms_.pick(key, rng)) {
        out.emplace_back(w, capitalised_like(original, *synonym));
        continue;
      }
      for (int attempt = 0; attempt < 8; ++attempt) {
        const std::string& other = vocabulary_.draw(rng);
        if (other.size() >= 3 && other != key) {
          out.emplace_back(w, capitalised_like(original, other));
          break;
        }
      }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
    return out;
  }

  /// Heavy sub-editing: one sentence dropped (never the lede; none when fewer than three), 2-3
  /// words replaced in most sentences, quotes retyped. Replaced words stay inside the reused range.
  CopyKind copy_reworded(CopyBuilder& b, const Story& wire, Rng& rng) {
    const std::size_t n = wire.sentences.size();
    const std::size_t dropped = n >= 3 ? rng.between(1, n - 1) : n;
    const QuoteStyle style = opposite_quote_style(wire.text);
    std::optional<std::size_t> previous;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == dropped) continue;
      const Span s = wire.sentences[i];
      if (previous) {
        if (*previous + 1 == i) {
          b.take({wire.sentences[*previous].end, s.start});
        } else {
          b.own(wire.sentence_paragraph[*previous] == wire.sentence_paragraph[i] ? " " : "\n\n");
        }
      }
      std::vector<std::pair<Span, std::string>> swaps;
      if (rng.chance(reword_chance)) swaps = pick_swaps(wire, s, rng.between(2, 3), rng);
      std::uint32_t at = s.start;
      for (const auto& [word, replacement] : swaps) {
        b.take({at, word.start}, style);
        b.substitute(word, replacement, true);
        at = word.end;
      }
      b.take({at, s.end}, style);
      previous = i;
    }
    return CopyKind::reworded;
  }

  std::string make_id(std::uint64_t n) const {
    std::string digits = std::to_string(n);
    if (digits.size() < id_width_) digits.insert(0, id_width_ - digits.size(), '0');
    return "doc" + digits;
  }

  void flush_chunk() {
    if (chunk_.empty()) return;
    Rng rng = master_.fork(0x200000000ULL + chunks_written_++);
    std::vector<std::size_t> order(chunk_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    rng.shuffle(order);
    // Corpus articles are numbered in file order; a wire left out is named after its family.
    std::vector<std::string> ids(chunk_.size());
    for (const std::size_t slot : order) {
      const Article& a = chunk_[slot];
      if (a.absent) {
        std::string digits = std::to_string(a.family);
        if (digits.size() < id_width_) digits.insert(0, id_width_ - digits.size(), '0');
        ids[slot] = "wire" + digits;
      } else {
        ids[slot] = make_id(++next_id_);
      }
    }

    std::string corpus_line, truth_line;
    for (const std::size_t slot : order) {
      const Article& a = chunk_[slot];
      corpus_line.clear();
      corpus_line += "{\"id\":";
      append_json_string(corpus_line, ids[slot]);
      corpus_line += ",\"text\":";
      append_json_string(corpus_line, a.text);
      corpus_line += ",\"title\":";
      append_json_string(corpus_line, a.title);
      corpus_line += ",\"source\":";
      append_json_string(corpus_line, a.source);
      if (!a.published.empty()) {
        corpus_line += ",\"published\":";
        append_json_string(corpus_line, a.published);
      }
      corpus_line += "}\n";
      if (a.absent) {
        if (absent_wires_) absent_wires_->write(corpus_line.data(), static_cast<std::streamsize>(corpus_line.size()));
        continue;
      }

      truth_line.clear();
      truth_line += "{\"id\":";
      append_json_string(truth_line, ids[slot]);
      truth_line += ",\"family\":";
      if (a.family < 0) {
        truth_line += "null,\"wire\":null";
      } else {
        append_json_string(truth_line, family_id(a.family));
        truth_line += ",\"wire\":";
        append_json_string(truth_line, ids[a.wire_slot]);
      }
      truth_line += ",\"wire_present\":";
      truth_line += a.family < 0 ? "null" : chunk_[a.wire_slot].absent ? "false" : "true";
      truth_line += ",\"role\":";
      append_json_string(truth_line, role_name(a.role));
      truth_line += ",\"kind\":";
      if (a.kind) {
        append_json_string(truth_line, kind_name(*a.kind));
      } else if (a.small_paper) {
        truth_line += "\"small_paper\"";
      } else {
        truth_line += "null";
      }
      truth_line += ",\"source\":";
      append_json_string(truth_line, a.source);
      truth_line += ",\"reused\":";
      append_spans(truth_line, a.reused);
      truth_line += ",\"boilerplate\":";
      append_spans(truth_line, a.boilerplate);
      truth_line += ",\"substituted\":";
      append_spans(truth_line, a.substituted);
      truth_line += "}\n";

      corpus_.write(corpus_line.data(), static_cast<std::streamsize>(corpus_line.size()));
      truth_.write(truth_line.data(), static_cast<std::streamsize>(truth_line.size()));
      stats_.corpus_bytes += corpus_line.size();
      stats_.truth_bytes += truth_line.size();
      ++stats_.articles;
    }
    if (!corpus_ || !truth_ || (absent_wires_ && !*absent_wires_))
      throw Error("cannot write the corpus, the truth or the absent wires file");
    chunk_.clear();
  }

  const GeneratorOptions& options_;
  std::ostream& corpus_;
  std::ostream& truth_;
  std::ostream* absent_wires_;
  Rng master_;
  Vocabulary vocabulary_;
  SynonymTable synonyms_;
  SyntheticWriter writer_;
  std::vector<Publisher> publishers_;
  std::uint64_t one_off_publishers_ = 0;
  std::vector<std::string> agencies_;
  BasePool pool_;
  std::size_t pool_next_ = 0;
  std::vector<Article> chunk_;
  std::uint64_t chunks_written_ = 0;
  std::uint64_t next_id_ = 0;
  std::size_t id_width_ = 6;
  GeneratorStats stats_;
};

}  // namespace

std::string_view kind_name(CopyKind kind) {
  switch (kind) {
    case CopyKind::whole: return "whole";
    case CopyKind::trimmed: return "trimmed";
    case CopyKind::edited: return "edited";
    case CopyKind::embedded: return "embedded";
    case CopyKind::excerpt: return "excerpt";
    case CopyKind::reworded: return "reworded";
  }
  return "";
}

std::optional<CopyKind> kind_from_name(std::string_view name) {
  for (const CopyKind kind : all_copy_kinds)
    if (kind_name(kind) == name) return kind;
  return std::nullopt;
}

void use_easy_mix(GeneratorOptions& options) {
  options.kind_weights = {0.25, 0.25, 0.25, 0.25, 0, 0};
  options.absent_wire_fraction = 0;
  options.small_paper_fraction = 0;
}

void validate(const GeneratorOptions& o) {
  auto fraction = [](double x, const char* name) {
    if (!(x >= 0.0 && x <= 1.0)) throw Error(std::string(name) + " must be between 0 and 1");
  };
  fraction(o.family_fraction, "family fraction");
  fraction(o.dated_fraction, "dated fraction");
  fraction(o.wire_unrelated_fraction, "wire unrelated fraction");
  fraction(o.absent_wire_fraction, "absent wire fraction");
  fraction(o.same_publisher_fraction, "same publisher fraction");
  fraction(o.one_off_fraction, "one-off fraction");
  fraction(o.small_paper_fraction, "small paper fraction");
  if (o.min_family_size < 2 || o.max_family_size < o.min_family_size)
    throw Error("family sizes must satisfy 2 <= min <= max");
  if (o.publishers < 1 || o.publishers > 256) throw Error("publishers must be between 1 and 256");
  if (o.publishers + 1 < o.max_family_size)
    throw Error("a family of " + std::to_string(o.max_family_size) + " needs " +
                std::to_string(o.max_family_size - 1) + " publishers");
  double total = 0;
  for (const double w : o.kind_weights) {
    if (!(w >= 0.0) || !std::isfinite(w)) throw Error("copy kind weights must be finite and non-negative");
    total += w;
  }
  if (!(total > 0)) throw Error("at least one copy kind needs a positive weight");
  if (o.min_story_words < 30 || o.max_story_words < o.min_story_words)
    throw Error("story words must satisfy 30 <= min <= max");
  if (o.chunk_articles < 1) throw Error("chunk size must be at least 1");
  if (!o.exclude_groups.empty() && o.base_dir.empty()) throw Error("exclude groups need a base folder");
}

GeneratorStats generate_corpus(const GeneratorOptions& options, std::ostream& corpus, std::ostream& truth,
                               std::ostream* absent_wires) {
  validate(options);
  Generator generator(options, corpus, truth, absent_wires);
  return generator.run();
}

std::string iso8601_utc(std::int64_t unix_seconds) {
  // Howard Hinnant's civil_from_days.
  std::int64_t days = unix_seconds / 86400;
  std::int64_t secs = unix_seconds % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  return buffer;
}

}  // namespace wiretrace::bench
