#include "config/yaml_reader.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "config/env_substitution.h"
#include "config/suggestion.h"
#include "config/units.h"
#include "core/text.h"

namespace feedsentry::config {
namespace {

std::string join(std::initializer_list<std::string_view> names) {
  std::string list;
  for (const std::string_view name : names) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

std::string format_number(double value) {
  std::string text = std::to_string(value);
  while (text.ends_with('0')) text.pop_back();
  if (text.ends_with('.')) text.pop_back();
  return text;
}

}  // namespace

SourceLocation YamlReader::at(const YAML::Mark& mark) const {
  if (mark.is_null()) return {file_name_, 0, 0};
  return {file_name_, mark.line + 1, mark.column + 1};
}

SourceLocation YamlReader::at(const YAML::Node& node) const {
  return at(node.Mark());
}

void YamlReader::fail(const YAML::Node& node, const std::string& message) const {
  throw ConfigError(at(node), message);
}

std::string YamlReader::scalar(const YAML::Node& node, std::string_view what) const {
  if (!node.IsDefined() || node.IsNull()) fail(node, std::string(what) + ": needs a value");
  if (!node.IsScalar()) {
    fail(node, std::string(what) + ": must be a single value, not a list or mapping");
  }
  core::Result<std::string> substituted = substitute_env(node.Scalar());
  if (!substituted) fail(node, std::string(what) + ": " + substituted.error().message);
  return std::move(*substituted);
}

std::string YamlReader::scalar_keeping_unset(const YAML::Node& node, std::string_view what,
                                             std::vector<std::string>& unset,
                                             bool& from_environment) const {
  if (!node.IsDefined() || node.IsNull()) fail(node, std::string(what) + ": needs a value");
  if (!node.IsScalar()) {
    fail(node, std::string(what) + ": must be a single value, not a list or mapping");
  }
  auto substituted = substitute_env_keeping_unset(node.Scalar());
  if (!substituted) fail(node, std::string(what) + ": " + substituted.error().message);
  unset.insert(unset.end(), substituted->unset.begin(), substituted->unset.end());
  from_environment = substituted->from_environment;
  return std::move(substituted->text);
}

MapReader::MapReader(const YamlReader& yaml, const YAML::Node& map, std::string name,
                     std::initializer_list<std::string_view> known_keys)
    : yaml_(yaml), name_(std::move(name)), where_(yaml.at(map)) {
  if (!map.IsDefined() || map.IsNull()) return;
  if (!map.IsMap()) {
    yaml_.fail(map, name_.empty() ? "the config file must be a mapping of sections (feeds:, "
                                    "poll:, …)"
                                  : name_ + ": must be a mapping of key: value lines");
  }
  const std::string where = name_.empty() ? std::string(" at the top level") : " in " + name_;
  for (const auto& pair : map) {
    const YAML::Node& key_node = pair.first;
    if (!key_node.IsScalar()) yaml_.fail(key_node, "keys must be plain names" + where);
    const std::string key = key_node.Scalar();
    if (const Entry* first = find(key)) {
      yaml_.fail(key_node, "duplicate key '" + key + "'" + where + " (first at line " +
                               std::to_string(yaml_.at(first->key_node).line) + ")");
    }
    bool known = false;
    for (const std::string_view candidate : known_keys) known = known || candidate == key;
    if (!known) {
      const std::optional<std::string> suggestion = closest_match(key, known_keys);
      yaml_.fail(key_node, "unknown key '" + key + "'" + where +
                               (suggestion ? " (did you mean '" + *suggestion + "'?)"
                                           : " (known keys: " + join(known_keys) + ")"));
    }
    entries_.push_back({key, key_node, pair.second});
  }
}

const MapReader::Entry* MapReader::find(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

YAML::Node MapReader::value(std::string_view key) const {
  const Entry* entry = find(key);
  return entry ? entry->value : YAML::Node(YAML::NodeType::Undefined);
}

SourceLocation MapReader::at(std::string_view key) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return where_;
  // An empty value (`key:`) has no position of its own.
  const YAML::Mark mark = entry->value.Mark();
  return yaml_.at(mark.is_null() || entry->value.IsNull() ? entry->key_node.Mark() : mark);
}

std::string MapReader::qualified(std::string_view key) const {
  return name_.empty() ? std::string(key) : name_ + "." + std::string(key);
}

void MapReader::fail(std::string_view key, const std::string& message) const {
  throw ConfigError(at(key), qualified(key) + ": " + message);
}

void MapReader::fail_between(std::string_view preferred, std::string_view other,
                             const std::string& message) const {
  const std::string_view key = has(preferred) || !has(other) ? preferred : other;
  throw ConfigError(at(key), name_.empty() ? message : name_ + ": " + message);
}

std::string MapReader::text(const Entry& entry) const {
  if (entry.value.IsNull()) fail(entry.key, "needs a value");
  return yaml_.scalar(entry.value, qualified(entry.key));
}

void MapReader::fail_value(const Entry& entry, std::string_view expected) const {
  // The text as written, never the substituted value: that may hold a secret.
  fail(entry.key, "expected " + std::string(expected) + ", got '" + entry.value.Scalar() + "'");
}

bool MapReader::read_string(std::string_view key, std::string& out) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return false;
  std::string value = text(*entry);
  if (core::trim_ascii(value).empty()) fail(key, "must not be empty");
  out = std::move(value);
  return true;
}

bool MapReader::read_bool(std::string_view key, bool& out) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return false;
  const std::string value = core::to_lower_ascii(core::trim_ascii(text(*entry)));
  if (value != "true" && value != "false") fail_value(*entry, "true or false");
  out = value == "true";
  return true;
}

bool MapReader::read_int(std::string_view key, int& out, int min, int max) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return false;
  const std::string value(core::trim_ascii(text(*entry)));
  long long number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) {
    fail_value(*entry, "a whole number");
  }
  if (number < min || number > max) {
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                  std::to_string(number));
  }
  out = static_cast<int>(number);
  return true;
}

bool MapReader::read_number(std::string_view key, double& out, double min, double max) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return false;
  const std::string value(core::trim_ascii(text(*entry)));
  double number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(number)) {
    fail_value(*entry, "a number");
  }
  if (number < min || number > max) {
    fail(key,
         "must be between " + format_number(min) + " and " + format_number(max) + ", got " + value);
  }
  out = number;
  return true;
}

bool MapReader::read_duration(std::string_view key, core::Duration& out, core::Duration min) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return false;
  const std::optional<core::Duration> duration = parse_duration(text(*entry));
  if (!duration) fail_value(*entry, "a duration such as 500ms, 90s, 5m, 1h30m or 2d");
  if (*duration < min) fail(key, "must be at least " + format_duration(min));
  out = *duration;
  return true;
}

bool MapReader::read_size(std::string_view key, std::uint64_t& out, std::uint64_t min) const {
  const Entry* entry = find(key);
  if (entry == nullptr) return false;
  const std::optional<std::uint64_t> size = parse_size(text(*entry));
  if (!size) fail_value(*entry, "a size such as 1048576, 512KiB, 16MiB or 1GB");
  if (*size < min) fail(key, "must be at least " + format_size(min));
  out = *size;
  return true;
}

std::vector<YAML::Node> MapReader::read_list(std::string_view key) const {
  const Entry* entry = find(key);
  if (entry == nullptr || entry->value.IsNull()) return {};
  if (!entry->value.IsSequence()) fail(key, "must be a list (- item lines, or [a, b])");
  std::vector<YAML::Node> items(entry->value.begin(), entry->value.end());
  for (std::size_t i = 0; i < items.size(); ++i) {
    // An empty item's own position is that of the next token, so point at the list.
    if (items[i].IsNull()) fail(key, "entry " + std::to_string(i + 1) + " is empty");
  }
  return items;
}

bool MapReader::read_string_list(std::string_view key, std::vector<std::string>& out) const {
  if (!has(key)) return false;
  out.clear();
  for (const YAML::Node& item : read_list(key)) {
    std::string value = yaml_.scalar(item, qualified(key));
    if (core::trim_ascii(value).empty()) yaml_.fail(item, qualified(key) + ": empty entry");
    out.push_back(std::move(value));
  }
  return true;
}

}  // namespace feedsentry::config
