// Standard Webhooks signatures. Expected values were computed independently with Python:
//   base64.b64encode(hmac.new(base64.b64decode(secret), f"{id}.{ts}.{body}".encode(),
//                             hashlib.sha256).digest())
// The first vector is also the one published in the standard-webhooks repository.
#include <gtest/gtest.h>

#include <vector>

#include "alert/webhook_signature.h"

namespace feedsentry::alert {
namespace {

TEST(WebhookSignature, MatchesTheSpecTestVector) {
  const auto signature =
      sign_webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                   1614265330, R"({"test": 2432232314})");
  ASSERT_TRUE(signature.has_value());
  EXPECT_EQ(*signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(WebhookSignature, MatchesAnIndependentVectorWithUtf8Body) {
  const auto signature =
      sign_webhook("whsec_c2VjcmV0LWtleS1mb3ItZmVlZHNlbnRyeQ==", "fs_42_0a1b2c3d", 1700000000,
                   "{\"schema\":\"feedsentry.alert/v1\",\"headline\":\"Hangul 한국 &<>\"}");
  ASSERT_TRUE(signature.has_value());
  EXPECT_EQ(*signature, "v1,UTGwJTsbVH9H1T9do4F2ck5HQqd9zFlM+GYfTb69jUU=");
}

TEST(WebhookSignature, PrefixIsOptional) {
  const auto bare = sign_webhook("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                 1614265330, R"({"test": 2432232314})");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(*bare, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(WebhookSignature, RejectsBadSecretWithoutEchoingIt) {
  const auto signature = sign_webhook("whsec_not*base64!", "id", 1, "{}");
  ASSERT_FALSE(signature.has_value());
  EXPECT_EQ(signature.error().message.find("not*base64"), std::string::npos);
}

TEST(WebhookSignature, RejectsIdWithDot) {
  EXPECT_FALSE(sign_webhook("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "a.b", 1, "{}").has_value());
}

TEST(Base64, RoundTripsAndIsStrict) {
  for (const std::string& text : std::vector<std::string>{
           "", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\xff\x00\x10", 3)}) {
    const auto decoded = base64_decode(base64_encode(text));
    ASSERT_TRUE(decoded.has_value()) << text;
    EXPECT_EQ(*decoded, text);
  }
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_FALSE(base64_decode("Zm9").has_value());
  EXPECT_FALSE(base64_decode("Zm=v").has_value());
  EXPECT_FALSE(base64_decode("Zm9v!A==").has_value());
  EXPECT_FALSE(base64_decode("=Zm9").has_value());
}

}  // namespace
}  // namespace feedsentry::alert
