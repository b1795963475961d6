#include "story/story_index.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>

#include "story/event_match.h"

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
bool dates_conflict(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) return false;
  std::vector<std::uint32_t> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
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

std::string_view copy_reason_name(CopyReason reason) {
  switch (reason) {
    case CopyReason::kLink:
      return "link";
    case CopyReason::kText:
      return "text";
    case CopyReason::kEvent:
      return "event";
  }
  return "?";
}

std::string StoryDecision::describe() const {
  char similarity_text[16];
  std::snprintf(similarity_text, sizeof similarity_text, "%.2f", similarity);
  std::string conflict_text;
  for (const std::string& conflict : conflicts) {
    conflict_text += (conflict_text.empty() ? "" : "; ") + conflict;
  }
  switch (kind) {
    case Kind::kNew:
      return "new story";
    case Kind::kCopy: {
      std::string out = "copy of story " + story_id + " (" + std::string(copy_reason_name(reason));
      if (reason == CopyReason::kText) out += std::string(" ") + similarity_text;
      if (reason == CopyReason::kEvent) out += ": " + agreement;
      return out + ")";
    }
    case Kind::kRelated:
      return "new story, related to story " + story_id + " (similarity " + similarity_text +
             (conflict_text.empty() ? std::string(", not the same event")
                                    : "; kept apart: " + conflict_text) +
             ")";
  }
  return "?";
}

struct StoryIndex::StoryVerdict {
  bool joins = false;
  CopyReason reason = CopyReason::kLink;
  std::string agreement;
  double similarity = 0;  // the highest with any of the story's items
  std::vector<std::string> conflicts;
};

StoryIndex::StoryVerdict StoryIndex::judge(const Fingerprint& item,
                                           const WeightedTokens& item_title,
                                           const WeightedTokens& item_all,
                                           const std::string& story_id,
                                           const Members& story) const {
  StoryVerdict verdict;
  const std::vector<EntryNumber>& members = story.items;
  if (members.empty()) return verdict;
  // (a): the same link as one of the story's items, within the window.
  bool same_link = false;
  if (item.link_key != 0) {
    if (const auto linked = by_link_.find(item.link_key); linked != by_link_.end()) {
      for (const EntryNumber number : linked->second) {
        const Entry& entry = entries_.at(number);
        same_link = same_link || (entry.story_id == story_id &&
                                  within_window(item.time, entry.fingerprint.time));
      }
    }
  }
  // (c) with the first item.
  const Fingerprint& first = entries_.at(members.front()).fingerprint;
  const auto gap_to = [&item](core::SystemTime time) {
    return item.time > time ? item.time - time : time - item.time;
  };
  const auto agrees = [&](const EventComparison& event, core::Duration gap) {
    return !event.conflict() && event.same_topic &&
           ((event.same_actor && (event.same_class || event.same_count)) || event.same_party) &&
           (gap <= options_.event_gap || (event.same_day && gap <= options_.event_gap_same_day));
  };
  EventComparison with_first = match_events(item.event, first.event);
  with_first.has_conflict =
      with_first.has_conflict || dates_conflict(item.title_dates, first.title_dates);
  const bool first_agrees =
      agrees(with_first, std::chrono::duration_cast<core::Duration>(gap_to(first.time)));
  std::string agreement;
  if (first_agrees) agreement = describe_agreement(compare_events(item.event, first.event));
  // Conflicts and agreement with every item, checked once per distinct profile.
  bool every_agrees = true;
  bool blocked = false;
  // A report that names a weapon class, a party or a package where none of the story's
  // items does may be a new event that only reads like the story (a launch reported under
  // a vague "tension rises" story): by text alone it folds only when near-identical.
  bool story_specific = false;
  for (const Profile& profile : story.profiles) {
    story_specific = story_specific || !profile.event.classes.empty() ||
                     !profile.event.parties.empty() || !profile.event.ordinals.empty();
    EventComparison event = match_events(item.event, profile.event);
    const bool dates_differ = dates_conflict(item.title_dates, profile.title_dates);
    event.has_conflict = event.has_conflict || dates_differ;
    const auto widest_gap = std::chrono::duration_cast<core::Duration>(
        std::max(gap_to(profile.earliest), gap_to(profile.latest)));
    if (!agrees(event, widest_gap)) every_agrees = false;
    if (!event.conflict()) continue;
    // A copy adds no topic to its story, and nothing but the same link outweighs a conflict
    // with any of the story's items: a chain of look-alikes never bridges two events.
    EventComparison detail = compare_events(item.event, profile.event);
    const bool adds_topic =
        std::any_of(detail.conflicts.begin(), detail.conflicts.end(),
                    [](const std::string& conflict) { return conflict.starts_with("topic"); });
    if (same_link && !adds_topic) continue;
    blocked = true;
    if (verdict.conflicts.size() < kConflictsShown) {  // written out for the log, a few
      if (dates_differ) detail.conflicts.push_back("title dates differ");
      for (std::string& conflict : detail.conflicts) {
        if (std::find(verdict.conflicts.begin(), verdict.conflicts.end(), conflict) ==
            verdict.conflicts.end()) {
          verdict.conflicts.push_back(std::move(conflict));
        }
      }
    }
  }
  if (every_agrees && agreement.empty() && !story.profiles.empty()) {
    agreement = describe_agreement(compare_events(item.event, story.profiles.front().event));
  }
  const bool adds_specifics =
      !story_specific &&
      (!item.event.classes.empty() || !item.event.parties.empty() || !item.event.ordinals.empty());
  // Text similarity costs a token merge per item: it is measured against the story's first
  // item and its latest ones, at most kScoredItems (kScoredWhenBlocked once a conflict
  // already keeps the item apart and only the "related" note needs it).
  const std::size_t limit = blocked ? kScoredWhenBlocked : kScoredItems;
  bool text_copy = false;
  for (std::size_t scored = 0; scored < std::min(limit, members.size()); ++scored) {
    // The first item, then the latest ones backwards.
    const std::size_t m = scored == 0 ? 0 : members.size() - scored;
    const Entry& entry = entries_.at(members[m]);
    if (!within_window(item.time, entry.fingerprint.time)) continue;
    const double similarity = score(item, item_title, item_all, entry);
    verdict.similarity = std::max(verdict.similarity, similarity);
    // Items that matched no topic (only `feedsentry stories` groups them) say nothing about
    // an event: their text is all there is, and no alert rides on them.
    const bool plain = item.event.topics.empty() && entry.fingerprint.event.topics.empty();
    const double copy_threshold = plain            ? options_.related_threshold
                                  : adds_specifics ? options_.identical
                                                   : options_.near_identical;
    if (!blocked && similarity >= copy_threshold) text_copy = true;
  }
  if (blocked) return verdict;
  if (same_link || text_copy) {
    verdict.joins = true;
    verdict.reason = same_link ? CopyReason::kLink : CopyReason::kText;
  } else if (first_agrees || every_agrees) {
    verdict.joins = true;
    verdict.reason = CopyReason::kEvent;
    verdict.agreement = agreement;
  }
  return verdict;
}

StoryDecision StoryIndex::decide(const Fingerprint& item) const {
  forget_stale_weights();
  const WeightedTokens item_title = weighted(item.title_tokens);
  const WeightedTokens item_all = weighted(merged(item.title_tokens, item.summary_tokens));
  StoryDecision decision;
  std::optional<StoryVerdict> best_copy;
  std::string best_copy_story;
  std::optional<StoryVerdict> closest;
  std::string closest_story;
  std::vector<std::string> judged;
  const auto judge_stories = [&](const std::vector<EntryNumber>& candidates) {
    for (const EntryNumber number : candidates) {
      const Entry& entry = entries_.at(number);
      if (!within_window(item.time, entry.fingerprint.time)) continue;
      if (std::find(judged.begin(), judged.end(), entry.story_id) != judged.end()) continue;
      judged.push_back(entry.story_id);
      StoryVerdict verdict =
          judge(item, item_title, item_all, entry.story_id, members_.at(entry.story_id));
      if (verdict.joins) {
        if (!best_copy || verdict.reason < best_copy->reason ||
            (verdict.reason == best_copy->reason && verdict.similarity > best_copy->similarity)) {
          best_copy = verdict;
          best_copy_story = entry.story_id;
        }
      } else if (verdict.similarity >= options_.related_threshold &&
                 (!closest || verdict.similarity > closest->similarity)) {
        closest = std::move(verdict);
        closest_story = entry.story_id;
      }
    }
  };
  // First the stories sharing the link or a word with the item.
  std::vector<EntryNumber> candidates;
  if (item.link_key != 0) {
    if (const auto same_link = by_link_.find(item.link_key); same_link != by_link_.end()) {
      candidates = same_link->second;
    }
  }
  for (const std::uint32_t token : item_all.tokens) {
    const auto postings = postings_.find(token);
    if (postings == postings_.end() ||
        postings->second.entries.size() > options_.max_posting_scan) {
      continue;
    }
    const std::vector<EntryNumber>& entries = postings->second.entries;
    candidates.insert(candidates.end(), entries.begin(), entries.end());
  }
  std::sort(candidates.begin(), candidates.end());  // oldest first: ties go to the first story
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  judge_stories(candidates);
  // Then, if none took it, the latest stories of the same topics: a report of the same event
  // may share no word (another language, another wording).
  if (!best_copy && !item.event.topics.empty()) {
    candidates.clear();
    std::size_t scanned = 0;
    std::size_t stories = 0;
    for (auto it = by_time_.rbegin();
         it != by_time_.rend() && scanned < kEventScanItems && stories < kEventScanStories;
         ++it, ++scanned) {
      const Entry& entry = entries_.at(it->second);
      const EntryNumber first = members_.at(entry.story_id).items.front();
      if (entries_.at(first).fingerprint.event.topics != item.event.topics) continue;
      if (std::find(candidates.begin(), candidates.end(), first) != candidates.end()) continue;
      candidates.push_back(first);
      ++stories;
    }
    judge_stories(candidates);
  }
  if (best_copy) {
    decision.kind = StoryDecision::Kind::kCopy;
    decision.story_id = best_copy_story;
    decision.reason = best_copy->reason;
    decision.similarity = best_copy->similarity;
    decision.agreement = best_copy->agreement;
  } else if (closest) {
    decision.kind = StoryDecision::Kind::kRelated;
    decision.story_id = closest_story;
    decision.similarity = closest->similarity;
    decision.conflicts = std::move(closest->conflicts);
  }
  return decision;
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
  Members& story = members_[story_id];
  story.items.push_back(number);
  const auto profile =
      std::find_if(story.profiles.begin(), story.profiles.end(), [&item](const Profile& known) {
        return known.event == item.event && known.title_dates == item.title_dates;
      });
  if (profile == story.profiles.end()) {
    story.profiles.push_back({item.event, item.title_dates, item.time, item.time, 1});
  } else {
    profile->earliest = std::min(profile->earliest, item.time);
    profile->latest = std::max(profile->latest, item.time);
    ++profile->items;
  }
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
  auto members = members_.find(entry.story_id);
  std::erase(members->second.items, number);  // keeps the order: the first stays first
  std::vector<Profile>& profiles = members->second.profiles;
  const auto profile =
      std::find_if(profiles.begin(), profiles.end(), [&entry](const Profile& known) {
        return known.event == entry.fingerprint.event &&
               known.title_dates == entry.fingerprint.title_dates;
      });
  if (profile != profiles.end() && --profile->items == 0) profiles.erase(profile);
  if (members->second.items.empty()) members_.erase(members);
  entries_.erase(found);
}

}  // namespace feedsentry::story
