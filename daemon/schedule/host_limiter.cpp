#include "schedule/host_limiter.h"

#include <algorithm>

namespace feedsentry::schedule {

HostLimiter::HostLimiter(const Policy& policy)
    : global_concurrency_(std::max<std::size_t>(policy.global_concurrency, 1)),
      per_host_concurrency_(std::max<std::size_t>(policy.per_host_concurrency, 1)),
      per_host_min_gap_(std::max(policy.per_host_min_gap, core::Duration::zero())) {}

void HostLimiter::set_limits(const Policy& policy) {
  const HostLimiter limits(policy);
  global_concurrency_ = limits.global_concurrency_;
  per_host_concurrency_ = limits.per_host_concurrency_;
  per_host_min_gap_ = limits.per_host_min_gap_;
}

bool HostLimiter::gap_blocks(const HostState& state, core::SystemTime now) const {
  return state.last_start <= now && now < state.last_start + per_host_min_gap_;
}

bool HostLimiter::host_may_start(std::string_view host, core::SystemTime now) const {
  const auto it = hosts_.find(host);
  if (it == hosts_.end()) return true;
  return it->second.in_flight < per_host_concurrency_ && !gap_blocks(it->second, now);
}

std::optional<core::SystemTime> HostLimiter::next_allowed(std::string_view host,
                                                          core::SystemTime now) const {
  const auto it = hosts_.find(host);
  if (it == hosts_.end()) return now;
  if (it->second.in_flight >= per_host_concurrency_) return std::nullopt;
  if (gap_blocks(it->second, now)) return it->second.last_start + per_host_min_gap_;
  return now;
}

void HostLimiter::started(std::string_view host, core::SystemTime now) {
  auto it = hosts_.find(host);
  if (it == hosts_.end()) it = hosts_.emplace(std::string(host), HostState{}).first;
  ++it->second.in_flight;
  it->second.last_start = now;
  ++in_flight_;
  if (hosts_.size() > sweep_threshold_) forget_idle_hosts(now);
}

bool HostLimiter::is_idle(const HostState& state, core::SystemTime now) const {
  return state.in_flight == 0 && state.last_start <= now && !gap_blocks(state, now);
}

void HostLimiter::forget_idle_hosts(core::SystemTime now) {
  std::erase_if(hosts_, [&](const auto& entry) { return is_idle(entry.second, now); });
  // Doubling the threshold keeps the sweeps amortised O(1) per start.
  sweep_threshold_ = std::max(kMinSweepThreshold, 2 * hosts_.size());
}

void HostLimiter::finished(std::string_view host, core::SystemTime now) {
  const auto it = hosts_.find(host);
  if (it == hosts_.end() || it->second.in_flight == 0) return;
  --it->second.in_flight;
  --in_flight_;
  if (is_idle(it->second, now)) hosts_.erase(it);
}

std::size_t HostLimiter::in_flight(std::string_view host) const {
  const auto it = hosts_.find(host);
  return it == hosts_.end() ? 0 : it->second.in_flight;
}

}  // namespace feedsentry::schedule
