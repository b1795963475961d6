#pragma once
// The seen-store view of a parsed feed's items: key, secondary key (canonical link +
// title, for guid churn) and published time. Pure.
#include <vector>

#include "feed/item.h"
#include "store/seen_store.h"

namespace feedsentry::poll {

std::vector<store::SeenStore::Candidate> seen_candidates(const std::vector<feed::Item>& items);

}  // namespace feedsentry::poll
