// PAN text-alignment measures (Potthast et al., COLING 2010): character-level macro recall and
// precision over cases and detections, granularity, and plagdet. Offsets are whatever unit the
// caller uses consistently (PAN counts Unicode code points).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace wiretrace::bench {

/// A plagiarism case or a detection: a range of the suspicious document aligned with a range of
/// the source document.
struct Alignment {
  std::string susp, src;  ///< document names
  std::uint64_t susp_offset = 0, susp_length = 0;
  std::uint64_t src_offset = 0, src_length = 0;
};

struct PlagdetScores {
  double recall = 0, precision = 0, granularity = 1, plagdet = 0;
  std::size_t cases = 0, detections = 0, detected_cases = 0;
};

/// The measures of `detections` against `cases`. A detection detects a case when they share the
/// document pair and overlap in both documents. With no cases, recall is 1 (nothing to find);
/// with no detections, precision is 1 when there are no cases and 0 otherwise.
PlagdetScores score_plagdet(const std::vector<Alignment>& cases,
                            const std::vector<Alignment>& detections);

}  // namespace wiretrace::bench
