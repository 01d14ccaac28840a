// Reports: a ClusterResult -> human text or the documented JSON. Sinks only: no computation
// beyond formatting, so every format says the same thing.
#pragma once
#include <ostream>

#include "wiretrace/pipeline.hpp"

namespace wiretrace {

struct ReportOptions {
  bool color = false;   ///< ANSI colours in text (the CLI: on a TTY unless NO_COLOR is set)
  /// Print wall-clock seconds. Off, two runs' reports can be compared byte for byte.
  bool timings = true;
};

void write_text_report(std::ostream& out, const ClusterResult& result,
                       const ReportOptions& options = {});

/// The schema is documented in README.md ("JSON output").
void write_json_report(std::ostream& out, const ClusterResult& result,
                       const ReportOptions& options = {});

}  // namespace wiretrace
