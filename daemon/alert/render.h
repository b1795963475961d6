#pragma once
// Pure rendering of an Alert for each output type: the HTTP request for chat and webhook
// outputs, the JSON line for the file sink and the console line. No I/O, no clock reads:
// everything that varies (retry identity, time, the id of a story's first message) comes in
// through DeliveryContext, so a retry of the same outbox row renders the same request.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "alert/alert.h"
#include "alert/output_spec.h"
#include "core/clock.h"
#include "core/result.h"

namespace feedsentry::alert {

struct HttpCall {
  std::string method;  // POST, PUT or PATCH
  std::string url;     // carries credentials for most platforms: log redact_url(url) only
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct DeliveryContext {
  std::int64_t delivery_id = 0;  // outbox row id, stable across retries
  core::SystemTime now{};
  // For follow-ups: the platform's id of the story's first message on this output, when
  // known (Discord message id, Telegram message_id, Matrix event_id).
  std::optional<std::string> original_remote_id;
};

// The request for an HTTP output type. Errors: a file/console spec, or a follow-up alert on
// an output with `followups: none` (the dispatcher should not have queued it).
//
// Follow-ups (alert.followup_of set), by platform and mode:
//   discord   edit: PATCH the first message (needs original_remote_id); thread: new message
//   telegram  edit: editMessageText; thread: reply (reply_parameters) to the first message
//   matrix    edit: m.replace of the first event; thread: m.thread relation to it
//   google_chat thread: same thread.threadKey (derived from the story id) as the first message
//   slack, mattermost, teams, ntfy, webhook, and any platform when original_remote_id is
//   unknown: a short new message "Also reported by X: <headline>" (webhook: the full
//   JSON document with event "alert.followup").
core::Result<HttpCall> render_request(const OutputSpec& spec, const Alert& alert,
                                      const DeliveryContext& context);

// One line (no trailing newline) of the versioned JSON schema "feedsentry.alert/v1", the
// same document the generic webhook posts. Omits feed_url, which may carry a token.
std::string render_json_line(const Alert& alert);

// One human-readable line for a terminal; control characters removed.
std::string render_console_line(const Alert& alert);

// The Matrix transaction id and the Standard Webhooks message id for one delivery: derived
// from the outbox row id (and the story) so every retry of that row reuses it.
std::string delivery_key(const Alert& alert, const DeliveryContext& context);

}  // namespace feedsentry::alert
