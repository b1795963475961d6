#pragma once
// Internal: one renderer per HTTP platform, called by render_request() after the common
// checks (type has an HTTP form; follow-ups enabled). Each lives in render_<platform>.cpp.
#include <nlohmann/json.hpp>

#include "alert/render.h"

namespace feedsentry::alert::detail {

core::Result<HttpCall> render_slack(const OutputSpec&, const Alert&, const DeliveryContext&);
core::Result<HttpCall> render_discord(const OutputSpec&, const Alert&, const DeliveryContext&);
core::Result<HttpCall> render_mattermost(const OutputSpec&, const Alert&, const DeliveryContext&);
core::Result<HttpCall> render_teams(const OutputSpec&, const Alert&, const DeliveryContext&);
core::Result<HttpCall> render_telegram(const OutputSpec&, const Alert&, const DeliveryContext&);
core::Result<HttpCall> render_matrix(const OutputSpec&, const Alert&, const DeliveryContext&);
core::Result<HttpCall> render_google_chat(const OutputSpec&, const Alert&, const DeliveryContext&);
core::Result<HttpCall> render_ntfy(const OutputSpec&, const Alert&, const DeliveryContext&);
core::Result<HttpCall> render_webhook(const OutputSpec&, const Alert&, const DeliveryContext&);

inline bool is_followup(const Alert& alert) {
  return alert.followup_of.has_value();
}

// Appends `name=value` to a URL's query.
std::string with_query(std::string_view url, std::string_view parameter);

inline constexpr std::string_view kJsonContentType = "application/json";

// Serialises a request body. Feed text is already valid UTF-8; anything else that reaches a
// body (config values, stored remote ids) is repaired with U+FFFD instead of throwing.
template <typename Json>
std::string to_body(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace feedsentry::alert::detail
