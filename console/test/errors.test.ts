import { describe, expect, it } from "vitest";
import { explainError } from "../src/errors";

describe("contract errors are shown in the catalogue's words", () => {
  it("a simulation failure names the code and only the contract's sentence", () => {
    const raw =
      "Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: " +
      "cannot unstake 5000000000: only 10000000 is staked: execute wasm contract failed [CosmWasm/wasmd@v0.61.14/x/wasm/keeper/keeper.go:434] with gas used: '123'";
    const e = explainError(new Error(raw));
    expect(e.code).toBe("governance/UnstakeTooMuch");
    expect(e.message).toBe("cannot unstake 5000000000: only 10000000 is staked");
  });
  it("an escrow error keeps its fixed text after the last field", () => {
    const raw = "failed to execute message; message index: 0: offer 3 has no free slot: 4/4 in use (ended leases free theirs on settle): execute wasm contract failed";
    const e = explainError(raw);
    expect(e.code).toBe("compute-escrow/OfferFull");
    expect(e.message).toBe("offer 3 has no free slot: 4/4 in use (ended leases free theirs on settle)");
  });
  it("a grant's refusals keep their numbers and code", () => {
    const raw = "failed to execute message; message index: 0: grant 3 allows 10000000, 4200000 is spent: 12600000 more is above the limit: execute wasm contract failed";
    const e = explainError(raw);
    expect(e.code).toBe("compute-escrow/GrantLimitExceeded");
    expect(e.message).toBe("grant 3 allows 10000000, 4200000 is spent: 12600000 more is above the limit");
    expect(explainError("message index: 0: grant 3 was revoked by its sponsor: execute wasm contract failed")).toMatchObject({
      code: "compute-escrow/GrantRevoked",
      message: "grant 3 was revoked by its sponsor",
    });
  });
  it("a wallet or network error gets a short sentence and no code", () => {
    expect(explainError(new Error("Request rejected"))).toEqual({ message: "The wallet refused to sign." });
    expect(explainError(new TypeError("Failed to fetch"))).toEqual({ message: "The chain's RPC endpoint cannot be reached." });
  });
});
