#include "pan13/plagdet.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace wiretrace::bench {
namespace {

using Range = std::pair<std::uint64_t, std::uint64_t>;  // [first, second)

Range susp_range(const Alignment& a) { return {a.susp_offset, a.susp_offset + a.susp_length}; }
Range src_range(const Alignment& a) { return {a.src_offset, a.src_offset + a.src_length}; }

bool overlap(Range x, Range y) { return x.first < y.second && y.first < x.second; }

Range intersect(Range x, Range y) { return {std::max(x.first, y.first), std::min(x.second, y.second)}; }

// Length of the union of ranges (characters counted once however many ranges cover them).
std::uint64_t union_length(std::vector<Range> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::uint64_t total = 0, end = 0;
  for (auto [a, b] : ranges) {
    if (b <= a) continue;
    a = std::max(a, end);
    if (b > a) {
      total += b - a;
      end = b;
    }
  }
  return total;
}

bool detects(const Alignment& r, const Alignment& s) {
  return r.susp == s.susp && r.src == s.src && overlap(susp_range(r), susp_range(s)) &&
         overlap(src_range(r), src_range(s));
}

// Share of x's characters (in both documents) covered by the given others' overlaps with it.
double covered_share(const Alignment& x, const std::vector<const Alignment*>& others) {
  std::vector<Range> susp, src;
  for (const Alignment* o : others) {
    susp.push_back(intersect(susp_range(x), susp_range(*o)));
    src.push_back(intersect(src_range(x), src_range(*o)));
  }
  const double size = static_cast<double>(x.susp_length + x.src_length);
  return size == 0 ? 0 : static_cast<double>(union_length(susp) + union_length(src)) / size;
}

}  // namespace

PlagdetScores score_plagdet(const std::vector<Alignment>& cases,
                            const std::vector<Alignment>& detections) {
  PlagdetScores scores;
  scores.cases = cases.size();
  scores.detections = detections.size();
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> detections_by_pair;
  for (std::size_t i = 0; i < detections.size(); ++i)
    detections_by_pair[{detections[i].susp, detections[i].src}].push_back(i);

  std::vector<std::vector<const Alignment*>> cases_of_detection(detections.size());
  double recall_sum = 0, granularity_sum = 0;
  for (const Alignment& s : cases) {
    std::vector<const Alignment*> hits;
    const auto it = detections_by_pair.find({s.susp, s.src});
    if (it != detections_by_pair.end())
      for (std::size_t i : it->second)
        if (detects(detections[i], s)) {
          hits.push_back(&detections[i]);
          cases_of_detection[i].push_back(&s);
        }
    recall_sum += covered_share(s, hits);
    if (!hits.empty()) {
      ++scores.detected_cases;
      granularity_sum += static_cast<double>(hits.size());
    }
  }
  double precision_sum = 0;
  for (std::size_t i = 0; i < detections.size(); ++i)
    precision_sum += covered_share(detections[i], cases_of_detection[i]);

  scores.recall = cases.empty() ? 1.0 : recall_sum / static_cast<double>(cases.size());
  scores.precision = detections.empty() ? (cases.empty() ? 1.0 : 0.0)
                                        : precision_sum / static_cast<double>(detections.size());
  scores.granularity = scores.detected_cases == 0
                           ? 1.0
                           : granularity_sum / static_cast<double>(scores.detected_cases);
  const double f1 = scores.recall + scores.precision == 0
                        ? 0
                        : 2 * scores.recall * scores.precision / (scores.recall + scores.precision);
  scores.plagdet = f1 / std::log2(1 + scores.granularity);
  return scores;
}

}  // namespace wiretrace::bench
