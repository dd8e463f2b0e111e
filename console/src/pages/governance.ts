// Governance: stake and unstake FAIR; my voting power explained; proposals by
// status with tallies and quorum progress; vote and change a vote; execute.
import { FairgridGovernanceQueryClient, type Governance } from "@fairgrid/client";
import type { Session } from "../chain";
import { chainTime, wasmAttribute } from "../chain";
import { formatAmount, formatBps, formatDuration, ratioBps, toBase, toWhole } from "../format";
import { messages } from "../messages";
import { explainPower } from "../power";
import { card, field, h, input, runAction, showError, statusLine, table } from "../ui";
import type { Page } from "./page";

const STATUSES: Governance.ProposalStatus[] = ["open", "passed", "executable", "executed", "rejected", "vetoed", "execution_failed", "expired"];

export const governancePage: Page = async (session: Session, root) => {
  const { config: c } = session;
  const q = new FairgridGovernanceQueryClient(session.query, c.governance);
  const m = messages(c);
  const cfg = await q.config();
  const fair = c.token;
  const status = statusLine();
  const me = session.address!;
  const fmt = (b: bigint | string) => formatAmount(b, fair);

  const stakeBox = h("div", { "data-testid": "my-stake" });
  const explainBox = h("div", { "data-testid": "power-explanation" });
  const proposalsBox = h("div");
  const stakeAmount = input("stake-amount", "10");
  const unstakeAmount = input("unstake-amount", "1");
  const splitInto = input("split-into", "4", { size: "3" });
  const statusFilter = h("select", { name: "status-filter", "data-testid": "status-filter" },
    h("option", { value: "" }, "all"), ...STATUSES.map((s) => h("option", { value: s }, s)));
  const title = input("proposal-title", "Signal: more GPUs in eu-west");
  const description = input("proposal-description", "A text proposal: no messages, a signal only.");
  const deposit = input("proposal-deposit", toWhole(cfg.params.min_deposit, 6));

  async function refreshStake() {
    const [vp, claims, metrics, live, bal] = await Promise.all([
      q.votingPower({ address: me }),
      q.claims({ address: me }),
      q.metrics(),
      q.config(), // the identity policy and the cap change by proposal: read them each time
      session.query.queryContractSmart(fair, { balance: { address: me } }) as Promise<{ balance: string }>,
    ]);
    const identity = vp.identity ?? null;
    const idp = identity !== null ? await q.identityPower({ identity }) : null;
    const registry = live.identity.registry ?? null;
    stakeBox.replaceChildren(
      h("p", { "data-testid": "fair-balance" }, `Wallet: ${fmt(bal.balance)}`),
      h("p", { "data-testid": "staked" }, `Staked: ${fmt(vp.stake)}; power now ${vp.power} of ${metrics.total_power}`),
      h("p", { "data-testid": "my-identity" }, idp
        ? `Identity ${idp.identity}: ${idp.addresses} linked address${idp.addresses === 1 ? "" : "es"}, summed stake ${fmt(idp.stake)}, power ${idp.power} (uncapped), one ballot for all of them.`
        : `No identity: this address's stake follows the policy ${live.identity.unidentified}.`),
      h("p", { "data-testid": "identity-config" },
        `Identity registry: ${registry ?? "none (no address can get an identity)"}; stake without identity: ${live.identity.unidentified}; total stake ${fmt(metrics.total_stake)}.`),
      h("p", {}, `Unbonding: ${claims.claims.length ? claims.claims.map((x) => `${fmt(x.amount)} (${"at_time" in x.release_at ? "at " + new Date(Number(BigInt(x.release_at.at_time) / 1000000000n) * 1000).toISOString().slice(11, 19) + " UTC" : JSON.stringify(x.release_at)})`).join(", ") : "nothing"}`),
    );
    const e = explainPower({
      stake: BigInt(vp.stake),
      curve: live.curve,
      minStake: BigInt(live.min_stake),
      capBps: live.params.cap,
      totalPower: BigInt(metrics.total_power),
      totalStake: BigInt(metrics.total_stake),
      unidentified: live.identity.unidentified,
      identity: idp ? { id: idp.identity, stake: BigInt(idp.stake), addresses: idp.addresses, earliestExpiry: idp.earliest_expiry } : null,
      identityRegistry: registry !== null,
      height: vp.height,
      splitInto: Number(splitInto.value) || 2,
    }, (b) => fmt(b));
    // The chain's numbers are the truth; the explanation mirrors the rule. The
    // queries may read different heights, so a mismatch is shown, not hidden.
    const drift = e.power !== BigInt(vp.power)
      ? h("p", { class: "hint", "data-testid": "power-mismatch" },
        `The chain reports power ${vp.power} where this explanation gives ${e.power}: a block may have passed between the queries (press Explain again), or the console's mirror of the rule is out of date.`)
      : "";
    explainBox.replaceChildren(
      h("ol", {}, ...e.lines.map((l) => h("li", {}, l))),
      drift,
      h("p", { class: "hint" }, "A proposal counts the power, the total and the policy of the block it was created in: stake or links added later count on later proposals."),
    );
  }

  async function refreshProposals() {
    const st = (statusFilter as HTMLSelectElement).value as Governance.ProposalStatus | "";
    const [list, now] = await Promise.all([q.proposals({ status: st || undefined, limit: 30 }), chainTime(session)]);
    const rows = await Promise.all(list.proposals.map(async (p) => {
      const t = p.tally;
      const turnout = BigInt(t.yes) + BigInt(t.no) + BigInt(t.abstain) + BigInt(t.veto);
      const turnoutBps = ratioBps(turnout, p.total_power);
      const [ballot, myPower] = await Promise.all([
        q.ballot({ proposalId: p.id, voter: me }),
        q.proposalVotingPower({ proposalId: p.id, address: me }),
      ]);
      const choice = h("select", { "data-testid": `vote-choice-${p.id}` }, ...(["yes", "no", "abstain", "veto"] as const).map((v) => h("option", { value: v }, v)));
      const open = p.status === "open" && now.time < p.voting_end;
      return [
        String(p.id),
        h("span", { title: p.description }, p.title),
        h("span", { "data-testid": `proposal-status-${p.id}` }, p.status),
        h("span", { "data-testid": `tally-${p.id}` }, `yes ${t.yes} · no ${t.no} · abstain ${t.abstain} · veto ${t.veto}`),
        h("span", {},
          h("progress", { max: String(p.terms.quorum), value: String(Math.min(turnoutBps, p.terms.quorum)) }),
          ` ${formatBps(turnoutBps)} of ${formatBps(p.terms.quorum)} quorum`),
        open ? `ends in ${formatDuration(p.voting_end - now.time)}` : `ended`,
        h("span", { "data-testid": `my-ballot-${p.id}` }, ballot.ballot ? `${ballot.ballot.vote} (${ballot.ballot.power})` : `not voted (power ${myPower.power})`),
        h("span", {},
          open ? h("span", {}, choice, h("button", { "data-testid": `vote-${p.id}`, onclick: () => void runAction(session, status,
            `${ballot.ballot ? "Change vote" : "Vote"} on proposal ${p.id}`,
            () => [m.vote(p.id, (choice as HTMLSelectElement).value as Governance.VoteOption)], refreshProposals) }, ballot.ballot ? "Change vote" : "Vote")) : "",
          p.status === "executable" || p.status === "passed"
            ? h("button", { "data-testid": `execute-${p.id}`, onclick: () => void runAction(session, status, `Execute proposal ${p.id}`,
              () => [m.execute(p.id)], refreshProposals) }, "Execute")
            : ""),
      ];
    }));
    proposalsBox.replaceChildren(table(["id", "title", "status", "tally (power)", "quorum", "voting", "my vote", ""], rows, "proposals"));
  }

  const refreshAll = async () => { await Promise.all([refreshStake(), refreshProposals()]); };

  root.replaceChildren(
    h("h1", {}, "Governance"),
    status,
    card("My stake",
      stakeBox,
      h("div", { class: "row" }, field("Stake (FAIR)", stakeAmount),
        h("button", { "data-testid": "stake", onclick: () => void runAction(session, status, "Stake FAIR",
          () => [m.stake(toBase(stakeAmount.value, 6))], refreshAll) }, "Stake")),
      h("div", { class: "row" }, field("Unstake (FAIR)", unstakeAmount),
        h("button", { "data-testid": "unstake", onclick: () => void runAction(session, status, "Unstake FAIR",
          () => [m.unstake(toBase(unstakeAmount.value, 6))], refreshAll) }, "Unstake"),
        h("button", { "data-testid": "claim-unstaked", onclick: () => void runAction(session, status, "Claim unbonded FAIR",
          () => [m.claimUnstaked()], refreshAll) }, "Claim unbonded"))),
    card("Why my vote weighs what it weighs",
      h("div", { class: "row" }, field("Compare with splitting into N addresses", splitInto),
        h("button", { "data-testid": "explain", onclick: () => void refreshStake().catch((e) => showError(status, e)) }, "Explain")),
      explainBox),
    card("Proposals",
      h("div", { class: "row" }, field("Status", statusFilter),
        h("button", { "data-testid": "refresh-proposals", onclick: () => void refreshProposals().catch((e) => showError(status, e)) }, "Show")),
      proposalsBox),
    card("New proposal (text only)",
      h("div", { class: "row" }, field("Title", title), field("Description", description), field("Deposit (FAIR)", deposit),
        h("button", { "data-testid": "propose", onclick: () => void runAction(session, status, "Create a proposal",
          () => [m.propose(toBase(deposit.value, 6), title.value, description.value)],
          async (tx) => {
            const id = wasmAttribute(tx, "proposal_id") ?? "";
            status.append(h("div", { class: "ok", "data-testid": "proposal-created", "data-id": id }, `Proposal ${id} created at height ${tx.height}.`));
            await refreshAll();
          }) }, "Propose"))),
  );
  await refreshAll();
  const timer = setInterval(() => {
    if (!document.querySelector("button[disabled]")) void refreshProposals().catch(() => undefined);
  }, 3000);
  return () => clearInterval(timer);
};
