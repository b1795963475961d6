#pragma once
// The set of feeds waiting for their next poll, ordered by due time, and the decision of
// which may start now under the HostLimiter. Pure state machine: time comes in as `now`.
//
// Cost: schedule/remove O(log n); pop_ready O(log n) per feed it returns or parks, plus a
// scan of the hosts waiting for a slot (each has a fetch in flight, so at most
// global_concurrency of them). A due feed whose host is saturated is PARKED in that host's
// FIFO instead of blocking the heap, and the host is woken when its gap ends or a slot frees.
// So 5,000 due feeds of one slow host cost one park each, never a rescan per pop, and never
// delay feeds of other hosts.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "schedule/host_limiter.h"

namespace feedsentry::schedule {

// The caller's index of a feed (dense, e.g. a position in its feed table).
using FeedIndex = std::size_t;

struct ReadyFeed {
  FeedIndex feed;
  core::SystemTime due;  // when it was due; now - due is the scheduling lag
};

// Work counters, for metrics and for tests that check the cost bounds above.
struct DueQueueStats {
  std::uint64_t heap_pops = 0;    // entries taken off the due heap (including stale ones)
  std::uint64_t parked = 0;       // feeds moved into a host's waiting FIFO
  std::uint64_t host_checks = 0;  // waiting hosts examined for a free slot
};

class DueQueue {
 public:
  // Must return the same host key for a feed while it is queued (the HostLimiter key).
  using HostOf = std::function<std::string_view(FeedIndex)>;

  // Queues `feed` at `due`; if it was already queued, the new due time replaces the old.
  void schedule(FeedIndex feed, core::SystemTime due);
  // Forgets `feed` (e.g. removed by a config reload). No effect when it is not queued.
  void remove(FeedIndex feed);
  bool contains(FeedIndex feed) const;
  // Queued feeds, including those parked behind a saturated host.
  std::size_t size() const { return queued_count_; }
  bool empty() const { return queued_count_ == 0; }

  // The feeds to start now, oldest due first per host, with each start already recorded in
  // `limiter` (limiter.started). They leave the queue: the caller calls
  // limiter.finished(host, time) when a fetch ends, schedules the feed again, and calls
  // pop_ready again (a finish can free a slot that parked feeds wait for). Feeds of a
  // saturated host are skipped and stay queued; the global limit stops the scan.
  std::vector<ReadyFeed> pop_ready(core::SystemTime now, HostLimiter& limiter,
                                   const HostOf& host_of);

  // When the caller's timer should fire next: the earliest due time or host-gap end, never
  // before `now`. nullopt when nothing is queued or only a finishing fetch can make progress
  // (global limit reached, or every waiting host has all its slots busy).
  std::optional<core::SystemTime> next_wakeup(core::SystemTime now,
                                              const HostLimiter& limiter) const;

  // The earliest due time in the queue (parked feeds excluded), if any.
  std::optional<core::SystemTime> earliest_due() const {
    if (heap_.empty()) return std::nullopt;
    return heap_.front().due;
  }
  // Some due feed waits for its host (a slot or the minimum gap).
  bool has_parked() const { return !waiting_.empty(); }

  const DueQueueStats& stats() const { return stats_; }

 private:
  struct Entry {
    core::SystemTime due;
    FeedIndex feed;
    std::uint64_t generation;  // matches generation_[feed] while the entry is current
  };
  struct HostWake {
    core::SystemTime at;
    std::string host;
  };
  struct HostHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view host) const {
      return std::hash<std::string_view>{}(host);
    }
  };

  bool is_current(const Entry& entry) const;
  void push_heap_entry(Entry entry);
  Entry pop_heap_entry();
  void drop_stale_top();
  void compact_if_bloated();
  void start(const Entry& entry, std::string_view host, core::SystemTime now, HostLimiter& limiter,
             std::vector<ReadyFeed>& ready);
  void wait_for_host(std::string host, core::SystemTime now, const HostLimiter& limiter);
  void resume_waiting_hosts(core::SystemTime now, HostLimiter& limiter,
                            std::vector<ReadyFeed>& ready);

  std::vector<Entry> heap_;  // min-heap on (due, feed); may hold stale entries
  std::vector<std::uint64_t> generation_;
  std::vector<bool> queued_;
  std::size_t queued_count_ = 0;

  // Feeds already due whose host could not start them, oldest first. Every host here is in
  // exactly one of host_wakes_ (known time) or slot_waiters_ (until a fetch finishes).
  std::unordered_map<std::string, std::deque<Entry>, HostHash, std::equal_to<>> waiting_;
  std::vector<HostWake> host_wakes_;  // min-heap on `at`
  std::vector<std::string> slot_waiters_;

  DueQueueStats stats_;
};

}  // namespace feedsentry::schedule
