#include "app/recent_alerts.h"

#include "alert/alert_json.h"
#include "core/time_format.h"
#include "store/outbox_store.h"

namespace feedsentry::app {

namespace {

std::string rfc3339(core::SystemTime time) {
  return core::format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(time));
}

}  // namespace

nlohmann::json alert_summary_json(const alert::Alert& alert) {
  nlohmann::json topics = nlohmann::json::array();
  for (const alert::TopicHit& topic : alert.topics) {
    topics.push_back({{"id", topic.id}, {"score", topic.score}});
  }
  nlohmann::json summary = {{"id", alert.id},
                            {"story_id", alert.story_id},
                            {"headline", alert.headline},
                            {"link", alert.link},
                            {"source", alert.source},
                            {"topics", std::move(topics)},
                            {"countries", alert.countries},
                            {"detected_at", rfc3339(alert.detected_at)}};
  summary["published"] = alert.published ? nlohmann::json(rfc3339(*alert.published)) : nullptr;
  summary["followup_of"] = alert.followup_of ? nlohmann::json(*alert.followup_of) : nullptr;
  return summary;
}

core::Result<void> RecentAlerts::load(store::Database& db) {
  auto rows = store::OutboxStore(db).recent_alerts(capacity_);
  if (!rows) return tl::unexpected(rows.error());
  const std::lock_guard lock(mutex_);
  alerts_.clear();
  for (const auto& [id, payload] : *rows) {
    auto alert = alert::alert_from_json(payload);
    if (!alert) continue;  // unreadable rows are reported by the dispatcher
    alert->id = id;
    alerts_.push_back(alert_summary_json(*alert));
  }
  return {};
}

void RecentAlerts::add(const alert::Alert& alert) {
  nlohmann::json summary = alert_summary_json(alert);
  const std::lock_guard lock(mutex_);
  alerts_.push_front(std::move(summary));
  while (alerts_.size() > capacity_) alerts_.pop_back();
}

nlohmann::json RecentAlerts::json() const {
  const std::lock_guard lock(mutex_);
  nlohmann::json array = nlohmann::json::array();
  for (const nlohmann::json& alert : alerts_) array.push_back(alert);
  return array;
}

}  // namespace feedsentry::app
