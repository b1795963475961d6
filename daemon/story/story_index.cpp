#include "story/story_index.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace feedsentry::story {
namespace {

std::vector<std::uint32_t> merged(const std::vector<std::uint32_t>& a,
                                  const std::vector<std::uint32_t>& b) {
  std::vector<std::uint32_t> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// Two titles naming different calendar dates are different reports ("rate on 02.10.2023"
// and "rate on 03.10.2023"), however alike the rest is.
bool dates_conflict(const Fingerprint& a, const Fingerprint& b) {
  if (a.title_dates.empty() || b.title_dates.empty()) return false;
  std::vector<std::uint32_t> shared;
  std::set_intersection(a.title_dates.begin(), a.title_dates.end(), b.title_dates.begin(),
                        b.title_dates.end(), std::back_inserter(shared));
  return shared.empty();
}

template <typename Container>
void erase_value(Container& values, typename Container::value_type value) {
  const auto found = std::find(values.begin(), values.end(), value);
  if (found == values.end()) return;
  *found = values.back();
  values.pop_back();
}

}  // namespace

StoryIndex::StoryIndex(GroupingOptions options) : options_(options) {}

bool StoryIndex::within_window(core::SystemTime a, core::SystemTime b) const {
  const auto gap = a > b ? a - b : b - a;
  return gap <= options_.window;
}

void StoryIndex::forget_stale_weights() const {
  if (weights_for_size_ == entries_.size()) return;
  std::fill(weight_by_documents_.begin(), weight_by_documents_.end(),
            std::numeric_limits<double>::quiet_NaN());
  weights_for_size_ = entries_.size();
}

double StoryIndex::compute_weight(std::size_t documents) const {
  if (documents >= weight_by_documents_.size()) {
    weight_by_documents_.resize(documents + 1, std::numeric_limits<double>::quiet_NaN());
  }
  return weight_by_documents_[documents] =
             std::log((static_cast<double>(entries_.size()) + options_.idf_prior_items) /
                      (static_cast<double>(documents) + 1));
}

StoryIndex::WeightedTokens StoryIndex::weighted(std::vector<std::uint32_t> tokens) const {
  WeightedTokens out;
  out.weights.reserve(tokens.size());
  for (const std::uint32_t token : tokens) {
    const auto postings = postings_.find(token);
    out.weights.push_back(
        weight_for(postings == postings_.end() ? 0 : postings->second.entries.size()));
  }
  out.tokens = std::move(tokens);
  return out;
}

double StoryIndex::weighted_jaccard(const WeightedTokens& a, const std::vector<std::uint32_t>& b,
                                    const std::vector<Slot>& b_slots) const {
  double shared = 0;
  double total = 0;
  std::size_t left = 0;
  std::size_t right = 0;
  while (left < a.tokens.size() || right < b.size()) {
    if (right == b.size() || (left < a.tokens.size() && a.tokens[left] < b[right])) {
      total += a.weights[left++];
    } else if (left == a.tokens.size() || b[right] < a.tokens[left]) {
      total += weight_for(documents_by_slot_[b_slots[right++]]);
    } else {
      const double both = a.weights[left];
      shared += both, total += both;
      ++left, ++right;
    }
  }
  return total > 0 ? shared / total : 0;
}

double StoryIndex::score(const Fingerprint& item, const WeightedTokens& item_title,
                         const WeightedTokens& item_all, const Entry& entry) const {
  const double titles =
      weighted_jaccard(item_title, entry.fingerprint.title_tokens, entry.title_slots);
  const double texts = weighted_jaccard(item_all, entry.all_tokens, entry.all_slots);
  const auto gap = item.time > entry.fingerprint.time ? item.time - entry.fingerprint.time
                                                      : entry.fingerprint.time - item.time;
  const double gap_in_windows = std::chrono::duration<double>(gap).count() /
                                std::chrono::duration<double>(options_.window).count();
  return options_.title_weight * titles + (1 - options_.title_weight) * texts -
         options_.time_penalty * gap_in_windows;
}

std::optional<StoryMatch> StoryIndex::best_match(const Fingerprint& item) const {
  if (item.link_key != 0) {
    if (const auto same_link = by_link_.find(item.link_key); same_link != by_link_.end()) {
      for (const EntryNumber number : same_link->second) {
        const Entry& entry = entries_.at(number);
        if (within_window(item.time, entry.fingerprint.time)) {
          return StoryMatch{entry.story_id, std::numeric_limits<double>::infinity()};
        }
      }
    }
  }
  forget_stale_weights();
  const WeightedTokens item_title = weighted(item.title_tokens);
  const WeightedTokens item_all = weighted(merged(item.title_tokens, item.summary_tokens));
  std::vector<EntryNumber> candidates;
  for (const std::uint32_t token : item_all.tokens) {
    const auto postings = postings_.find(token);
    if (postings == postings_.end() ||
        postings->second.entries.size() > options_.max_posting_scan) {
      continue;
    }
    const std::vector<EntryNumber>& entries = postings->second.entries;
    candidates.insert(candidates.end(), entries.begin(), entries.end());
  }
  std::sort(candidates.begin(), candidates.end());  // oldest first: ties go to the first item
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::optional<StoryMatch> best;
  for (const EntryNumber number : candidates) {
    const Entry& entry = entries_.at(number);
    if (!within_window(item.time, entry.fingerprint.time)) continue;
    if (dates_conflict(item, entry.fingerprint)) continue;
    const double value = score(item, item_title, item_all, entry);
    if (value >= options_.match_threshold && (!best || value > best->score)) {
      best = StoryMatch{entry.story_id, value};
    }
  }
  return best;
}

std::optional<std::string> StoryIndex::find(const Fingerprint& item) const {
  std::optional<StoryMatch> match = best_match(item);
  if (!match) return std::nullopt;
  return std::move(match->story_id);
}

void StoryIndex::add(const std::string& story_id, const Fingerprint& item) {
  const EntryNumber number = next_entry_++;
  Entry entry{story_id, item, merged(item.title_tokens, item.summary_tokens), {}, {}};
  entry.all_slots.reserve(entry.all_tokens.size());
  for (const std::uint32_t token : entry.all_tokens) {
    entry.all_slots.push_back(slot_for(token, number));
  }
  entry.title_slots.reserve(item.title_tokens.size());
  for (const std::uint32_t token : item.title_tokens) {
    entry.title_slots.push_back(postings_.find(token)->second.slot);  // a subset of all_tokens
  }
  if (item.link_key != 0) by_link_[item.link_key].push_back(number);
  by_time_.emplace(item.time, number);
  entries_.emplace(number, std::move(entry));
  while (entries_.size() > std::max<std::size_t>(options_.max_items, 1)) {
    forget(by_time_.begin()->second);
    by_time_.erase(by_time_.begin());
  }
}

// Adds item `number` to the token's postings; returns the token's slot.
StoryIndex::Slot StoryIndex::slot_for(std::uint32_t token, EntryNumber number) {
  auto [postings, added] = postings_.try_emplace(token);
  if (added) {
    if (free_slots_.empty()) {
      postings->second.slot = static_cast<Slot>(documents_by_slot_.size());
      documents_by_slot_.push_back(0);
    } else {
      postings->second.slot = free_slots_.back();
      free_slots_.pop_back();
    }
  }
  postings->second.entries.push_back(number);
  ++documents_by_slot_[postings->second.slot];
  return postings->second.slot;
}

void StoryIndex::expire(core::SystemTime now) {
  const core::SystemTime cutoff = now - options_.window;
  const auto end = by_time_.lower_bound(cutoff);
  for (auto it = by_time_.begin(); it != end; ++it) forget(it->second);
  by_time_.erase(by_time_.begin(), end);
}

void StoryIndex::forget(EntryNumber number) {
  const auto found = entries_.find(number);
  const Entry& entry = found->second;
  for (const std::uint32_t token : entry.all_tokens) {
    auto postings = postings_.find(token);
    erase_value(postings->second.entries, number);
    const Slot slot = postings->second.slot;
    --documents_by_slot_[slot];
    if (postings->second.entries.empty()) {
      free_slots_.push_back(slot);
      postings_.erase(postings);
    }
  }
  if (const std::uint64_t link = entry.fingerprint.link_key; link != 0) {
    auto same_link = by_link_.find(link);
    erase_value(same_link->second, number);
    if (same_link->second.empty()) by_link_.erase(same_link);
  }
  entries_.erase(found);
}

}  // namespace feedsentry::story
