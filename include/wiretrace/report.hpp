// Reports: a ClusterResult -> human text or the documented JSON. Sinks only: no computation
// beyond formatting, so every format says the same thing.
#pragma once
#include <ostream>

#include "wiretrace/align.hpp"
#include "wiretrace/compare.hpp"
#include "wiretrace/pipeline.hpp"

namespace wiretrace {

struct ReportOptions {
  bool color = false;   ///< ANSI colours in text (the CLI: on a TTY unless NO_COLOR is set)
  /// Print wall-clock seconds. Off, two runs' reports can be compared byte for byte.
  bool timings = true;
  /// Passages were computed. Off (index export: no texts are stored), documents carry no
  /// reused_words or added_words, which count words of aligned passages.
  bool passages = true;
};

void write_text_report(std::ostream& out, const ClusterResult& result,
                       const ReportOptions& options = {});

/// The schema is documented in README.md ("JSON output").
void write_json_report(std::ostream& out, const ClusterResult& result,
                       const ReportOptions& options = {});

/// One self-contained HTML page (no network; opens from a file): an overview of the families,
/// a side-by-side view of each family with reused passages linked to their source, search and
/// keyboard navigation. Article text is escaped; the page's script builds each view lazily.
void write_html_report(std::ostream& out, const ClusterResult& result,
                       const ReportOptions& options = {});

/// Each shared passage with its place in both texts, then the text each added.
void write_comparison_text(std::ostream& out, const Comparison& c, const ReportOptions& options = {});
/// One JSON object: {"a","b","a_words","b_words","shared":[{"a_start","a_end","b_start","b_end",
/// "words"}],"added_a":[[start,end]...],"added_b":[...]} in byte offsets.
void write_comparison_json(std::ostream& out, const Comparison& c);
/// One line of `compare --pairs --format jsonl`: {"a","b","shared":[…]}.
void write_comparison_jsonl(std::ostream& out, const Comparison& c);
/// The line of a pair that could not be compared: {"a","b","error"}.
void write_comparison_error_jsonl(std::ostream& out, const std::string& a, const std::string& b,
                                  const std::string& error);

}  // namespace wiretrace
