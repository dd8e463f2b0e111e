// Why a vote weighs what it weighs: the governance contract's power rule,
// explained (contracts/governance/src/math.rs is the authority; this mirrors it
// in bigint to explain it, the numbers shown next to it come from the chain).
//
//   power  = 0 when stake < min_stake, else curve(stake)
//            (linear: stake; square_root: floor(sqrt(stake)))
//   counted on a proposal = min(power, floor(cap_bps × total_power / 10000))

export type Curve = "linear" | "square_root";

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

export function curvePower(stake: bigint, curve: Curve, minStake: bigint): bigint {
  if (stake === 0n || stake < minStake) return 0n;
  return curve === "linear" ? stake : isqrt(stake);
}

export function capLimit(capBps: number, totalPower: bigint): bigint {
  return (BigInt(capBps) * totalPower) / 10000n;
}

export interface PowerInputs {
  stake: bigint;
  curve: Curve;
  minStake: bigint;
  capBps: number;
  /** The total power the cap applies to (a proposal's snapshot, or the current total). */
  totalPower: bigint;
  /** Whether the chain has an identity registry that merges one person's accounts. */
  identityRegistry: boolean;
  /** How many accounts to compare a split with (≥ 2). */
  splitInto: number;
}

export interface PowerExplanation {
  power: bigint;
  capLimit: bigint;
  counted: bigint;
  capped: boolean;
  belowMinimum: boolean;
  /** The counted power if the same stake were split equally over `splitInto` accounts (each capped). */
  splitCounted: bigint;
  /** One sentence per step, for the page. */
  lines: string[];
}

export function explainPower(p: PowerInputs, fmtStake: (b: bigint) => string): PowerExplanation {
  const power = curvePower(p.stake, p.curve, p.minStake);
  const limit = capLimit(p.capBps, p.totalPower);
  const counted = power < limit ? power : limit;
  const capped = power > limit;
  const belowMinimum = p.stake > 0n && p.stake < p.minStake;
  const k = BigInt(Math.max(2, Math.floor(p.splitInto)));
  const share = p.stake / k;
  const onePart = curvePower(share, p.curve, p.minStake);
  const onePartCounted = onePart < limit ? onePart : limit;
  const splitCounted = onePartCounted * k;

  const lines: string[] = [];
  lines.push(`Stake: ${fmtStake(p.stake)} (${p.stake} base units).`);
  if (p.stake === 0n) {
    lines.push("No stake: no voting power. Stake FAIR to vote on proposals created after your stake.");
  } else if (belowMinimum) {
    lines.push(`Below the minimum stake of ${fmtStake(p.minStake)}: power 0.`);
  } else if (p.curve === "square_root") {
    lines.push(`Curve square_root: power = floor(√${p.stake}) = ${power}. Doubling the stake multiplies power by about 1.41, not 2.`);
  } else {
    lines.push(`Curve linear: power = stake = ${power}.`);
  }
  lines.push(
    `Cap: no voter counts more than ${toPct(p.capBps)} of the total power ${p.totalPower}, i.e. ${limit}. ` +
      (capped ? `Your power ${power} is capped to ${limit}.` : `Your power ${power} is under the cap.`),
  );
  lines.push(`Counted on a vote: ${counted}.`);
  if (p.identityRegistry) {
    lines.push("Identity: accounts linked to one identity are counted together, so splitting stake does not add power.");
  } else {
    lines.push("Identity: this chain has no identity registry; each account counts on its own.");
  }
  if (p.stake > 0n) {
    const verdict =
      splitCounted > counted
        ? `would count ${splitCounted} instead of ${counted}` +
          (p.identityRegistry ? " — unless the accounts share an identity, which merges them back" : "") +
          (capped ? "; splitting gets round the cap" : "; the curve rewards splitting")
        : splitCounted < counted
          ? `would count ${splitCounted}, less than ${counted} (parts below the minimum stake count 0)`
          : `would count the same ${counted}`;
    lines.push(`Splitting into ${k} accounts of ${fmtStake(share)} each ${verdict}. It would not change the total stake, the stakers' fee share per FAIR or the unbonding period.`);
  }
  return { power, capLimit: limit, counted, capped, belowMinimum, splitCounted, lines };
}

function toPct(bps: number): string {
  const whole = Math.floor(bps / 100);
  const frac = bps % 100;
  return `${whole}${frac ? "." + String(frac).padStart(2, "0").replace(/0$/, "") : ""} %`;
}
