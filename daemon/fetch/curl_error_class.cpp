#include "fetch/detail/curl_error_class.h"

namespace feedsentry::fetch::detail {

ErrorClass classify_curl_code(CURLcode code, bool body_limit_hit) {
  switch (code) {
    case CURLE_OK:
      return ErrorClass::kNone;

    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return ErrorClass::kDns;

    // A refused connection and a connection that broke under the transfer are the same
    // thing to the caller: the peer is (transiently) unreachable, retry later.
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return ErrorClass::kConnect;

    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
      return ErrorClass::kTls;

    case CURLE_OPERATION_TIMEDOUT:
      return ErrorClass::kTimeout;

    case CURLE_TOO_MANY_REDIRECTS:
      return ErrorClass::kRedirect;

    case CURLE_FILESIZE_EXCEEDED:
      return ErrorClass::kTooLarge;
    case CURLE_WRITE_ERROR:
    case CURLE_ABORTED_BY_CALLBACK:
      return body_limit_hit ? ErrorClass::kTooLarge : ErrorClass::kOther;

    case CURLE_FILE_COULDNT_READ_FILE:
    case CURLE_READ_ERROR:
      return ErrorClass::kFile;

    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_RANGE_ERROR:
    case CURLE_PROXY:
      return ErrorClass::kProtocol;

    default:
      return ErrorClass::kOther;
  }
}

}  // namespace feedsentry::fetch::detail
