// The generic webhook: the v1 JSON document, Standard Webhooks signature headers with an id
// that is stable across retries, Idempotency-Key, and custom headers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "alert/webhook_signature.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

std::string header(const HttpCall& call, std::string_view name) {
  for (const auto& [key, value] : call.headers) {
    if (key == name) return value;
  }
  return {};
}

TEST(RenderWebhook, BodyIsTheJsonLineDocument) {
  const auto call = render_request(webhook_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://hooks.example.org/feedsentry");
  EXPECT_EQ(call->body, render_json_line(sample_alert()));
  EXPECT_EQ(header(*call, "Content-Type"), "application/json");
  EXPECT_EQ(header(*call, "X-Team"), "newsroom");
}

TEST(RenderWebhook, SignsIdTimestampAndBody) {
  const auto call = render_request(webhook_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(header(*call, "webhook-id"), "fs_1001_3341cd6a");
  EXPECT_EQ(header(*call, "webhook-timestamp"), "1700000000");
  const auto expected = sign_webhook(
      "whsec_c2VjcmV0LWtleS1mb3ItZmVlZHNlbnRyeQ==", "fs_1001_3341cd6a", 1700000000, call->body);
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(header(*call, "webhook-signature"), *expected);
  EXPECT_EQ(header(*call, "Idempotency-Key"), header(*call, "webhook-id"));
}

TEST(RenderWebhook, RetryKeepsIdButSignsTheNewTimestamp) {
  DeliveryContext first = context();
  DeliveryContext retry = context();
  retry.now += std::chrono::minutes(5);
  const auto a = render_request(webhook_spec(), sample_alert(), first);
  const auto b = render_request(webhook_spec(), sample_alert(), retry);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(header(*a, "webhook-id"), header(*b, "webhook-id"));
  EXPECT_EQ(header(*b, "webhook-timestamp"), "1700000300");
  EXPECT_NE(header(*a, "webhook-signature"), header(*b, "webhook-signature"));
  EXPECT_EQ(a->body, b->body);
}

TEST(RenderWebhook, DifferentDeliveriesGetDifferentIds) {
  DeliveryContext other = context();
  other.delivery_id = 1002;
  EXPECT_NE(delivery_key(sample_alert(), context()), delivery_key(sample_alert(), other));
}

TEST(RenderWebhook, NoSignatureHeadersWithoutSecret) {
  const OutputSpec spec = spec_for("webhook", {{"url", "https://hooks.example.org/x"}});
  const auto call = render_request(spec, sample_alert(), context());
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(header(*call, "webhook-signature"), "");
  EXPECT_EQ(header(*call, "webhook-id"), "");
  EXPECT_EQ(header(*call, "Idempotency-Key"), "fs_1001_3341cd6a");
}

TEST(RenderWebhook, FollowupIsTheFullDocumentWithItsEvent) {
  const auto call = render_request(webhook_spec(), sample_followup(), context());
  ASSERT_TRUE(call.has_value());
  const json body = json::parse(call->body);
  EXPECT_EQ(body["event"], "alert.followup");
  EXPECT_EQ(body["followup_of"], 42);
  EXPECT_EQ(body["also_reported"][0]["source"], "Yonhap");
}

}  // namespace
}  // namespace feedsentry::alert
