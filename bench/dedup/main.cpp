// wiretrace-dedup-bench: how fast `dedup` decides articles against an index that already holds N
// articles, and how large that index is on disk.
//   1. generates N + M articles (wiretrace-gen's generator, with truth) into --dir;
//   2. checks the answer first (a fast wrong answer is a failed benchmark): the first --check
//      articles, deduplicated one at a time into a fresh index, must form the families of one
//      batch cluster_documents run over the same articles;
//   3. fills an index with the first N articles (one transaction per --fill-batch articles);
//   4. reopens it (the in-memory lookup is rebuilt from the rows: timed, memory measured);
//   5. decides the M further articles, each committed on its own, two ways: "sequential" (tokenize
//      then decide then commit, one article after the other, one core: the latency a lone
//      article sees) and "pipelined" (as `wiretrace dedup` runs: blocks of 1,024 articles
//      tokenized in parallel, then each decided and committed on its own);
//   6. reports articles/s, latency median / p99 / max, index bytes per article (before and after
//      `index compact`), open time and resident memory.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "gen/generator.hpp"
#include "wiretrace/dedup.hpp"
#include "wiretrace/error.hpp"
#include "wiretrace/index.hpp"
#include "wiretrace/ingest.hpp"
#include "wiretrace/pipeline.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace wiretrace;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Anonymous resident memory of this process (RssAnon: the heap, not the index file's pages
// mapped by SQLite's mmap, which the kernel can drop), in MB (10^6 bytes).
double resident_mb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("RssAnon:", 0) == 0) return std::stod(line.substr(8)) / 1000.0;  // kB
  return -1;
}

std::uint64_t disk_bytes(const std::filesystem::path& index) {
  std::uint64_t total = 0;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(index.string() + suffix, ec);
    if (!ec) total += size;
  }
  return total;
}

void remove_index(const std::filesystem::path& index) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(index.string() + suffix);
}

struct Latency {
  double median_ms = 0, p99_ms = 0, max_ms = 0, mean_ms = 0;  // mean: for the throughput check
};

Latency summarize(std::vector<double> seconds) {
  Latency l;
  if (seconds.empty()) return l;
  std::sort(seconds.begin(), seconds.end());
  auto at = [&](double q) {
    const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(seconds.size()))) - 1;
    return seconds[std::min(i, seconds.size() - 1)] * 1e3;
  };
  l.median_ms = at(0.5);
  l.p99_ms = at(0.99);
  l.max_ms = seconds.back() * 1e3;
  double sum = 0;
  for (double s : seconds) sum += s;
  l.mean_ms = sum / static_cast<double>(seconds.size()) * 1e3;
  return l;
}

using Families = std::set<std::vector<std::string>>;

Families families_of(const ClusterResult& r) {
  Families out;
  for (const auto& f : r.families) {
    std::vector<std::string> members;
    for (auto d : f.members) members.push_back(r.documents[d].id);
    std::sort(members.begin(), members.end());
    out.insert(members);
  }
  return out;
}

// Pairs of articles in one family, for precision and recall of one grouping against another.
std::set<std::pair<std::string, std::string>> pairs_of(const Families& families) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& f : families)
    for (std::size_t i = 0; i < f.size(); ++i)
      for (std::size_t j = i + 1; j < f.size(); ++j) out.insert({f[i], f[j]});
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t articles = 100000, measure = 10000, seed = 20261123, check = 2000;
  std::size_t fill_batch = 1000;
  std::string dir, mix = "default";
  bool keep = false;
  Params params;

  CLI::App app{"wiretrace-dedup-bench: dedup throughput, latency and index size on a generated corpus."};
  app.add_option("--articles", articles, "Articles in the index before measuring (N)")->capture_default_str();
  app.add_option("--measure", measure, "Articles decided and timed after that (M)")->capture_default_str();
  app.add_option("--check", check, "Articles of the reference check (dedup families = cluster families); 0 = skip")
      ->capture_default_str();
  app.add_option("--fill-batch", fill_batch, "Articles per transaction while filling")->capture_default_str();
  app.add_option("--seed", seed, "Generator seed")->capture_default_str();
  app.add_option("--mix", mix, "Generator mix")->check(CLI::IsMember({"default", "easy"}))->capture_default_str();
  app.add_option("--dir", dir, "Work folder (corpus and indexes); default: a new folder under the temp dir");
  app.add_flag("--keep", keep, "Keep the work folder");
  app.add_option("--threads", params.threads, "Threads for tokenizing (0 = all cores)")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (measure < 2 || fill_batch == 0) {
    std::cerr << "wiretrace-dedup-bench: --measure must be at least 2 and --fill-batch at least 1\n";
    return 2;
  }

  try {
    const bool own_dir = dir.empty();
    const std::filesystem::path work =
        own_dir ? std::filesystem::temp_directory_path() /
                      ("wiretrace-dedup-bench-" + std::to_string(std::random_device{}()))
                : std::filesystem::path(dir);
    std::filesystem::create_directories(work);

    // 1. The corpus.
    auto start = Clock::now();
    bench::GeneratorOptions gen;
    gen.articles = articles + measure;
    gen.seed = seed;
    if (mix == "easy") bench::use_easy_mix(gen);
    const auto corpus_path = work / "corpus.jsonl";
    {
      std::ofstream corpus(corpus_path, std::ios::binary), truth(work / "truth.jsonl", std::ios::binary);
      bench::generate_corpus(gen, corpus, truth);
    }
    IngestResult input = read_inputs({corpus_path.string()});
    auto& docs = input.documents;
    if (docs.size() != articles + measure) throw Error("the generated corpus lost articles");
    std::printf("corpus: %zu articles (%s mix, seed %llu), %.1f MB, generated and read in %.1f s\n",
                docs.size(), mix.c_str(), static_cast<unsigned long long>(seed),
                static_cast<double>(input.bytes_read) / 1e6, seconds_since(start));

    // 2. The reference check, before anything is timed.
    if (check > 0) {
      const std::size_t n = std::min<std::size_t>(check, docs.size());
      const std::span<const Document> sample(docs.data(), n);
      const auto check_index = work / "check.idx";
      remove_index(check_index);
      Families streamed;
      {
        Index index(check_index.string(), params);
        Deduplicator dedup(index);
        const auto prepared = prepare_articles(sample, params);
        for (std::size_t i = 0; i < n; ++i) dedup.add(sample.subspan(i, 1), std::span(prepared).subspan(i, 1));
        streamed = families_of(export_index(index));
      }
      remove_index(check_index);
      const Families batch = families_of(
          cluster_documents(std::vector<Document>(sample.begin(), sample.end()), params));
      const auto p = pairs_of(streamed), b = pairs_of(batch);
      std::size_t common = 0;
      for (const auto& pair : p) common += b.count(pair);
      const double precision = p.empty() ? 1 : static_cast<double>(common) / p.size();
      const double recall = b.empty() ? 1 : static_cast<double>(common) / b.size();
      std::printf("check: dedup of the first %zu articles, one at a time: %zu families, %s the %zu "
                  "of a batch cluster run (family pairs: precision %.4f, recall %.4f)\n",
                  n, streamed.size(), streamed == batch ? "equal to" : "NOT equal to", batch.size(),
                  precision, recall);
      if (precision < 0.99 || recall < 0.99) {
        std::printf("check FAILED: dedup disagrees with cluster; no timing is reported\n");
        return 1;
      }
    }

    // 3. Fill.
    const auto index_path = work / "bench.idx";
    remove_index(index_path);
    start = Clock::now();
    {
      Index index(index_path.string(), params);
      Deduplicator dedup(index);
      for (std::size_t from = 0; from < articles; from += fill_batch) {
        const std::size_t count = std::min<std::size_t>(fill_batch, articles - from);
        const std::span<const Document> block(docs.data() + from, count);
        const auto prepared = prepare_articles(block, params);
        dedup.add(block, prepared);
      }
    }
    const double fill_seconds = seconds_since(start);
    const std::uint64_t filled_bytes = disk_bytes(index_path);
    std::printf("fill: %llu articles in %.1f s (%.0f articles/s, %zu per transaction); on disk %.1f MB = %.0f bytes/article\n",
                static_cast<unsigned long long>(articles), fill_seconds,
                static_cast<double>(articles) / fill_seconds, fill_batch,
                static_cast<double>(filled_bytes) / 1e6,
                static_cast<double>(filled_bytes) / static_cast<double>(articles));

    // 4. Reopen: the lookup is rebuilt from the rows.
    const double rss_before = resident_mb();
    start = Clock::now();
    Index index(index_path.string(), params);
    const double open_seconds = seconds_since(start);
    const double rss_index = resident_mb() - rss_before;
    std::printf("open: %.2f s to rebuild the lookup of %zu articles; %.0f MB of memory for it (%.0f bytes/article)\n",
                open_seconds, index.size(), rss_index, rss_index * 1e6 / static_cast<double>(index.size()));
    Deduplicator dedup(index);

    // 5a. Sequential: tokenize, decide, commit, one article after the other.
    const std::size_t half = measure / 2;
    std::vector<double> sequential;
    sequential.reserve(half);
    start = Clock::now();
    for (std::size_t i = articles; i < articles + half; ++i) {
      const auto t0 = Clock::now();
      dedup.add(docs[i]);
      sequential.push_back(seconds_since(t0));
    }
    const double sequential_seconds = seconds_since(start);

    // 5b. Pipelined: the next block is tokenized on other threads while this one decides each
    // article of the current block and commits it.
    std::vector<double> decide_only;
    decide_only.reserve(measure - half);
    start = Clock::now();
    auto block_at = [&](std::size_t from) {
      return std::span<const Document>(docs.data() + from,
                                       std::min<std::size_t>(1024, articles + measure - from));
    };
    auto next = std::async(std::launch::async, [&] { return prepare_articles(block_at(articles + half), params); });
    for (std::size_t from = articles + half; from < articles + measure; from += 1024) {
      const auto block = block_at(from);
      const std::size_t count = block.size();
      const auto prepared = next.get();
      if (from + count < articles + measure)
        next = std::async(std::launch::async, [&, at = from + count] { return prepare_articles(block_at(at), params); });
      for (std::size_t i = 0; i < count; ++i) {
        const auto t0 = Clock::now();
        dedup.add(block.subspan(i, 1), std::span(prepared).subspan(i, 1));
        decide_only.push_back(seconds_since(t0));
      }
    }
    const double pipelined_seconds = seconds_since(start);
    const DedupStats& s = dedup.stats();

    const Latency a = summarize(sequential), b = summarize(decide_only);
    std::printf("\nindex of %zu articles; %zu more decided, each committed in its own transaction "
                "(%zu new, %zu copies, %zu duplicates; %.1f candidates and %.1f accepted per article)\n",
                static_cast<std::size_t>(articles), s.articles, s.new_articles, s.copies, s.duplicates,
                static_cast<double>(s.candidates) / static_cast<double>(s.articles),
                static_cast<double>(s.accepted) / static_cast<double>(s.articles));
    std::printf("  %-52s %9s %8s %8s %8s\n", "", "art/s", "median", "p99", "max");
    std::printf("  %-52s %9.0f %6.3fms %6.3fms %6.2fms\n",
                "sequential: tokenize + decide + commit, one core", half / sequential_seconds,
                a.median_ms, a.p99_ms, a.max_ms);
    std::printf("  %-52s %9.0f %6.3fms %6.3fms %6.2fms\n",
                "pipelined (as the CLI): decide + commit latency",
                static_cast<double>(measure - half) / pipelined_seconds, b.median_ms, b.p99_ms, b.max_ms);

    // 6. Size on disk, then compacted.
    const std::uint64_t bytes = disk_bytes(index_path);
    const std::size_t total = index.size();
    index = Index((work / "unused.idx").string(), params);  // closes the bench index
    compact_index(index_path.string());
    const std::uint64_t compacted = disk_bytes(index_path);
    std::printf("disk: %.1f MB = %.0f bytes/article with the WAL; after compact %.1f MB = %.0f bytes/article\n",
                static_cast<double>(bytes) / 1e6, static_cast<double>(bytes) / static_cast<double>(total),
                static_cast<double>(compacted) / 1e6,
                static_cast<double>(compacted) / static_cast<double>(total));
    std::printf("targets: 5,000 articles/s: %s (sequential), %s (pipelined); p99 < 5 ms: %s; < 4 KB/article: %s\n",
                half / sequential_seconds >= 5000 ? "met" : "NOT met",
                static_cast<double>(measure - half) / pipelined_seconds >= 5000 ? "met" : "NOT met",
                std::max(a.p99_ms, b.p99_ms) < 5 ? "met" : "NOT met",
                static_cast<double>(bytes) / static_cast<double>(total) < 4096 ? "met" : "NOT met");
    if (own_dir && !keep) std::filesystem::remove_all(work);
    else std::printf("work folder: %s\n", work.string().c_str());
  } catch (const std::exception& e) {
    std::cerr << "wiretrace-dedup-bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
