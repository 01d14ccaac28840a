// Reports: a ClusterResult -> human text or the documented JSON. Sinks only: no computation
// beyond formatting, so every format says the same thing.
#pragma once
#include <ostream>

#include "wiretrace/pipeline.hpp"

namespace wiretrace {

struct TextReportOptions {
  bool color = false;  ///< ANSI colours (the CLI enables them on a TTY unless NO_COLOR is set)
};

void write_text_report(std::ostream& out, const ClusterResult& result,
                       const TextReportOptions& options = {});

/// The schema is documented in README.md ("JSON output").
void write_json_report(std::ostream& out, const ClusterResult& result);

}  // namespace wiretrace
