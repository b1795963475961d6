#include <algorithm>

#include "config/section_readers.h"

namespace feedsentry::config {
namespace {

bool is_type_name(std::string_view type) {
  return !type.empty() && std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// `settings:` is free-form: its meaning belongs to the sink. Values are single values, except
// `headers:`, a mapping of HTTP header names to values, flattened to `headers.<Name>` keys.
void read_settings(const YamlReader& yaml, const YAML::Node& node, OutputConfig& output) {
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsMap()) yaml.fail(node, "output.settings: must be a mapping of key: value lines");
  const auto put = [&](const YAML::Node& key_node, const std::string& key,
                       const YAML::Node& value_node) {
    if (output.settings.contains(key)) {
      yaml.fail(key_node, "duplicate key '" + key + "' in output.settings");
    }
    if (value_node.IsNull()) yaml.fail(key_node, "output.settings." + key + ": needs a value");
    // Settings hold the secrets (webhook URLs, tokens), and only delivering needs them: an
    // unset variable is recorded for make_outputs() to judge, so `outbox list` or `watchlist`
    // run without the delivery secrets in their environment.
    std::vector<std::string> unset;
    bool from_environment = false;
    output.settings[key] =
        yaml.scalar_keeping_unset(value_node, "output.settings." + key, unset, from_environment);
    if (!unset.empty()) output.unset_variables[key] = std::move(unset);
    if (from_environment) output.settings_from_environment.insert(key);
    output.settings_origin[key] = yaml.at(key_node);
  };
  for (const auto& pair : node) {
    if (!pair.first.IsScalar() || pair.first.Scalar().empty()) {
      yaml.fail(pair.first, "output.settings: keys must be plain names");
    }
    const std::string key = pair.first.Scalar();
    if (key == "headers" && pair.second.IsMap()) {
      for (const auto& header : pair.second) {
        if (!header.first.IsScalar() || header.first.Scalar().empty()) {
          yaml.fail(header.first, "output.settings.headers: header names must be plain names");
        }
        put(header.first, "headers." + header.first.Scalar(), header.second);
      }
      continue;
    }
    put(pair.first, key, pair.second);
  }
}

}  // namespace

OutputConfig read_output_entry(const YamlReader& yaml, const YAML::Node& node,
                               const std::filesystem::path& base_dir) {
  if (!node.IsMap()) yaml.fail(node, "outputs: each entry must be a mapping with type:");
  const MapReader map(
      yaml, node, "output",
      {"name", "type", "topics", "min_score", "tags", "enabled", "max_age", "settings"});
  OutputConfig output;
  output.origin = yaml.at(node);
  output.base_dir = base_dir;
  if (!map.read_string("type", output.type)) yaml.fail(node, "output: needs type:");
  output.type_origin = yaml.at(map.value("type"));
  if (!is_type_name(output.type)) {
    map.fail("type", "expected a sink type such as file, slack or webhook (lower case), got '" +
                         map.value("type").Scalar() + "'");
  }
  if (!map.read_string("name", output.name)) output.name = output.type;
  map.read_string_list("topics", output.topics);
  map.read_number("min_score", output.min_score, 0.0, 1.0);
  map.read_string_list("tags", output.tags);
  map.read_bool("enabled", output.enabled);
  map.read_duration("max_age", output.max_age, std::chrono::minutes(1));
  read_settings(yaml, map.value("settings"), output);
  return output;
}

}  // namespace feedsentry::config
