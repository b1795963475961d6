#pragma once
// Imports subscriptions from OPML, the export format of feed readers. Every <outline> with
// an xmlUrl becomes a feed named by its title (or text); the names of the category
// outlines around it become its tags, outermost first. Feeds get the values of `inherited`
// for everything OPML cannot say (interval, limits, …). Duplicates are left to the caller.
// Problems throw ConfigError with file:line:col. No ${ENV} substitution: OPML is data.
#include <filesystem>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace feedsentry::config {

std::vector<FeedConfig> load_opml(const std::filesystem::path& path,
                                  const FeedConfig& inherited = FeedConfig{});

// `file_name` is used in error locations and FeedConfig::origin only.
std::vector<FeedConfig> parse_opml(std::string_view xml, std::string_view file_name,
                                   const FeedConfig& inherited = FeedConfig{});

}  // namespace feedsentry::config
