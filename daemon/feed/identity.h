#pragma once
// Item identity: `id` falls back to the canonical link, then to a hash of title and
// published time; `key` is the seen-filter identity, made distinct for items of one
// document that share an id but differ in content.
#include <vector>

#include "feed/item.h"

namespace feedsentry::feed {

void assign_identities(std::vector<Item>& items);

}  // namespace feedsentry::feed
