#include "alert/webhook_signature.h"

#include <array>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace feedsentry::alert {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int decode_char(char c) {
  const std::size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    std::array<int, 4> values{};
    int padding = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = text[i + j];
      if (c == '=' && last && j >= 2) {
        ++padding;
        values[j] = 0;
        continue;
      }
      if (padding > 0) return std::nullopt;  // data after padding
      values[j] = decode_char(c);
      if (values[j] < 0) return std::nullopt;
    }
    const unsigned triple =
        (static_cast<unsigned>(values[0]) << 18) | (static_cast<unsigned>(values[1]) << 12) |
        (static_cast<unsigned>(values[2]) << 6) | static_cast<unsigned>(values[3]);
    out += static_cast<char>((triple >> 16) & 0xff);
    if (padding < 2) out += static_cast<char>((triple >> 8) & 0xff);
    if (padding < 1) out += static_cast<char>(triple & 0xff);
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t count = std::min<std::size_t>(3, bytes.size() - i);
    unsigned triple = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      triple <<= 8;
      if (j < count) triple |= static_cast<unsigned char>(bytes[i + j]);
    }
    out += kAlphabet[(triple >> 18) & 63];
    out += kAlphabet[(triple >> 12) & 63];
    out += count > 1 ? kAlphabet[(triple >> 6) & 63] : '=';
    out += count > 2 ? kAlphabet[triple & 63] : '=';
  }
  return out;
}

core::Result<std::string> sign_webhook(std::string_view secret, std::string_view message_id,
                                       std::int64_t timestamp, std::string_view body) {
  if (secret.starts_with("whsec_")) secret.remove_prefix(6);
  const auto key = base64_decode(secret);
  if (!key || key->empty()) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "webhook secret must be base64, optionally prefixed with whsec_");
  }
  if (message_id.empty() || message_id.find('.') != std::string_view::npos) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "webhook id must be non-empty and must not contain '.'");
  }
  std::string content;
  content.reserve(message_id.size() + body.size() + 24);
  content.append(message_id).append(".").append(std::to_string(timestamp)).append(".").append(body);

  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_length = 0;
  const unsigned char* result = HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()),
                                     reinterpret_cast<const unsigned char*>(content.data()),
                                     content.size(), digest.data(), &digest_length);
  if (result == nullptr) {
    return core::fail(core::ErrorCode::kIo, "HMAC-SHA256 failed in OpenSSL");
  }
  return "v1," + base64_encode(
                     std::string_view(reinterpret_cast<const char*>(digest.data()), digest_length));
}

}  // namespace feedsentry::alert
