// Why a vote weighs what it weighs: the governance contract's power rule per
// voting unit, explained. contracts/governance/src/math.rs (`power`,
// `unidentified_power`, `ceil_sqrt`, `share_divisor`, `cap_limit`) and
// identity.rs (`unit_at`) are the authority; this mirrors them in bigint to
// explain them, the numbers shown next to it come from the chain.
//
// A voting unit is an identity (all addresses the identity registry linked to
// it) or an address without one:
//
//   identity:   power = curve(Σ stake of its addresses), 0 when Σ < min_stake;
//               0 while a link of it has expired (until the expiry is reported);
//               any of its addresses casts or replaces its single ballot
//   no identity, by the config's `identity.unidentified` policy:
//     per_address:  power = curve(s), 0 when s < min_stake (the rule before identities)
//     none:         power = 0
//     linear_share: power = floor(s / max(1, 2 × ceil(sqrt(S)))), 0 when s < min_stake,
//                   S the total stake (every address) at that height; under the
//                   linear curve it is curve(s), as per_address
//   curve: linear → stake; square_root → floor(sqrt(stake))
//   counted on a proposal = min(power, floor(cap_bps × total_power / 10000))

export type Curve = "linear" | "square_root";
export type UnidentifiedPolicy = "per_address" | "none" | "linear_share";

/** floor(sqrt(n)) for a non-negative bigint (Newton's method). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new Error("isqrt of a negative number");
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

/** ceil(sqrt(n)), exact (math::ceil_sqrt). */
export function ceilSqrt(n: bigint): bigint {
  const r = isqrt(n);
  return r * r < n ? r + 1n : r;
}

/** Uncapped power of a stake: the curve, or 0 below the minimum stake (math::power). */
export function curvePower(stake: bigint, curve: Curve, minStake: bigint): bigint {
  if (stake === 0n || stake < minStake) return 0n;
  return curve === "linear" ? stake : isqrt(stake);
}

/** The `linear_share` divisor at total stake S: 2 × ceil(sqrt(S)), at least 1 (math::share_divisor). */
export function shareDivisor(totalStake: bigint): bigint {
  const d = 2n * ceilSqrt(totalStake);
  return d < 1n ? 1n : d;
}

/** Power of a stake held without identity under `policy` at total stake S (math::unidentified_power). */
export function unidentifiedPower(
  policy: UnidentifiedPolicy,
  stake: bigint,
  totalStake: bigint,
  curve: Curve,
  minStake: bigint,
): bigint {
  if (policy === "none") return 0n;
  if (policy === "per_address" || curve === "linear") return curvePower(stake, curve, minStake);
  if (stake < minStake) return 0n;
  return stake / shareDivisor(totalStake);
}

/** The most one voting unit counts on a proposal: floor(cap × total / 10000) (math::cap_limit). */
export function capLimit(capBps: number, totalPower: bigint): bigint {
  return (BigInt(capBps) * totalPower) / 10000n;
}

export interface IdentityInputs {
  /** The identity's number in the registry. */
  id: number;
  /** Σ stake of its linked addresses (governance's `identity_power.stake`). */
  stake: bigint;
  /** How many addresses are linked to it (`identity_power.addresses`). */
  addresses: number;
  /** The earliest expiry height among its links (`identity_power.earliest_expiry`). */
  earliestExpiry?: number | null;
}

export interface PowerInputs {
  /** This address's own stake. */
  stake: bigint;
  curve: Curve;
  minStake: bigint;
  capBps: number;
  /** The total power the cap applies to (a proposal's snapshot, or the current total). */
  totalPower: bigint;
  /** S: the total stake of every address (metrics `total_stake`); sets the `linear_share` divisor. */
  totalStake: bigint;
  /** The config's `identity.unidentified`: the rule for stake without identity. */
  unidentified: UnidentifiedPolicy;
  /** The address's identity as governance counts it, or null (`voting_power.identity`). */
  identity: IdentityInputs | null;
  /** Whether the config names an identity registry (without one no address can get an identity). */
  identityRegistry: boolean;
  /** The height the numbers were read at (an identity with a link expired at or before it cannot vote). */
  height?: number;
  /** How many addresses to compare a split with (≥ 2). */
  splitInto: number;
}

export type Rule = "identity" | UnidentifiedPolicy;

export interface PowerExplanation {
  rule: Rule;
  /** The stake the rule counts: the identity's sum, or the address's own stake. */
  unitStake: bigint;
  /** Uncapped power, as `voting_power` reports it (0 for an identity with an expired link). */
  power: bigint;
  capLimit: bigint;
  counted: bigint;
  capped: boolean;
  belowMinimum: boolean;
  /** An identity with a link expired at the height read: it cannot vote. */
  expired: boolean;
  /** The counted power if the unit's stake were split as equally as possible over `splitInto` addresses of the same kind (each capped). */
  splitCounted: bigint;
  /** Without identity: what the same stake would have as one identity (curve(s)); null for an identity. */
  asIdentity: bigint | null;
  /** One sentence per step, for the page. */
  lines: string[];
}

export function explainPower(p: PowerInputs, fmtStake: (b: bigint) => string): PowerExplanation {
  const id = p.identity;
  const rule: Rule = id ? "identity" : p.unidentified;
  const sqrt = p.curve === "square_root";
  const unitStake = id ? id.stake : p.stake;
  const unitPower = (s: bigint) =>
    id ? curvePower(s, p.curve, p.minStake) : unidentifiedPower(p.unidentified, s, p.totalStake, p.curve, p.minStake);
  const expiry = id?.earliestExpiry ?? null;
  const expired = id !== null && expiry !== null && p.height !== undefined && expiry <= p.height;
  const power = expired ? 0n : unitPower(unitStake);
  const limit = capLimit(p.capBps, p.totalPower);
  const counted = power < limit ? power : limit;
  const capped = power > limit;
  const belowMinimum = rule !== "none" && unitStake > 0n && unitStake < p.minStake;
  const asIdentity = id ? null : curvePower(p.stake, p.curve, p.minStake);

  // An equal split over k addresses, the remainder spread one base unit at a time.
  const k = BigInt(Math.max(2, Math.floor(p.splitInto)));
  const part = unitStake / k;
  const extra = unitStake % k;
  const eachCounted = (s: bigint) => {
    const w = unitPower(s);
    return w < limit ? w : limit;
  };
  // Inside an identity the parts are summed again: the split changes nothing.
  const splitCounted = id ? counted : extra * eachCounted(part + 1n) + (k - extra) * eachCounted(part);
  const perPart = extra === 0n
    ? `${fmtStake(part)} each`
    : `about ${fmtStake(part)} each (${part} or ${part + 1n} base units)`;
  const parts = `${k} addresses of ${perPart}`;

  const lines: string[] = [];
  const stakeText = `${fmtStake(p.stake)} (${p.stake} base units)`;
  if (id) {
    lines.push(`Stake: ${stakeText} in this address; identity ${id.id} sums ${fmtStake(id.stake)} (${id.stake} base units) over its ${plural(id.addresses, "address", "addresses")}.`);
    lines.push(`Rule: identity ${id.id}. The addresses the identity registry linked to it count as one voter: power = curve(Σ stake of its addresses), and one ballot, which any of them casts or replaces.`);
  } else {
    lines.push(`Stake: ${stakeText} in this address.`);
    lines.push(`Rule: no identity; stake without identity follows the policy ${p.unidentified}: ${policyGist(p.unidentified, p.curve)}.`);
  }

  // The formula with the numbers.
  const s = id ? "Σ" : "s";
  if (unitStake === 0n && rule !== "none") {
    lines.push("No stake: no voting power. Stake FAIR to vote on proposals created after your stake.");
  } else if (belowMinimum) {
    lines.push(`${id ? "The identity's summed stake is below" : "Below"} the minimum stake of ${fmtStake(p.minStake)}: power 0.`);
  } else if (rule === "none") {
    lines.push("Formula: power = 0, whatever the stake.");
  } else if (rule === "linear_share" && sqrt) {
    const d = shareDivisor(p.totalStake);
    lines.push(`Formula: power = floor(s / (2 × ceil(√S))) = floor(${unitStake} / (2 × ceil(√${p.totalStake}))) = floor(${unitStake} / ${d}) = ${unitPower(unitStake)}, with S the total stake.`);
  } else if (sqrt) {
    lines.push(`Formula: power = floor(√${s}) = floor(√${unitStake}) = ${unitPower(unitStake)}. Doubling the stake multiplies power by about 1.41, not 2.`);
  } else {
    lines.push(`Formula: power = ${s} = ${unitPower(unitStake)} (linear curve).`);
  }

  // Without identity: what verifying one would give.
  if (!id && p.stake > 0n && asIdentity !== null) {
    const curveText = sqrt ? `floor(√s) = ${asIdentity}` : `s = ${asIdentity}`;
    const noRegistry = p.identityRegistry ? "" : " (this chain names no identity registry yet, so no address can be linked)";
    if (rule === "linear_share" && sqrt && !belowMinimum) {
      lines.push(`Bound: linear_share never gives more than floor(√s) / 2 = ${isqrt(p.stake) / 2n}; linked to an identity, this stake alone would have power ${curveText}, so verifying an identity pays${noRegistry}.`);
    } else if (rule === "none") {
      lines.push(`Linked to an identity, this stake alone would have power ${curveText}${noRegistry}.`);
    }
  }

  if (expired) {
    lines.push(`Expired: a link of identity ${id!.id} expired at height ${expiry} (read at height ${p.height}): the identity cannot vote (power 0) until the expiry is reported (registry expire or governance report_expiry); from the next height that address's stake counts without identity.`);
  }

  lines.push(
    `Cap: ${id ? `the identity counts at most ${toPct(p.capBps)} of the total power ${p.totalPower}, i.e. ${limit}, once for all its addresses` : `this address counts at most ${toPct(p.capBps)} of the total power ${p.totalPower}, i.e. ${limit} (each address without identity is capped on its own)`}. ` +
      (capped ? `Its power ${power} is capped to ${limit}.` : `Its power ${power} is under the cap.`),
  );
  lines.push(`Counted on a vote: ${counted}.`);

  // What is counted.
  if (id) {
    lines.push(`What counts: Σ = ${fmtStake(id.stake)}, the stake of all ${plural(id.addresses, "address", "addresses")} linked to identity ${id.id} (this address's ${fmtStake(p.stake)} included), summed before the curve; the identity's power is the same whichever of them asks or votes.`);
  } else if (rule === "none") {
    lines.push("What counts: nothing of this address's stake: under none only identities have voting power.");
  } else if (rule === "linear_share" && sqrt) {
    lines.push(`What counts: this address's own stake s = ${fmtStake(p.stake)}, and S = ${fmtStake(p.totalStake)}, the total stake of every address, which sets the divisor 2 × ceil(√S) = ${shareDivisor(p.totalStake)} (it moves as anyone stakes or unstakes).`);
  } else {
    lines.push("What counts: this address's own stake only; other addresses of the same holder count on their own.");
  }

  // What splitting would and would not change.
  if (unitStake > 0n) {
    let verdict: string;
    if (id) {
      verdict = `Splitting the identity's stake over ${k} of its own addresses, ${perPart}, would count the same ${counted}: only the sum counts, so splitting inside an identity changes nothing (even parts below the minimum stake count, in the sum). Addresses not linked to it count under the policy ${p.unidentified} instead.`;
    } else if (rule === "none") {
      verdict = `Splitting into ${parts} would count the same 0: every address without identity counts 0 under none, so splitting changes nothing.`;
    } else {
      const linear = !sqrt || rule === "linear_share";
      const why = linear
        ? rule === "linear_share" && sqrt
          ? "linear_share is linear in the stake and S does not change, so splitting changes nothing but the floors, and parts below the minimum stake count 0"
          : "the curve is linear, so splitting changes nothing, except that parts below the minimum stake count 0"
        : "the square root per address rewards splitting (k addresses get about √k times the power), but parts below the minimum stake count 0";
      const head = `Splitting into ${parts} would count`;
      verdict = splitCounted > counted
        ? linear
          ? `${head} ${splitCounted} instead of ${counted}: the cap applies to each address on its own, so splitting gets round it; otherwise ${why}.`
          : `${head} ${splitCounted} instead of ${counted}${capped ? ", and splitting gets round the per-address cap" : ""}: ${why}.`
        : splitCounted < counted
          ? `${head} ${splitCounted}, less than ${counted}: ${why}.`
          : `${head} the same ${counted}: ${why}.`;
    }
    lines.push(verdict);
    lines.push("Splitting would not change the total stake or the unbonding period.");
  }
  return { rule, unitStake, power, capLimit: limit, counted, capped, belowMinimum, expired, splitCounted, asIdentity, lines };
}

function policyGist(policy: UnidentifiedPolicy, curve: Curve): string {
  if (policy === "none") return "such stake has no voting power";
  if (policy === "per_address") return "the curve applies to each address on its own (the rule before identities)";
  return curve === "square_root"
    ? "power linear in the address's stake, shared out by the total stake S, never more than half its square root"
    : "under the linear curve, power = stake per address";
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function toPct(bps: number): string {
  const whole = Math.floor(bps / 100);
  const frac = bps % 100;
  return `${whole}${frac ? "." + String(frac).padStart(2, "0").replace(/0$/, "") : ""} %`;
}
