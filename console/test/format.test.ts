import { describe, expect, it } from "vitest";
import {
  formatAmount, formatBps, formatDuration, formatPricePerHour, formatTime, ratioBps, registerCw20, toBase, toWhole,
} from "../src/format";

describe("amounts in whole tokens with their denoms", () => {
  it("shows base units as whole tokens without float rounding", () => {
    expect(formatAmount("1500000", "uusdc")).toBe("1.5 USDC");
    expect(formatAmount("1", "uusdc")).toBe("0.000001 USDC");
    expect(formatAmount("0", "ustake")).toBe("0 STAKE");
    expect(formatAmount("340282366920938463463374607431768211455", "uusdc")).toBe(
      "340,282,366,920,938,463,463,374,607,431,768.211455 USDC",
    );
  });
  it("names a registered cw20 token by its symbol", () => {
    registerCw20("wasm1token", { display: "FAIR", decimals: 6 });
    expect(formatAmount("100000000", "wasm1token")).toBe("100 FAIR");
  });
  it("keeps an unknown denom in base units", () => {
    expect(formatAmount("42", "ibc/ABC")).toBe("42 ibc/ABC");
  });
  it("truncates the fraction down, never up", () => {
    expect(toWhole(1999999n, 6, 2)).toBe("1.99");
  });
  it("shows a price per hour", () => {
    expect(formatPricePerHour("3600000", "uusdc")).toBe("3.6 USDC/h");
  });
});

describe("typed amounts to base units", () => {
  it("converts exactly", () => {
    expect(toBase("1.5", 6)).toBe(1500000n);
    expect(toBase("100", 6)).toBe(100000000n);
    expect(toBase("0.000001", 6)).toBe(1n);
    expect(toBase("1,000", 6)).toBe(1000000000n);
  });
  it("refuses more decimals than the token has and non-numbers", () => {
    expect(() => toBase("0.0000001", 6)).toThrow('"0.0000001" has more than 6 decimals');
    expect(() => toBase("-1", 6)).toThrow("is not an amount");
    expect(() => toBase("1e6", 6)).toThrow("is not an amount");
  });
});

describe("durations and rates", () => {
  it("shows seconds in readable units", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(3600)).toBe("1 h");
    expect(formatDuration(7500)).toBe("2 h 5 min");
    expect(formatDuration(90061)).toBe("1 d 1 h");
    expect(formatDuration(-1)).toBe("—");
  });
  it("shows basis points as percent", () => {
    expect(formatBps(250)).toBe("2.5 %");
    expect(formatBps(5000)).toBe("50 %");
    expect(formatBps(3334)).toBe("33.34 %");
  });
  it("shows a unix time in UTC to the second", () => {
    expect(formatTime(0)).toBe("1970-01-01 00:00:00 UTC");
    expect(formatTime(1702592000)).toBe("2023-12-14 22:13:20 UTC");
  });
  it("rounds a ratio down and is 0 of nothing", () => {
    expect(ratioBps(1n, 3n)).toBe(3333);
    expect(ratioBps("5", "0")).toBe(0);
  });
});
