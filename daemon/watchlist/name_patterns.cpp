#include "watchlist/name_patterns.h"

#include <utf8proc.h>

#include <algorithm>
#include <set>
#include <unordered_set>

#include "classify/text_normalizer.h"
#include "core/utf8.h"
#include "watchlist/stopwords.h"

namespace feedsentry::watchlist {
namespace {

using Tokens = std::vector<std::string>;

constexpr std::int32_t kVesselCues = 0;
constexpr std::int32_t kAircraftCues = 1;
constexpr std::size_t kMinSingleTokenLetters = 6;
constexpr std::size_t kMinVesselLetters = 3;

enum class Family : std::uint8_t { kNone, kLimitedLiability, kJointStock };

struct LegalForm {
  Tokens tokens;
  Family family = Family::kNone;
};

Tokens split_words(std::string_view text) {
  Tokens tokens;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    if (end > pos) tokens.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return tokens;
}

// Longest first, so "company limited" is stripped before "limited".
const std::vector<LegalForm>& legal_forms() {
  static const std::vector<LegalForm> forms = [] {
    const std::pair<const char*, Family> table[] = {
        {"llc", Family::kLimitedLiability},
        {"ooo", Family::kLimitedLiability},
        {"too", Family::kLimitedLiability},
        {"tov", Family::kLimitedLiability},
        {"obshchestvo s ogranichennoi otvetstvennostyu", Family::kLimitedLiability},
        {"obshchestvo s ogranichennoy otvetstvennostyu", Family::kLimitedLiability},
        {"obshchestvo s ogranichennoi otvetstvennostiu", Family::kLimitedLiability},
        {"limited liability company", Family::kLimitedLiability},
        {"ооо", Family::kLimitedLiability},
        {"общество с ограниченной ответственностью", Family::kLimitedLiability},
        {"jsc", Family::kJointStock},
        {"ojsc", Family::kJointStock},
        {"cjsc", Family::kJointStock},
        {"pjsc", Family::kJointStock},
        {"ao", Family::kJointStock},
        {"oao", Family::kJointStock},
        {"zao", Family::kJointStock},
        {"pao", Family::kJointStock},
        {"nao", Family::kJointStock},
        {"aktsionernoe obshchestvo", Family::kJointStock},
        {"otkrytoe aktsionernoe obshchestvo", Family::kJointStock},
        {"zakrytoe aktsionernoe obshchestvo", Family::kJointStock},
        {"publichnoe aktsionernoe obshchestvo", Family::kJointStock},
        {"nepublichnoe aktsionernoe obshchestvo", Family::kJointStock},
        {"joint stock company", Family::kJointStock},
        {"open joint stock company", Family::kJointStock},
        {"closed joint stock company", Family::kJointStock},
        {"public joint stock company", Family::kJointStock},
        {"ао", Family::kJointStock},
        {"оао", Family::kJointStock},
        {"зао", Family::kJointStock},
        {"пао", Family::kJointStock},
        {"акционерное общество", Family::kJointStock},
        {"открытое акционерное общество", Family::kJointStock},
        {"закрытое акционерное общество", Family::kJointStock},
        {"публичное акционерное общество", Family::kJointStock},
        {"ltd", Family::kNone},
        {"limited", Family::kNone},
        {"co", Family::kNone},
        {"company", Family::kNone},
        {"company limited", Family::kNone},
        {"co ltd", Family::kNone},
        {"corp", Family::kNone},
        {"corporation", Family::kNone},
        {"inc", Family::kNone},
        {"incorporated", Family::kNone},
        {"gmbh", Family::kNone},
        {"ag", Family::kNone},
        {"sa", Family::kNone},
        {"plc", Family::kNone},
        {"llp", Family::kNone},
        {"fze", Family::kNone},
        {"fzco", Family::kNone},
        {"fzc", Family::kNone},
        {"fz llc", Family::kNone},
        {"fz-llc", Family::kNone},
        {"pte", Family::kNone},
        {"pte ltd", Family::kNone},
        {"sdn bhd", Family::kNone},
        {"bhd", Family::kNone},
        {"bv", Family::kNone},
        {"sarl", Family::kNone},
        {"srl", Family::kNone},
        {"fgup", Family::kNone},
        {"gup", Family::kNone},
        {"mup", Family::kNone},
        {"фгуп", Family::kNone},
        {"гуп", Family::kNone},
    };
    std::vector<LegalForm> list;
    for (const auto& [text, family] : table) list.push_back({split_words(text), family});
    std::stable_sort(list.begin(), list.end(), [](const LegalForm& a, const LegalForm& b) {
      return a.tokens.size() > b.tokens.size();
    });
    return list;
  }();
  return forms;
}

bool is_legal_form_token(std::string_view token) {
  for (const LegalForm& form : legal_forms()) {
    if (form.tokens.size() == 1 && form.tokens[0] == token) return true;
  }
  return false;
}

std::size_t letter_count(std::string_view token) {
  std::size_t letters = 0;
  for (std::size_t pos = 0; pos < token.size();) {
    const char32_t cp = core::next_code_point(token, pos);
    if (classify::is_word_char(cp) && !(cp >= '0' && cp <= '9')) ++letters;
  }
  return letters;
}

bool is_latin_with_marks(char32_t cp) {
  return (cp >= 0xC0 && cp < 0x250) || (cp >= 0x1E00 && cp < 0x1F00);
}

// "kozlóv" → "kozlov"; other scripts unchanged (й stays й).
std::string strip_latin_marks(std::string_view token) {
  std::string out;
  for (std::size_t pos = 0; pos < token.size();) {
    const char32_t cp = core::next_code_point(token, pos);
    if (!is_latin_with_marks(cp)) {
      core::append_utf8(out, cp);
      continue;
    }
    utf8proc_int32_t parts[8];
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    const utf8proc_ssize_t count = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), parts,
                                                           8, UTF8PROC_DECOMPOSE, &boundclass);
    if (count <= 0 || count > 8) {
      core::append_utf8(out, cp);
      continue;
    }
    for (utf8proc_ssize_t k = 0; k < count; ++k) {
      if (utf8proc_category(parts[k]) != UTF8PROC_CATEGORY_MN) {
        core::append_utf8(out, static_cast<char32_t>(parts[k]));
      }
    }
  }
  return out;
}

// "jin-yong" → "jin", "yong"; "people's" → "peoples".
Tokens plain(const Tokens& tokens) {
  Tokens out;
  for (const std::string& token : tokens) {
    std::string part;
    for (const char c : token) {
      if (c == '-') {
        if (!part.empty()) out.push_back(std::move(part));
        part.clear();
      } else if (c != '\'') {
        part.push_back(c);
      }
    }
    if (!part.empty()) out.push_back(std::move(part));
  }
  return out;
}

Tokens without_marks(const Tokens& tokens) {
  Tokens out;
  for (const std::string& token : tokens) out.push_back(strip_latin_marks(token));
  return out;
}

std::string join(const Tokens& tokens, std::size_t begin = 0, std::size_t end = std::string::npos) {
  std::string text;
  end = std::min(end, tokens.size());
  for (std::size_t k = begin; k < end; ++k) {
    if (!text.empty()) text.push_back(' ');
    text += tokens[k];
  }
  return text;
}

// The written, plain (hyphens split) and mark-free forms of one token order, deduplicated.
std::vector<Tokens> flavours(const Tokens& order) {
  std::vector<Tokens> out{order};
  const auto add = [&](Tokens tokens) {
    if (std::find(out.begin(), out.end(), tokens) == out.end()) out.push_back(std::move(tokens));
  };
  add(plain(order));
  add(without_marks(order));
  add(without_marks(plain(order)));
  return out;
}

bool starts_with_form(const Tokens& tokens, std::size_t begin, std::size_t end,
                      const Tokens& form) {
  if (end - begin <= form.size()) return false;  // something must remain
  return std::equal(form.begin(), form.end(), tokens.begin() + static_cast<std::ptrdiff_t>(begin));
}

bool ends_with_form(const Tokens& tokens, std::size_t begin, std::size_t end, const Tokens& form) {
  if (end - begin <= form.size()) return false;
  return std::equal(form.begin(), form.end(),
                    tokens.begin() + static_cast<std::ptrdiff_t>(end - form.size()));
}

struct Stripped {
  Tokens core;
  bool had_form = false;
  Family family = Family::kNone;
};

// Legal forms off both ends, repeatedly ("OOO X LLC" is rare but real).
Stripped strip_legal_forms(const Tokens& tokens) {
  std::size_t begin = 0, end = tokens.size();
  Stripped result;
  for (bool changed = true; changed;) {
    changed = false;
    for (const LegalForm& form : legal_forms()) {
      if (starts_with_form(tokens, begin, end, form.tokens)) {
        begin += form.tokens.size();
      } else if (ends_with_form(tokens, begin, end, form.tokens)) {
        end -= form.tokens.size();
      } else {
        continue;
      }
      result.had_form = true;
      if (form.family != Family::kNone) result.family = form.family;
      changed = true;
      break;
    }
  }
  result.core.assign(tokens.begin() + static_cast<std::ptrdiff_t>(begin),
                     tokens.begin() + static_cast<std::ptrdiff_t>(end));
  return result;
}

bool is_common_token(const std::string& token) {
  return letter_count(token) <= 2 || is_common_word(token);
}

// Collects one entity's patterns without repeats.
class EntityPatterns {
 public:
  EntityPatterns(BuiltPatterns& out, std::uint32_t entity) : out_(out), entity_(entity) {}

  bool add(const Tokens& tokens, const std::string& alias, std::int32_t cue_set) {
    std::string text = join(tokens);
    if (text.empty() || !seen_.insert(text).second) return false;
    out_.terms.patterns.push_back({std::move(text), alias, entity_, cue_set});
    ++out_.stats.patterns;
    if (cue_set >= 0) ++out_.stats.cued_patterns;
    return true;
  }

  void drop(const std::string& alias, std::string reason) {
    out_.dropped.push_back({entity_, alias, std::move(reason)});
  }

 private:
  BuiltPatterns& out_;
  std::uint32_t entity_;
  std::set<std::string> seen_;
};

// Token orders of an individual's name. "LAST, First Middle" gives First Last, First Middle
// Last, Last First, Last First Middle (and, for a two-part given name, the joined forms
// Korean names are often written in: "Jin-yong", "Jinyong"); a name without a comma keeps
// its order and adds the last token first.
std::vector<Tokens> individual_orders(const std::string& name) {
  std::vector<Tokens> orders;
  const auto add = [&](Tokens order) {
    if (!order.empty() && std::find(orders.begin(), orders.end(), order) == orders.end()) {
      orders.push_back(std::move(order));
    }
  };
  const auto concat = [](Tokens a, const Tokens& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  const std::size_t comma = name.find(',');
  if (comma == std::string::npos) {
    const Tokens tokens = name_tokens(name);
    add(tokens);
    if (tokens.size() >= 2) {
      add(concat({tokens.back()}, Tokens(tokens.begin(), tokens.end() - 1)));
    }
    if (tokens.size() == 3) add({tokens[0], tokens[2]});  // without the patronymic
    return orders;
  }
  const Tokens last = name_tokens(std::string_view(name).substr(0, comma));
  const Tokens given = name_tokens(std::string_view(name).substr(comma + 1));
  if (given.empty()) {
    add(last);
    return orders;
  }
  // "KIM, Jong Un", "JON, Jin Yong": a short surname and two short given syllables are one
  // given name split in two (Korean, Chinese), so "Jon Jin" alone is not this person.
  const auto short_word = [](const std::string& token, std::size_t letters) {
    return letter_count(token) <= letters;
  };
  const bool split_given_name = last.size() == 1 && short_word(last[0], 4) && given.size() == 2 &&
                                std::all_of(given.begin(), given.end(),
                                            [&](const std::string& t) { return short_word(t, 5); });
  if (!split_given_name) {
    add(concat({given[0]}, last));
    add(concat(last, {given[0]}));
  }
  add(concat(given, last));
  add(concat(last, given));
  if (given.size() == 2 && given[0].find('-') == std::string::npos) {
    const Tokens hyphenated{given[0] + "-" + given[1]};
    const Tokens joined{given[0] + given[1]};
    add(concat(hyphenated, last));
    add(concat(last, hyphenated));
    add(concat(joined, last));
    add(concat(last, joined));
  }
  return orders;
}

void add_individual(EntityPatterns& patterns, const std::string& name, GuardCounts& dropped) {
  bool any = false;
  for (const Tokens& order : individual_orders(name)) {
    for (const Tokens& tokens : flavours(order)) {
      if (tokens.size() < 2) continue;
      patterns.add(tokens, name, -1);
      any = true;
    }
  }
  if (!any) {
    ++dropped.individual_one_token;
    patterns.drop(name, "an individual must match on at least two name tokens");
  }
}

void add_family_forms(EntityPatterns& patterns, const Tokens& core, Family family,
                      const std::string& alias) {
  const auto with = [&](const char* prefix, const char* suffix) {
    Tokens tokens;
    if (prefix != nullptr) tokens.emplace_back(prefix);
    tokens.insert(tokens.end(), core.begin(), core.end());
    if (suffix != nullptr) tokens.emplace_back(suffix);
    patterns.add(tokens, alias, -1);
  };
  if (family == Family::kLimitedLiability) {
    with("ooo", nullptr);
    with(nullptr, "llc");
  } else if (family == Family::kJointStock) {
    for (const char* prefix : {"ao", "oao", "zao", "pao"}) with(prefix, nullptr);
    for (const char* suffix : {"jsc", "ojsc", "cjsc", "pjsc"}) with(nullptr, suffix);
  }
}

void add_entity(EntityPatterns& patterns, const std::string& name, GuardCounts& dropped) {
  const Tokens written = name_tokens(name);
  if (written.empty()) {
    ++dropped.empty_name;
    patterns.drop(name, "nothing left after normalization");
    return;
  }
  // The guard is decided on the plain core: hyphens split, legal forms off.
  const Stripped decided = strip_legal_forms(plain(written));
  const Tokens& core = decided.core;
  if (core.size() == 1) {
    if (letter_count(core[0]) < kMinSingleTokenLetters) {
      ++dropped.entity_short_token;
      patterns.drop(name, "a one-word entity name needs at least 6 letters ('" + core[0] + "')");
      return;
    }
    if (is_common_word(core[0])) {
      ++dropped.entity_common_word;
      patterns.drop(name, "'" + core[0] + "' is a common word (stop list)");
      return;
    }
  }
  const bool common_only = core.size() >= 2 && decided.had_form &&
                           std::all_of(core.begin(), core.end(), is_common_token);
  if (common_only) ++dropped.entity_common_words_core;
  for (const Tokens& tokens : flavours(written)) {
    patterns.add(tokens, name, -1);
    const Stripped stripped = strip_legal_forms(tokens);
    if (!common_only) {
      patterns.add(stripped.core, name, -1);
    } else {
      add_family_forms(patterns, stripped.core, stripped.family, name);
    }
  }
}

void add_craft(EntityPatterns& patterns, const std::string& name, std::int32_t cue_set,
               GuardCounts& dropped) {
  const Tokens written = name_tokens(name);
  if (written.empty()) {
    ++dropped.empty_name;
    patterns.drop(name, "nothing left after normalization");
    return;
  }
  if (written.size() == 1 && letter_count(written[0]) < kMinVesselLetters &&
      letter_count(written[0]) == written[0].size()) {
    ++dropped.vessel_short;
    patterns.drop(name, "a one-word vessel or aircraft name needs at least 3 letters");
    return;
  }
  for (const Tokens& tokens : flavours(written)) patterns.add(tokens, name, cue_set);
}

std::string title_case_word(std::string_view word, bool first) {
  static const std::unordered_set<std::string_view> kSmall = {"of", "the", "and", "for", "de",
                                                              "in", "on",  "at",  "to"};
  std::string lower;
  for (const char c : word) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  if (!first && kSmall.contains(lower)) return lower;
  const bool has_digit =
      std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool has_vowel = std::any_of(lower.begin(), lower.end(), [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  });
  if (has_digit || is_legal_form_token(lower) || (!has_vowel && word.size() <= 5)) {
    if (lower == "ltd" || lower == "co" || lower == "inc" || lower == "corp") {
      std::string capital = lower;
      capital[0] = static_cast<char>(capital[0] - 32);
      return capital;  // "Ltd", "Co", "Inc", "Corp" as English writes them
    }
    return std::string(word);
  }
  std::string out = lower;
  bool start = true;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    start = c == '-' || c == '(' || c == '"' || c == '/';
  }
  return out;
}

}  // namespace

Tokens name_tokens(std::string_view name) {
  const classify::NormalizedText normalized = classify::normalize(name);
  const std::string_view text = normalized.text();
  Tokens tokens;
  std::string current;
  std::size_t segment = 0;  // code points since the token start or its last '.'
  const auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
    segment = 0;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = core::next_code_point(text, pos);
    std::size_t peek = pos;
    const bool word_follows =
        pos < text.size() && classify::is_word_char(core::next_code_point(text, peek));
    if (classify::is_word_char(cp)) {
      core::append_utf8(current, cp);
      ++segment;
    } else if ((cp == '-' || cp == '\'') && !current.empty() && word_follows) {
      current.push_back(static_cast<char>(cp));
      segment = 0;
    } else if (cp == '.' && segment == 1 && word_follows) {
      segment = 0;  // "L.L.C." → "llc": an initial's dot joins the letters
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

std::string display_name(const SdnEntry& entry) {
  const std::string& name = entry.name;
  const bool has_lower =
      std::any_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (entry.type == PartyType::kIndividual || has_lower) return name;
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  while (pos < name.size()) {
    const std::size_t space = std::min(name.find(' ', pos), name.size());
    if (space > pos) {
      out += title_case_word(std::string_view(name).substr(pos, space - pos), first);
      first = false;
    }
    if (space < name.size()) out.push_back(' ');
    pos = space + 1;
  }
  return out;
}

std::vector<classify::WatchlistCueSet> cue_sets() {
  return {
      {"vessel",
       {"vessel*", "tanker*", "ship", "ships", "cargo ship*", "freighter*", "bulk carrier*", "imo",
        "m/v", "судн*", "танкер*", "сухогруз*", "корабл*", "선박", "유조선", "화물선"},
       6},
      {"aircraft",
       {"aircraft", "airplane*", "plane*", "jet", "jets", "airliner*", "boeing", "airbus",
        "ilyushin", "самолет*", "항공기"},
       6},
  };
}

BuiltPatterns build_patterns(const std::vector<const SdnEntry*>& entries) {
  BuiltPatterns out;
  out.terms.cue_sets = cue_sets();
  out.terms.entities.reserve(entries.size());
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const SdnEntry& entry = *entries[e];
    out.terms.entities.push_back({std::to_string(entry.number), display_name(entry),
                                  std::string(party_type_name(entry.type)), entry.programs});
    EntityPatterns patterns(out, static_cast<std::uint32_t>(e));
    std::vector<const std::string*> names{&entry.name};
    for (const Alias& alias : entry.aliases) {
      if (alias.weak) {
        ++out.stats.dropped.weak_alias;
        patterns.drop(alias.name, "a weak alias (OFAC category \"weak\")");
        continue;
      }
      names.push_back(&alias.name);
    }
    for (const std::string* name : names) {
      ++out.stats.names;
      switch (entry.type) {
        case PartyType::kIndividual:
          add_individual(patterns, *name, out.stats.dropped);
          break;
        case PartyType::kEntity:
          add_entity(patterns, *name, out.stats.dropped);
          break;
        case PartyType::kVessel:
          add_craft(patterns, *name, kVesselCues, out.stats.dropped);
          break;
        case PartyType::kAircraft:
          add_craft(patterns, *name, kAircraftCues, out.stats.dropped);
          break;
      }
    }
    if (entry.type == PartyType::kVessel) {
      for (const std::string& imo : entry.imo_numbers) {
        if (patterns.add({imo}, "IMO " + imo, kVesselCues)) ++out.stats.imo_patterns;
      }
    }
  }
  return out;
}

}  // namespace feedsentry::watchlist
