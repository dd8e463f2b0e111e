#!/usr/bin/env bash
# The TypeScript package clients/ts (@fairgrid/client): regenerates
# src/generated from schema/ (every contract directory there) and
# docs/errors.json, type-checks, and builds dist/ (ESM + CommonJS + .d.ts).
#   --check   fail when the committed src/generated is stale
#   --test    then run the package test (node --test): npm pack, install the
#             tarball into an empty project with production dependencies only,
#             type-check and run a program against it
set -euo pipefail
cd "$(dirname "$0")/../clients/ts"
check=false
run_test=false
for arg in "$@"; do
  case "$arg" in
    --check) check=true ;;
    --test) run_test=true ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

# Install when node_modules is missing or is not what package-lock.json pins
# (an old checkout's generator would generate other code).
installed() { node -p "require('./node_modules/$1/package.json').version" 2>/dev/null || true; }
pinned() { node -p "require('./package-lock.json').packages['node_modules/$1'].version"; }
for dep in @cosmwasm/ts-codegen @cosmwasm/ts-codegen-ast typescript @cosmjs/cosmwasm-stargate; do
  if [ "$(installed "$dep")" != "$(pinned "$dep")" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    break
  fi
done

node codegen.cjs
npx --no-install tsc -p tsconfig.json --noEmit
echo "clients/ts: type-check passes"
node build.cjs
if $check; then
  if [ -n "$(git status --porcelain -- src)" ]; then
    git status --short -- src
    echo "clients/ts/src is stale: run scripts/ts-client.sh (or scripts/errors.sh) and commit the result" >&2
    exit 1
  fi
  echo "clients/ts/src is up to date"
fi
if $run_test; then
  node --test test/
fi
