#include "index/lookup_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>

namespace wiretrace::detail {

namespace {

constexpr char magic[16] = {'w', 'i', 'r', 'e', 't', 'r', 'a', 'c',
                            'e', '-', 'l', 'o', 'o', 'k', 'u', 'p'};
constexpr std::size_t header_bytes = 4096;  // tables start on a page boundary

static_assert(sizeof(Postings::Slot) == 8, "slots are saved as they are in memory");
static_assert(std::endian::native == std::endian::little,
              "lookup files are little-endian; a big-endian build needs byte swaps");

// The header as written; fixed-width fields only, so its bytes are the layout.
struct RawHeader {
  char magic[16];
  std::uint32_t version;
  std::uint32_t slot_bytes;
  std::uint64_t index_id, params_hash;
  std::uint32_t covered, tombstones;
  std::uint64_t band_capacity, band_used, band_offset;
  std::uint64_t fingerprint_capacity, fingerprint_used, fingerprint_offset;
  std::uint64_t rows_offset, rows_bytes;
  std::uint64_t file_bytes;
};
static_assert(sizeof(RawHeader) <= header_bytes);

std::uint64_t round_up(std::uint64_t n) { return (n + header_bytes - 1) / header_bytes * header_bytes; }

[[noreturn]] void io_fail(const std::string& what, const std::string& file) {
  throw std::runtime_error(what + " " + file + ": " + std::strerror(errno));
}

void write_all(int fd, const void* data, std::size_t size, const std::string& file) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      io_fail("cannot write", file);
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

bool plausible(std::uint64_t capacity, std::uint64_t used, std::uint64_t offset, std::uint64_t size) {
  if (capacity == 0) return used == 0;
  return std::has_single_bit(capacity) && used * 10 <= capacity * 7 && offset % header_bytes == 0 &&
         offset >= header_bytes && offset <= size && capacity <= (size - offset) / 8;
}

template <class T>
void put(std::string& out, const std::vector<T>& v) {
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

void put_u64(std::string& out, std::uint64_t x) { out.append(reinterpret_cast<const char*>(&x), 8); }

void put_strings(std::string& out, const std::vector<std::string>& strings) {
  std::uint64_t end = 0;
  for (const std::string& s : strings) put_u64(out, end += s.size());
  for (const std::string& s : strings) out += s;
}

// The rows section: counts, then each array whole (see LookupRows).
std::string encode_rows(const LookupRows& rows) {
  std::string out;
  put_u64(out, rows.alive.size());
  put_u64(out, rows.sources.size());
  put(out, rows.published);
  put(out, rows.distinct);
  put(out, rows.family_root);
  put(out, rows.source);
  put(out, rows.alive);
  put_strings(out, rows.ids);
  put_strings(out, rows.sources);
  return out;
}

// Reads the rows section back; false when it is cut short or its values cannot be a state.
class RowsReader {
 public:
  RowsReader(const char* data, std::size_t size) : p_(data), end_(data + size) {}

  bool read(LookupRows& rows) {
    std::uint64_t n = 0, sources = 0;
    if (!u64(n) || !u64(sources) || n > std::numeric_limits<std::uint32_t>::max()) return false;
    if (!array(rows.published, n) || !array(rows.distinct, n) || !array(rows.family_root, n) ||
        !array(rows.source, n) || !array(rows.alive, n) || !strings(rows.ids, n) ||
        !strings(rows.sources, sources) || p_ != end_)
      return false;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t root = rows.family_root[i];
      if (root >= n || rows.family_root[root] != root || rows.alive[i] > 1 ||
          rows.source[i] > sources || rows.ids[i].empty() != (rows.alive[i] == 0))
        return false;
    }
    return true;
  }

 private:
  bool u64(std::uint64_t& x) {
    if (end_ - p_ < 8) return false;
    std::memcpy(&x, p_, 8);
    p_ += 8;
    return true;
  }
  template <class T>
  bool array(std::vector<T>& v, std::uint64_t n) {
    if (static_cast<std::uint64_t>(end_ - p_) / sizeof(T) < n) return false;
    v.resize(n);
    if (n) std::memcpy(v.data(), p_, n * sizeof(T));
    p_ += n * sizeof(T);
    return true;
  }
  bool strings(std::vector<std::string>& v, std::uint64_t n) {
    std::vector<std::uint64_t> ends;
    if (!array(ends, n)) return false;
    const std::uint64_t total = n ? ends.back() : 0;
    if (static_cast<std::uint64_t>(end_ - p_) < total) return false;
    v.resize(n);
    std::uint64_t begin = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (ends[i] < begin || ends[i] > total) return false;
      v[i].assign(p_ + begin, ends[i] - begin);
      begin = ends[i];
    }
    p_ += total;
    return true;
  }

  const char* p_;
  const char* end_;
};

}  // namespace

void write_lookup_file(const std::string& file, const LookupHeader& header, const Postings& bands,
                       const Postings& fingerprints, const LookupRows& rows) {
  const std::string rows_section = encode_rows(rows);
  RawHeader h{};
  std::memcpy(h.magic, magic, sizeof magic);
  h.version = lookup_file_version;
  h.slot_bytes = sizeof(Postings::Slot);
  h.index_id = header.index_id;
  h.params_hash = header.params_hash;
  h.covered = header.covered;
  h.tombstones = header.tombstones;
  h.band_capacity = bands.slots().size();
  h.band_used = bands.size();
  h.band_offset = header_bytes;
  h.fingerprint_capacity = fingerprints.slots().size();
  h.fingerprint_used = fingerprints.size();
  h.fingerprint_offset = round_up(h.band_offset + h.band_capacity * 8);
  h.rows_offset = h.fingerprint_offset + h.fingerprint_capacity * 8;
  h.rows_bytes = rows_section.size();
  h.file_bytes = h.rows_offset + h.rows_bytes;

  const std::string temporary = file + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) io_fail("cannot create", temporary);
  try {
    std::vector<char> head(header_bytes, 0);
    std::memcpy(head.data(), &h, sizeof h);
    write_all(fd, head.data(), head.size(), temporary);
    write_all(fd, bands.slots().data(), bands.slots().size_bytes(), temporary);
    const std::vector<char> pad(h.fingerprint_offset - h.band_offset - h.band_capacity * 8, 0);
    write_all(fd, pad.data(), pad.size(), temporary);
    write_all(fd, fingerprints.slots().data(), fingerprints.slots().size_bytes(), temporary);
    write_all(fd, rows_section.data(), rows_section.size(), temporary);
    // Synced before the rename: a crash leaves the old file or the whole new one.
    if (::fsync(fd) != 0) io_fail("cannot sync", temporary);
    if (::close(fd) != 0) {
      ::unlink(temporary.c_str());
      io_fail("cannot close", temporary);
    }
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    ::unlink(temporary.c_str());
    io_fail("cannot rename to", file);
  }
}

std::optional<LookupHeader> map_lookup_file(const std::string& file, Postings& bands,
                                            Postings& fingerprints, LookupRows& rows,
                                            std::string& why_not) {
  bands.clear();
  fingerprints.clear();
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    why_not = errno == ENOENT ? "no lookup file" : "the lookup file cannot be opened";
    return std::nullopt;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  RawHeader h{};
  if (::fstat(fd, &st) != 0 || ::pread(fd, &h, sizeof h, 0) != static_cast<ssize_t>(sizeof h) ||
      std::memcmp(h.magic, magic, sizeof magic) != 0) {
    why_not = "the lookup file is not one";
    return std::nullopt;
  }
  if (h.version != lookup_file_version || h.slot_bytes != sizeof(Postings::Slot)) {
    why_not = "the lookup file is of version " + std::to_string(h.version) + " (this wiretrace writes " +
              std::to_string(lookup_file_version) + ")";
    return std::nullopt;
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (h.file_bytes != size || !plausible(h.band_capacity, h.band_used, h.band_offset, size) ||
      !plausible(h.fingerprint_capacity, h.fingerprint_used, h.fingerprint_offset, size) ||
      h.rows_offset > size || h.rows_bytes != size - h.rows_offset) {
    why_not = "the lookup file is truncated or damaged";
    return std::nullopt;
  }
  void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  if (base == MAP_FAILED) {
    why_not = std::string("the lookup file cannot be mapped (") + std::strerror(errno) + ")";
    return std::nullopt;
  }
  // Lookups are random probes: read-ahead would load pages no lookup needs.
  ::madvise(base, size, MADV_RANDOM);
  std::shared_ptr<void> owner(base, [size](void* p) { ::munmap(p, size); });
  auto* bytes = static_cast<char*>(base);
  rows = {};
  if (!RowsReader(bytes + h.rows_offset, h.rows_bytes).read(rows) || rows.alive.size() != h.covered) {
    rows = {};
    why_not = "the lookup file is truncated or damaged";
    return std::nullopt;
  }
  auto slots_at = [&](std::uint64_t offset) {
    return reinterpret_cast<Postings::Slot*>(bytes + offset);
  };
  if (h.band_capacity) bands.adopt(owner, slots_at(h.band_offset), h.band_capacity, h.band_used);
  if (h.fingerprint_capacity)
    fingerprints.adopt(owner, slots_at(h.fingerprint_offset), h.fingerprint_capacity, h.fingerprint_used);
  LookupHeader out;
  out.index_id = h.index_id;
  out.params_hash = h.params_hash;
  out.covered = h.covered;
  out.tombstones = h.tombstones;
  return out;
}

}  // namespace wiretrace::detail
