#include "poll/item_candidates.h"

#include "core/clock.h"
#include "core/url.h"
#include "store/secondary_key.h"

namespace feedsentry::poll {

store::SeenStore::Candidate seen_candidate(const feed::Item& item) {
  store::SeenStore::Candidate candidate;
  candidate.item_key = item.key;
  const std::string canonical = item.link.empty() ? std::string() : core::canonical_url(item.link);
  candidate.secondary_key = store::secondary_key(canonical, item.title);
  if (item.published) candidate.published = core::to_unix_seconds(*item.published);
  return candidate;
}

}  // namespace feedsentry::poll
