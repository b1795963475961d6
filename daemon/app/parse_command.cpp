#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "app/commands.h"
#include "app/feed_json.h"
#include "feed/parse.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kParseUsage =
    R"(Usage: feedsentry parse [--url BASE] [--charset NAME] FILE

Parses one feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed; the format is
detected from the content) and prints one JSON object:
  {"feed": {...}, "entries": [{"id", "title", "link", "summary", "content",
   "published", "updated", "author", "categories", ...}], "bozo": false}
Text fields are plain text; times are RFC 3339 UTC. "bozo" is true when the document
is not well-formed; the entries are then what could be recovered.

Options:
  --url BASE       URL the document came from; relative links resolve against it.
  --charset NAME   Charset from the HTTP Content-Type (used when the document names none).
  FILE             Path of the document, or - for standard input.
Exit status: 0 parsed, 1 the file could not be read, 2 usage error.
)";

}  // namespace

int run_parse_command(std::span<const std::string_view> arguments) {
  feed::ParseOptions options;
  std::string path;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    const bool has_value = i + 1 < arguments.size();
    if (argument == "-h" || argument == "--help") {
      std::cout << kParseUsage;
      return 0;
    } else if (argument == "--url" && has_value) {
      options.base_url = std::string(arguments[++i]);
    } else if (argument == "--charset" && has_value) {
      options.http_charset = std::string(arguments[++i]);
    } else if (path.empty() && (argument == "-" || !argument.starts_with("-"))) {
      path = std::string(argument);
    } else {
      std::cerr << "feedsentry parse: unexpected argument '" << argument << "'\n" << kParseUsage;
      return 2;
    }
  }
  if (path.empty()) {
    std::cerr << "feedsentry parse: missing FILE\n" << kParseUsage;
    return 2;
  }
  std::string bytes;
  if (path == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      std::cerr << "feedsentry parse: cannot read " << path << "\n";
      return 1;
    }
    bytes.assign(std::istreambuf_iterator<char>(file), {});
  }
  if (options.base_url.empty() && path != "-") {
    options.base_url = "file://" + std::filesystem::absolute(path).lexically_normal().string();
  }
  const feed::ParsedFeed parsed = feed::parse_feed(bytes, options);
  std::cout << parsed_feed_to_json(parsed).dump(-1, ' ', false,
                                                nlohmann::json::error_handler_t::replace)
            << "\n";
  return 0;
}

}  // namespace feedsentry::app
