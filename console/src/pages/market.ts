// Market: offers with filters and each provider's track record; open a lease
// at the offer's price; my leases with accrued / claimable / refundable
// amounts updating as blocks pass; extend, close, dispute; deposits and
// sponsor grants.
import { FairgridComputeEscrowQueryClient, type ComputeEscrow } from "@fairgrid/client";
import { wasmAttribute } from "../chain";
import { assetDenom, denomInfo, formatAmount, formatDuration, formatPricePerHour, shortAddress, toBase } from "../format";
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

  // ---- credits, deposit, sponsor ----
  const credits = h("div", { "data-testid": "credits" });
  const depositAmount = input("deposit-amount", "100", { inputmode: "decimal" });
  const sponsorTo = input("sponsor-beneficiary", "", { placeholder: "wasm1…" });
  const sponsorAmount = input("sponsor-amount", "10", { inputmode: "decimal" });
  const withdrawAmount = input("withdraw-amount", "1", { inputmode: "decimal" });

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

  async function refreshOffers() {
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
          }, "Open lease")),
      ];
    });
    offersBox.replaceChildren(table(["id", "provider", "track record", "GPU", "region", "price", "slots", "duration", ""], rows, "offers"));
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
        new Date(l.end * 1000).toISOString().replace("T", " ").slice(0, 19) + " UTC",
        h("span", { "data-testid": `accrued-${l.lease_id}`, "data-denom": denom }, "…"),
        h("span", { "data-testid": `claimable-${l.lease_id}` }, "…"),
        h("span", { "data-testid": `refundable-${l.lease_id}` }, "…"),
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
    leasesBox.replaceChildren(table(["lease", "offer", "state", "price", "ends", "accrued", "claimable by provider", "refundable to me"], rows, "leases"));
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
    await Promise.all([refreshCredits(), refreshOffers(), refreshLeases()]);
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
        field("Sponsor grant to", sponsorTo),
        field(`Amount (${denomInfo(credit).display})`, sponsorAmount),
        h("button", { "data-testid": "sponsor", onclick: () => void runAction(session, status, "Sponsor grant",
          () => [m.sponsor(sponsorTo.value.trim(), toBase(sponsorAmount.value, creditDecimals), credit)], refreshCredits) }, "Grant")),
      h("div", { class: "row" },
        field(`Withdraw (${denomInfo(credit).display})`, withdrawAmount),
        h("button", { "data-testid": "withdraw", onclick: () => void runAction(session, status, "Withdraw credits",
          () => [m.withdraw(toBase(withdrawAmount.value, creditDecimals), credit)], refreshCredits) }, "Withdraw"))),
    card("Offers",
      h("div", { class: "row" },
        field("GPU model", fModel), field("Region", fRegion), field(`Max price (${denomInfo(credit).display}/h)`, fMaxPrice),
        h("button", { "data-testid": "filter", onclick: () => void refreshOffers().catch((e) => showError(status, e)) }, "Filter")),
      offersBox),
    card("My leases", h("p", { class: "hint" }, "Amounts follow the chain's block time; they refresh every second."), leasesBox),
  );
  await refreshAll();
  // Accrued/claimable/refundable move with block time: poll the amounts.
  const timer = setInterval(() => void refreshAmounts().catch(() => undefined), 1000);
  return () => clearInterval(timer);
};
