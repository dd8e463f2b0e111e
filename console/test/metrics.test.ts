import { describe, expect, it } from "vitest";
import type { Governance } from "@fairgrid/client";
import { blindSpots, identityMetrics } from "../src/metrics";

// docs/messages.md's example of governance's `metrics {}` response.
const example: Governance.MetricsResponse = {
  stakers: 3,
  total_stake: "25000000",
  total_power: "9000",
  total_claims: "1000000",
  total_deposits: "10000000",
  stake_hhi_bps: 4800,
  power_hhi_bps: 3567,
  address_power_hhi_bps: 3400,
  identities: 1,
  unidentified_stakers: 1,
  identified_stake: "20000000",
  unidentified_stake_bps: 2000,
};

describe("governance's identity metrics", () => {
  it("are read as the chain reports them, with the stakers and stake share held by identities", () => {
    expect(identityMetrics(example)).toEqual({
      powerHhiBps: 3567,
      addressPowerHhiBps: 3400,
      identities: 1,
      unidentifiedStakers: 1,
      identifiedStakers: 2,
      identifiedStake: "20000000",
      identifiedStakeBps: 8000,
      unidentifiedStakeBps: 2000,
    });
  });
  it("floor the identities' share and are all zero with nothing staked", () => {
    expect(identityMetrics({ ...example, total_stake: "3", identified_stake: "2", unidentified_stake_bps: 3333 })?.identifiedStakeBps).toBe(6666);
    expect(identityMetrics({
      ...example, stakers: 0, total_stake: "0", total_power: "0", stake_hhi_bps: 0, power_hhi_bps: 0,
      address_power_hhi_bps: 0, identities: 0, unidentified_stakers: 0, identified_stake: "0", unidentified_stake_bps: 0,
    })).toEqual({
      powerHhiBps: 0, addressPowerHhiBps: 0, identities: 0, unidentifiedStakers: 0, identifiedStakers: 0,
      identifiedStake: "0", identifiedStakeBps: 0, unidentifiedStakeBps: 0,
    });
  });
  it("are absent from a governance older than identities", () => {
    const { address_power_hhi_bps: _a, identities: _i, unidentified_stakers: _u, identified_stake: _s, unidentified_stake_bps: _b, ...old } = example;
    expect(identityMetrics(old)).toBeUndefined();
  });
});

describe("what the metrics cannot see", () => {
  it("names several identities of one holder, unidentified addresses, unreported expiries and stake outside", () => {
    expect(blindSpots(2000)).toBe(
      "What these metrics cannot see: one holder with several identities (each identity reads as its own unit, " +
      "so a split across identities reads as less concentration); who controls which addresses without identity " +
      "(each is its own unit); links that expired but were not yet reported; stake held outside governance.",
    );
  });
  it("calls the HHI per voting unit a lower bound when most stake has no identity", () => {
    expect(blindSpots(5000)).toMatch(/ Most stake here has no identity: read the HHI per voting unit as a lower bound of concentration\.$/);
    expect(blindSpots(10000)).toMatch(/lower bound/);
    expect(blindSpots(4999)).not.toMatch(/lower bound/);
    expect(blindSpots(undefined)).not.toMatch(/lower bound/);
  });
});
