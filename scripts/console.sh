#!/usr/bin/env bash
# The Fairgrid console (console/): installs what it needs, builds, serves on
# loopback, tests.
#
#   scripts/console.sh dev     start the devnet unless one runs (scripts/devnet.sh
#                              start), build and serve the console at
#                              http://127.0.0.1:$CONSOLE_PORT (Ctrl-C stops the
#                              server; the devnet keeps running: scripts/devnet.sh stop)
#   scripts/console.sh unit    the unit tests (vitest: formatting, power explanation)
#   scripts/console.sh test    the browser tests (playwright-core + Debian's chromium)
#                              against the running devnet; starts (and then stops)
#                              one when none runs
#
# Environment: FAIRGRID_DEVNET_DIR and FAIRGRID_DEVNET_*_PORT as scripts/devnet.sh;
# CONSOLE_PORT (dev: 5173, test: 4317); CONSOLE_SCREENSHOTS (test: where the
# page screenshots go, default console/test-results; docs/console holds the committed ones).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
export FAIRGRID_DEVNET_DIR=${FAIRGRID_DEVNET_DIR:-$root/.devnet}
mode=${1:-}

install() {
  # @fairgrid/client is a file: dependency: its dist/ must be built.
  if [ ! -f clients/ts/dist/esm/index.js ]; then
    (cd clients/ts && npm ci --no-audit --no-fund --loglevel=error && node build.cjs)
  fi
  [ -d console/node_modules/vite ] || (cd console && npm ci --no-audit --no-fund --loglevel=error)
}

build() {
  install
  (cd console && npx --no-install tsc --noEmit && VITE_CONFIG_NATIVE_IGNORE_WARNING=true npx --no-install vite build --logLevel warn)
}

devnet_running() { scripts/devnet.sh status >/dev/null 2>&1; }

case "$mode" in
  dev)
    devnet_running || scripts/devnet.sh start >/dev/null
    build
    echo "console: http://127.0.0.1:${CONSOLE_PORT:-5173} (devnet from $FAIRGRID_DEVNET_DIR/fairgrid.env)"
    cd console && exec npx --no-install vite preview --port "${CONSOLE_PORT:-5173}"
    ;;
  unit)
    install
    (cd console && npx --no-install tsc --noEmit && npx --no-install vitest run)
    ;;
  test)
    if [ ! -x /usr/bin/chromium ]; then
      echo "console: installing chromium from Debian's packages" >&2
      SUDO=""
      [ "$(id -u)" -ne 0 ] && SUDO="sudo"
      $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
    fi
    build
    started=false
    if ! devnet_running; then
      scripts/devnet.sh start >/dev/null
      started=true
      trap 'scripts/devnet.sh stop' EXIT
    fi
    (cd console && node --test --test-concurrency=1 e2e/)
    ;;
  *)
    echo "usage: scripts/console.sh dev|unit|test" >&2
    exit 2
    ;;
esac
