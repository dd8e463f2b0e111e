// The devnet the chain tests run against, read from the environment that
// scripts/devnet.sh writes to <devnet dir>/fairgrid.env (scripts/devnet-test.sh
// sources it before `npm run test:devnet`). Set FAIRGRID_DEVNET_ENV to that
// file's path instead to run the tests by hand against a running devnet:
//
//   scripts/devnet.sh start
//   (cd clients/ts && FAIRGRID_DEVNET_ENV=../../.devnet/fairgrid.env npm run test:devnet)
//
// Without either, every chain test is skipped with the reason below (unless
// FAIRGRID_REQUIRE_DEVNET is set, as scripts/devnet-test.sh does: then it fails).
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { DirectSecp256k1HdWallet, makeCosmoshubPath } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";
import { SigningCosmWasmClient, CosmWasmClient } from "@cosmjs/cosmwasm-stargate";

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const repoDir = join(pkgDir, "..", "..");

/** The package as a dApp imports it (built by `node build.cjs`). */
export async function loadPackage() {
  const entry = join(pkgDir, "dist", "esm", "index.js");
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: build the package first (node build.cjs or scripts/ts-client.sh)`);
  }
  return import(entry);
}

/** Parses a .env file as scripts/devnet.sh writes it (KEY=value, KEY="value"). */
function parseEnvFile(path) {
  const out = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const m = line.match(/^([A-Z0-9_]+)=(.*)$/);
    if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
  return out;
}

const REQUIRED = [
  "FAIRGRID_RPC_URL", "FAIRGRID_CHAIN_ID", "FAIRGRID_BECH32_PREFIX", "FAIRGRID_GAS_PRICE",
  "FAIRGRID_FEE_DENOM", "FAIRGRID_CREDIT_DENOM", "FAIRGRID_TEST_MNEMONIC",
  "FAIRGRID_TOKEN_ADDRESS", "FAIRGRID_GOVERNANCE_ADDRESS", "FAIRGRID_FEE_DISTRIBUTOR_ADDRESS",
  "FAIRGRID_COMPUTE_ESCROW_ADDRESS", "FAIRGRID_ACCOUNT_DEPLOYER", "FAIRGRID_ACCOUNT_DEPLOYER_HD_INDEX",
];

/**
 * The devnet's settings, or `{ skip }` with the reason when none is configured.
 * A configured devnet that cannot be reached is an error, not a skip (CI).
 */
export function devnetConfig() {
  let env = process.env;
  const file = process.env.FAIRGRID_DEVNET_ENV;
  if (file) {
    if (!existsSync(file)) return { error: `FAIRGRID_DEVNET_ENV=${file} does not exist (scripts/devnet.sh start writes it)` };
    env = { ...parseEnvFile(file), ...process.env };
  }
  if (!env.FAIRGRID_RPC_URL) {
    if (env.FAIRGRID_REQUIRE_DEVNET) return { error: "FAIRGRID_REQUIRE_DEVNET is set but no devnet is configured (FAIRGRID_RPC_URL)" };
    return {
      skip:
        "no devnet configured: start one with scripts/devnet.sh start, then run with FAIRGRID_DEVNET_ENV=<devnet dir>/fairgrid.env " +
        "(scripts/devnet-test.sh does both)",
    };
  }
  const missing = REQUIRED.filter((k) => !env[k]);
  if (missing.length) return { error: `the devnet environment lacks ${missing.join(", ")}` };
  return {
    rpc: env.FAIRGRID_RPC_URL,
    chainId: env.FAIRGRID_CHAIN_ID,
    prefix: env.FAIRGRID_BECH32_PREFIX,
    gasPrice: env.FAIRGRID_GAS_PRICE,
    feeDenom: env.FAIRGRID_FEE_DENOM,
    creditDenom: env.FAIRGRID_CREDIT_DENOM,
    mnemonic: env.FAIRGRID_TEST_MNEMONIC,
    token: env.FAIRGRID_TOKEN_ADDRESS,
    governance: env.FAIRGRID_GOVERNANCE_ADDRESS,
    distributor: env.FAIRGRID_FEE_DISTRIBUTOR_ADDRESS,
    escrow: env.FAIRGRID_COMPUTE_ESCROW_ADDRESS,
    funder: { address: env.FAIRGRID_ACCOUNT_DEPLOYER, index: Number(env.FAIRGRID_ACCOUNT_DEPLOYER_HD_INDEX) },
  };
}

/** A signing client for HD index `index` of the test mnemonic. */
export async function signer(cfg, index) {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(cfg.mnemonic, {
    prefix: cfg.prefix,
    hdPaths: [makeCosmoshubPath(index)],
  });
  const [{ address }] = await wallet.getAccounts();
  const client = await SigningCosmWasmClient.connectWithSigner(cfg.rpc, wallet, {
    gasPrice: GasPrice.fromString(cfg.gasPrice),
    // The devnet makes a block every ~0.3 s; CosmJS polls for inclusion every 3 s by default.
    broadcastPollIntervalMs: 200,
  });
  return { address, client, index };
}

export const queryClient = (cfg) => CosmWasmClient.connect(cfg.rpc);

/** Unix seconds of a block, as the contracts see it (`env.block.time.seconds()`). */
export async function blockSeconds(client, height) {
  const block = await client.getBlock(height);
  const time = String(block.header.time);
  // RFC 3339 with up to nanoseconds: the seconds are the part before the fraction.
  const whole = time.replace(/\.\d+/, "");
  const ms = Date.parse(whole);
  if (Number.isNaN(ms)) throw new Error(`cannot read block ${height}'s time ${time}`);
  return Math.floor(ms / 1000);
}

/** Waits until the chain's latest block time is at least `seconds`; returns that block's height. */
export async function waitForBlockTime(client, seconds, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const height = await client.getHeight();
    if ((await blockSeconds(client, height)) >= seconds) return height;
    if (Date.now() > deadline) throw new Error(`no block with time >= ${seconds} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until the chain is at least `n` blocks past `height`. */
export async function waitForBlocks(client, height, n, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await client.getHeight();
    if (h >= height + n) return h;
    if (Date.now() > deadline) throw new Error(`the chain did not reach height ${height + n}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
