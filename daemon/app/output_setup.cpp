#include "app/output_setup.h"

#include <algorithm>
#include <set>

#include "alert/webhook_signature.h"
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

// "output 'team-slack': settings.webhook_url: ${SLACK_WEBHOOK_URL} is not set": the output,
// the setting and the variable, never a value.
std::string unset_message(const config::OutputConfig& output, const std::string& key,
                          const std::vector<std::string>& variables) {
  std::string listed;
  for (const std::string& name : variables) {
    listed += (listed.empty() ? "" : ", ") + ("${" + name + "}");
  }
  return "output '" + output.name + "': settings." + key + ": " + listed +
         (variables.size() == 1 ? " is" : " are") + " not set";
}

// A stand-in that passes the setting's validation, so a dry run can render the request.
// URL settings get a host that cannot resolve (RFC 2606 .invalid), a signing secret valid
// base64; anything else, or a variable inside a longer value, the word "unset".
std::string placeholder_value(const std::string& key, const std::string& written,
                              const std::vector<std::string>& variables) {
  const bool whole = variables.size() == 1 && written == "${" + variables.front() + "}";
  if (whole && (key == "webhook_url" || key == "url" || key == "homeserver" || key == "server" ||
                key == "api_url")) {
    return "https://unset.invalid/" + variables.front();
  }
  if (whole && key == "secret") return "whsec_" + alert::base64_encode("feedsentry-unset-secret");
  std::string value = written;
  for (const std::string& name : variables) {
    const std::string reference = "${" + name + "}";
    for (std::size_t at = value.find(reference); at != std::string::npos;
         at = value.find(reference, at)) {
      value.replace(at, reference.size(), "unset");
    }
  }
  return value;
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
    for (const auto& [key, value] : output.settings) {
      if (!alert::is_secret_setting(key) || output.settings_from_environment.contains(key)) {
        continue;
      }
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

OutputSetup make_outputs(const config::Config& config, const std::vector<std::string>& known_topics,
                         UnsetSecrets unset_secrets) {
  OutputSetup setup;
  std::set<std::string> names;
  for (const config::OutputConfig& output : config.outputs) {
    if (!names.insert(output.name).second) {
      throw config::ConfigError(output.origin, "outputs: two outputs are named '" + output.name +
                                                   "'; give each a unique name");
    }
    require_known_type(output);
    std::map<std::string, std::string> settings = output.settings;
    for (const auto& [key, variables] : output.unset_variables) {
      const std::string message = unset_message(output, key, variables);
      if (unset_secrets == UnsetSecrets::kFail) {
        const auto where = output.settings_origin.find(key);
        throw config::ConfigError(
            where != output.settings_origin.end() ? where->second : output.origin, message);
      }
      setup.unset_notes.push_back(message);
      settings[key] = placeholder_value(key, settings[key], variables);
    }
    if (unset_secrets == UnsetSecrets::kLeaveOut && !output.unset_variables.empty()) continue;
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
