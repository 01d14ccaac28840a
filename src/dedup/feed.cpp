#include "wiretrace/feed.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "wiretrace/engine.hpp"

namespace wiretrace {
namespace {

// One record on its way from the reading thread to the deciding one.
struct Item {
  enum Kind { document, rejected, warning, error, end } kind = end;
  Document doc;
  PreparedArticle prepared;
  RejectedInput bad;           // kind rejected; kind warning: input and message
  std::exception_ptr failure;  // kind error
  std::size_t bytes = 0;       // what it holds, for the channel's bound
};

// A bounded FIFO between the two threads. The reader blocks while it is full; the decider blocks
// while it is empty. close() (the decider gave up) makes every later push throw Stopped.
class Channel {
 public:
  struct Stopped {};

  void push(Item item) {
    std::unique_lock lock(mutex_);
    if (!closed_ && !fits(item)) {
      // PERF: a full queue is refilled only once the decider has taken all of it (take_all),
      // so that reader and decider do not wake each other for every record.
      reader_waits_ = true;
      not_full_.wait(lock, [&] { return closed_ || items_.empty() || !reader_waits_; });
      reader_waits_ = false;
    }
    if (closed_) throw Stopped{};
    bytes_ += item.bytes;
    items_.push_back(std::move(item));
    if (decider_waits_) not_empty_.notify_one();
  }
  /// Moves every queued item to the end of `out`; waits for one first when `wait` and none is
  /// there. Returns false when there was none (only without `wait`).
  bool take_all(std::deque<Item>& out, bool wait) {
    std::unique_lock lock(mutex_);
    if (items_.empty()) {
      if (!wait) return false;
      decider_waits_ = true;
      not_empty_.wait(lock, [&] { return !items_.empty(); });
      decider_waits_ = false;
    }
    for (auto& item : items_) out.push_back(std::move(item));
    items_.clear();
    bytes_ = 0;
    if (reader_waits_) {
      reader_waits_ = false;
      not_full_.notify_one();
    }
    return true;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    items_.clear();
    not_full_.notify_all();
  }

 private:
  // PERF: enough to keep the decider busy while the reader tokenizes ahead; bounded so that a
  // fast input does not pile up in memory (at most twice this: the decider's batch and the queue).
  static constexpr std::size_t max_items = 1024;
  static constexpr std::size_t max_bytes = std::size_t{64} << 20;

  bool fits(const Item& item) const {
    return items_.empty() || (items_.size() < max_items && bytes_ + item.bytes <= max_bytes);
  }

  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Item> items_;
  std::size_t bytes_ = 0;
  bool closed_ = false, reader_waits_ = false, decider_waits_ = false;
};

// The reading thread's end: every record is prepared here, beside the deciding thread, and
// queued in input order.
class Feeder : public InputSink {
 public:
  Feeder(Channel& channel, const Params& params) : channel_(channel), params_(params) {}

  void on_document(Document document, std::vector<InputWarning> warnings) override {
    for (auto& w : warnings) on_warning(std::move(w));
    Item item;
    item.kind = Item::document;
    item.prepared = prepare_article(document.text, params_);
    item.bytes = document.text.size() + document.record.size() +
                 item.prepared.sequence.size() * sizeof(ShingleHash);
    item.doc = std::move(document);
    channel_.push(std::move(item));
  }
  void on_rejected(RejectedInput rejected) override {
    Item item;
    item.kind = Item::rejected;
    item.bad = std::move(rejected);
    channel_.push(std::move(item));
  }
  void on_warning(InputWarning warning) override {
    Item item;
    item.kind = Item::warning;
    item.bad = {std::move(warning.input), std::move(warning.message)};
    channel_.push(std::move(item));
  }

 private:
  Channel& channel_;
  const Params& params_;
};

}  // namespace

FeedSummary dedup_feed(const std::vector<std::string>& inputs, Deduplicator& dedup,
                       DedupSink& sink, const FeedOptions& options) {
  check_input_paths(inputs);
  // The shared state outlives this function: when deciding fails, the reader may sit in a
  // read() of stdin that only the writer can end, so it is left behind.
  struct Shared {
    Channel channel;
    Params params;
    std::promise<void> finished;
  };
  auto shared = std::make_shared<Shared>();
  shared->params = dedup.params();
  std::future<void> reader_finished = shared->finished.get_future();
  std::thread reader([shared, inputs, ingest = options.ingest] {
    Item last;
    last.kind = Item::end;
    try {
      Feeder feeder(shared->channel, shared->params);
      read_inputs(inputs, feeder, ingest);
    } catch (const Channel::Stopped&) {
      last.kind = Item::error;  // nobody is listening any more
    } catch (...) {
      last.kind = Item::error;
      last.failure = std::current_exception();
    }
    try {
      if (last.kind == Item::end || last.failure) shared->channel.push(std::move(last));
    } catch (const Channel::Stopped&) {
    }
    shared->finished.set_value();
  });

  FeedSummary summary;
  std::vector<Document> group;  // decided in one transaction
  std::vector<PreparedArticle> group_ready;
  auto decide_group = [&] {
    if (group.empty()) return;
    const std::vector<DedupResult> results = dedup.add(group, group_ready);
    for (std::size_t i = 0; i < results.size(); ++i) sink.on_result(group[i], results[i]);
    sink.flush();
    group.clear();
    group_ready.clear();
  };

  std::exception_ptr bad_input;
  std::deque<Item> batch;  // taken from the channel, all at once
  try {
    for (bool more = true; more;) {
      // A group waits for more articles only while more are already queued: a stream is never
      // held back to fill a transaction.
      if (batch.empty() && !shared->channel.take_all(batch, false)) {
        decide_group();
        shared->channel.take_all(batch, true);
      }
      Item item = std::move(batch.front());
      batch.pop_front();
      switch (item.kind) {
        case Item::document:
          ++summary.records;
          group.push_back(std::move(item.doc));
          group_ready.push_back(std::move(item.prepared));
          if (group.size() >= options.commit_every) decide_group();
          break;
        case Item::rejected:
          ++summary.records;
          ++summary.rejected;
          decide_group();  // outcomes stay in input order
          sink.on_rejected(item.bad);
          sink.flush();
          break;
        case Item::warning:
          sink.on_warning({item.bad.input, item.bad.reason});
          break;
        case Item::error:
          decide_group();  // what came before the failure is decided and handed on
          bad_input = item.failure;
          more = false;
          break;
        case Item::end:
          decide_group();
          more = false;
          break;
      }
    }
  } catch (...) {
    // Deciding failed: stop the reader. It ends at its next record, unless it waits in a read()
    // of a pipe that stays open; then it is left behind (the process is about to exit).
    shared->channel.close();
    if (reader_finished.wait_for(std::chrono::seconds(2)) == std::future_status::ready) reader.join();
    else reader.detach();
    throw;
  }
  reader.join();
  if (bad_input) std::rethrow_exception(bad_input);
  return summary;
}

}  // namespace wiretrace
