#pragma once
// Starts the real feedsentry binary as a separate process (for tests that signal or kill
// it), with its output discarded, and stops it again.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>

#include <string>
#include <vector>

extern char** environ;

namespace feedsentry::testing {

// `feedsentry <arguments...>`; -1 when it could not be started. `environment`: NAME=value
// entries, or the test's own environment when null. `stderr_path`: where its log goes.
inline pid_t spawn_feedsentry(const std::vector<std::string>& arguments,
                              char* const* environment = nullptr,
                              const std::string& stderr_path = "/dev/null") {
  const std::string binary = FEEDSENTRY_BINARY;
  std::vector<char*> argv = {const_cast<char*>(binary.c_str())};
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0600);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(),
                                  environment != nullptr ? environment : environ);
  posix_spawn_file_actions_destroy(&actions);
  return spawned == 0 ? pid : -1;
}

// Sends `signal` and waits for the process; returns its wait status.
inline int stop_process(pid_t pid, int signal) {
  kill(pid, signal);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

// A TCP port on 127.0.0.1 that was free a moment ago.
inline std::uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// GET `path` from 127.0.0.1:port: the whole response (status line, headers, body); "" when
// nothing answers.
inline std::string http_get(std::uint16_t port, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return {};
  }
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  (void)write(fd, request.data(), request.size());
  std::string response;
  char buffer[8192];
  for (ssize_t got; (got = read(fd, buffer, sizeof buffer)) > 0;) response.append(buffer, got);
  close(fd);
  return response;
}

}  // namespace feedsentry::testing
