// Test-only tool (not installed): renders a varied set of alerts with the real renderers
// for every HTTP output type and writes each request body as a fixture that
// tests/payloads/check_payloads.mjs checks against the platforms' published SDK types.
//   payload_fixtures OUT_DIR   writes OUT_DIR/<type>/<case>.json, exits 1 on a render error
// A fixture is {"type", "case", "http_method", "api_method", "body"}; the URL is left out
// because it carries the output's credentials.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "alert/sample_alert.h"

namespace {

using namespace feedsentry::alert;
using namespace feedsentry::alert::fixtures;
using nlohmann::json;

struct NamedAlert {
  std::string name;
  Alert alert;
};

// The fewest fields an alert can have: no link, topics, summary, countries or date.
Alert minimal_alert() {
  Alert alert;
  alert.id = 1;
  alert.story_id = "story-1";
  alert.headline = "Minimal";
  alert.source = "Feed";
  alert.detected_at = at(kDetected);
  return alert;
}

Alert korean_russian_alert() {
  Alert alert = sample_alert();
  alert.headline = "북한, 정찰위성 2차 발사 실패 — Россия и КНДР расширяют военное сотрудничество";
  alert.summary =
      "합동참모본부는 북한이 동창리에서 위성을 발사했다고 밝혔다. Минфин США ввёл санкции "
      "против «Интеллект» и Сергея Козлова.";
  alert.source = "연합뉴스 / ТАСС";
  alert.topics.front().title = "Санкции против КНДР или России";
  alert.topics.front().terms = {"санкции", "제재"};
  alert.topics.back().terms = {"정찰위성", "발사"};
  alert.watchlist.front().name = "ООО «Интеллект»";
  return alert;
}

Alert single_topic_alert() {
  Alert alert = sample_alert();
  alert.topics.erase(alert.topics.begin());
  alert.countries = {"KP"};
  alert.watchlist.clear();
  alert.published.reset();
  return alert;
}

Alert many_terms_alert() {
  Alert alert = sample_alert();
  for (TopicHit& topic : alert.topics) {
    for (int i = 0; i < 25; ++i) topic.terms.push_back("term number " + std::to_string(i));
  }
  for (int i = 0; i < 20; ++i) {
    alert.watchlist.push_back(WatchlistHit{std::to_string(40000 + i),
                                           "Listed Party " + std::to_string(i),
                                           "entity",
                                           {"DPRK3", "RUSSIA-EO14024"},
                                           "Listed Party " + std::to_string(i)});
  }
  return alert;
}

// Links are feed text too: markup delimiters of every platform, quotes and non-ASCII.
Alert tricky_link_alert() {
  Alert alert = sample_alert();
  alert.link = "https://example.org/뉴스/a_(b)*c*?q=<x>&y=|z\"'`[d]#frag";
  return alert;
}

Alert long_followup() {
  Alert alert = huge_alert();
  alert.followup_of = 42;
  return alert;
}

std::vector<NamedAlert> alerts() {
  return {
      {"sample", sample_alert()},
      {"minimal", minimal_alert()},
      {"single_topic", single_topic_alert()},
      {"korean_russian", korean_russian_alert()},
      {"hostile_markup", hostile_alert()},
      {"tricky_link", tricky_link_alert()},
      {"many_terms", many_terms_alert()},
      {"huge", huge_alert()},
      {"followup", sample_followup()},
      {"followup_huge", long_followup()},
  };
}

struct Target {
  std::string name;  // fixture name prefix: type plus the setting that changes the payload
  OutputSpec spec;
};

std::vector<Target> targets() {
  return {
      {"slack", slack_spec()},
      {"discord_edit", discord_spec("edit")},
      {"discord_thread", discord_spec("thread")},
      {"mattermost", mattermost_spec()},
      {"mattermost_overrides",
       spec_for("mattermost", {{"webhook_url", "https://chat.example.org/hooks/KEYSECRET"},
                               {"channel", "sanctions-watch"},
                               {"username", "feedsentry"}})},
      {"teams", teams_spec()},
      {"telegram_thread", telegram_spec("thread")},
      {"telegram_edit", telegram_spec("edit")},
      {"telegram_channel_topic", spec_for("telegram", {{"bot_token", "123456:TOKENSECRET"},
                                                       {"chat_id", "@sanctions_watch"},
                                                       {"message_thread_id", "77"}})},
      {"matrix_thread", matrix_spec("thread")},
      {"matrix_edit", matrix_spec("edit")},
      {"google_chat_thread", google_chat_spec("thread")},
      {"google_chat_none", google_chat_spec("none")},
      {"ntfy", ntfy_spec()},
      {"webhook", webhook_spec()},
  };
}

// The Bot API method for Telegram (the last path segment); empty for the other types.
std::string api_method(const OutputSpec& spec, const HttpCall& call) {
  if (spec.type != OutputType::kTelegram) return "";
  return call.url.substr(call.url.rfind('/') + 1);
}

bool write_fixture(const std::filesystem::path& directory, const Target& target,
                   const std::string& case_name, const HttpCall& call) {
  json body = json::parse(call.body, nullptr, false);
  if (body.is_discarded()) {
    std::cerr << target.name << "/" << case_name << ": body is not JSON\n";
    return false;
  }
  const json fixture = {{"type", std::string(to_string(target.spec.type))},
                        {"case", target.name + "." + case_name},
                        {"http_method", call.method},
                        {"api_method", api_method(target.spec, call)},
                        {"body", std::move(body)}};
  const std::filesystem::path folder = directory / std::string(to_string(target.spec.type));
  std::filesystem::create_directories(folder);
  std::ofstream out(folder / (target.name + "." + case_name + ".json"));
  out << fixture.dump(2) << '\n';
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: payload_fixtures OUT_DIR\n";
    return 2;
  }
  const std::filesystem::path directory = argv[1];
  int written = 0;
  bool ok = true;
  for (const Target& target : targets()) {
    for (const NamedAlert& named : alerts()) {
      // Such an output never gets follow-ups queued (render_request refuses them).
      if (named.alert.followup_of && target.spec.followups == Followups::kNone) continue;
      // Follow-ups render differently with and without the first message's remote id.
      std::vector<std::pair<std::string, DeliveryContext>> contexts = {{"", context()}};
      if (named.alert.followup_of) {
        const std::string remote =
            target.spec.type == OutputType::kMatrix ? "$first-event:example.org" : "123456789";
        contexts.emplace_back(".known_first", context(remote));
      }
      for (const auto& [suffix, delivery] : contexts) {
        auto call = render_request(target.spec, named.alert, delivery);
        if (!call) {
          std::cerr << target.name << "/" << named.name << suffix << ": " << call.error().describe()
                    << "\n";
          ok = false;
          continue;
        }
        ok = write_fixture(directory, target, named.name + suffix, *call) && ok;
        ++written;
      }
    }
  }
  std::cout << "payload_fixtures: wrote " << written << " fixtures to " << directory.string()
            << "\n";
  return ok ? 0 : 1;
}
