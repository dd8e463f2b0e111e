//! The reference model: plain maps and integer formulas, no contract code.
//! It predicts every balance and owed amount the market should show.

use std::collections::{BTreeMap, BTreeSet};

use cosmwasm_std::Addr;
use fairgrid::curve::Curve;

use super::action::Proposal;

/// Escrow credit assets the model knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum A {
    Credit,
    Fair,
}

#[derive(Clone, Debug, Default)]
pub struct Provider {
    pub collateral: u128,
    pub unbonding: u128,
    pub release: u64,
    pub open_disputes: u32,
    /// Latest `end + settlement delay` of the leases of released offers.
    pub liable_until: u64,
    /// Track record: leases fully paid out and their seconds, net earned
    /// (credit), disputes raised and lost, collateral slashed.
    pub served: u64,
    pub seconds: u64,
    pub earned: u128,
    pub raised: u32,
    pub lost: u32,
    pub slashed: u128,
    /// Service weight: protocol fees (credit) paid on its leases since its
    /// bonded collateral last reached zero; what the providers pool weighs.
    pub weight: u128,
}

#[derive(Clone, Debug)]
pub struct Offer {
    pub provider: Addr,
    pub price: u128,
    pub min: u64,
    pub max: u64,
    pub slots: u32,
    pub used: u32,
    pub closed: bool,
    /// Latest scheduled `end + settlement delay` of its leases.
    pub liable: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dispute {
    None,
    Open,
    Resolved,
}

#[derive(Clone, Debug)]
pub struct Lease {
    pub offer: usize,
    pub renter: Addr,
    pub provider: Addr,
    pub price: u128,
    pub fee_bps: u128,
    pub delay: u64,
    pub start: u64,
    pub end: u64,
    pub reservation: u128,
    pub claimed: u128,
    pub settled: bool,
    pub dispute: Dispute,
    /// Dispute bond the renter posted (held while the dispute is open).
    pub bond: u128,
    /// The sponsor grant paying the lease (index into `Model::grants`).
    pub grant: Option<usize>,
}

/// A sponsor grant: the grantee's leases take up to `limit` credits from
/// the sponsor's free credits; refunds return to the sponsor and lower
/// `spent`.
#[derive(Clone, Debug)]
pub struct Grant {
    pub sponsor: Addr,
    pub grantee: Addr,
    pub limit: u128,
    pub spent: u128,
    /// Unix seconds from which it no longer pays; 0 = never.
    pub expires: u64,
    pub revoked: bool,
}

impl Grant {
    /// Whether `due` more can be drawn at `now`.
    pub fn can_draw(&self, now: u64, due: u128) -> bool {
        !self.revoked && (self.expires == 0 || now < self.expires) && self.spent + due <= self.limit
    }
}

#[derive(Clone, Debug)]
pub struct Prop {
    pub proposer: Addr,
    pub deposit: u128,
    pub proposal: Proposal,
    /// Leases a `ResolveDispute`/`Repair` resolves; the `Guardian` address.
    pub lease_ids: Vec<u64>,
    pub guardian: Option<Addr>,
    pub settled: bool,
    /// Refund policy copied at creation (0 not vetoed, 1 always, 2 only passed).
    pub refund: u8,
    pub start_height: u64,
    pub voting_end: u64,
}

#[derive(Clone, Debug)]
pub struct EscrowCfg {
    pub fee_bps: u128,
    pub settlement_delay: u64,
    pub min_collateral: u128,
    pub unbonding_delay: u64,
    /// Dispute bond, bps of the reservation.
    pub dispute_bond: u128,
    pub paused: bool,
    pub credit_accepted: bool,
    pub collateral_hook: bool,
    /// The escrow's address (the providers pool's deployed source).
    pub escrow: Addr,
}

#[derive(Clone, Debug)]
pub struct GovCfg {
    /// Governance's address: the pool whose source it is hears its changes.
    pub address: Addr,
    pub hook: bool,
    pub voting_period: u64,
    pub timelock: u64,
    pub window: u64,
    pub min_deposit: u128,
    pub unbonding: u64,
    pub guardian: Option<Addr>,
    /// Deposit refund policy for new proposals (see `Prop::refund`).
    pub refund: u8,
}

/// A link as the registry stores it (an expired one stays until `expire`,
/// a revoke, a leave or a new link replaces it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegLink {
    pub identity: u64,
    /// Live below this height.
    pub expires: Option<u64>,
    pub attester: Addr,
}

impl RegLink {
    pub fn live_at(&self, height: u64) -> bool {
        self.expires.is_none_or(|e| height < e)
    }
}

/// A distributor pool as the model knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolM {
    pub source: Addr,
    pub curve: Curve,
}

/// The identity side of the market: the registry's records and
/// governance's own copy of the links it was told of.
#[derive(Clone, Debug)]
pub struct Ids {
    /// Registry: attesters, subscribers (governance, and the escrow, which
    /// refuses the hook), the per-identity bound.
    pub attesters: BTreeSet<Addr>,
    pub subscribers: BTreeSet<Addr>,
    pub max_addresses: u32,
    /// Governance owns the registry (until a proposal hands it away).
    pub owner_gov: bool,
    /// Governance: whether it accepts the registry's hooks (its registry is
    /// set), and its policy for stake without identity, with the heights it
    /// changed at (`(height, per_address)`, the first from deployment).
    pub gov_registry: bool,
    pub policy: Vec<(u64, bool)>,
    /// Governance's record of each address's link: identity and expiry.
    pub gov_links: BTreeMap<Addr, (u64, Option<u64>)>,
}

impl Ids {
    /// Whether stake without identity counts `per_address` as read at the
    /// start of block `h` (changes at `h` are seen from `h + 1`), or now.
    pub fn per_address_at(&self, h: Option<u64>) -> bool {
        match h {
            None => self.policy.last().is_some_and(|p| p.1),
            Some(h) => self
                .policy
                .iter()
                .rev()
                .find(|(at, _)| *at < h)
                .or(self.policy.first())
                .is_some_and(|p| p.1),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Model {
    /// Bank balances of the credit denom (actors and the escrow).
    pub bank: BTreeMap<Addr, u128>,
    /// FAIR balances (actors, escrow, governance, community).
    pub fair: BTreeMap<Addr, u128>,
    /// Escrow credits by account and asset.
    pub credits: BTreeMap<(Addr, A), u128>,
    pub providers: BTreeMap<Addr, Provider>,
    pub offers: Vec<Offer>,
    pub leases: Vec<Lease>,
    pub grants: Vec<Grant>,
    /// Identity registry: each linked address's identity, each identity's
    /// address count (absent once it has none), the next new identity's id.
    pub links: BTreeMap<Addr, RegLink>,
    pub identities: BTreeMap<u64, u32>,
    pub next_identity: u64,
    pub ids: Ids,
    pub esc: EscrowCfg,
    pub stakes: BTreeMap<Addr, u128>,
    pub claims: BTreeMap<Addr, Vec<(u128, u64)>>,
    pub deposits: u128,
    /// FAIR given to governance outside stakes and deposits (spendable).
    pub gov_surplus: u128,
    pub proposals: Vec<Prop>,
    pub gov: GovCfg,
    pub dist_credit: bool,
    /// The credit's asset slot was retired (owed nothing); accepting the
    /// credit again takes it back.
    pub credit_retired: bool,
    /// The distributor's pools by id (`stakers`, `providers`) and whether
    /// the recipient set names the providers pool (else its share goes to
    /// the stakers).
    pub pools: BTreeMap<String, PoolM>,
    pub recipients_providers: bool,
    /// Curved weights as last stored by the distributor's pools (the pool's
    /// curve at the time of the report).
    pub pool_stakers: BTreeMap<Addr, u128>,
    pub pool_providers: BTreeMap<Addr, u128>,
    /// Fees the distributor has received (credit denom).
    pub fees: u128,
    /// Protocol fees the escrow owes the collector, not forwarded yet.
    pub fees_owed: u128,
    /// All credits in existence (bank supply of the denom).
    pub total_credits: u128,
}

pub const BPS: u128 = 10_000;
pub const MIN_STAKE: u128 = 1_000_000;

pub fn reservation(price: u128, duration: u64) -> u128 {
    (price * duration as u128).div_ceil(3_600)
}

pub fn accrued(price: u128, start: u64, end: u64, t: u64) -> u128 {
    price * (t.min(end).saturating_sub(start)) as u128 / 3_600
}

pub fn fee(gross: u128, bps: u128) -> u128 {
    (gross * bps).div_ceil(BPS)
}

/// What governance reports to the stakers pool: 0 below `MIN_STAKE`.
pub fn pool_weight(stake: u128) -> u128 {
    if stake < MIN_STAKE {
        0
    } else {
        stake
    }
}

/// Voting power of a stake held without identity, as the market deploys
/// governance (`linear_share` under the square root): `stake / (2 ×
/// ceil(sqrt(total)))`, 0 below `MIN_STAKE`. The model's accounts have no
/// identity.
pub fn power(stake: u128, total: u128) -> u128 {
    if stake < MIN_STAKE {
        0
    } else {
        stake / share_divisor(total)
    }
}

/// Voting power of an identity holding `stake` in all: `floor(sqrt(stake))`,
/// 0 below `MIN_STAKE`.
pub fn identity_power(stake: u128) -> u128 {
    if stake < MIN_STAKE {
        0
    } else {
        stake.isqrt()
    }
}

/// `2 × ceil(sqrt(total))`, at least 1.
pub fn share_divisor(total: u128) -> u128 {
    let mut c = total.isqrt();
    if c * c < total {
        c += 1;
    }
    (2 * c).max(1)
}

/// Total power with no identity: `floor(Σ stake / (2 × ceil(sqrt(Σ stake))))`
/// (at least the sum of the per-account floors).
pub fn total_power(total: u128) -> u128 {
    total / share_divisor(total)
}

/// A model operation that cannot happen: the chain accepted what the model
/// says it could not have.
pub type Res<T> = Result<T, String>;

pub fn sub(what: &str, a: u128, b: u128) -> Res<u128> {
    a.checked_sub(b).ok_or_else(|| {
        format!("model: {what}: {a} - {b} underflows (chain accepted an impossible step)")
    })
}

impl Model {
    pub fn bank_add(&mut self, who: &Addr, amount: u128) {
        *self.bank.entry(who.clone()).or_default() += amount;
    }
    pub fn bank_sub(&mut self, who: &Addr, amount: u128) -> Res<()> {
        let b = self.bank.entry(who.clone()).or_default();
        *b = sub(&format!("credits of {who}"), *b, amount)?;
        Ok(())
    }
    pub fn fair_add(&mut self, who: &Addr, amount: u128) {
        *self.fair.entry(who.clone()).or_default() += amount;
    }
    pub fn fair_sub(&mut self, who: &Addr, amount: u128) -> Res<()> {
        let b = self.fair.entry(who.clone()).or_default();
        *b = sub(&format!("FAIR of {who}"), *b, amount)?;
        Ok(())
    }
    pub fn credit(&self, who: &Addr, a: A) -> u128 {
        self.credits.get(&(who.clone(), a)).copied().unwrap_or(0)
    }
    pub fn credit_add(&mut self, who: &Addr, a: A, amount: u128) {
        if amount > 0 {
            *self.credits.entry((who.clone(), a)).or_default() += amount;
        }
    }
    pub fn credit_sub(&mut self, who: &Addr, a: A, amount: u128) -> Res<()> {
        let c = self.credit(who, a);
        let left = sub(&format!("escrow credits of {who} in {a:?}"), c, amount)?;
        if left == 0 {
            self.credits.remove(&(who.clone(), a));
        } else {
            self.credits.insert((who.clone(), a), left);
        }
        Ok(())
    }
    pub fn stake(&self, who: &Addr) -> u128 {
        self.stakes.get(who).copied().unwrap_or(0)
    }
    /// Sets a stake and reports it to the stakers pool if the hook is attached.
    pub fn set_stake(&mut self, who: &Addr, new: u128) {
        if new == 0 {
            self.stakes.remove(who);
        } else {
            self.stakes.insert(who.clone(), new);
        }
        if let (true, Some(pool)) = (self.gov.hook, self.gov_pool()) {
            self.report(pool, who, pool_weight(new));
        }
    }
    /// Governance is the stakers pool's source: the pool hears its changes.
    pub fn gov_sources_stakers(&self) -> bool {
        self.gov_pool() == Some(crate::market::STAKERS_POOL)
    }
    /// The pool whose source is governance (the stakers pool as deployed;
    /// the providers pool once a majority re-pointed both), if any.
    pub fn gov_pool(&self) -> Option<&'static str> {
        [crate::market::STAKERS_POOL, crate::market::PROVIDERS_POOL]
            .into_iter()
            .find(|name| {
                self.pools
                    .get(*name)
                    .is_some_and(|p| p.source == self.gov.address)
            })
    }
    /// The pool `pool` hears `raw` for `who` from its source: it stores the
    /// weight under its current curve (nothing if the pool is gone).
    pub fn report(&mut self, pool: &str, who: &Addr, raw: u128) {
        let Some(p) = self.pools.get(pool) else {
            return;
        };
        let w = p.curve.apply(cosmwasm_std::Uint128::new(raw)).u128();
        let map = if pool == crate::market::STAKERS_POOL {
            &mut self.pool_stakers
        } else {
            &mut self.pool_providers
        };
        map.insert(who.clone(), w);
    }
    /// Whether every registry subscriber accepts an identity change:
    /// governance only while its registry is set; the escrow never.
    pub fn registry_hooks_ok(&self, governance: &Addr) -> bool {
        self.ids
            .subscribers
            .iter()
            .all(|s| s == governance && self.ids.gov_registry)
    }
    /// The registry's hook for `who` (new link, or `None`) reaches governance
    /// if it subscribes (the change was accepted, so it accepted the hook).
    pub fn gov_hears(&mut self, governance: &Addr, who: &Addr, new: Option<(u64, Option<u64>)>) {
        if !self.ids.subscribers.contains(governance) {
            return;
        }
        match new {
            Some(l) => self.ids.gov_links.insert(who.clone(), l),
            None => self.ids.gov_links.remove(who),
        };
    }
    /// Removes `who`'s stored link from the registry (and its identity's count).
    pub fn drop_link(&mut self, who: &Addr) -> Res<RegLink> {
        let l = self
            .links
            .remove(who)
            .ok_or("model: removed the link of an unlinked address")?;
        let n = self
            .identities
            .get_mut(&l.identity)
            .ok_or("model: no such identity")?;
        *n -= 1;
        if *n == 0 {
            self.identities.remove(&l.identity);
        }
        Ok(l)
    }
    /// Whether the escrow's weight reports reach the providers pool (the
    /// pool exists and the escrow is still its source).
    pub fn escrow_reports(&self, escrow: &Addr) -> bool {
        self.pools
            .get(crate::market::PROVIDERS_POOL)
            .is_some_and(|p| p.source == *escrow)
    }
    /// The escrow reports `who`'s service weight (a refusal is swallowed).
    pub fn report_provider(&mut self, who: &Addr, weight: u128) {
        if self.esc.collateral_hook && self.escrow_reports(&self.esc.escrow.clone()) {
            self.report(crate::market::PROVIDERS_POOL, who, weight);
        }
    }
    /// Sets a provider's collateral (collateral alone weighs nothing in
    /// the providers pool).
    pub fn set_collateral(&mut self, who: &Addr, new: u128) {
        self.providers.entry(who.clone()).or_default().collateral = new;
    }
    /// Adds a protocol fee paid on `who`'s leases to its service weight;
    /// reported if the collateral hook is set.
    pub fn add_service_fee(&mut self, who: &Addr, fee: u128) {
        let p = self.providers.entry(who.clone()).or_default();
        if fee == 0 {
            return;
        }
        p.weight += fee;
        let w = p.weight;
        self.report_provider(who, w);
    }
    /// Bonded collateral at zero: the service weight is forfeited.
    pub fn forfeit_if_unbonded(&mut self, who: &Addr) {
        let p = self.providers.entry(who.clone()).or_default();
        if p.collateral == 0 && p.weight > 0 {
            p.weight = 0;
            self.report_provider(who, 0);
        }
    }
    /// What the escrow owes in `a`: credits + unspent reservations +
    /// unclaimed earnings + collateral (bonded and unbonding).
    pub fn escrow_owed(&self, a: A) -> u128 {
        let credits: u128 = self
            .credits
            .iter()
            .filter(|((_, x), _)| *x == a)
            .map(|(_, v)| v)
            .sum();
        let leases: u128 = if a == A::Credit {
            self.leases
                .iter()
                .map(|l| {
                    let bond = if l.dispute == Dispute::Open {
                        l.bond
                    } else {
                        0
                    };
                    bond + if l.settled {
                        if l.dispute == Dispute::Resolved {
                            0
                        } else {
                            accrued(l.price, l.start, l.end, l.end) - l.claimed
                        }
                    } else {
                        l.reservation - l.claimed
                    }
                })
                .sum()
        } else {
            0
        };
        let collateral: u128 = if a == A::Fair {
            self.providers
                .values()
                .map(|p| p.collateral + p.unbonding)
                .sum()
        } else {
            0
        };
        let fees = if a == A::Credit { self.fees_owed } else { 0 };
        credits + leases + collateral + fees
    }
    /// A closed offer with nothing unsettled stops being live; its leases'
    /// liability moves to the provider.
    pub fn release_offer(&mut self, offer: usize) {
        let o = &self.offers[offer];
        if o.closed && o.used == 0 {
            let (p, liable) = (o.provider.clone(), o.liable);
            let p = self.providers.entry(p).or_default();
            p.liable_until = p.liable_until.max(liable);
        }
    }
    /// Settles a lease whose end is fixed: the unused reservation back to the
    /// renter's credits, the slot freed.
    pub fn settle_lease(&mut self, id: usize) -> Res<u128> {
        let l = &mut self.leases[id];
        let refund = sub(
            "lease refund",
            l.reservation,
            accrued(l.price, l.start, l.end, l.end),
        )?;
        l.settled = true;
        let offer = l.offer;
        self.refund(id, refund)?;
        let o = &mut self.offers[offer];
        o.used = o
            .used
            .checked_sub(1)
            .ok_or("model: slot count underflows")?;
        self.release_offer(offer);
        Ok(refund)
    }
    /// Opens a lease on offer `i` at `now` (a slot taken, the offer's
    /// liability extended) and records it; returns its reservation, which
    /// the caller takes from whoever pays.
    pub fn open_lease(
        &mut self,
        i: usize,
        renter: &Addr,
        now: u64,
        duration: u64,
        grant: Option<usize>,
    ) -> Res<u128> {
        let delay = self.esc.settlement_delay;
        let o = self.offers.get_mut(i).ok_or("model: no such offer")?;
        o.used += 1;
        o.liable = o.liable.max(now + duration + delay);
        let (price, provider) = (o.price, o.provider.clone());
        let res = reservation(price, duration);
        self.leases.push(Lease {
            offer: i,
            renter: renter.clone(),
            provider,
            price,
            fee_bps: self.esc.fee_bps,
            delay,
            start: now,
            end: now + duration,
            reservation: res,
            claimed: 0,
            settled: false,
            dispute: Dispute::None,
            bond: 0,
            grant,
        });
        Ok(res)
    }
    /// Returns `amount` of lease `id`'s reservation to whoever paid it: the
    /// renter, or the sponsor of its grant (whose `spent` falls by it).
    /// Returns the payer.
    pub fn refund(&mut self, id: usize, amount: u128) -> Res<Addr> {
        let payer = match self.leases[id].grant {
            None => self.leases[id].renter.clone(),
            Some(g) => {
                let grant = &mut self.grants[g];
                grant.spent = sub("grant spent", grant.spent, amount)?;
                grant.sponsor.clone()
            }
        };
        self.credit_add(&payer, A::Credit, amount);
        Ok(payer)
    }
    /// Gross, fee and net a claim at `now` pays on lease `id`.
    pub fn claim_lease(&mut self, id: usize, now: u64) -> (u128, u128, u128) {
        let l = &mut self.leases[id];
        if l.dispute != Dispute::None {
            return (0, 0, 0);
        }
        let total = accrued(l.price, l.start, l.end, now.saturating_sub(l.delay));
        if total <= l.claimed {
            return (0, 0, 0);
        }
        let gross = total - l.claimed;
        let fee = fee(total, l.fee_bps) - fee(l.claimed, l.fee_bps);
        l.claimed = total;
        (gross, fee, gross - fee)
    }
    /// Matured claims of a staker at `now`.
    pub fn matured(&self, who: &Addr, now: u64) -> u128 {
        self.claims
            .get(who)
            .map(|c| c.iter().filter(|(_, r)| *r <= now).map(|(a, _)| a).sum())
            .unwrap_or(0)
    }
    pub fn pending_claims(&self) -> u128 {
        self.claims.values().flatten().map(|(a, _)| a).sum()
    }
    pub fn total_stake(&self) -> u128 {
        self.stakes.values().sum()
    }
}
