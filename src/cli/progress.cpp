#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace wiretrace::cli {

namespace {

// Milliseconds before the first frame: short runs stay silent.
long first_frame_delay_ms() {
  const char* given = std::getenv("WIRETRACE_PROGRESS_DELAY_MS");
  if (given && *given) return std::max(0L, std::strtol(given, nullptr, 10));
  return 1000;
}

}  // namespace

std::string cluster_progress_frame(Stage stage, ProgressUnit unit, std::size_t done,
                                   std::size_t total, double megabytes, double elapsed) {
  char line[256];
  if (unit == ProgressUnit::none || total == 0) {
    // One library call with no count of its own: say which stage runs, not a made-up share.
    std::snprintf(line, sizeof line, "%-11s [%-30s]  %.0fs", to_string(stage), "   ...working...",
                  elapsed);
    return line;
  }
  done = std::min(done, total);
  constexpr int width = 30;
  const int filled = static_cast<int>(width * done / total);
  char bar[width + 1];
  for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '-';
  bar[width] = '\0';
  const char* what = unit == ProgressUnit::families ? "families" : "articles";
  if (stage == Stage::tokenizing)  // the stage that reads every byte: its rate means something
    std::snprintf(line, sizeof line, "%-11s [%s] %zu/%zu %s  %.1f MB/s  %.0fs", to_string(stage),
                  bar, done, total, what, elapsed > 0 ? megabytes / elapsed : 0.0, elapsed);
  else
    std::snprintf(line, sizeof line, "%-11s [%s] %zu/%zu %s  %.0fs", to_string(stage), bar, done,
                  total, what, elapsed);
  return line;
}

std::string feed_progress_frame(std::size_t records, std::size_t new_articles, std::size_t copies,
                                std::size_t duplicates, std::size_t seen, std::size_t rejected,
                                double elapsed) {
  char line[256];
  std::snprintf(line, sizeof line,
                "dedup: %zu records (%.0f/s)  new %zu  copy %zu  duplicate %zu  seen %zu  "
                "rejected %zu  %.0fs",
                records, elapsed > 0 ? static_cast<double>(records) / elapsed : 0.0, new_articles,
                copies, duplicates, seen, rejected, elapsed);
  return line;
}

ProgressLine::ProgressLine(std::function<std::string(double)> frame, bool enabled)
    : frame_(std::move(frame)) {
  if (enabled && isatty(STDERR_FILENO)) thread_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (drawn_) {
    std::fprintf(stderr, "\r\x1b[2K");
    std::fflush(stderr);
  }
}

void ProgressLine::run() {
  using namespace std::chrono_literals;
  const double delay = static_cast<double>(first_frame_delay_ms()) / 1000.0;
  while (!stop_) {
    std::this_thread::sleep_for(100ms);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (elapsed < delay || stop_) continue;
    std::fprintf(stderr, "\r\x1b[2K%s", frame_(elapsed).c_str());
    std::fflush(stderr);
    drawn_ = true;
  }
}

ProgressBar::ProgressBar(const Progress& p, bool enabled)
    : line_([&p](double elapsed) {
        const Stage stage = p.stage.load(std::memory_order_acquire);
        return cluster_progress_frame(
            stage, p.stage_unit.load(std::memory_order_relaxed),
            p.stage_done.load(std::memory_order_relaxed), p.stage_total.load(std::memory_order_relaxed),
            static_cast<double>(p.bytes_done.load(std::memory_order_relaxed)) / 1e6, elapsed);
      }, enabled) {}

FeedProgressLine::FeedProgressLine(const FeedProgress& p, bool enabled)
    : line_([&p](double elapsed) {
        const auto get = [](const std::atomic<std::size_t>& x) { return x.load(std::memory_order_relaxed); };
        return feed_progress_frame(get(p.records), get(p.new_articles), get(p.copies),
                                   get(p.duplicates), get(p.seen), get(p.rejected), elapsed);
      }, enabled) {}

}  // namespace wiretrace::cli
