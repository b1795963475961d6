#pragma once
// Loads the daemon's YAML config file into Config (config/config.h), validating all of it:
// unknown keys (with a "did you mean"), types, value ranges, related values, duplicate
// feeds and outputs. Every problem throws ConfigError, "file:line:col: message".
//
// Loading reads the config file and the OPML files it names, nothing else: it writes and
// creates nothing, so a reload can load a new config and keep the old one on error.
// Relative paths in the file (state_dir, rules, opml, a feed's path:) resolve against the
// directory of the config file, never the working directory. `${NAME}` and
// `${NAME:-default}` are substituted in every value (config/env_substitution.h).
#include <filesystem>
#include <string>
#include <string_view>

#include "config/config.h"

namespace feedsentry::config {

Config load_config(const std::string& path);

// `file_name` names the text in errors (and its directory, OPML paths in them); relative
// paths resolve against `base_dir`.
Config load_config_text(std::string_view yaml, std::string_view file_name,
                        const std::filesystem::path& base_dir);

}  // namespace feedsentry::config
