#include "config/load.h"

#include <fstream>
#include <map>
#include <sstream>

#include "config/feed_url.h"
#include "config/opml.h"
#include "config/section_readers.h"
#include "config/suggestion.h"
#include "config/yaml_reader.h"

namespace feedsentry::config {
namespace {

class ConfigReader {
 public:
  ConfigReader(const YamlReader& yaml, std::filesystem::path base_dir)
      : yaml_(yaml),
        base_dir_(std::move(base_dir)),
        display_dir_(std::filesystem::path(yaml.file_name()).parent_path()) {}

  Config read(const YAML::Node& root) const {
    const MapReader map(yaml_, root, "",
                        {"state_dir", "log", "log_level", "http", "poll", "rules", "feeds", "opml",
                         "outputs", "metrics", "watchlist", "stories"});
    Config config;
    if (std::string state_dir; map.read_string("state_dir", state_dir)) {
      config.state_dir = resolve(state_dir);
    }
    read_logging(map, config);
    config.http = read_http_section(yaml_, map.value("http"));
    config.poll = read_poll_section(yaml_, map.value("poll"));
    config.metrics = read_metrics_section(yaml_, map.value("metrics"));
    config.stories = read_stories_section(yaml_, map.value("stories"));
    config.rules = read_rules(map);
    config.feeds = read_feeds(map, inherited_feed_values(config));
    config.outputs = read_outputs(map);
    if (map.has("watchlist")) {
      config.watchlist = read_watchlist_section(yaml_, map.value("watchlist"), base_dir_);
    }
    return config;
  }

 private:
  // Relative paths are relative to the config file, so a config works from any cwd.
  std::filesystem::path resolve(const std::string& path) const {
    return (base_dir_ / path).lexically_normal();
  }

  // `log: {level, format}`; `log_level:` is the older spelling of log.level.
  void read_logging(const MapReader& map, Config& config) const {
    if (map.has("log") && map.has("log_level")) {
      map.fail("log_level", "give the level once, as log.level (log_level is its older spelling)");
    }
    if (!map.has("log")) {
      read_log_level(map, "log_level", config.log_level);
      return;
    }
    const MapReader log(yaml_, map.value("log"), "log", {"level", "format"});
    read_log_level(log, "level", config.log_level);
    if (std::string format; log.read_string("format", format)) {
      if (format == "text") {
        config.log_format = LogFormat::kText;
      } else if (format == "json") {
        config.log_format = LogFormat::kJson;
      } else {
        log.fail("format", "expected text or json, got '" + format + "'");
      }
    }
  }

  void read_log_level(const MapReader& map, std::string_view key, LogLevel& level) const {
    std::string name;
    if (!map.read_string(key, name)) return;
    for (const LogLevel candidate : {LogLevel::kTrace, LogLevel::kDebug, LogLevel::kInfo,
                                     LogLevel::kWarn, LogLevel::kError, LogLevel::kOff}) {
      if (log_level_name(candidate) == name) {
        level = candidate;
        return;
      }
    }
    if (name == "warning") {  // spdlog's own spelling
      level = LogLevel::kWarn;
      return;
    }
    const std::optional<std::string> suggestion =
        closest_match(name, {"trace", "debug", "info", "warn", "error", "off"});
    map.fail(key, "expected trace, debug, info, warn, error or off, got '" +
                      map.value(key).Scalar() + "'" +
                      (suggestion ? " (did you mean '" + *suggestion + "'?)" : ""));
  }

  std::vector<RuleFile> read_rules(const MapReader& map) const {
    if (!map.has("rules")) {
      return {{resolve(std::string(kDefaultRuleFile)), {yaml_.file_name(), 0, 0}}};
    }
    std::vector<RuleFile> rules;
    for (const YAML::Node& item : map.read_list("rules")) {
      rules.push_back({resolve(yaml_.scalar(item, "rules")), yaml_.at(item)});
    }
    if (rules.empty()) map.fail("rules", "needs at least one rule file");
    return rules;
  }

  static FeedConfig inherited_feed_values(const Config& config) {
    FeedConfig feed;
    feed.interval = config.poll.interval;
    feed.backfill = config.poll.backfill;
    feed.max_body = config.http.max_body;
    feed.user_agent = config.http.user_agent;
    feed.verify_tls = config.http.verify_tls;
    return feed;
  }

  std::vector<FeedConfig> read_feeds(const MapReader& map, const FeedConfig& inherited) const {
    std::vector<FeedConfig> feeds;
    for (const YAML::Node& item : map.read_list("feeds")) {
      feeds.push_back(read_feed_entry(yaml_, item, inherited, base_dir_));
    }
    for (const YAML::Node& item : map.read_list("opml")) {
      for (FeedConfig& feed : read_opml_entry(item, inherited)) feeds.push_back(std::move(feed));
    }
    // Checked over both sources: the same feed in feeds: and in an OPML file is a mistake.
    std::map<std::string, const FeedConfig*> seen;
    for (const FeedConfig& feed : feeds) {
      const auto [first, inserted] = seen.emplace(feed_url_key(feed.url), &feed);
      if (!inserted) {
        throw ConfigError(feed.origin, "duplicate feed: the same URL is already configured at " +
                                           first->second->origin.to_string());
      }
    }
    return feeds;
  }

  std::vector<FeedConfig> read_opml_entry(const YAML::Node& item,
                                          const FeedConfig& inherited) const {
    const std::string written = yaml_.scalar(item, "opml");
    const std::filesystem::path path = resolve(written);
    std::error_code error;
    std::ifstream file(path, std::ios::binary);
    if (!file || std::filesystem::is_directory(path, error)) {
      yaml_.fail(item, "opml: cannot read OPML file " + path.string());
    }
    std::ostringstream text;
    text << file.rdbuf();
    // Errors inside the OPML file name it as the user would find it from here.
    const std::filesystem::path shown = std::filesystem::path(written).is_absolute()
                                            ? std::filesystem::path(written)
                                            : (display_dir_ / written).lexically_normal();
    return parse_opml(text.str(), shown.string(), inherited);
  }

  std::vector<OutputConfig> read_outputs(const MapReader& map) const {
    std::vector<OutputConfig> outputs;
    for (const YAML::Node& item : map.read_list("outputs")) {
      OutputConfig output = read_output_entry(yaml_, item, base_dir_);
      for (const OutputConfig& earlier : outputs) {
        if (earlier.name == output.name) {
          throw ConfigError(output.origin, "duplicate output name '" + output.name +
                                               "' (first at " + earlier.origin.to_string() +
                                               "); give each output its own name, e.g. `name: " +
                                               output.name + "-2` on this one");
        }
      }
      outputs.push_back(std::move(output));
    }
    return outputs;
  }

  const YamlReader& yaml_;
  std::filesystem::path base_dir_;
  std::filesystem::path display_dir_;
};

}  // namespace

Config load_config_text(std::string_view yaml, std::string_view file_name,
                        const std::filesystem::path& base_dir) {
  const YamlReader reader{std::string(file_name)};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& error) {
    throw ConfigError(reader.at(error.mark), "YAML syntax: " + error.msg);
  }
  return ConfigReader(reader, std::filesystem::absolute(base_dir).lexically_normal()).read(root);
}

Config load_config(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    throw ConfigError({path, 0, 0}, "config file does not exist");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file || std::filesystem::is_directory(path, error)) {
    throw ConfigError({path, 0, 0}, "cannot read config file");
  }
  std::ostringstream text;
  text << file.rdbuf();
  return load_config_text(text.str(), path,
                          std::filesystem::absolute(path).lexically_normal().parent_path());
}

}  // namespace feedsentry::config
