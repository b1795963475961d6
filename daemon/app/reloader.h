#pragma once
// Live reload (SIGHUP, `systemctl reload`): tells systemd RELOADING=1, reopens the alert
// files, then loads and validates the config, rules and outputs completely on a thread of
// its own — the event loop keeps polling and delivering meanwhile — and swaps the result into
// the running pipeline on the io thread. A config that fails to load is logged with its
// file:line:col and the running one stays. Either way READY=1 follows. A reload asked for
// while one runs is done once more after it, so the last edit always takes effect. The
// same happens when the watch list's SDN files change on disk.
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <string>

#include "app/loaded_config.h"
#include "app/pipeline.h"
#include "app/sd_notify.h"

namespace feedsentry::app {

struct ReloadHooks {
  std::function<std::string()> status_line;  // for READY=1's STATUS=
  // metrics; `error` is "file:line:col: message" of a rejected config, "" when ok
  std::function<void(bool ok, const std::string& error)> finished;
};

class Reloader {
 public:
  Reloader(boost::asio::io_context& io, std::string config_path, Pipeline& pipeline,
           const SystemdNotifier& notifier, ReloadHooks hooks);
  ~Reloader();
  Reloader(const Reloader&) = delete;
  Reloader& operator=(const Reloader&) = delete;

  // Io thread. `why` is logged ("SIGHUP").
  void request(std::string_view why);
  // Io thread: checks (off the loop) whether the watch list's SDN files changed since they
  // were loaded, and reloads if so. Run periodically: OFAC updates the list several times
  // a month, and the files are usually replaced by a cron job, not by an operator.
  void reload_if_watchlist_changed();
  bool running() const { return running_; }

 private:
  void apply(std::shared_ptr<LoadedConfig> next, const std::string& error);

  boost::asio::io_context& io_;
  std::string config_path_;
  Pipeline& pipeline_;
  const SystemdNotifier& notifier_;
  ReloadHooks hooks_;
  bool running_ = false;
  bool again_ = false;
  boost::asio::thread_pool loader_{1};  // last: joined first
};

}  // namespace feedsentry::app
