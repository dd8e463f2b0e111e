//! Leases: open, extend, close, settle, and the provider's claims.

use cosmwasm_std::{Addr, Attribute, DepsMut, Env, Response, Storage, SubMsg, Uint128};
use fairgrid::escrow::MAX_LEASES_PER_MSG;
use fairgrid::Asset;

use super::credits::take_payment;
use super::grants;
use super::{add_service_fee, asset_of, ensure_accepted, ensure_running, report_weight};
use crate::error::ContractError;
use crate::math;
use crate::state::{
    owed_pay, record, HotConfig, Lease, Offer, Slots, DISPUTE_NONE, DISPUTE_OPEN, HOT_CONFIG,
    LEASES, LEASES_BY_PROVIDER, LEASES_BY_RENTER, NEXT_LEASE, OFFERS, OFFER_USED, PROVIDERS,
    SERVICE,
};

/// What the renter asks for: a duration (or extension) in seconds, at no
/// more than the price per hour it agreed to.
pub struct Terms {
    pub seconds: u64,
    pub max_price_per_hour: Uint128,
}

impl Terms {
    pub fn new(seconds: u64, max_price_per_hour: Uint128) -> Self {
        Terms {
            seconds,
            max_price_per_hour,
        }
    }

    fn accept(&self, offer_id: u64, price: Uint128) -> Result<(), ContractError> {
        if price > self.max_price_per_hour {
            return Err(ContractError::PriceAboveAgreed {
                offer_id,
                price,
                max_price_per_hour: self.max_price_per_hour,
            });
        }
        Ok(())
    }
}

/// Who pays a new lease: the renter (attached funds or its credits), or
/// the sponsor of a grant to the renter (the sponsor's credits).
pub enum Pay {
    Own(Option<Asset>),
    Grant(u64),
}

pub fn load_lease(storage: &dyn Storage, lease_id: u64) -> Result<Lease, ContractError> {
    LEASES
        .may_load(storage, lease_id)?
        .ok_or(ContractError::LeaseNotFound { lease_id })
}

pub fn open(
    mut deps: DepsMut,
    env: Env,
    renter: Addr,
    offer_id: u64,
    terms: Terms,
    pay: Pay,
) -> Result<Response, ContractError> {
    let cfg = HOT_CONFIG.load(deps.storage)?;
    ensure_running(cfg.paused)?;
    let (offer, mut slots) = bookable(deps.storage, &cfg, offer_id, &terms)?;
    let reservation = math::reservation(offer.price_per_hour, terms.seconds)?;
    let start = env.block.time.seconds();
    let (paid_from, grant, sponsor) = match pay {
        Pay::Own(paid) => (
            take_payment(&mut deps, &renter, &offer.asset, reservation, paid)?,
            None,
            None,
        ),
        Pay::Grant(grant_id) => {
            let asset = &offer.asset;
            let sponsor = grants::draw(&mut deps, start, &renter, grant_id, asset, reservation)?;
            ("grant", Some(grant_id), Some(sponsor))
        }
    };
    let lease = Lease {
        offer_id,
        renter,
        price_per_hour: offer.price_per_hour,
        fee: cfg.protocol_fee,
        settlement_delay: cfg.settlement_delay,
        start,
        end: start + terms.seconds,
        reservation,
        claimed: Uint128::zero(),
        settled: false,
        dispute: DISPUTE_NONE,
        grant,
    };
    let id = record_lease(deps.storage, &lease, &offer.provider, &mut slots)?;
    let mut res = Response::new()
        .add_attribute("action", "open_lease")
        .add_attribute("lease_id", id.to_string())
        .add_attribute("offer_id", offer_id.to_string())
        .add_attribute("renter", lease.renter)
        .add_attribute("provider", offer.provider)
        .add_attribute("end", lease.end.to_string())
        .add_attribute("reservation", reservation)
        .add_attribute("paid_from", paid_from);
    if let (Some(grant_id), Some(sponsor)) = (grant, sponsor) {
        res = res
            .add_attribute("grant_id", grant_id.to_string())
            .add_attribute("sponsor", sponsor);
    }
    Ok(res)
}

/// The offer and its slot count when it can take a lease on `terms`: open,
/// at no more than the agreed price, a free slot, the duration within its
/// bounds, its asset accepted and its provider's collateral at the minimum.
fn bookable(
    storage: &dyn Storage,
    cfg: &HotConfig,
    offer_id: u64,
    terms: &Terms,
) -> Result<(Offer, Slots), ContractError> {
    let duration = terms.seconds;
    let offer = OFFERS
        .may_load(storage, offer_id)?
        .ok_or(ContractError::OfferNotFound { offer_id })?;
    if offer.closed {
        return Err(ContractError::OfferClosed { offer_id });
    }
    terms.accept(offer_id, offer.price_per_hour)?;
    let slots = OFFER_USED.may_load(storage, offer_id)?.unwrap_or_default();
    if slots.used >= offer.slots {
        return Err(ContractError::OfferFull {
            offer_id,
            used: slots.used,
            slots: offer.slots,
        });
    }
    if duration < offer.min_duration || duration > offer.max_duration {
        return Err(ContractError::DurationOutOfBounds {
            duration,
            min: offer.min_duration,
            max: offer.max_duration,
        });
    }
    ensure_accepted(storage, &asset_of(&offer.asset)?)?;
    let provider = PROVIDERS.load(storage, &offer.provider)?;
    if provider.collateral < cfg.min_collateral {
        return Err(ContractError::CollateralBelowMin {
            collateral: provider.collateral,
            min: cfg.min_collateral,
        });
    }
    Ok((offer, slots))
}

/// Stores a new lease under the next id, in the renter's and the provider's
/// lists, and takes a slot of its offer, whose collateral answers for the
/// lease until its dispute window closes. Returns the lease id.
fn record_lease(
    storage: &mut dyn Storage,
    lease: &Lease,
    provider: &Addr,
    slots: &mut Slots,
) -> Result<u64, ContractError> {
    let id = NEXT_LEASE.load(storage)?;
    NEXT_LEASE.save(storage, &(id + 1))?;
    LEASES.save(storage, id, lease)?;
    LEASES_BY_RENTER.save(storage, (&lease.renter, id), &())?;
    LEASES_BY_PROVIDER.save(storage, (provider, id), &())?;
    slots.used += 1;
    slots.cover(lease.end.saturating_add(lease.settlement_delay));
    OFFER_USED.save(storage, lease.offer_id, slots)?;
    Ok(id)
}

pub fn extend(
    mut deps: DepsMut,
    env: Env,
    sender: Addr,
    lease_id: u64,
    terms: Terms,
    paid: Option<Asset>,
) -> Result<Response, ContractError> {
    let cfg = HOT_CONFIG.load(deps.storage)?;
    ensure_running(cfg.paused)?;
    let mut lease = load_lease(deps.storage, lease_id)?;
    ensure_renter(&lease, lease_id, &sender)?;
    terms.accept(lease.offer_id, lease.price_per_hour)?;
    let now = env.block.time.seconds();
    let (offer, duration) = extendable(deps.storage, &lease, lease_id, now, terms.seconds)?;
    // the reservation is always recomputed over the whole span: no rounding
    // is added per extension
    let reservation = math::reservation(lease.price_per_hour, duration)?;
    let due = reservation.checked_sub(lease.reservation)?;
    let paid_from = match (lease.grant, paid) {
        (None, paid) => take_payment(&mut deps, &sender, &offer.asset, due, paid)?,
        (Some(grant_id), Some(_)) => {
            return Err(ContractError::GrantLeaseFunds { lease_id, grant_id })
        }
        (Some(grant_id), None) => {
            grants::draw(&mut deps, now, &sender, grant_id, &offer.asset, due)?;
            "grant"
        }
    };
    lease.end = lease.start + duration;
    lease.reservation = reservation;
    LEASES.save(deps.storage, lease_id, &lease)?;
    let mut slots = OFFER_USED.load(deps.storage, lease.offer_id)?;
    slots.cover(lease.end.saturating_add(lease.settlement_delay));
    OFFER_USED.save(deps.storage, lease.offer_id, &slots)?;
    Ok(Response::new()
        .add_attribute("action", "extend_lease")
        .add_attribute("lease_id", lease_id.to_string())
        .add_attribute("end", lease.end.to_string())
        .add_attribute("paid", due)
        .add_attribute("paid_from", paid_from))
}

/// The offer and the new whole duration when `lease` can run `extra`
/// seconds longer: not disputed, not ended, a positive extension, its offer
/// open and the new duration within the offer's maximum.
fn extendable(
    storage: &dyn Storage,
    lease: &Lease,
    lease_id: u64,
    now: u64,
    extra: u64,
) -> Result<(Offer, u64), ContractError> {
    if lease.dispute != DISPUTE_NONE {
        return Err(ContractError::LeaseDisputed { lease_id });
    }
    if lease.settled || now >= lease.end {
        return Err(ContractError::LeaseEnded {
            lease_id,
            end: lease.end,
        });
    }
    if extra == 0 {
        return Err(ContractError::ZeroAmount {
            what: "extension".into(),
        });
    }
    let offer = OFFERS.load(storage, lease.offer_id)?;
    if offer.closed {
        return Err(ContractError::OfferClosed {
            offer_id: lease.offer_id,
        });
    }
    let duration = (lease.end - lease.start).saturating_add(extra);
    if duration > offer.max_duration {
        return Err(ContractError::DurationOutOfBounds {
            duration,
            min: offer.min_duration,
            max: offer.max_duration,
        });
    }
    Ok((offer, duration))
}

fn ensure_renter(lease: &Lease, lease_id: u64, sender: &Addr) -> Result<(), ContractError> {
    if lease.renter != *sender {
        return Err(ContractError::NotRenter {
            lease_id,
            sender: sender.to_string(),
            renter: lease.renter.to_string(),
        });
    }
    Ok(())
}

/// Ends a lease's accounting once its end is fixed: the unused reservation
/// (including the ceil/floor remainder) goes to the credits of whoever paid
/// (the renter, or the sponsor of the lease's grant) and the slot is freed.
/// Returns the refund and who got it. Caller saves the lease.
pub fn settle_lease(
    storage: &mut dyn Storage,
    lease: &mut Lease,
    offer: &Offer,
) -> Result<(Uint128, Addr), ContractError> {
    let accrued = math::accrued(lease.price_per_hour, lease.start, lease.end, lease.end)?;
    let refund = lease.reservation.checked_sub(accrued)?;
    let refund_to = grants::refund(storage, lease, &offer.asset, refund)?;
    lease.settled = true;
    let mut slots = OFFER_USED.load(storage, lease.offer_id)?;
    slots.used -= 1;
    // the lease's own dispute window (a no-op for leases opened since the
    // window was recorded at opening; it restores it for older ones)
    slots.cover(lease.end.saturating_add(lease.settlement_delay));
    if slots.used > 0 || !offer.closed {
        OFFER_USED.save(storage, lease.offer_id, &slots)?;
    } else {
        // the last lease of a closed offer releases the provider
        release_offer(storage, &offer.provider, lease.offer_id, slots)?;
    }
    Ok((refund, refund_to))
}

/// A closed offer with nothing unsettled stops counting as live; its
/// leases' liability moves to the provider record (one word, O(1)).
pub fn release_offer(
    storage: &mut dyn Storage,
    provider: &Addr,
    offer_id: u64,
    slots: crate::state::Slots,
) -> Result<(), ContractError> {
    OFFER_USED.remove(storage, offer_id);
    let mut p = PROVIDERS.load(storage, provider)?;
    p.live_offers -= 1;
    p.liable_until = p.liable_until.max(slots.liable_until);
    PROVIDERS.save(storage, provider, &p)?;
    Ok(())
}

pub fn close(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    lease_id: u64,
) -> Result<Response, ContractError> {
    let mut lease = load_lease(deps.storage, lease_id)?;
    let offer = OFFERS.load(deps.storage, lease.offer_id)?;
    if sender != lease.renter && sender != offer.provider {
        return Err(ContractError::NotLeaseParty {
            lease_id,
            sender: sender.to_string(),
        });
    }
    if lease.settled {
        return Err(ContractError::LeaseSettled { lease_id });
    }
    let now = env.block.time.seconds();
    let early = now < lease.end;
    if early {
        lease.end = now;
    }
    let (refund, refund_to) = settle_lease(deps.storage, &mut lease, &offer)?;
    LEASES.save(deps.storage, lease_id, &lease)?;
    Ok(Response::new()
        .add_attribute("action", "close_lease")
        .add_attribute("lease_id", lease_id.to_string())
        .add_attribute("closed_by", sender)
        .add_attribute("early", early.to_string())
        .add_attribute("end", lease.end.to_string())
        .add_attribute("refund", refund)
        .add_attribute("refund_to", refund_to))
}

pub fn check_ids(ids: &[u64]) -> Result<(), ContractError> {
    if ids.is_empty() || ids.len() > MAX_LEASES_PER_MSG {
        return Err(ContractError::BadIdCount {
            got: ids.len(),
            max: MAX_LEASES_PER_MSG,
        });
    }
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            return Err(ContractError::DuplicateId { lease_id: *id });
        }
    }
    Ok(())
}

/// Settles every lease of `lease_ids` whose end has passed. A lease already
/// settled (by anyone, or closed by its renter) or still running is reported
/// as `skipped` with its `skip_reason` (`settled` or `running`), so a
/// front-runner settling one lease cannot fail a keeper's batch; a batch
/// that settles nothing is refused with its first lease's reason
/// (`LeaseSettled`, `LeaseStillRunning`). An unknown id refuses the batch.
pub fn settle_many(
    deps: DepsMut,
    env: Env,
    lease_ids: Vec<u64>,
) -> Result<Response, ContractError> {
    check_ids(&lease_ids)?;
    let now = env.block.time.seconds();
    let mut res = Response::new().add_attribute("action", "settle");
    let (mut first_skip, mut settled) = (None, 0u32);
    for lease_id in lease_ids {
        let mut lease = load_lease(deps.storage, lease_id)?;
        let skip = if lease.settled {
            Some((ContractError::LeaseSettled { lease_id }, "settled"))
        } else if now < lease.end {
            let end = lease.end;
            Some((
                ContractError::LeaseStillRunning { lease_id, end },
                "running",
            ))
        } else {
            None
        };
        if let Some((refusal, reason)) = skip {
            first_skip.get_or_insert(refusal);
            res = res
                .add_attribute("skipped", lease_id.to_string())
                .add_attribute("skip_reason", reason);
            continue;
        }
        let offer = OFFERS.load(deps.storage, lease.offer_id)?;
        let (refund, refund_to) = settle_lease(deps.storage, &mut lease, &offer)?;
        LEASES.save(deps.storage, lease_id, &lease)?;
        settled += 1;
        res = res
            .add_attribute("lease_id", lease_id.to_string())
            .add_attribute("refund", refund)
            .add_attribute("refund_to", refund_to);
    }
    match first_skip {
        Some(refusal) if settled == 0 => Err(refusal),
        _ => Ok(res),
    }
}

pub fn claim(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    lease_ids: Vec<u64>,
) -> Result<Response, ContractError> {
    check_ids(&lease_ids)?;
    let now = env.block.time.seconds();
    let mut claimed = Claimed::default();
    let mut res = Response::new().add_attribute("action", "claim_earnings");
    // leases of one offer share its record: read it once
    let mut offers: Vec<(u64, Offer)> = vec![];
    for lease_id in lease_ids {
        res = claim_lease(
            deps.storage,
            now,
            &sender,
            lease_id,
            &mut offers,
            &mut claimed,
            res,
        )?;
    }
    let mut weight_attr = None;
    if !claimed.totals.is_empty() {
        let (msg, attr) = credit_record(deps.storage, &sender, &claimed)?;
        res = res.add_submessages(msg);
        weight_attr = attr;
    }
    for (key, (net, fee)) in claimed.totals {
        let asset = asset_of(&key)?;
        // the fee stays in the contract, owed to the collector (one write)
        owed_pay(deps.storage, &key, net, fee)?;
        if !net.is_zero() {
            res = res.add_message(asset.with_amount(net).transfer_msg(&sender)?);
        }
        res = res
            .add_attribute("asset", asset.to_string())
            .add_attribute("net", net)
            .add_attribute("fee", fee);
    }
    Ok(res.add_attributes(weight_attr))
}

/// What one claim pays: per asset key (net to the provider, fee to the
/// collector), sorted by key (a sorted Vec, not a BTreeMap: at most 30
/// entries, and no B-tree code in the wasm), and the leases whose last
/// earnings it pays (count, seconds).
#[derive(Default)]
struct Claimed {
    totals: Vec<(String, (Uint128, Uint128))>,
    served: (u64, u64),
}

impl Claimed {
    /// Adds a lease's net and fee to its asset's totals, keeping the keys sorted.
    fn add(&mut self, key: String, net: Uint128, fee: Uint128) -> Result<(), ContractError> {
        let at = match self.totals.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(at) => at,
            Err(at) => {
                self.totals.insert(at, (key, Default::default()));
                at
            }
        };
        let t = &mut self.totals[at].1;
        t.0 = t.0.checked_add(net)?;
        t.1 = t.1.checked_add(fee)?;
        Ok(())
    }
}

/// Claims one lease of `sender`'s into `claimed`. A disputed or resolved
/// lease is reported as skipped, never failing the batch.
fn claim_lease(
    storage: &mut dyn Storage,
    now: u64,
    sender: &Addr,
    lease_id: u64,
    offers: &mut Vec<(u64, Offer)>,
    claimed: &mut Claimed,
    res: Response,
) -> Result<Response, ContractError> {
    let mut lease = load_lease(storage, lease_id)?;
    let offer = match offers.iter().find(|(id, _)| *id == lease.offer_id) {
        Some((_, o)) => o.clone(),
        None => {
            let o = OFFERS.load(storage, lease.offer_id)?;
            offers.push((lease.offer_id, o.clone()));
            o
        }
    };
    if offer.provider != *sender {
        return Err(ContractError::NotLeaseProvider {
            lease_id,
            sender: sender.to_string(),
            provider: offer.provider.to_string(),
        });
    }
    if lease.dispute != DISPUTE_NONE {
        let reason = if lease.dispute == DISPUTE_OPEN {
            "disputed"
        } else {
            "resolved"
        };
        return Ok(res
            .add_attribute("skipped", lease_id.to_string())
            .add_attribute("skip_reason", reason));
    }
    let mut gross = Uint128::zero();
    let (price, start, end) = (lease.price_per_hour, lease.start, lease.end);
    let total = math::claimable_total(price, start, end, lease.settlement_delay, now)?;
    if total > lease.claimed {
        let (g, fee, net) = math::split_claim(total, lease.claimed, lease.fee)?;
        gross = g;
        lease.claimed = total;
        // the claim that pays a lease's last unit counts it as served
        // (once: no claim follows, and its dispute window has closed)
        if total == math::accrued(price, start, end, end)? {
            claimed.served.0 += 1;
            claimed.served.1 = claimed.served.1.saturating_add(end - start);
        }
        LEASES.save(storage, lease_id, &lease)?;
        claimed.add(offer.asset, net, fee)?;
    }
    Ok(res
        .add_attribute("lease_id", lease_id.to_string())
        .add_attribute("gross", gross))
}

/// The provider's track record and service weight after a claim (one
/// write), and the weight hook to the providers pool when the weight moved.
fn credit_record(
    storage: &mut dyn Storage,
    provider: &Addr,
    claimed: &Claimed,
) -> Result<(Option<SubMsg>, Option<Attribute>), ContractError> {
    let service = SERVICE.may_load(storage)?;
    let mut moved = None;
    record(storage, provider, |r| {
        r.leases = r.leases.saturating_add(claimed.served.0);
        r.seconds = r.seconds.saturating_add(claimed.served.1);
        for (key, (net, fee)) in &claimed.totals {
            r.earn(key, *net)?;
            moved = moved.or(add_service_fee(service.as_ref(), r, key, *fee)?);
        }
        Ok(())
    })?;
    let hook = service.as_ref().and_then(|s| s.hook.as_ref());
    Ok(report_weight(hook, provider, moved)?)
}
