#pragma once
// Runs the real feedsentry binary, as a user or a script would, and captures stdout.
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace feedsentry::testing {

struct CommandResult {
  int status = -1;
  std::string output;
};

// `arguments` go through the shell; stderr is appended to the output when `with_stderr`.
inline CommandResult run(const std::string& arguments, bool with_stderr = false) {
  CommandResult result;
  const std::string command =
      std::string(FEEDSENTRY_BINARY) + " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), read);
  }
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Feeds `input` on standard input through a temporary file.
inline CommandResult run_with_input(const std::string& arguments, const std::string& input,
                                    bool with_stderr = false) {
  char path[] = "/tmp/feedsentry-cli-XXXXXX";
  const int descriptor = mkstemp(path);
  if (descriptor < 0) return {};
  FILE* file = fdopen(descriptor, "w");
  fwrite(input.data(), 1, input.size(), file);
  fclose(file);
  CommandResult result = run(arguments + " < " + path, with_stderr);
  std::remove(path);
  return result;
}

}  // namespace feedsentry::testing
