#pragma once
// IngestQueue: the poller's store steps, committed together when they pile up (group
// commit). Each submitted step also posts a task to the store thread; the task takes the
// steps still waiting and runs them as one ingest_batch, so under load (a cold start, a
// `once`, a burst of changed feeds) one commit serves many feeds, while an idle store thread
// still takes each step at once. Steps the batch did not run (it ends after an alert, see
// ingest_batch) go back to the front of the queue for the next task.
//
// Every step is recorded before anything posted to the store thread after it (a step is
// taken by its own task or an earlier one, and each task runs at least the first step
// waiting), so state saves still follow the steps they describe, and joining the store
// thread records every submitted step. `done` runs on the io thread, in submission order.
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "poll/feed_ingest.h"

namespace feedsentry::poll {

class IngestQueue {
 public:
  struct Step {
    FeedIdentity feed;
    IngestOptions options;
    core::SystemTime now{};
    std::shared_ptr<const std::vector<ClassifiedItem>> items;
    bool may_alert = true;                                 // poll::may_alert of the items
    std::function<void(core::Result<IngestResult>)> done;  // io thread
  };

  // Steps per transaction at most: bounds how long one commit holds the write lock.
  static constexpr std::size_t kMaxBatch = 64;

  // `store_thread` may still be under construction: it is used from the first submit().
  IngestQueue(boost::asio::io_context& io, boost::asio::thread_pool& store_thread,
              store::Database& db, MatchSink& sink);

  void submit(Step step);
  // Told on the io thread how many steps each transaction carried.
  void set_batch_observer(std::function<void(std::size_t steps)> observer) {
    batch_observer_ = std::move(observer);
  }

 private:
  void run_waiting();  // store thread
  std::vector<Step> take_batch();

  boost::asio::io_context& io_;
  boost::asio::thread_pool& store_thread_;
  store::Database& db_;
  MatchSink& sink_;
  std::function<void(std::size_t)> batch_observer_;
  std::mutex mutex_;
  std::deque<Step> waiting_;
};

}  // namespace feedsentry::poll
