// Generic JSON webhook: the "feedsentry.alert/v1" document (see alert_json.h), the same bytes
// as a JSON line of the file sink. With a secret, Standard Webhooks headers sign
// "<webhook-id>.<timestamp>.<body>"; webhook-id (and Idempotency-Key, equal to it) stays the
// same across retries of one outbox row so receivers can deduplicate. Follow-ups are a new
// document with "event": "alert.followup" and followup_of set.
#include "alert/render_platforms.h"
#include "alert/webhook_signature.h"

namespace feedsentry::alert::detail {

core::Result<HttpCall> render_webhook(const OutputSpec& spec, const Alert& alert,
                                      const DeliveryContext& context) {
  HttpCall call{
      "POST", spec.url, {{"Content-Type", std::string(kJsonContentType)}}, render_json_line(alert)};
  const std::string id = delivery_key(alert, context);
  if (!spec.webhook_secret.empty()) {
    const std::int64_t timestamp = core::to_unix_seconds(context.now);
    auto signature = sign_webhook(spec.webhook_secret, id, timestamp, call.body);
    if (!signature) return tl::unexpected(signature.error());
    call.headers.emplace_back("webhook-id", id);
    call.headers.emplace_back("webhook-timestamp", std::to_string(timestamp));
    call.headers.emplace_back("webhook-signature", *signature);
  }
  call.headers.emplace_back("Idempotency-Key", id);
  for (const auto& header : spec.headers) call.headers.push_back(header);
  return call;
}

}  // namespace feedsentry::alert::detail
