#include "ingest/input_file.hpp"

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wiretrace/error.hpp"

namespace wiretrace::detail {

InputFile::~InputFile() {
  if (owned_) ::close(fd_);
}

InputFile::InputFile(InputFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      owned_(std::exchange(other.owned_, false)),
      name_(std::move(other.name_)) {}

InputFile& InputFile::operator=(InputFile&& other) noexcept {
  if (this != &other) {
    if (owned_) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    owned_ = std::exchange(other.owned_, false);
    name_ = std::move(other.name_);
  }
  return *this;
}

int InputFile::open(const std::string& path) {
  *this = InputFile{};
  int fd;
  do fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  fd_ = fd;
  owned_ = true;
  name_ = path;
  return 0;
}

InputFile InputFile::standard_input() {
  InputFile file;
  file.fd_ = STDIN_FILENO;
  file.name_ = "<stdin>";
  return file;
}

std::size_t InputFile::read_some(char* out, std::size_t size) {
  for (;;) {
    const ::ssize_t n = ::read(fd_, out, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) throw Error(name_ + ": " + std::system_category().message(errno));
  }
}

std::optional<std::uint64_t> InputFile::regular_size() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return static_cast<std::uint64_t>(st.st_size);
}

std::string InputFile::read_all(std::optional<std::uint64_t> expected, std::size_t limit) {
  // The size is only a hint: a file may grow or shrink while we read it, so read to the end.
  // One byte more than expected lets the read that sees the end fit without growing the buffer.
  std::string bytes;
  bytes.resize(std::min<std::uint64_t>(expected ? *expected + 1 : std::uint64_t{1} << 16, limit));
  std::size_t used = 0;
  while (used < limit) {
    if (used == bytes.size()) bytes.resize(std::min(bytes.size() * 2, limit));
    const std::size_t n = read_some(bytes.data() + used, bytes.size() - used);
    if (n == 0) break;
    used += n;
  }
  bytes.resize(used);
  return bytes;
}

}  // namespace wiretrace::detail
