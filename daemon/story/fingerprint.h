#pragma once
// Story fingerprints: what the grouper keeps of an item (canonical-link key, hashed title
// and summary tokens, calendar dates named in the title, and the item's time), computed by
// a pure function and stored as one compact text column so the index can be rebuilt at
// start-up without the original text. Values own their data.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "story/event_attributes.h"

namespace feedsentry::story {

struct StoryItem {
  std::string id;
  std::string feed;
  std::string title;
  std::string summary;
  std::string link;
  std::optional<core::SystemTime> published;
  core::SystemTime seen_at;
  EventAttributes attributes;  // event_attributes() of its classification; empty: unmatched
};

struct Fingerprint {
  std::uint64_t link_key = 0;  // hash of the story link key; 0 when the item has no usable link
  core::SystemTime time;       // see item_time()
  std::vector<std::uint32_t> title_tokens;    // sorted, unique token hashes
  std::vector<std::uint32_t> summary_tokens;  // sorted, unique; may overlap title_tokens
  std::vector<std::uint32_t> title_dates;     // sorted, unique hashes of dates in the title
  EventAttributes event;                      // the item's attributes, as given
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

// The canonical link used for grouping (core::canonical_url, also without the
// "at_medium"/"at_campaign" analytics parameters), or empty for a link that cannot identify
// one story: missing, not http(s), or a bare site root.
std::string story_link_key(std::string_view link);

// `published` when present and plausible (not before 2000, not more than a day after
// seen_at, which catches feeds with broken time zones or future dates); else `seen_at`.
core::SystemTime item_time(const StoryItem& item);

// Pure: depends only on the item's title, summary, link, published and seen_at.
Fingerprint fingerprint(const StoryItem& item);

// "s2;<link key hex>;<unix seconds>;<title hashes>;<summary hashes>;<date hashes>;<event>",
// each hash as 8 hex digits (about 9 bytes per token); <event> is "key=v,v|key=v" with the
// attributes' values (characters outside [A-Za-z0-9_:.-] become '_').

std::string encode(const Fingerprint& fingerprint);

// Inverse of encode(); nullopt for anything encode() cannot produce. Also reads the "s1"
// form of earlier versions (without attributes).
std::optional<Fingerprint> decode(std::string_view text);

}  // namespace feedsentry::story
