#pragma once
// The one instant schedule tests start from; no test reads a real clock.
#include <chrono>

#include "core/clock.h"

namespace feedsentry::schedule {

// 2023-11-14T22:13:20Z
inline const core::SystemTime kFixedNow = core::from_unix_seconds(1'700'000'000);

// How long after kFixedNow `time` is (SystemTime differences are in the clock's ticks).
inline core::Duration offset_from_fixed_now(core::SystemTime time) {
  return std::chrono::duration_cast<core::Duration>(time - kFixedNow);
}

}  // namespace feedsentry::schedule
