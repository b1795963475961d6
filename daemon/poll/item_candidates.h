#pragma once
// The seen-store view of a parsed feed's items: key, secondary key (canonical link +
// title, for guid churn) and published time. Pure.
#include "feed/item.h"
#include "store/seen_store.h"

namespace feedsentry::poll {

store::SeenStore::Candidate seen_candidate(const feed::Item& item);

}  // namespace feedsentry::poll
