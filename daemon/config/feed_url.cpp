#include "config/feed_url.h"

#include <algorithm>

#include "core/text.h"
#include "core/url.h"

namespace feedsentry::config {
namespace {

std::string_view host_of(std::string_view authority) {
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  if (authority.starts_with('[')) {  // IPv6 literal, maybe followed by :port
    const std::size_t close = authority.find(']');
    return close == std::string_view::npos ? authority : authority.substr(0, close + 1);
  }
  return authority.substr(0, authority.find(':'));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool is_path_char(unsigned char c) {
  static constexpr std::string_view kAllowed = "-._~/!$&'()*+,;=:@";
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         kAllowed.find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

core::Result<std::string> check_feed_url(std::string_view url) {
  url = core::trim_ascii(url);
  if (url.empty()) return core::fail(core::ErrorCode::kInvalidArgument, "is empty");
  if (std::any_of(url.begin(), url.end(), [](char c) { return core::is_ascii_space(c); })) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "contains whitespace (percent-encode spaces as %20)");
  }
  const core::UrlParts parts = core::split_url(url);
  if (core::equals_ignore_case(parts.scheme, "http") ||
      core::equals_ignore_case(parts.scheme, "https")) {
    if (!parts.has_authority || host_of(parts.authority).empty()) {
      return core::fail(core::ErrorCode::kInvalidArgument, "has no host");
    }
    return std::string(url);
  }
  if (core::equals_ignore_case(parts.scheme, "file")) {
    const bool local =
        parts.has_authority &&
        (parts.authority.empty() || core::equals_ignore_case(parts.authority, "localhost"));
    if (!local || !parts.path.starts_with('/')) {
      return core::fail(core::ErrorCode::kInvalidArgument,
                        "a file URL needs an absolute path (file:///dir/feed.xml); for a file "
                        "relative to the config file write path: instead of url:");
    }
    return std::string(url);
  }
  return core::fail(core::ErrorCode::kInvalidArgument,
                    "must be an http://, https:// or file:// URL");
}

std::string file_url(const std::filesystem::path& absolute_path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (const char c : absolute_path.generic_string()) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_path_char(byte)) {
      url += c;
    } else {
      url += '%';
      url += kHex[byte >> 4];
      url += kHex[byte & 0xF];
    }
  }
  return url;
}

std::filesystem::path file_url_path(std::string_view url) {
  return percent_decode(core::split_url(core::trim_ascii(url)).path);
}

std::string default_feed_name(std::string_view url) {
  const core::UrlParts parts = core::split_url(core::trim_ascii(url));
  if (core::equals_ignore_case(parts.scheme, "file")) {
    const std::string_view path = parts.path;
    return percent_decode(path.substr(path.rfind('/') + 1));
  }
  return core::to_lower_ascii(host_of(parts.authority));
}

std::string feed_url_key(std::string_view url) {
  const core::UrlParts parts = core::split_url(core::trim_ascii(url));
  const std::string scheme = core::to_lower_ascii(parts.scheme);
  std::string authority = core::to_lower_ascii(parts.authority);
  if ((scheme == "http" && authority.ends_with(":80")) ||
      (scheme == "https" && authority.ends_with(":443"))) {
    authority.erase(authority.rfind(':'));
  }
  if (scheme == "file" && authority == "localhost") authority.clear();
  std::string key = scheme + "://" + authority;
  key += parts.path.empty() ? std::string_view("/") : parts.path;
  if (parts.has_query) (key += '?') += parts.query;
  return key;
}

}  // namespace feedsentry::config
