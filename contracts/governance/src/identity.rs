//! Identities as governance counts them (issue 10, item 2).
//!
//! Governance keeps its own snapshotted copy of every link it was told of
//! by the registry's `identity_changed` hook (`LINKS`), and per identity the
//! summed stake of its linked addresses (`IDENTITIES`). An identity is one
//! voting unit with power `curve(Σ stake)` (0 below `min_stake`), capped per
//! identity; an address without identity is a unit under the policy
//! (`UnidentifiedPolicy`). Every change is O(1): one address's contribution
//! leaves one unit and joins another, and the total power is recomputed
//! from the running sums (`math::refresh_total`).
//!
//! Expiry: a link's expiry height is recorded with it. A proposal reads the
//! links and identity sums of its start height; an identity whose record
//! there contains a link already expired at that height (its earliest
//! expiry is at or below the start height) cannot vote on it
//! (`ExpiredAttestation`), and neither can the expired address: an expired
//! attestation is never counted in a vote. Anyone removes an expired link
//! with the registry's `expire` (its hook reaches governance) or with
//! governance's `report_expiry` (from governance's own record), after which
//! the stake counts as without identity from the next height on. Until then
//! the expired link's stake stays in the identity's sum and in the total
//! power (the quorum denominator): that only makes quorum harder to reach.
use cosmwasm_std::{Addr, Order, StdResult, Storage, Uint128};
use fairgrid::curve::Curve;

use crate::error::ContractError;
use crate::math;
use crate::state::{
    Core, IdentityRecord, Link, Metrics, EXPIRIES, IDENTITIES, LINKS, METRICS, STAKES,
};

/// The voting unit an address belongs to at a height, with its power.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The address's own stake.
    pub stake: Uint128,
    /// Its identity (None: the address is its own unit).
    pub identity: Option<u64>,
    /// Uncapped power of the unit.
    pub power: Uint128,
    /// Some(height) when the unit's record holds a link already expired at
    /// the height read: it must not vote.
    pub expired: Option<u64>,
}

/// Reads the unit of `addr` at the start of block `h` (or now when None).
pub fn unit_at(
    store: &dyn Storage,
    addr: &Addr,
    h: Option<u64>,
    now: u64,
    curve: Curve,
    min_stake: Uint128,
) -> StdResult<Unit> {
    let (stake, link) = match h {
        Some(h) => (
            STAKES.may_load_at_height(store, addr, h)?,
            LINKS.may_load_at_height(store, addr, h)?,
        ),
        None => (STAKES.may_load(store, addr)?, LINKS.may_load(store, addr)?),
    };
    let at = h.unwrap_or(now);
    let stake = stake.unwrap_or_default();
    match link {
        None => {
            // Only stake without identity needs the policy and the total stake.
            let m = match h {
                Some(h) => METRICS.may_load_at_height(store, h)?,
                None => METRICS.may_load(store)?,
            }
            .unwrap_or_default();
            Ok(Unit {
                stake,
                identity: None,
                power: math::unidentified_power(m.policy, stake, m.total_stake, curve, min_stake),
                expired: None,
            })
        }
        Some(link) => {
            let id = link.identity;
            let rec = match h {
                Some(h) => IDENTITIES.may_load_at_height(store, id, h)?,
                None => IDENTITIES.may_load(store, id)?,
            }
            .unwrap_or_default();
            let expired = if link.expired_at(at) {
                link.expires_at
            } else {
                rec.earliest_expiry.filter(|e| *e <= at)
            };
            Ok(Unit {
                stake,
                identity: Some(id),
                power: math::power(rec.stake, curve, min_stake),
                expired,
            })
        }
    }
}

/// Removes (`add` false) or adds the stake of `addr` to the unit `link`
/// names (its identity, or the unidentified sums).
#[allow(clippy::too_many_arguments)]
pub fn move_stake(
    store: &mut dyn Storage,
    h: u64,
    m: &mut Metrics,
    stake: Uint128,
    link: Option<Link>,
    curve: Curve,
    min_stake: Uint128,
    add: bool,
) -> Result<(), ContractError> {
    match link {
        None => math::unidentified_sums(m, stake, curve, min_stake, add)?,
        Some(link) => {
            let id = link.identity;
            let mut rec = IDENTITIES.may_load(store, id)?.unwrap_or_default();
            math::identity_sums(m, &mut rec, stake, curve, min_stake, add)?;
            IDENTITIES.save(store, id, &rec, h)?;
        }
    }
    Ok(())
}

/// A stake change of an address within its unit (one identity record read
/// and written, or none).
pub fn restake(
    store: &mut dyn Storage,
    h: u64,
    m: &mut Metrics,
    old: Uint128,
    new: Uint128,
    link: Option<Link>,
    core: &Core,
) -> Result<(), ContractError> {
    let (curve, min) = (core.curve, core.min_stake);
    match link {
        None => {
            math::unidentified_sums(m, old, curve, min, false)?;
            math::unidentified_sums(m, new, curve, min, true)?;
        }
        Some(link) => {
            let id = link.identity;
            let mut rec = IDENTITIES.may_load(store, id)?.unwrap_or_default();
            math::identity_sums(m, &mut rec, old, curve, min, false)?;
            math::identity_sums(m, &mut rec, new, curve, min, true)?;
            IDENTITIES.save(store, id, &rec, h)?;
        }
    }
    Ok(())
}

fn earliest_expiry(store: &dyn Storage, id: u64) -> StdResult<Option<u64>> {
    Ok(EXPIRIES
        .sub_prefix(id)
        .keys(store, None, None, Order::Ascending)
        .next()
        .transpose()?
        .map(|(e, _)| e))
}

/// Re-links `addr` from its current link (as recorded) to `new`, moving its
/// stake between units and keeping the identity records, the expiry index
/// and the metrics; saves everything at height `h`. Returns the old link.
pub fn relink(
    store: &mut dyn Storage,
    h: u64,
    addr: &Addr,
    new: Option<Link>,
    curve: Curve,
    min_stake: Uint128,
) -> Result<Option<Link>, ContractError> {
    let old = LINKS.may_load(store, addr)?;
    let stake = STAKES.may_load(store, addr)?.unwrap_or_default();
    let mut m = METRICS.load(store)?;
    move_stake(store, h, &mut m, stake, old, curve, min_stake, false)?;
    if let Some(l) = old {
        let id = l.identity;
        if let Some(e) = l.expires_at {
            EXPIRIES.remove(store, (id, e, addr));
        }
        let mut rec = IDENTITIES.may_load(store, id)?.unwrap_or_default();
        rec.links = rec.links.saturating_sub(1);
        rec.earliest_expiry = earliest_expiry(store, id)?;
        if rec == IdentityRecord::default() {
            IDENTITIES.remove(store, id, h)?;
        } else {
            IDENTITIES.save(store, id, &rec, h)?;
        }
    }
    match new {
        Some(l) => {
            let id = l.identity;
            if let Some(e) = l.expires_at {
                EXPIRIES.save(store, (id, e, addr), &())?;
            }
            let mut rec = IDENTITIES.may_load(store, id)?.unwrap_or_default();
            rec.links = rec.links.saturating_add(1);
            rec.earliest_expiry = earliest_expiry(store, id)?;
            IDENTITIES.save(store, id, &rec, h)?;
            LINKS.save(store, addr, &l, h)?;
        }
        None => LINKS.remove(store, addr, h)?,
    }
    move_stake(store, h, &mut m, stake, new, curve, min_stake, true)?;
    math::refresh_total(&mut m, curve)?;
    METRICS.save(store, &m, h)?;
    Ok(old)
}
