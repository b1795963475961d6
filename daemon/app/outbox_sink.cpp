#include "app/outbox_sink.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "alert/alert_json.h"
#include "alert/render.h"
#include "app/alert_builder.h"
#include "core/text.h"
#include "store/outbox_store.h"
#include "store/story_store.h"
#include "story/event_attributes.h"
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
  item.attributes = story::event_attributes(match.classification, item.title, item.summary,
                                            story::item_time(item));
  return item;
}

std::string topic_list(const classify::Classification& classification) {
  std::string topics;
  for (const classify::TopicMatch& topic : classification.topics) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", topic.score);
    topics += (topics.empty() ? "" : ", ") + topic.id + " " + score;
  }
  return topics;
}

std::string output_list(const std::vector<std::string>& outputs) {
  if (outputs.empty()) return "no output (no route takes it)";
  std::string list;
  for (const std::string& output : outputs) list += (list.empty() ? "" : ", ") + output;
  return list;
}

}  // namespace

OutboxSink::OutboxSink(store::Database& db, std::vector<alert::Route> routes,
                       std::function<void()> committed, story::GroupingOptions grouping)
    : db_(db),
      routes_(std::move(routes)),
      committed_(std::move(committed)),
      grouping_(grouping),
      grouper_(grouping) {}

core::Result<void> OutboxSink::load_stories(core::SystemTime now) {
  const auto since = core::to_unix_seconds(now - 2 * grouping_.window);
  auto rows = store::StoryStore(db_).recent(since);
  if (!rows) return tl::unexpected(rows.error());
  for (const store::StoryItemRow& row : *rows) {
    if (auto fingerprint = story::decode(row.fingerprint)) {
      grouper_.remember(row.story_id, *fingerprint);
    }
  }
  grouper_.expire(now);
  return {};
}

std::string OutboxSink::new_story_id(const poll::Match& match) const {
  return "st_" + core::to_hex(core::stable_hash(match.feed_id + "\n" + match.item.key));
}

core::Result<void> OutboxSink::accept(const poll::Match& match) {
  alert::Alert alert = build_alert(match);
  const story::StoryItem item = story_item(match, alert);
  const story::Fingerprint fingerprint = story::fingerprint(item);
  story::StoryDecision decision = grouper_.decide(fingerprint, match.detected_at);
  store::StoryStore stories(db_);
  store::OutboxStore outbox(db_);
  std::optional<std::int64_t> first_alert;
  if (decision.kind == story::StoryDecision::Kind::kCopy) {
    auto first = stories.first_alert(decision.story_id);
    if (!first) return tl::unexpected(first.error());
    first_alert = *first;
    if (!first_alert) {
      // The story's first alert was purged long ago: this report alerts afresh.
      decision = story::StoryDecision{};
    }
  }
  alert.story_id = story::story_of(decision, new_story_id(match));

  const store::StoryItemRow story_row{match.feed_id,
                                      match.item.key,
                                      alert.story_id,
                                      core::to_unix_seconds(fingerprint.time),
                                      story::encode(fingerprint),
                                      alert.source,
                                      alert.headline,
                                      alert.link,
                                      decision.describe(),
                                      core::to_unix_millis(match.detected_at)};
  if (auto added = stories.add(story_row); !added) return tl::unexpected(added.error());
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
  // One line per match says what the story grouping decided and where the alert went, so
  // an operator can follow every item (and see what was folded into what, and why).
  spdlog::info(
      "match [{}] '{}' — {} <{}>: {}; {}", topic_list(match.classification), match.feed_name,
      match.item.title, match.item.link, decision.describe(),
      first_alert ? "follow-up for " + output_list(outputs) : "queued for " + output_list(outputs));
  std::optional<alert::Alert> observed;
  if (alert_observer_) observed = alert;
  std::optional<store::StoryItemRow> story_observed;
  if (story_observer_) story_observed = story_row;
  db_.defer_until_commit([this, story_id = alert.story_id, fingerprint,
                          observed = std::move(observed),
                          story_observed = std::move(story_observed)] {
    grouper_.remember(story_id, fingerprint);
    if (committed_) committed_();
    if (observed) alert_observer_(*observed);
    if (story_observed) story_observer_(*story_observed);
  });
  return {};
}

void OutboxSink::set_routes(std::vector<alert::Route> routes) {
  const std::lock_guard lock(routes_mutex_);
  routes_ = std::move(routes);
}

}  // namespace feedsentry::app
