#include "feed/parse.h"

#include "core/text.h"
#include "feed/charset.h"
#include "feed/format_parsers.h"
#include "feed/identity.h"
#include "feed/xml_reader.h"

namespace feedsentry::feed {
namespace {

bool starts_like_json(std::string_view text) {
  text = core::trim_ascii(text);
  return !text.empty() && (text.front() == '{' || text.front() == '[');
}

void read_xml(std::string_view utf8, bool no_control_characters, const ParseOptions& options,
              ParsedFeed& result) {
  xml::Reader reader(utf8, options.base_url, no_control_characters);
  const xml::Element root = reader.root();
  if (!root) {
    result.bozo = true;
    result.bozo_reason = reader.bozo() ? reader.bozo_reason() : "no document element";
    return;
  }
  using xml::Ns;
  if (root.local == "rss" || (root.ns == Ns::kRdf && root.local == "RDF")) {
    read_rss(reader, root, result.feed);
  } else if (root.local == "feed" &&
             (root.ns == Ns::kAtom10 || root.ns == Ns::kAtom03 || root.ns == Ns::kNone)) {
    read_atom(reader, root, result.feed);
  } else if (root.local == "channel") {
    read_rss(reader, root, result.feed);  // a channel without the <rss> wrapper
  } else if (!reader.bozo()) {
    result.bozo = true;
    result.bozo_reason = "not a feed: document element <" + std::string(root.local) + ">";
    return;
  }
  if (reader.bozo()) {
    result.bozo = true;
    result.bozo_reason = reader.bozo_reason();
  }
}

// Why a document that yielded no feed at all is bozo. A charset problem is secondary then:
// random bytes also decode badly, and "invalid utf-8" would send the operator looking for an
// encoding fix when the URL does not serve a feed.
std::string nothing_recovered_reason(const ParsedFeed& result, const std::string& structure,
                                     const DecodedText& decoded) {
  constexpr std::string_view kNotAFeed = "not a feed";
  if (result.bozo_reason.starts_with(kNotAFeed)) return result.bozo_reason;
  if (structure.starts_with(kNotAFeed)) return structure;
  if (!result.bozo) return "empty document";
  if (decoded.had_errors) {
    return std::string(kNotAFeed) + ": no XML or JSON document, only binary or undecodable data (" +
           decoded.error + ")";
  }
  return std::string(kNotAFeed) + ": " + (structure.empty() ? result.bozo_reason : structure);
}

}  // namespace

const char* format_name(FeedFormat format) {
  switch (format) {
    case FeedFormat::kRss090:
      return "rss090";
    case FeedFormat::kRss091:
      return "rss091";
    case FeedFormat::kRss092:
      return "rss092";
    case FeedFormat::kRss093:
      return "rss093";
    case FeedFormat::kRss094:
      return "rss094";
    case FeedFormat::kRss20:
      return "rss20";
    case FeedFormat::kRss10:
      return "rss10";
    case FeedFormat::kAtom03:
      return "atom03";
    case FeedFormat::kAtom10:
      return "atom10";
    case FeedFormat::kJsonFeed:
      return "json";
    case FeedFormat::kUnknown:
      break;
  }
  return "unknown";
}

ParsedFeed parse_feed(std::string_view bytes, const ParseOptions& options) {
  ParsedFeed result;
  DecodedText decoded;
  const std::string_view utf8 = decode_to_utf8_view(bytes, options.http_charset, decoded);
  result.encoding = decoded.encoding;
  if (decoded.had_errors) {
    result.bozo = true;
    result.bozo_reason = decoded.error;
  }
  std::string structure_reason;  // what the JSON or XML reader found wrong, if anything
  if (starts_like_json(utf8)) {
    std::string error;
    if (!read_json_feed(utf8, options.base_url, result.feed, error) || !error.empty()) {
      result.bozo = true;
      structure_reason = error;
      if (result.bozo_reason.empty()) result.bozo_reason = error;
    }
  } else {
    ParsedFeed xml_result;
    read_xml(utf8, decoded.no_control_characters, options, xml_result);
    result.feed = std::move(xml_result.feed);
    if (xml_result.bozo) {
      result.bozo = true;
      structure_reason = xml_result.bozo_reason;
      if (result.bozo_reason.empty()) result.bozo_reason = std::move(xml_result.bozo_reason);
    }
  }
  if (result.feed.items.empty() && result.feed.format == FeedFormat::kUnknown) {
    result.bozo_reason = nothing_recovered_reason(result, structure_reason, decoded);
    result.bozo = true;
  }
  assign_identities(result.feed.items);
  return result;
}

}  // namespace feedsentry::feed
