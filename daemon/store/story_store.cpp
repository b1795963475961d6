#include "store/story_store.h"

#include <algorithm>
#include <string_view>

#include "store/database.h"

namespace feedsentry::store {

namespace {

constexpr std::string_view kAdd =
    "INSERT OR REPLACE INTO story_items (feed_id, item_key, story_id, item_time, fingerprint, "
    "source, title, link, decision, recorded_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr std::string_view kColumns =
    "SELECT feed_id, item_key, story_id, item_time, fingerprint, source, title, link, decision, "
    "recorded_ms FROM story_items ";
// The stories whose latest item was recorded last.
constexpr std::string_view kLatestStories =
    "SELECT story_id FROM story_items GROUP BY story_id ORDER BY MAX(recorded_ms) DESC, "
    "MAX(item_time) DESC LIMIT ?1";
constexpr std::string_view kFirstAlert =
    "SELECT alert_id FROM alerts WHERE story_id = ?1 AND followup_of IS NULL "
    "ORDER BY alert_id LIMIT 1";
constexpr std::string_view kPrune = "DELETE FROM story_items WHERE item_time < ?1";

core::Result<std::vector<StoryItemRow>> read_rows(Statement& query) {
  std::vector<StoryItemRow> rows;
  while (true) {
    auto has_row = query.step();
    if (!has_row) return tl::unexpected(has_row.error());
    if (!*has_row) return rows;
    rows.push_back({query.column_text(0), query.column_text(1), query.column_text(2),
                    query.column_int64(3), query.column_text(4), query.column_text(5),
                    query.column_text(6), query.column_text(7), query.column_text(8),
                    query.column_int64(9)});
  }
}

}  // namespace

core::Result<void> StoryStore::add(const StoryItemRow& row) {
  auto insert = db_.prepare(kAdd);
  if (!insert) return tl::unexpected(insert.error());
  insert->bind_text(1, row.feed_id)
      .bind_text(2, row.item_key)
      .bind_text(3, row.story_id)
      .bind_int64(4, row.item_time)
      .bind_text(5, row.fingerprint)
      .bind_text(6, row.source)
      .bind_text(7, row.title)
      .bind_text(8, row.link)
      .bind_text(9, row.decision)
      .bind_int64(10, row.recorded_ms);
  return insert->run();
}

core::Result<std::vector<StoryItemRow>> StoryStore::recent(std::int64_t since) {
  auto query = db_.prepare(std::string(kColumns) + "WHERE item_time >= ?1 ORDER BY item_time");
  if (!query) return tl::unexpected(query.error());
  query->bind_int64(1, since);
  return read_rows(*query);
}

core::Result<std::vector<std::vector<StoryItemRow>>> StoryStore::latest_stories(
    std::size_t stories, std::size_t items_per_story) {
  auto query = db_.prepare(kLatestStories);
  if (!query) return tl::unexpected(query.error());
  query->bind_int64(1, static_cast<std::int64_t>(stories));
  std::vector<std::string> story_ids;
  while (true) {
    auto has_row = query->step();
    if (!has_row) return tl::unexpected(has_row.error());
    if (!*has_row) break;
    story_ids.push_back(query->column_text(0));
  }
  std::vector<std::vector<StoryItemRow>> out;
  for (const std::string& story_id : story_ids) {
    auto items = latest_items_of(story_id, items_per_story);
    if (!items) return tl::unexpected(items.error());
    out.push_back(std::move(*items));
  }
  return out;
}

core::Result<std::vector<StoryItemRow>> StoryStore::latest_items_of(const std::string& story_id,
                                                                    std::size_t limit) {
  auto query =
      db_.prepare(std::string(kColumns) + "WHERE story_id = ?1 ORDER BY item_time DESC LIMIT ?2");
  if (!query) return tl::unexpected(query.error());
  query->bind_text(1, story_id).bind_int64(2, static_cast<std::int64_t>(limit));
  auto rows = read_rows(*query);
  if (rows) std::reverse(rows->begin(), rows->end());
  return rows;
}

core::Result<std::optional<std::int64_t>> StoryStore::first_alert(const std::string& story_id) {
  auto query = db_.prepare(kFirstAlert);
  if (!query) return tl::unexpected(query.error());
  query->bind_text(1, story_id);
  auto has_row = query->step();
  if (!has_row) return tl::unexpected(has_row.error());
  if (!*has_row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(query->column_int64(0));
}

core::Result<std::size_t> StoryStore::prune(std::int64_t before) {
  auto remove = db_.prepare(kPrune);
  if (!remove) return tl::unexpected(remove.error());
  remove->bind_int64(1, before);
  if (auto done = remove->run(); !done) return tl::unexpected(done.error());
  return static_cast<std::size_t>(db_.changed_rows());
}

}  // namespace feedsentry::store
