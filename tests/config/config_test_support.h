#pragma once
// Helpers for config tests: load YAML text as "test.yaml" in a fixed directory, capture
// the error text, set environment variables and write files in a scratch directory.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "config/load.h"

namespace feedsentry::config::testing {

// Nothing under it needs to exist: loading only reads OPML files.
inline const std::filesystem::path kBaseDir = "/srv/feedsentry";

inline Config load_yaml(std::string_view yaml) {
  return load_config_text(yaml, "test.yaml", kBaseDir);
}

// what() of the ConfigError that loading `yaml` throws, or "(no error)".
inline std::string error_of(std::string_view yaml,
                            const std::filesystem::path& base_dir = kBaseDir) {
  try {
    load_config_text(yaml, "test.yaml", base_dir);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "(no error)";
}

// Sets (or unsets) an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
    if (const char* old = getenv(name_.c_str())) old_ = old;
    if (value) {
      setenv(name_.c_str(), value->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "feedsentry-config-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `content` to `relative` (creating directories) and returns the full path.
  std::filesystem::path write(const std::filesystem::path& relative,
                              std::string_view content) const {
    const std::filesystem::path full = path_ / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << content;
    return full;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace feedsentry::config::testing
