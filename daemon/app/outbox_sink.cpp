#include "app/outbox_sink.h"

#include <algorithm>

#include "alert/alert_json.h"
#include "alert/render.h"
#include "app/alert_builder.h"
#include "core/text.h"
#include "store/outbox_store.h"
#include "store/story_store.h"
#include "story/fingerprint.h"

namespace feedsentry::app {

namespace {

constexpr std::size_t kAlsoReportedListed = 10;

story::StoryItem story_item(const poll::Match& match, const alert::Alert& alert) {
  story::StoryItem item;
  item.id = match.item.key;
  item.feed = match.feed_id;
  item.title = match.item.title;
  item.summary = alert.summary;
  item.link = match.item.link;
  item.published = alert.published;
  item.seen_at = match.detected_at;
  return item;
}

// Whether `alert` matched a topic the story's first alert did not.
core::Result<bool> adds_a_topic(store::OutboxStore& outbox, std::int64_t first_alert,
                                const alert::Alert& alert) {
  auto payload = outbox.alert_payload(first_alert);
  if (!payload) return tl::unexpected(payload.error());
  if (!*payload) return false;
  auto first = alert::alert_from_json(**payload);
  if (!first) return false;
  for (const alert::TopicHit& topic : alert.topics) {
    const bool known = std::any_of(first->topics.begin(), first->topics.end(),
                                   [&](const alert::TopicHit& t) { return t.id == topic.id; });
    if (!known) return true;
  }
  return false;
}

}  // namespace

OutboxSink::OutboxSink(store::Database& db, std::vector<alert::Route> routes,
                       std::function<void()> committed, story::GroupingOptions grouping)
    : db_(db),
      routes_(std::move(routes)),
      committed_(std::move(committed)),
      grouping_(grouping),
      index_(grouping) {}

core::Result<void> OutboxSink::load_stories(core::SystemTime now) {
  const auto since = core::to_unix_seconds(now - 2 * grouping_.window);
  auto rows = store::StoryStore(db_).recent(since);
  if (!rows) return tl::unexpected(rows.error());
  for (const store::StoryItemRow& row : *rows) {
    if (auto fingerprint = story::decode(row.fingerprint)) index_.add(row.story_id, *fingerprint);
  }
  index_.expire(now);
  return {};
}

std::string OutboxSink::new_story_id(const poll::Match& match) const {
  return "st_" + core::to_hex(core::stable_hash(match.feed_id + "\n" + match.item.key));
}

core::Result<void> OutboxSink::accept(const poll::Match& match) {
  alert::Alert alert = build_alert(match);
  const story::StoryItem item = story_item(match, alert);
  const story::Fingerprint fingerprint = story::fingerprint(item);
  index_.expire(match.detected_at);
  std::optional<std::string> known_story = index_.find(fingerprint);
  store::StoryStore stories(db_);
  store::OutboxStore outbox(db_);
  std::optional<std::int64_t> first_alert;
  if (known_story) {
    auto first = stories.first_alert(*known_story);
    if (!first) return tl::unexpected(first.error());
    first_alert = *first;  // none: the first alert was purged long ago; alert afresh
  }
  if (first_alert) {
    auto adds_topic = adds_a_topic(outbox, *first_alert, alert);
    if (!adds_topic) return tl::unexpected(adds_topic.error());
    if (*adds_topic) {
      // Same words, different news: a launch reported hours after a sanctions story on the
      // same country reads alike but must alert on its own.
      known_story.reset();
      first_alert.reset();
    }
  }
  alert.story_id = known_story ? *known_story : new_story_id(match);

  if (auto added = stories.add({match.feed_id, match.item.key, alert.story_id,
                                core::to_unix_seconds(fingerprint.time), story::encode(fingerprint),
                                alert.source, alert.headline, alert.link});
      !added) {
    return tl::unexpected(added.error());
  }
  alert.followup_of = first_alert;
  if (alert.followup_of) {
    // The first report is not "also reported"; it is among these only while the story
    // has at most kAlsoReportedListed + 1 items.
    auto items = stories.latest_items_of(alert.story_id, kAlsoReportedListed + 1);
    if (!items) return tl::unexpected(items.error());
    // Every copy after the first report, the latest last, at most a few.
    const std::size_t skip = items->size() > kAlsoReportedListed + 1
                                 ? items->size() - kAlsoReportedListed
                                 : std::min<std::size_t>(1, items->size());
    for (std::size_t i = skip; i < items->size(); ++i) {
      const store::StoryItemRow& row = (*items)[i];
      alert.also_reported.push_back(
          {row.source, row.title, row.link, core::from_unix_seconds(row.item_time)});
    }
  }

  const std::int64_t created_ms = core::to_unix_millis(match.detected_at);
  auto alert_id = outbox.insert_alert(
      {alert.story_id, alert.followup_of, created_ms, alert::alert_to_json(alert)});
  if (!alert_id) return tl::unexpected(alert_id.error());
  alert.id = *alert_id;
  std::vector<std::string> outputs;
  {
    const std::lock_guard lock(routes_mutex_);
    outputs = alert::route_alert(alert, routes_);
  }
  for (const std::string& output : outputs) {
    auto enqueued = outbox.enqueue(*alert_id, output, created_ms, [&alert](std::int64_t id) {
      alert::DeliveryContext context;
      context.delivery_id = id;
      return alert::delivery_key(alert, context);
    });
    if (!enqueued) return tl::unexpected(enqueued.error());
  }
  std::optional<alert::Alert> observed;
  if (alert_observer_) observed = alert;
  db_.defer_until_commit(
      [this, story_id = alert.story_id, fingerprint, observed = std::move(observed)] {
        index_.add(story_id, fingerprint);
        if (committed_) committed_();
        if (observed) alert_observer_(*observed);
      });
  return {};
}

void OutboxSink::set_routes(std::vector<alert::Route> routes) {
  const std::lock_guard lock(routes_mutex_);
  routes_ = std::move(routes);
}

}  // namespace feedsentry::app
