#pragma once
// Starts the real feedsentry binary as a separate process (for tests that signal or kill
// it), with its output discarded, and stops it again.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <string>
#include <vector>

extern char** environ;

namespace feedsentry::testing {

// `feedsentry <arguments...>`; -1 when it could not be started. `environment`: NAME=value
// entries, or the test's own environment when null.
inline pid_t spawn_feedsentry(const std::vector<std::string>& arguments,
                              char* const* environment = nullptr) {
  const std::string binary = FEEDSENTRY_BINARY;
  std::vector<char*> argv = {const_cast<char*>(binary.c_str())};
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
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

}  // namespace feedsentry::testing
