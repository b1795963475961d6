#pragma once
// Watch-list input to Classifier::compile: name patterns of listed parties, already expanded
// and guarded by whoever built them (daemon/watchlist/ builds them from OFAC's SDN files).
// The patterns go into the classifier's one automaton beside the rule terms; a hit becomes
// a topic (`topic_id`) carrying the entities it names. Plain data; classify never reads files.
#include <cstdint>
#include <string>
#include <vector>

namespace feedsentry::classify {

// One listed party, as an alert shows it.
struct WatchlistEntity {
  std::string sdn_number;  // e.g. "36541"
  std::string name;        // primary name, for display
  std::string type;        // "individual", "entity", "vessel" or "aircraft"
  std::vector<std::string> programs;
};

// Words that must appear near a pattern for it to count (e.g. "tanker" near a vessel name).
struct WatchlistCueSet {
  std::string name;                // e.g. "vessel"
  std::vector<std::string> terms;  // term syntax of the rule files: "tanker*", "судн*", "imo"
  int window = 6;                  // the cue may start at most this many words away
};

// One name form. `text` uses the rule files' term syntax without '*': matched as whole words
// after the classifier's normalization (case folding, NFC, whitespace runs).
struct WatchlistPattern {
  std::string text;           // e.g. "sergei kozlov"
  std::string alias;          // the SDN name or alias it was made from, e.g. "KOZLOV, Sergei"
  std::uint32_t entity = 0;   // index into WatchlistTerms::entities
  std::int32_t cue_set = -1;  // index into WatchlistTerms::cue_sets; -1 = no cue needed
};

struct WatchlistTerms {
  std::string topic_id = "watchlist";
  std::string topic_title = "Names an SDN-listed party";
  std::vector<WatchlistEntity> entities;
  std::vector<WatchlistPattern> patterns;
  std::vector<WatchlistCueSet> cue_sets;
};

}  // namespace feedsentry::classify
