#pragma once
// The daemon's configuration as typed values. Every default is written here, once, as an
// in-struct initializer; the loader (config/load.h) only overrides what the file sets.
// Paths are absolute (relative ones in the file resolve against the config file's
// directory). app/ hands each module its own section; modules never include config/.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.h"
#include "core/clock.h"
#include "feedsentry/version.h"

namespace feedsentry::config {

inline constexpr std::uint64_t kKiB = 1024;
inline constexpr std::uint64_t kMiB = 1024 * kKiB;

inline std::string default_user_agent() {
  return std::string("feedsentry/") + kVersion + " (+https://github.com/feedsentry/feedsentry)";
}

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };
enum class LogFormat { kText, kJson };

// The spelling used in the config file: "trace", "debug", "info", "warn", "error", "off".
std::string_view log_level_name(LogLevel level);

// `http:` — limits and politeness for every transfer (feeds and webhooks).
struct HttpConfig {
  std::string user_agent = default_user_agent();
  core::Duration connect_timeout = std::chrono::seconds(10);
  core::Duration total_timeout = std::chrono::seconds(30);
  // A transfer slower than low_speed_limit bytes/s for low_speed_time is aborted; 0 disables.
  std::uint64_t low_speed_limit = 1024;
  core::Duration low_speed_time = std::chrono::seconds(15);
  std::uint64_t max_body = 16 * kMiB;          // bytes on the wire
  std::uint64_t max_decompressed = 64 * kMiB;  // bytes after gzip/deflate/br
  int max_redirects = 5;
  bool verify_tls = true;
  int max_concurrency = 64;      // transfers in flight, all hosts
  int per_host_concurrency = 2;  // transfers in flight to one host
  // Between the starts of two requests to one host.
  core::Duration per_host_min_gap = std::chrono::seconds(1);
};

// `poll:` — when feeds are fetched and how failures back off.
struct PollConfig {
  core::Duration interval = std::chrono::minutes(5);
  // Each wait is interval * (1 ± jitter), so feeds added together do not poll together.
  double jitter = 0.10;
  // Upper bound for server hints (<ttl>, Cache-Control max-age) that lengthen the interval.
  core::Duration max_interval = std::chrono::hours(6);
  // Retry delay after a failure: backoff_base, doubling per failure up to backoff_cap.
  core::Duration backoff_base = std::chrono::minutes(1);
  core::Duration backoff_cap = std::chrono::hours(6);
  // A feed failing for this long is reported as degraded (log, metrics).
  core::Duration degraded_after = std::chrono::hours(1);
  // On a feed's first fetch, items older than this are recorded as seen, not alerted.
  core::Duration backfill = std::chrono::hours(6);
  // Seen items that have been absent from their feed this long are forgotten.
  core::Duration prune_after = std::chrono::days(90);
  // First polls after start-up are spread over this; the loader keeps it equal to
  // `interval` unless the file sets it.
  core::Duration startup_spread = interval;
  int parse_threads = 2;
};

// One `feeds:` entry or OPML outline. The per-feed values are effective values: the
// feed's own setting if it has one, else the poll:/http: section's.
struct FeedConfig {
  std::string url;   // http(s)://… or file:///absolute/path (`path:` entries become file URLs)
  std::string name;  // default: the URL's host, or the file name
  std::vector<std::string> tags;
  bool enabled = true;
  core::Duration interval = PollConfig{}.interval;
  core::Duration backfill = PollConfig{}.backfill;
  std::uint64_t max_body = HttpConfig{}.max_body;
  std::string user_agent = HttpConfig{}.user_agent;
  bool verify_tls = HttpConfig{}.verify_tls;
  // The url: value was (partly) a ${ENV} substitution: keeping it out of the YAML marks it
  // secret, so it is shown as scheme and host only (core::UrlSecrecy::kSecret).
  bool url_from_environment = false;
  SourceLocation origin;  // where the entry was written, for later diagnostics
};

// `outputs:` entry. Settings are free-form strings (after ${ENV} substitution); the alert
// dispatcher validates them for its `type`.
struct OutputConfig {
  std::string name;  // unique; default: the type
  std::string type;  // e.g. "file", "slack", "webhook"
  std::map<std::string, std::string> settings;
  std::vector<std::string> topics;  // rule topic ids routed here; empty = every topic
  double min_score = 0;             // the best routed topic must score at least this
  std::vector<std::string> tags;    // only feeds with one of these tags; empty = every feed
  bool enabled = true;
  core::Duration max_age = std::chrono::hours(24);  // retry budget of one delivery
  std::filesystem::path base_dir;  // the config file's directory, for relative paths in settings
  SourceLocation origin;
  SourceLocation type_origin;                             // where type: was written
  std::map<std::string, SourceLocation> settings_origin;  // where each setting was written
  // Settings whose ${NAME}s are not set in the environment: key -> those names. The value in
  // `settings` keeps them as written ("${SLACK_WEBHOOK_URL}"); the output is unusable until set.
  std::map<std::string, std::vector<std::string>> unset_variables;
  // Settings written with a ${NAME}: treated as secrets wherever a value could be shown. A
  // secret setting not among them is written literally in the file (check-config warns).
  std::set<std::string> settings_from_environment;
};

// `metrics:` — Prometheus text and /healthz.
struct MetricsConfig {
  bool enabled = false;
  std::string listen_host = "127.0.0.1";  // IPv6 without brackets
  std::uint16_t listen_port = 9464;       // 0 = any free port
};

// `watchlist:` — OFAC SDN files whose names the classifier flags (issue #7). Absent = off.
struct WatchlistConfig {
  bool enabled = false;               // the section is present
  std::filesystem::path sdn_dir;      // absolute; holds sdn.csv (+ alt/add/sdn_comments) or SDN.XML
  std::string format = "auto";        // "auto", "csv" or "xml"
  std::vector<std::string> programs;  // program tag globs; empty = every program
  // Party types kept: "individual", "entity", "vessel", "aircraft"; empty = every type.
  std::vector<std::string> types;
  SourceLocation origin;          // the section
  SourceLocation sdn_dir_origin;  // where sdn_dir was written
};

// A `rules:` entry: an absolute path and where the config named it.
struct RuleFile {
  std::filesystem::path path;
  SourceLocation origin;
};

// Relative to the config file's directory when `rules:` is absent.
inline constexpr std::string_view kDefaultRuleFile = "rules/dprk-russia.yaml";

// `stories:` — grouping matched items into stories (README "Stories"). An unset value keeps
// the story module's default (story::GroupingOptions), its one home.
struct StoriesConfig {
  bool enabled = true;                               // false: every matched item alerts on its own
  std::optional<core::Duration> window;              // 48h
  std::optional<double> near_identical;              // 0.22
  std::optional<double> identical;                   // 0.6
  std::optional<double> related;                     // 0.15
  std::optional<core::Duration> event_gap;           // 12h
  std::optional<core::Duration> event_gap_same_day;  // 48h
  friend bool operator==(const StoriesConfig&, const StoriesConfig&) = default;
};

struct Config {
  std::filesystem::path state_dir = "/var/lib/feedsentry";
  LogLevel log_level = LogLevel::kInfo;     // log.level (or the older log_level)
  LogFormat log_format = LogFormat::kText;  // log.format
  HttpConfig http;
  PollConfig poll;
  std::vector<RuleFile> rules;    // the loader fills in kDefaultRuleFile when absent
  std::vector<FeedConfig> feeds;  // `feeds:` entries, then OPML imports, in file order
  std::vector<OutputConfig> outputs;
  MetricsConfig metrics;
  WatchlistConfig watchlist;
  StoriesConfig stories;

  // The rule paths as classify::load_rule_files takes them.
  std::vector<std::string> rule_paths() const;
};

}  // namespace feedsentry::config
