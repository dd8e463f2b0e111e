//! Claims: a member takes what it is owed in every pool, and the migration
//! step that attributes payouts made before per-pool tracking.

use cosmwasm_std::{Addr, Api, DepsMut, MessageInfo, Response, Storage, Uint128};
use fairgrid::asset::{no_funds, AssetInfoUnchecked};
use fairgrid::distributor::AssetStatus;

use crate::error::ContractError;
use crate::math;
use crate::state::{pool_slots, slot_of, Member, ASSETS, MEMBERS, POOLS, POOL_INDEX, TOTALS};

/// Units taken from one pool in one asset: `(asset slot, pool slot, units)`.
type Take = (usize, u8, Uint128);

/// Pays the caller's whole owed units in the requested assets (all known
/// ones if none), over every pool it is a member of, to `recipient` (the
/// caller if none); sub-unit remainders stay owed. `OwnAddress` when the
/// recipient is the distributor (`distributor`) itself.
pub fn claim(
    deps: DepsMut,
    distributor: &Addr,
    info: MessageInfo,
    assets: Option<Vec<AssetInfoUnchecked>>,
    recipient: Option<String>,
) -> Result<Response, ContractError> {
    no_funds(&info.funds)?;
    let known = ASSETS.load(deps.storage)?;
    let slots = requested_slots(deps.api, &known, assets)?;
    let to = match recipient {
        Some(r) => deps.api.addr_validate(&r)?,
        None => info.sender.clone(),
    };
    fairgrid::checks::ensure_not_self(distributor, &to, "recipient")?;
    let (pay, by_pool) = settle_member(deps.storage, &info.sender, known.len(), &slots)?;
    let res = Response::new()
        .add_attribute("action", "claim")
        .add_attribute("member", &info.sender)
        .add_attribute("recipient", &to);
    let res = pay_out(deps.storage, &known, pay, &by_pool, &to, res)?;
    if res.messages.is_empty() {
        return Err(ContractError::NothingToClaim {
            address: info.sender.to_string(),
        });
    }
    Ok(res)
}

/// Takes `member`'s whole owed units of `slots` out of each of its pools
/// (one member record read and at most one written per pool): the units per
/// asset slot, and what each pool gave.
fn settle_member(
    storage: &mut dyn Storage,
    address: &Addr,
    n_assets: usize,
    slots: &[usize],
) -> Result<(Vec<Uint128>, Vec<Take>), ContractError> {
    let pools = POOLS.load(storage)?;
    let mut pay = vec![Uint128::zero(); n_assets];
    let mut by_pool: Vec<Take> = vec![];
    for (p, _) in pool_slots(&pools) {
        let Some(mut member) = MEMBERS.may_load(storage, (p, address))? else {
            continue;
        };
        let mut changed = false;
        for &slot in slots {
            let units = take_whole_units(storage, p, &mut member, slot)?;
            if units.is_zero() {
                continue;
            }
            pay[slot] = pay[slot].checked_add(units)?;
            by_pool.push((slot, p, units));
            changed = true;
        }
        if changed {
            if member.is_empty() {
                MEMBERS.remove(storage, (p, address));
            } else {
                MEMBERS.save(storage, (p, address), &member)?;
            }
        }
    }
    Ok((pay, by_pool))
}

/// Settles `member`'s account of asset `slot` in pool `p` at the pool's
/// index and takes its whole units, leaving the sub-unit rest owed; returns
/// the units (zero: the account is left as it was, apart from being created).
fn take_whole_units(
    storage: &dyn Storage,
    p: u8,
    member: &mut Member,
    slot: usize,
) -> Result<Uint128, ContractError> {
    let idx = POOL_INDEX
        .may_load(storage, (p, slot as u8))?
        .unwrap_or_default();
    let w = member.weight;
    let acc = member.account(slot);
    let owed = math::settle(acc.owed, acc.snapshot, idx.index, w)?;
    let (units, rest) = math::whole_units(owed);
    if units.is_zero() {
        return Ok(units);
    }
    acc.owed = rest;
    acc.snapshot = idx.index;
    Ok(units)
}

/// Sends the units per asset slot to `to` and books them in the asset
/// totals (paid, and paid per pool).
fn pay_out(
    storage: &mut dyn Storage,
    known: &[AssetStatus],
    pay: Vec<Uint128>,
    by_pool: &[Take],
    to: &Addr,
    mut res: Response,
) -> Result<Response, ContractError> {
    for (slot, amount) in pay.into_iter().enumerate() {
        if amount.is_zero() {
            continue;
        }
        let key = slot as u8;
        let mut totals = TOTALS.may_load(storage, key)?.unwrap_or_default();
        totals.paid = totals.paid.checked_add(amount)?;
        for (_, p, units) in by_pool.iter().filter(|(s, _, _)| *s == slot) {
            totals.add_paid_by(*p, *units)?;
        }
        TOTALS.save(storage, key, &totals)?;
        let out = known[slot].info.with_amount(amount);
        res = res
            .add_message(out.transfer_msg(to)?)
            .add_attribute("paid", out.to_string());
    }
    Ok(res)
}

/// Slots of the named assets (each must be known), or all known slots.
pub fn requested_slots(
    api: &dyn Api,
    known: &[AssetStatus],
    assets: Option<Vec<AssetInfoUnchecked>>,
) -> Result<Vec<usize>, ContractError> {
    let Some(assets) = assets else {
        return Ok((0..known.len()).collect());
    };
    let mut slots = vec![];
    for a in assets {
        let info = a.check(api)?;
        let slot = slot_of(known, &info).ok_or_else(|| ContractError::UnknownAsset {
            asset: info.to_string(),
        })?;
        if !slots.contains(&slot) {
            slots.push(slot);
        }
    }
    Ok(slots)
}

/// Migration step: in each asset whose totals hold payouts made before
/// per-pool tracking, attributes them to the pool when exactly one pool was
/// ever credited in the asset (O(assets × pools)).
pub fn attribute_untracked_payouts(storage: &mut dyn Storage) -> Result<(), ContractError> {
    let pools = POOLS.load(storage)?;
    let n_assets = ASSETS.load(storage)?.len();
    for slot in 0..n_assets as u8 {
        let Some(mut totals) = TOTALS.may_load(storage, slot)? else {
            continue;
        };
        let untracked = totals.untracked()?;
        if untracked.is_zero() {
            continue;
        }
        let mut credited = vec![];
        for (p, _) in pool_slots(&pools) {
            if let Some(idx) = POOL_INDEX.may_load(storage, (p, slot))? {
                if !idx.credited.is_zero() {
                    credited.push(p);
                }
            }
        }
        if let [only] = credited[..] {
            totals.add_paid_by(only, untracked)?;
            TOTALS.save(storage, slot, &totals)?;
        }
    }
    Ok(())
}
