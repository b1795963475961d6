#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "app/commands.h"
#include "app/rules_location.h"
#include "classify/classifier.h"
#include "core/time_format.h"
#include "feed/dates.h"
#include "feed/text_construct.h"
#include "story/event_attributes.h"
#include "story/story_grouper.h"

namespace feedsentry::app {
namespace {

using nlohmann::json;

constexpr std::string_view kStoriesUsage =
    R"(Usage: feedsentry stories [--rules FILE]... [--explain] [FILE.jsonl]

Groups items into stories with the daemon's own decision (story::StoryGrouper), in input
order: each item is classified with the rules, its event attributes read (who acted, class,
platform, outcome, parties, package number, event day), and it becomes a copy of a story
(same link, near-identical text, or the same event), a new story related to one, or a new
story. Prints one line per item:
  {"id": ..., "story": ..., "decision": "new" | "copy" | "related", "reason": ...}
Items with the same story id are one story; a story's id is the id of its first item.
Reads standard input when no file is given.

Options:
  --rules FILE   Rule file (repeatable). Default: the shipped rules, as for classify.
  --explain      Instead of JSON, print for each item its attributes and why it joined its
                 story or why not: the rule, the similarity, what agreed or conflicted.

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

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) out += (out.empty() ? "" : ",") + value;
  return out;
}

std::string describe_attributes(const story::EventAttributes& attributes) {
  std::string out;
  const auto add = [&out](std::string_view key, const std::string& value) {
    if (!value.empty()) out += (out.empty() ? "" : " ") + std::string(key) + "=" + value;
  };
  add("topics", joined(attributes.topics));
  add("actor", joined(attributes.actors));
  add("target", joined(attributes.targets));
  add("class", joined(attributes.classes));
  add("platform", joined(attributes.platforms));
  add("outcome", joined(attributes.outcomes));
  add("party", joined(attributes.parties));
  std::string ordinals;
  for (const std::uint32_t ordinal : attributes.ordinals) {
    ordinals += (ordinals.empty() ? "" : ",") + std::to_string(ordinal);
  }
  add("package", ordinals);
  if (attributes.event_day) {
    const std::chrono::sys_seconds day{std::chrono::days(*attributes.event_day)};
    add("day", core::format_rfc3339(day).substr(0, 10));
  }
  return out.empty() ? "(none: no topic matched)" : out;
}

std::string_view decision_name(story::StoryDecision::Kind kind) {
  switch (kind) {
    case story::StoryDecision::Kind::kNew:
      return "new";
    case story::StoryDecision::Kind::kCopy:
      return "copy";
    case story::StoryDecision::Kind::kRelated:
      return "related";
  }
  return "?";
}

struct StoriesOptions {
  std::vector<std::string> rules;
  bool explain = false;
  std::string path;
};

int group_stories(std::istream& input, const std::string& name,
                  const classify::Classifier& classifier, bool explain) {
  story::StoryGrouper grouper;
  classify::Workspace workspace;
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
    const classify::Classification classification =
        classifier.classify({item.title, item.summary, {}}, workspace);
    item.attributes =
        story::event_attributes(classification, item.title, item.summary, story::item_time(item));
    const story::StoryGrouper::Assignment assigned = grouper.assign(item);
    if (!latest || item.seen_at > *latest) latest = item.seen_at;
    if (explain) {
      std::cout << item.id << "  " << item.title
                << "\n  attributes: " << describe_attributes(item.attributes) << "\n  "
                << assigned.decision.describe() << "\n";
      continue;
    }
    nlohmann::ordered_json out{{"id", item.id},
                               {"story", assigned.story_id},
                               {"decision", decision_name(assigned.decision.kind)}};
    if (assigned.decision.kind != story::StoryDecision::Kind::kNew) {
      out["reason"] = assigned.decision.describe();
    }
    std::cout << out.dump() << "\n";
  }
  return malformed == 0 ? 0 : 1;
}

}  // namespace

int run_stories_command(std::span<const std::string_view> arguments) {
  StoriesOptions options;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    if (argument == "-h" || argument == "--help") {
      std::cout << kStoriesUsage;
      return 0;
    }
    if (argument == "--rules" && i + 1 < arguments.size()) {
      options.rules.emplace_back(arguments[++i]);
      continue;
    }
    if (argument == "--explain") {
      options.explain = true;
      continue;
    }
    if (!options.path.empty() || (argument.starts_with("-") && argument != "-")) {
      std::cerr << "feedsentry stories: unexpected argument '" << argument << "'\n"
                << kStoriesUsage;
      return 2;
    }
    options.path = std::string(argument);
  }
  classify::Classifier classifier;
  if (!load_classifier(options.rules, "stories", classifier)) return 1;
  if (options.path.empty() || options.path == "-") {
    return group_stories(std::cin, "<stdin>", classifier, options.explain);
  }
  std::ifstream file(options.path, std::ios::binary);
  if (!file) {
    std::cerr << "feedsentry stories: cannot read " << options.path << "\n";
    return 1;
  }
  return group_stories(file, options.path, classifier, options.explain);
}

}  // namespace feedsentry::app
