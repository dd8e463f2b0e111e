#!/usr/bin/env bash
# The whole test suite: unit tests, multi-tests, property tests, and the VM
# tests, which run the optimized artifacts (built here first).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-artifacts.sh --artifacts-only
cargo test --workspace --locked "$@"
