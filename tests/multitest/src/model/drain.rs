//! The drain phase: every actor exits and every delay is waited out; the
//! escrow then holds nothing and the model and the chain agree to the unit.

use fairgrid::{distributor, governance};

use super::action::{Action, Proposal};
use super::sim::Sim;
use super::state::*;
use crate::market::{CREDIT, FAIR};

/// The drain voters' stake: enough that their three capped votes pass any proposal.
const DRAIN_STAKE: u64 = 1_000_000 * FAIR as u64;

/// The action index naming record `id` exactly (see `sim::id_of`).
fn u8_id(id: usize) -> Result<u8, String> {
    u8::try_from(id)
        .ok()
        .filter(|i| *i < 128)
        .ok_or_else(|| format!("drain: record index {id} beyond 127"))
}

impl Sim {
    fn must(&mut self, a: Action) -> Result<(), String> {
        self.step(&a, true)
    }

    fn wait(&mut self, seconds: u64) -> Result<(), String> {
        self.step(&Action::Advance { seconds }, true)
    }

    pub fn drain(&mut self) -> Result<(), String> {
        self.log.push("---- drain ----".into());
        // 1. let every proposal finish (expire if it passed: a custody
        // proposal's timelock is at least the unbonding period), then settle
        // every deposit
        let now = self.m.app.block_info().time.seconds();
        let mut last_end = now;
        for (i, p) in self.model.proposals.iter().enumerate() {
            if p.settled {
                continue;
            }
            let r: governance::ProposalResponse = self
                .m
                .app
                .wrap()
                .query_wasm_smart(&self.m.governance, &super::msgs::q_proposal(i as u64 + 1))
                .map_err(|e| format!("drain: proposal query: {e}"))?;
            last_end = last_end.max(r.expires_at).max(r.voting_end);
        }
        self.wait(last_end.saturating_sub(now) + 1)?;
        for i in 0..self.model.proposals.len() {
            if !self.model.proposals[i].settled {
                self.must(Action::CloseProposal {
                    proposal: u8_id(i)?,
                })?;
            }
        }
        // 2. the drain voters stake, and repair what proposals broke
        for k in 0..3 {
            self.must(Action::Stake {
                k: 200 + k,
                amount: DRAIN_STAKE,
            })?;
        }
        self.wait(10)?;
        let (repair, _, _) = self.proposal_msgs(&Proposal::Repair, &self.cast.drain[0].clone());
        if !repair.is_empty() {
            let id = self.model.proposals.len();
            let extra_deposit = 0;
            self.must(Action::Propose {
                k: 200,
                proposal: Proposal::Repair,
                extra_deposit,
            })?;
            for k in 0..3 {
                self.must(Action::Vote {
                    k: 200 + k,
                    proposal: u8_id(id)?,
                    option: 0,
                })?;
            }
            let g = &self.model.gov;
            self.wait(g.voting_period + g.timelock + 1)?;
            self.must(Action::Execute {
                proposal: u8_id(id)?,
            })?;
            let status = self
                .m
                .app
                .wrap()
                .query_wasm_smart::<governance::ProposalResponse>(
                    &self.m.governance,
                    &super::msgs::q_proposal(id as u64 + 1),
                )
                .unwrap()
                .status;
            if status != governance::ProposalStatus::Executed {
                return Err(format!("drain: the repair proposal ended {status:?}"));
            }
        }
        // 3. escrow: close every lease, wait out settlement, claim everything
        for i in 0..self.model.leases.len() {
            if !self.model.leases[i].settled {
                self.must(Action::CloseLease {
                    by_provider: false,
                    lease: u8_id(i)?,
                })?;
            }
        }
        let delay = self.model.leases.iter().map(|l| l.delay).max().unwrap_or(0);
        self.wait(delay + 1)?;
        for (pi, p) in self.cast.providers.clone().iter().enumerate() {
            let ids: Vec<u8> = self
                .model
                .leases
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    l.provider == *p
                        && l.dispute == Dispute::None
                        && accrued(l.price, l.start, l.end, l.end) > l.claimed
                })
                .map(|(i, _)| u8_id(i))
                .collect::<Result<_, _>>()?;
            for chunk in ids.chunks(fairgrid::escrow::MAX_LEASES_PER_MSG) {
                self.must(Action::ClaimEarnings {
                    p: pi as u8,
                    leases: chunk.to_vec(),
                })?;
            }
            for i in 0..self.model.offers.len() {
                if self.model.offers[i].provider == *p && !self.model.offers[i].closed {
                    self.must(Action::CloseOffer {
                        p: pi as u8,
                        offer: u8_id(i)?,
                    })?;
                }
            }
            if self.model.credit(p, A::Credit) > 0 {
                // a dispute bond the ruling gave the provider
                let amount =
                    u64::try_from(self.model.credit(p, A::Credit)).map_err(|e| e.to_string())?;
                self.must(Action::Withdraw {
                    r: 250 + pi as u8,
                    amount,
                    fair: false,
                })?;
            }
            let collateral = self.model.providers.get(p).map_or(0, |x| x.collateral);
            if collateral > 0 {
                let fair = u32::try_from(collateral / FAIR).map_err(|e| e.to_string())?;
                if collateral % FAIR != 0 {
                    return Err("drain: collateral not in whole FAIR".into());
                }
                self.must(Action::RequestWithdrawal { p: pi as u8, fair })?;
            }
        }
        // every protocol fee owed goes to the distributor (it accepts the
        // credit again after the repair)
        if self.model.fees_owed > 0 {
            self.must(Action::ForwardFees { who: 0, assets: 0 })?;
        }
        let unbonding = self.model.esc.unbonding_delay.max(
            self.model
                .providers
                .values()
                .map(|p| {
                    p.release
                        .max(p.liable_until)
                        .saturating_sub(self.m.app.block_info().time.seconds())
                })
                .max()
                .unwrap_or(0),
        );
        self.wait(unbonding + 1)?;
        for (pi, p) in self.cast.providers.clone().iter().enumerate() {
            if self.model.providers.get(p).is_some_and(|x| x.unbonding > 0) {
                self.must(Action::WithdrawCollateral { p: pi as u8 })?;
            }
        }
        // renters, and the sponsor (`r` = 240): its credits, grant refunds
        // and slashes of its grants' leases
        let accounts = self
            .cast
            .renters
            .clone()
            .into_iter()
            .enumerate()
            .map(|(ri, r)| (ri as u8, r))
            .chain(std::iter::once((240u8, self.cast.sponsor.clone())));
        for (ri, r) in accounts {
            for (a, fair) in [(A::Credit, false), (A::Fair, true)] {
                let c = self.model.credit(&r, a);
                if c > 0 {
                    let amount = u64::try_from(c).map_err(|e| e.to_string())?;
                    self.must(Action::Withdraw {
                        r: ri,
                        amount,
                        fair,
                    })?;
                }
            }
        }
        // 4. governance: everyone unstakes and claims after the unbonding period
        let stakers: Vec<u8> = (0..4).chain(200..203).collect();
        let unbonding = self.model.gov.unbonding;
        let last_claim = self
            .model
            .claims
            .values()
            .flatten()
            .map(|(_, r)| *r)
            .max()
            .unwrap_or(0);
        let now = self.m.app.block_info().time.seconds();
        self.wait(last_claim.saturating_sub(now) + 1)?;
        for &k in &stakers {
            let who = self.cast.voter(k);
            if self
                .model
                .matured(&who, self.m.app.block_info().time.seconds())
                > 0
            {
                self.must(Action::ClaimStake { k })?;
            }
            let s = self.model.stake(&who);
            if s > 0 {
                let amount = u64::try_from(s).map_err(|e| e.to_string())?;
                self.must(Action::Unstake { k, amount })?;
            }
        }
        self.wait(unbonding + 1)?;
        for &k in &stakers {
            let who = self.cast.voter(k);
            if self
                .model
                .matured(&who, self.m.app.block_info().time.seconds())
                > 0
            {
                self.must(Action::ClaimStake { k })?;
            }
        }
        // 5. distributor: every member claims what it is owed
        let members: Vec<u8> = (0..7).chain(200..203).collect();
        for &k in &members {
            let who = self.cast.member(k);
            let p: distributor::PendingResponse = self
                .m
                .app
                .wrap()
                .query_wasm_smart(&self.m.distributor, &super::msgs::q_pending(&who))
                .unwrap();
            if p.pending.iter().any(|x| !x.amount.is_zero()) {
                self.must(Action::ClaimRewards { who: k })?;
            }
        }
        self.final_check()
    }

    /// After the drain: the escrow holds exactly nothing, governance only its
    /// surplus, the distributor only sub-unit remainders it owes.
    fn final_check(&self) -> Result<(), String> {
        let m = &self.m;
        let md = &self.model;
        let e = |what: &str| format!("after the drain: {what}\n{}", self.log.join("\n"));
        if m.credit_balance(&m.escrow) != 0 || m.fair_balance(&m.escrow) != 0 {
            return Err(e(&format!(
                "escrow still holds {} {CREDIT} and {} FAIR",
                m.credit_balance(&m.escrow),
                m.fair_balance(&m.escrow)
            )));
        }
        if !md.credits.is_empty() || md.leases.iter().any(|l| !l.settled) {
            return Err(e("the model still has credits or unsettled leases"));
        }
        if md.total_stake() != 0 || md.pending_claims() != 0 || md.deposits != 0 {
            return Err(e("stakes, claims or deposits left"));
        }
        if m.fair_balance(&m.governance) != md.gov_surplus {
            return Err(e("governance holds FAIR beyond its surplus"));
        }
        let rec: distributor::ReconciliationResponse = m
            .app
            .wrap()
            .query_wasm_smart(&m.distributor, &super::msgs::q_reconciliation())
            .unwrap();
        if rec.held != rec.owed + rec.carried {
            return Err(e(&format!(
                "distributor holds other than what it owes: {rec:?}"
            )));
        }
        self.check().map_err(|x| e(&x))
    }
}
