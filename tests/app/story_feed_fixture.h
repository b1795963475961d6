#pragma once
// For the story tests that run the daemon: labeled items (id, title, link, summary) served as
// RSS <item>s, and the time formats the feeds and `feedsentry stories` read.
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>

namespace feedsentry::testing {

inline std::string utc_format(std::chrono::system_clock::time_point time, const char* format) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, format, &utc);
  return text;
}

// "Tue, 08 Dec 2026 03:00:00 +0000", as RSS pubDate.
inline std::string rfc822(std::chrono::system_clock::time_point time) {
  return utc_format(time, "%a, %d %b %Y %H:%M:%S +0000");
}

// "2026-12-08T03:00:00Z", as the labeled files and `feedsentry stories` take it.
inline std::string rfc3339(std::chrono::system_clock::time_point time) {
  return utc_format(time, "%Y-%m-%dT%H:%M:%SZ");
}

inline std::string xml_escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

// One labeled item as an RSS <item>, published at `published`; its id is the guid.
inline std::string rss_item(const nlohmann::json& item,
                            std::chrono::system_clock::time_point published) {
  return "<item><guid>" + item.at("id").get<std::string>() + "</guid><title>" +
         xml_escaped(item.value("title", "")) + "</title><link>" +
         xml_escaped(item.value("link", "")) + "</link><description>" +
         xml_escaped(item.value("summary", "")) + "</description><pubDate>" + rfc822(published) +
         "</pubDate></item>";
}

}  // namespace feedsentry::testing
