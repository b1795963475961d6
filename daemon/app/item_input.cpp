#include "app/item_input.h"

#include <nlohmann/json.hpp>

#include "feed/text_construct.h"

namespace feedsentry::app {
namespace {

using nlohmann::json;

std::string string_field(const json& object, std::string_view key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return {};
  return found->get<std::string>();
}

// Parse output already carries text; raw feed dumps often carry HTML.
std::string as_text(std::string value) {
  if (!feed::looks_like_html(value)) return value;
  return feed::text_from_html(std::move(value)).text;
}

InputItem item_from_json(const json& object, std::size_t position) {
  InputItem item;
  item.id = string_field(object, "id");
  if (item.id.empty()) item.id = string_field(object, "key");
  if (item.id.empty()) item.id = string_field(object, "link");
  if (item.id.empty()) item.id = std::string(1, '#').append(std::to_string(position));
  item.title = as_text(string_field(object, "title"));
  item.summary = as_text(string_field(object, "summary"));
  if (item.summary.empty()) item.summary = as_text(string_field(object, "description"));
  item.content = as_text(string_field(object, "content"));
  if (item.content == item.summary) item.content.clear();  // same text: count it once
  if (const auto labels = object.find("labels"); labels != object.end() && labels->is_array()) {
    for (const json& label : *labels) {
      if (label.is_string()) item.labels.push_back(label.get<std::string>());
    }
  }
  return item;
}

}  // namespace

std::string parse_item_line(std::string_view line, std::vector<InputItem>& items) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return {};
  json object;
  try {
    object = json::parse(line);
  } catch (const json::parse_error& error) {
    return std::string("not valid JSON: ") + error.what();
  }
  if (!object.is_object()) return "expected a JSON object";
  if (const auto entries = object.find("entries"); entries != object.end()) {
    if (!entries->is_array()) return "\"entries\" must be an array";
    for (const json& entry : *entries) {
      if (entry.is_object()) items.push_back(item_from_json(entry, items.size() + 1));
    }
    return {};
  }
  items.push_back(item_from_json(object, 1));
  return {};
}

}  // namespace feedsentry::app
