#!/usr/bin/env bash
# The tests that need a real chain (CI's devnet stage): starts the devnet
# (scripts/devnet.sh builds wasmd from the Go module proxy on a fresh machine,
# deploys the market with fairgrid-deploy and verifies it), runs the checks
# below against it, and stops the chain even when one fails.
#
#   1. the README's deploy command, exactly as documented, deploys a second
#      market (the example config's own salt) and prints verified JSON;
#   2. running the same deploy again resumes from its cw-orch state: no code
#      uploaded, no contract instantiated, the same addresses;
#   3. `fairgrid-deploy verify` accepts the devnet's addresses and names the
#      first broken link of a tampered addresses file;
#   4. an 8-byte fake wasm is refused before any transaction (the deployer's
#      account sequence does not move);
#   5. (run first, right after the start) the TypeScript client's chain
#      story (clients/ts `npm run test:devnet`, reading .devnet/fairgrid.env):
#      a rental and a vote with exact balances, events against
#      docs/events.md, documented refusals;
#   6. fairgrid-chain-gas sends the main messages one per transaction (a
#      rental, staking, a proposal that passes and executes, a fee claim) and
#      writes .devnet/chain-gas.md and fails when a row is more than 300 gas
#      away from docs/chain-gas.md (the gas report's devnet column); it also
#      migrates the escrow through governance (deploy/README.md);
#   7. verify accepts the migrated escrow's new code id and names the old one;
#   8. the console's browser tests (scripts/console.sh test: the built console
#      served on loopback, driven by playwright-core in Debian's chromium), last:
#      they work on whatever state the steps before left (chain-gas registers
#      the provider account and stakes; the console tests adapt to that).
#
# FAIRGRID_WASMD_LINE=2 runs steps 1-7 on wasmd v0.60 (CosmWasm 2.x).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
DEVNET_DIR=${FAIRGRID_DEVNET_DIR:-$root/.devnet}
start=$(date +%s)
stamp() { echo "== devnet-test [$(( $(date +%s) - start ))s] $*"; }
failed() { echo "devnet-test: FAILED: $*" >&2; exit 1; }

trap 'scripts/devnet.sh stop' EXIT

stamp "start the devnet (deploy + verify)"
scripts/devnet.sh start >/dev/null
cat "$DEVNET_DIR/addresses.json"

deployer_bin=$CARGO_TARGET_DIR/debug/fairgrid-deploy
home=$DEVNET_DIR/wasmd
wasmd_bin=$(scripts/devnet.sh build)
wasmd() { LD_LIBRARY_PATH="$(dirname "$(dirname "$wasmd_bin")")/lib" "$wasmd_bin" "$@"; }
# --node explicitly: wasmd's CLI does not take the node from the home's
# client.toml, and would ask a devnet on the default port instead.
node=tcp://127.0.0.1:${FAIRGRID_DEVNET_RPC_PORT:-26657}
codes() {
  wasmd query wasm list-code --home "$home" --node "$node" --output json \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["code_infos"]))'
}
sequence() {
  wasmd query auth account "$1" --home "$home" --node "$node" --output json \
    | python3 -c 'import json,sys; a=json.load(sys.stdin)["account"]; a=a.get("value",a); print(a.get("sequence","0"))'
}
mnemonic=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["test_mnemonic"])' "$DEVNET_DIR/devnet.json")
deployer=$(python3 -c 'import json,sys; print([a["address"] for a in json.load(open(sys.argv[1]))["accounts"] if a["name"]=="deployer"][0])' "$DEVNET_DIR/devnet.json")
[ "$(codes)" = 5 ] || failed "expected the devnet's 5 codes, found $(codes)"

stamp "TypeScript client's chain story (clients/ts: npm run test:devnet)"
# First, on the fresh market: the chain story of clients/ts/test/chain (fresh
# accounts funded by the deployer; its stakers unstake at the end, so the
# voting power below is as deployed): a rental and a vote through the
# package's clients and CosmJS, exact balances, events against docs/events.md,
# refusals with the documented error text. FAIRGRID_REQUIRE_DEVNET turns a
# missing devnet configuration into a failure instead of a skip.
ts_start=$(date +%s)
(
  cd clients/ts
  [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
  [ -f dist/esm/index.js ] || node build.cjs  # CI built it (scripts/ts-client.sh)
  set -a && . "$DEVNET_DIR/fairgrid.env" && set +a
  FAIRGRID_REQUIRE_DEVNET=1 npm run --silent test:devnet
) || failed "the TypeScript chain tests failed"
stamp "TypeScript chain story took $(( $(date +%s) - ts_start ))s"

stamp "1. the README's deploy command, as written"
# The command block of the root README, run verbatim with the mnemonic it exports.
command=$(python3 - <<'EOF'
import re
text = open("README.md").read()
block = text.split("\n## Deploying to a chain", 1)[1].split("\n## ", 1)[0]
# The first indented block of the section.
lines, started = [], False
for l in block.splitlines():
    if l.startswith("    "):
        lines.append(l.strip())
        started = True
    elif started and l.strip():
        break
out = []
for l in lines:
    if l.startswith("scripts/build-artifacts.sh"):
        continue  # the artifacts were built (and checked) by CI's main job
    out.append(l)
print("\n".join(out))
EOF
)
echo "$command"
state=$(mktemp -d)
command=${command//\"…\"/\"$mnemonic\"}
# The example chain config names the default gRPC port; a devnet on other
# ports (FAIRGRID_DEVNET_GRPC_PORT) gets its own chain config instead, so the
# example never lands on another devnet listening on the default port.
if [ "${FAIRGRID_DEVNET_GRPC_PORT:-9090}" != 9090 ]; then
  command=${command//deploy\/config\/chain.example.json/$DEVNET_DIR\/chain.json}
fi
(cd "$root" && STATE_FILE=$state/state.json CW_ORCH_MIN_BLOCK_TIME=200ms bash -euo pipefail -c "$command") \
  >"$state/example.json" || failed "the README's command failed"
cat "$state/example.json"
# A fresh state file records no code: the second market uploads its own five.
[ "$(codes)" = 10 ] || failed "expected 10 codes after a second market, found $(codes)"
python3 - "$state/example.json" "$DEVNET_DIR/addresses.json" <<'EOF' || failed "the example market must be a second, distinct market"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
keys = ("token", "governance", "fee_distributor", "compute_escrow", "identity_registry")
assert all(a[k]["address"] != b[k]["address"] for k in keys)
assert [a[k]["code_id"] for k in keys] == [6, 7, 8, 9, 10], a
EOF

stamp "2. a second run resumes from the recorded state: nothing sent"
before=$(sequence "$deployer")
FAIRGRID_MNEMONIC=$mnemonic CW_ORCH_MIN_BLOCK_TIME=200ms "$deployer_bin" \
  --chain "$DEVNET_DIR/chain.json" --config deploy/config/devnet.json \
  --state "$DEVNET_DIR/cw-orch-state.json" >"$state/again.json"
cmp -s "$state/again.json" "$DEVNET_DIR/addresses.json" || failed "resume changed the addresses"
[ "$(sequence "$deployer")" = "$before" ] || failed "resume sent transactions (sequence $before -> $(sequence "$deployer"))"

stamp "3. verify-only: the devnet verifies, a tampered file names its first broken link"
"$deployer_bin" verify --chain "$DEVNET_DIR/chain.json" --addresses "$DEVNET_DIR/addresses.json" >/dev/null
python3 - "$DEVNET_DIR/addresses.json" >"$state/tampered.json" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))
a["compute_escrow"]["code_id"] = a["fee_distributor"]["code_id"]
print(json.dumps(a))
EOF
if "$deployer_bin" verify --chain "$DEVNET_DIR/chain.json" --addresses "$state/tampered.json" \
  >/dev/null 2>"$state/verify.err"; then
  failed "verify accepted a wrong code id"
fi
grep -q "broken link compute-escrow.code_id" "$state/verify.err" \
  || failed "verify did not name compute-escrow.code_id: $(cat "$state/verify.err")"

stamp "4. an 8-byte fake wasm is refused before any transaction"
fake=$state/fake-artifacts
mkdir -p "$fake"
cp artifacts/*.wasm artifacts/checksums.txt "$fake/"
printf '\0asm\1\0\0\0' >"$fake/fairgrid_governance.wasm"
before=$(sequence "$deployer")
if FAIRGRID_ARTIFACTS_DIR=$fake FAIRGRID_MNEMONIC=$mnemonic STATE_FILE=$state/fake-state.json \
  "$deployer_bin" --chain "$DEVNET_DIR/chain.json" --config deploy/config/devnet.json \
  >/dev/null 2>"$state/fake.err"; then
  failed "the fake artifact was accepted"
fi
grep -q "fairgrid_governance.wasm has sha256" "$state/fake.err" \
  || failed "the refusal does not name the fake: $(cat "$state/fake.err")"
[ "$(sequence "$deployer")" = "$before" ] || failed "transactions were sent before the refusal"


stamp "6. real gas: each message in its own transaction (fairgrid-chain-gas)"
cargo build --quiet --locked -p fairgrid-deploy --bin fairgrid-chain-gas
FAIRGRID_MNEMONIC=$mnemonic CW_ORCH_MIN_BLOCK_TIME=200ms "$CARGO_TARGET_DIR/debug/fairgrid-chain-gas" \
  --chain "$DEVNET_DIR/chain.json" --addresses "$DEVNET_DIR/addresses.json" \
  --vm-report docs/gas-report.md --out "$DEVNET_DIR/chain-gas.md" \
  --migrated-addresses "$state/migrated.json" --check docs/chain-gas.md \
  || failed "gas on the chain differs from docs/chain-gas.md (this run's table: $DEVNET_DIR/chain-gas.md; copy it to docs/ when a contract changed on purpose)"
sed -n '/^| contract/,$p' "$DEVNET_DIR/chain-gas.md"

stamp "7. after the escrow's migration by proposal, verify follows the new code id"
"$deployer_bin" verify --chain "$DEVNET_DIR/chain.json" --addresses "$state/migrated.json" >/dev/null
if "$deployer_bin" verify --chain "$DEVNET_DIR/chain.json" --addresses "$DEVNET_DIR/addresses.json" \
  >/dev/null 2>"$state/verify.err"; then
  failed "verify accepted the escrow's code id from before its migration"
fi
grep -q "broken link compute-escrow.code_id" "$state/verify.err" \
  || failed "verify did not name compute-escrow.code_id: $(cat "$state/verify.err")"

if [ "${FAIRGRID_WASMD_LINE:-3}" = 3 ]; then
  stamp "8. the console in a real browser against the devnet (scripts/console.sh test)"
  scripts/console.sh test
fi

rm -rf "$state"
stamp "devnet tests passed"
