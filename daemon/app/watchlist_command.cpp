#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/loaded_config.h"
#include "classify/rule_loader.h"
#include "watchlist/stopwords.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kWatchlistUsage =
    R"(Usage: feedsentry watchlist stats --config FILE
       feedsentry watchlist lookup NAME... --config FILE

Tests the watch list of a config (its watchlist: section: OFAC SDN files, programs, types)
the way the daemon loads it.
  stats   Entries in the files and selected, by type and by program; aliases; name
          patterns compiled into the classifier; name forms dropped by each false-positive
          guard; load and compile times.
  lookup  Runs the classifier on NAME as the text of an item's title (several words are
          joined by spaces: lookup Sergei Kozlov) and lists each listed party it names with
          the alias that matched, or, when nothing matches, the SDN names it resembles and
          why they did not fire (a surname alone, a common word, no vessel cue nearby, not
          selected by programs/types, ...).
Needs no output secrets: an output whose ${VAR} is unset is left out. --env-file FILE
sets variables first (see feedsentry --help).
Exit status: 0 ok (lookup: something matched), 1 config or SDN file error (lookup: nothing
matched), 2 usage error.
)";

int usage_error(const std::string& message) {
  std::cerr << "feedsentry watchlist: " << message << "\n" << kWatchlistUsage;
  return 2;
}

std::string milliseconds(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f ms", value);
  return text;
}

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

std::string format_name(watchlist::SdnFormat format) {
  return format == watchlist::SdnFormat::kXml ? "SDN.XML" : "CSV set";
}

void print_stats(const LoadedConfig& loaded) {
  const watchlist::Watchlist& list = *loaded.watchlist;
  const config::WatchlistConfig& section = loaded.config.watchlist;
  std::cout << "files: " << section.sdn_dir.string() << " (" << format_name(list.format) << ":";
  for (const watchlist::FileStamp& file : list.files) {
    std::cout << " " << (file.path.empty() ? file.name + " absent" : file.path.filename().string());
  }
  std::cout << ")\n";
  if (!list.list.publish_date.empty()) std::cout << "published: " << list.list.publish_date << "\n";
  std::cout << "entries: " << list.list.entries.size() << " in the files, " << list.selected.size()
            << " selected (programs: "
            << (section.programs.empty() ? "all" : join(section.programs))
            << "; types: " << (section.types.empty() ? "all" : join(section.types)) << ")\n";
  std::map<std::string, std::size_t> by_type;
  std::map<std::string, std::size_t> by_program;
  std::size_t aliases = 0;
  for (const std::size_t k : list.selected) {
    const watchlist::SdnEntry& entry = list.list.entries[k];
    ++by_type[std::string(watchlist::party_type_name(entry.type))];
    for (const std::string& program : entry.programs) ++by_program[program];
    aliases += entry.aliases.size();
  }
  std::cout << "by type:";
  for (const auto& [type, number] : by_type) std::cout << " " << type << " " << number << ";";
  std::cout << "\nby program:";
  for (const auto& [program, number] : by_program) {
    std::cout << " " << program << " " << number << ";";
  }
  std::cout << "\naliases: " << aliases << " of the selected entries (" << list.list.alias_count
            << " in the files); addresses: " << list.list.address_count << "\n";
  if (list.list.orphan_rows > 0) {
    std::cout << "rows naming an unknown ent_num (ignored): " << list.list.orphan_rows << "\n";
  }
  const watchlist::PatternStats& stats = list.patterns.stats;
  std::cout << "names looked at: " << stats.names << "\n"
            << "patterns compiled: " << loaded.watchlist_summary.patterns << " (IMO numbers "
            << stats.imo_patterns << ", needing a vessel/aircraft cue nearby "
            << stats.cued_patterns << ")\n";
  const watchlist::GuardCounts& dropped = stats.dropped;
  std::cout << "dropped by guard:\n"
            << "  individual with fewer than two name tokens: " << dropped.individual_one_token
            << "\n"
            << "  one-word entity name under 6 letters: " << dropped.entity_short_token << "\n"
            << "  one-word entity name that is a common word: " << dropped.entity_common_word
            << "\n"
            << "  entity of common words only (matched only with its legal form): "
            << dropped.entity_common_words_core << "\n"
            << "  one-word vessel/aircraft name under 3 letters: " << dropped.vessel_short << "\n"
            << "  weak alias: " << dropped.weak_alias << "\n"
            << "  nothing left after normalization: " << dropped.empty_name << "\n";
  std::cout << "stop list: " << watchlist::common_word_count() << " common words\n";
  const WatchlistSummary& summary = loaded.watchlist_summary;
  std::cout << "load time: read " << milliseconds(list.times.read) << ", parse "
            << milliseconds(list.times.parse) << ", patterns " << milliseconds(list.times.patterns)
            << ", classifier compile (rules + watch list) " << milliseconds(summary.compile_ms)
            << ", total " << milliseconds(summary.load_ms + summary.compile_ms) << "\n";
}

std::vector<std::string> plain_tokens(std::string_view name) {
  std::vector<std::string> tokens;
  for (const std::string& token : watchlist::name_tokens(name)) {
    std::string part;
    for (const char c : token) {
      if (c == '-') {
        if (!part.empty()) tokens.push_back(part);
        part.clear();
      } else if (c != '\'') {
        part.push_back(c);
      }
    }
    if (!part.empty()) tokens.push_back(part);
  }
  return tokens;
}

std::string describe(const watchlist::SdnEntry& entry) {
  return "SDN " + std::to_string(entry.number) + " \"" + entry.name + "\" (" +
         std::string(watchlist::party_type_name(entry.type)) + "; " + join(entry.programs) + ")";
}

// Why no listed name matched `query`: the SDN names whose tokens hold all of the query's.
void explain_miss(const LoadedConfig& loaded, const std::string& query) {
  const watchlist::Watchlist& list = *loaded.watchlist;
  const std::vector<std::string> wanted = plain_tokens(query);
  const std::set<std::string> wanted_set(wanted.begin(), wanted.end());
  std::vector<bool> selected(list.list.entries.size(), false);
  std::vector<std::size_t> entity_of(list.list.entries.size(), 0);
  for (std::size_t i = 0; i < list.selected.size(); ++i) {
    selected[list.selected[i]] = true;
    entity_of[list.selected[i]] = i;
  }
  constexpr std::size_t kMaxShown = 10;
  std::size_t shown = 0;
  for (std::size_t k = 0; k < list.list.entries.size() && shown < kMaxShown; ++k) {
    const watchlist::SdnEntry& entry = list.list.entries[k];
    std::vector<const std::string*> names{&entry.name};
    for (const watchlist::Alias& alias : entry.aliases) names.push_back(&alias.name);
    for (const std::string* name : names) {
      const std::vector<std::string> tokens = plain_tokens(*name);
      const std::set<std::string> token_set(tokens.begin(), tokens.end());
      if (wanted_set.empty() || !std::includes(token_set.begin(), token_set.end(),
                                               wanted_set.begin(), wanted_set.end())) {
        continue;
      }
      std::string reason;
      if (!selected[k]) {
        reason = "in the files but not selected by watchlist.programs/types";
      } else {
        for (const watchlist::DroppedName& dropped : list.patterns.dropped) {
          if (dropped.entity == entity_of[k] && dropped.alias == *name) reason = dropped.reason;
        }
        if (!reason.empty()) {
          reason = "not matched: " + reason;
        } else if (wanted_set != token_set) {
          reason = entry.type == watchlist::PartyType::kIndividual && wanted_set.size() < 2
                       ? "only part of the name: an individual must match on at least two "
                         "name tokens (a surname alone never fires)"
                       : "only part of the name";
        } else if (entry.type == watchlist::PartyType::kVessel ||
                   entry.type == watchlist::PartyType::kAircraft) {
          reason = std::string("needs a ") +
                   (entry.type == watchlist::PartyType::kVessel ? "vessel" : "aircraft") +
                   " cue within 6 words (vessel, tanker, ship, IMO, судно, …): try \"" +
                   (entry.type == watchlist::PartyType::kVessel ? "tanker " : "aircraft ") + query +
                   "\"";
        } else {
          reason = "the words are there in another order or form";
        }
      }
      std::cout << "  " << describe(entry) << ", name \"" << *name << "\": " << reason << "\n";
      ++shown;
      break;
    }
  }
  if (shown == 0) std::cout << "  no SDN name or alias holds all of these words\n";
}

int run_lookup(const LoadedConfig& loaded, const std::string& query) {
  classify::Workspace workspace;
  const classify::Classification result =
      loaded.classifier.classify(classify::ItemText{query, {}, {}}, workspace);
  const std::string topic_id = classify::WatchlistTerms{}.topic_id;
  for (const classify::TopicMatch& topic : result.topics) {
    if (topic.id != topic_id) continue;
    for (const classify::EntityHit& hit : topic.entities) {
      std::cout << "match: SDN " << hit.sdn_number << " \"" << hit.name << "\" (" << hit.type
                << "; " << join(hit.programs) << ") via \"" << hit.alias << "\", text \""
                << query.substr(hit.begin, hit.end - hit.begin) << "\"\n";
    }
    return 0;
  }
  std::cout << "no match for \"" << query << "\"\n";
  explain_miss(loaded, query);
  return 1;
}

}  // namespace

int run_watchlist_command(std::span<const std::string_view> arguments) {
  std::string action;
  std::string config_path;
  std::vector<std::string> words;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    if (argument == "-h" || argument == "--help") {
      std::cout << kWatchlistUsage;
      return 0;
    }
    if (argument == "--config") {
      if (i + 1 >= arguments.size() || !config_path.empty()) return usage_error("--config FILE");
      config_path = std::string(arguments[++i]);
    } else if (action.empty()) {
      action = std::string(argument);
    } else if (action == "lookup" && !argument.starts_with("--")) {
      words.emplace_back(argument);
    } else {
      return usage_error("unexpected argument '" + std::string(argument) + "'");
    }
  }
  if (action != "stats" && action != "lookup") {
    return usage_error(action.empty() ? "missing stats or lookup"
                                      : "unknown action '" + action + "'");
  }
  if (config_path.empty()) return usage_error("missing --config FILE");
  if (action == "lookup" && words.empty()) return usage_error("lookup needs a NAME");
  LoadedConfig loaded;
  try {
    loaded = load_everything(
        config_path, LoadOptions{.keep_watchlist = true, .unset_secrets = UnsetSecrets::kLeaveOut});
  } catch (const config::ConfigError& error) {
    std::cerr << error.what() << "\n";
    return 1;
  } catch (const classify::RuleError& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  if (!loaded.watchlist) {
    std::cerr << config_path << ": no watchlist: section (set watchlist.sdn_dir)\n";
    return 1;
  }
  if (action == "stats") {
    print_stats(loaded);
    return 0;
  }
  std::string query;
  for (const std::string& word : words) query += (query.empty() ? "" : " ") + word;
  return run_lookup(loaded, query);
}

}  // namespace feedsentry::app
