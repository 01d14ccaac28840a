// The progress bar: a thread that polls a wiretrace::Progress and redraws one stderr line.
// Shown only on a terminal, only after the first second, never with --quiet.
#pragma once
#include <atomic>
#include <chrono>
#include <thread>

#include "wiretrace/pipeline.hpp"

namespace wiretrace::cli {

class ProgressBar {
 public:
  /// Starts drawing if `enabled` and stderr is a terminal.
  ProgressBar(const Progress& progress, bool enabled);
  ~ProgressBar();  ///< stops and erases the line
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

 private:
  void run();
  void draw(double elapsed);
  const Progress& progress_;
  std::atomic<bool> stop_{false};
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::thread thread_;
};

}  // namespace wiretrace::cli
