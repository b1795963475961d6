#include "app/classification_json.h"

#include <cmath>

namespace feedsentry::app {

nlohmann::json classification_to_json(std::string_view id, const classify::ItemText& item,
                                      const classify::Classification& result) {
  nlohmann::json topics = nlohmann::json::array();
  for (const classify::TopicMatch& topic : result.topics) {
    nlohmann::json hits = nlohmann::json::array();
    for (const classify::Evidence& hit : topic.hits) {
      const std::string_view text = item.field(hit.field);
      hits.push_back({{"lexicon", hit.lexicon},
                      {"term", hit.term},
                      {"field", classify::field_name(hit.field)},
                      {"begin", hit.begin},
                      {"end", hit.end},
                      {"text", hit.end <= text.size() ? text.substr(hit.begin, hit.end - hit.begin)
                                                      : std::string_view()}});
    }
    nlohmann::json entry = {{"id", topic.id},
                            {"title", topic.title},
                            {"score", std::round(topic.score * 1000) / 1000},
                            {"clauses", topic.clauses},
                            {"hits", std::move(hits)}};
    if (!topic.entities.empty()) {  // the watch-list topic: the SDN-listed parties named
      nlohmann::json entities = nlohmann::json::array();
      for (const classify::EntityHit& entity : topic.entities) {
        entities.push_back({{"sdn_number", entity.sdn_number},
                            {"name", entity.name},
                            {"type", entity.type},
                            {"programs", entity.programs},
                            {"matched_alias", entity.alias},
                            {"field", classify::field_name(entity.field)},
                            {"begin", entity.begin},
                            {"end", entity.end}});
      }
      entry["entities"] = std::move(entities);
    }
    topics.push_back(std::move(entry));
  }
  nlohmann::json attributes = nlohmann::json::object();
  for (const classify::Attribute& attribute : result.attributes) {
    attributes[attribute.kind].push_back(attribute.value);
  }
  return {{"id", id},
          {"topics", std::move(topics)},
          {"countries", result.countries},
          {"attributes", std::move(attributes)}};
}

}  // namespace feedsentry::app
