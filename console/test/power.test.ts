import { describe, expect, it } from "vitest";
import {
  capLimit,
  ceilSqrt,
  curvePower,
  explainPower,
  isqrt,
  shareDivisor,
  unidentifiedPower,
  type PowerInputs,
} from "../src/power";

const fmt = (b: bigint) => `${b / 1000000n}${b % 1000000n ? "." + String(b % 1000000n).padStart(6, "0").replace(/0+$/, "") : ""} FAIR`;
const base: Omit<PowerInputs, "stake" | "totalPower" | "totalStake"> = {
  curve: "square_root",
  minStake: 1000000n,
  capBps: 1000,
  unidentified: "linear_share",
  identity: null,
  identityRegistry: true,
  splitInto: 4,
};

/** A deterministic pseudo-random stream (no flaky tests). */
function* lcg(seed: bigint): Generator<bigint> {
  let x = seed;
  for (;;) {
    x = (x * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
    yield x;
  }
}

describe("the power rule mirrors the governance contract", () => {
  it("isqrt is the floor square root, exact on huge values", () => {
    expect(isqrt(0n)).toBe(0n);
    expect(isqrt(15n)).toBe(3n);
    expect(isqrt(16n)).toBe(4n);
    expect(isqrt(1000000n)).toBe(1000n);
    const max = 2n ** 128n - 1n;
    const r = isqrt(max);
    expect(r * r <= max && (r + 1n) * (r + 1n) > max).toBe(true);
  });
  it("ceilSqrt rounds up, exactly at squares", () => {
    expect(ceilSqrt(0n)).toBe(0n);
    expect(ceilSqrt(1n)).toBe(1n);
    expect(ceilSqrt(16n)).toBe(4n);
    expect(ceilSqrt(17n)).toBe(5n);
    expect(ceilSqrt(50000000n)).toBe(7072n);
    expect(ceilSqrt(2n ** 128n - 1n)).toBe(2n ** 64n);
  });
  it("the linear_share divisor is 2 × ceil(√S), at least 1", () => {
    expect(shareDivisor(0n)).toBe(1n);
    expect(shareDivisor(1n)).toBe(2n);
    expect(shareDivisor(16000000n)).toBe(8000n);
    expect(shareDivisor(50000000n)).toBe(14144n);
  });
  it("power is zero below the minimum stake and the curve at or above", () => {
    expect(curvePower(999999n, "square_root", 1000000n)).toBe(0n);
    expect(curvePower(1000000n, "square_root", 1000000n)).toBe(1000n);
    expect(curvePower(5n, "linear", 0n)).toBe(5n);
    expect(curvePower(0n, "linear", 0n)).toBe(0n);
  });
  it("the unidentified policies, as math::unidentified_power", () => {
    const S = 50000000n;
    expect(unidentifiedPower("none", 10000000n, S, "square_root", 1000000n)).toBe(0n);
    expect(unidentifiedPower("per_address", 10000000n, S, "square_root", 1000000n)).toBe(3162n);
    expect(unidentifiedPower("linear_share", 10000000n, S, "square_root", 1000000n)).toBe(707n);
    expect(unidentifiedPower("linear_share", 999999n, S, "square_root", 1000000n)).toBe(0n);
    // nothing staked: the divisor is 1, not 0
    expect(unidentifiedPower("linear_share", 0n, 0n, "square_root", 0n)).toBe(0n);
    expect(unidentifiedPower("linear_share", 5n, 0n, "square_root", 0n)).toBe(5n);
    // under the linear curve linear_share is the curve per address, whatever S
    expect(unidentifiedPower("linear_share", 400n, 10n ** 20n, "linear", 0n)).toBe(400n);
    expect(unidentifiedPower("linear_share", 400n, 10n ** 20n, "linear", 401n)).toBe(0n);
    expect(unidentifiedPower("per_address", 400n, 0n, "linear", 0n)).toBe(400n);
    expect(unidentifiedPower("none", 400n, 0n, "linear", 0n)).toBe(0n);
  });
  it("linear_share never exceeds floor(√s) / 2, and no split of s beats s in one address", () => {
    const rnd = lcg(7n);
    for (let i = 0; i < 2000; i++) {
      const minStake = rnd.next().value % 1000n;
      const s = rnd.next().value % 10n ** 12n;
      const S = s + (rnd.next().value % 10n ** 13n); // S includes s
      const p = unidentifiedPower("linear_share", s, S, "square_root", minStake);
      expect(p <= isqrt(s) / 2n).toBe(true);
      // verifying pays: an identity holding only s gets at least as much
      expect(p <= curvePower(s, "square_root", minStake)).toBe(true);
      // a random split into up to 7 addresses; S does not change
      const k = Number(rnd.next().value % 7n) + 1;
      let left = s;
      let sum = 0n;
      for (let j = 0; j < k; j++) {
        const part = j === k - 1 ? left : left === 0n ? 0n : rnd.next().value % (left + 1n);
        left -= part;
        sum += unidentifiedPower("linear_share", part, S, "square_root", minStake);
      }
      expect(sum <= p).toBe(true);
    }
  });
  it("the cap rounds down", () => {
    expect(capLimit(1000, 999n)).toBe(99n);
  });
});

describe("explaining power without identity under linear_share", () => {
  const e = explainPower({ ...base, stake: 10000000n, totalStake: 50000000n, totalPower: 100000n }, fmt);
  it("shows the formula with the numbers, the bound and the cap", () => {
    expect(e.rule).toBe("linear_share");
    expect(e.power).toBe(707n);
    expect(e.capLimit).toBe(10000n);
    expect(e.counted).toBe(707n);
    expect(e.capped).toBe(false);
    expect(e.asIdentity).toBe(3162n);
    expect(e.lines).toEqual([
      "Stake: 10 FAIR (10000000 base units) in this address.",
      "Rule: no identity; stake without identity follows the policy linear_share: power linear in the address's stake, shared out by the total stake S, never more than half its square root.",
      "Formula: power = floor(s / (2 × ceil(√S))) = floor(10000000 / (2 × ceil(√50000000))) = floor(10000000 / 14144) = 707, with S the total stake.",
      "Bound: linear_share never gives more than floor(√s) / 2 = 1581; linked to an identity, this stake alone would have power floor(√s) = 3162, so verifying an identity pays.",
      "Cap: this address counts at most 10 % of the total power 100000, i.e. 10000 (each address without identity is capped on its own). Its power 707 is under the cap.",
      "Counted on a vote: 707.",
      "What counts: this address's own stake s = 10 FAIR, and S = 50 FAIR, the total stake of every address, which sets the divisor 2 × ceil(√S) = 14144 (it moves as anyone stakes or unstakes).",
      "Splitting into 4 addresses of 2.5 FAIR each would count 704, less than 707: linear_share is linear in the stake and S does not change, so splitting changes nothing but the floors, and parts below the minimum stake count 0.",
      "Splitting would not change the total stake or the unbonding period.",
    ]);
  });
  it("the e2e test's pattern matches the page's text (list items joined without separators)", () => {
    const text = e.lines.join("");
    expect(text).toMatch(/Rule: no identity; stake without identity follows the policy linear_share/);
    expect(text).toMatch(/Formula: power = floor\(s \/ \(2 × ceil\(√S\)\)\) = floor\(\d+ \/ \(2 × ceil\(√\d+\)\)\) = floor\(\d+ \/ \d+\) = \d+, with S the total stake\./);
    expect(text).toMatch(/Cap: this address counts at most 10 % of the total power \d+, i\.e\. \d+ \(each address without identity is capped on its own\)/);
    expect(text).toMatch(/Splitting into 4 addresses/);
  });
  it("an exact split counts the same", () => {
    const x = explainPower({ ...base, stake: 8000000n, totalStake: 16000000n, totalPower: 100000n }, fmt);
    expect(x.counted).toBe(1000n);
    expect(x.splitCounted).toBe(1000n);
    expect(x.lines.at(-2)).toBe(
      "Splitting into 4 addresses of 2 FAIR each would count the same 1000: linear_share is linear in the stake and S does not change, so splitting changes nothing but the floors, and parts below the minimum stake count 0.",
    );
  });
  it("parts below the minimum stake count 0", () => {
    const x = explainPower({ ...base, stake: 3000000n, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(x.counted).toBe(212n);
    expect(x.splitCounted).toBe(0n);
    expect(x.lines.at(-2)).toContain("Splitting into 4 addresses of 0.75 FAIR each would count 0, less than 212:");
  });
  it("below the minimum stake the power is zero and the page says why", () => {
    const x = explainPower({ ...base, stake: 500000n, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(x.power).toBe(0n);
    expect(x.belowMinimum).toBe(true);
    expect(x.lines[2]).toBe("Below the minimum stake of 1 FAIR: power 0.");
    expect(x.lines.some((l) => l.startsWith("Bound:"))).toBe(false);
  });
  it("the cap applies per address, so a capped address gains by splitting, and the page says so", () => {
    // S = 10^12: divisor 2 × 10^6; 9 × 10^11 → 450000, capped to 10 % of 1000000
    const x = explainPower({ ...base, stake: 900000000000n, totalStake: 1000000000000n, totalPower: 1000000n }, fmt);
    expect(x.power).toBe(450000n);
    expect(x.counted).toBe(100000n);
    expect(x.capped).toBe(true);
    expect(x.splitCounted).toBe(400000n);
    expect(x.lines.at(-2)).toBe(
      "Splitting into 4 addresses of 225000 FAIR each would count 400000 instead of 100000: the cap applies to each address on its own, so splitting gets round it; otherwise linear_share is linear in the stake and S does not change, so splitting changes nothing but the floors, and parts below the minimum stake count 0.",
    );
  });
  it("without a registry the bound says no address can be linked", () => {
    const x = explainPower({ ...base, identityRegistry: false, stake: 10000000n, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(x.lines[3]).toBe(
      "Bound: linear_share never gives more than floor(√s) / 2 = 1581; linked to an identity, this stake alone would have power floor(√s) = 3162, so verifying an identity pays (this chain names no identity registry yet, so no address can be linked).",
    );
  });
});

describe("explaining power without identity under per_address", () => {
  const pa = { ...base, unidentified: "per_address" as const };
  it("the square root per address, and splitting pays", () => {
    const e = explainPower({ ...pa, stake: 4000000n, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(e.rule).toBe("per_address");
    expect(e.power).toBe(2000n);
    expect(e.counted).toBe(2000n);
    expect(e.splitCounted).toBe(4000n);
    expect(e.lines).toEqual([
      "Stake: 4 FAIR (4000000 base units) in this address.",
      "Rule: no identity; stake without identity follows the policy per_address: the curve applies to each address on its own (the rule before identities).",
      "Formula: power = floor(√s) = floor(√4000000) = 2000. Doubling the stake multiplies power by about 1.41, not 2.",
      "Cap: this address counts at most 10 % of the total power 100000, i.e. 10000 (each address without identity is capped on its own). Its power 2000 is under the cap.",
      "Counted on a vote: 2000.",
      "What counts: this address's own stake only; other addresses of the same holder count on their own.",
      "Splitting into 4 addresses of 1 FAIR each would count 4000 instead of 2000: the square root per address rewards splitting (k addresses get about √k times the power), but parts below the minimum stake count 0.",
      "Splitting would not change the total stake or the unbonding period.",
    ]);
  });
  it("a whale is capped, and splitting gets round the cap", () => {
    const e = explainPower({ ...pa, stake: 100000000n, totalStake: 200000000n, totalPower: 50000n }, fmt);
    expect(e.power).toBe(10000n);
    expect(e.counted).toBe(5000n);
    expect(e.capped).toBe(true);
    // 4 × min(floor(√25000000) = 5000, 5000) = 20000
    expect(e.splitCounted).toBe(20000n);
    expect(e.lines.at(-2)).toBe(
      "Splitting into 4 addresses of 25 FAIR each would count 20000 instead of 5000, and splitting gets round the per-address cap: the square root per address rewards splitting (k addresses get about √k times the power), but parts below the minimum stake count 0.",
    );
  });
  it("splitting below the minimum stake loses power", () => {
    const e = explainPower({ ...pa, stake: 2000000n, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(e.counted).toBe(1414n);
    expect(e.splitCounted).toBe(0n);
    expect(e.lines.at(-2)).toContain("would count 0, less than 1414:");
  });
  it("under the linear curve splitting changes nothing above the minimum, and an uneven split keeps every base unit", () => {
    const e = explainPower({ ...pa, curve: "linear", minStake: 0n, stake: 10n, totalStake: 10n, totalPower: 100000n, splitInto: 3 }, fmt);
    expect(e.counted).toBe(10n);
    expect(e.splitCounted).toBe(10n);
    expect(e.lines[2]).toBe("Formula: power = s = 10 (linear curve).");
    expect(e.lines.at(-2)).toBe(
      "Splitting into 3 addresses of about 0.000003 FAIR each (3 or 4 base units) would count the same 10: the curve is linear, so splitting changes nothing, except that parts below the minimum stake count 0.",
    );
  });
});

describe("explaining power without identity under none", () => {
  it("power 0, splitting changes nothing, an identity would vote", () => {
    const e = explainPower({ ...base, unidentified: "none", stake: 10000000n, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(e.rule).toBe("none");
    expect(e.power).toBe(0n);
    expect(e.counted).toBe(0n);
    expect(e.splitCounted).toBe(0n);
    expect(e.belowMinimum).toBe(false);
    expect(e.lines).toEqual([
      "Stake: 10 FAIR (10000000 base units) in this address.",
      "Rule: no identity; stake without identity follows the policy none: such stake has no voting power.",
      "Formula: power = 0, whatever the stake.",
      "Linked to an identity, this stake alone would have power floor(√s) = 3162.",
      "Cap: this address counts at most 10 % of the total power 100000, i.e. 10000 (each address without identity is capped on its own). Its power 0 is under the cap.",
      "Counted on a vote: 0.",
      "What counts: nothing of this address's stake: under none only identities have voting power.",
      "Splitting into 4 addresses of 2.5 FAIR each would count the same 0: every address without identity counts 0 under none, so splitting changes nothing.",
      "Splitting would not change the total stake or the unbonding period.",
    ]);
  });
});

describe("explaining the power of an identity", () => {
  const id = { id: 7, stake: 12000000n, addresses: 3 };
  it("the curve of the summed stake, capped once for the identity", () => {
    const e = explainPower({ ...base, stake: 4000000n, identity: id, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(e.rule).toBe("identity");
    expect(e.unitStake).toBe(12000000n);
    expect(e.power).toBe(3464n);
    expect(e.counted).toBe(3464n);
    expect(e.splitCounted).toBe(3464n);
    expect(e.asIdentity).toBe(null);
    expect(e.lines).toEqual([
      "Stake: 4 FAIR (4000000 base units) in this address; identity 7 sums 12 FAIR (12000000 base units) over its 3 addresses.",
      "Rule: identity 7. The addresses the identity registry linked to it count as one voter: power = curve(Σ stake of its addresses), and one ballot, which any of them casts or replaces.",
      "Formula: power = floor(√Σ) = floor(√12000000) = 3464. Doubling the stake multiplies power by about 1.41, not 2.",
      "Cap: the identity counts at most 10 % of the total power 100000, i.e. 10000, once for all its addresses. Its power 3464 is under the cap.",
      "Counted on a vote: 3464.",
      "What counts: Σ = 12 FAIR, the stake of all 3 addresses linked to identity 7 (this address's 4 FAIR included), summed before the curve; the identity's power is the same whichever of them asks or votes.",
      "Splitting the identity's stake over 4 of its own addresses, 3 FAIR each, would count the same 3464: only the sum counts, so splitting inside an identity changes nothing (even parts below the minimum stake count, in the sum). Addresses not linked to it count under the policy linear_share instead.",
      "Splitting would not change the total stake or the unbonding period.",
    ]);
  });
  it("depends only on the identity's total stake, not on the policy, S, this address's share or the number of addresses", () => {
    const powers = new Set<bigint>();
    for (const [stake, addresses] of [[0n, 1], [1n, 2], [4000000n, 3], [12000000n, 1], [500000n, 24]] as const) {
      for (const unidentified of ["per_address", "none", "linear_share"] as const) {
        for (const totalStake of [12000000n, 10n ** 15n]) {
          const e = explainPower({ ...base, unidentified, stake, totalStake, totalPower: 100000n, identity: { id: 7, stake: 12000000n, addresses } }, fmt);
          powers.add(e.power);
          expect(e.splitCounted).toBe(e.counted);
        }
      }
    }
    expect([...powers]).toEqual([3464n]);
  });
  it("a summed stake below the minimum has no power, even when the address alone is not the issue", () => {
    const e = explainPower({ ...base, stake: 300000n, identity: { id: 2, stake: 900000n, addresses: 2 }, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(e.power).toBe(0n);
    expect(e.belowMinimum).toBe(true);
    expect(e.lines[2]).toBe("The identity's summed stake is below the minimum stake of 1 FAIR: power 0.");
  });
  it("parts below the minimum count inside an identity: their sum is what meets it", () => {
    // four addresses of 0.5 FAIR: without identity 0 each, as one identity floor(√2000000)
    const e = explainPower({ ...base, stake: 500000n, identity: { id: 3, stake: 2000000n, addresses: 4 }, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(e.power).toBe(1414n);
    expect(unidentifiedPower("linear_share", 500000n, 50000000n, "square_root", 1000000n)).toBe(0n);
  });
  it("a capped identity stays capped whatever the split", () => {
    const e = explainPower({ ...base, stake: 1n, identity: { id: 9, stake: 100000000n, addresses: 5 }, totalStake: 200000000n, totalPower: 50000n }, fmt);
    expect(e.power).toBe(10000n);
    expect(e.counted).toBe(5000n);
    expect(e.capped).toBe(true);
    expect(e.splitCounted).toBe(5000n);
    expect(e.lines[3]).toBe("Cap: the identity counts at most 10 % of the total power 50000, i.e. 5000, once for all its addresses. Its power 10000 is capped to 5000.");
  });
  it("an expired link blocks the identity until it is reported", () => {
    const at = (earliestExpiry: number) =>
      explainPower({ ...base, stake: 4000000n, identity: { ...id, earliestExpiry }, height: 100, totalStake: 50000000n, totalPower: 100000n }, fmt);
    const e = at(100);
    expect(e.expired).toBe(true);
    expect(e.power).toBe(0n);
    expect(e.counted).toBe(0n);
    expect(e.lines).toContain(
      "Expired: a link of identity 7 expired at height 100 (read at height 100): the identity cannot vote (power 0) until the expiry is reported (registry expire or governance report_expiry); from the next height that address's stake counts without identity.",
    );
    expect(at(101).expired).toBe(false);
    expect(at(101).power).toBe(3464n);
  });
  it("under the linear curve an identity's power is its summed stake", () => {
    const e = explainPower({ ...base, curve: "linear", minStake: 0n, stake: 4n, identity: { id: 1, stake: 12n, addresses: 2 }, totalStake: 100n, totalPower: 1000n }, fmt);
    expect(e.power).toBe(12n);
    expect(e.lines[2]).toBe("Formula: power = Σ = 12 (linear curve).");
  });
});

describe("no stake", () => {
  it("says how to get power", () => {
    const e = explainPower({ ...base, stake: 0n, totalStake: 50000000n, totalPower: 100000n }, fmt);
    expect(e.power).toBe(0n);
    expect(e.belowMinimum).toBe(false);
    expect(e.lines[2]).toBe("No stake: no voting power. Stake FAIR to vote on proposals created after your stake.");
    expect(e.lines.some((l) => l.startsWith("Splitting"))).toBe(false);
  });
});
