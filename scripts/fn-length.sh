#!/usr/bin/env bash
# Lists every non-test function longer than MAX lines (default 60) in the
# Rust sources under the given directories (default: contracts/*/src).
# A function runs from its `fn` line to the closing brace at the same
# indentation (rustfmt layout). Skipped: files under a `tests/` directory and
# everything after a `#[cfg(test)]` line in a file (inline test modules are
# placed last). Output: `path:line length name`, longest first; exit 1 when
# anything is listed.
set -euo pipefail
MAX=${MAX:-60}
dirs=("$@")
[ ${#dirs[@]} -eq 0 ] && dirs=(contracts/*/src)
out=$(find "${dirs[@]}" -name '*.rs' -not -path '*/tests/*' | sort | while read -r f; do
  awk -v max="$MAX" -v file="$f" '
    /^[[:space:]]*#\[cfg\(test\)\]/ { exit }
    start == 0 && /^[[:space:]]*(pub(\([a-z]+\))? )?(const )?(async )?(unsafe )?fn [A-Za-z_0-9]+/ {
      match($0, /^[[:space:]]*/); indent = RLENGTH
      name = $0; sub(/.*fn /, "", name); sub(/[^A-Za-z_0-9].*/, "", name)
      start = NR
      if ($0 ~ /}[[:space:]]*$/ && $0 ~ /{/) { start = 0 }  # one-line fn
      next
    }
    start > 0 {
      match($0, /^[[:space:]]*/)
      if (RLENGTH == indent && $0 ~ /^[[:space:]]*}[[:space:]]*$/) {
        len = NR - start + 1
        if (len > max) printf "%d %s:%d %s\n", len, file, start, name
        start = 0
      }
    }
  ' "$f"
done | sort -rn | awk '{ print $2, $1, $3 }')
if [ -n "$out" ]; then
  echo "$out"
  exit 1
fi
echo "no non-test function over $MAX lines"
