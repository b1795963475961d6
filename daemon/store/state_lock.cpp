#include "store/state_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace feedsentry::store {

namespace {

// The pid the holder wrote, or empty when the file holds none yet (it writes right after
// taking the lock).
std::string holder_pid(int fd) {
  char buffer[32] = {};
  const ssize_t read_bytes = pread(fd, buffer, sizeof buffer - 1, 0);
  if (read_bytes <= 0) return {};
  std::string text(buffer, static_cast<std::size_t>(read_bytes));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return {};
  return text;
}

}  // namespace

core::Result<StateLock> StateLock::acquire(const std::filesystem::path& state_dir) {
  const std::filesystem::path path = state_dir / kFileName;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return core::fail(core::ErrorCode::kIo,
                      std::string("cannot open the state lock: ") + std::strerror(errno),
                      path.string());
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    std::string message;
    if (error == EWOULDBLOCK) {
      const std::string pid = holder_pid(fd);
      message = "state_dir " + state_dir.string() + " is in use by feedsentry" +
                (pid.empty() ? std::string() : " (pid " + pid + ")") +
                "; one process per state directory";
    } else {
      message =
          std::string("cannot lock state_dir ") + state_dir.string() + ": " + std::strerror(error);
    }
    ::close(fd);
    return core::fail(core::ErrorCode::kIo, message);
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  // Best effort: the pid only makes the second process's message more useful.
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
  return StateLock(fd);
}

StateLock& StateLock::operator=(StateLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

StateLock::~StateLock() {
  // Closing the descriptor releases the flock; the file stays, so the next holder reuses it.
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace feedsentry::store
