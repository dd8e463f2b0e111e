#!/usr/bin/env bash
# Regenerates the TypeScript clients in clients/ts/src from schema/ with
# @cosmwasm/ts-codegen and type-checks them with tsc. With --check, fails when
# the committed clients are stale.
set -euo pipefail
cd "$(dirname "$0")/../clients/ts"
[ -d node_modules/@cosmwasm/ts-codegen ] || npm ci --no-audit --no-fund --loglevel=error
node codegen.js
npx --no-install tsc --noEmit
echo "clients/ts: type-check passes"
if [ "${1:-}" = "--check" ]; then
  if [ -n "$(git status --porcelain -- src)" ]; then
    git status --short -- src
    echo "clients/ts/src is stale: run scripts/ts-client.sh and commit the result" >&2
    exit 1
  fi
  echo "clients/ts/src is up to date"
fi
