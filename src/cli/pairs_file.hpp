// `compare --pairs FILE`: the file of path pairs, one pair a line. It is the command's own
// instructions, not data: a line it cannot read is a usage error (wiretrace::Error, exit 2) before
// anything is compared, whatever --on-error says.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "wiretrace/compare.hpp"

namespace wiretrace::cli {

/// The two paths of one line, or none for a line that holds no pair (blank, or a `#` comment:
/// its first non-blank character is `#`). A line with a tab is split at tabs (paths may hold
/// spaces; blanks around each are dropped); otherwise at runs of spaces. Either way a path may be
/// "double-quoted" (inside, \" is a quote and \\ a backslash), which keeps its spaces and a
/// leading #. Throws Error("WHERE: …") for anything but two paths, or an unclosed quote.
std::vector<std::string> parse_pairs_line(std::string_view line, const std::string& where);

/// Every pair of `file`, in order, each named "FILE:LINE". Throws Error for an unreadable or
/// binary file (a NUL byte) or a line parse_pairs_line rejects, naming FILE:LINE.
std::vector<PathPair> read_pairs_file(const std::string& file);

}  // namespace wiretrace::cli
