#include "wiretrace/ingest.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <system_error>

#include <sys/stat.h>

#include "ingest/collector.hpp"
#include "ingest/decompress.hpp"
#include "ingest/input_file.hpp"
#include "ingest/list_folder.hpp"
#include "ingest/read_jsonl.hpp"
#include "ingest/read_text_file.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace {

namespace {

// `suffix` is lower case.
bool ends_with_ignoring_case(std::string_view name, std::string_view suffix) {
  const auto same = [](char s, char n) { return std::tolower(static_cast<unsigned char>(n)) == s; };
  return name.size() >= suffix.size() &&
         std::equal(suffix.begin(), suffix.end(), name.end() - suffix.size(), same);
}

bool is_jsonl_name(std::string_view name) {
  return ends_with_ignoring_case(name, ".jsonl") || ends_with_ignoring_case(name, ".jsonl.gz") ||
         ends_with_ignoring_case(name, ".jsonl.zst");
}

// One file, named by the user (`named` = true: failing to open it is the caller's error) or found
// in a folder (failing to open it is one rejected input among many).
void read_file(const std::string& path, std::string id, bool named, detail::Collector& out) {
  detail::InputFile file;
  if (const int error = file.open(path)) {
    const std::string reason = std::system_category().message(error);
    if (named) throw Error(path + ": " + reason);
    return out.reject(path, "cannot open (" + reason + ")");
  }
  if (is_jsonl_name(path)) {
    // Zero lines are zero records, so nothing is rejected; but a feed file that came out empty
    // is worth a word. (Only a regular file proves it: a pipe reports size 0 too.)
    if (file.regular_size() == std::uint64_t{0}) return out.warn(path, "empty file (no records)");
    detail::DecompressingReader reader(file);
    detail::read_jsonl(reader, path, out);
  } else {
    detail::read_text_file(file, std::move(id), path, out);
  }
}

void read_folder(const std::string& folder, detail::Collector& out) {
  for (auto& entry : detail::list_folder(folder)) {
    // Joined as paths so that "dir" and "dir/" both give "dir/a.txt".
    std::string path = (std::filesystem::path(folder) / entry.relative).string();
    if (!entry.skip_reason.empty()) out.reject(std::move(path), std::move(entry.skip_reason));
    else read_file(path, std::move(entry.relative), false, out);
  }
}

}  // namespace

// Every path must exist before any is read: a typo in the last argument should not cost a run
// (or, for dedup, leave half the input decided).
void check_input_paths(const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    if (path == "-") continue;
    if (path.empty()) throw Error("an input path is empty");
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
      throw Error(path + ": " + std::system_category().message(errno));
  }
}

namespace {

void read_all(const std::vector<std::string>& paths, detail::Collector& out) {
  check_input_paths(paths);
  for (const auto& path : paths) {
    if (path == "-") {
      auto input = detail::InputFile::standard_input();
      detail::DecompressingReader reader(input);
      detail::read_jsonl(reader, "<stdin>", out);
      continue;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)  // removed since check_input_paths ran
      throw Error(path + ": " + std::system_category().message(errno));
    if (S_ISDIR(st.st_mode)) read_folder(path, out);
    else read_file(path, std::filesystem::path(path).filename().string(), true, out);
  }
}

}  // namespace

IngestResult read_inputs(const std::vector<std::string>& paths, const IngestOptions& options) {
  detail::Collector out(options);
  read_all(paths, out);
  return std::move(out).take();
}

void read_inputs(const std::vector<std::string>& paths, InputSink& sink,
                 const IngestOptions& options) {
  detail::Collector out(options, sink);
  read_all(paths, out);
}

}  // namespace wiretrace
