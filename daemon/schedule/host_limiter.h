#pragma once
// Politeness and concurrency accounting: how many fetches are in flight overall and per
// host, and when each host last had a fetch started. A pure state machine: the caller
// reports starts and finishes with the time they happened; nothing here reads a clock.
// Hosts are compared as given: the caller passes a normalised key (lower-case host[:port]).
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "schedule/policy.h"

namespace feedsentry::schedule {

class HostLimiter {
 public:
  // Uses global_concurrency, per_host_concurrency and per_host_min_gap; limits of 0 are
  // treated as 1 so a bad policy cannot stall every feed.
  explicit HostLimiter(const Policy& policy);
  // New limits (config reload); fetches in flight stay counted.
  void set_limits(const Policy& policy);

  // Both the global limit and the host's limits allow a start now.
  bool may_start(std::string_view host, core::SystemTime now) const {
    return global_slot_free() && host_may_start(host, now);
  }
  bool global_slot_free() const { return in_flight_ < global_concurrency_; }
  // The host has a free slot and its minimum gap since the last start has passed. A start
  // recorded in the future (the wall clock moved back) does not block.
  bool host_may_start(std::string_view host, core::SystemTime now) const;

  // When the host may next start, ignoring the global limit: `now` if it may start now; the
  // end of its minimum gap if only the gap blocks it; nullopt while all its slots are busy
  // (that changes only when a fetch finishes).
  std::optional<core::SystemTime> next_allowed(std::string_view host, core::SystemTime now) const;

  void started(std::string_view host, core::SystemTime now);
  // A finish without a matching start is ignored (counts never underflow).
  void finished(std::string_view host, core::SystemTime now);

  std::size_t in_flight() const { return in_flight_; }
  std::size_t in_flight(std::string_view host) const;
  // Hosts with state kept (mostly: in flight, or started within the minimum gap); metrics.
  std::size_t tracked_hosts() const { return hosts_.size(); }

 private:
  struct HostState {
    std::size_t in_flight = 0;
    core::SystemTime last_start;
  };
  struct HostHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view host) const {
      return std::hash<std::string_view>{}(host);
    }
  };

  // Idle hosts (nothing in flight, gap passed) carry no information and are forgotten: at
  // once when their last fetch finishes after the gap, otherwise by an occasional sweep.
  static constexpr std::size_t kMinSweepThreshold = 1024;

  bool gap_blocks(const HostState& state, core::SystemTime now) const;
  bool is_idle(const HostState& state, core::SystemTime now) const;
  void forget_idle_hosts(core::SystemTime now);

  std::size_t global_concurrency_;
  std::size_t per_host_concurrency_;
  core::Duration per_host_min_gap_;
  std::size_t in_flight_ = 0;
  std::size_t sweep_threshold_ = kMinSweepThreshold;
  std::unordered_map<std::string, HostState, HostHash, std::equal_to<>> hosts_;
};

}  // namespace feedsentry::schedule
