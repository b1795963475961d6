#pragma once
// Pure helpers for the URLs of configured feeds: which ones are accepted, the file:// URL
// of a local path, the default display name, and the key that detects duplicates.
// Error messages never repeat the URL, which may carry a token from ${ENV}.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace feedsentry::config {

// Accepts http:// and https:// URLs with a host, and file:///absolute/path (host empty or
// "localhost"). Returns the URL without surrounding whitespace.
core::Result<std::string> check_feed_url(std::string_view url);

// file:///… for an absolute path, percent-encoding what a URL path cannot hold.
std::string file_url(const std::filesystem::path& absolute_path);

// The local path of a file URL accepted by check_feed_url, percent-decoded.
std::filesystem::path file_url_path(std::string_view url);

// The URL's host without user info or port ("news.example.com"), or for a file URL the
// file name ("world-news.rss.xml").
std::string default_feed_name(std::string_view url);

// Equal for two spellings of one feed: scheme and host lower-cased, default port, empty
// path and fragment normalised away. Path and query are kept as written.
std::string feed_url_key(std::string_view url);

}  // namespace feedsentry::config
