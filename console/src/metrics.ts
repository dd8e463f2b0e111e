// Governance's concentration metrics (`metrics {}`) as the Fairness page shows
// them: the identity metrics, what they cannot see. Pure functions,
// unit-tested in test/metrics.test.ts.
import type { Governance } from "@fairgrid/client";
import { ratioBps } from "./format";

/** The identity metrics of a governance that reports them (all fields present). */
export interface IdentityMetrics {
  /** Herfindahl index of power per voting unit (each identity one unit), bps. */
  powerHhiBps: number;
  /** Herfindahl index of power per address, ignoring identities, bps. */
  addressPowerHhiBps: number;
  /** Identities with a positive summed stake. */
  identities: number;
  /** Addresses with stake and no identity. */
  unidentifiedStakers: number;
  /** Addresses with stake linked to an identity. */
  identifiedStakers: number;
  /** Stake of addresses with an identity, FAIR base units. */
  identifiedStake: string;
  /** Share of the stake held by identities, bps (floored; 0 when nothing is staked). */
  identifiedStakeBps: number;
  /** Share of the stake held without identity, bps, as governance reports it (floored). */
  unidentifiedStakeBps: number;
}

/**
 * The identity metrics, or undefined for a governance older than identities
 * (its `metrics` lacks the fields; its `power_hhi_bps` is then per address).
 */
export function identityMetrics(m: Governance.MetricsResponse): IdentityMetrics | undefined {
  if (
    m.address_power_hhi_bps === undefined || m.identities === undefined || m.unidentified_stakers === undefined ||
    m.identified_stake === undefined || m.unidentified_stake_bps === undefined
  ) {
    return undefined;
  }
  return {
    powerHhiBps: m.power_hhi_bps,
    addressPowerHhiBps: m.address_power_hhi_bps,
    identities: m.identities,
    unidentifiedStakers: m.unidentified_stakers,
    identifiedStakers: Math.max(0, m.stakers - m.unidentified_stakers),
    identifiedStake: m.identified_stake,
    identifiedStakeBps: ratioBps(m.identified_stake, m.total_stake),
    unidentifiedStakeBps: m.unidentified_stake_bps,
  };
}

/**
 * What the identity metrics cannot see (docs/design.md), in one line; when
 * stake without identity is large (at least half), the HHI per voting unit is
 * read as a lower bound.
 */
export function blindSpots(unidentifiedStakeBps: number | undefined): string {
  const base =
    "What these metrics cannot see: one holder with several identities (each identity reads as its own unit, " +
    "so a split across identities reads as less concentration); who controls which addresses without identity " +
    "(each is its own unit); links that expired but were not yet reported; stake held outside governance.";
  if (unidentifiedStakeBps !== undefined && unidentifiedStakeBps >= 5000) {
    return base + " Most stake here has no identity: read the HHI per voting unit as a lower bound of concentration.";
  }
  return base;
}
