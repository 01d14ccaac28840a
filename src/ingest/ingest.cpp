#include "wiretrace/ingest.hpp"

#include <algorithm>
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
#include "ingest/sniff_format.hpp"
#include "wiretrace/error.hpp"

namespace wiretrace {

namespace {

// Bytes of a first line that sniffing reads at most before deciding without it: a JSON Lines
// record may be somewhat longer than the longest article it carries.
std::size_t sniff_limit(const IngestOptions& options) {
  const std::size_t limit = options.max_document_bytes;
  return limit > (SIZE_MAX - (std::size_t{1} << 20)) / 2 ? SIZE_MAX : 2 * limit + (std::size_t{1} << 20);
}

void read_jsonl_file(detail::InputFile& file, const std::string& path, detail::Collector& out) {
  // Zero lines are zero records, so nothing is rejected; but a feed file that came out empty
  // is worth a word. (Only a regular file proves it: a pipe reports size 0 too.)
  if (file.regular_size() == std::uint64_t{0}) return out.warn(path, "empty file (no records)");
  detail::DecompressingReader reader(file);
  detail::read_jsonl(reader, path, out);
}

// A file whose name does not say its format: its first non-blank line does.
void read_sniffed_file(detail::InputFile& file, std::string id, const std::string& path,
                       detail::Collector& out) {
  const auto size = file.regular_size();
  detail::DecompressingReader reader(file);
  detail::Sniffed sniffed = detail::sniff_jsonl(reader, sniff_limit(out.options()));
  if (sniffed.jsonl) {
    reader.put_back(std::move(sniffed.head));
    return detail::read_jsonl(reader, path, out);
  }
  if (!sniffed.corrupt.empty())
    return out.reject(path, sniffed.corrupt + " (not JSON Lines as far as it could be read)");
  detail::read_text_after_sniff(reader, std::move(sniffed.head), size, std::move(id), path, out);
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
  if (out.options().id_from == IdFrom::path) id = path;
  detail::NameSays says = detail::format_by_name(path);
  if (out.options().input_format == InputFormat::jsonl) says = detail::NameSays::jsonl;
  if (out.options().input_format == InputFormat::text) says = detail::NameSays::text;
  switch (says) {
    case detail::NameSays::jsonl: return read_jsonl_file(file, path, out);
    case detail::NameSays::text: return detail::read_text_file(file, std::move(id), path, out);
    case detail::NameSays::nothing: return read_sniffed_file(file, std::move(id), path, out);
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

const char* to_string(InputFormat format) {
  switch (format) {
    case InputFormat::text: return "text";
    case InputFormat::jsonl: return "jsonl";
    case InputFormat::auto_detect: break;
  }
  return "auto";
}

const char* to_string(IdFrom id_from) { return id_from == IdFrom::path ? "path" : "name"; }

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
      if (out.options().input_format == InputFormat::text) {
        detail::read_text_file(input, "<stdin>", "<stdin>", out);
        continue;
      }
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
