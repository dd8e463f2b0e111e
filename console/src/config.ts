// The chain the console talks to: the devnet's fairgrid.env (scripts/devnet.sh
// writes .devnet/fairgrid.env; the dev/preview server serves it as
// /fairgrid.env) or, for another chain, a config.json beside index.html with
// the same keys in camelCase (see README).

export interface ConsoleConfig {
  chainId: string;
  rpcUrl: string;
  restUrl?: string;
  bech32Prefix: string;
  gasPrice: string; // e.g. "0.025ustake"
  feeDenom: string;
  creditDenom: string;
  token: string;
  governance: string;
  feeDistributor: string;
  computeEscrow: string;
  /** The devnet's public test mnemonic; absent on a real chain. */
  testMnemonic?: string;
  /** name → HD index of the devnet's test accounts. */
  testAccounts: { name: string; index: number; address: string }[];
}

/** Parses a dotenv text (KEY=value, optional double quotes, # comments). */
export function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    out[line.slice(0, eq).trim()] = value;
  }
  return out;
}

export function configFromEnv(env: Record<string, string>): ConsoleConfig {
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new Error(`fairgrid.env has no ${k}`);
    return v;
  };
  const accounts: ConsoleConfig["testAccounts"] = [];
  for (const [k, v] of Object.entries(env)) {
    const m = /^FAIRGRID_ACCOUNT_([A-Z]+)$/.exec(k);
    if (m && env[`${k}_HD_INDEX`] !== undefined) {
      accounts.push({ name: m[1].toLowerCase(), index: Number(env[`${k}_HD_INDEX`]), address: v });
    }
  }
  accounts.sort((a, b) => a.index - b.index);
  return {
    chainId: need("FAIRGRID_CHAIN_ID"),
    rpcUrl: need("FAIRGRID_RPC_URL"),
    restUrl: env.FAIRGRID_REST_URL,
    bech32Prefix: need("FAIRGRID_BECH32_PREFIX"),
    gasPrice: need("FAIRGRID_GAS_PRICE"),
    feeDenom: need("FAIRGRID_FEE_DENOM"),
    creditDenom: need("FAIRGRID_CREDIT_DENOM"),
    token: need("FAIRGRID_TOKEN_ADDRESS"),
    governance: need("FAIRGRID_GOVERNANCE_ADDRESS"),
    feeDistributor: need("FAIRGRID_FEE_DISTRIBUTOR_ADDRESS"),
    computeEscrow: need("FAIRGRID_COMPUTE_ESCROW_ADDRESS"),
    testMnemonic: env.FAIRGRID_TEST_MNEMONIC,
    testAccounts: accounts,
  };
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const json = await fetch("./config.json").catch(() => undefined);
  if (json?.ok && (json.headers.get("content-type") ?? "").includes("json")) {
    const c = (await json.json()) as ConsoleConfig;
    c.testAccounts ??= [];
    return c;
  }
  const env = await fetch("./fairgrid.env");
  if (!env.ok) {
    throw new Error("no config: start the devnet (scripts/devnet.sh start) or put a config.json beside index.html");
  }
  const vars = parseEnv(await env.text());
  const config = configFromEnv(vars);
  // The dev/preview server forwards the RPC (the devnet's sends no CORS headers).
  if (vars.FAIRGRID_CONSOLE_RPC_PROXY) config.rpcUrl = new URL(vars.FAIRGRID_CONSOLE_RPC_PROXY, location.href).href;
  return config;
}
