// Ingest, folders: a folder -> every entry below it, sorted by relative path, each either a
// regular file to read or the reason it is skipped (hidden, a link to a folder, a broken link...).
// Listing only; nothing is opened here.
#pragma once
#include <string>
#include <vector>

namespace wiretrace::detail {

struct FolderEntry {
  std::string relative;     ///< '/'-separated path below the folder
  std::string skip_reason;  ///< empty for a file to read
};

/// Walks `folder` recursively; symbolic links are followed only to regular files, so the walk
/// cannot loop. Sorted by `relative` in byte order, so output does not depend on the file system.
/// Throws Error when `folder` itself cannot be read; unreadable subfolders become entries.
std::vector<FolderEntry> list_folder(const std::string& folder);

}  // namespace wiretrace::detail
