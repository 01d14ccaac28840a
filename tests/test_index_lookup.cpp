// The index's lookup file (issue 12, item 2: open time): the band and fingerprint tables saved
// beside the index and mapped at the next open must answer every lookup as the tables derived
// from the rows do, after adds, after deletions and across reopenings; a file that does not
// belong to the rows (another index's, an older state's, other parameters, damaged) is not used.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.hpp"
#include "gen/generator.hpp"
#include "test_support.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/engine.hpp"
#include "wiretrace/index.hpp"

using namespace wiretrace;
using namespace wiretrace::test;
namespace fs = std::filesystem;

namespace {

std::vector<Document> generated(std::uint64_t articles, std::uint64_t seed) {
  bench::GeneratorOptions options;
  options.articles = articles;
  options.seed = seed;
  std::ostringstream corpus, truth;
  bench::generate_corpus(options, corpus, truth);
  std::vector<Document> docs;
  std::istringstream in(corpus.str());
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    Document d = doc(j.at("id"), j.at("text"), j.value("source", ""));
    d.published = j.value("published", "");
    docs.push_back(std::move(d));
  }
  return docs;
}

std::span<const Document> part(const std::vector<Document>& docs, std::size_t from, std::size_t to) {
  return std::span(docs).subspan(from, to - from);
}

// Decides `docs` into the index in batches; the decision lines, in order.
std::vector<std::string> decide(Index& index, std::span<const Document> docs) {
  Deduplicator dedup(index);
  std::vector<std::string> lines;
  constexpr std::size_t batch = 64;
  for (std::size_t i = 0; i < docs.size(); i += batch) {
    const auto some = docs.subspan(i, std::min(batch, docs.size() - i));
    const auto prepared = prepare_articles(some, index.params());
    for (const DedupResult& r : dedup.add(some, prepared)) {
      std::ostringstream line;
      write_dedup_line(line, r);
      lines.push_back(line.str());
    }
  }
  return lines;
}

// What every lookup of `probes` gives: the candidates and the postings met (a posting stored
// twice, or a deleted article's posting kept, shows in the counts even when the list is equal).
std::vector<std::string> lookups(const Index& index, std::span<const Document> probes) {
  std::vector<std::string> out;
  for (const Document& d : probes) {
    const ArticleKeys keys = article_keys(prepare_article(d.text, index.params()).sequence, index.params());
    LookupStats stats;
    std::string line;
    for (std::uint32_t n : index.candidates(keys.band_keys, keys.fingerprints, stats))
      line += std::to_string(n) + " ";
    line += "| " + std::to_string(stats.band_hits) + " " + std::to_string(stats.fingerprint_hits) +
            " " + std::to_string(stats.capped_keys);
    out.push_back(line);
  }
  return out;
}

// Everything else an open keeps in memory, number by number: what the lookup file also restores.
std::vector<std::string> state(const Index& index) {
  std::vector<std::string> out;
  std::set<std::string> sources;
  out.push_back(std::to_string(index.size()) + " of " + std::to_string(index.last_number()));
  for (std::uint32_t n = 1; n <= index.last_number(); ++n) {
    if (!index.contains(n)) {
      out.push_back(std::to_string(n) + " deleted");
      continue;
    }
    const IndexedArticle a = index.article(n);  // its matches' ratios use the distinct counts
    std::string line = std::to_string(n) + " " + index.id_of(n) + " f" +
                       std::to_string(index.family_of(n)) + " " +
                       std::to_string(index.published_unix(n).value_or(-1)) + " " +
                       std::to_string(index.find(a.id).value_or(0));
    for (const ScoredPair& p : a.matches) line += " " + std::to_string(p.jaccard);
    out.push_back(line);
    sources.insert(a.source);
  }
  for (const std::string& source : sources) {
    std::string line = source + ":";
    for (std::uint32_t n : index.recent_of_source(source, 1000)) line += " " + std::to_string(n);
    out.push_back(line);
  }
  const IndexStats stats = index.stats();
  out.push_back(std::to_string(stats.families) + " families, " + std::to_string(stats.unique) + " unique");
  return out;
}

// The database alone (its lookup file left behind): opening the copy derives the tables.
void copy_database(const fs::path& from, const fs::path& to) {
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  for (const char* suffix : {"-wal", "-shm"})
    if (fs::exists(from.string() + suffix))
      fs::copy_file(from.string() + suffix, to.string() + suffix, fs::copy_options::overwrite_existing);
}

Params capped_params() {
  Params p;
  p.max_bucket = 4;  // families of up to 8: many keys are capped, so posting order matters
  return p;
}

}  // namespace

TEST_CASE("index lookup file: mapped tables answer as derived ones, after adds and reopening") {
  for (const Params& params : {Params{}, capped_params()}) {
    CAPTURE(params.max_bucket);
    TempDir dir;
    const auto docs = generated(400, 11);
    const fs::path mapped = dir / "mapped.idx", derived = dir / "derived.idx", whole = dir / "whole.idx";
    std::vector<std::string> lines;
    {
      Index index(mapped.string(), params);
      CHECK(index.lookup_load().origin == LookupOrigin::derived);
      lines = decide(index, part(docs, 0, 260));
      CHECK(index.save_lookup(LookupSave::always));
      const auto more = decide(index, part(docs, 260, 300));  // rows the file does not cover
      lines.insert(lines.end(), more.begin(), more.end());
      CHECK_FALSE(index.save_lookup());  // 40 uncovered rows: not worth writing again
    }
    copy_database(mapped, derived);
    {
      Index m(mapped.string(), params), d(derived.string(), params);
      CHECK(m.lookup_load().origin == LookupOrigin::mapped);
      CHECK(m.lookup_load().mapped_rows == 260);
      CHECK(m.lookup_load().derived_rows == 40);
      CHECK(d.lookup_load().origin == LookupOrigin::derived);
      CHECK(d.lookup_load().why_derived == "no lookup file");
      CHECK(lookups(m, part(docs, 300, 400)) == lookups(d, part(docs, 300, 400)));
      CHECK(state(m) == state(d));
      const auto from_mapped = decide(m, part(docs, 300, 400));
      CHECK(from_mapped == decide(d, part(docs, 300, 400)));
      lines.insert(lines.end(), from_mapped.begin(), from_mapped.end());
      // Inserts into the mapped tables (copied pages) answer as inserts into derived ones.
      const auto all_lookups = lookups(m, part(docs, 0, 400));
      CHECK(all_lookups == lookups(d, part(docs, 0, 400)));
      // The capped run is only a test of posting order if keys were capped.
      const auto capped = std::count_if(all_lookups.begin(), all_lookups.end(), [](const std::string& line) {
        return !line.ends_with(" 0");
      });
      CHECK((params.max_bucket == 4) == (capped > 0));
      CHECK(state(m) == state(d));
    }
    // Opens without the lookup (stats, export) take the rows' state from the file too.
    IndexOptions inspect;
    inspect.read_only = true;
    inspect.load_lookup = false;
    CHECK(state(Index(mapped.string(), params, inspect)) == state(Index(derived.string(), params, inspect)));
    Index one_run(whole.string(), params);
    CHECK(decide(one_run, part(docs, 0, 400)) == lines);
  }
}

TEST_CASE("index lookup file: deletions make it unused until saved again, and then it agrees") {
  const Params params = capped_params();
  TempDir dir;
  const auto docs = generated(500, 12);
  const fs::path path = dir / "p.idx", derived = dir / "d.idx";
  {
    Index index(path.string(), params);
    decide(index, part(docs, 0, 450));
    CHECK(index.save_lookup(LookupSave::always));
    index.begin();
    for (std::uint32_t n = 3; n <= 450; n += 17) index.remove(n);
    index.commit();
    CHECK_FALSE(index.save_lookup());  // its tables still hold the deleted articles' postings
  }
  {
    Index index(path.string(), params);
    CHECK(index.lookup_load().origin == LookupOrigin::derived);
    CHECK(index.lookup_load().why_derived == "articles were deleted since the lookup file was saved");
    CHECK(index.save_lookup(LookupSave::always));
  }
  copy_database(path, derived);
  {
    Index m(path.string(), params), d(derived.string(), params);
    CHECK(m.lookup_load().origin == LookupOrigin::mapped);
    CHECK(lookups(m, part(docs, 0, 500)) == lookups(d, part(docs, 0, 500)));
    CHECK(state(m) == state(d));
    // Deleting in this process, then saving: the tables are derived afresh before they are saved.
    m.begin();
    for (std::uint32_t n = 5; n <= 450; n += 23)
      if (m.contains(n)) m.remove(n);
    m.commit();
    CHECK(m.save_lookup(LookupSave::always));
  }
  copy_database(path, derived);
  Index m(path.string(), params), d(derived.string(), params);
  CHECK(m.lookup_load().origin == LookupOrigin::mapped);
  CHECK(lookups(m, part(docs, 0, 500)) == lookups(d, part(docs, 0, 500)));
  CHECK(state(m) == state(d));
  CHECK(decide(m, part(docs, 450, 500)) == decide(d, part(docs, 450, 500)));
}

TEST_CASE("index lookup file: not used beside another index, an older state, or other parameters") {
  TempDir dir;
  const auto docs = generated(300, 13);
  const auto others = generated(300, 14);  // the same ids, other texts
  auto renamed = others;
  for (Document& d : renamed) d.id = "other-" + d.id;
  const fs::path a = dir / "a.idx", early = dir / "early.idx", b = dir / "b.idx";
  {
    Index index(a.string(), Params{});
    decide(index, part(docs, 0, 200));
  }
  copy_database(a, early);  // the index as it was at 200 rows (its id is a's)
  {
    Index index(a.string(), Params{});
    decide(index, part(docs, 200, 300));
    CHECK(index.save_lookup(LookupSave::always));
  }
  {
    Index index(b.string(), Params{});
    decide(index, part(others, 0, 300));
  }
  const std::string file = Index::lookup_path(a.string());
  auto why = [](const fs::path& path, const Params& params) {
    const Index index(path.string(), params);
    CHECK(index.lookup_load().origin == LookupOrigin::derived);
    return index.lookup_load().why_derived;
  };
  CHECK(Index(a.string(), Params{}).lookup_load().origin == LookupOrigin::mapped);
  fs::copy_file(file, Index::lookup_path(b.string()));
  CHECK(why(b, Params{}) == "the lookup file is another index's");
  Params other = Params{};
  other.max_bucket = 100;
  CHECK(why(a, other) == "the lookup file was made with other parameters or by another wiretrace");
  fs::copy_file(file, Index::lookup_path(early.string()));
  CHECK(why(early, Params{}) == "the lookup file does not match the rows");  // covers rows it lacks
  {
    Index index(early.string(), Params{});
    decide(index, part(renamed, 0, 100));  // 300 rows again, other ids from 201 on
  }
  CHECK(why(early, Params{}) == "the lookup file does not match the rows");
  fs::resize_file(file, fs::file_size(file) - 4096);
  CHECK(why(a, Params{}) == "the lookup file is truncated or damaged");
  {
    std::ofstream(file, std::ios::binary) << "not a lookup file, but long enough to hold a header: "
                                          << std::string(200, 'x');
  }
  CHECK(why(a, Params{}) == "the lookup file is not one");
}

TEST_CASE("index lookup file: an index written before lookup files opens and decides as a new one") {
  // fixtures/index/v1-no-lookup.idx: seeds 000-003 decided by the wiretrace of commit 78a334c
  // (format_version 1, no index_id, no lookup file).
  TempDir dir;
  const fs::path old_index = dir / "old.idx", fresh = dir / "fresh.idx";
  fs::copy_file(fs::path(fixtures) / "index" / "v1-no-lookup.idx", old_index);
  const std::string seeds[] = {"000_977f0c954ba00d2b.txt", "001_acf3f096cf1d3bac.txt",
                               "002_2df2f6f88230cd01.txt", "003_3bffe2a6f06d5d47.txt"};
  std::string first_four;
  for (const auto& s : seeds) first_four += " " + quoted(fs::path(seeds_dir) / s);
  const std::string last = quoted(fs::path(seeds_dir) / "004_9a41b40ebb447b2c.txt");
  const auto f = run(cli + " dedup --quiet --emit decisions --index " + quoted(fresh) + first_four);
  REQUIRE(f.exit_code == 0);
  const auto from_old = run(cli + " dedup --quiet --emit decisions --index " + quoted(old_index) +
                            first_four + " " + last);
  const auto from_fresh = run(cli + " dedup --quiet --emit decisions --index " + quoted(fresh) +
                              first_four + " " + last);
  REQUIRE(from_old.exit_code == 0);
  REQUIRE(from_fresh.exit_code == 0);
  CHECK(json_lines(from_old.out).size() == 5);
  CHECK(from_old.out == from_fresh.out);
  Index index(old_index.string(), Index::stored_params(old_index.string()));
  CHECK(index.size() == 5);
  CHECK(index.save_lookup(LookupSave::always));
  CHECK(Index(old_index.string(), index.params()).lookup_load().origin == LookupOrigin::mapped);
}
