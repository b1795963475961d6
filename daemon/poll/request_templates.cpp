#include "poll/request_templates.h"

#include <string_view>
#include <type_traits>

namespace feedsentry::poll {
namespace {

// Every field that is not per feed or per poll. Strings are length-prefixed, so no
// content can make two different requests share a key.
std::string limits_key(const fetch::Request& request) {
  std::string key;
  const auto add = [&key](const auto& value) {
    if constexpr (std::is_convertible_v<decltype(value), std::string_view>) {
      const std::string_view text(value);
      key.append(std::to_string(text.size())).push_back(':');
      key.append(text);
    } else {
      key.append(std::to_string(value)).push_back(';');
    }
  };
  add(request.method);
  add(request.body);
  add(request.headers.size());
  for (const auto& [name, value] : request.headers) {
    add(name);
    add(value);
  }
  add(request.connect_timeout.count());
  add(request.total_timeout.count());
  add(request.low_speed_limit);
  add(request.low_speed_time.count());
  add(request.max_body);
  add(request.max_decompressed);
  add(request.max_redirects);
  add(request.user_agent);
  add(static_cast<int>(request.verify_tls));
  add(static_cast<int>(request.expect_feed));
  return key;
}

}  // namespace

std::shared_ptr<const fetch::Request> RequestTemplates::intern(const fetch::Request& request) {
  std::string key = limits_key(request);
  if (const auto found = templates_.find(key); found != templates_.end()) return found->second;
  auto limits = std::make_shared<fetch::Request>(request);
  limits->url.clear();
  limits->etag.clear();
  limits->last_modified.clear();
  return templates_.emplace(std::move(key), std::move(limits)).first->second;
}

void RequestTemplates::drop_unused() {
  std::erase_if(templates_, [](const auto& entry) { return entry.second.use_count() == 1; });
}

}  // namespace feedsentry::poll
