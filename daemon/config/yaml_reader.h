#pragma once
// Internal to config/*.cpp (it includes yaml-cpp, which stays out of public headers).
// Typed reads from yaml-cpp nodes: every string goes through ${ENV} substitution, every
// problem becomes a ConfigError at the node's file:line:col. MapReader checks a mapping's
// keys once (unknown keys get a "did you mean", duplicates are refused) and then reads
// optional values by key: read_*() returns false and leaves the default when a key is absent.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.h"
#include "core/clock.h"

namespace feedsentry::config {

class YamlReader {
 public:
  explicit YamlReader(std::string file_name) : file_name_(std::move(file_name)) {}

  const std::string& file_name() const { return file_name_; }
  SourceLocation at(const YAML::Node& node) const;
  SourceLocation at(const YAML::Mark& mark) const;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;

  // The scalar's text after ${ENV} substitution; `what` names it in errors ("feed.url").
  std::string scalar(const YAML::Node& node, std::string_view what) const;
  // The same, except that an unset ${NAME} (no :- fallback) stays in the text as written and
  // its name is appended to `unset` (see substitute_env_keeping_unset); `from_environment`
  // tells whether the text used any ${NAME}.
  std::string scalar_keeping_unset(const YAML::Node& node, std::string_view what,
                                   std::vector<std::string>& unset, bool& from_environment) const;

 private:
  std::string file_name_;
};

class MapReader {
 public:
  // `name` prefixes messages ("poll" → "poll.interval: …"); empty for the top level. A
  // missing or empty (null) node reads as an empty mapping.
  MapReader(const YamlReader& yaml, const YAML::Node& map, std::string name,
            std::initializer_list<std::string_view> known_keys);

  bool has(std::string_view key) const { return find(key) != nullptr; }
  // The value node, or an undefined node when the key is absent.
  YAML::Node value(std::string_view key) const;
  SourceLocation at(std::string_view key) const;
  std::string qualified(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  // A check between two keys failed: reported at `preferred` unless only `other` is set in
  // the file, so the error points at a line the user wrote. `message` names both keys.
  [[noreturn]] void fail_between(std::string_view preferred, std::string_view other,
                                 const std::string& message) const;

  bool read_string(std::string_view key, std::string& out) const;  // must not be empty
  bool read_bool(std::string_view key, bool& out) const;
  bool read_int(std::string_view key, int& out, int min, int max) const;
  bool read_number(std::string_view key, double& out, double min, double max) const;
  bool read_duration(std::string_view key, core::Duration& out,
                     core::Duration min = core::Duration::zero()) const;
  bool read_size(std::string_view key, std::uint64_t& out, std::uint64_t min = 0) const;
  bool read_string_list(std::string_view key, std::vector<std::string>& out) const;
  // The items of a list value (empty when absent or null).
  std::vector<YAML::Node> read_list(std::string_view key) const;

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };

  const Entry* find(std::string_view key) const;
  // The scalar text of a present key, substituted; fails on null, lists and maps.
  std::string text(const Entry& entry) const;
  [[noreturn]] void fail_value(const Entry& entry, std::string_view expected) const;

  const YamlReader& yaml_;
  std::string name_;
  SourceLocation where_;
  std::vector<Entry> entries_;
};

}  // namespace feedsentry::config
