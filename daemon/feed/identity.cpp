#include "feed/identity.h"

#include <bit>
#include <functional>
#include <string_view>

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

// The first item holding each key, for spotting repeated keys. Open addressing over a table
// sized once for the whole document (at most two keys per item, load at most one half), so
// there is no allocation per item. Content hashes are computed only when a key repeats, which
// most documents never do.
class FirstHolders {
 public:
  explicit FirstHolders(const std::vector<Item>& items)
      : items_(items), slots_(std::bit_ceil(4 * items.size() + 4), 0) {}

  // Index of the first item whose key equals items[index].key; `index` itself, now recorded,
  // when there is none.
  std::size_t find_or_add(std::size_t index) {
    const std::string_view key = items_[index].key;
    const std::size_t mask = slots_.size() - 1;
    const std::size_t hash = std::hash<std::string_view>{}(key);
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      if (slots_[slot] == 0) {
        slots_[slot] = index + 1;
        return index;
      }
      const std::size_t holder = slots_[slot] - 1;
      if (items_[holder].key == key) return holder;
    }
  }

 private:
  const std::vector<Item>& items_;
  std::vector<std::size_t> slots_;  // item index + 1; 0 is an empty slot
};

}  // namespace

void assign_identities(std::vector<Item>& items) {
  FirstHolders first_holders(items);
  for (std::size_t index = 0; index < items.size(); ++index) {
    Item& item = items[index];
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
    const std::size_t holder = first_holders.find_or_add(index);
    if (holder == index) continue;
    const std::uint64_t hash = content_hash(item);
    if (content_hash(items[holder]) != hash) {
      // Same guid, different story: a CMS bug we must not turn into a lost item.
      item.key += '#';
      item.key += core::to_hex(hash);
      first_holders.find_or_add(index);
    }
  }
}

}  // namespace feedsentry::feed
