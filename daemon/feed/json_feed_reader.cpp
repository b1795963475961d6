#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/url.h"
#include "feed/dates.h"
#include "feed/format_parsers.h"
#include "feed/html_text.h"
#include "feed/text_construct.h"

namespace feedsentry::feed {
namespace {

using nlohmann::json;

std::string string_member(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());
  return {};
}

std::string author_name(const json& item) {
  const auto authors = item.find("authors");
  if (authors != item.end() && authors->is_array()) {
    for (const json& author : *authors) {
      if (author.is_object()) {
        std::string name = string_member(author, "name");
        if (!name.empty()) return name;
      }
    }
  }
  const auto author = item.find("author");
  if (author != item.end() && author->is_object()) return string_member(*author, "name");
  return {};
}

Item read_item(const json& object, std::string_view base_url) {
  Item item;
  item.guid = std::string(core::trim_ascii(string_member(object, "id")));
  item.title = collapse_whitespace(string_member(object, "title"));
  std::string url = string_member(object, "url");
  if (url.empty()) url = string_member(object, "external_url");
  if (!url.empty()) item.link = core::resolve_url(base_url, url);
  const std::string summary = string_member(object, "summary");
  if (!summary.empty()) item.summary = text_from_plain(summary);
  const std::string content_html = string_member(object, "content_html");
  if (!content_html.empty()) {
    item.content = text_from_html(content_html);
  } else {
    item.content = text_from_plain(string_member(object, "content_text"));
  }
  item.published = parse_date(string_member(object, "date_published"));
  item.updated = parse_date(string_member(object, "date_modified"));
  item.author = collapse_whitespace(author_name(object));
  if (const auto tags = object.find("tags"); tags != object.end() && tags->is_array()) {
    for (const json& tag : *tags) {
      if (tag.is_string()) item.categories.push_back(collapse_whitespace(tag.get<std::string>()));
    }
  }
  return item;
}

}  // namespace

bool read_json_feed(std::string_view utf8, std::string_view base_url, Feed& feed,
                    std::string& error) {
  const json document = json::parse(utf8.begin(), utf8.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    error = "not a JSON object";
    return false;
  }
  feed.format = FeedFormat::kJsonFeed;
  feed.title = collapse_whitespace(string_member(document, "title"));
  feed.link = string_member(document, "home_page_url");
  feed.language = string_member(document, "language");
  if (!string_member(document, "version").starts_with("https://jsonfeed.org/version/")) {
    error = "JSON document without a JSON Feed version";
  }
  const auto items = document.find("items");
  if (items == document.end() || !items->is_array()) {
    if (error.empty()) error = "JSON Feed without an items array";
    return true;
  }
  for (const json& object : *items) {
    if (object.is_object()) feed.items.push_back(read_item(object, base_url));
  }
  return true;
}

}  // namespace feedsentry::feed
