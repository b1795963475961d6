#include "schedule/due_queue.h"

#include <algorithm>
#include <utility>

namespace feedsentry::schedule {

namespace {

// std heap functions build a max-heap; ordering by "comes later" gives a min-heap.
struct EntryLater {
  template <typename Entry>
  bool operator()(const Entry& a, const Entry& b) const {
    if (a.due != b.due) return a.due > b.due;
    return a.feed > b.feed;  // ties resolved by index: deterministic order
  }
};

struct WakeLater {
  template <typename Wake>
  bool operator()(const Wake& a, const Wake& b) const {
    return a.at > b.at;
  }
};

// Stale entries are dropped lazily; rebuild when they outnumber live ones by this much.
constexpr std::size_t kCompactionSlack = 1024;

}  // namespace

bool DueQueue::is_current(const Entry& entry) const {
  return queued_[entry.feed] && generation_[entry.feed] == entry.generation;
}

bool DueQueue::contains(FeedIndex feed) const {
  return feed < queued_.size() && queued_[feed];
}

void DueQueue::push_heap_entry(Entry entry) {
  heap_.push_back(entry);
  std::push_heap(heap_.begin(), heap_.end(), EntryLater{});
}

DueQueue::Entry DueQueue::pop_heap_entry() {
  std::pop_heap(heap_.begin(), heap_.end(), EntryLater{});
  const Entry entry = heap_.back();
  heap_.pop_back();
  ++stats_.heap_pops;
  return entry;
}

// Keeps the invariant that the heap's top, if any, is current, so next_wakeup can be const.
void DueQueue::drop_stale_top() {
  while (!heap_.empty() && !is_current(heap_.front())) pop_heap_entry();
}

void DueQueue::compact_if_bloated() {
  if (heap_.size() <= 2 * queued_count_ + kCompactionSlack) return;
  std::erase_if(heap_, [&](const Entry& entry) { return !is_current(entry); });
  std::make_heap(heap_.begin(), heap_.end(), EntryLater{});
}

void DueQueue::schedule(FeedIndex feed, core::SystemTime due) {
  if (feed >= queued_.size()) {
    queued_.resize(feed + 1, false);
    generation_.resize(feed + 1, 0);
  }
  if (!queued_[feed]) {
    queued_[feed] = true;
    ++queued_count_;
  }
  // A previous entry for this feed (in the heap or parked) becomes stale.
  const std::uint64_t generation = ++generation_[feed];
  push_heap_entry(Entry{due, feed, generation});
  drop_stale_top();
  compact_if_bloated();
}

void DueQueue::remove(FeedIndex feed) {
  if (!contains(feed)) return;
  queued_[feed] = false;
  ++generation_[feed];
  --queued_count_;
  drop_stale_top();
}

void DueQueue::start(const Entry& entry, std::string_view host, core::SystemTime now,
                     HostLimiter& limiter, std::vector<ReadyFeed>& ready) {
  limiter.started(host, now);
  queued_[entry.feed] = false;
  --queued_count_;
  ready.push_back(ReadyFeed{entry.feed, entry.due});
}

void DueQueue::wait_for_host(std::string host, core::SystemTime now, const HostLimiter& limiter) {
  // next_allowed ignores the global limit: a host stopped only by that gets a wake at `now`,
  // served by the next pop_ready after a fetch finishes.
  if (const auto at = limiter.next_allowed(host, now)) {
    host_wakes_.push_back(HostWake{std::max(*at, now), std::move(host)});
    std::push_heap(host_wakes_.begin(), host_wakes_.end(), WakeLater{});
  } else {
    slot_waiters_.push_back(std::move(host));
  }
}

void DueQueue::resume_waiting_hosts(core::SystemTime now, HostLimiter& limiter,
                                    std::vector<ReadyFeed>& ready) {
  std::vector<std::string> resumable;
  while (!host_wakes_.empty() && host_wakes_.front().at <= now) {
    std::pop_heap(host_wakes_.begin(), host_wakes_.end(), WakeLater{});
    resumable.push_back(std::move(host_wakes_.back().host));
    host_wakes_.pop_back();
  }
  // Each slot waiter has a fetch in flight, so this scan is bounded by global_concurrency.
  for (std::size_t i = 0; i < slot_waiters_.size();) {
    ++stats_.host_checks;
    if (limiter.next_allowed(slot_waiters_[i], now)) {
      resumable.push_back(std::move(slot_waiters_[i]));
      slot_waiters_[i] = std::move(slot_waiters_.back());
      slot_waiters_.pop_back();
    } else {
      ++i;
    }
  }

  for (std::string& host : resumable) {
    const auto it = waiting_.find(host);
    if (it == waiting_.end()) continue;
    std::deque<Entry>& feeds = it->second;
    while (!feeds.empty()) {
      if (!is_current(feeds.front())) {
        feeds.pop_front();
      } else if (limiter.may_start(host, now)) {
        start(feeds.front(), host, now, limiter, ready);
        feeds.pop_front();
      } else {
        break;
      }
    }
    if (feeds.empty()) {
      waiting_.erase(it);
    } else {
      wait_for_host(std::move(host), now, limiter);
    }
  }
}

std::vector<ReadyFeed> DueQueue::pop_ready(core::SystemTime now, HostLimiter& limiter,
                                           const HostOf& host_of) {
  std::vector<ReadyFeed> ready;
  // Parked feeds first: they have waited longest.
  resume_waiting_hosts(now, limiter, ready);

  while (limiter.global_slot_free() && !heap_.empty() && heap_.front().due <= now) {
    const Entry entry = pop_heap_entry();
    if (!is_current(entry)) continue;
    const std::string_view host = host_of(entry.feed);
    // Every host with parked feeds is blocked now, so a newcomer joins the back of its FIFO
    // rather than overtaking feeds that were due earlier.
    if (const auto it = waiting_.find(host); it != waiting_.end()) {
      it->second.push_back(entry);
      ++stats_.parked;
    } else if (limiter.host_may_start(host, now)) {
      start(entry, host, now, limiter, ready);
    } else {
      waiting_.emplace(std::string(host), std::deque<Entry>{entry});
      ++stats_.parked;
      wait_for_host(std::string(host), now, limiter);
    }
  }
  drop_stale_top();
  return ready;
}

std::optional<core::SystemTime> DueQueue::next_wakeup(core::SystemTime now,
                                                      const HostLimiter& limiter) const {
  if (!limiter.global_slot_free()) return std::nullopt;
  std::optional<core::SystemTime> earliest;
  if (!heap_.empty()) earliest = heap_.front().due;
  if (!host_wakes_.empty() && (!earliest || host_wakes_.front().at < *earliest))
    earliest = host_wakes_.front().at;
  if (!earliest) return std::nullopt;
  return std::max(*earliest, now);
}

}  // namespace feedsentry::schedule
