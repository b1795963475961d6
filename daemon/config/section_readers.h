#pragma once
// Internal to config/*.cpp: one reader per section of the config file. Each starts from
// the defaults in config.h, applies what the node sets, and checks the values against
// each other; problems throw ConfigError at file:line:col.
#include <filesystem>

#include "config/config.h"
#include "config/yaml_reader.h"

namespace feedsentry::config {

HttpConfig read_http_section(const YamlReader& yaml, const YAML::Node& node);
PollConfig read_poll_section(const YamlReader& yaml, const YAML::Node& node);
MetricsConfig read_metrics_section(const YamlReader& yaml, const YAML::Node& node);
StoriesConfig read_stories_section(const YamlReader& yaml, const YAML::Node& node);
// `base_dir` resolves a relative sdn_dir.
WatchlistConfig read_watchlist_section(const YamlReader& yaml, const YAML::Node& node,
                                       const std::filesystem::path& base_dir);

// A `feeds:` entry. `inherited` carries the poll:/http: values a feed does not override;
// `base_dir` resolves `path:`.
FeedConfig read_feed_entry(const YamlReader& yaml, const YAML::Node& node,
                           const FeedConfig& inherited, const std::filesystem::path& base_dir);

OutputConfig read_output_entry(const YamlReader& yaml, const YAML::Node& node,
                               const std::filesystem::path& base_dir);

}  // namespace feedsentry::config
