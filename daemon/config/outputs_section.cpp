#include <algorithm>

#include "config/section_readers.h"

namespace feedsentry::config {
namespace {

bool is_type_name(std::string_view type) {
  return !type.empty() && std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// `settings:` is free-form: any keys, single values only. Its meaning belongs to the sink.
std::map<std::string, std::string> read_settings(const YamlReader& yaml, const YAML::Node& node) {
  std::map<std::string, std::string> settings;
  if (!node.IsDefined() || node.IsNull()) return settings;
  if (!node.IsMap()) yaml.fail(node, "output.settings: must be a mapping of key: value lines");
  for (const auto& pair : node) {
    if (!pair.first.IsScalar() || pair.first.Scalar().empty()) {
      yaml.fail(pair.first, "output.settings: keys must be plain names");
    }
    const std::string key = pair.first.Scalar();
    if (settings.contains(key)) {
      yaml.fail(pair.first, "duplicate key '" + key + "' in output.settings");
    }
    if (pair.second.IsNull()) yaml.fail(pair.first, "output.settings." + key + ": needs a value");
    settings[key] = yaml.scalar(pair.second, "output.settings." + key);
  }
  return settings;
}

}  // namespace

OutputConfig read_output_entry(const YamlReader& yaml, const YAML::Node& node,
                               const std::filesystem::path& base_dir) {
  if (!node.IsMap()) yaml.fail(node, "outputs: each entry must be a mapping with type:");
  const MapReader map(yaml, node, "output", {"name", "type", "topics", "settings"});
  OutputConfig output;
  output.origin = yaml.at(node);
  output.base_dir = base_dir;
  if (!map.read_string("type", output.type)) yaml.fail(node, "output: needs type:");
  if (!is_type_name(output.type)) {
    map.fail("type", "expected a sink type such as file, slack or webhook (lower case), got '" +
                         map.value("type").Scalar() + "'");
  }
  if (!map.read_string("name", output.name)) output.name = output.type;
  map.read_string_list("topics", output.topics);
  output.settings = read_settings(yaml, map.value("settings"));
  return output;
}

}  // namespace feedsentry::config
