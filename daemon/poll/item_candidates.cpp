#include "poll/item_candidates.h"

#include "core/clock.h"
#include "core/url.h"
#include "store/secondary_key.h"

namespace feedsentry::poll {

std::vector<store::SeenStore::Candidate> seen_candidates(const std::vector<feed::Item>& items) {
  std::vector<store::SeenStore::Candidate> candidates;
  candidates.reserve(items.size());
  for (const feed::Item& item : items) {
    store::SeenStore::Candidate candidate;
    candidate.item_key = item.key;
    const std::string canonical =
        item.link.empty() ? std::string() : core::canonical_url(item.link);
    candidate.secondary_key = store::secondary_key(canonical, item.title);
    if (item.published) candidate.published = core::to_unix_seconds(*item.published);
    candidates.push_back(std::move(candidate));
  }
  return candidates;
}

}  // namespace feedsentry::poll
