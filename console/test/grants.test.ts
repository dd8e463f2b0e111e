import { describe, expect, it } from "vitest";
import type { ComputeEscrow } from "@fairgrid/client";
import { allPages, formatExpiry, grantStatus, parseExpiry, usableGrants } from "../src/grants";
import { messages } from "../src/messages";
import type { ConsoleConfig } from "../src/config";

const grant = (over: Partial<ComputeEscrow.GrantResponse> = {}): ComputeEscrow.GrantResponse => ({
  grant_id: 1,
  sponsor: "wasm1sponsor",
  grantee: "wasm1renter",
  asset: { native: "uusdc" },
  limit: "50000000",
  spent: "7200000",
  available: "42800000",
  expires: 1702592000,
  revoked: false,
  expired: false,
  ...over,
});

describe("a grant's status", () => {
  it("is active while it can be drawn on", () => {
    expect(grantStatus(grant())).toBe("active");
  });
  it("names revoked before expired, and a grant whose leases hold the whole limit", () => {
    expect(grantStatus(grant({ revoked: true, expired: true, available: "0" }))).toBe("revoked");
    expect(grantStatus(grant({ expired: true, available: "0" }))).toBe("expired");
    expect(grantStatus(grant({ spent: "50000000", available: "0" }))).toBe("fully drawn");
  });
  it("shows the expiry in UTC, or never", () => {
    expect(formatExpiry(1702592000)).toBe("2023-12-14 22:13:20 UTC");
    expect(formatExpiry(null)).toBe("never");
    expect(formatExpiry(undefined)).toBe("never");
  });
});

describe("the expiry a sponsor types", () => {
  const now = 1764500000;
  it("is none when empty", () => {
    expect(parseExpiry("", now)).toBeNull();
    expect(parseExpiry("  ", now)).toBeNull();
  });
  it("is hours from now when a number", () => {
    expect(parseExpiry("24", now)).toBe(now + 86400);
    expect(parseExpiry("1.5", now)).toBe(now + 5400);
  });
  it("is that instant when a UTC date or date and time", () => {
    expect(parseExpiry("2026-12-31", now)).toBe(1798675200);
    expect(parseExpiry("2026-12-31 18:00", now)).toBe(1798740000);
    expect(parseExpiry("2026-12-31T18:00:30Z", now)).toBe(1798740030);
    expect(parseExpiry("2026-12-31 18:00 UTC", now)).toBe(1798740000);
  });
  it("refuses zero hours, impossible dates and anything else", () => {
    expect(() => parseExpiry("0", now)).toThrow('the expiry "0" must be a positive number of hours');
    expect(() => parseExpiry("0.0001", now)).toThrow('the expiry "0.0001" must be a positive number of hours');
    expect(() => parseExpiry("2026-02-30", now)).toThrow('"2026-02-30" is not a date');
    expect(() => parseExpiry("2026-12-31 24:00", now)).toThrow('"2026-12-31 24:00" is not a date');
    expect(() => parseExpiry("tomorrow", now)).toThrow('"tomorrow" is not an expiry: give hours from now (24) or a UTC date');
    expect(() => parseExpiry("-1", now)).toThrow("is not an expiry");
  });
});

describe("the grants a renter may open a lease from on an offer", () => {
  const grants = [
    grant({ grant_id: 1 }),
    grant({ grant_id: 2, revoked: true, available: "0" }),
    grant({ grant_id: 3, expired: true, available: "0" }),
    grant({ grant_id: 4, asset: { cw20: "wasm1usdctoken" } }),
    grant({ grant_id: 5, grantee: "wasm1other" }),
    grant({ grant_id: 6, spent: "50000000", available: "0" }),
    grant({ grant_id: 7, expires: null }),
  ];
  it("are mine, active and in the offer's asset", () => {
    expect(usableGrants(grants, "wasm1renter", { native: "uusdc" }).map((g) => g.grant_id)).toEqual([1, 7]);
    expect(usableGrants(grants, "wasm1renter", { cw20: "wasm1usdctoken" }).map((g) => g.grant_id)).toEqual([4]);
    expect(usableGrants(grants, "wasm1nobody", { native: "uusdc" })).toEqual([]);
  });
});

describe("paginated grant queries", () => {
  it("reads every page, after the last id seen, until a short page", async () => {
    const ids = Array.from({ length: 7 }, (_, i) => i + 1);
    const asked: (number | undefined)[] = [];
    const page = async (startAfter: number | undefined) => {
      asked.push(startAfter);
      return ids.filter((i) => i > (startAfter ?? 0)).slice(0, 3);
    };
    expect(await allPages(page, (i) => i, 3)).toEqual(ids);
    expect(asked).toEqual([undefined, 3, 6]);
  });
  it("asks once more after a full last page, and stops at maxPages", async () => {
    const asked: (number | undefined)[] = [];
    const six = async (startAfter: number | undefined) => {
      asked.push(startAfter);
      return [1, 2, 3, 4, 5, 6].filter((i) => i > (startAfter ?? 0)).slice(0, 3);
    };
    expect(await allPages(six, (i) => i, 3)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(asked).toEqual([undefined, 3, 6]);
    const endless = async (startAfter: number | undefined) => [(startAfter ?? 0) + 1, (startAfter ?? 0) + 2];
    expect(await allPages(endless, (i) => i, 2, 3)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("the grant messages", () => {
  const m = messages({ computeEscrow: "wasm1escrow", governance: "wasm1gov", token: "wasm1fair" } as ConsoleConfig);
  it("create a grant over the sponsor's credits in whole base units, no funds", () => {
    expect(m.createGrant("wasm1renter", 10000000n, "uusdc", 1702592000)).toEqual({
      contractAddress: "wasm1escrow",
      msg: { create_grant: { grantee: "wasm1renter", asset: { native: "uusdc" }, limit: "10000000", expires: 1702592000 } },
      funds: [],
    });
    expect(m.createGrant("wasm1renter", 1n, "uusdc", null).msg).toEqual({
      create_grant: { grantee: "wasm1renter", asset: { native: "uusdc" }, limit: "1", expires: null },
    });
  });
  it("revoke a grant and open a lease from one at the agreed price, no funds", () => {
    expect(m.revokeGrant(3)).toEqual({ contractAddress: "wasm1escrow", msg: { revoke_grant: { grant_id: 3 } }, funds: [] });
    expect(m.openLeaseFromGrant(3, 1, 7200, "3600000")).toEqual({
      contractAddress: "wasm1escrow",
      msg: { open_lease_from_grant: { grant_id: 3, offer_id: 1, duration: 7200, max_price_per_hour: "3600000" } },
      funds: [],
    });
  });
});
