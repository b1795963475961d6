#pragma once
// OFAC's SDN.XML (root <sdnList>) into an SdnList. Elements are matched by local name, so
// any namespace (the 2014 tempuri.org one, today's sanctionslistservice one) reads alike.
// The <Record_Count> of <publshInformation> must equal the number of <sdnEntry> elements,
// which catches a truncated download. Pure over bytes the caller owns; errors are values
// located at file:line:col.
#include <string>
#include <string_view>

#include "core/result.h"
#include "watchlist/sdn_entry.h"

namespace feedsentry::watchlist {

core::Result<SdnList> parse_sdn_xml(std::string_view bytes, const std::string& file_name);

}  // namespace feedsentry::watchlist
