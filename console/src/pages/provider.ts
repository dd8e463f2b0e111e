// Provider: register with collateral, post and reprice offers, claim earnings
// (batched), collateral and its unbonding.
import { FairgridComputeEscrowQueryClient, type ComputeEscrow } from "@fairgrid/client";
import { wasmAttribute, type Session } from "../chain";
import { assetDenom, denomInfo, formatAmount, formatDuration, formatPricePerHour, toBase, toWhole } from "../format";
import { messages } from "../messages";
import { card, field, h, input, runAction, showError, statusLine, table } from "../ui";
import type { Page } from "./page";

export const providerPage: Page = async (session: Session, root) => {
  const { config: c } = session;
  const q = new FairgridComputeEscrowQueryClient(session.query, c.computeEscrow);
  const m = messages(c);
  const cfg = await q.config();
  const collateralDenom = assetDenom(cfg.collateral_asset);
  const collateralToken = "cw20" in cfg.collateral_asset ? (cfg.collateral_asset as { cw20: string }).cw20 : undefined;
  const colDec = denomInfo(collateralDenom).decimals;
  const credit = c.creditDenom;
  const creditDec = denomInfo(credit).decimals;
  const status = statusLine();
  const me = session.address!;

  const mine = h("div", { "data-testid": "provider-info" });
  const offersBox = h("div");
  const earningsBox = h("div");

  const regName = input("provider-name", "Test GPU Co");
  const regContact = input("provider-contact", "ops@example.test");
  const regCollateral = input("provider-collateral", toWhole(cfg.min_collateral, colDec));
  const addAmount = input("collateral-add", "10");
  const wdAmount = input("collateral-withdraw", "10");

  const o = {
    gpu: input("offer-gpu", "H100"),
    count: input("offer-count", "1", { size: "3" }),
    mem: input("offer-memory", "80", { size: "4" }),
    region: input("offer-region", "eu-west"),
    price: input("offer-price", "3.6", { size: "6" }),
    slots: input("offer-slots", "2", { size: "3" }),
    minH: input("offer-min-hours", "1", { size: "3" }),
    maxH: input("offer-max-hours", "24", { size: "3" }),
  };

  let claimable: { id: number; net: bigint; denom: string }[] = [];

  async function refresh() {
    let p: ComputeEscrow.ProviderResponse | undefined;
    try {
      p = await q.provider({ address: me });
    } catch {
      p = undefined;
    }
    if (!p) {
      mine.replaceChildren(
        h("p", { "data-testid": "not-registered" }, `Not registered. Minimum collateral: ${formatAmount(cfg.min_collateral, collateralDenom)}.`),
        h("div", { class: "row" }, field("Name", regName), field("Contact", regContact),
          field(`Collateral (${denomInfo(collateralDenom).display})`, regCollateral),
          h("button", { "data-testid": "register", onclick: () => void runAction(session, status, "Register as provider", () => {
            if (!collateralToken) throw new Error("this console registers with a cw20 collateral only");
            return [m.registerProvider(regName.value.trim(), regContact.value.trim(), toBase(regCollateral.value, colDec), collateralToken)];
          }, refresh) }, "Register")),
      );
    } else {
      const release = p.unbonding !== "0" ? ` — releases ${new Date(p.unbonding_release * 1000).toISOString().replace("T", " ").slice(0, 19)} UTC` : "";
      mine.replaceChildren(
        h("p", {}, h("strong", {}, p.metadata.name), p.metadata.contact ? ` (${p.metadata.contact})` : ""),
        h("p", { "data-testid": "collateral" }, `Collateral: ${formatAmount(p.collateral, collateralDenom)}`),
        h("p", { "data-testid": "unbonding" }, `Unbonding: ${formatAmount(p.unbonding, collateralDenom)}${release} (delay ${formatDuration(cfg.unbonding_delay)})`),
        h("p", {}, `Live offers: ${p.live_offers}; open disputes: ${p.open_disputes}`),
        h("p", { "data-testid": "service-weight" },
          `Service weight in the providers pool: ${formatAmount(p.track_record.service_weight, credit)} ` +
          "(the protocol fees your leases paid; collateral alone earns nothing, and emptying your bond forfeits it)"),
        h("div", { class: "row" }, field(`Add (${denomInfo(collateralDenom).display})`, addAmount),
          h("button", { "data-testid": "add-collateral", onclick: () => void runAction(session, status, "Add collateral",
            () => [m.addCollateral(toBase(addAmount.value, colDec), collateralToken!)], refresh) }, "Add collateral")),
        h("div", { class: "row" }, field(`Unbond (${denomInfo(collateralDenom).display})`, wdAmount),
          h("button", { "data-testid": "request-withdrawal", onclick: () => void runAction(session, status, "Request a collateral withdrawal",
            () => [m.requestCollateralWithdrawal(toBase(wdAmount.value, colDec))], refresh) }, "Start unbonding"),
          h("button", { "data-testid": "withdraw-collateral", onclick: () => void runAction(session, status, "Withdraw unbonded collateral",
            () => [m.withdrawCollateral()], refresh) }, "Withdraw unbonded")),
      );
    }

    const offers = (await q.offers({ provider: me, includeClosed: false, limit: 30 })).offers;
    offersBox.replaceChildren(table(["id", "GPU", "region", "price", "slots", ""], offers.map((x) => {
      const np = input(`reprice-${x.offer_id}`, toWhole(x.price_per_hour, creditDec), { size: "6" });
      return [
        String(x.offer_id), `${x.gpu_count} × ${x.gpu_model}, ${x.memory_gib} GiB`, x.region,
        h("span", { "data-testid": `offer-price-${x.offer_id}` }, formatPricePerHour(x.price_per_hour, assetDenom(x.asset))),
        `${x.used_slots}/${x.slots}`,
        h("span", {}, np,
          h("button", { "data-testid": `reprice-button-${x.offer_id}`, onclick: () => void runAction(session, status, `Reprice offer ${x.offer_id}`,
            () => [m.repriceOffer(x.offer_id, toBase(np.value, creditDec))], refresh) }, "Reprice"),
          " ",
          h("button", { "data-testid": `close-offer-${x.offer_id}`, onclick: () => void runAction(session, status, `Close offer ${x.offer_id}`,
            () => [m.closeOffer(x.offer_id)], refresh) }, "Close")),
      ];
    }), "my-offers"));

    await refreshEarnings();
  }

  async function refreshEarnings() {
    const leases = (await q.leasesByProvider({ provider: me, limit: 30 })).leases;
    const amounts = await Promise.all(leases.map((l) => q.leaseAmounts({ leaseId: l.lease_id })));
    claimable = leases.map((l, i) => ({ id: l.lease_id, net: BigInt(amounts[i].claimable_net), denom: assetDenom(l.asset) }));
    const total = claimable.reduce((s, x) => s + x.net, 0n);
    earningsBox.replaceChildren(
      table(["lease", "renter", "state", "claimed (gross)", "claimable (net of fee)"], leases.map((l, i) => [
        String(l.lease_id), l.renter.slice(0, 12) + "…", l.state,
        formatAmount(l.claimed_gross, assetDenom(l.asset)),
        h("span", { "data-testid": `earning-${l.lease_id}` }, formatAmount(amounts[i].claimable_net, assetDenom(l.asset))),
      ]), "earnings"),
      h("p", { "data-testid": "claimable-total", "data-base": total.toString() }, `Claimable now: ${formatAmount(total, credit)}`),
    );
  }

  root.replaceChildren(
    h("h1", {}, "Provider"),
    status,
    card("My provider account", mine),
    card("Post an offer",
      h("div", { class: "row" }, field("GPU model", o.gpu), field("GPUs", o.count), field("Memory GiB", o.mem), field("Region", o.region)),
      h("div", { class: "row" }, field(`Price (${denomInfo(credit).display}/h)`, o.price), field("Slots", o.slots),
        field("Min hours", o.minH), field("Max hours", o.maxH),
        h("button", { "data-testid": "create-offer", onclick: () => void runAction(session, status, "Post an offer", () => [m.createOffer({
          asset: { native: credit },
          gpu_model: o.gpu.value.trim(),
          gpu_count: Number(o.count.value),
          memory_gib: Number(o.mem.value),
          region: o.region.value.trim(),
          price_per_hour: toBase(o.price.value, creditDec).toString(),
          slots: Number(o.slots.value),
          min_duration: Math.round(Number(o.minH.value) * 3600),
          max_duration: Math.round(Number(o.maxH.value) * 3600),
        })], async (tx) => {
          const id = wasmAttribute(tx, "offer_id") ?? "";
          status.append(h("div", { class: "ok", "data-testid": "offer-posted", "data-id": id }, `Offer ${id} posted at height ${tx.height}.`));
          await refresh();
        }) }, "Post offer"))),
    card("My offers", offersBox),
    card("Earnings",
      h("p", { class: "hint" }, "One claim_earnings transaction claims every listed lease (batched)."),
      earningsBox,
      h("button", { "data-testid": "claim-earnings", onclick: () => void runAction(session, status, "Claim earnings", () => {
        const ids = claimable.filter((x) => x.net > 0n).map((x) => x.id);
        if (!ids.length) throw new Error("nothing to claim yet");
        return [m.claimEarnings(ids)];
      }, async (tx) => {
        const net = wasmAttribute(tx, "net");
        status.append(h("div", { class: "ok", "data-testid": "claimed", "data-net": net ?? "0" },
          `Claimed ${net ? formatAmount(net, credit) + " net of the protocol fee" : "nothing"} at height ${tx.height}.`));
        await refresh();
      }) }, "Claim all")),
  );
  await refresh().catch((e) => showError(status, e));
  // Earnings grow with block time: poll them (not the forms).
  const timer = setInterval(() => {
    if (!document.querySelector("button[disabled]")) void refreshEarnings().catch(() => undefined);
  }, 2000);
  return () => clearInterval(timer);
};
