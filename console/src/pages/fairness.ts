// Fairness: the chain's concentration metrics (per voting unit, per address,
// identities) and the fee split, as charts.
import { FairgridFeeDistributorQueryClient, FairgridGovernanceQueryClient, type FeeDistributor } from "@fairgrid/client";
import type { Session } from "../chain";
import { formatAmount, formatBps, shortAddress } from "../format";
import { blindSpots, identityMetrics } from "../metrics";
import { barChart, card, h, statusLine, table } from "../ui";
import type { Page } from "./page";

/** The label of a fee recipient. */
export function recipientLabel(t: FeeDistributor.RecipientTarget): string {
  if ("pool" in t) return `pool ${t.pool.pool_id}`;
  if ("address" in t) return `address ${shortAddress(t.address.address)}`;
  return "burn";
}

const NOT_REPORTED = "not reported: this chain's governance predates identity metrics";

export const fairnessPage: Page = async (session: Session, root) => {
  const { config: c } = session;
  const gov = new FairgridGovernanceQueryClient(session.query, c.governance);
  const dist = new FairgridFeeDistributorQueryClient(session.query, c.feeDistributor);
  const status = statusLine();
  const [metrics, govCfg, distCfg, pools] = await Promise.all([gov.metrics(), gov.config(), dist.config(), dist.pools({ limit: 30 })]);
  const id = identityMetrics(metrics);
  // The value cells carry the chain's raw numbers (data-value) for tests and tools.
  const val = (testid: string, raw: string | number, text: string) => h("span", { "data-testid": testid, "data-value": String(raw) }, text);

  const hhi = barChart([
    ["stake HHI (per address)", metrics.stake_hhi_bps, formatBps(metrics.stake_hhi_bps)],
    [id ? "power HHI per voting unit" : "power HHI", metrics.power_hhi_bps, formatBps(metrics.power_hhi_bps)],
    ...(id ? [["power HHI per address", id.addressPowerHhiBps, formatBps(id.addressPowerHhiBps)] as [string, number, string]] : []),
    ["cap per voting unit", govCfg.params.cap, formatBps(govCfg.params.cap)],
  ], "hhi-chart", 10000);

  const policy = govCfg.identity?.registry
    ? `registry ${shortAddress(govCfg.identity.registry)}; stake without identity: ${govCfg.identity.unidentified}`
    : `no identity registry; stake without identity: ${govCfg.identity?.unidentified ?? "per_address"}`;

  const identityRows: (Node | string)[][] = id
    ? [
        ["identities with stake", val("identities", id.identities, String(id.identities))],
        ["stakers with an identity", val("identified-stakers", id.identifiedStakers, String(id.identifiedStakers))],
        ["stakers without identity", val("unidentified-stakers", id.unidentifiedStakers, String(id.unidentifiedStakers))],
        ["stake held by identities", val("identified-stake", id.identifiedStake, formatAmount(id.identifiedStake, c.token))],
        ["share of stake without identity", val("unidentified-stake-share", id.unidentifiedStakeBps, formatBps(id.unidentifiedStakeBps))],
        ["power HHI per voting unit (each identity one unit)", val("power-hhi", id.powerHhiBps, formatBps(id.powerHhiBps))],
        ["power HHI per address (ignoring identities)", val("address-power-hhi", id.addressPowerHhiBps, formatBps(id.addressPowerHhiBps))],
      ]
    : [
        ["power HHI", val("power-hhi", metrics.power_hhi_bps, formatBps(metrics.power_hhi_bps))],
        ["identity metrics", h("span", { "data-testid": "identities" }, NOT_REPORTED)],
      ];

  const coverage = id
    ? barChart([
        ["stake with identity", id.identifiedStakeBps, formatBps(id.identifiedStakeBps)],
        ["stake without identity", id.unidentifiedStakeBps, formatBps(id.unidentifiedStakeBps)],
      ], "identity-chart", 10000)
    : null;

  root.replaceChildren(
    h("h1", {}, "Fairness"),
    status,
    card("Concentration of governance",
      h("p", { class: "hint" },
        "HHI: the sum of squared shares, in basis points (10000 = one holder has everything; 1/N × 10000 for N equal holders). ",
        "A voting unit is an identity (all its addresses together) or an address without identity. ",
        "The square-root curve and the per-unit cap keep voting power less concentrated than stake."),
      hhi,
      table(["metric", "value"], [
        ["stakers (addresses with stake)", val("stakers", metrics.stakers, String(metrics.stakers))],
        ["total stake", val("total-stake", metrics.total_stake, formatAmount(metrics.total_stake, c.token))],
        ["total voting power", val("total-power", metrics.total_power, metrics.total_power)],
        ["stake HHI (per address)", val("stake-hhi", metrics.stake_hhi_bps, formatBps(metrics.stake_hhi_bps))],
        ...identityRows,
        ["identity registry", h("span", { "data-testid": "identity-policy" }, policy)],
        ["FAIR in unbonding claims", formatAmount(metrics.total_claims, c.token)],
        ["FAIR held as proposal deposits", formatAmount(metrics.total_deposits, c.token)],
      ], "metrics"),
      h("p", { class: "hint", "data-testid": "metrics-blind-spots" }, blindSpots(id?.unidentifiedStakeBps))),
    ...(coverage
      ? [card("Identity coverage",
          h("p", { class: "hint" }, "Share of the total stake held by addresses linked to an identity, and without one (each floored to a basis point)."),
          coverage)]
      : []),
    card("Fee split",
      h("p", { class: "hint" }, `Protocol fees are split by weight; the rounding rest goes to ${distCfg.recipients[distCfg.rest_recipient] ? recipientLabel(distCfg.recipients[distCfg.rest_recipient].target) : "the fallback"}.`),
      split(distCfg),
      table(["pool", "curve", "total weight", "source"], pools.pools.map((p) => [p.pool_id, p.curve, p.total_weight, shortAddress(p.source)]), "pools")),
  );
};

function split(distCfg: FeeDistributor.ConfigResponse): SVGSVGElement {
  return barChart(distCfg.recipients.map((r) => [recipientLabel(r.target), r.weight, formatBps(r.weight)]), "fee-split-chart", 10000);
}
