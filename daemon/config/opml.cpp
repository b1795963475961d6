#include "config/opml.h"

#include <pugixml.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "config/feed_url.h"
#include "core/line_index.h"
#include "core/text.h"

namespace feedsentry::config {
namespace {

constexpr int kMaxDepth = 32;

std::string attribute(const pugi::xml_node& node, std::string_view name) {
  // Exporters disagree on case (xmlUrl, xmlURL, xmlurl).
  for (const pugi::xml_attribute& candidate : node.attributes()) {
    if (core::equals_ignore_case(candidate.name(), name)) {
      return std::string(core::trim_ascii(candidate.value()));
    }
  }
  return {};
}

bool has_attribute(const pugi::xml_node& node, std::string_view name) {
  for (const pugi::xml_attribute& candidate : node.attributes()) {
    if (core::equals_ignore_case(candidate.name(), name)) return true;
  }
  return false;
}

class OpmlReader {
 public:
  OpmlReader(std::string_view xml, std::string file, const FeedConfig& inherited)
      : xml_(xml), lines_(xml), file_(std::move(file)), inherited_(inherited) {}

  std::vector<FeedConfig> read() {
    pugi::xml_document document;
    const pugi::xml_parse_result parsed =
        document.load_buffer(xml_.data(), xml_.size(), pugi::parse_default, pugi::encoding_auto);
    if (!parsed) {
      throw ConfigError(location(parsed.offset),
                        std::string("OPML is not well-formed XML: ") + parsed.description());
    }
    const pugi::xml_node root = document.document_element();
    if (std::string_view(root.name()) != "opml") {
      fail(root, "not an OPML file: the root element is <" + std::string(root.name()) +
                     ">, expected <opml>");
    }
    const pugi::xml_node body = root.child("body");
    if (!body) fail(root, "<opml> has no <body> with the outlines");
    read_outlines(body, {}, 1);
    return std::move(feeds_);
  }

 private:
  SourceLocation at(const pugi::xml_node& node) const {
    return location(lines_.locate_element(node.offset_debug()));
  }

  SourceLocation location(std::ptrdiff_t offset) const { return location(lines_.locate(offset)); }

  SourceLocation location(const std::optional<core::TextPosition>& position) const {
    if (!position) return {file_, 0, 0};
    return {file_, position->line, position->column};
  }

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) const {
    throw ConfigError(at(node), message);
  }

  void read_outlines(const pugi::xml_node& parent, const std::vector<std::string>& tags,
                     int depth) {
    if (depth > kMaxDepth) {
      fail(parent, "outlines nested deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    for (const pugi::xml_node& outline : parent.children("outline")) {
      std::string label = attribute(outline, "title");
      if (label.empty()) label = attribute(outline, "text");
      if (has_attribute(outline, "xmlUrl")) {
        add_feed(outline, label, tags);
        read_outlines(outline, tags, depth + 1);  // a feed is not a category
        continue;
      }
      std::vector<std::string> inner = tags;
      if (!label.empty() && std::find(inner.begin(), inner.end(), label) == inner.end()) {
        inner.push_back(label);
      }
      read_outlines(outline, inner, depth + 1);
    }
  }

  void add_feed(const pugi::xml_node& outline, const std::string& label,
                const std::vector<std::string>& tags) {
    core::Result<std::string> url = check_feed_url(attribute(outline, "xmlUrl"));
    if (!url) fail(outline, "outline xmlUrl: " + url.error().message);
    FeedConfig feed = inherited_;
    feed.url = std::move(*url);
    feed.name = label.empty() ? default_feed_name(feed.url) : label;
    feed.tags = tags;
    feed.origin = at(outline);
    feeds_.push_back(std::move(feed));
  }

  std::string_view xml_;
  core::LineIndex lines_;
  std::string file_;
  const FeedConfig& inherited_;
  std::vector<FeedConfig> feeds_;
};

}  // namespace

std::vector<FeedConfig> parse_opml(std::string_view xml, std::string_view file_name,
                                   const FeedConfig& inherited) {
  return OpmlReader(xml, std::string(file_name), inherited).read();
}

std::vector<FeedConfig> load_opml(const std::filesystem::path& path, const FeedConfig& inherited) {
  std::error_code error;
  std::ifstream file(path, std::ios::binary);
  if (!file || std::filesystem::is_directory(path, error)) {
    throw ConfigError({path.string(), 0, 0}, "cannot read OPML file");
  }
  std::ostringstream text;
  text << file.rdbuf();
  return parse_opml(text.str(), path.string(), inherited);
}

}  // namespace feedsentry::config
