// Which documents share a key? Candidate generation (passage fingerprints, LSH band keys) and
// boilerplate detection (edge shingles of one source) all ask it of tens of millions of
// (key, document) entries of which most occur once.
//
// PERF: sorting every entry, or first filtering them through one big table of counters, spent
// most of its time in cache misses and page faults (2.5 s of a 6.6 s run at 100,000 articles).
// Here the entries are scattered once into partitions by the top bits of the key (sequential
// writes), and each partition, small enough for the L2 cache, is grouped with a local hash
// table. Entries are scattered by fixed document ranges, so each key's documents come out in
// document order and the result does not depend on the thread count.
#pragma once
#include <algorithm>
#include <bit>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

namespace wiretrace::detail {

/// Keys held by at least two different documents, each with those documents in ascending order.
struct SharedKeys {
  std::vector<std::uint64_t> keys;     ///< group g's key
  std::vector<std::size_t> starts;     ///< group g's documents: docs[starts[g] .. starts[g + 1])
  std::vector<std::uint32_t> docs;
  std::size_t capped = 0;              ///< keys skipped for holding more than max_docs documents

  std::size_t size() const { return keys.size(); }
  std::span<const std::uint32_t> members(std::size_t g) const {
    return {docs.data() + starts[g], starts[g + 1] - starts[g]};
  }
};

/// `keys_of(d)` returns document d's keys (any range of std::uint64_t; a key may repeat within a
/// document). Groups come out in an order fixed by the input alone.
template <class KeysOf>
SharedKeys find_shared_keys(std::size_t documents, KeysOf keys_of, std::size_t max_docs) {
  struct Entry {
    std::uint64_t key;
    std::uint32_t doc;
  };
  SharedKeys out;
  out.starts.push_back(0);  // for the early returns: no groups
  if (documents == 0) return out;

  // Fixed document ranges (not TBB's adaptive split) keep the scatter order deterministic.
  const std::size_t chunks = std::min<std::size_t>(documents, 256);
  auto chunk_begin = [&](std::size_t c) { return documents * c / chunks; };
  std::vector<std::size_t> chunk_sizes(chunks, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    for (std::size_t d = chunk_begin(c); d < chunk_begin(c + 1); ++d) chunk_sizes[c] += std::size(keys_of(d));
  });
  std::size_t total = 0;
  for (std::size_t n : chunk_sizes) total += n;
  if (total == 0) return out;

  // At most 256 partitions: a scatter into more streams than that thrashes the TLB.
  const unsigned bits = std::clamp<unsigned>(std::bit_width(total / 65536), 1, 8);
  const std::size_t partitions = std::size_t{1} << bits;
  auto partition_of = [&](std::uint64_t key) { return static_cast<std::size_t>(key >> (64 - bits)); };

  // counts[c * partitions + p]: chunk c's entries in partition p.
  std::vector<std::size_t> counts(chunks * partitions, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::size_t* count = counts.data() + c * partitions;
    for (std::size_t d = chunk_begin(c); d < chunk_begin(c + 1); ++d)
      for (std::uint64_t key : keys_of(d)) ++count[partition_of(key)];
  });

  // Each partition is split again by the next bits into pieces of about 4,096 entries (in a
  // scratch buffer, still in key-bit then document order), and each piece is grouped with a hash
  // table small enough for the L2 cache: key -> its first and last entry, entries of one key
  // chained in document order.
  constexpr std::size_t piece_target = 4096;
  struct Scratch {
    std::vector<Entry> split;
    std::vector<std::size_t> piece_start, cursor;
    std::vector<std::uint32_t> head, tail, next;
  };
  struct Part {
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> sizes;
    std::vector<std::uint32_t> docs;
    std::size_t capped = 0;
  };
  auto group_piece = [max_docs](const Entry* e, std::size_t n, Scratch& s, Part& part) {
    if (n < 2) return;
    const std::size_t slots = std::bit_ceil(2 * n);
    const std::size_t mask = slots - 1;
    constexpr std::uint32_t none = ~0u;
    s.head.assign(slots, none);
    s.tail.resize(slots);
    s.next.assign(n, none);
    for (std::uint32_t i = 0; i < n; ++i) {
      std::size_t slot = e[i].key & mask;  // low bits: the top ones chose the partition and piece
      while (s.head[slot] != none && e[s.head[slot]].key != e[i].key) slot = (slot + 1) & mask;
      if (s.head[slot] == none) {
        s.head[slot] = s.tail[slot] = i;
      } else {
        s.next[s.tail[slot]] = i;
        s.tail[slot] = i;
      }
    }
    for (std::size_t slot = 0; slot < slots; ++slot) {
      const std::uint32_t first_entry = s.head[slot];
      if (first_entry == none || s.next[first_entry] == none) continue;  // empty, or one entry
      const std::size_t first = part.docs.size();
      for (std::uint32_t i = first_entry; i != none; i = s.next[i])
        if (part.docs.size() == first || part.docs.back() != e[i].doc) part.docs.push_back(e[i].doc);
      const std::size_t members = part.docs.size() - first;
      if (members < 2 || members > max_docs) {
        part.capped += members > max_docs;
        part.docs.resize(first);
        continue;
      }
      part.keys.push_back(e[first_entry].key);
      part.sizes.push_back(static_cast<std::uint32_t>(members));
    }
  };
  // PERF: fresh memory is costly (page faults; on a VM, the host's too), so the partitions are
  // scattered and grouped a batch at a time through one reused buffer of ~64 MB. Every batch
  // reads all keys again, so there are at most 8: at a million articles the buffer grows
  // instead (64 batches there made this stage 15 times slower).
  constexpr std::size_t batch_bytes = std::size_t{64} << 20;
  constexpr std::size_t max_batches = 8;
  const std::size_t batches = std::min({partitions, max_batches,
                                        std::bit_ceil((total * sizeof(Entry) + batch_bytes - 1) / batch_bytes)});
  const std::size_t per_batch = partitions / batches;
  std::vector<std::size_t> partition_total(partitions, 0);
  for (std::size_t c = 0; c < chunks; ++c)
    for (std::size_t p = 0; p < partitions; ++p) partition_total[p] += counts[c * partitions + p];
  std::size_t largest_batch = 0;
  for (std::size_t batch = 0; batch < batches; ++batch)
    largest_batch = std::max(largest_batch, std::reduce(partition_total.begin() + batch * per_batch,
                                                        partition_total.begin() + (batch + 1) * per_batch));
  std::vector<Entry> entries;
  entries.reserve(largest_batch);
  std::vector<std::size_t> cursor(chunks * per_batch);
  std::vector<std::size_t> partition_start(per_batch + 1);
  std::vector<Part> parts(partitions);
  tbb::enumerable_thread_specific<Scratch> scratch;
  for (std::size_t batch = 0; batch < batches; ++batch) {
    const std::size_t first_partition = batch * per_batch;
    // cursor[c * per_batch + p]: where chunk c writes its next entry of partition first + p.
    std::size_t running = 0;
    for (std::size_t p = 0; p < per_batch; ++p) {
      partition_start[p] = running;
      for (std::size_t c = 0; c < chunks; ++c) {
        cursor[c * per_batch + p] = running;
        running += counts[c * partitions + first_partition + p];
      }
    }
    partition_start[per_batch] = running;
    entries.resize(running);
    tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
      std::size_t* next = cursor.data() + c * per_batch;
      for (std::size_t d = chunk_begin(c); d < chunk_begin(c + 1); ++d)
        for (std::uint64_t key : keys_of(d)) {
          const std::size_t p = partition_of(key) - first_partition;
          if (p < per_batch) entries[next[p]++] = {key, static_cast<std::uint32_t>(d)};
        }
    });
    tbb::parallel_for(std::size_t{0}, per_batch, [&](std::size_t p) {
      const std::size_t begin = partition_start[p], n = partition_start[p + 1] - begin;
      const Entry* e = entries.data() + begin;
      Part& part = parts[first_partition + p];
      Scratch& s = scratch.local();
      const unsigned piece_bits = std::min<unsigned>(std::bit_width(n / piece_target), 12);
      if (piece_bits == 0) return group_piece(e, n, s, part);
      const std::size_t pieces = std::size_t{1} << piece_bits;
      auto piece_of = [&](std::uint64_t key) { return static_cast<std::size_t>((key << bits) >> (64 - piece_bits)); };
      s.piece_start.assign(pieces + 1, 0);
      for (std::size_t i = 0; i < n; ++i) ++s.piece_start[piece_of(e[i].key) + 1];
      for (std::size_t q = 0; q < pieces; ++q) s.piece_start[q + 1] += s.piece_start[q];
      s.split.resize(n);
      s.cursor.assign(s.piece_start.begin(), s.piece_start.end() - 1);
      for (std::size_t i = 0; i < n; ++i) s.split[s.cursor[piece_of(e[i].key)]++] = e[i];
      for (std::size_t q = 0; q < pieces; ++q)
        group_piece(s.split.data() + s.piece_start[q], s.piece_start[q + 1] - s.piece_start[q], s, part);
    });
  }
  entries = {};

  // The parts are laid end to end in partition order, copied in parallel (at a million articles
  // a serial copy took seconds).
  std::vector<std::size_t> group_offset(partitions + 1, 0), doc_offset(partitions + 1, 0);
  for (std::size_t p = 0; p < partitions; ++p) {
    group_offset[p + 1] = group_offset[p] + parts[p].keys.size();
    doc_offset[p + 1] = doc_offset[p] + parts[p].docs.size();
    out.capped += parts[p].capped;
  }
  out.keys.resize(group_offset[partitions]);
  out.starts.resize(group_offset[partitions] + 1);
  out.docs.resize(doc_offset[partitions]);
  out.starts[group_offset[partitions]] = doc_offset[partitions];
  tbb::parallel_for(std::size_t{0}, partitions, [&](std::size_t p) {
    Part& part = parts[p];
    std::copy(part.keys.begin(), part.keys.end(), out.keys.begin() + static_cast<std::ptrdiff_t>(group_offset[p]));
    std::copy(part.docs.begin(), part.docs.end(), out.docs.begin() + static_cast<std::ptrdiff_t>(doc_offset[p]));
    std::size_t start = doc_offset[p];
    for (std::size_t g = 0; g < part.sizes.size(); ++g) {
      out.starts[group_offset[p] + g] = start;
      start += part.sizes[g];
    }
    part = {};
  });
  return out;
}

}  // namespace wiretrace::detail
