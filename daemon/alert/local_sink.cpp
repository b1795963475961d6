#include "alert/local_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

namespace feedsentry::alert {

namespace {

core::Result<void> write_all(int fd, const char* data, std::size_t size, const std::string& where) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return core::fail(core::ErrorCode::kIo, std::string("write failed: ") + std::strerror(errno),
                        where);
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return {};
}

}  // namespace

FileSink::~FileSink() {
  if (fd_ >= 0) ::close(fd_);
}

core::Result<void> FileSink::append_line(const std::string& line) {
  const std::string where = path_.string();
  if (fd_ < 0) {
    std::error_code ignored;
    if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ignored);
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd_ < 0) {
      return core::fail(core::ErrorCode::kIo,
                        std::string("cannot open alert file: ") + std::strerror(errno), where);
    }
  }
  std::string record = line;
  record.push_back('\n');
  // One write() of the whole line: with O_APPEND a concurrent reader never sees half of it.
  if (auto written = write_all(fd_, record.data(), record.size(), where); !written) {
    return written;
  }
  if (::fsync(fd_) != 0) {
    return core::fail(core::ErrorCode::kIo, std::string("fsync failed: ") + std::strerror(errno),
                      where);
  }
  return {};
}

void FileSink::reopen() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

core::Result<void> write_console_line(const std::string& line) {
  std::cout << line << '\n' << std::flush;
  if (!std::cout) {
    std::cout.clear();
    return core::fail(core::ErrorCode::kIo, "cannot write to standard output", "console");
  }
  return {};
}

}  // namespace feedsentry::alert
