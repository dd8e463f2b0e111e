import { describe, expect, it } from "vitest";
import { configFromEnv, parseEnv } from "../src/config";

const env = `# Fairgrid devnet (scripts/devnet.sh).
FAIRGRID_CHAIN_ID=fairgrid-devnet-1
FAIRGRID_RPC_URL=http://127.0.0.1:56657
FAIRGRID_BECH32_PREFIX=wasm
FAIRGRID_FEE_DENOM=ustake
FAIRGRID_GAS_PRICE=0.025ustake
FAIRGRID_CREDIT_DENOM=uusdc
FAIRGRID_TEST_MNEMONIC="notice oak worry"
FAIRGRID_TOKEN_ADDRESS=wasm1token
FAIRGRID_GOVERNANCE_ADDRESS=wasm1gov
FAIRGRID_FEE_DISTRIBUTOR_ADDRESS=wasm1dist
FAIRGRID_COMPUTE_ESCROW_ADDRESS=wasm1escrow
FAIRGRID_ACCOUNT_RENTER=wasm1renter
FAIRGRID_ACCOUNT_RENTER_HD_INDEX=5
FAIRGRID_ACCOUNT_ALICE=wasm1alice
FAIRGRID_ACCOUNT_ALICE_HD_INDEX=1
`;

describe("the devnet's fairgrid.env is the console's config", () => {
  it("reads endpoints, contracts and the test accounts in HD order", () => {
    const c = configFromEnv(parseEnv(env));
    expect(c.rpcUrl).toBe("http://127.0.0.1:56657");
    expect(c.testMnemonic).toBe("notice oak worry");
    expect(c.computeEscrow).toBe("wasm1escrow");
    expect(c.testAccounts).toEqual([
      { name: "alice", index: 1, address: "wasm1alice" },
      { name: "renter", index: 5, address: "wasm1renter" },
    ]);
  });
  it("names the missing key", () => {
    expect(() => configFromEnv(parseEnv("FAIRGRID_CHAIN_ID=x"))).toThrow("fairgrid.env has no FAIRGRID_RPC_URL");
  });
});
