#!/bin/sh
# The shipped Prometheus alert rules: `promtool check rules` (syntax, templates) and
# `promtool test rules` (each alert fires on its fixture series, after its `for:`, and not on
# a healthy daemon). promtool comes with Debian's prometheus package (scripts/lib.sh).
# Usage: alert_rules_test.sh [DIR]   (default: contrib/prometheus of this checkout)
set -eu
dir=${1:-$(cd "$(dirname "$0")/../.." && pwd)/contrib/prometheus}
command -v promtool >/dev/null 2>&1 ||
  { echo "FAIL: promtool not found; install Debian's prometheus package"; exit 1; }
promtool check rules "$dir/feedsentry-alerts.yml"
# Resolves rule_files relative to the test file.
promtool test rules "$dir/feedsentry-alerts.test.yml"
