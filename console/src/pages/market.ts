// Market: offers with filters and each provider's track record; open a lease
// at the offer's price; my leases with accrued / claimable / refundable
// amounts updating as blocks pass; extend, close, dispute; deposits; sponsor
// grants (create, list, revoke; open a lease from a grant made to me).
import { FairgridComputeEscrowQueryClient, type ComputeEscrow } from "@fairgrid/client";
import { wasmAttribute } from "../chain";
import { assetDenom, denomInfo, formatAmount, formatDuration, formatPricePerHour, formatTime, shortAddress, toBase } from "../format";
import { allPages, formatExpiry, grantStatus, parseExpiry, usableGrants } from "../grants";
import { messages } from "../messages";
import { card, field, h, input, runAction, showError, statusLine, table } from "../ui";
import type { Page } from "./page";

interface TrackRecord {
  leases: number;
  settled: number;
  disputed: number;
  openDisputes: number;
  collateral: string;
}

async function trackRecord(q: FairgridComputeEscrowQueryClient, provider: string): Promise<TrackRecord> {
  const [p, leases] = await Promise.all([
    q.provider({ address: provider }),
    q.leasesByProvider({ provider, limit: 30 }),
  ]);
  const count = (s: ComputeEscrow.LeaseState[]) => leases.leases.filter((l) => s.includes(l.state)).length;
  return {
    leases: leases.leases.length,
    settled: count(["settled", "ended"]),
    disputed: count(["disputed", "resolved"]),
    openDisputes: p.open_disputes,
    collateral: p.collateral,
  };
}

export const marketPage: Page = async (session, root) => {
  const { config: c } = session;
  const q = new FairgridComputeEscrowQueryClient(session.query, c.computeEscrow);
  const m = messages(c);
  const escrowConfig = await q.config();
  const collateralDenom = assetDenom(escrowConfig.collateral_asset);
  const credit = c.creditDenom;
  const creditDecimals = denomInfo(credit).decimals;
  const status = statusLine();
  const me = session.address;

  // ---- credits, deposit, withdraw ----
  const credits = h("div", { "data-testid": "credits" });
  const depositAmount = input("deposit-amount", "100", { inputmode: "decimal" });
  const withdrawAmount = input("withdraw-amount", "1", { inputmode: "decimal" });

  // ---- sponsor grants ----
  const grantGrantee = input("grant-grantee", "", { placeholder: "wasm1…", size: "46" });
  const grantLimit = input("grant-limit", "10", { inputmode: "decimal" });
  const grantExpires = input("grant-expires", "", { placeholder: "never" });
  const sponsorBox = h("div");
  const granteeBox = h("div");
  /** Grants made to me (all of them; the offers table offers the usable ones). */
  let grantsToMe: ComputeEscrow.GrantResponse[] = [];

  // ---- offers ----
  const fModel = input("filter-gpu", "", { placeholder: "any" });
  const fRegion = input("filter-region", "", { placeholder: "any" });
  const fMaxPrice = input("filter-max-price", "", { placeholder: "any", inputmode: "decimal" });
  const offersBox = h("div");
  const leasesBox = h("div");

  async function refreshCredits() {
    if (!me) return;
    const r = await q.credits({ account: me });
    credits.dataset.base = r.credits.find((a) => assetDenom(a.info) === credit)?.amount ?? "0";
    credits.textContent = r.credits.length
      ? "My credits: " + r.credits.map((a) => formatAmount(a.amount, assetDenom(a.info))).join(", ")
      : "My credits: none";
  }

  // Refreshes overlap (the page's first load, Filter, an action's refresh):
  // only the latest one requested may redraw the table, so an older answer
  // arriving late never replaces it, and a redraw keeps the inputs the user
  // has filled (`keepFilledIn`).
  let offersRequest = 0;
  async function refreshOffers() {
    const request = ++offersRequest;
    let maxPrice: string | undefined;
    try {
      maxPrice = fMaxPrice.value.trim() ? toBase(fMaxPrice.value, creditDecimals).toString() : undefined;
    } catch (err) {
      showError(status, err);
      return;
    }
    const r = await q.offers({
      gpuModel: fModel.value.trim() || undefined,
      region: fRegion.value.trim() || undefined,
      maxPrice,
      limit: 30,
    });
    const records = new Map<string, TrackRecord>();
    await Promise.all([...new Set(r.offers.map((o) => o.provider))].map(async (p) => records.set(p, await trackRecord(q, p))));
    const rows = r.offers.map((o) => {
      const tr = records.get(o.provider)!;
      const hours = input(`lease-hours-${o.offer_id}`, String(Math.max(1, Math.ceil(o.min_duration / 3600))), { size: "3" });
      const denom = assetDenom(o.asset);
      return [
        String(o.offer_id),
        h("span", { title: o.provider }, shortAddress(o.provider)),
        h("span", { "data-testid": `track-${o.offer_id}` },
          `${tr.leases} leases, ${tr.settled} ended/settled, ${tr.disputed} disputed (${tr.openDisputes} open); collateral ${formatAmount(tr.collateral, collateralDenom)}`),
        `${o.gpu_count} × ${o.gpu_model}, ${o.memory_gib} GiB`,
        o.region,
        formatPricePerHour(o.price_per_hour, denom),
        `${o.used_slots}/${o.slots}`,
        `${formatDuration(o.min_duration)} – ${formatDuration(o.max_duration)}`,
        h("span", {}, hours, " h ",
          h("button", {
            "data-testid": `open-lease-${o.offer_id}`,
            onclick: () => {
              const seconds = Math.round(Number(hours.value) * 3600);
              void runAction(session, status, `Open a lease on offer ${o.offer_id} at ${formatPricePerHour(o.price_per_hour, denom)}`,
                () => {
                  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error("the duration must be a positive number of hours");
                  return [m.openLease(o.offer_id, seconds, o.price_per_hour)];
                },
                async (tx) => {
                  const id = wasmAttribute(tx, "lease_id") ?? "";
                  status.append(h("div", { class: "ok", "data-testid": "lease-opened", "data-id": id }, `Lease ${id} opened at height ${tx.height}.`));
                  await refreshAll();
                });
            },
          }, "Open lease"),
          ...openFromGrant(o, hours)),
      ];
    });
    if (request !== offersRequest) return;
    const next = table(["id", "provider", "track record", "GPU", "region", "price", "slots", "duration", ""], rows, "offers");
    keepFilledIn(offersBox, next);
    offersBox.replaceChildren(next);
  }

  /** A redraw keeps the hours and the grant the user chose on each offer
   * still listed: a refresh requested later (an action's, or the first
   * load's chained after the grants) must not undo what was typed since. */
  function keepFilledIn(old: HTMLElement, next: HTMLElement) {
    const fields = next.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
      '[data-testid^="lease-hours-"], [data-testid^="grant-choice-"]');
    for (const el of fields) {
      const prev = old.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-testid="${el.getAttribute("data-testid")}"]`);
      if (!prev) continue;
      const offered = !(el instanceof HTMLSelectElement) || [...el.options].some((o) => o.value === prev.value);
      if (offered) el.value = prev.value;
    }
  }

  /** "From grant" on an offer: a grant made to me, active and in the offer's asset, pays the lease. */
  function openFromGrant(o: ComputeEscrow.OfferResponse, hours: HTMLInputElement): (Node | string)[] {
    if (!me) return [];
    const usable = usableGrants(grantsToMe, me, o.asset);
    if (!usable.length) return [];
    const denom = assetDenom(o.asset);
    const select = h("select", { "data-testid": `grant-choice-${o.offer_id}`, title: "the grant that pays" },
      ...usable.map((g) => h("option", { value: String(g.grant_id) },
        `grant ${g.grant_id}: ${formatAmount(g.available, assetDenom(g.asset))} left, from ${shortAddress(g.sponsor)}`)));
    return [
      h("br", {}),
      select,
      " ",
      h("button", {
        "data-testid": `open-from-grant-${o.offer_id}`,
        onclick: () => {
          const seconds = Math.round(Number(hours.value) * 3600);
          const grantId = Number(select.value);
          void runAction(session, status, `Open a lease on offer ${o.offer_id} at ${formatPricePerHour(o.price_per_hour, denom)} from grant ${grantId}`,
            () => {
              if (!Number.isFinite(seconds) || seconds <= 0) throw new Error("the duration must be a positive number of hours");
              return [m.openLeaseFromGrant(grantId, o.offer_id, seconds, o.price_per_hour)];
            },
            async (tx) => {
              const id = wasmAttribute(tx, "lease_id") ?? "";
              status.append(h("div", { class: "ok", "data-testid": "lease-opened", "data-id": id, "data-grant": String(grantId) },
                `Lease ${id} opened at height ${tx.height}, paid from grant ${grantId}.`));
              await refreshAll();
            });
        },
      }, "Open from grant"),
    ];
  }

  async function refreshGrants() {
    if (!me) return;
    const pageSize = 30;
    const [mine, toMe] = await Promise.all([
      allPages((startAfter) => q.grantsBySponsor({ sponsor: me, startAfter, limit: pageSize }).then((r) => r.grants), (g) => g.grant_id, pageSize),
      allPages((startAfter) => q.grantsByGrantee({ grantee: me, startAfter, limit: pageSize }).then((r) => r.grants), (g) => g.grant_id, pageSize),
    ]);
    grantsToMe = toMe;
    const amounts = (g: ComputeEscrow.GrantResponse) => {
      const denom = assetDenom(g.asset);
      return [
        h("span", { "data-testid": `grant-limit-${g.grant_id}`, "data-base": g.limit }, formatAmount(g.limit, denom)),
        h("span", { "data-testid": `grant-spent-${g.grant_id}`, "data-base": g.spent }, formatAmount(g.spent, denom)),
        h("span", { "data-testid": `grant-available-${g.grant_id}`, "data-base": g.available }, formatAmount(g.available, denom)),
        h("span", { "data-testid": `grant-expires-${g.grant_id}` }, formatExpiry(g.expires)),
        h("span", { "data-testid": `grant-status-${g.grant_id}` }, grantStatus(g)),
      ];
    };
    sponsorBox.replaceChildren(table(["grant", "grantee", "limit", "spent", "available", "expires", "status", ""], mine.map((g) => [
      String(g.grant_id),
      h("span", { title: g.grantee }, shortAddress(g.grantee)),
      ...amounts(g),
      g.revoked
        ? ""
        : h("button", { "data-testid": `revoke-grant-${g.grant_id}`, onclick: () => void runAction(session, status, `Revoke grant ${g.grant_id}`,
            () => [m.revokeGrant(g.grant_id)],
            async (tx) => {
              status.append(h("div", { class: "ok", "data-testid": "grant-revoked", "data-id": String(g.grant_id) },
                `Grant ${g.grant_id} revoked at height ${tx.height}; its running leases go on.`));
              await refreshGrants();
            }) }, "Revoke"),
    ]), "grants-sponsor"));
    granteeBox.replaceChildren(table(["grant", "sponsor", "limit", "spent", "available", "expires", "status"], toMe.map((g) => [
      String(g.grant_id),
      h("span", { title: g.sponsor }, shortAddress(g.sponsor)),
      ...amounts(g),
    ]), "grants-grantee"));
  }

  let leases: ComputeEscrow.LeaseResponse[] = [];
  async function refreshLeases() {
    if (!me) return;
    leases = (await q.leasesByRenter({ renter: me, limit: 30 })).leases;
    const rows = leases.map((l) => {
      const denom = assetDenom(l.asset);
      const extra = input(`extend-hours-${l.lease_id}`, "1", { size: "3" });
      const reason = input(`dispute-reason-${l.lease_id}`, "", { placeholder: "reason", size: "12" });
      const live = l.state === "active";
      return [
        String(l.lease_id),
        String(l.offer_id),
        h("span", { "data-testid": `state-${l.lease_id}` }, l.state),
        formatPricePerHour(l.price_per_hour, denom),
        formatTime(l.end),
        h("span", { "data-testid": `accrued-${l.lease_id}`, "data-denom": denom }, "…"),
        h("span", { "data-testid": `claimable-${l.lease_id}` }, "…"),
        h("span", { "data-testid": `refundable-${l.lease_id}` }, "…"),
        h("span", { "data-testid": `paid-from-${l.lease_id}` }, l.grant_id ? `grant ${l.grant_id}` : "my credits"),
        live
          ? h("span", {},
              extra, " h ",
              h("button", { "data-testid": `extend-${l.lease_id}`, onclick: () => void runAction(session, status, `Extend lease ${l.lease_id}`,
                () => [m.extendLease(l.lease_id, Math.round(Number(extra.value) * 3600), l.price_per_hour)], refreshAll) }, "Extend"),
              " ",
              h("button", { "data-testid": `close-${l.lease_id}`, onclick: () => void runAction(session, status, `Close lease ${l.lease_id}`,
                () => [m.closeLease(l.lease_id)], refreshAll) }, "Close"),
              " ", reason,
              h("button", { "data-testid": `dispute-${l.lease_id}`, onclick: () => void runAction(session, status, `Dispute lease ${l.lease_id}`,
                () => [m.openDispute(l.lease_id, reason.value)], refreshAll) }, "Dispute"))
          : "",
      ];
    });
    leasesBox.replaceChildren(table(["lease", "offer", "state", "price", "ends", "accrued", "claimable by provider", "refundable", "paid from"], rows, "leases"));
    await refreshAmounts();
  }

  async function refreshAmounts() {
    await Promise.all(leases.map(async (l) => {
      const a = await q.leaseAmounts({ leaseId: l.lease_id });
      const denom = assetDenom(l.asset);
      const set = (id: string, v: string) => {
        const el = leasesBox.querySelector(`[data-testid="${id}-${l.lease_id}"]`);
        if (el) { el.textContent = formatAmount(v, denom); (el as HTMLElement).dataset.base = v; }
      };
      set("accrued", a.accrued);
      set("claimable", a.claimable_gross);
      set("refundable", a.refundable);
    }));
  }

  async function refreshAll() {
    // The offers table offers the grants made to me: read those first.
    await Promise.all([refreshCredits(), refreshGrants().then(refreshOffers), refreshLeases()]);
  }

  root.replaceChildren(
    h("h1", {}, "Market"),
    status,
    card("Credits",
      credits,
      h("div", { class: "row" },
        field(`Deposit (${denomInfo(credit).display})`, depositAmount),
        h("button", { "data-testid": "deposit", onclick: () => void runAction(session, status, "Deposit credits",
          () => [m.deposit(toBase(depositAmount.value, creditDecimals), credit)], refreshCredits) }, "Deposit")),
      h("div", { class: "row" },
        field(`Withdraw (${denomInfo(credit).display})`, withdrawAmount),
        h("button", { "data-testid": "withdraw", onclick: () => void runAction(session, status, "Withdraw credits",
          () => [m.withdraw(toBase(withdrawAmount.value, creditDecimals), credit)], refreshCredits) }, "Withdraw"))),
    card("Sponsor grants",
      h("p", { class: "hint" },
        "A grant lets another account open and extend leases paid from your own credits, up to a limit and until an expiry. ",
        "Nothing is set aside when you create it: each lease draws on your free credits when it opens, and what a lease does not use returns to you. ",
        "Revoking stops new leases and extensions at once; running leases go on."),
      h("div", { class: "row" },
        field("Grantee", grantGrantee),
        field(`Limit (${denomInfo(credit).display})`, grantLimit),
        field("Expires: hours from now or UTC date (empty: never)", grantExpires),
        h("button", { "data-testid": "create-grant", onclick: () => void runAction(session, status, "Create a grant",
          () => {
            const grantee = grantGrantee.value.trim();
            if (!grantee) throw new Error("name the grantee's address");
            const expires = parseExpiry(grantExpires.value, Math.floor(Date.now() / 1000));
            return [m.createGrant(grantee, toBase(grantLimit.value, creditDecimals), credit, expires)];
          },
          async (tx) => {
            const id = wasmAttribute(tx, "grant_id") ?? "";
            status.append(h("div", { class: "ok", "data-testid": "grant-created", "data-id": id }, `Grant ${id} created at height ${tx.height}.`));
            await refreshGrants();
          }) }, "Create grant")),
      h("h3", {}, "Grants I made"),
      sponsorBox,
      h("h3", {}, "Grants to me"),
      h("p", { class: "hint" }, "Open a lease from an active grant with an offer's \"Open from grant\" button: the lease is yours, at the offer's price, and the sponsor's credits pay it."),
      granteeBox),
    card("Offers",
      h("div", { class: "row" },
        field("GPU model", fModel), field("Region", fRegion), field(`Max price (${denomInfo(credit).display}/h)`, fMaxPrice),
        h("button", { "data-testid": "filter", onclick: () => void refreshOffers().catch((e) => showError(status, e)) }, "Filter")),
      offersBox),
    card("My leases", h("p", { class: "hint" }, "Amounts follow the chain's block time; they refresh every second. A lease paid from a grant returns what it does not use to the grant's sponsor."), leasesBox),
  );
  await refreshAll();
  // Accrued/claimable/refundable move with block time: poll the amounts.
  const timer = setInterval(() => void refreshAmounts().catch(() => undefined), 1000);
  return () => clearInterval(timer);
};
