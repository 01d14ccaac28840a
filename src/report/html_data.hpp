// The HTML report's data: a ClusterResult -> compact JSON blobs that the page's script reads.
// Private to report_html.cpp (and its tests). It writes no markup; the page builds its DOM from
// these blobs with textContent only, so article text never reaches the HTML parser as markup.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wiretrace/pipeline.hpp"
#include "wiretrace/report.hpp"

namespace wiretrace::detail {

/// Appends `s` as a JSON string literal that is also safe as the content of a
/// <script type="application/json"> element: every `<` is written \u003c (so neither `</script`
/// nor `<!--` can appear), U+2028 and U+2029 are escaped, control characters are escaped, and
/// each byte that is not part of valid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view s);

/// For every byte offset 0..s.size() of `s`, the offset in UTF-16 code units of the string that
/// append_json_string() writes (what a JavaScript string indexes). An offset inside a multi-byte
/// sequence maps to the start of its character; an invalid byte counts as one unit (U+FFFD).
std::vector<std::uint32_t> utf16_offsets(std::string_view s);

/// The page's main blob: stats, sources, every document's metadata and figures, families with
/// their pair scores, rejected inputs and warnings. No article text. Layout:
///   {"version":1, "stats":{"documents","families","unique","rejected","warnings","seconds"},
///    "params":{"min_run_words","min_jaccard","shingle_k"},
///    "sources":[name…],
///    "docs":[[id, title, source index or -1, published, family index or -1,
///             role (0 unique, 1 original, 2 copy), words, shared_words, reused_words,
///             added_words, boilerplate_words]…],
///    "families":[[original doc, basis, confidence, wire_in_input (0/1), [member docs…],
///                 [[a, b, jaccard, containment_ab, containment_ba, shared_words,
///                   longest_run]…]]…],
///    "rejected":[[input, reason]…], "warnings":[[input, message]…]}
std::string html_main_blob(const ClusterResult& result, const ReportOptions& options);

/// One family's blob, parsed by the page only when the family is opened or searched:
///   {"t":[text of each member, in family member order],
///    "p":[[start, end, kind, source doc or -1, source_start, source_end, …] per member]}
/// Offsets are UTF-16 code units of the texts as written; kind is 0 reused, 1 added,
/// 2 original, 3 boilerplate.
std::string html_family_blob(const ClusterResult& result, std::size_t family);

}  // namespace wiretrace::detail
