#pragma once
// Helpers for store tests: a private temporary directory (mkdtemp, removed with its
// contents on destruction), whole-file reads for "file untouched" checks, and shorthands
// for opening databases and building seen-store candidates.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"
#include "store/seen_store.h"

namespace feedsentry::store::testing {

// The feed URL the seen-store tests record items under.
inline const std::string kFeed = "https://news.example/feed.xml";

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "feedsentry-store-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Opens or throws; gtest reports an exception escaping a test body as a failure.
inline Database open_or_die(const std::filesystem::path& path,
                            const DatabaseOptions& options = {}) {
  auto db = Database::open(path, options);
  if (!db) throw std::runtime_error("open failed: " + db.error().describe());
  return std::move(*db);
}

inline core::SystemTime at(std::int64_t unix_seconds) {
  return core::from_unix_seconds(unix_seconds);
}

inline SeenStore::Candidate item(std::string key, std::string secondary = {},
                                 std::optional<std::int64_t> published = std::nullopt) {
  return SeenStore::Candidate{std::move(key), std::move(secondary), published};
}

}  // namespace feedsentry::store::testing
