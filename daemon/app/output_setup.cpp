#include "app/output_setup.h"

#include <algorithm>
#include <set>

#include "config/suggestion.h"

namespace feedsentry::app {

namespace {

// The location of the setting an error message names (the longest key it mentions), else
// the output entry itself.
config::SourceLocation location_of_problem(const config::OutputConfig& output,
                                           const std::string& message) {
  const config::SourceLocation* best = &output.origin;
  std::size_t best_length = 0;
  for (const auto& [key, where] : output.settings_origin) {
    if (key.size() > best_length && message.find(key) != std::string::npos) {
      best = &where;
      best_length = key.size();
    }
  }
  return *best;
}

// An unknown `type:` at its line, with the nearest known type ("slak" -> "slack").
void require_known_type(const config::OutputConfig& output) {
  const std::vector<std::string_view> types = alert::output_type_names();
  if (std::find(types.begin(), types.end(), output.type) != types.end()) return;
  std::string known;
  for (const std::string_view type : types) (known += known.empty() ? "" : ", ") += type;
  const std::optional<std::string> suggestion = config::closest_match(output.type, types);
  throw config::ConfigError(output.type_origin.line > 0 ? output.type_origin : output.origin,
                            "output '" + output.name + "': unknown type '" + output.type + "'" +
                                (suggestion ? " (did you mean '" + *suggestion + "'?)" : "") +
                                "; known types: " + known);
}

}  // namespace

std::vector<config::ConfigWarning> literal_secret_warnings(const config::Config& config) {
  std::vector<config::ConfigWarning> warnings;
  for (const config::OutputConfig& output : config.outputs) {
    for (const std::string& key : output.literal_settings) {
      if (!alert::is_secret_setting(key)) continue;
      const auto written = output.settings_origin.find(key);
      warnings.push_back(
          {written != output.settings_origin.end() ? written->second : output.origin,
           "output '" + output.name + "': settings." + key +
               " is written literally in the config file; it is a secret, so keep it in the "
               "environment and refer to it as ${VARIABLE} (e.g. in /etc/feedsentry/env)"});
    }
  }
  return warnings;
}

OutputSetup make_outputs(const config::Config& config,
                         const std::vector<std::string>& known_topics) {
  OutputSetup setup;
  std::set<std::string> names;
  for (const config::OutputConfig& output : config.outputs) {
    if (!names.insert(output.name).second) {
      throw config::ConfigError(output.origin, "outputs: two outputs are named '" + output.name +
                                                   "'; give each a unique name");
    }
    require_known_type(output);
    std::map<std::string, std::string> settings = output.settings;
    if (output.type == "file") {
      if (auto path = settings.find("path"); path != settings.end() && !path->second.empty()) {
        path->second = (output.base_dir / path->second).lexically_normal().string();
      }
    }
    auto spec = alert::make_output_spec(output.name, output.type, settings);
    if (!spec) {
      throw config::ConfigError(location_of_problem(output, spec.error().message),
                                spec.error().message);
    }
    for (const std::string& topic : output.topics) {
      if (!known_topics.empty() &&
          std::find(known_topics.begin(), known_topics.end(), topic) == known_topics.end()) {
        std::string list;
        for (const std::string& id : known_topics) list += (list.empty() ? "" : ", ") + id;
        throw config::ConfigError(output.origin, "output '" + output.name + "': unknown topic '" +
                                                     topic + "' (the rules define: " + list + ")");
      }
    }
    alert::OutputPlan plan;
    plan.retry.max_age = output.max_age;
    alert::Route route;
    route.output = output.name;
    route.enabled = output.enabled;
    route.topics = output.topics;
    route.min_score = output.min_score;
    route.tags = output.tags;
    // The file sink is the record: it always logs later copies of a story.
    route.takes_followups =
        spec->type == alert::OutputType::kFile || spec->followups != alert::Followups::kNone;
    plan.spec = std::move(*spec);
    setup.plans.push_back(std::move(plan));
    setup.routes.push_back(std::move(route));
  }
  return setup;
}

}  // namespace feedsentry::app
