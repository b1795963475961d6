#include "classify/explain.h"

#include <algorithm>
#include <cstdio>

namespace feedsentry::classify {
namespace {

std::string format_score(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", score);
  return buffer;
}

}  // namespace

std::string highlight(std::string_view text, Field field, const std::vector<Evidence>& hits,
                      const ExplainStyle& style) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const Evidence& hit : hits) {
    if (hit.field == field && hit.begin < hit.end && hit.end <= text.size()) {
      spans.emplace_back(hit.begin, hit.end);
    }
  }
  std::sort(spans.begin(), spans.end());
  std::string out;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < spans.size();) {
    std::size_t begin = std::max(spans[i].first, pos);
    std::size_t end = spans[i].second;
    for (++i; i < spans.size() && spans[i].first <= end; ++i) end = std::max(end, spans[i].second);
    if (begin >= end) continue;
    out.append(text.substr(pos, begin - pos));
    out += style.open;
    out.append(text.substr(begin, end - begin));
    out += style.close;
    pos = end;
  }
  out.append(text.substr(pos));
  return out;
}

std::string render_explanation(const ItemText& item, const Classification& result,
                               const ExplainStyle& style) {
  std::string out;
  if (result.topics.empty()) return "  no topic matched\n";
  for (const TopicMatch& topic : result.topics) {
    out += "  " + topic.id + " " + format_score(topic.score) + "  (" + topic.title + ")\n";
    for (const std::string& clause : topic.clauses) out += "    fired: " + clause + "\n";
    for (const Evidence& hit : topic.hits) {
      const std::string_view text = item.field(hit.field);
      const std::string_view matched =
          hit.end <= text.size() ? text.substr(hit.begin, hit.end - hit.begin) : "";
      out += "    hit: " + hit.lexicon + " '" + hit.term + "' in " +
             std::string(field_name(hit.field)) + " [" + std::to_string(hit.begin) + ", " +
             std::to_string(hit.end) + ") \"" + std::string(matched) + "\"\n";
    }
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      const auto field = static_cast<Field>(f);
      const bool has_hit = std::any_of(topic.hits.begin(), topic.hits.end(),
                                       [&](const Evidence& hit) { return hit.field == field; });
      if (!has_hit) continue;
      out += "    " + std::string(field_name(field)) + ": " +
             highlight(item.field(field), field, topic.hits, style) + "\n";
    }
  }
  if (!result.countries.empty()) {
    out += "  countries:";
    for (const std::string& code : result.countries) out += " " + code;
    out += "\n";
  }
  if (!result.attributes.empty()) {
    out += "  attributes:";
    for (const Attribute& attribute : result.attributes) {
      out += " " + attribute.kind + "=" + attribute.value;
    }
    out += "\n";
  }
  return out;
}

}  // namespace feedsentry::classify
