#!/usr/bin/env bash
# Regenerates the error catalogue (docs/errors.md, docs/errors.json) from the
# error enums through the exhaustive walk in tests/multitest/tests/suite/errors/,
# then the TypeScript package that exports it. After adding an error variant
# (and its sample in the walk), this is the one command to run.
set -euo pipefail
cd "$(dirname "$0")/.."
FAIRGRID_WRITE_ERRORS=1 cargo test --quiet --locked -p fairgrid-multitest --test suite \
  error_catalogue_lists_every_variant_with_a_stable_code_and_is_current
echo "docs/errors.md and docs/errors.json rewritten"
scripts/ts-client.sh
