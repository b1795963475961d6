#pragma once
// Hand-off of matches until the alert dispatcher exists: a log line per match (daemon), and
// for `once` also one JSON line per match on standard output.
#include <mutex>
#include <ostream>

#include "poll/match.h"

namespace feedsentry::app {

class LogMatchSink : public poll::MatchSink {
 public:
  core::Result<void> accept(const poll::Match& match) override;
};

class JsonLinesMatchSink : public poll::MatchSink {
 public:
  explicit JsonLinesMatchSink(std::ostream& out) : out_(out) {}
  core::Result<void> accept(const poll::Match& match) override;

 private:
  std::mutex mutex_;
  std::ostream& out_;
};

}  // namespace feedsentry::app
