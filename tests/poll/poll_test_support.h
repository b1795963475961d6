#pragma once
// Shared by the poller tests: a match sink that accepts and drops every match.
#include "poll/match.h"

namespace feedsentry::poll::testing {

class NullSink : public MatchSink {
 public:
  core::Result<void> accept(const Match&) override { return {}; }
};

}  // namespace feedsentry::poll::testing
