#include "cli/progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace wiretrace::cli {

ProgressBar::ProgressBar(const Progress& progress, bool enabled) : progress_(progress) {
  if (enabled && isatty(STDERR_FILENO)) thread_ = std::thread([this] { run(); });
}

ProgressBar::~ProgressBar() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (drawn_) std::fprintf(stderr, "\r\x1b[2K");
}

void ProgressBar::run() {
  using namespace std::chrono_literals;
  while (!stop_) {
    std::this_thread::sleep_for(100ms);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (elapsed >= 1.0 && !stop_) draw(elapsed);  // short runs stay silent
  }
}

void ProgressBar::draw(double elapsed) {
  const Stage stage = progress_.stage.load(std::memory_order_relaxed);
  const std::size_t done = progress_.documents_done.load(std::memory_order_relaxed);
  const std::size_t total = progress_.documents_total;
  const double mb = static_cast<double>(progress_.bytes_done.load(std::memory_order_relaxed)) / 1e6;
  constexpr int width = 30;
  const int filled = total == 0 ? 0 : static_cast<int>(width * done / total);
  char bar[width + 1];
  for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '-';
  bar[width] = '\0';
  std::fprintf(stderr, "\r\x1b[2K%-11s [%s] %zu/%zu articles  %.1f MB/s  %.0fs",
               to_string(stage), bar, done, total, mb / elapsed, elapsed);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace wiretrace::cli
