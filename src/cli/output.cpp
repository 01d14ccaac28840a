#include "cli/output.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

#include "wiretrace/error.hpp"

namespace wiretrace::cli {

std::string resolve_format(const std::string& given, const std::string& output_path,
                           std::initializer_list<std::string_view> accepted,
                           const std::string& fallback) {
  if (!given.empty()) return given;
  std::string extension = std::filesystem::path(output_path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::pair<std::string_view, std::string_view> by_extension[] = {
      {".txt", "text"}, {".json", "json"}, {".jsonl", "jsonl"}, {".ndjson", "jsonl"},
      {".html", "html"}, {".htm", "html"}};
  for (const auto& [ext, format] : by_extension) {
    if (extension != ext) continue;
    if (std::find(accepted.begin(), accepted.end(), format) == accepted.end()) {
      std::string list;
      for (const auto f : accepted) list += (list.empty() ? "" : ", ") + std::string(f);
      throw Error("-o " + output_path + ": a " + std::string(ext) + " file would hold " +
                  std::string(format) + ", which this command does not write (" + list +
                  "); give --format");
    }
    return std::string(format);
  }
  return fallback;
}

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
