//! The model's side of an accepted step: what every balance and record
//! becomes, computed from the model's own records and integer formulas.

use cosmwasm_std::Addr;
use fairgrid::governance::ProposalStatus;

use super::action::{Action, Proposal};
use super::sim::{Pre, Sim};
use super::state::*;
use crate::market::{FAIR, PROVIDERS_POOL};
use fairgrid::governance::MIN_GUARDIAN_TIMELOCK;

fn idx(i: u8, count: usize) -> usize {
    super::sim::id_of(i, count) as usize - 1
}

impl Sim {
    pub(super) fn apply(&mut self, a: &Action, sender: &Addr, pre: Pre) -> Res<()> {
        let now = self.m.app.block_info().time.seconds();
        let height = self.m.app.block_info().height;
        let escrow = self.m.escrow.clone();
        let gov = self.m.governance.clone();
        let md = &mut self.model;
        match a {
            Action::Advance { .. } | Action::Enact { .. } => {}
            Action::Deposit { to, amount, .. } => {
                let to = if *to % 4 == 3 {
                    self.cast.sponsor.clone()
                } else {
                    self.cast.renters[*to as usize % self.cast.renters.len()].clone()
                };
                md.bank_sub(sender, *amount as u128)?;
                md.bank_add(&escrow, *amount as u128);
                md.credit_add(&to, A::Credit, *amount as u128);
            }
            Action::Withdraw { amount, fair, .. } => {
                let a = if *fair { A::Fair } else { A::Credit };
                let amount = (*amount as u128).min(md.credit(sender, a).max(1));
                md.credit_sub(sender, a, amount)?;
                if *fair {
                    md.fair_sub(&escrow, amount)?;
                    md.fair_add(sender, amount);
                } else {
                    md.bank_sub(&escrow, amount)?;
                    md.bank_add(sender, amount);
                }
            }
            Action::RegisterProvider { fair, .. } | Action::AddCollateral { fair, .. } => {
                let amount = *fair as u128 * FAIR;
                if matches!(a, Action::RegisterProvider { .. }) && md.providers.contains_key(sender)
                {
                    return Err("model: a second registration was accepted".into());
                }
                if matches!(a, Action::AddCollateral { .. }) && !md.providers.contains_key(sender) {
                    return Err("model: collateral added by a non-provider".into());
                }
                md.fair_sub(sender, amount)?;
                md.fair_add(&escrow, amount);
                let old = md.providers.get(sender).map_or(0, |p| p.collateral);
                md.set_collateral(sender, old + amount);
            }
            Action::RegisterNative { .. }
            | Action::AddCollateralNative { .. }
            | Action::UpdateProvider { .. } => {}
            Action::RequestWithdrawal { fair, .. } => {
                let amount = *fair as u128 * FAIR;
                let p = md
                    .providers
                    .get(sender)
                    .cloned()
                    .ok_or("model: not a provider")?;
                let live = md
                    .offers
                    .iter()
                    .any(|o| o.provider == *sender && (!o.closed || o.used > 0));
                if live || p.open_disputes > 0 {
                    return Err(
                        "model: withdrawal request accepted with live offers or disputes".into(),
                    );
                }
                md.set_collateral(sender, sub("collateral", p.collateral, amount)?);
                md.forfeit_if_unbonded(sender);
                let p = md.providers.get_mut(sender).unwrap();
                p.unbonding += amount;
                p.release = now + md.esc.unbonding_delay;
            }
            Action::WithdrawCollateral { .. } => {
                if md
                    .offers
                    .iter()
                    .any(|o| o.provider == *sender && (!o.closed || o.used > 0))
                {
                    return Err("model: collateral paid out with a live offer".into());
                }
                let p = md
                    .providers
                    .get_mut(sender)
                    .ok_or("model: not a provider")?;
                if now < p.release || p.unbonding == 0 || now < p.liable_until {
                    return Err(format!(
                        "model: collateral paid out before release {} or liability end {} (now {now})",
                        p.release, p.liable_until
                    ));
                }
                if p.open_disputes > 0 {
                    return Err("model: collateral paid out with a dispute open".into());
                }
                let amount = std::mem::take(&mut p.unbonding);
                p.release = 0;
                md.forfeit_if_unbonded(sender);
                md.fair_sub(&escrow, amount)?;
                md.fair_add(sender, amount);
            }
            Action::CreateOffer {
                price,
                min,
                max,
                slots,
                ..
            } => {
                md.offers.push(Offer {
                    provider: sender.clone(),
                    price: *price as u128,
                    min: *min,
                    max: *max,
                    slots: *slots as u32,
                    used: 0,
                    closed: false,
                    liable: 0,
                });
            }
            Action::UpdateOfferPrice { offer, price, .. } => {
                let i = idx(*offer, md.offers.len());
                md.offers[i].price = *price as u128;
            }
            Action::CloseOffer { offer, .. } => {
                let i = idx(*offer, md.offers.len());
                md.offers[i].closed = true;
                md.release_offer(i);
            }
            Action::OpenLease {
                offer,
                duration,
                attach,
                underbid,
                ..
            } => {
                if *underbid {
                    return Err("model: a lease opened below the offer's price".into());
                }
                let i = idx(*offer, md.offers.len());
                let res = md.open_lease(i, sender, now, *duration, None)?;
                if *attach {
                    md.bank_sub(sender, res)?;
                    md.bank_add(&escrow, res);
                } else {
                    md.credit_sub(sender, A::Credit, res)?;
                }
            }
            Action::Link {
                who,
                identity,
                expires_in,
                ..
            } => {
                let who = self.cast.linkable(*who);
                let expires = expires_in.map(|n| height + n as u64);
                if md.links.get(&who).is_some_and(|l| l.live_at(height)) {
                    return Err("model: an address with a live link linked again".into());
                }
                if !md.ids.attesters.contains(sender) {
                    return Err("model: a link by a non-attester was accepted".into());
                }
                let id = match identity {
                    Some(i) => super::sim::id_of(*i, (md.next_identity - 1) as usize),
                    None => {
                        md.next_identity += 1;
                        md.next_identity - 1
                    }
                };
                // an expired link still stored is replaced
                if md.links.contains_key(&who) {
                    md.drop_link(&who)?;
                }
                let n = md.identities.entry(id).or_default();
                if *n >= md.ids.max_addresses {
                    return Err("model: an identity grew past its bound".into());
                }
                *n += 1;
                md.links.insert(
                    who.clone(),
                    RegLink {
                        identity: id,
                        expires,
                        attester: sender.clone(),
                    },
                );
                md.gov_hears(&gov, &who, Some((id, expires)));
            }
            Action::Unlink { who, .. } | Action::Expire { who, .. } => {
                let who = self.cast.linkable(*who);
                let l = md.drop_link(&who)?;
                if matches!(a, Action::Expire { .. }) && l.expires.is_none_or(|e| e > height) {
                    return Err("model: a live link was expired".into());
                }
                md.gov_hears(&gov, &who, None);
            }
            Action::ReportExpiry { who, .. } => {
                let who = self.cast.linkable(*who);
                md.ids
                    .gov_links
                    .remove(&who)
                    .ok_or("model: governance removed a link it did not record")?;
            }
            Action::CreateGrant { g, limit, expiry } => {
                let grantee = {
                    let payers = self.cast.payers();
                    payers[*g as usize % payers.len()].clone()
                };
                md.grants.push(Grant {
                    sponsor: sender.clone(),
                    grantee,
                    limit: *limit as u128,
                    spent: 0,
                    expires: expiry.map_or(0, |e| now + e as u64),
                    revoked: false,
                });
            }
            Action::RevokeGrant { grant, .. } => {
                let i = idx(*grant, md.grants.len());
                let g = md.grants.get_mut(i).ok_or("model: no such grant")?;
                if g.revoked || g.sponsor != *sender {
                    return Err("model: a grant revoked twice or by another".into());
                }
                g.revoked = true;
            }
            Action::OpenLeaseFromGrant {
                grant,
                offer,
                duration,
                attach,
                ..
            } => {
                if *attach {
                    return Err("model: a grant lease accepted attached funds".into());
                }
                let gi = idx(*grant, md.grants.len());
                let i = idx(*offer, md.offers.len());
                let res = md.open_lease(i, sender, now, *duration, Some(gi))?;
                let g = md.grants.get_mut(gi).ok_or("model: no such grant")?;
                if g.grantee != *sender || !g.can_draw(now, res) {
                    return Err("model: a grant paid beyond its grantee, limit or life".into());
                }
                g.spent += res;
                let sponsor = g.sponsor.clone();
                md.credit_sub(&sponsor, A::Credit, res)?;
            }
            Action::ExtendLease {
                lease,
                extra,
                attach,
                underbid,
                ..
            } => {
                if *underbid {
                    return Err("model: a lease extended below its price".into());
                }
                let i = idx(*lease, md.leases.len());
                let l = md.leases.get_mut(i).ok_or("model: no such lease")?;
                if l.dispute != Dispute::None || l.settled || now >= l.end {
                    return Err("model: extended a disputed, settled or ended lease".into());
                }
                let duration = l.end - l.start + extra;
                let res = reservation(l.price, duration);
                let due = sub("extension", res, l.reservation)?;
                l.end = l.start + duration;
                l.reservation = res;
                let (offer, covers) = (l.offer, l.end + l.delay);
                let o = &mut md.offers[offer];
                if o.closed || duration > o.max {
                    return Err(
                        "model: extended a lease of a closed offer or beyond its maximum".into(),
                    );
                }
                o.liable = o.liable.max(covers);
                let grant = md.leases[i].grant;
                match grant {
                    Some(_) if *attach => {
                        return Err("model: a grant lease extended with attached funds".into())
                    }
                    Some(gi) => {
                        let g = &mut md.grants[gi];
                        if !g.can_draw(now, due) {
                            return Err("model: a grant extension beyond its limit or life".into());
                        }
                        g.spent += due;
                        let sponsor = g.sponsor.clone();
                        md.credit_sub(&sponsor, A::Credit, due)?;
                    }
                    None if *attach => {
                        md.bank_sub(sender, due)?;
                        md.bank_add(&escrow, due);
                    }
                    None => md.credit_sub(sender, A::Credit, due)?,
                }
            }
            Action::CloseLease { lease, .. } => {
                let i = idx(*lease, md.leases.len());
                let l = md.leases.get_mut(i).ok_or("model: no such lease")?;
                if l.settled {
                    return Err("model: a settled lease was closed again".into());
                }
                l.end = l.end.min(now);
                md.settle_lease(i)?;
            }
            Action::Settle { leases } => {
                // settled and running leases are skipped; a batch that
                // settles nothing is refused
                let mut settled = 0;
                for l in leases {
                    let i = idx(*l, md.leases.len());
                    if md.leases[i].settled || now < md.leases[i].end {
                        continue;
                    }
                    md.settle_lease(i)?;
                    settled += 1;
                }
                if settled == 0 {
                    return Err("model: a settle batch that settles nothing was accepted".into());
                }
            }
            Action::ClaimEarnings { leases, .. } => {
                let (mut net, mut fee, mut served, mut any) = (0, 0, (0u64, 0u64), false);
                for l in leases {
                    let i = idx(*l, md.leases.len());
                    if md.leases[i].provider != *sender {
                        return Err("model: a claim on another's lease passed".into());
                    }
                    // disputed and resolved leases are skipped (claim_lease: 0)
                    let (g, f, n) = md.claim_lease(i, now);
                    let l = &md.leases[i];
                    // the claim paying a lease's last unit counts it served
                    if g > 0 && l.claimed == accrued(l.price, l.start, l.end, l.end) {
                        served.0 += 1;
                        served.1 += l.end - l.start;
                    }
                    any |= g > 0;
                    md.bank_sub(&escrow, n)?;
                    net += n;
                    fee += f;
                }
                if any {
                    let p = md
                        .providers
                        .get_mut(sender)
                        .ok_or("model: not a provider")?;
                    p.served += served.0;
                    p.seconds += served.1;
                    p.earned += net;
                    md.add_service_fee(sender, fee);
                }
                md.bank_add(sender, net);
                // the fee stays in the escrow, owed to the collector
                md.fees_owed += fee;
            }
            Action::OpenDispute { lease, .. } => {
                let i = idx(*lease, md.leases.len());
                let l = &mut md.leases[i];
                if l.dispute != Dispute::None || now >= l.end + l.delay {
                    return Err("model: dispute accepted outside its window or twice".into());
                }
                if l.renter != *sender {
                    return Err("model: a dispute opened by another than the renter".into());
                }
                l.dispute = Dispute::Open;
                let bond = (l.reservation * md.esc.dispute_bond).div_ceil(BPS);
                l.bond = bond;
                let p = l.provider.clone();
                let pr = md.providers.get_mut(&p).unwrap();
                pr.open_disputes += 1;
                pr.raised += 1;
                md.credit_sub(sender, A::Credit, bond)?;
            }
            Action::ResyncCollateral { p, .. } => {
                // the pool hears the service weight again (stale or not)
                let p = &self.cast.providers[*p as usize % self.cast.providers.len()];
                let c = md
                    .providers
                    .get(p)
                    .ok_or("model: resync of a non-provider")?;
                let w = c.weight;
                md.report(PROVIDERS_POOL, p, w);
            }
            Action::ForwardFees { assets, .. } => match assets % 5 {
                0 | 1 => {
                    let owed = std::mem::take(&mut md.fees_owed);
                    md.bank_sub(&escrow, owed)?;
                    md.fees += owed;
                }
                2 => {}
                _ => return Err("model: fees forwarded with a bad asset list".into()),
            },
            Action::Stake { amount, .. } => {
                md.fair_sub(sender, *amount as u128)?;
                md.fair_add(&gov, *amount as u128);
                let s = md.stake(sender) + *amount as u128;
                md.set_stake(sender, s);
            }
            Action::Unstake { amount, .. } => {
                let amount = (*amount as u128).min(md.stake(sender).max(1));
                let s = sub("stake", md.stake(sender), amount)?;
                md.set_stake(sender, s);
                md.claims
                    .entry(sender.clone())
                    .or_default()
                    .push((amount, now + md.gov.unbonding));
            }
            Action::ClaimStake { .. } => {
                let amount = md.matured(sender, now);
                if let Some(c) = md.claims.get_mut(sender) {
                    c.retain(|(_, r)| *r > now);
                    if c.is_empty() {
                        md.claims.remove(sender);
                    }
                }
                md.fair_sub(&gov, amount)?;
                md.fair_add(sender, amount);
            }
            Action::GovResync { k, .. } => {
                // the pool hears the staker's current weight (stale or not)
                let k = self.cast.voter(*k);
                let w = pool_weight(md.stake(&k));
                let pool = md
                    .gov_pool()
                    .ok_or("model: a resync no pool hears succeeded")?;
                md.report(pool, &k, w);
            }
            Action::DonateFair { amount, .. } => {
                md.fair_sub(sender, *amount as u128)?;
                md.fair_add(&gov, *amount as u128);
                md.gov_surplus += *amount as u128;
            }
            Action::Propose {
                proposal,
                extra_deposit,
                ..
            } => {
                let deposit = (md.gov.min_deposit + *extra_deposit as u128 * FAIR).max(1);
                let (_, lease_ids, guardian) = {
                    let md_ro: &Sim = self;
                    md_ro.proposal_msgs_pub(proposal, sender)
                };
                let md = &mut self.model;
                md.fair_sub(sender, deposit)?;
                md.fair_add(&gov, deposit);
                md.deposits += deposit;
                md.proposals.push(Prop {
                    proposer: sender.clone(),
                    deposit,
                    proposal: proposal.clone(),
                    lease_ids,
                    guardian,
                    settled: false,
                    refund: md.gov.refund,
                    start_height: height,
                    voting_end: now + md.gov.voting_period,
                });
                // custody (migrate governance, FAIR other than transfer)
                // waits max(timelock, unbonding)
                let custody = matches!(proposal, Proposal::AllowFair { .. })
                    || matches!(proposal, Proposal::Migrate(n) if n % 3 == 1);
                let g = &md.gov;
                let timelock = if custody {
                    g.timelock.max(g.unbonding)
                } else {
                    g.timelock
                };
                let expect = (
                    custody,
                    now + g.voting_period,
                    now + g.voting_period + timelock,
                    now + g.voting_period + timelock + g.window,
                );
                let id = md.proposals.len() as u64;
                let r: fairgrid::governance::ProposalResponse = self
                    .m
                    .app
                    .wrap()
                    .query_wasm_smart(&self.m.governance, &super::msgs::q_proposal(id))
                    .map_err(|e| format!("proposal query: {e}"))?;
                let got = (r.class.custody, r.voting_end, r.executable_at, r.expires_at);
                if got != expect {
                    return Err(format!(
                        "proposal {id} (custody, voting_end, executable_at, expires_at): chain {got:?} != model {expect:?}"
                    ));
                }
            }
            Action::Vote { .. } => {}
            Action::Execute { .. } => {
                let Pre::Status(id, _, books) = pre else {
                    unreachable!()
                };
                let i = id as usize - 1;
                // executing refunds the deposit whatever the policy
                self.release_deposit(i, false)?;
                let status = self.status(id);
                let p = &self.model.proposals[i];
                let kind = format!("{:?}", p.proposal);
                let kind = kind.split([' ', '{', '(']).next().unwrap_or("").to_string();
                let executed = status == ProposalStatus::Executed;
                if let Some(ok) = self.predict(&p.proposal, books.as_ref()) {
                    if ok != executed {
                        return Err(format!(
                            "model: proposal {id} ({:?}) ended {status:?}, the model predicted {}",
                            p.proposal,
                            if ok { "Executed" } else { "ExecutionFailed" }
                        ));
                    }
                }
                let tag = if executed { "executed" } else { "failed" };
                *self.accepted.entry(format!("{tag} {kind}")).or_default() += 1;
                match status {
                    ProposalStatus::Executed => {
                        let p = self.model.proposals[i].clone();
                        if matches!(p.proposal, Proposal::AllowFair { .. }) {
                            return Err(
                                "model: a proposal left a FAIR allowance outstanding and executed"
                                    .into(),
                            );
                        }
                        self.apply_proposal(&p, now)?;
                    }
                    ProposalStatus::ExecutionFailed => {}
                    s => return Err(format!("model: proposal {id} executed, status {s:?}")),
                }
            }
            Action::CloseProposal { .. } => {
                let Pre::Status(id, status, _) = pre else {
                    unreachable!()
                };
                let i = id as usize - 1;
                let status = status.ok_or("model: closed a proposal that does not exist")?;
                let vetoed = status == ProposalStatus::Vetoed;
                let passed = matches!(
                    status,
                    ProposalStatus::Executed
                        | ProposalStatus::ExecutionFailed
                        | ProposalStatus::Expired
                );
                let refund = match md.proposals[i].refund % 3 {
                    1 => true,
                    2 => passed,
                    _ => !vetoed,
                };
                self.release_deposit(i, !refund)?;
            }
            Action::GuardianVeto { proposal, .. } => {
                let i = idx(*proposal, md.proposals.len());
                // vetoed: refunded only under the `always` policy
                let refund = md.proposals[i].refund % 3 == 1;
                self.release_deposit(i, !refund)?;
            }
            Action::FeeDeposit { amount, .. } => {
                md.bank_sub(sender, *amount as u128)?;
                md.fees += *amount as u128;
            }
            Action::ClaimRewards { .. } => {
                let Pre::Pending(amount) = pre else {
                    unreachable!()
                };
                md.bank_add(sender, amount);
            }
            Action::Hostile { .. } => return Err("model: a hostile call was accepted".into()),
        }
        Ok(())
    }

    fn status(&self, id: u64) -> ProposalStatus {
        self.m
            .app
            .wrap()
            .query_wasm_smart::<fairgrid::governance::ProposalResponse>(
                &self.m.governance,
                &super::msgs::q_proposal(id),
            )
            .unwrap()
            .status
    }

    /// The deposit of proposal `i` leaves governance: to the treasury
    /// (community pool) if not refunded, else back to the proposer.
    fn release_deposit(&mut self, i: usize, to_treasury: bool) -> Res<()> {
        let gov = self.m.governance.clone();
        let to = if to_treasury {
            self.m.community.clone()
        } else {
            self.model.proposals[i].proposer.clone()
        };
        let md = &mut self.model;
        let p = &mut md.proposals[i];
        if p.settled {
            return Err(format!(
                "model: deposit of proposal {} settled twice",
                i + 1
            ));
        }
        p.settled = true;
        let d = p.deposit;
        md.deposits = sub("deposits", md.deposits, d)?;
        md.fair_sub(&gov, d)?;
        md.fair_add(&to, d);
        Ok(())
    }

    /// The effects of an executed proposal (every message succeeded).
    fn apply_proposal(&mut self, p: &Prop, now: u64) -> Res<()> {
        let gov = self.m.governance.clone();
        let md = &mut self.model;
        #[allow(clippy::match_single_binding)]
        match &p.proposal {
            Proposal::Nothing | Proposal::Migrate(_) | Proposal::AllowFair { .. } => {}
            Proposal::SpendCredits { .. } => {}
            Proposal::EscrowConfig {
                fee_bps,
                settlement_delay,
                min_collateral_fair,
                unbonding_delay,
                dispute_bond_bps,
            } => {
                if unbonding_delay < settlement_delay || *dispute_bond_bps > 5_000 {
                    return Err(
                        "model: escrow accepted unbonding < settlement delay or a bond over 50 %"
                            .into(),
                    );
                }
                md.esc.dispute_bond = *dispute_bond_bps as u128;
                md.esc.fee_bps = *fee_bps as u128;
                md.esc.settlement_delay = *settlement_delay;
                md.esc.min_collateral = *min_collateral_fair as u128 * FAIR;
                md.esc.unbonding_delay = *unbonding_delay;
            }
            Proposal::EscrowPaused(b) => md.esc.paused = *b,
            Proposal::EscrowAcceptCredit(b) => md.esc.credit_accepted = *b,
            Proposal::DistributorAcceptCredit(b) => {
                md.dist_credit = *b;
                // accepting a retired asset again takes back its slot
                md.credit_retired &= !*b;
            }
            Proposal::RetireCredit => {
                md.dist_credit = false;
                md.credit_retired = true;
                // the asset's totals restart
                md.fees = 0;
            }
            Proposal::PoolCurve {
                stakers,
                square_root,
            } => {
                let pool = md
                    .pools
                    .get_mut(super::sim::pool_name(*stakers))
                    .ok_or("model: a missing pool's curve changed")?;
                pool.curve = super::sim::curve(*square_root);
            }
            Proposal::StakersSource(b) => {
                let source = self.stakers_source(*b);
                let md = &mut self.model;
                md.pools
                    .get_mut(crate::market::STAKERS_POOL)
                    .ok_or("model: a missing pool's source changed")?
                    .source = source;
            }
            Proposal::ProvidersSource(n) => {
                let source = self.providers_source(*n);
                let md = &mut self.model;
                let pool = md
                    .pools
                    .get_mut(PROVIDERS_POOL)
                    .ok_or("model: a missing pool's source changed")?;
                pool.source = source;
            }
            Proposal::RemovePool { stakers, detach } => {
                if *stakers {
                    return Err("model: a pool named by the recipients was removed".into());
                }
                if *detach {
                    md.recipients_providers = false;
                }
                md.pools.remove(PROVIDERS_POOL);
                // a pool added later takes a new slot: no member carries over
                md.pool_providers.clear();
            }
            Proposal::Recipients { providers } => md.recipients_providers = *providers,
            Proposal::ReaddProviders { square_root } => {
                md.pools.insert(
                    PROVIDERS_POOL.to_string(),
                    PoolM {
                        source: self.m.escrow.clone(),
                        curve: super::sim::curve(*square_root),
                    },
                );
                md.recipients_providers = true;
            }
            Proposal::Attesters { add, remove } => {
                let a = |n: &u8| self.cast.attesters[*n as usize % 2].clone();
                if let Some(r) = remove {
                    md.ids.attesters.remove(&a(r));
                }
                if let Some(x) = add {
                    md.ids.attesters.insert(a(x));
                }
            }
            Proposal::Subscriber { governance, add } => {
                let s = if *governance {
                    self.m.governance.clone()
                } else {
                    self.m.escrow.clone()
                };
                if *add {
                    md.ids.subscribers.insert(s);
                } else {
                    md.ids.subscribers.remove(&s);
                }
            }
            Proposal::MaxAddresses(n) => md.ids.max_addresses = *n,
            Proposal::RegistryOwner => md.ids.owner_gov = false,
            Proposal::OwnerRevoke(k) => {
                let who = self.cast.linkable(*k);
                md.drop_link(&who)?;
                md.gov_hears(&gov, &who, None);
            }
            Proposal::GovIdentity {
                registry,
                per_address,
            } => {
                md.ids.gov_registry = *registry;
                let h = self.m.app.block_info().height;
                md.ids.policy.push((h, *per_address));
            }
            Proposal::StakeHook(b) => md.gov.hook = *b,
            Proposal::CollateralHook(b) => md.esc.collateral_hook = *b,
            Proposal::GovParams {
                voting_period,
                timelock,
                window,
                min_deposit_fair,
                unbonding,
                refund,
                ..
            } => {
                if md.gov.guardian.is_some() && *timelock < MIN_GUARDIAN_TIMELOCK {
                    return Err("model: timelock under the guardian floor accepted".into());
                }
                md.gov.refund = refund % 3;
                md.gov.voting_period = *voting_period;
                md.gov.timelock = *timelock;
                md.gov.window = *window;
                md.gov.min_deposit = *min_deposit_fair as u128 * FAIR;
                md.gov.unbonding = *unbonding;
            }
            Proposal::SpendFair { amount } => {
                let amount = *amount as u128;
                md.gov_surplus = sub("governance surplus FAIR spent", md.gov_surplus, amount)?;
                md.fair_sub(&gov, amount)?;
                md.fair_add(&p.proposer, amount);
            }
            Proposal::Guardian(_) => {
                if p.guardian.is_some() && md.gov.timelock < MIN_GUARDIAN_TIMELOCK {
                    return Err("model: guardian set with a timelock under the floor".into());
                }
                md.gov.guardian = p.guardian.clone()
            }
            Proposal::ResolveDispute {
                share_bps,
                slash_fair,
                ..
            } => {
                let slash = *slash_fair as u128 * FAIR;
                self.resolve(p.lease_ids[0], *share_bps as u128, slash, now)?;
            }
            Proposal::Repair => {
                let md = &mut self.model;
                md.esc.paused = false;
                md.esc.credit_accepted = true;
                md.esc.collateral_hook = true;
                md.dist_credit = true;
                md.credit_retired = false;
                md.gov.hook = true;
                if !md.gov_sources_stakers() {
                    let (gov, escrow) = (self.m.governance.clone(), self.m.escrow.clone());
                    if let Some(pool) = self.model.pools.get_mut(PROVIDERS_POOL) {
                        if pool.source == gov {
                            pool.source = escrow;
                        }
                    }
                    if let Some(pool) = self.model.pools.get_mut(crate::market::STAKERS_POOL) {
                        pool.source = gov;
                    }
                }
                for id in &p.lease_ids {
                    self.resolve(*id, 5_000, 0, now)?;
                }
            }
        }
        Ok(())
    }

    /// Whether proposal `p`, executed now, must end `executed` (`Some(true)`)
    /// or `execution_failed` (`Some(false)`); `None`: not predicted (the
    /// older kinds, checked by their effects, and a pool removal the books
    /// read before it cannot decide: no member owed, but some pool keeps an
    /// index remainder).
    fn predict(&self, p: &Proposal, books: Option<&super::sim::Books>) -> Option<bool> {
        let md = &self.model;
        let m = &self.m;
        Some(match p {
            Proposal::RetireCredit => !md.credit_retired && books?.credit_clear,
            Proposal::PoolCurve {
                stakers,
                square_root,
            } => md
                .pools
                .get(super::sim::pool_name(*stakers))
                .is_some_and(|x| x.curve != super::sim::curve(*square_root)),
            Proposal::StakersSource(b) => {
                let to = self.stakers_source(*b);
                md.pools
                    .get(crate::market::STAKERS_POOL)
                    .is_some_and(|x| x.source != to)
                    && md.pools.values().all(|x| x.source != to)
            }
            Proposal::ProvidersSource(n) => {
                let to = self.providers_source(*n);
                md.pools.get(PROVIDERS_POOL).is_some_and(|x| x.source != to)
                    && md.pools.values().all(|x| x.source != to)
            }
            Proposal::RemovePool { stakers: true, .. } => false,
            Proposal::RemovePool { detach, .. } => {
                let b = books?;
                if !md.pools.contains_key(PROVIDERS_POOL)
                    || (md.recipients_providers && !detach)
                    || !b.providers_claims_zero
                {
                    false
                } else if b.no_remainder {
                    true
                } else {
                    return None;
                }
            }
            Proposal::Recipients { providers } => {
                !providers || md.pools.contains_key(PROVIDERS_POOL)
            }
            Proposal::ReaddProviders { .. } => !md.pools.contains_key(PROVIDERS_POOL),
            Proposal::Attesters { .. }
            | Proposal::Subscriber { .. }
            | Proposal::MaxAddresses(_)
            | Proposal::OwnerRevoke(_)
            | Proposal::RegistryOwner
                if !md.ids.owner_gov =>
            {
                false
            }
            Proposal::RegistryOwner => true,
            Proposal::Attesters { add, remove } => {
                let mut set = md.ids.attesters.clone();
                let a = |n: &u8| self.cast.attesters[*n as usize % 2].clone();
                remove.is_none_or(|r| set.remove(&a(&r))) && add.is_none_or(|x| set.insert(a(&x)))
            }
            Proposal::Subscriber { governance, add } => {
                let s = if *governance {
                    &m.governance
                } else {
                    &m.escrow
                };
                md.ids.subscribers.contains(s) != *add
            }
            Proposal::MaxAddresses(n) => (1..=10_000).contains(n),
            Proposal::OwnerRevoke(k) => {
                md.links.contains_key(&self.cast.linkable(*k))
                    && md.registry_hooks_ok(&m.governance)
            }
            Proposal::GovIdentity { .. } => true,
            _ => return None,
        })
    }

    /// The arbiter's resolution of the dispute on lease `id`.
    fn resolve(&mut self, id: u64, share_bps: u128, slash: u128, now: u64) -> Res<()> {
        let escrow = self.m.escrow.clone();
        let md = &mut self.model;
        let i = id as usize - 1;
        if md.leases[i].dispute != Dispute::Open {
            return Err("model: resolved a lease without an open dispute".into());
        }
        if !md.leases[i].settled {
            md.leases[i].end = md.leases[i].end.min(now);
            md.settle_lease(i)?;
        }
        let l = &mut md.leases[i];
        let acc = accrued(l.price, l.start, l.end, l.end);
        let unclaimed = sub("unclaimed", acc, l.claimed)?;
        let to_provider = unclaimed * share_bps / BPS;
        let to_renter = unclaimed - to_provider;
        let fee = fee(l.claimed + to_provider, l.fee_bps) - fee(l.claimed, l.fee_bps);
        l.claimed += to_provider;
        l.dispute = Dispute::Resolved;
        let bond = std::mem::take(&mut l.bond);
        let seconds = l.end - l.start;
        let (renter, provider) = (l.renter.clone(), l.provider.clone());
        // the renter's side and the slash go to whoever paid: the renter,
        // or the sponsor of the lease's grant
        let payer = md.refund(i, to_renter)?;
        // the bond returns to the renter if the ruling gives it anything
        let bond_to = if to_renter > 0 || slash > 0 {
            &renter
        } else {
            &provider
        };
        md.credit_add(bond_to, A::Credit, bond);
        // the fee stays in the escrow, owed to the collector
        md.bank_sub(&escrow, to_provider - fee)?;
        md.bank_add(&provider, to_provider - fee);
        md.fees_owed += fee;
        let pr = md.providers.get(&provider).cloned().unwrap();
        let from_bonded = slash.min(pr.collateral);
        md.set_collateral(&provider, pr.collateral - from_bonded);
        let pr = md.providers.get_mut(&provider).unwrap();
        pr.unbonding = sub("unbonding slash", pr.unbonding, slash - from_bonded)?;
        pr.open_disputes -= 1;
        pr.served += 1;
        pr.seconds += seconds;
        pr.earned += to_provider - fee;
        pr.lost += u32::from(to_renter > 0 || slash > 0);
        pr.slashed += slash;
        // the fee earns weight; a slash that empties the bond forfeits it
        md.add_service_fee(&provider, fee);
        md.forfeit_if_unbonded(&provider);
        md.credit_add(&payer, A::Fair, slash);
        Ok(())
    }

    pub(super) fn proposal_msgs_pub(
        &self,
        p: &Proposal,
        proposer: &Addr,
    ) -> (Vec<cosmwasm_std::CosmosMsg>, Vec<u64>, Option<Addr>) {
        self.proposal_msgs(p, proposer)
    }
}
