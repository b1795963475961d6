#include "app/reloader.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "app/run_support.h"

namespace feedsentry::app {

Reloader::Reloader(boost::asio::io_context& io, std::string config_path, Pipeline& pipeline,
                   const SystemdNotifier& notifier, ReloadHooks hooks)
    : io_(io),
      config_path_(std::move(config_path)),
      pipeline_(pipeline),
      notifier_(notifier),
      hooks_(std::move(hooks)) {}

Reloader::~Reloader() {
  loader_.join();
}

void Reloader::request(std::string_view why) {
  if (running_) {
    again_ = true;
    return;
  }
  running_ = true;
  spdlog::info("{}: reloading {}", why, config_path_);
  notifier_.reloading();
  pipeline_.dispatcher().reopen_files();
  boost::asio::post(loader_, [this] {
    std::shared_ptr<LoadedConfig> next;
    std::string error;
    try {
      next = std::make_shared<LoadedConfig>(load_everything(config_path_));
    } catch (const std::exception& problem) {  // ConfigError, RuleError: file:line:col: …
      error = problem.what();
    }
    boost::asio::post(io_, [this, next, error] { apply(next, error); });
  });
}

void Reloader::reload_if_watchlist_changed() {
  if (running_) return;
  std::shared_ptr<const LoadedConfig> current = pipeline_.current_shared();
  if (current->watchlist_files.empty()) return;
  boost::asio::post(loader_, [this, current] {
    if (!watchlist_changed(*current)) return;
    boost::asio::post(io_, [this] { request("watch list files changed"); });
  });
}

void Reloader::apply(std::shared_ptr<LoadedConfig> next, const std::string& error) {
  const bool ok = next != nullptr;
  if (!ok) {
    spdlog::error("reload rejected, the running configuration stays: {}", error);
  } else {
    for (const config::ConfigWarning& warning : next->warnings) {
      spdlog::warn("{}", warning.to_string());
    }
    const LoggingOptions logging = logging_options(next->config);
    set_log_level(logging.level);
    set_log_format(logging.format);
    const ReloadReport report = pipeline_.apply(std::move(next));
    spdlog::info(
        "reloaded: feeds {} added, {} removed, {} changed, {} unchanged; outputs {} added, {} "
        "removed, {} changed",
        report.feeds.added, report.feeds.removed, report.feeds.changed, report.feeds.unchanged,
        report.outputs.added, report.outputs.removed, report.outputs.changed);
    for (const std::string& setting : report.need_restart) {
      spdlog::warn("reload: the change to {} takes effect at the next restart", setting);
    }
  }
  if (hooks_.finished) hooks_.finished(ok, error);
  notifier_.ready(hooks_.status_line ? hooks_.status_line() : std::string());
  running_ = false;
  if (again_) {
    again_ = false;
    request("reload requested during the last one");
  }
}

}  // namespace feedsentry::app
