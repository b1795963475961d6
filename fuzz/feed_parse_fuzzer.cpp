// libFuzzer target: feed::parse_feed must never crash, hang or grow memory without bound on
// any bytes, with or without an HTTP charset hint.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feed/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  feedsentry::feed::ParseOptions options;
  options.base_url = "https://fuzz.example/feed/";
  if (size > 0 && (data[0] & 1)) options.http_charset = "windows-1251";
  const feedsentry::feed::ParsedFeed parsed = feedsentry::feed::parse_feed(bytes, options);
  volatile std::size_t sink = parsed.feed.items.size();
  (void)sink;
  return 0;
}
