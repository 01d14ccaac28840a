// Progress on stderr: a thread that redraws one line from counters the work updates. Shown only
// when stderr is a terminal, only after the first second (WIRETRACE_PROGRESS_DELAY_MS overrides
// that, for tests), never with --quiet; the line is erased at the end.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <thread>

#include "wiretrace/pipeline.hpp"

namespace wiretrace::cli {

/// One frame of `cluster`'s bar: the stage and its own progress (documents or families done of
/// its total; a stage that counts nothing says so), e.g.
/// "aligning    [#########---------------------] 120/400 families  3s".
std::string cluster_progress_frame(Stage stage, ProgressUnit unit, std::size_t done,
                                   std::size_t total, double megabytes, double elapsed);

/// What `dedup` has done so far (updated by the deciding thread, read by the drawing one).
struct FeedProgress {
  std::atomic<std::size_t> records{0}, new_articles{0}, copies{0}, duplicates{0}, seen{0},
      rejected{0};
};
/// One frame of `dedup`'s line: records so far, their rate and decisions, e.g.
/// "dedup: 12000 records (5300/s)  new 9000  copy 2500  duplicate 400  seen 100  rejected 0  2s".
std::string feed_progress_frame(std::size_t records, std::size_t new_articles, std::size_t copies,
                                std::size_t duplicates, std::size_t seen, std::size_t rejected,
                                double elapsed);

/// Redraws `frame(elapsed seconds)` on stderr every 100 ms.
class ProgressLine {
 public:
  ProgressLine(std::function<std::string(double)> frame, bool enabled);
  ~ProgressLine();  ///< stops and erases the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  void run();
  std::function<std::string(double)> frame_;
  std::atomic<bool> stop_{false};
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::thread thread_;
};

/// `cluster`'s bar over a wiretrace::Progress.
class ProgressBar {
 public:
  ProgressBar(const Progress& progress, bool enabled);

 private:
  ProgressLine line_;
};

/// `dedup`'s line over a FeedProgress.
class FeedProgressLine {
 public:
  FeedProgressLine(const FeedProgress& progress, bool enabled);

 private:
  ProgressLine line_;
};

}  // namespace wiretrace::cli
