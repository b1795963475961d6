#!/bin/sh
# Installs the Debian package built by scripts/package, checks the installed files and that
# the installed binary accepts the installed example config, then removes the package.
# Needs root (apt-get); as another user it fails, saying so, without doing anything.
# Usage: deb_install_test.sh [PATH/TO/feedsentry_<version>_<arch>.deb]
#        (default: the one in build-package/)
set -eu

if [ "$(id -u)" -ne 0 ]; then
  echo "FAIL: deb_install_test.sh must run as root (it installs and removes the feedsentry" \
    "package with apt-get); nothing was done"
  exit 1
fi

root=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -ge 1 ]; then
  deb=$1
else
  deb=$(ls "$root"/build-package/feedsentry_*.deb 2>/dev/null | head -n 1 || true)
fi
[ -n "$deb" ] && [ -f "$deb" ] || { echo "FAIL: no .deb; run scripts/package first"; exit 1; }
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

if dpkg-query -W -f='${Status}' feedsentry 2>/dev/null | grep -q 'install ok installed'; then
  echo "FAIL: feedsentry is already installed; not touching an existing installation"
  exit 1
fi

status=0
fail() {
  echo "FAIL: $*"
  status=1
}

echo "== dpkg-deb --info / --contents"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb"
dpkg-deb --info "$deb" | grep -q '^ Depends: .*libc6' || fail "Depends: from dpkg-shlibdeps missing"

echo "== apt-get install"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y "$deb" || { echo "FAIL: apt-get install"; exit 1; }

# From here on, always remove the package again.
cleanup() { apt-get remove -y feedsentry >/dev/null 2>&1 || true; }
trap cleanup EXIT

contrib=/usr/share/feedsentry/contrib
for file in /usr/bin/feedsentry /usr/lib/systemd/system/feedsentry.service \
  /etc/feedsentry/feedsentry.yaml /usr/share/feedsentry/rules/dprk-russia.yaml \
  $contrib/prometheus/feedsentry-alerts.yml $contrib/prometheus/feedsentry-alerts.test.yml \
  $contrib/grafana/feedsentry-dashboard.json $contrib/logrotate/feedsentry \
  /etc/logrotate.d/feedsentry; do
  [ -f "$file" ] || fail "$file not installed"
done
for conffile in /etc/feedsentry/feedsentry.yaml /etc/logrotate.d/feedsentry; do
  dpkg-query --showformat='${Conffiles}\n' --show feedsentry | grep -q " $conffile " ||
    fail "$conffile is not a conffile"
done

echo "== contrib: promtool on the installed alert rules, logrotate --debug on the snippet"
if command -v promtool >/dev/null 2>&1; then
  promtool check rules $contrib/prometheus/feedsentry-alerts.yml &&
    promtool test rules $contrib/prometheus/feedsentry-alerts.test.yml ||
    fail "promtool rejects the installed alert rules"
else
  fail "promtool not found (Debian package prometheus)"
fi
if command -v logrotate >/dev/null 2>&1; then
  # --debug only reads: nothing is rotated and the state file is a throwaway one.
  logrotate_state=$(mktemp)
  logrotate --debug --state "$logrotate_state" /etc/logrotate.d/feedsentry ||
    fail "logrotate rejects /etc/logrotate.d/feedsentry"
  rm -f "$logrotate_state"
else
  fail "logrotate not found (Debian package logrotate)"
fi

echo "== feedsentry --version"
version=$(feedsentry --version) || fail "feedsentry --version exited $?"
echo "$version"
case $version in feedsentry\ *) ;; *) fail "unexpected --version output '$version'" ;; esac

echo "== feedsentry check-config --config /etc/feedsentry/feedsentry.yaml"
if feedsentry check-config --config /etc/feedsentry/feedsentry.yaml; then
  echo "ok: check-config"
else
  fail "feedsentry check-config --config /etc/feedsentry/feedsentry.yaml exited non-zero"
fi

echo "== apt-get remove"
trap - EXIT
apt-get remove -y feedsentry || fail "apt-get remove"
[ ! -e /usr/bin/feedsentry ] || fail "/usr/bin/feedsentry still there after remove"
[ ! -e /usr/lib/systemd/system/feedsentry.service ] || fail "unit still there after remove"
# A removed (not purged) package keeps its conffile, as Debian policy wants.
[ -f /etc/feedsentry/feedsentry.yaml ] || fail "conffile removed by 'remove' (only purge should)"
[ -f /etc/logrotate.d/feedsentry ] || fail "logrotate conffile removed by 'remove'"
[ ! -e $contrib ] || fail "$contrib still there after remove"
dpkg --purge feedsentry >/dev/null 2>&1 || true
[ ! -e /etc/feedsentry/feedsentry.yaml ] || fail "conffile still there after purge"
[ ! -e /etc/logrotate.d/feedsentry ] || fail "/etc/logrotate.d/feedsentry still there after purge"

[ $status -eq 0 ] && echo "PASS: deb install test"
exit $status
