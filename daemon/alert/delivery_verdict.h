#pragma once
// Pure judgement of one delivery attempt's outcome from the HTTP status, Retry-After header
// and body, per platform: delivered (with the platform's message id when it returns one),
// retry later (with the server's requested delay, if any), or permanent (dead-letter).
#include <optional>
#include <string>
#include <string_view>

#include "alert/output_spec.h"
#include "core/clock.h"

namespace feedsentry::alert {

struct Verdict {
  enum class Kind { kDelivered, kRetry, kPermanent } kind = Kind::kRetry;
  std::optional<core::Duration> retry_after;  // the server's requested wait, when it gave one
  std::string reason;                         // one line for logs; never holds a secret
  std::optional<std::string> remote_id;  // Discord message id, Telegram message_id, Matrix event_id
};

// `status` 0 means no HTTP response (connection error, timeout). Retryable: status 0, 408,
// 425, 429, 5xx (and Matrix M_RESOURCE_LIMIT_EXCEEDED). Everything else that is not 2xx is
// permanent, including 3xx (redirects are not followed for webhooks). A 2xx is delivered
// except Telegram's {"ok": false} (judged by its error_code). Teams Workflows' 202 means
// "flow run queued": it counts as delivered, since nothing later reports the run's outcome.
Verdict judge_response(const OutputSpec& spec, long status, std::string_view retry_after_header,
                       std::string_view body, core::SystemTime now);

}  // namespace feedsentry::alert
