#include "cli/output.hpp"

#include <cstdlib>
#include <unistd.h>

#include "wiretrace/error.hpp"

namespace wiretrace::cli {

Output::Output(const std::string& path) : path_(path) {
  if (path_.empty()) return;
  file_.open(path_, std::ios::binary);
  if (!file_) throw Error("cannot write '" + path_ + "'", ErrorKind::io);
}

void Output::finish() {
  stream().flush();
  if (!stream())
    throw Error("writing the report failed" + (path_.empty() ? std::string() : " ('" + path_ + "')"),
                ErrorKind::io);
}

bool Output::color(const std::string& mode) const {
  if (mode == "always") return true;
  if (mode == "never" || !path_.empty()) return false;
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

}  // namespace wiretrace::cli
