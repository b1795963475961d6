#include "watchlist/sdn_xml.h"

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <vector>

#include "core/line_index.h"
#include "core/text.h"
#include "core/utf8.h"

namespace feedsentry::watchlist {
namespace {

// "ns:sdnEntry" → "sdnEntry".
std::string_view local_name(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (const pugi::xml_node& node : parent.children()) {
    if (node.type() == pugi::node_element && local_name(node) == name) return node;
  }
  return {};
}

std::string text_of(const pugi::xml_node& parent, std::string_view name) {
  return std::string(core::trim_ascii(child(parent, name).child_value()));
}

// "file:line:col" of a byte offset, or just the file when pugixml has no position.
std::string file_position(const core::LineIndex& lines, const std::string& file,
                          std::ptrdiff_t offset) {
  return core::file_line_column(file, lines.locate(offset));
}

std::string element_position(const core::LineIndex& lines, const std::string& file,
                             const pugi::xml_node& node) {
  return core::file_line_column(file, lines.locate_element(node.offset_debug()));
}

bool parse_number(std::string_view text, std::uint64_t& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

// "LAST, First" when there is a first name, as sdn.csv writes individuals.
std::string joined_name(const pugi::xml_node& node) {
  const std::string last = text_of(node, "lastName");
  const std::string first = text_of(node, "firstName");
  if (first.empty()) return last;
  if (last.empty()) return first;
  return last + ", " + first;
}

}  // namespace

core::Result<SdnList> parse_sdn_xml(std::string_view bytes, const std::string& file_name) {
  const core::LineIndex lines(bytes);
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return core::fail(core::ErrorCode::kParse, std::string("XML: ") + parsed.description(),
                      file_position(lines, file_name, parsed.offset));
  }
  const pugi::xml_node root = document.document_element();
  if (local_name(root) != "sdnList") {
    return core::fail(core::ErrorCode::kParse,
                      "root element is <" + std::string(root.name()) + ">, expected <sdnList>",
                      element_position(lines, file_name, root));
  }
  SdnList list;
  long record_count = -1;
  pugi::xml_node count_node;
  if (const pugi::xml_node publish = child(root, "publshInformation")) {
    list.publish_date = text_of(publish, "Publish_Date");
    count_node = child(publish, "Record_Count");
    std::uint64_t count = 0;
    if (count_node) {
      if (!parse_number(core::trim_ascii(count_node.child_value()), count)) {
        return core::fail(core::ErrorCode::kParse, "Record_Count is not a number",
                          element_position(lines, file_name, count_node));
      }
      record_count = static_cast<long>(count);
    }
  }
  for (const pugi::xml_node& node : root.children()) {
    if (node.type() != pugi::node_element || local_name(node) != "sdnEntry") continue;
    const std::string where = element_position(lines, file_name, node);
    SdnEntry entry;
    if (!parse_number(text_of(node, "uid"), entry.number)) {
      return core::fail(core::ErrorCode::kParse, "sdnEntry without a numeric <uid>", where);
    }
    entry.name = joined_name(node);
    if (entry.name.empty()) {
      return core::fail(core::ErrorCode::kParse, "sdnEntry without a <lastName>", where);
    }
    const std::string type = text_of(node, "sdnType");
    const auto parsed_type = parse_party_type(type);
    if (!parsed_type) {
      return core::fail(core::ErrorCode::kParse,
                        "sdnType '" + type + "' is not Individual, Entity, Vessel or Aircraft",
                        where);
    }
    entry.type = *parsed_type;
    entry.title = text_of(node, "title");
    entry.remarks = text_of(node, "remarks");
    for (const pugi::xml_node& program : child(node, "programList").children()) {
      if (local_name(program) != "program") continue;
      const std::string_view tag = core::trim_ascii(program.child_value());
      if (!tag.empty()) entry.programs.emplace_back(tag);
    }
    for (const pugi::xml_node& aka : child(node, "akaList").children()) {
      if (local_name(aka) != "aka") continue;
      Alias alias;
      parse_number(text_of(aka, "uid"), alias.number);
      alias.type = text_of(aka, "type");
      alias.weak = core::equals_ignore_case(text_of(aka, "category"), "weak");
      alias.name = joined_name(aka);
      if (alias.name.empty()) continue;
      entry.aliases.push_back(std::move(alias));
      ++list.alias_count;
    }
    for (const pugi::xml_node& address : child(node, "addressList").children()) {
      if (local_name(address) != "address") continue;
      ++list.address_count;
      const std::string country = text_of(address, "country");
      if (!country.empty() && std::find(entry.countries.begin(), entry.countries.end(), country) ==
                                  entry.countries.end()) {
        entry.countries.push_back(country);
      }
    }
    if (const pugi::xml_node vessel = child(node, "vesselInfo")) {
      entry.vessel_type = text_of(vessel, "vesselType");
      entry.vessel_flag = text_of(vessel, "vesselFlag");
    }
    std::string identifiers;
    for (const pugi::xml_node& id : child(node, "idList").children()) {
      if (local_name(id) != "id") continue;
      const std::string number = text_of(id, "idNumber");
      if (core::starts_with_ignore_case(text_of(id, "idType"), "Vessel Registration")) {
        identifiers += " IMO " + (number.starts_with("IMO") ? number.substr(3) : number);
      }
    }
    entry.imo_numbers = find_imo_numbers(entry.remarks + identifiers);
    list.entries.push_back(std::move(entry));
  }
  if (record_count >= 0 && static_cast<std::size_t>(record_count) != list.entries.size()) {
    return core::fail(core::ErrorCode::kParse,
                      "Record_Count says " + std::to_string(record_count) + " but the file has " +
                          std::to_string(list.entries.size()) +
                          " sdnEntry elements (an incomplete download?)",
                      element_position(lines, file_name, count_node));
  }
  if (list.entries.empty()) {
    return core::fail(core::ErrorCode::kParse, "holds no sdnEntry elements", file_name);
  }
  return list;
}

}  // namespace feedsentry::watchlist
