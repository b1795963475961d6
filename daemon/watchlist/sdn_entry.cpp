#include "watchlist/sdn_entry.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace feedsentry::watchlist {

std::string_view party_type_name(PartyType type) {
  switch (type) {
    case PartyType::kIndividual:
      return "individual";
    case PartyType::kEntity:
      return "entity";
    case PartyType::kVessel:
      return "vessel";
    case PartyType::kAircraft:
      return "aircraft";
  }
  return "entity";
}

std::optional<PartyType> parse_party_type(std::string_view name) {
  for (const PartyType type :
       {PartyType::kIndividual, PartyType::kEntity, PartyType::kVessel, PartyType::kAircraft}) {
    if (core::equals_ignore_case(name, party_type_name(type))) return type;
  }
  return std::nullopt;
}

std::vector<std::string> find_imo_numbers(std::string_view text) {
  std::vector<std::string> numbers;
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t pos = 0; (pos = text.find("IMO", pos)) != std::string_view::npos; pos += 3) {
    if (pos > 0 && std::isalnum(static_cast<unsigned char>(text[pos - 1]))) continue;
    std::size_t digits = pos + 3;
    while (digits < text.size() && (text[digits] == ' ' || text[digits] == ':')) ++digits;
    std::size_t end = digits;
    while (end < text.size() && is_digit(text[end])) ++end;
    if (end - digits != 7) continue;
    std::string number(text.substr(digits, 7));
    if (std::find(numbers.begin(), numbers.end(), number) == numbers.end()) {
      numbers.push_back(std::move(number));
    }
  }
  return numbers;
}

}  // namespace feedsentry::watchlist
