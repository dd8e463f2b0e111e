// Amount, duration and rate formatting. Pure functions (unit-tested in test/format.test.ts).

/** How a denom is shown: its display name and decimals (6 for every Fairgrid token). */
export interface DenomInfo {
  display: string;
  decimals: number;
}

const known: Record<string, DenomInfo> = {
  uusdc: { display: "USDC", decimals: 6 },
  ustake: { display: "STAKE", decimals: 6 },
  ufair: { display: "FAIR", decimals: 6 },
};

/** Registered cw20 token addresses → their display info (the FAIR token is added from config). */
const cw20: Record<string, DenomInfo> = {};

export function registerCw20(address: string, info: DenomInfo): void {
  cw20[address] = info;
}

/** The display info of a native denom or a cw20 address: a `u` prefix means 6 decimals. */
export function denomInfo(denom: string): DenomInfo {
  if (known[denom]) return known[denom];
  if (cw20[denom]) return cw20[denom];
  if (/^u[a-z]{2,}$/.test(denom)) return { display: denom.slice(1).toUpperCase(), decimals: 6 };
  return { display: denom, decimals: 0 };
}

/**
 * Base units to whole tokens, exactly (bigint, no float): "1500000", 6 → "1.5".
 * Trailing zeros of the fraction are dropped; `maxFraction` truncates (rounds down) the fraction.
 */
export function toWhole(base: string | bigint, decimals: number, maxFraction = decimals): string {
  let v = typeof base === "bigint" ? base : BigInt(base);
  const negative = v < 0n;
  if (negative) v = -v;
  const scale = 10n ** BigInt(decimals);
  const int = v / scale;
  let frac = decimals > 0 ? (v % scale).toString().padStart(decimals, "0").slice(0, maxFraction) : "";
  frac = frac.replace(/0+$/, "");
  const intText = int.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${intText}${frac ? "." + frac : ""}`;
}

/** Whole tokens typed by a person to base units, exactly; throws on a malformed or too precise number. */
export function toBase(whole: string, decimals: number): bigint {
  const text = whole.trim().replace(/,/g, "");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) throw new Error(`"${whole}" is not an amount (use digits and at most one decimal point)`);
  const frac = m[2] ?? "";
  if (frac.length > decimals) throw new Error(`"${whole}" has more than ${decimals} decimals`);
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}

/** "1500000", "uusdc" → "1.5 USDC". */
export function formatAmount(base: string | bigint, denom: string): string {
  const info = denomInfo(denom);
  return `${toWhole(base, info.decimals)} ${info.display}`;
}

/** A price per hour in base units → "3.6 USDC/h". */
export function formatPricePerHour(base: string | bigint, denom: string): string {
  return `${formatAmount(base, denom)}/h`;
}

/** Seconds → "2 h 5 min", "45 s", "3 d 4 h". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m && !d) parts.push(`${m} min`);
  if (!d && !h && s % 60) parts.push(`${s % 60} s`);
  return parts.join(" ");
}

/** Unix seconds → "2026-11-30 12:37:41 UTC" (the chain's clock is UTC). */
export function formatTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

/** Basis points → percent text: 250 → "2.5 %". */
export function formatBps(bps: number): string {
  return `${toWhole(BigInt(bps), 2)} %`;
}

/** part / whole in basis points, rounded down; 0 when whole is 0. */
export function ratioBps(part: string | bigint, whole: string | bigint): number {
  const w = BigInt(whole);
  if (w === 0n) return 0;
  return Number((BigInt(part) * 10000n) / w);
}

/** The asset of a contract message ({native} or {cw20}) as a denom key for formatAmount. */
export function assetDenom(info: { native: string } | { cw20: string } | Record<string, string>): string {
  if ("native" in info) return info.native as string;
  if ("cw20" in info) return info.cw20 as string;
  return Object.values(info)[0] ?? "?";
}

/** A bech32 address shortened for tables: wasm1abcd…wxyz. */
export function shortAddress(a: string): string {
  return a.length > 20 ? `${a.slice(0, 9)}…${a.slice(-4)}` : a;
}
