#include <stdlib.h>

#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <iostream>
#include <set>

#include "alert/alert_json.h"
#include "alert/render.h"
#include "app/commands.h"
#include "app/match_sinks.h"
#include "app/pipeline.h"
#include "app/run_support.h"
#include "app/stop_summary.h"
#include "core/text.h"
#include "core/url.h"
#include "poll/feed_url.h"
#include "store/outbox_store.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kOnceUsage = R"(Usage: feedsentry once --config FILE [--dry-run]

Polls every enabled feed of the config once, records what it has seen in state_dir, groups
new matching items into stories and delivers the alerts to every output, then exits. Each
new matching item is also printed as one JSON line on standard output; a summary per feed
goes to standard error. Deliveries that fail with a retryable error stay in the outbox for
the next run (see `feedsentry outbox`).

Options:
  --config FILE   The config file.
  --env-file FILE Set the variables assigned in FILE first (see feedsentry --help).
  --dry-run       Send nothing and change nothing: poll against a copy of the state, then
                  print, for every output, each request exactly as it would be sent: the
                  method and URL (secrets redacted), the headers feedsentry sets (signature
                  headers included; Authorization-like values redacted), Content-Length, a
                  blank line and the body bytes as sent and signed, then a line break. Needs
                  no secrets: an output setting whose ${VAR} is not set gets a placeholder,
                  said so on standard error.
Exit status: 0 every feed worked, 1 some feed failed (or a config, rules or state error),
2 usage error.
)";

void report_feeds(const std::vector<poll::FeedOutcome>& outcomes, bool& all_ok) {
  for (const poll::FeedOutcome& outcome : outcomes) {
    all_ok = all_ok && outcome.ok;
    const std::string label = poll::feed_label(outcome.name, outcome.feed_id, outcome.url_secrecy);
    if (outcome.ok) {
      std::cerr << label << ": ok, " << outcome.new_items << " new items, " << outcome.matches
                << " matches\n";
    } else {
      std::cerr << label << ": FAILED: " << outcome.error << "\n";
    }
  }
}

bool is_secret_header(std::string_view name) {
  return core::equals_ignore_case(name, "Authorization") ||
         core::equals_ignore_case(name, "X-Api-Key") || core::equals_ignore_case(name, "Cookie");
}

// Header names whose values came from ${VAR} in the output's `headers:` settings: secrets
// like the URL, whatever the header is called.
std::set<std::string> headers_from_environment(const config::Config& config,
                                               const std::string& output_name) {
  std::set<std::string> names;
  for (const config::OutputConfig& output : config.outputs) {
    if (output.name != output_name) continue;
    for (const std::string& key : output.settings_from_environment) {
      if (key.starts_with("headers.")) names.insert(key.substr(8));
    }
  }
  return names;
}

// Prints what every pending outbox row would be sent as.
int print_dry_run(store::Database& db, const config::Config& config, const OutputSetup& outputs) {
  std::size_t shown = 0;
  for (const alert::OutputPlan& plan : outputs.plans) {
    const alert::OutputSpec& spec = plan.spec;
    const std::set<std::string> secret_headers = headers_from_environment(config, spec.name);
    auto rows = store::OutboxStore(db).pending(spec.name, 0, 100000);
    if (!rows) {
      std::cerr << "feedsentry once: " << rows.error().describe() << "\n";
      return 1;
    }
    for (const store::DeliveryRow& row : *rows) {
      auto alert = alert::alert_from_json(row.payload);
      if (!alert) continue;
      alert->id = row.alert_id;
      alert->followup_of = row.followup_of;
      ++shown;
      std::cout << "== " << spec.name << " (" << alert::to_string(spec.type) << " → "
                << alert::redacted_destination(spec) << ") delivery " << row.delivery_id
                << (alert->followup_of ? ", follow-up" : "") << "\n";
      if (spec.type == alert::OutputType::kFile) {
        std::cout << alert::render_json_line(*alert) << "\n";
        continue;
      }
      if (spec.type == alert::OutputType::kConsole) {
        std::cout << alert::render_console_line(*alert) << "\n";
        continue;
      }
      alert::DeliveryContext context;
      context.delivery_id = row.delivery_id;
      context.now = core::SystemClock().now();
      context.original_remote_id = row.original_remote_id;
      auto call = alert::render_request(spec, *alert, context);
      if (!call) {
        std::cout << "(cannot render: " << call.error().message << ")\n";
        continue;
      }
      // The request as the dispatcher sends it: render_request() is its code path too, and
      // the body is printed byte for byte (it is what webhook-signature signs), preceded by
      // its length so a reader can take exactly those bytes even when they hold line breaks.
      std::cout << call->method << " " << core::redact_url(call->url) << "\n";
      for (const auto& [name, value] : call->headers) {
        const bool secret = is_secret_header(name) || secret_headers.contains(name);
        std::cout << name << ": " << (secret ? "[redacted]" : value) << "\n";
      }
      std::cout << "Content-Length: " << call->body.size() << "\n\n" << call->body << "\n";
    }
  }
  std::cerr << "dry run: " << shown << " payloads rendered, nothing sent\n";
  return 0;
}

// A private copy of the state (or a fresh one) for a dry run, removed afterwards.
class ScratchState {
 public:
  ScratchState() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "feedsentry-dry-run-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchState() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

core::Result<void> copy_state(const config::Config& config, const std::filesystem::path& into) {
  const std::filesystem::path source = config.state_dir / "feedsentry.db";
  if (!std::filesystem::exists(source)) return {};
  return store::copy_database(source, into / "feedsentry.db");
}

}  // namespace

int run_once_command(std::span<const std::string_view> arguments) {
  RunOptions options;
  if (const int status = parse_options(arguments, "once", kOnceUsage, false, options);
      status != 0) {
    return status < 0 ? 0 : status;
  }
  ScratchState scratch;
  std::string config_path = options.config_path;
  Prepared prepared;
  if (options.dry_run) {
    // Load first, then point state_dir at a copy, so nothing real is written.
    try {
      prepared.loaded = std::make_shared<LoadedConfig>(
          load_everything(config_path, LoadOptions{.unset_secrets = UnsetSecrets::kPlaceholder}));
    } catch (const std::exception& error) {
      std::cerr << "feedsentry once: " << error.what() << "\n";
      return 1;
    }
    configure_logging(logging_options(prepared.loaded->config));
    for (const std::string& note : prepared.loaded->outputs.unset_notes) {
      std::cerr
          << "feedsentry once: dry run: " << note
          << "; shown with a placeholder in its place (a signature, with a placeholder key)\n";
    }
    if (scratch.path().empty()) {
      std::cerr << "feedsentry once: cannot create a temporary directory\n";
      return 1;
    }
    if (auto copied = copy_state(prepared.loaded->config, scratch.path()); !copied) {
      std::cerr << "feedsentry once: " << copied.error().describe() << "\n";
      return 1;
    }
    prepared.loaded->config.state_dir = scratch.path();
    auto first = open_state(prepared.loaded->config);
    auto second = open_state(prepared.loaded->config, StateConnection::kFurther);
    if (!first || !second) {
      std::cerr << "feedsentry once: " << (first ? second.error() : first.error()).describe()
                << "\n";
      return 1;
    }
    prepared.database.emplace(std::move(*first));
    prepared.dispatcher_database.emplace(std::move(*second));
  } else if (prepare_pipeline(config_path, "once", prepared) != 0) {
    return 1;  // `once` exits 1 for anything that kept a feed from being polled
  }

  boost::asio::io_context io;
  core::SystemClock clock;
  JsonLinesMatchSink json_view(std::cout);
  NoMatchView log_view;
  poll::MatchSink& view = options.dry_run ? static_cast<poll::MatchSink&>(log_view) : json_view;
  Pipeline pipeline(io, prepared.loaded, *prepared.database,
                    std::move(*prepared.dispatcher_database), clock, view);
  if (auto loaded = pipeline.load_stories(); !loaded) {
    std::cerr << "feedsentry once: " << loaded.error().describe() << "\n";
    return 1;
  }
  bool all_ok = true;
  bool finished = false;
  // Results come back from the worker threads: keep io.run() alive until the last one.
  auto keep_running = boost::asio::make_work_guard(io);
  DeliveryTally tally;
  pipeline.dispatcher().set_observer(
      [&tally](const alert::DeliveryEvent& event) { tally.on_delivery(event); });
  if (!options.dry_run) pipeline.dispatcher().start();
  pipeline.poller().poll_once([&](std::vector<poll::FeedOutcome> outcomes) {
    finished = true;
    report_feeds(outcomes, all_ok);
    const auto stop = [&] {
      pipeline.fetcher().cancel_all();
      keep_running.reset();
      io.stop();
    };
    if (options.dry_run) {
      stop();
    } else {
      pipeline.dispatcher().when_settled(stop);
    }
  });
  io.run();
  // A dry run's outbox is a scratch copy: its counts would describe nothing real.
  if (!options.dry_run) log_stop_summary(prepared.loaded->config, tally.delivered());
  if (options.dry_run && finished) {
    if (print_dry_run(*prepared.database, prepared.loaded->config, prepared.loaded->outputs) != 0)
      return 1;
  }
  return all_ok && finished ? 0 : 1;
}

}  // namespace feedsentry::app
