#pragma once
// From SDN entries to the classifier's watch-list patterns (classify/watchlist_terms.h), with
// the false-positive guards applied here, once, at build time:
//  - names are case-folded (the classifier's normalizer), punctuation dropped, Latin
//    diacritics stripped as an extra variant, hyphenated parts matched joined or apart;
//  - legal forms (LLC, OOO, JSC, AO, "AKTSIONERNOE OBSHCHESTVO", LTD, …) are optional: the
//    name without them is a pattern, and the name as written is one too;
//  - individuals ("LAST, First Middle") match as "First Last", "First Middle Last",
//    "Last First" and "Last First Middle", never on fewer than two name tokens;
//  - an entity whose name (without legal forms) is one token needs 6+ letters and must not
//    be a common English word (stopwords.h); one made only of common words keeps only the
//    forms with its legal form;
//  - vessel names and IMO numbers need a vessel cue (vessel, tanker, ship, IMO, судно,
//    танкер…) within a few words, aircraft an aircraft cue.
// Every alt.csv alias is its own name. Pure.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classify/watchlist_terms.h"
#include "watchlist/sdn_entry.h"

namespace feedsentry::watchlist {

// Name forms left out, by guard.
struct GuardCounts {
  std::size_t individual_one_token = 0;      // an individual's form with < 2 name tokens
  std::size_t entity_short_token = 0;        // a one-token entity name of < 6 letters
  std::size_t entity_common_word = 0;        // a one-token entity name that is a common word
  std::size_t entity_common_words_core = 0;  // core forms of names made of common words only
  std::size_t weak_alias = 0;                // XML aliases of category "weak"
  std::size_t empty_name = 0;                // nothing left after normalization
  std::size_t vessel_short = 0;              // a one-token vessel name of < 3 letters
};

struct PatternStats {
  std::size_t names = 0;     // primary names and aliases looked at
  std::size_t patterns = 0;  // name patterns made (IMO numbers included)
  std::size_t imo_patterns = 0;
  std::size_t cued_patterns = 0;  // patterns that need a cue nearby
  GuardCounts dropped;
};

// A name that yields no pattern, and why: `watchlist lookup` explains misses with these.
struct DroppedName {
  std::uint32_t entity = 0;  // index into the entries given to build_patterns
  std::string alias;
  std::string reason;
};

struct BuiltPatterns {
  classify::WatchlistTerms terms;
  PatternStats stats;
  std::vector<DroppedName> dropped;
};

// Entity i of the result is entries[i].
BuiltPatterns build_patterns(const std::vector<const SdnEntry*>& entries);

// Tokens of a name as patterns use them: folded, punctuation dropped, '-' and '\'' kept
// inside tokens. "KOZLOV, Sergei" → {"kozlov", "sergei"} (the comma is dropped).
std::vector<std::string> name_tokens(std::string_view name);

// How an alert shows a primary name: individuals as listed ("KOZLOV, Sergei"); other names
// written in capitals get title case with legal forms kept ("INTELLEKT LLC" → "Intellekt
// LLC").
std::string display_name(const SdnEntry& entry);

// The cue sets patterns refer to (index 0 vessel, 1 aircraft).
std::vector<classify::WatchlistCueSet> cue_sets();

}  // namespace feedsentry::watchlist
