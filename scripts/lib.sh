# Shared by scripts/demo and scripts/test: dependency install and the CMake build.
# shellcheck shell=bash

FEEDSENTRY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FEEDSENTRY_PACKAGES=(
  build-essential cmake ninja-build pkg-config python3
  libcurl4-openssl-dev libpugixml-dev libboost-dev libspdlog-dev libfmt-dev
  nlohmann-json3-dev libyaml-cpp-dev libsqlite3-dev libutf8proc-dev libexpected-dev
  libsystemd-dev libgtest-dev libgmock-dev libbenchmark-dev zlib1g-dev libssl-dev
  prometheus systemd gnuplot-nox python3-yaml logrotate
  nodejs npm
)
# A package whose command another package may ship: NodeSource's nodejs bundles npm (and
# conflicts with Debian's npm package), so npm counts as present when its command is.
declare -gA FEEDSENTRY_PACKAGE_COMMANDS=([npm]=npm)

# Installs the Debian packages in "$@" that are missing; as non-root, prints the exact
# apt-get line instead and fails.
ensure_packages() {
  local missing=()
  local package
  for package in "$@"; do
    local command=${FEEDSENTRY_PACKAGE_COMMANDS[$package]:-}
    [ -n "$command" ] && command -v "$command" >/dev/null && continue
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "feedsentry needs these Debian packages. Run as root:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "Installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# build_feedsentry BUILD_DIR [cmake args...]: configure (once) and build.
build_feedsentry() {
  local build_dir=$1
  shift
  local generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$FEEDSENTRY_ROOT" -B "$build_dir" "${generator[@]}" "$@" >&2 || return 1
  fi
  cmake --build "$build_dir" --parallel "$(nproc)" >&2
}
