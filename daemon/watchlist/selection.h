#pragma once
// Which SDN entries the watch list keeps: program tags by glob ("DPRK*", "UKRAINE-EO13*",
// "CAATSA - RUSSIA"; '*' any run, '?' one character, case-insensitive, spaces literal) and
// party types. Pure.
#include <string>
#include <string_view>
#include <vector>

#include "watchlist/sdn_entry.h"

namespace feedsentry::watchlist {

bool glob_match(std::string_view pattern, std::string_view text);

struct Selection {
  std::vector<std::string> programs;  // globs; empty = every program
  std::vector<PartyType> types;       // empty = every type
};

// An entry is kept when its type is selected and at least one of its program tags matches
// a glob.
bool is_selected(const SdnEntry& entry, const Selection& selection);

// Indexes into `list.entries` of the entries kept, in file order.
std::vector<std::size_t> select_entries(const SdnList& list, const Selection& selection);

}  // namespace feedsentry::watchlist
