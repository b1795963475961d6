#pragma once
// gzip-compresses a string for tests of Content-Encoding handling. Header-only; the test
// binary must link zlib (ZLIB::ZLIB).
#include <stdexcept>
#include <string>
#include <string_view>

#include <zlib.h>

namespace feedsentry::test_support {

inline std::string gzip(std::string_view data) {
  z_stream stream{};
  // windowBits 15 + 16: gzip wrapper rather than zlib's.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

}  // namespace feedsentry::test_support
