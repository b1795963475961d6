#include "config/section_readers.h"
#include "config/suggestion.h"

namespace feedsentry::config {

WatchlistConfig read_watchlist_section(const YamlReader& yaml, const YAML::Node& node,
                                       const std::filesystem::path& base_dir) {
  const MapReader map(yaml, node, "watchlist", {"sdn_dir", "format", "programs", "types"});
  WatchlistConfig watchlist;
  watchlist.enabled = true;
  watchlist.origin = yaml.at(node);
  std::string dir;
  if (!map.read_string("sdn_dir", dir)) {
    throw ConfigError(watchlist.origin,
                      "watchlist: needs sdn_dir, the directory holding OFAC's sdn.csv (with "
                      "alt.csv, add.csv) or SDN.XML");
  }
  watchlist.sdn_dir = (base_dir / dir).lexically_normal();
  watchlist.sdn_dir_origin = map.at("sdn_dir");
  if (map.read_string("format", watchlist.format) && watchlist.format != "auto" &&
      watchlist.format != "csv" && watchlist.format != "xml") {
    const std::optional<std::string> suggestion =
        closest_match(watchlist.format, {"auto", "csv", "xml"});
    map.fail("format", "expected csv, xml or auto, got '" + watchlist.format + "'" +
                           (suggestion ? " (did you mean '" + *suggestion + "'?)" : ""));
  }
  map.read_string_list("programs", watchlist.programs);
  for (const YAML::Node& item : map.read_list("types")) {
    const std::string type = yaml.scalar(item, "watchlist.types");
    const std::initializer_list<std::string_view> kTypes = {"individual", "entity", "vessel",
                                                            "aircraft"};
    bool known = false;
    for (const std::string_view candidate : kTypes) known = known || candidate == type;
    if (!known) {
      const std::optional<std::string> suggestion = closest_match(type, kTypes);
      yaml.fail(item, "watchlist.types: unknown type '" + type +
                          "' (individual, entity, vessel or aircraft)" +
                          (suggestion ? "; did you mean '" + *suggestion + "'?" : ""));
    }
    watchlist.types.push_back(type);
  }
  if (map.has("types") && watchlist.types.empty()) {
    map.fail("types", "needs at least one type (or leave it out for every type)");
  }
  return watchlist;
}

}  // namespace feedsentry::config
