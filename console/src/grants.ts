// Sponsor grants (compute-escrow `create_grant` / `revoke_grant` /
// `open_lease_from_grant`): the pure parts of the Market page's grant views,
// unit-tested in test/grants.test.ts.
import type { ComputeEscrow } from "@fairgrid/client";
import { assetDenom, formatTime } from "./format";

type Grant = ComputeEscrow.GrantResponse;

/** What a grant can still do: only an "active" one opens or extends leases. */
export type GrantStatus = "active" | "revoked" | "expired" | "fully drawn";

export function grantStatus(g: Pick<Grant, "revoked" | "expired" | "available">): GrantStatus {
  if (g.revoked) return "revoked";
  if (g.expired) return "expired";
  // Not revoked nor expired but nothing available: its leases hold the whole
  // limit (their refunds free it again).
  if (BigInt(g.available) === 0n) return "fully drawn";
  return "active";
}

/** A grant's expiry as text: "never" or the UTC time from which it no longer pays. */
export function formatExpiry(expires: number | null | undefined): string {
  return expires === null || expires === undefined ? "never" : formatTime(expires);
}

/**
 * The expiry a sponsor typed, in unix seconds (`create_grant`'s `expires`):
 * empty → null (no expiry); a number → that many hours after `now`
 * (unix seconds); a UTC date "2026-12-31" or date and time
 * "2026-12-31 18:00" (or with seconds, or a "T") → that instant. Throws on
 * anything else. A time not after the chain's clock is left to the contract
 * to refuse (GrantExpiryPassed), since the browser's clock is not the chain's.
 */
export function parseExpiry(text: string, now: number): number | null {
  const t = text.trim();
  if (!t) return null;
  if (/^\d+(\.\d+)?$/.test(t)) {
    const seconds = Math.round(Number(t) * 3600);
    if (!(seconds > 0)) throw new Error(`the expiry "${text}" must be a positive number of hours`);
    return now + seconds;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(?: ?UTC| ?Z)?$/i.exec(t);
  if (m) {
    const [y, mo, d, hh, mm, ss] = m.slice(1).map((x) => Number(x ?? 0));
    const ms = Date.UTC(y, mo - 1, d, hh, mm, ss);
    const back = new Date(ms);
    // Date.UTC rolls 2026-02-30 over into March: refuse what is not a real date.
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || hh > 23 || mm > 59 || ss > 59) {
      throw new Error(`"${text}" is not a date`);
    }
    return ms / 1000;
  }
  throw new Error(`"${text}" is not an expiry: give hours from now (24) or a UTC date (2026-12-31 or 2026-12-31 18:00), or leave it empty for none`);
}

/**
 * The grants `me` may open a lease from on an offer priced in `offerAsset`:
 * granted to `me`, active, in the offer's asset. The limit left is the
 * contract's to check (GrantLimitExceeded names limit, spent and requested).
 */
export function usableGrants(grants: Grant[], me: string, offerAsset: ComputeEscrow.AssetInfo): Grant[] {
  const denom = assetDenom(offerAsset);
  return grants.filter((g) => g.grantee === me && grantStatus(g) === "active" && assetDenom(g.asset) === denom);
}

/**
 * Every item of a paginated query (`start_after` = the last id seen):
 * `page(startAfter)` returns one page; pages are asked for until one comes
 * back shorter than `pageSize`, at most `maxPages` of them.
 */
export async function allPages<T>(
  page: (startAfter: number | undefined) => Promise<T[]>,
  id: (item: T) => number,
  pageSize: number,
  maxPages = 20,
): Promise<T[]> {
  const out: T[] = [];
  let startAfter: number | undefined;
  for (let i = 0; i < maxPages; i++) {
    const items = await page(startAfter);
    out.push(...items);
    if (items.length < pageSize) break;
    startAfter = id(items[items.length - 1]);
  }
  return out;
}
