#pragma once
// SystemdNotifier: the daemon's side of the sd_notify(3) protocol (libsystemd) for a
// Type=notify service: READY, RELOADING (+MONOTONIC_USEC), STOPPING, STATUS, WATCHDOG and
// EXTEND_TIMEOUT_USEC. Outside systemd ($NOTIFY_SOCKET unset) every call sends nothing and
// returns false. Each call opens, sends on and closes its own datagram socket, so calls are
// thread-safe and the object holds no state. Send watchdog pings from a
// timer on the io_context that does the real work, every watchdog_interval().
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace feedsentry::app {

class SystemdNotifier {
 public:
  // Start-up finished (config loaded, DB open, timers armed), or a reload finished — accepted
  // or rejected. "READY=1", plus "STATUS=<status>" in the same message when not empty.
  bool ready(std::string_view status = {}) const;
  // On SIGHUP, before re-reading the config: "RELOADING=1\nMONOTONIC_USEC=<CLOCK_MONOTONIC µs>"
  // (systemd ≥ 253 needs the timestamp for Type=notify-reload; 252 ignores it). Always follow
  // with ready().
  bool reloading() const;
  // At the start of the shutdown drain: "STOPPING=1".
  bool stopping() const;
  // One line for `systemctl status`: "STATUS=<text>"; line breaks become spaces.
  bool status(std::string_view text) const;
  // Keep-alive: "WATCHDOG=1".
  bool watchdog_ping() const;
  // Asks for more time for a slow start, reload or stop: "EXTEND_TIMEOUT_USEC=<µs>".
  bool extend_timeout(std::chrono::microseconds extra) const;

  // How often to call watchdog_ping(): half of $WATCHDOG_USEC when the watchdog is enabled
  // for this process (sd_watchdog_enabled: $WATCHDOG_PID unset or ours), else nullopt.
  std::optional<std::chrono::microseconds> watchdog_interval() const;

  // Whether $NOTIFY_SOCKET is set, i.e. whether messages go anywhere.
  static bool under_systemd();

 private:
  bool send(const std::string& message) const;
};

}  // namespace feedsentry::app
