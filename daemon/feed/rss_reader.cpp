#include <charconv>

#include "core/text.h"
#include "core/url.h"
#include "feed/dates.h"
#include "feed/format_parsers.h"
#include "feed/html_text.h"
#include "feed/text_construct.h"

namespace feedsentry::feed {
namespace {

using xml::Element;
using xml::Ns;

bool is_rss_core(Ns ns) {
  return ns == Ns::kNone || ns == Ns::kRss10 || ns == Ns::kRss090 || ns == Ns::kRss20Userland;
}

bool is_core(const Element& element, std::string_view name) {
  return is_rss_core(element.ns) && element.local == name;
}

std::optional<int> parse_int(std::string_view text) {
  text = core::trim_ascii(text);
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// An RSS title claims no type: read it as HTML only when it looks like HTML.
std::string plain_title(std::string raw) {
  return looks_like_html(raw) ? html_to_text(raw) : collapse_whitespace(std::move(raw));
}

// Element content as HTML: escaped or CDATA text, or markup written inline.
std::string html_content(xml::Reader& reader, const Element& element) {
  return reader.inner_markup(element, false);
}

void add_categories(std::vector<std::string>& categories, std::string_view value, bool split) {
  std::size_t pos = 0;
  while (pos <= value.size()) {
    const std::size_t end = split ? std::min(value.find(',', pos), value.size()) : value.size();
    const std::string term = collapse_whitespace(value.substr(pos, end - pos));
    if (!term.empty()) categories.push_back(term);
    pos = end + 1;
  }
}

class RssItemReader {
 public:
  // Fills `item`, which the caller has already placed in the feed.
  RssItemReader(xml::Reader& reader, const Element& item_element, Item& item)
      : reader_(reader), element_(item_element), item_(item) {}

  void read() {
    reader_.for_each_child(element_, [&](const Element& child) { read_child(child); });
    if (title_.empty() && !dc_title_.empty()) title_ = std::move(dc_title_);
    item_.title = plain_title(std::move(title_));
    if (item_.guid.empty() && reader_.has_attribute(element_, "about")) {
      item_.guid = std::string(core::trim_ascii(reader_.attribute(element_, "about")));
    }
    if (item_.link.empty() && guid_is_permalink_ && core::is_http_url(item_.guid)) {
      item_.link = item_.guid;
    }
    if (item_.author.empty()) item_.author = std::move(dc_creator_);
  }

 private:
  void read_child(const Element& child) {
    const Ns ns = child.ns;
    const std::string_view name = child.local;
    if (is_rss_core(ns)) {
      if (name == "title") {
        if (title_.empty()) title_ = reader_.text(child);
      } else if (name == "link") {
        if (item_.link.empty()) {
          item_.link = reader_.resolve(child, core::trim_ascii(reader_.text_view(child, scratch_)));
        }
      } else if (name == "description" || name == "summary") {
        add_body(html_content(reader_, child));
      } else if (name == "fullitem") {
        if (item_.content.html.empty())
          item_.content = text_from_html(html_content(reader_, child));
      } else if (name == "guid") {
        item_.guid = std::string(core::trim_ascii(reader_.text_view(child, scratch_)));
        guid_is_permalink_ = !core::equals_ignore_case(
            core::trim_ascii(reader_.attribute(child, "isPermaLink")), "false");
      } else if (name == "pubDate") {
        set_date(item_.published, child);
      } else if (name == "author") {
        if (item_.author.empty()) item_.author = collapse_whitespace(reader_.text(child));
      } else if (name == "category") {
        add_categories(item_.categories, reader_.text_view(child, scratch_), false);
      } else if (name == "tags") {
        add_categories(item_.categories, reader_.text_view(child, scratch_), true);
      }
    } else if (ns == Ns::kDc) {
      if (name == "title") {
        dc_title_ = reader_.text(child);
      } else if (name == "creator" || name == "author") {
        if (dc_creator_.empty()) dc_creator_ = collapse_whitespace(reader_.text(child));
      } else if (name == "date") {
        set_date(item_.updated, child);
      } else if (name == "subject") {
        add_categories(item_.categories, reader_.text_view(child, scratch_), false);
      } else if (name == "description") {
        add_body(html_content(reader_, child));
      }
    } else if (ns == Ns::kDcTerms) {
      if (name == "issued" || name == "created") {
        set_date(item_.published, child);
      } else if (name == "modified") {
        set_date(item_.updated, child);
      }
    } else if (ns == Ns::kContent && name == "encoded") {
      if (item_.content.html.empty()) item_.content = text_from_html(html_content(reader_, child));
    } else if (ns == Ns::kXhtml && name == "body") {
      if (item_.content.html.empty())
        item_.content = text_from_html(reader_.inner_markup(child, true));
    } else if (ns == Ns::kAtom10) {
      read_atom_extension(child);
    }
  }

  // Atom elements embedded in RSS, as some CMSs publish them.
  void read_atom_extension(const Element& child) {
    if (child.local == "link" && item_.link.empty()) {
      const std::string rel = reader_.attribute(child, "rel");
      if (rel.empty() || rel == "alternate") {
        item_.link = reader_.resolve(child, reader_.attribute(child, "href"));
      }
    } else if (child.local == "published") {
      set_date(item_.published, child);
    } else if (child.local == "updated") {
      set_date(item_.updated, child);
    }
  }

  // The first description/summary is the summary; a second one is the full content.
  void add_body(std::string html) {
    if (!has_summary_) {
      item_.summary = text_from_html(std::move(html));
      has_summary_ = true;
    } else if (item_.content.html.empty()) {
      item_.content = text_from_html(std::move(html));
    }
  }

  void set_date(std::optional<Timestamp>& target, const Element& child) {
    // The last date element wins, as in feedparser; an unparseable one erases nothing.
    if (const auto parsed = parse_date(reader_.text_view(child, scratch_))) target = parsed;
  }

  xml::Reader& reader_;
  const Element& element_;
  Item& item_;
  std::string title_;
  std::string dc_title_;
  std::string dc_creator_;
  std::string scratch_;  // storage for text_view
  bool guid_is_permalink_ = true;
  bool has_summary_ = false;
};

FeedFormat rss_format(xml::Reader& reader, const Element& root) {
  if (root.local != "rss") {
    bool rss090 = false;
    reader.for_each_child(root, [&](const Element& child) {
      if (child.ns == Ns::kRss090) rss090 = true;
    });
    return rss090 ? FeedFormat::kRss090 : FeedFormat::kRss10;
  }
  const std::string version(core::trim_ascii(reader.attribute(root, "version")));
  if (version == "0.90") return FeedFormat::kRss090;
  if (version == "0.91") return FeedFormat::kRss091;
  if (version == "0.92") return FeedFormat::kRss092;
  if (version == "0.93") return FeedFormat::kRss093;
  if (version == "0.94") return FeedFormat::kRss094;
  return FeedFormat::kRss20;
}

void read_channel(xml::Reader& reader, const Element& channel, Feed& feed) {
  std::string title;
  std::string dc_title;
  std::optional<int> update_period;
  int update_frequency = 1;
  reader.for_each_child(channel, [&](const Element& child) {
    if (is_core(child, "title")) {
      if (title.empty()) title = reader.text(child);
    } else if (is_core(child, "link")) {
      if (feed.link.empty())
        feed.link = reader.resolve(child, core::trim_ascii(reader.text(child)));
    } else if (is_core(child, "language") || child.is(Ns::kDc, "language")) {
      if (feed.language.empty()) feed.language = collapse_whitespace(reader.text(child));
    } else if (is_core(child, "ttl")) {
      feed.ttl_minutes = parse_int(reader.text(child));
    } else if (child.is(Ns::kDc, "title")) {
      dc_title = reader.text(child);
    } else if (child.is(Ns::kSyndication, "updatePeriod")) {
      const std::string period = core::to_lower_ascii(core::trim_ascii(reader.text(child)));
      if (period == "hourly") update_period = 60;
      if (period == "daily") update_period = 60 * 24;
      if (period == "weekly") update_period = 60 * 24 * 7;
      if (period == "monthly") update_period = 60 * 24 * 30;
      if (period == "yearly") update_period = 60 * 24 * 365;
    } else if (child.is(Ns::kSyndication, "updateFrequency")) {
      update_frequency = std::max(1, parse_int(reader.text(child)).value_or(1));
    }
  });
  if (title.empty()) title = std::move(dc_title);
  feed.title = plain_title(std::move(title));
  if (update_period) feed.update_period_minutes = *update_period / update_frequency;
}

}  // namespace

void read_rss(xml::Reader& reader, const Element& root, Feed& feed) {
  feed.format = rss_format(reader, root);
  const auto read_items = [&](const Element& parent) {
    feed.items.reserve(feed.items.size() + reader.count_children(parent, "item"));
    reader.for_each_child(parent, [&](const Element& child) {
      if (is_core(child, "item")) RssItemReader(reader, child, feed.items.emplace_back()).read();
    });
  };
  bool has_channel = false;
  reader.for_each_child(root, [&](const Element& child) {
    if (is_core(child, "channel") && !has_channel) {
      has_channel = true;
      read_channel(reader, child, feed);
      read_items(child);
    }
  });
  // RSS 1.0 puts items beside the channel; broken RSS 2.0 sometimes does too.
  read_items(root);
}

}  // namespace feedsentry::feed
