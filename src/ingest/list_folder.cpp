#include "ingest/list_folder.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "wiretrace/error.hpp"

namespace wiretrace::detail {

namespace fs = std::filesystem;

namespace {

// Why a symbolic link is not read, or empty when it leads to a regular file.
std::string link_skip_reason(const fs::path& link) {
  std::error_code error;
  const fs::file_status target = fs::status(link, error);
  if (target.type() == fs::file_type::not_found) return "broken symbolic link";
  if (error) return "unresolvable symbolic link (" + error.message() + ")";
  if (fs::is_regular_file(target)) return {};
  if (fs::is_directory(target)) return "symbolic link to a folder not followed";
  return "symbolic link to something other than a regular file";
}

void walk(const fs::path& folder, const std::string& prefix, std::vector<FolderEntry>& entries) {
  std::error_code error;
  fs::directory_iterator it(folder, error);
  if (error && prefix.empty()) throw Error(folder.string() + ": " + error.message());
  for (; !error && it != fs::directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    std::string relative = prefix + name;
    std::error_code type_error;
    const fs::file_status status = it->symlink_status(type_error);
    if (name.starts_with('.')) {
      entries.push_back({std::move(relative), fs::is_directory(status) ? "hidden folder skipped"
                                                                       : "hidden file skipped"});
    } else if (type_error) {
      entries.push_back({std::move(relative), "cannot inspect (" + type_error.message() + ")"});
    } else if (fs::is_directory(status)) {
      walk(it->path(), relative + "/", entries);
    } else if (fs::is_regular_file(status)) {
      entries.push_back({std::move(relative), {}});
    } else if (fs::is_symlink(status)) {
      entries.push_back({std::move(relative), link_skip_reason(it->path())});
    } else {
      entries.push_back({std::move(relative), "not a regular file"});
    }
  }
  if (error) {
    if (prefix.empty()) throw Error(folder.string() + ": " + error.message());
    // The folder's own entry: its path without the trailing '/'.
    entries.push_back({prefix.substr(0, prefix.size() - 1),
                       "cannot read folder (" + error.message() + ")"});
  }
}

}  // namespace

std::vector<FolderEntry> list_folder(const std::string& folder) {
  std::vector<FolderEntry> entries;
  walk(fs::path(folder), "", entries);
  std::sort(entries.begin(), entries.end(),
            [](const FolderEntry& a, const FolderEntry& b) { return a.relative < b.relative; });
  return entries;
}

}  // namespace wiretrace::detail
