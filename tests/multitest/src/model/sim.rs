//! Runs actions against the deployed market and the model side by side, and
//! checks the invariants after every step.

use std::panic::{catch_unwind, AssertUnwindSafe};

use cosmwasm_std::{Addr, CosmosMsg, Order, Storage, Uint128};
use cw_multi_test::Executor;
use fairgrid::{distributor, escrow, governance};

use super::action::{Action, Proposal};
use super::msgs;
use super::state::*;
use crate::market::{Market, CREDIT, DAY, FAIR, HOUR, MAX_ADDRESSES_PER_IDENTITY};

/// The actors. Index arguments of actions pick from these groups (mod size).
pub struct Cast {
    pub renters: Vec<Addr>,
    pub sponsor: Addr,
    pub providers: Vec<Addr>,
    /// Stakers and voters; the last one is the hostile proposer.
    pub voters: Vec<Addr>,
    /// Drain-phase voters with a large stake, to pass the repair proposal.
    pub drain: Vec<Addr>,
    /// The identity registry's attesters: the first appointed at
    /// deployment, the second only by proposal.
    pub attesters: Vec<Addr>,
}

impl Cast {
    pub fn new(m: &Market) -> Cast {
        let n = |p: &str, k: usize| (0..k).map(|i| m.addr(&format!("{p}{i}"))).collect();
        let mut voters: Vec<Addr> = n("staker", 3);
        voters.push(m.addr("hostile"));
        Cast {
            renters: n("renter", 3),
            sponsor: m.addr("sponsor"),
            providers: n("provider", 3),
            voters,
            drain: n("drainer", 3),
            attesters: vec![m.addr("attester"), m.addr("attester2")],
        }
    }
    /// An address an attester links: a random voter (the hostile one
    /// included) or a renter; drain voters stay without identity, so the
    /// drain's repair proposal passes whatever was linked.
    pub fn linkable(&self, k: u8) -> Addr {
        let mut v = self.voters.clone();
        v.extend(self.renters.iter().cloned());
        pick(&v, k)
    }
    /// A staker/voter: `k < 200` one of the random voters (hostile last),
    /// `k >= 200` a drain voter.
    pub fn voter(&self, k: u8) -> Addr {
        if k >= 200 {
            pick(&self.drain, k - 200)
        } else {
            pick(&self.voters, k)
        }
    }
    /// A pool member claiming rewards: voters and providers, or (`>= 200`) a drain voter.
    pub fn member(&self, k: u8) -> Addr {
        if k >= 200 {
            pick(&self.drain, k - 200)
        } else {
            let mut v = self.voters.clone();
            v.extend(self.providers.iter().cloned());
            pick(&v, k)
        }
    }
    /// An escrow account withdrawing credits: `r >= 250` a provider (a
    /// dispute bond may land in its credits), `240..250` the sponsor, else a
    /// renter.
    pub fn account(&self, r: u8) -> Addr {
        if r >= 250 {
            pick(&self.providers, r - 250)
        } else if r >= 240 {
            self.sponsor.clone()
        } else {
            pick(&self.renters, r)
        }
    }
    pub fn hostile(&self) -> &Addr {
        self.voters.last().unwrap()
    }
    pub fn payers(&self) -> Vec<Addr> {
        let mut v = self.renters.clone();
        v.push(self.sponsor.clone());
        v
    }
    pub fn everyone(&self) -> Vec<Addr> {
        let mut v = self.payers();
        v.extend(self.providers.iter().cloned());
        v.extend(self.voters.iter().cloned());
        v.extend(self.drain.iter().cloned());
        v
    }
}

fn pick(v: &[Addr], i: u8) -> Addr {
    v[i as usize % v.len()].clone()
}

/// A 1-based id among `count` records: for `i >= 128` one of the three most
/// recent (where the traffic is); else any, sometimes one past the end
/// (`i < count` is exactly record `i`, which the drain relies on).
pub fn id_of(i: u8, count: usize) -> u64 {
    if i >= 128 && count > 0 {
        count.saturating_sub(i as usize % 3).max(1) as u64
    } else {
        (i as usize % (count + 1)) as u64 + 1
    }
}

pub const CREDITS_EACH: u128 = 1_000_000_000_000;
pub const FAIR_EACH: u128 = 20_000 * FAIR;
pub const DRAIN_FAIR: u128 = 10_000_000 * FAIR;

pub struct Sim {
    pub m: Market,
    pub cast: Cast,
    pub model: Model,
    pub codes: [u64; 3],
    /// Steps run so far (random and drain).
    pub steps: usize,
    pub refused: usize,
    /// Accepted steps by kind (`Action` variant name), for the run's summary.
    pub accepted: std::collections::BTreeMap<String, usize>,
    /// Fail on faults reported and not fixed yet (stale pool weights after a
    /// hook is removed and re-added); off in the normal run, where the model
    /// still predicts the stale weights exactly.
    pub strict: bool,
    /// Readable log of the steps run, for the failure report.
    pub log: Vec<String>,
    /// Steps run inside `Enact` actions, and in the drain.
    pub sub_steps: usize,
    pub drain_steps: usize,
}

type Snapshot = Vec<(Vec<u8>, Vec<u8>)>;

fn snapshot(m: &Market) -> Snapshot {
    m.app
        .storage()
        .range(None, None, Order::Ascending)
        .collect()
}

fn panic_text(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "non-text panic".into())
}

impl Sim {
    pub fn new() -> Sim {
        let api = cosmwasm_std::testing::MockApi::default();
        let probe = |p: &str, k: usize| -> Vec<Addr> {
            (0..k).map(|i| api.addr_make(&format!("{p}{i}"))).collect()
        };
        let mut fair_of: Vec<(Addr, u128)> = vec![];
        let mut credit_of: Vec<(Addr, u128)> = vec![];
        for a in probe("renter", 3)
            .into_iter()
            .chain([api.addr_make("sponsor")])
        {
            credit_of.push((a, CREDITS_EACH));
        }
        for a in probe("provider", 3)
            .into_iter()
            .chain(probe("staker", 3))
            .chain([api.addr_make("hostile")])
        {
            fair_of.push((a, FAIR_EACH));
        }
        for a in probe("drainer", 3) {
            fair_of.push((a, DRAIN_FAIR));
        }
        let fair_refs: Vec<(&Addr, u128)> = fair_of.iter().map(|(a, v)| (a, *v)).collect();
        let credit_refs: Vec<(&Addr, u128)> = credit_of.iter().map(|(a, v)| (a, *v)).collect();
        // as deployed, with one attester appointed
        let attester = api.addr_make("attester");
        let m = Market::deploy_with_attesters(&fair_refs, &credit_refs, &[&attester]);
        let cast = Cast::new(&m);
        let code = |c: &Addr| m.app.wrap().query_wasm_contract_info(c).unwrap().code_id;
        let codes = [code(&m.escrow), code(&m.governance), code(&m.distributor)];
        let params = crate::market::governance_params(&m.community);
        let pool = |source: &Addr| PoolM {
            source: source.clone(),
            curve: fairgrid::curve::Curve::Linear,
        };
        let model = Model {
            bank: credit_of.iter().cloned().collect(),
            fair: fair_of.iter().cloned().collect(),
            credits: Default::default(),
            providers: Default::default(),
            offers: vec![],
            leases: vec![],
            grants: vec![],
            links: Default::default(),
            identities: Default::default(),
            next_identity: 1,
            ids: Ids {
                attesters: [attester.clone()].into(),
                subscribers: [m.governance.clone()].into(),
                max_addresses: MAX_ADDRESSES_PER_IDENTITY,
                owner_gov: true,
                gov_registry: true,
                policy: vec![(
                    0,
                    crate::market::UNIDENTIFIED_POLICY
                        == governance::UnidentifiedPolicy::PerAddress,
                )],
                gov_links: Default::default(),
            },
            esc: EscrowCfg {
                fee_bps: crate::market::PROTOCOL_FEE_BPS as u128,
                settlement_delay: HOUR,
                min_collateral: 100 * FAIR,
                unbonding_delay: 7 * DAY,
                dispute_bond: 0,
                paused: false,
                credit_accepted: true,
                collateral_hook: true,
                escrow: m.escrow.clone(),
            },
            stakes: Default::default(),
            claims: Default::default(),
            deposits: 0,
            gov_surplus: 0,
            proposals: vec![],
            gov: GovCfg {
                address: m.governance.clone(),
                hook: true,
                voting_period: params.voting_period,
                timelock: params.timelock,
                window: params.execution_window,
                min_deposit: params.min_deposit.u128(),
                unbonding: 14 * DAY,
                guardian: None,
                refund: 0,
            },
            dist_credit: true,
            credit_retired: false,
            pools: [
                (crate::market::STAKERS_POOL.to_string(), pool(&m.governance)),
                (crate::market::PROVIDERS_POOL.to_string(), pool(&m.escrow)),
            ]
            .into(),
            recipients_providers: true,
            pool_stakers: Default::default(),
            pool_providers: Default::default(),
            fees: 0,
            fees_owed: 0,
            total_credits: CREDITS_EACH * 4,
        };
        let sim = Sim {
            m,
            cast,
            model,
            codes,
            steps: 0,
            refused: 0,
            accepted: Default::default(),
            strict: false,
            log: vec![],
            sub_steps: 0,
            drain_steps: 0,
        };
        sim.check().expect("invariants hold at deployment");
        sim
    }

    pub(super) fn now(&self) -> u64 {
        self.m.app.block_info().time.seconds()
    }

    pub(super) fn height(&self) -> u64 {
        self.m.app.block_info().height
    }

    /// Runs one action: the message on chain (panics caught), the model
    /// update if accepted, "nothing changed" if refused, then every invariant.
    /// `must`: the step belongs to the drain and has to succeed.
    pub fn step(&mut self, a: &Action, must: bool) -> Result<(), String> {
        self.steps += 1;
        let n = self.log.len();
        self.log.push(format!("{n:>4}: {a:?}"));
        let r = self.run(a, must);
        if matches!(a, Action::Enact { .. }) {
            // its own steps already report the failing one
            return r;
        }
        r.map_err(|e| {
            format!(
                "step {n} failed: {e}\n  action: {a:?}\n  time {} height {}\n  steps so far:\n{}",
                self.now(),
                self.height(),
                self.log.join("\n")
            )
        })
    }

    fn run(&mut self, a: &Action, must: bool) -> Result<(), String> {
        if let Action::Advance { seconds } = a {
            self.m.advance(*seconds);
            return self.check();
        }
        if let Action::Enact { k, proposal } = a {
            return self.enact(*k, proposal);
        }
        let Some((sender, msg, expect)) = self.prepare(a) else {
            // nothing to send (e.g. no record to act on yet)
            return Ok(());
        };
        let pre = self.pre_query(a, &sender);
        let before = snapshot(&self.m);
        let app = &mut self.m.app;
        let result = catch_unwind(AssertUnwindSafe(|| app.execute(sender.clone(), msg)))
            .map_err(|p| format!("PANIC in a contract: {}", panic_text(p)))?;
        match result {
            Ok(_) => {
                if expect == Some(false) {
                    return Err("chain accepted a message the model says must be refused".into());
                }
                self.apply(a, &sender, pre)?;
                let kind = format!("{a:?}");
                let kind = kind.split([' ', '{', '(']).next().unwrap_or("").to_string();
                *self.accepted.entry(kind).or_default() += 1;
            }
            Err(e) => {
                self.refused += 1;
                if must || expect == Some(true) {
                    return Err(format!(
                        "chain refused a message the model says must pass: {e:#}"
                    ));
                }
                if snapshot(&self.m) != before {
                    return Err(format!(
                        "a refused message changed storage or balances: {e:#}"
                    ));
                }
            }
        }
        self.check()
    }

    /// Voters without stake stake, propose, every random voter votes yes,
    /// wait out voting and timelock,
    /// execute: each a step of its own (`id_of(129, n)` is the latest).
    fn enact(&mut self, k: u8, proposal: &Proposal) -> Result<(), String> {
        let before = self.model.proposals.len();
        let sub = |s: &mut Self, a: Action| -> Result<(), String> {
            s.sub_steps += 1;
            s.step(&a, false)
        };
        // voters with (almost) no stake join the campaign with 1,000 FAIR,
        // counted from the next block (the proposal's start height)
        let campaign = 1_000 * FAIR;
        let mut staked = false;
        for v in 0..self.cast.voters.len() as u8 {
            let who = self.cast.voter(v);
            if self.model.stake(&who) < campaign
                && self.model.fair.get(&who).copied().unwrap_or(0) >= campaign
            {
                sub(
                    self,
                    Action::Stake {
                        k: v,
                        amount: campaign as u64,
                    },
                )?;
                staked = true;
            }
        }
        if staked {
            sub(self, Action::Advance { seconds: 5 })?;
        }
        sub(
            self,
            Action::Propose {
                k,
                proposal: proposal.clone(),
                extra_deposit: 0,
            },
        )?;
        let id = self.model.proposals.len();
        if id == before {
            return Ok(());
        }
        for v in 0..self.cast.voters.len() as u8 {
            sub(
                self,
                Action::Vote {
                    k: v,
                    proposal: 129,
                    option: 0,
                },
            )?;
        }
        let r: governance::ProposalResponse = self
            .m
            .app
            .wrap()
            .query_wasm_smart(&self.m.governance, &msgs::q_proposal(id as u64))
            .map_err(|e| format!("proposal query: {e}"))?;
        let seconds = r.executable_at.saturating_sub(self.now()) + 1;
        sub(self, Action::Advance { seconds })?;
        sub(self, Action::Execute { proposal: 129 })
    }

    /// Sender, message and expected outcome (None: not predicted).
    fn prepare(&self, a: &Action) -> Option<(Addr, CosmosMsg, Option<bool>)> {
        let m = &self.m;
        let md = &self.model;
        let c = &self.cast;
        let now = self.now();
        Some(match a {
            Action::Advance { .. } | Action::Enact { .. } => return None,
            Action::Deposit { from, to, amount } => {
                let from = pick(&c.payers(), *from);
                // a quarter of deposits fund the sponsor's own credits
                let to = if *to % 4 == 3 {
                    c.sponsor.clone()
                } else {
                    pick(&c.renters, *to)
                };
                let amount = *amount as u128;
                let ok = !md.esc.paused
                    && md.esc.credit_accepted
                    && md.bank.get(&from).copied().unwrap_or(0) >= amount;
                let beneficiary = (from != to).then_some(&to);
                (from, msgs::deposit(m, beneficiary, amount), Some(ok))
            }
            Action::Withdraw { r, amount, fair } => {
                let r = c.account(*r);
                let (asset, a) = if *fair {
                    (msgs::fair_asset(m), A::Fair)
                } else {
                    (msgs::credit_asset(), A::Credit)
                };
                let amount = (*amount as u128).min(md.credit(&r, a).max(1));
                let ok = md.credit(&r, a) >= amount;
                (r, msgs::withdraw(m, asset, amount), Some(ok))
            }
            Action::RegisterProvider { p, fair } => {
                let p = pick(&c.providers, *p);
                (p, msgs::register_provider(m, *fair as u128 * FAIR), None)
            }
            Action::RegisterNative { p } => {
                let p = pick(&c.providers, *p);
                (p, msgs::register_provider_native(m, 0), Some(false))
            }
            Action::UpdateProvider { p } => {
                let p = pick(&c.providers, *p);
                let ok = md.providers.contains_key(&p);
                (p, msgs::update_provider(m, "renamed farm"), Some(ok))
            }
            Action::AddCollateral { p, fair } => {
                let p = pick(&c.providers, *p);
                (p, msgs::add_collateral(m, *fair as u128 * FAIR), None)
            }
            Action::AddCollateralNative { p } => {
                let p = pick(&c.providers, *p);
                (p, msgs::add_collateral_native(m, 0), Some(false))
            }
            Action::RequestWithdrawal { p, fair } => {
                let p = pick(&c.providers, *p);
                (p, msgs::request_withdrawal(m, *fair as u128 * FAIR), None)
            }
            Action::WithdrawCollateral { p } => {
                let p = pick(&c.providers, *p);
                (p, msgs::withdraw_collateral(m), None)
            }
            Action::CreateOffer {
                p,
                price,
                min,
                max,
                slots,
            } => {
                let p = pick(&c.providers, *p);
                let t = msgs::OfferTerms {
                    price_per_hour: *price as u128,
                    min_duration: *min,
                    max_duration: *max,
                    slots: *slots as u32,
                };
                (p, msgs::create_offer(m, &t), None)
            }
            Action::UpdateOfferPrice { p, offer, price } => {
                let id = id_of(*offer, md.offers.len());
                let p = match md.offers.get(id as usize - 1) {
                    Some(o) if *p % 4 != 0 => o.provider.clone(),
                    _ => pick(&c.providers, *p),
                };
                (p, msgs::update_offer_price(m, id, *price as u128), None)
            }
            Action::CloseOffer { p, offer } => {
                let p = pick(&c.providers, *p);
                let id = id_of(*offer, md.offers.len());
                (p, msgs::close_offer(m, id), None)
            }
            Action::OpenLease {
                r,
                offer,
                duration,
                attach,
                underbid,
            } => {
                let r = pick(&c.renters, *r);
                let id = id_of(*offer, md.offers.len());
                let o = md.offers.get(id as usize - 1);
                let price = o.map_or(1, |o| o.price);
                let agreed = if *underbid { price - 1 } else { price };
                let res = o.map(|o| reservation(o.price, *duration)).unwrap_or(1);
                let funds = if *attach { res } else { 0 };
                let ok = o.is_some_and(|o| {
                    let paid = if *attach {
                        md.bank.get(&r).copied().unwrap_or(0) >= res && res > 0
                    } else {
                        md.credit(&r, A::Credit) >= res
                    };
                    !md.esc.paused
                        && !underbid
                        && !o.closed
                        && o.used < o.slots
                        && *duration >= o.min
                        && *duration <= o.max
                        && md.esc.credit_accepted
                        && md.providers[&o.provider].collateral >= md.esc.min_collateral
                        && paid
                });
                (
                    r,
                    msgs::open_lease(m, id, *duration, agreed, funds),
                    Some(ok),
                )
            }
            Action::ExtendLease {
                r,
                lease,
                extra,
                attach,
                underbid,
            } => {
                let id = id_of(*lease, md.leases.len());
                let price = md.leases.get(id as usize - 1).map_or(1, |l| l.price);
                let agreed = if *underbid { price - 1 } else { price };
                let r = match md.leases.get(id as usize - 1) {
                    Some(l) if *r % 4 != 0 => l.renter.clone(),
                    _ => pick(&c.renters, *r),
                };
                let due = md
                    .leases
                    .get(id as usize - 1)
                    .map(|l| {
                        reservation(l.price, l.end - l.start + extra).saturating_sub(l.reservation)
                    })
                    .unwrap_or(1);
                let funds = if *attach { due } else { 0 };
                (r, msgs::extend_lease(m, id, *extra, agreed, funds), None)
            }
            Action::CreateGrant { g, limit, expiry } => {
                let grantee = pick(&c.payers(), *g);
                let expires = expiry.map(|e| now + e as u64);
                let ok = grantee != c.sponsor
                    && md.esc.credit_accepted
                    && expires.is_none_or(|e| e > now);
                (
                    c.sponsor.clone(),
                    msgs::create_grant(m, &grantee, *limit as u128, expires),
                    Some(ok),
                )
            }
            Action::RevokeGrant { who, grant } => {
                let id = id_of(*grant, md.grants.len());
                let sender = if *who % 4 == 0 {
                    pick(&c.renters, *who)
                } else {
                    c.sponsor.clone()
                };
                let ok = md
                    .grants
                    .get(id as usize - 1)
                    .is_some_and(|g| g.sponsor == sender && !g.revoked);
                (sender, msgs::revoke_grant(m, id), Some(ok))
            }
            Action::OpenLeaseFromGrant {
                r,
                grant,
                offer,
                duration,
                attach,
            } => {
                let gid = id_of(*grant, md.grants.len());
                let g = md.grants.get(gid as usize - 1);
                let r = match g {
                    Some(g) if *r % 4 != 0 => g.grantee.clone(),
                    _ => pick(&c.renters, *r),
                };
                let id = id_of(*offer, md.offers.len());
                let o = md.offers.get(id as usize - 1);
                let price = o.map_or(1, |o| o.price);
                let res = o.map(|o| reservation(o.price, *duration)).unwrap_or(1);
                let funds = if *attach { res } else { 0 };
                let ok = !*attach
                    && g.is_some_and(|g| {
                        g.grantee == r
                            && g.can_draw(now, res)
                            && md.credit(&g.sponsor, A::Credit) >= res
                    })
                    && o.is_some_and(|o| {
                        !md.esc.paused
                            && !o.closed
                            && o.used < o.slots
                            && *duration >= o.min
                            && *duration <= o.max
                            && md.esc.credit_accepted
                            && md.providers[&o.provider].collateral >= md.esc.min_collateral
                    });
                (
                    r,
                    msgs::open_lease_from_grant(m, gid, id, *duration, price, funds),
                    Some(ok),
                )
            }
            Action::Link {
                by_attester,
                who,
                identity,
                attester,
                expires_in,
            } => {
                let sender = if *by_attester {
                    c.attesters[*attester as usize % c.attesters.len()].clone()
                } else {
                    c.hostile().clone()
                };
                let who = c.linkable(*who);
                let h = self.height();
                let expires = expires_in.map(|n| h + n as u64);
                let id = identity.map(|i| id_of(i, (md.next_identity - 1) as usize));
                let old = md.links.get(&who);
                // an expired link of `who` to the same identity is replaced
                let fits = id.is_none_or(|id| {
                    md.identities.get(&id).is_some_and(|n| {
                        let had = n - u32::from(old.is_some_and(|o| o.identity == id));
                        had < md.ids.max_addresses
                    })
                });
                let ok = md.ids.attesters.contains(&sender)
                    && old.is_none_or(|o| !o.live_at(h))
                    && expires.is_none_or(|e| e > h)
                    && fits
                    && md.registry_hooks_ok(&m.governance);
                (sender, msgs::link(m, &who, id, expires), Some(ok))
            }
            Action::Unlink { who, how } => {
                let who = c.linkable(*who);
                let link = md.links.get(&who);
                let hooks = md.registry_hooks_ok(&m.governance);
                match how % 3 {
                    0 => {
                        let maker = link.map_or(c.attesters[0].clone(), |l| l.attester.clone());
                        let sender = if *how >= 128 {
                            c.attesters.iter().find(|a| **a != maker).unwrap().clone()
                        } else {
                            maker
                        };
                        let ok = link.is_some_and(|l| l.attester == sender) && hooks;
                        (sender, msgs::revoke_link(m, &who), Some(ok))
                    }
                    1 => (who, msgs::leave_identity(m), Some(link.is_some() && hooks)),
                    _ => (c.hostile().clone(), msgs::revoke_link(m, &who), Some(false)),
                }
            }
            Action::Expire { by, who } => {
                let sender = pick(&c.everyone(), *by);
                let who = c.linkable(*who);
                let h = self.height();
                let ok = md
                    .links
                    .get(&who)
                    .is_some_and(|l| l.expires.is_some_and(|e| e <= h))
                    && md.registry_hooks_ok(&m.governance);
                (sender, msgs::registry_expire(m, &who), Some(ok))
            }
            Action::ReportExpiry { by, who } => {
                let sender = pick(&c.everyone(), *by);
                let who = c.linkable(*who);
                let h = self.height();
                let ok = md
                    .ids
                    .gov_links
                    .get(&who)
                    .is_some_and(|(_, e)| e.is_some_and(|e| e <= h));
                (sender, msgs::report_expiry(m, &who), Some(ok))
            }
            Action::CloseLease { by_provider, lease } => {
                let id = id_of(*lease, md.leases.len());
                let sender = match md.leases.get(id as usize - 1) {
                    Some(l) if *by_provider => l.provider.clone(),
                    Some(l) => l.renter.clone(),
                    None => c.renters[0].clone(),
                };
                (sender, msgs::close_lease(m, id), None)
            }
            Action::Settle { leases } => {
                let ids: Vec<u64> = leases.iter().map(|i| id_of(*i, md.leases.len())).collect();
                // distinct known ids with one ended, unsettled lease settle;
                // anything else is refused (settled and running ones are skipped)
                let known = ids.iter().all(|id| *id as usize <= md.leases.len());
                let distinct = ids.iter().enumerate().all(|(k, id)| !ids[..k].contains(id));
                let ended = |id: &u64| {
                    let l = &md.leases[*id as usize - 1];
                    !l.settled && now >= l.end
                };
                let settles = known && distinct && ids.iter().any(ended);
                (c.sponsor.clone(), msgs::settle(m, ids), Some(settles))
            }
            Action::ClaimEarnings { p, leases } => {
                let ids: Vec<u64> = leases.iter().map(|i| id_of(*i, md.leases.len())).collect();
                // mostly the provider of the first lease named
                let p = match md.leases.get(ids[0] as usize - 1) {
                    Some(l) if *p % 4 != 0 => l.provider.clone(),
                    _ => pick(&c.providers, *p),
                };
                (p, msgs::claim_earnings(m, ids), None)
            }
            Action::OpenDispute { r, lease } => {
                let id = id_of(*lease, md.leases.len());
                let sender = match md.leases.get(id as usize - 1) {
                    Some(l) if *r % 4 != 0 => l.renter.clone(),
                    _ => pick(&c.renters, *r),
                };
                (sender, msgs::open_dispute(m, id), None)
            }
            Action::ForwardFees { who, assets } => {
                let who = pick(&c.everyone(), *who);
                let (credit, fair) = (msgs::credit_asset(), msgs::fair_asset(m));
                let (list, ok) = match assets % 5 {
                    0 => (vec![credit], md.fees_owed == 0 || md.dist_credit),
                    1 => (vec![credit, fair], md.fees_owed == 0 || md.dist_credit),
                    // nothing is ever owed in FAIR: nothing is sent
                    2 => (vec![fair], true),
                    3 => (vec![credit.clone(), credit], false),
                    _ => (vec![], false),
                };
                (who, msgs::forward_fees(m, list), Some(ok))
            }
            Action::ResyncCollateral { who, p } => {
                let who = pick(&c.everyone(), *who);
                let p = pick(&c.providers, *p);
                let ok = md.esc.collateral_hook
                    && md.providers.contains_key(&p)
                    && md.escrow_reports(&m.escrow);
                (who, msgs::resync_collateral(m, &p), Some(ok))
            }
            Action::Stake { k, amount } => {
                let k = c.voter(*k);
                let amount = *amount as u128;
                let ok = md.fair.get(&k).copied().unwrap_or(0) >= amount;
                (k, msgs::stake(m, amount), Some(ok))
            }
            Action::Unstake { k, amount } => {
                let k = c.voter(*k);
                let amount = (*amount as u128).min(md.stake(&k).max(1));
                let ok = md.stake(&k) >= amount
                    && md.claims.get(&k).map_or(0, |c| c.len()) < governance::MAX_CLAIMS;
                (k, msgs::unstake(m, amount), Some(ok))
            }
            Action::ClaimStake { k } => {
                let k = c.voter(*k);
                let ok = md.matured(&k, now) > 0;
                (k, msgs::claim_stake(m), Some(ok))
            }
            Action::DonateFair { k, amount } => {
                let k = c.voter(*k);
                let ok = md.fair.get(&k).copied().unwrap_or(0) >= *amount as u128;
                (
                    k,
                    msgs::transfer_fair(m, &m.governance, *amount as u128),
                    Some(ok),
                )
            }
            Action::Propose {
                k,
                proposal,
                extra_deposit,
            } => {
                let k = c.voter(*k);
                let deposit = md.gov.min_deposit + *extra_deposit as u128 * FAIR;
                let (body, _, _) = self.proposal_msgs(proposal, &k);
                (
                    k,
                    msgs::propose(m, deposit.max(1), "random proposal", body),
                    None,
                )
            }
            Action::Vote {
                k,
                proposal,
                option,
            } => {
                let k = c.voter(*k);
                let id = id_of(*proposal, md.proposals.len());
                (k, msgs::vote(m, id, *option), None)
            }
            Action::Execute { proposal } => {
                let id = id_of(*proposal, md.proposals.len());
                (c.sponsor.clone(), msgs::execute_proposal(m, id), None)
            }
            Action::CloseProposal { proposal } => {
                let id = id_of(*proposal, md.proposals.len());
                (c.sponsor.clone(), msgs::close_proposal(m, id), None)
            }
            Action::GuardianVeto { k, proposal } => {
                let k = c.voter(*k);
                let id = id_of(*proposal, md.proposals.len());
                let ok = md.gov.guardian.as_ref() == Some(&k);
                // a non-guardian is always refused
                (k, msgs::guardian_veto(m, id), (!ok).then_some(false))
            }
            Action::FeeDeposit { from, amount } => {
                let from = pick(&c.payers(), *from);
                let ok =
                    md.dist_credit && md.bank.get(&from).copied().unwrap_or(0) >= *amount as u128;
                (from, msgs::fee_deposit(m, *amount as u128), Some(ok))
            }
            Action::ClaimRewards { who } => (c.member(*who), msgs::claim_rewards(m), None),
            Action::GovResync { who, k } => {
                let who = pick(&c.everyone(), *who);
                let k = c.voter(*k);
                (
                    who,
                    msgs::gov_resync(m, &k),
                    Some(md.gov.hook && md.gov_pool().is_some()),
                )
            }
            Action::Hostile { attack, arg } => {
                let h = c.hostile().clone();
                (h.clone(), self.attack(*attack, *arg, &h), Some(false))
            }
        })
    }

    /// An owner-, arbiter-, source- or self-only message, or a forged hook.
    fn attack(&self, attack: u8, arg: u8, h: &Addr) -> CosmosMsg {
        let m = &self.m;
        let lease = id_of(arg, self.model.leases.len());
        let forged = |contract: &Addr, hook: cosmwasm_std::Binary| -> CosmosMsg {
            cosmwasm_std::WasmMsg::Execute {
                contract_addr: contract.to_string(),
                msg: cosmwasm_std::to_json_binary(&escrow::ExecuteMsg::Receive(
                    cw20::Cw20ReceiveMsg {
                        sender: h.to_string(),
                        amount: Uint128::new(1_000_000 * FAIR),
                        msg: hook,
                    },
                ))
                .unwrap(),
                funds: vec![],
            }
            .into()
        };
        let bin = |v: &dyn erased::Ser| v.bin();
        match attack % 27 {
            0 => msgs::escrow_config(
                m,
                &msgs::EscrowConfig {
                    protocol_fee_bps: 1_000,
                    settlement_delay: 0,
                    min_collateral: 0,
                    unbonding_delay: 0,
                    dispute_bond_bps: 5_000,
                },
            ),
            1 => msgs::escrow_paused(m, arg % 2 == 0),
            2 => msgs::escrow_accept_credit(m, false),
            3 => msgs::resolve_dispute(m, lease, 0, 0),
            4 => msgs::run_proposal(m, id_of(arg, self.model.proposals.len())),
            5 => msgs::check_solvency(m),
            6 => msgs::gov_params(
                m,
                &msgs::GovTimes {
                    voting_period: 1,
                    timelock: 0,
                    execution_window: 1,
                    min_deposit: 1,
                    unbonding_period: 0,
                    threshold_bps: Some(1),
                    deposit_refund: governance::RefundPolicy::Always,
                },
            ),
            7 => msgs::gov_hooks(m, false),
            8 => msgs::gov_guardian(m, Some(h)),
            9 => msgs::forged_weight(m, h, 1_000_000 * FAIR),
            10 => msgs::dist_recipients_to(m, h),
            11 => msgs::dist_accept_credit(m, false),
            12 => msgs::dist_add_pool(m, h),
            13 => msgs::dist_owner(m, h),
            14 => msgs::escrow_collateral_hook(m, false),
            15 => forged(&m.governance, bin(&governance::ReceiveMsg::Stake {})),
            16 => forged(&m.escrow, bin(&escrow::ReceiveMsg::AddCollateral {})),
            18 => msgs::registry_attesters(m, h),
            19 => msgs::registry_subscribers(m, h),
            20 => msgs::registry_config(m, h),
            21 => msgs::registry_update_attesters(m, &[], &[&self.cast.attesters[0]]),
            22 => msgs::forged_identity(m, h),
            23 => msgs::gov_identity_config(m),
            24 => msgs::dist_retire_credit(m),
            25 => msgs::dist_update_pool(m, h),
            26 => msgs::dist_remove_pool(m),
            _ => forged(&m.distributor, bin(&distributor::ReceiveMsg::Deposit {})),
        }
    }

    /// The messages of a proposal, and its resolved lease id and guardian.
    pub(super) fn proposal_msgs(
        &self,
        p: &Proposal,
        proposer: &Addr,
    ) -> (Vec<CosmosMsg>, Vec<u64>, Option<Addr>) {
        let m = &self.m;
        let mut lease_ids = vec![];
        let mut guardian = None;
        let msgs = match p {
            Proposal::Nothing => vec![],
            Proposal::EscrowConfig {
                fee_bps,
                settlement_delay,
                min_collateral_fair,
                unbonding_delay,
                dispute_bond_bps,
            } => vec![msgs::escrow_config(
                m,
                &msgs::EscrowConfig {
                    protocol_fee_bps: *fee_bps,
                    settlement_delay: *settlement_delay,
                    min_collateral: *min_collateral_fair as u128 * FAIR,
                    unbonding_delay: *unbonding_delay,
                    dispute_bond_bps: *dispute_bond_bps,
                },
            )],
            Proposal::EscrowPaused(b) => vec![msgs::escrow_paused(m, *b)],
            Proposal::EscrowAcceptCredit(b) => vec![msgs::escrow_accept_credit(m, *b)],
            Proposal::DistributorAcceptCredit(b) => vec![msgs::dist_accept_credit(m, *b)],
            Proposal::StakeHook(b) => vec![msgs::gov_hooks(m, *b)],
            Proposal::CollateralHook(b) => vec![msgs::escrow_collateral_hook(m, *b)],
            Proposal::GovParams {
                voting_period,
                timelock,
                window,
                min_deposit_fair,
                unbonding,
                threshold_bps,
                refund,
            } => vec![msgs::gov_params(
                m,
                &msgs::GovTimes {
                    voting_period: *voting_period,
                    timelock: *timelock,
                    execution_window: *window,
                    min_deposit: *min_deposit_fair as u128 * FAIR,
                    unbonding_period: *unbonding,
                    threshold_bps: *threshold_bps,
                    deposit_refund: refund_policy(*refund),
                },
            )],
            Proposal::SpendCredits { amount } => {
                vec![msgs::send_credits(&m.community, *amount as u128)]
            }
            Proposal::SpendFair { amount } => {
                vec![msgs::transfer_fair(m, proposer, *amount as u128)]
            }
            Proposal::ResolveDispute {
                lease,
                share_bps,
                slash_fair,
            } => {
                let lease_id = id_of(*lease, self.model.leases.len());
                lease_ids.push(lease_id);
                vec![msgs::resolve_dispute(
                    m,
                    lease_id,
                    *share_bps,
                    *slash_fair as u128 * FAIR,
                )]
            }
            Proposal::Guardian(g) => {
                guardian = g.map(|i| pick(&self.cast.voters, i));
                vec![msgs::gov_guardian(m, guardian.as_ref())]
            }
            Proposal::Migrate(n) => {
                let i = *n as usize % 3;
                let contract = [&m.escrow, &m.governance, &m.distributor][i];
                vec![msgs::migrate_same(contract, self.codes[i])]
            }
            Proposal::AllowFair { amount } => vec![msgs::allow_fair(m, proposer, *amount as u128)],
            Proposal::RetireCredit => vec![msgs::dist_retire_credit(m)],
            Proposal::PoolCurve {
                stakers,
                square_root,
            } => vec![msgs::dist_update_pool_to(
                m,
                pool_name(*stakers),
                None,
                Some(curve(*square_root)),
            )],
            Proposal::ProvidersSource(n) => vec![msgs::dist_update_pool_to(
                m,
                crate::market::PROVIDERS_POOL,
                Some(&self.providers_source(*n)),
                None,
            )],
            Proposal::StakersSource(b) => vec![msgs::dist_update_pool_to(
                m,
                crate::market::STAKERS_POOL,
                Some(&self.stakers_source(*b)),
                None,
            )],
            Proposal::RemovePool { stakers, detach } => {
                let mut v = vec![];
                if *detach && !*stakers {
                    v.push(msgs::dist_recipients(m, false));
                }
                v.push(msgs::dist_remove_pool_id(m, pool_name(*stakers)));
                v
            }
            Proposal::Recipients { providers } => vec![msgs::dist_recipients(m, *providers)],
            Proposal::ReaddProviders { square_root } => vec![
                msgs::dist_add_providers(m, curve(*square_root)),
                msgs::dist_recipients(m, true),
            ],
            Proposal::Attesters { add, remove } => {
                let a = |n: &Option<u8>| -> Vec<&Addr> {
                    n.iter()
                        .map(|i| &self.cast.attesters[*i as usize % 2])
                        .collect()
                };
                vec![msgs::registry_update_attesters(m, &a(add), &a(remove))]
            }
            Proposal::Subscriber { governance, add } => {
                let s = if *governance {
                    &m.governance
                } else {
                    &m.escrow
                };
                let (a, r): (Vec<&Addr>, Vec<&Addr>) = if *add {
                    (vec![s], vec![])
                } else {
                    (vec![], vec![s])
                };
                vec![msgs::registry_update_subscribers(m, &a, &r)]
            }
            Proposal::MaxAddresses(n) => vec![msgs::registry_max_addresses(m, *n)],
            Proposal::OwnerRevoke(k) => vec![msgs::revoke_link(m, &self.cast.linkable(*k))],
            Proposal::RegistryOwner => vec![msgs::registry_owner(m, &m.community)],
            Proposal::GovIdentity {
                registry,
                per_address,
            } => vec![msgs::gov_identity(m, *registry, *per_address)],
            Proposal::Repair => {
                let md = &self.model;
                let mut v = vec![];
                if md.esc.paused {
                    v.push(msgs::escrow_paused(m, false));
                }
                if !md.esc.credit_accepted {
                    v.push(msgs::escrow_accept_credit(m, true));
                }
                if !md.esc.collateral_hook {
                    v.push(msgs::escrow_collateral_hook(m, true));
                }
                if !md.dist_credit {
                    v.push(msgs::dist_accept_credit(m, true));
                }
                if !md.gov.hook {
                    v.push(msgs::gov_hooks(m, true));
                }
                if !md.gov_sources_stakers() {
                    // governance may be the providers pool's source by now:
                    // the escrow takes that back first (no source twice)
                    let providers = md.pools.get(crate::market::PROVIDERS_POOL);
                    if providers.is_some_and(|p| p.source == m.governance) {
                        v.push(msgs::dist_update_pool_to(
                            m,
                            crate::market::PROVIDERS_POOL,
                            Some(&m.escrow),
                            None,
                        ));
                    }
                    v.push(msgs::dist_update_pool_to(
                        m,
                        crate::market::STAKERS_POOL,
                        Some(&m.governance),
                        None,
                    ));
                }
                for (i, l) in md.leases.iter().enumerate() {
                    if l.dispute == super::state::Dispute::Open {
                        lease_ids.push(i as u64 + 1);
                        v.push(msgs::resolve_dispute(m, i as u64 + 1, 5_000, 0));
                    }
                }
                v
            }
        };
        (msgs, lease_ids, guardian)
    }

    /// The stakers pool's new source of `StakersSource(b)`.
    pub(super) fn stakers_source(&self, governance: bool) -> Addr {
        let m = &self.m;
        if governance {
            m.governance.clone()
        } else {
            m.identity.clone()
        }
    }

    /// The providers pool's new source of `ProvidersSource(n)`.
    pub(super) fn providers_source(&self, n: u8) -> Addr {
        let m = &self.m;
        [&m.escrow, &m.identity, &m.governance][n as usize % 3].clone()
    }

    /// What the model needs to read before the step (chain facts it does
    /// not decide: a proposal's status, a member's pending rewards).
    fn pre_query(&self, a: &Action, sender: &Addr) -> Pre {
        let q = self.m.app.wrap();
        match a {
            Action::CloseProposal { proposal } | Action::Execute { proposal } => {
                let id = id_of(*proposal, self.model.proposals.len());
                let status = q
                    .query_wasm_smart::<governance::ProposalResponse>(
                        &self.m.governance,
                        &msgs::q_proposal(id),
                    )
                    .ok()
                    .map(|p| p.status);
                let kind = self
                    .model
                    .proposals
                    .get(id as usize - 1)
                    .map(|p| &p.proposal);
                let books = match kind {
                    Some(Proposal::RetireCredit | Proposal::RemovePool { .. })
                        if matches!(a, Action::Execute { .. }) =>
                    {
                        Some(self.books())
                    }
                    _ => None,
                };
                Pre::Status(id, status, books)
            }
            Action::ClaimRewards { .. } => {
                let p: distributor::PendingResponse = q
                    .query_wasm_smart(&self.m.distributor, &msgs::q_pending(sender))
                    .unwrap();
                Pre::Pending(
                    p.pending
                        .iter()
                        .filter(|x| x.info == fairgrid::AssetInfo::native(CREDIT))
                        .map(|x| x.amount.u128())
                        .sum(),
                )
            }
            _ => Pre::None,
        }
    }
}

pub enum Pre {
    None,
    /// A proposal's id and status, and for a retirement or a pool removal
    /// the distributor's books before it runs.
    Status(u64, Option<governance::ProposalStatus>, Option<Books>),
    Pending(u128),
}

/// What the distributor owes, read before a retirement or a pool removal
/// runs (the model does not replay the pools' index arithmetic).
pub struct Books {
    /// The credit's reconciliation shows `owed` 0 and `carried` 0.
    pub credit_clear: bool,
    /// No pool keeps an index remainder in the credit (`carried_scaled` 0).
    pub no_remainder: bool,
    /// Every member's claim in the providers pool (whole units and
    /// sub-unit remainders, every asset) is zero, or the pool is gone.
    pub providers_claims_zero: bool,
}

impl Sim {
    fn books(&self) -> Books {
        let q = self.m.app.wrap();
        let rec: distributor::ReconciliationResponse = q
            .query_wasm_smart(&self.m.distributor, &msgs::q_reconciliation())
            .unwrap();
        let claims_zero = self.cast.everyone().iter().all(|a| {
            q.query_wasm_smart::<distributor::MemberResponse>(
                &self.m.distributor,
                &msgs::q_member(crate::market::PROVIDERS_POOL, a),
            )
            .map_or(true, |r| {
                r.pending
                    .iter()
                    .all(|p| p.amount.is_zero() && p.remainder_scaled.is_zero())
            })
        });
        Books {
            credit_clear: rec.owed.is_zero() && rec.carried.is_zero(),
            no_remainder: rec.carried_scaled.is_zero(),
            providers_claims_zero: claims_zero,
        }
    }
}

pub fn pool_name(stakers: bool) -> &'static str {
    if stakers {
        crate::market::STAKERS_POOL
    } else {
        crate::market::PROVIDERS_POOL
    }
}

pub fn curve(square_root: bool) -> fairgrid::curve::Curve {
    if square_root {
        fairgrid::curve::Curve::SquareRoot
    } else {
        fairgrid::curve::Curve::Linear
    }
}

/// The deposit refund policy the model numbers 0, 1, 2.
pub fn refund_policy(n: u8) -> governance::RefundPolicy {
    match n % 3 {
        1 => governance::RefundPolicy::Always,
        2 => governance::RefundPolicy::OnlyPassed,
        _ => governance::RefundPolicy::NotVetoed,
    }
}

/// Serializes any message to a Binary (for forged hooks).
mod erased {
    pub trait Ser {
        fn bin(&self) -> cosmwasm_std::Binary;
    }
    impl<T: serde::Serialize> Ser for T {
        fn bin(&self) -> cosmwasm_std::Binary {
            cosmwasm_std::to_json_binary(self).unwrap()
        }
    }
}

impl Default for Sim {
    fn default() -> Self {
        Self::new()
    }
}
