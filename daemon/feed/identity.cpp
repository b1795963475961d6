#include "feed/identity.h"

#include <unordered_map>

#include "core/text.h"
#include "core/url.h"

namespace feedsentry::feed {
namespace {

std::string time_text(const std::optional<Timestamp>& time) {
  return time ? std::to_string(time->time_since_epoch().count()) : std::string();
}

std::uint64_t content_hash(const Item& item) {
  std::uint64_t hash = core::stable_hash(item.title);
  hash = core::stable_hash("\x1f", hash);
  hash = core::stable_hash(item.link, hash);
  hash = core::stable_hash("\x1f", hash);
  hash = core::stable_hash(time_text(item.published ? item.published : item.updated), hash);
  if (item.title.empty() && item.link.empty()) hash = core::stable_hash(item.summary.text, hash);
  return hash;
}

}  // namespace

void assign_identities(std::vector<Item>& items) {
  std::unordered_map<std::string, std::uint64_t> first_content;  // key -> content hash
  for (Item& item : items) {
    item.id_is_derived = item.guid.empty();
    if (!item.guid.empty()) {
      item.id = item.guid;
    } else if (!item.link.empty()) {
      item.id = core::canonical_url(item.link);
    } else {
      std::uint64_t hash = core::stable_hash(item.title);
      hash = core::stable_hash("\x1f", hash);
      hash = core::stable_hash(time_text(item.published ? item.published : item.updated), hash);
      if (item.title.empty()) hash = core::stable_hash(item.summary.text, hash);
      item.id = "urn:feedsentry:" + core::to_hex(hash);
    }
    item.key = item.id;
    const std::uint64_t hash = content_hash(item);
    const auto [existing, inserted] = first_content.emplace(item.key, hash);
    if (!inserted && existing->second != hash) {
      // Same guid, different story: a CMS bug we must not turn into a lost item.
      item.key += "#" + core::to_hex(hash);
      first_content.emplace(item.key, hash);
    }
  }
}

}  // namespace feedsentry::feed
