#include "poll/feed_url.h"

#include "core/text.h"
#include "core/url.h"

namespace feedsentry::poll {
namespace {

std::string_view without_user_info(std::string_view authority) {
  const std::size_t at = authority.rfind('@');
  return at == std::string_view::npos ? authority : authority.substr(at + 1);
}

}  // namespace

std::string host_key(std::string_view url) {
  const core::UrlParts parts = core::split_url(url);
  // Local files need no politeness: each is its own "host".
  if (core::equals_ignore_case(parts.scheme, "file")) return "file:" + std::string(parts.path);
  return core::to_lower_ascii(without_user_info(parts.authority));
}

std::string feed_label(std::string_view name, std::string_view url, core::UrlSecrecy secrecy) {
  std::string redacted = core::redact_url(url, secrecy);
  if (name.empty()) return redacted;
  std::string label;
  label.reserve(name.size() + redacted.size() + 5);
  ((((label += '\'') += name) += "' (") += redacted) += ')';
  return label;
}

}  // namespace feedsentry::poll
