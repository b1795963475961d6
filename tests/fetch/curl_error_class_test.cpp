#include "fetch/detail/curl_error_class.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace feedsentry::fetch::detail {
namespace {

TEST(CurlErrorClass, SuccessIsNone) {
  EXPECT_EQ(classify_curl_code(CURLE_OK, false), ErrorClass::kNone);
}

TEST(CurlErrorClass, ResolutionFailuresAreDns) {
  EXPECT_EQ(classify_curl_code(CURLE_COULDNT_RESOLVE_HOST, false), ErrorClass::kDns);
  EXPECT_EQ(classify_curl_code(CURLE_COULDNT_RESOLVE_PROXY, false), ErrorClass::kDns);
}

TEST(CurlErrorClass, RefusedAndBrokenConnectionsAreConnect) {
  for (const CURLcode code : {CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
                              CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE}) {
    EXPECT_EQ(classify_curl_code(code, false), ErrorClass::kConnect) << code;
  }
}

TEST(CurlErrorClass, CertificateAndHandshakeFailuresAreTls) {
  for (const CURLcode code : {CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION,
                              CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM}) {
    EXPECT_EQ(classify_curl_code(code, false), ErrorClass::kTls) << code;
  }
}

TEST(CurlErrorClass, TimeoutsAndRedirects) {
  EXPECT_EQ(classify_curl_code(CURLE_OPERATION_TIMEDOUT, false), ErrorClass::kTimeout);
  EXPECT_EQ(classify_curl_code(CURLE_TOO_MANY_REDIRECTS, false), ErrorClass::kRedirect);
}

TEST(CurlErrorClass, WriteErrorIsTooLargeOnlyWhenOurLimitRefusedTheData) {
  EXPECT_EQ(classify_curl_code(CURLE_WRITE_ERROR, true), ErrorClass::kTooLarge);
  EXPECT_EQ(classify_curl_code(CURLE_WRITE_ERROR, false), ErrorClass::kOther);
  EXPECT_EQ(classify_curl_code(CURLE_FILESIZE_EXCEEDED, false), ErrorClass::kTooLarge);
}

TEST(CurlErrorClass, FileReadFailuresAreFile) {
  EXPECT_EQ(classify_curl_code(CURLE_FILE_COULDNT_READ_FILE, false), ErrorClass::kFile);
}

TEST(CurlErrorClass, ProtocolViolationsAndBadUrlsAreProtocol) {
  for (const CURLcode code : {CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT,
                              CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2}) {
    EXPECT_EQ(classify_curl_code(code, false), ErrorClass::kProtocol) << code;
  }
}

TEST(CurlErrorClass, AnythingElseIsOther) {
  EXPECT_EQ(classify_curl_code(CURLE_OUT_OF_MEMORY, false), ErrorClass::kOther);
  EXPECT_EQ(classify_curl_code(CURLE_LOGIN_DENIED, false), ErrorClass::kOther);
}

TEST(ErrorClassName, NamesAreDistinctAndStable) {
  std::set<std::string> names;
  for (int value = static_cast<int>(ErrorClass::kNone);
       value <= static_cast<int>(ErrorClass::kOther); ++value) {
    names.emplace(error_class_name(static_cast<ErrorClass>(value)));
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(ErrorClass::kOther) + 1);
  EXPECT_EQ(error_class_name(ErrorClass::kTooLarge), "too_large");
  EXPECT_EQ(error_class_name(ErrorClass::kBotWall), "bot_wall");
}

}  // namespace
}  // namespace feedsentry::fetch::detail
