#!/bin/sh
# Checks systemd/feedsentry.service without a running systemd:
#  1. `systemd-analyze verify` prints nothing. It exits 0 even on a misspelled key, so any
#     output fails the test. verify also insists that ExecStart= names an existing executable,
#     so it runs on a temporary copy of the unit whose ExecStart= points at the feedsentry
#     binary just built (argument 1); everything else in the copy is byte-for-byte the same.
#  2. `systemd-analyze security --offline=true` scores the unit at most 1.5 ("OK").
# Usage: systemd_unit_test.sh FEEDSENTRY_BINARY [UNIT_FILE]
set -eu

binary=${1:?usage: systemd_unit_test.sh FEEDSENTRY_BINARY [UNIT_FILE]}
unit=${2:-$(dirname "$0")/../../systemd/feedsentry.service}
max_score=1.5

if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "FAIL: systemd-analyze not found (Debian package 'systemd', installed by scripts/test)"
  exit 1
fi
[ -x "$binary" ] || { echo "FAIL: $binary is not an executable"; exit 1; }
[ -f "$unit" ] || { echo "FAIL: unit file $unit not found"; exit 1; }

work=$(mktemp -d /tmp/feedsentry-unit-XXXXXX)
trap 'rm -rf "$work"' EXIT
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
staged="$work/feedsentry.service"
sed "s|^ExecStart=/usr/bin/feedsentry |ExecStart=$binary |" "$unit" >"$staged"
if ! grep -q "^ExecStart=$binary run " "$staged"; then
  echo "FAIL: expected 'ExecStart=/usr/bin/feedsentry run ...' in $unit"
  exit 1
fi
if [ "$(grep -c '^ExecStart=' "$staged")" -ne 1 ]; then
  echo "FAIL: expected exactly one ExecStart= line in $unit"
  exit 1
fi

status=0
verify_output=$(systemd-analyze verify "$staged" 2>&1) || true
if [ -n "$verify_output" ]; then
  echo "FAIL: systemd-analyze verify printed:"
  echo "$verify_output"
  status=1
else
  echo "ok: systemd-analyze verify printed nothing"
fi

security_output=$(systemd-analyze security --offline=true "$staged" 2>&1) || true
score=$(printf '%s\n' "$security_output" |
  sed -n 's/.*Overall exposure level for feedsentry.service: \([0-9][0-9.]*\).*/\1/p')
if [ -z "$score" ]; then
  echo "FAIL: no exposure score in the output of systemd-analyze security:"
  echo "$security_output"
  status=1
elif awk -v score="$score" -v max="$max_score" 'BEGIN { exit !(score > max) }'; then
  echo "FAIL: exposure score $score is above $max_score:"
  printf '%s\n' "$security_output" | grep -v '^✓' || true
  status=1
else
  echo "ok: exposure score $score (at most $max_score)"
fi
exit $status
