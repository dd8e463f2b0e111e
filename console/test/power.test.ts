import { describe, expect, it } from "vitest";
import { capLimit, curvePower, explainPower, isqrt } from "../src/power";

const fmt = (b: bigint) => `${b / 1000000n} FAIR`;
const base = { curve: "square_root" as const, minStake: 1000000n, capBps: 1000, identityRegistry: false, splitInto: 4 };

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
  it("power is zero below the minimum stake and the curve at or above", () => {
    expect(curvePower(999999n, "square_root", 1000000n)).toBe(0n);
    expect(curvePower(1000000n, "square_root", 1000000n)).toBe(1000n);
    expect(curvePower(5n, "linear", 0n)).toBe(5n);
  });
  it("the cap rounds down", () => {
    expect(capLimit(1000, 999n)).toBe(99n);
  });
});

describe("explaining a holder's power", () => {
  it("a stake under the cap counts its full square-root power", () => {
    const e = explainPower({ ...base, stake: 4000000n, totalPower: 100000n }, fmt);
    expect(e.power).toBe(2000n);
    expect(e.capLimit).toBe(10000n);
    expect(e.counted).toBe(2000n);
    expect(e.capped).toBe(false);
    expect(e.lines).toContain("Counted on a vote: 2000.");
    expect(e.lines[1]).toBe("Curve square_root: power = floor(√4000000) = 2000. Doubling the stake multiplies power by about 1.41, not 2.");
  });
  it("a whale is capped, and splitting would get round the cap without identity", () => {
    const e = explainPower({ ...base, stake: 100000000n, totalPower: 50000n }, fmt);
    expect(e.power).toBe(10000n);
    expect(e.counted).toBe(5000n);
    expect(e.capped).toBe(true);
    // 4 × min(floor(√25000000)=5000, 5000) = 20000
    expect(e.splitCounted).toBe(20000n);
    expect(e.lines.at(-1)).toBe(
      "Splitting into 4 accounts of 25 FAIR each would count 20000 instead of 5000; splitting gets round the cap. It would not change the total stake, the stakers' fee share per FAIR or the unbonding period.",
    );
    expect(e.lines).toContain("Identity: this chain has no identity registry; each account counts on its own.");
  });
  it("with an identity registry the explanation says splitting is merged back", () => {
    const e = explainPower({ ...base, identityRegistry: true, stake: 4000000n, totalPower: 100000n }, fmt);
    expect(e.lines.at(-1)).toContain("unless the accounts share an identity, which merges them back");
  });
  it("splitting below the minimum stake loses power", () => {
    const e = explainPower({ ...base, stake: 2000000n, totalPower: 100000n, splitInto: 4 }, fmt);
    expect(e.splitCounted).toBe(0n);
    expect(e.lines.at(-1)).toContain("would count 0, less than 1414");
  });
  it("below the minimum stake the power is zero and the page says why", () => {
    const e = explainPower({ ...base, stake: 500000n, totalPower: 100000n }, fmt);
    expect(e.counted).toBe(0n);
    expect(e.belowMinimum).toBe(true);
    expect(e.lines[1]).toBe("Below the minimum stake of 1 FAIR: power 0.");
  });
  it("linear power splits to the same count under the cap", () => {
    const e = explainPower({ ...base, curve: "linear", minStake: 0n, stake: 400n, totalPower: 100000n }, fmt);
    expect(e.counted).toBe(400n);
    expect(e.splitCounted).toBe(400n);
    expect(e.lines.at(-1)).toContain("would count the same 400");
  });
});
