#include "app/sd_notify.h"

#include <systemd/sd-daemon.h>
#include <time.h>

#include <cstdint>
#include <cstdlib>

namespace feedsentry::app {
namespace {

std::string one_line(std::string_view text) {
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return line;
}

std::uint64_t monotonic_microseconds() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000u +
         static_cast<std::uint64_t>(now.tv_nsec) / 1'000u;
}

}  // namespace

bool SystemdNotifier::send(const std::string& message) const {
  // > 0 sent, 0 no $NOTIFY_SOCKET, < 0 error; sd_notify(3) advises ignoring failures.
  return sd_notify(0, message.c_str()) > 0;
}

bool SystemdNotifier::ready(std::string_view status) const {
  std::string message = "READY=1";
  if (!status.empty()) message += "\nSTATUS=" + one_line(status);
  return send(message);
}

bool SystemdNotifier::reloading() const {
  return send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonic_microseconds()));
}

bool SystemdNotifier::stopping() const {
  return send("STOPPING=1");
}

bool SystemdNotifier::status(std::string_view text) const {
  return send("STATUS=" + one_line(text));
}

bool SystemdNotifier::watchdog_ping() const {
  return send("WATCHDOG=1");
}

bool SystemdNotifier::extend_timeout(std::chrono::microseconds extra) const {
  return send("EXTEND_TIMEOUT_USEC=" + std::to_string(extra.count() > 0 ? extra.count() : 0));
}

std::optional<std::chrono::microseconds> SystemdNotifier::watchdog_interval() const {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(static_cast<std::int64_t>(usec / 2));
}

bool SystemdNotifier::under_systemd() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  return socket != nullptr && *socket != '\0';
}

}  // namespace feedsentry::app
