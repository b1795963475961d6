#pragma once
// The SDN list as plain data, the same whichever file format it came from (sdn_csv.h,
// sdn_xml.h): one SdnEntry per designation with its aliases, programs and countries.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace feedsentry::watchlist {

enum class PartyType : std::uint8_t { kIndividual, kEntity, kVessel, kAircraft };

// "individual", "entity", "vessel", "aircraft".
std::string_view party_type_name(PartyType type);
// Case-insensitive; nullopt for anything else.
std::optional<PartyType> parse_party_type(std::string_view name);

struct Alias {
  std::uint64_t number = 0;  // alt_num / aka uid
  std::string type;          // "aka", "fka", "nka" (CSV) or "a.k.a." … (XML)
  std::string name;          // "LAST, First" for individuals, like the primary name
  bool weak = false;         // XML category="weak"; the CSV set lists only strong ones
};

struct SdnEntry {
  std::uint64_t number = 0;  // ent_num / uid
  std::string name;          // individuals "LAST, First Middle"; others the full name
  PartyType type = PartyType::kEntity;
  std::vector<std::string> programs;  // e.g. {"NPWMD", "DPRK3"}
  std::string title;
  std::string remarks;  // sdn.csv Remarks + sdn_comments.csv continuation
  std::vector<Alias> aliases;
  std::vector<std::string> countries;  // from addresses, in file order, without repeats
  std::string vessel_type;
  std::string vessel_flag;
  std::vector<std::string> imo_numbers;  // 7 digits, from remarks or the XML id list
};

struct SdnList {
  std::vector<SdnEntry> entries;  // in file order
  std::size_t alias_count = 0;
  std::size_t address_count = 0;
  std::size_t orphan_rows = 0;  // alt/add/comment rows naming an ent_num sdn.csv does not have
  std::string publish_date;     // SDN.XML only, "MM/DD/YYYY"
};

// The 7-digit IMO numbers written as "IMO 1234567" in `text`, in order, without repeats.
std::vector<std::string> find_imo_numbers(std::string_view text);

}  // namespace feedsentry::watchlist
