#pragma once
// Extra views of the matches beside the outbox (which logs one line per match itself, with
// its story decision and outputs): none (`run`, `once --dry-run`), one JSON line per match
// on standard output (`once`), and a tee to feed both a view and the outbox.
#include <mutex>
#include <ostream>

#include "poll/match.h"

namespace feedsentry::app {

class NoMatchView : public poll::MatchSink {
 public:
  core::Result<void> accept(const poll::Match&) override { return {}; }
};

class JsonLinesMatchSink : public poll::MatchSink {
 public:
  explicit JsonLinesMatchSink(std::ostream& out) : out_(out) {}
  core::Result<void> accept(const poll::Match& match) override;

 private:
  std::mutex mutex_;
  std::ostream& out_;
};

// Hands each match to `first`, then (if it accepted) to `second`.
class TeeMatchSink : public poll::MatchSink {
 public:
  TeeMatchSink(poll::MatchSink& first, poll::MatchSink& second) : first_(first), second_(second) {}
  core::Result<void> accept(const poll::Match& match) override {
    if (auto accepted = first_.accept(match); !accepted) return accepted;
    return second_.accept(match);
  }

 private:
  poll::MatchSink& first_;
  poll::MatchSink& second_;
};

}  // namespace feedsentry::app
