#pragma once
// Standard Webhooks signing (standard-webhooks spec): HMAC-SHA256 over
// "<msg_id>.<timestamp>.<body>" keyed with the base64-decoded secret ("whsec_" prefix
// optional), sent as "webhook-signature: v1,<base64 digest>". OpenSSL does the HMAC.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace feedsentry::alert {

// "v1,<base64>". Errors: the secret is not base64, or id contains '.' (the spec forbids it,
// because '.' separates the signed parts). Messages never contain the secret.
core::Result<std::string> sign_webhook(std::string_view secret, std::string_view message_id,
                                       std::int64_t timestamp, std::string_view body);

// Strict RFC 4648 base64 (padding required); nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view text);
std::string base64_encode(std::string_view bytes);

}  // namespace feedsentry::alert
