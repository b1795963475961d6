#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "alert/alert_json.h"
#include "app/commands.h"
#include "app/pipeline.h"
#include "config/load.h"
#include "config/units.h"
#include "core/time_format.h"
#include "store/outbox_store.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kOutboxUsage =
    R"(Usage: feedsentry outbox list  --config FILE [--state pending|delivered|dead|all]
                              [--output NAME] [--limit N] [--json]
       feedsentry outbox retry --config FILE (--all | DELIVERY_ID...)
       feedsentry outbox purge --config FILE [--dead] [--delivered-older-than DURATION]

Shows and acts on the durable outbox in the state database: one row per (alert, output).
  list    Counts per output, then a header line and the rows (default: dead ones), oldest
          first: id, output, state, attempts, created, retried (the last retry, or -),
          last error and headline. --json prints one object instead:
          {"outputs": [...counts...], "deliveries": [...rows...]}.
  retry   Moves dead-lettered rows back to pending with a fresh retry budget, keeping
          their creation time and recording the retry's; a running daemon picks them up
          within seconds. An id that does not exist or is not dead is an error (exit 1)
          and nothing is moved.
  purge   Deletes dead rows (--dead, the default) and/or delivered rows finished more than
          DURATION ago (e.g. 30d). Pending rows are never purged.
Needs no output secrets: an unset ${VAR} in an output's settings is fine here.
--env-file FILE sets variables first (see feedsentry --help).
Exit status: 0 done, 1 config or state error, 2 usage error.
)";

int usage_error(const std::string& message) {
  std::cerr << "feedsentry outbox: " << message << "\n" << kOutboxUsage;
  return 2;
}

std::string time_text(std::int64_t millis) {
  return core::format_rfc3339(
      std::chrono::time_point_cast<std::chrono::seconds>(core::from_unix_millis(millis)));
}

nlohmann::json optional_time(const std::optional<std::int64_t>& millis) {
  return millis ? nlohmann::json(time_text(*millis)) : nlohmann::json(nullptr);
}

std::string headline_of(const store::DeliveryRow& row) {
  if (auto alert = alert::alert_from_json(row.payload)) return alert->headline;
  return {};
}

void print_counts(const std::vector<store::OutboxCounts>& counts) {
  for (const store::OutboxCounts& entry : counts) {
    std::cout << entry.output << ": " << entry.pending << " pending, " << entry.delivered
              << " delivered, " << entry.dead << " dead";
    if (entry.oldest_pending_since_ms) {
      std::cout << " (oldest pending since " << time_text(*entry.oldest_pending_since_ms) << ")";
    }
    std::cout << "\n";
  }
}

void print_rows(const std::vector<store::DeliveryRow>& rows) {
  std::cout << "ID\tOUTPUT\tSTATE\tATTEMPTS\tCREATED\tRETRIED\tLAST_ERROR\tHEADLINE\n";
  for (const store::DeliveryRow& row : rows) {
    std::cout << row.delivery_id << "\t" << row.output << "\t"
              << store::delivery_state_name(row.state) << "\t" << row.attempts << "\t"
              << time_text(row.created_ms) << "\t"
              << (row.retried_ms ? time_text(*row.retried_ms) : "-") << "\t"
              << (row.last_error.empty() ? "-" : row.last_error) << "\t" << headline_of(row)
              << "\n";
  }
}

// The same counts and rows as the table, for scripts; times are RFC 3339 UTC.
nlohmann::json list_json(const std::vector<store::OutboxCounts>& counts,
                         const std::vector<store::DeliveryRow>& rows) {
  nlohmann::json outputs = nlohmann::json::array();
  for (const store::OutboxCounts& entry : counts) {
    outputs.push_back({{"output", entry.output},
                       {"pending", entry.pending},
                       {"delivered", entry.delivered},
                       {"dead", entry.dead},
                       {"oldest_pending_since", optional_time(entry.oldest_pending_since_ms)}});
  }
  nlohmann::json deliveries = nlohmann::json::array();
  for (const store::DeliveryRow& row : rows) {
    deliveries.push_back({{"id", row.delivery_id},
                          {"alert_id", row.alert_id},
                          {"output", row.output},
                          {"state", store::delivery_state_name(row.state)},
                          {"attempts", row.attempts},
                          {"created", time_text(row.created_ms)},
                          {"retried_at", optional_time(row.retried_ms)},
                          {"next_attempt", time_text(row.next_attempt_ms)},
                          {"finished", optional_time(row.finished_ms)},
                          {"last_error", row.last_error},
                          {"headline", headline_of(row)}});
  }
  return {{"outputs", std::move(outputs)}, {"deliveries", std::move(deliveries)}};
}

// One line per id that retry refused, on standard error.
void print_refusals(const std::vector<store::RetryRefusal>& refused) {
  for (const store::RetryRefusal& refusal : refused) {
    std::cerr << "feedsentry outbox: delivery " << refusal.delivery_id
              << (refusal.state ? " is " + std::string(store::delivery_state_name(*refusal.state)) +
                                      ", not dead"
                                : std::string(" does not exist"))
              << "\n";
  }
  std::cerr << "feedsentry outbox: nothing was moved (see `feedsentry outbox list --state all`)\n";
}

}  // namespace

int run_outbox_command(std::span<const std::string_view> arguments) {
  if (arguments.empty()) return usage_error("missing action (list, retry or purge)");
  const std::string_view action = arguments[0];
  if (action == "-h" || action == "--help") {
    std::cout << kOutboxUsage;
    return 0;
  }
  if (action != "list" && action != "retry" && action != "purge") {
    return usage_error("unknown action '" + std::string(action) + "'");
  }
  std::string config_path;
  store::OutboxFilter filter;
  filter.state = store::DeliveryState::kDead;
  bool all = false;
  bool dead = false;
  bool json = false;
  std::optional<core::Duration> delivered_older_than;
  std::vector<std::int64_t> ids;
  for (std::size_t i = 1; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    const bool has_value = i + 1 < arguments.size();
    if (argument == "-h" || argument == "--help") {
      std::cout << kOutboxUsage;
      return 0;
    } else if (argument == "--config" && has_value) {
      config_path = std::string(arguments[++i]);
    } else if (action == "list" && argument == "--state" && has_value) {
      const std::string_view state = arguments[++i];
      filter.state = store::parse_delivery_state(state);
      if (!filter.state && state != "all") return usage_error("--state: unknown state");
    } else if (action == "list" && argument == "--output" && has_value) {
      filter.output = std::string(arguments[++i]);
    } else if (action == "list" && argument == "--limit" && has_value) {
      try {
        filter.limit = std::stoul(std::string(arguments[++i]));
      } catch (const std::exception&) {
        return usage_error("--limit: not a number");
      }
    } else if (action == "list" && argument == "--json") {
      json = true;
    } else if (action == "retry" && argument == "--all") {
      all = true;
    } else if (action == "purge" && argument == "--dead") {
      dead = true;
    } else if (action == "purge" && argument == "--delivered-older-than" && has_value) {
      delivered_older_than = config::parse_duration(arguments[++i]);
      if (!delivered_older_than) return usage_error("--delivered-older-than: not a duration");
    } else if (action == "retry" && !argument.empty() && argument[0] != '-') {
      try {
        ids.push_back(std::stoll(std::string(argument)));
      } catch (const std::exception&) {
        return usage_error("not a delivery id: " + std::string(argument));
      }
    } else {
      return usage_error("unexpected argument '" + std::string(argument) + "'");
    }
  }
  if (config_path.empty()) return usage_error("missing --config FILE");
  if (action == "retry" && all == !ids.empty()) {
    return usage_error("retry needs --all or delivery ids (not both)");
  }

  config::Config config;
  try {
    config = config::load_config(config_path);
  } catch (const std::exception& error) {
    std::cerr << "feedsentry outbox: " << error.what() << "\n";
    return 1;
  }
  auto db = open_state(config);
  if (!db) {
    std::cerr << "feedsentry outbox: " << db.error().describe() << "\n";
    return 1;
  }
  store::OutboxStore outbox(*db);
  const std::int64_t now_ms = core::to_unix_millis(core::SystemClock().now());
  if (action == "list") {
    auto counts = outbox.counts();
    auto rows = outbox.list(filter);
    if (!counts || !rows) {
      const core::Error& error = counts ? rows.error() : counts.error();
      std::cerr << "feedsentry outbox: " << error.describe() << "\n";
      return 1;
    }
    if (json) {
      std::cout << list_json(*counts, *rows).dump() << "\n";
      return 0;
    }
    print_counts(*counts);
    print_rows(*rows);
    return 0;
  }
  if (action == "retry") {
    auto retried = outbox.retry_dead(ids, now_ms);
    if (!retried) {
      std::cerr << "feedsentry outbox: " << retried.error().describe() << "\n";
      return 1;
    }
    if (!retried->refused.empty()) {
      print_refusals(retried->refused);
      return 1;
    }
    std::cout << retried->moved << " dead deliveries moved back to pending\n";
    return 0;
  }
  if (!dead && !delivered_older_than) dead = true;
  const std::int64_t before = delivered_older_than ? now_ms - delivered_older_than->count()
                                                   : std::numeric_limits<std::int64_t>::max();
  auto purged = outbox.purge(dead, delivered_older_than.has_value(), before);
  if (!purged) {
    std::cerr << "feedsentry outbox: " << purged.error().describe() << "\n";
    return 1;
  }
  std::cout << *purged << " outbox rows deleted\n";
  return 0;
}

}  // namespace feedsentry::app
