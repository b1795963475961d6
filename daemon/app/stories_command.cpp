#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "app/commands.h"
#include "feed/dates.h"
#include "feed/text_construct.h"
#include "story/story_grouper.h"

namespace feedsentry::app {
namespace {

using nlohmann::json;

constexpr std::string_view kStoriesUsage = R"(Usage: feedsentry stories [FILE.jsonl]

Groups items into stories with the daemon's own grouping code, in input order, and prints
one line per item: {"id": ..., "story": ...}. Items with the same story id are one story;
a story's id is the id of its first item. Reads standard input when no file is given.

Input, one JSON object per line:
  id         required, non-empty string
  title, summary, link, feed   strings (optional)
  published  RFC 3339 time (optional); seen_at likewise (default: published, else the
             latest time seen so far)
Exit status: 0 ok, 1 bad input line(s) (reported as NAME:LINE: message) or unreadable
file, 2 usage error.
)";

struct ParsedLine {
  story::StoryItem item;
  bool has_seen_at = false;
};

// Returns an error message, or empty on success.
std::string optional_string(const json& object, std::string_view key, std::string& out) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return {};
  if (!found->is_string()) return "\"" + std::string(key) + "\" must be a string";
  out = found->get<std::string>();
  return {};
}

std::string optional_time(const json& object, std::string_view key,
                          std::optional<core::SystemTime>& out) {
  std::string text;
  if (std::string error = optional_string(object, key, text); !error.empty()) return error;
  if (text.empty()) return {};
  const auto parsed = feed::parse_iso8601_date(text);
  if (!parsed) return "\"" + std::string(key) + "\" is not an RFC 3339 time: " + text;
  out = core::SystemTime(*parsed);
  return {};
}

std::string as_text(std::string value) {
  if (!feed::looks_like_html(value)) return value;
  return feed::text_from_html(std::move(value)).text;
}

std::string parse_line(std::string_view line, ParsedLine& parsed) {
  json object;
  try {
    object = json::parse(line);
  } catch (const json::parse_error& error) {
    return std::string("not valid JSON: ") + error.what();
  }
  if (!object.is_object()) return "expected a JSON object";
  story::StoryItem& item = parsed.item;
  for (const auto& [key, field] : {std::pair<std::string_view, std::string*>{"id", &item.id},
                                   {"feed", &item.feed},
                                   {"title", &item.title},
                                   {"summary", &item.summary},
                                   {"link", &item.link}}) {
    if (std::string error = optional_string(object, key, *field); !error.empty()) return error;
  }
  if (item.id.empty()) return "missing \"id\"";
  item.title = as_text(std::move(item.title));
  item.summary = as_text(std::move(item.summary));
  if (std::string error = optional_time(object, "published", item.published); !error.empty()) {
    return error;
  }
  std::optional<core::SystemTime> seen_at;
  if (std::string error = optional_time(object, "seen_at", seen_at); !error.empty()) return error;
  parsed.has_seen_at = seen_at.has_value();
  if (seen_at) item.seen_at = *seen_at;
  return {};
}

int group_stories(std::istream& input, const std::string& name) {
  story::StoryGrouper grouper;
  std::optional<core::SystemTime> latest;
  std::size_t malformed = 0;
  std::string line;
  for (std::size_t number = 1; std::getline(input, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ParsedLine parsed;
    if (const std::string error = parse_line(line, parsed); !error.empty()) {
      std::cerr << name << ":" << number << ": " << error << "\n";
      ++malformed;
      continue;
    }
    story::StoryItem& item = parsed.item;
    // Without a fetch time, an item is taken to arrive when it was published, or with the
    // item before it.
    if (!parsed.has_seen_at) {
      item.seen_at = item.published.value_or(latest.value_or(core::SystemTime{}));
    }
    const std::string story_id = grouper.assign(item);
    const core::SystemTime time = story::item_time(item);
    if (!latest || time > *latest) latest = time;
    std::cout << json{{"id", item.id}, {"story", story_id}}.dump() << "\n";
  }
  return malformed == 0 ? 0 : 1;
}

}  // namespace

int run_stories_command(std::span<const std::string_view> arguments) {
  std::string path;
  for (const std::string_view argument : arguments) {
    if (argument == "-h" || argument == "--help") {
      std::cout << kStoriesUsage;
      return 0;
    }
    if (!path.empty() || (argument.starts_with("-") && argument != "-")) {
      std::cerr << "feedsentry stories: unexpected argument '" << argument << "'\n"
                << kStoriesUsage;
      return 2;
    }
    path = std::string(argument);
  }
  if (path.empty() || path == "-") return group_stories(std::cin, "<stdin>");
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::cerr << "feedsentry stories: cannot read " << path << "\n";
    return 1;
  }
  return group_stories(file, path);
}

}  // namespace feedsentry::app
