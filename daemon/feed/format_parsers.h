#pragma once
// Internal to feed/: one reader per dialect. Each fills `feed` from a document whose
// format parse_feed has already detected; none of them throws.
#include <string_view>

#include "feed/item.h"
#include "feed/xml_reader.h"

namespace feedsentry::feed {

// RSS 0.9x/2.0 (<rss>) and RSS 0.90/1.0 (<rdf:RDF>).
void read_rss(xml::Reader& reader, const xml::Element& root, Feed& feed);
// Atom 0.3 and 1.0 (<feed>).
void read_atom(xml::Reader& reader, const xml::Element& root, Feed& feed);
// JSON Feed 1.0/1.1. Returns false with `error` set when the text is not a JSON object.
bool read_json_feed(std::string_view utf8, std::string_view base_url, Feed& feed,
                    std::string& error);

}  // namespace feedsentry::feed
