#include "poll/recent_items.h"

#include <algorithm>
#include <string>

#include "core/text.h"

namespace feedsentry::poll {
namespace {

void sort_unique(std::vector<std::uint64_t>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

}  // namespace

std::uint64_t RecentItems::fingerprint(const store::SeenStore::Candidate& candidate) {
  // NUL separates the parts, so no two different candidates give the same text.
  std::string text = candidate.item_key;
  text += '\0';
  text += candidate.secondary_key;
  text += '\0';
  if (candidate.published) text += std::to_string(*candidate.published);
  return core::stable_hash(text);
}

RecentItems::RecentItems(core::SystemTime recorded_at, std::vector<std::uint64_t> fingerprints)
    : recorded_at_(recorded_at), fingerprints_(std::move(fingerprints)) {
  sort_unique(fingerprints_);
}

bool RecentItems::valid_at(core::SystemTime now, core::Duration validity) const {
  return now >= recorded_at_ && now - recorded_at_ < validity;
}

bool RecentItems::contains(std::uint64_t fingerprint) const {
  return std::binary_search(fingerprints_.begin(), fingerprints_.end(), fingerprint);
}

RecentItems RecentItems::with(std::vector<std::uint64_t> more) const {
  more.insert(more.end(), fingerprints_.begin(), fingerprints_.end());
  return RecentItems(recorded_at_, std::move(more));
}

}  // namespace feedsentry::poll
