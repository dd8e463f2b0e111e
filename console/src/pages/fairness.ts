// Fairness: the chain's concentration metrics and the fee split, as charts.
import { FairgridFeeDistributorQueryClient, FairgridGovernanceQueryClient, type FeeDistributor } from "@fairgrid/client";
import type { Session } from "../chain";
import { formatAmount, formatBps, shortAddress } from "../format";
import { barChart, card, h, statusLine, table } from "../ui";
import type { Page } from "./page";

/** The label of a fee recipient. */
export function recipientLabel(t: FeeDistributor.RecipientTarget): string {
  if ("pool" in t) return `pool ${t.pool.pool_id}`;
  if ("address" in t) return `address ${shortAddress(t.address.address)}`;
  return "burn";
}

export const fairnessPage: Page = async (session: Session, root) => {
  const { config: c } = session;
  const gov = new FairgridGovernanceQueryClient(session.query, c.governance);
  const dist = new FairgridFeeDistributorQueryClient(session.query, c.feeDistributor);
  const status = statusLine();
  const [metrics, govCfg, distCfg, pools] = await Promise.all([gov.metrics(), gov.config(), dist.config(), dist.pools({ limit: 30 })]);

  const hhi = barChart([
    ["stake HHI", metrics.stake_hhi_bps, formatBps(metrics.stake_hhi_bps)],
    ["voting power HHI", metrics.power_hhi_bps, formatBps(metrics.power_hhi_bps)],
    ["cap per voter", govCfg.params.cap, formatBps(govCfg.params.cap)],
  ], "hhi-chart", 10000);

  const split = barChart(distCfg.recipients.map((r) => [recipientLabel(r.target), r.weight, formatBps(r.weight)]), "fee-split-chart", 10000);

  root.replaceChildren(
    h("h1", {}, "Fairness"),
    status,
    card("Concentration of governance",
      h("p", { class: "hint" },
        "HHI: the sum of squared shares, in basis points (10000 = one holder has everything; 1/N × 10000 for N equal holders). ",
        "The square-root curve and the per-voter cap keep voting power less concentrated than stake."),
      hhi,
      table(["metric", "value"], [
        ["stakers", h("span", { "data-testid": "stakers" }, String(metrics.stakers))],
        ["total stake", formatAmount(metrics.total_stake, c.token)],
        ["total voting power", metrics.total_power],
        ["stake HHI (per account)", h("span", { "data-testid": "stake-hhi" }, formatBps(metrics.stake_hhi_bps))],
        ["power HHI (per account)", formatBps(metrics.power_hhi_bps)],
        ["HHI per identity", "not measured: this chain has no identity registry, so each account is its own identity"],
        ["share of stake without identity", "100 % (no identity registry deployed)"],
        ["FAIR in unbonding claims", formatAmount(metrics.total_claims, c.token)],
        ["FAIR held as proposal deposits", formatAmount(metrics.total_deposits, c.token)],
      ], "metrics")),
    card("Fee split",
      h("p", { class: "hint" }, `Protocol fees are split by weight; the rounding rest goes to ${distCfg.recipients[distCfg.rest_recipient] ? recipientLabel(distCfg.recipients[distCfg.rest_recipient].target) : "the fallback"}.`),
      split,
      table(["pool", "curve", "total weight", "source"], pools.pools.map((p) => [p.pool_id, p.curve, p.total_weight, shortAddress(p.source)]), "pools")),
  );
};
