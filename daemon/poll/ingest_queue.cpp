#include "poll/ingest_queue.h"

#include <boost/asio/post.hpp>
#include <utility>

namespace feedsentry::poll {

IngestQueue::IngestQueue(boost::asio::io_context& io, boost::asio::thread_pool& store_thread,
                         store::Database& db, MatchSink& sink)
    : io_(io), store_thread_(store_thread), db_(db), sink_(sink) {}

void IngestQueue::submit(Step step) {
  {
    const std::lock_guard lock(mutex_);
    waiting_.push_back(std::move(step));
  }
  boost::asio::post(store_thread_, [this] { run_waiting(); });
}

std::vector<IngestQueue::Step> IngestQueue::take_batch() {
  const std::lock_guard lock(mutex_);
  std::vector<Step> batch;
  while (!waiting_.empty() && batch.size() < kMaxBatch) {
    batch.push_back(std::move(waiting_.front()));
    waiting_.pop_front();
  }
  return batch;
}

void IngestQueue::run_waiting() {
  std::vector<Step> batch = take_batch();
  if (batch.empty()) return;  // earlier tasks took this task's step
  std::vector<IngestRequest> requests;
  requests.reserve(batch.size());
  for (const Step& step : batch) {
    requests.push_back({&step.feed, step.items.get(), step.options, step.now, step.may_alert});
  }
  auto results = ingest_batch(db_, requests, sink_);
  if (results.size() < batch.size()) {
    const std::lock_guard lock(mutex_);
    for (std::size_t i = batch.size(); i-- > results.size();) {
      waiting_.push_front(std::move(batch[i]));
    }
    batch.resize(results.size());
  }
  boost::asio::post(io_, [this, batch = std::move(batch), results = std::move(results)]() mutable {
    if (batch_observer_) batch_observer_(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
  });
}

}  // namespace feedsentry::poll
