#include "fetch/request_headers.h"

#include <gtest/gtest.h>

namespace feedsentry::fetch {
namespace {

using Lines = std::vector<std::string>;

TEST(RequestHeaders, PlainGetSendsNothingExtra) {
  EXPECT_EQ(request_header_lines({}), Lines{});
}

TEST(RequestHeaders, ValidatorsBecomeConditionalHeadersVerbatim) {
  Request request;
  request.etag = "W/\"abc\"";
  request.last_modified = "Fri, 01 Sep 2023 14:00:00 GMT";
  EXPECT_EQ(
      request_header_lines(request),
      (Lines{"If-None-Match: W/\"abc\"", "If-Modified-Since: Fri, 01 Sep 2023 14:00:00 GMT"}));
}

TEST(RequestHeaders, CallerHeadersComeFirstAndEmptyValuesUseCurlSpelling) {
  Request request;
  request.headers = {{"Authorization", "Bearer t"}, {"X-Empty", ""}};
  EXPECT_EQ(request_header_lines(request), (Lines{"Authorization: Bearer t", "X-Empty;"}));
}

TEST(RequestHeaders, LineBreaksCannotSmuggleHeaders) {
  Request request;
  request.headers = {{"X-Ok", "1"}, {"X-Bad", "a\r\nInjected: yes"}, {"X\nBad", "v"}};
  request.etag = "\"v1\"\r\nInjected: yes";
  EXPECT_EQ(request_header_lines(request), (Lines{"X-Ok: 1"}));
}

TEST(RequestHeaders, BodySuppressesExpectContinue) {
  Request request;
  request.method = "POST";
  request.body = "{}";
  EXPECT_EQ(request_header_lines(request), (Lines{"Expect:"}));
}

}  // namespace
}  // namespace feedsentry::fetch
