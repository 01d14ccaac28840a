#include "cli/atomic_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "wiretrace/error.hpp"

namespace wiretrace::cli {

AtomicOutput::AtomicOutput(const std::string& path) : path_(path) {
  if (path_.empty()) return;
  // Beside FILE, so that the rename stays within one file system (and is atomic).
  temporary_ = path_ + ".tmp-" + std::to_string(::getpid());
  file_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!file_) throw Error("cannot write '" + temporary_ + "' (for -o " + path_ + ")", ErrorKind::io);
}

AtomicOutput::~AtomicOutput() {
  if (path_.empty() || committed_) return;
  file_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicOutput::commit() {
  if (path_.empty()) {
    std::cout.flush();
    if (!std::cout) throw Error("writing the output failed", ErrorKind::io);
    return;
  }
  file_.flush();
  const bool written = file_.good();
  file_.close();
  if (!written || file_.fail()) throw Error("writing '" + temporary_ + "' failed", ErrorKind::io);
  // The data reaches the disk before the name points at it: a crash leaves the old FILE or the
  // new one, never a renamed empty file.
  const int fd = ::open(temporary_.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw Error("syncing '" + temporary_ + "' failed", ErrorKind::io);
  }
  ::close(fd);
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0)
    throw Error("cannot replace '" + path_ + "'", ErrorKind::io);
  committed_ = true;
}

}  // namespace wiretrace::cli
