// libFuzzer target: feed::parse_feed must never crash, hang or grow memory without bound on
// any bytes, with or without an HTTP charset hint, and must keep the promise of feed/item.h
// that every string it returns is valid UTF-8 (checked here, so a break is a crash).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/utf8.h"
#include "feed/parse.h"

namespace {

void require_utf8(std::string_view text) {
  if (!feedsentry::core::is_valid_utf8(text)) std::abort();
}

void require_utf8(const feedsentry::feed::ParsedFeed& parsed) {
  require_utf8(parsed.bozo_reason);
  require_utf8(parsed.encoding);
  require_utf8(parsed.feed.title);
  require_utf8(parsed.feed.link);
  require_utf8(parsed.feed.language);
  for (const feedsentry::feed::Item& item : parsed.feed.items) {
    for (const std::string* field :
         {&item.key, &item.id, &item.guid, &item.title, &item.link, &item.summary.html,
          &item.summary.text, &item.content.html, &item.content.text, &item.author}) {
      require_utf8(*field);
    }
    for (const std::string& category : item.categories) require_utf8(category);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  feedsentry::feed::ParseOptions options;
  options.base_url = "https://fuzz.example/feed/";
  if (size > 0 && (data[0] & 1)) options.http_charset = "windows-1251";
  const feedsentry::feed::ParsedFeed parsed = feedsentry::feed::parse_feed(bytes, options);
  require_utf8(parsed);
  return 0;
}
