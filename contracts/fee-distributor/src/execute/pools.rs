//! Pools: the weight hook from a pool's source, and the owner's pool
//! changes (add, update source or curve, remove one that owes nothing).

use cosmwasm_std::{Api, DepsMut, MessageInfo, Response, Storage, Uint128};
use fairgrid::asset::no_funds;
use fairgrid::checks::check_text_len;
use fairgrid::curve::Curve;
use fairgrid::distributor::{PoolMsg, RecipientTarget};
use fairgrid::hook::WeightChange;

use super::ensure_owner;
use crate::error::ContractError;
use crate::math;
use crate::state::{
    pool_position, pool_slots, Pool, Totals, ASSETS, MAX_POOLS, MEMBERS, NEXT_POOL_SLOT, POOLS,
    POOL_INDEX, POOL_WEIGHT, RECIPIENTS, TOTALS,
};

/// Hook from a pool's source: settle the member at its old weight in every
/// known asset, then apply the pool's curve to the new raw weight. `old` is
/// only reported: the stored weight is the truth (a source that started
/// before the pool existed reports a nonzero `old` for an unknown member).
pub fn weight_changed(
    deps: DepsMut,
    info: MessageInfo,
    change: WeightChange,
) -> Result<Response, ContractError> {
    no_funds(&info.funds)?;
    let pools = POOLS.load(deps.storage)?;
    let (p, pool) = pool_slots(&pools)
        .find(|(_, p)| p.source == info.sender)
        .ok_or_else(|| ContractError::NotPoolSource {
            sender: info.sender.to_string(),
        })?;
    let account = deps.api.addr_validate(&change.account)?;
    let new_w = pool.curve.apply(change.new);
    let mut member = MEMBERS
        .may_load(deps.storage, (p, &account))?
        .unwrap_or_default();
    let old_w = member.weight;
    let n_assets = ASSETS.load(deps.storage)?.len();
    for slot in 0..n_assets {
        let idx = POOL_INDEX
            .may_load(deps.storage, (p, slot as u8))?
            .unwrap_or_default();
        if idx.index.is_zero() && slot >= member.accounts.len() {
            // a missing account is a zero snapshot: nothing to write yet
            continue;
        }
        let acc = member.account(slot);
        acc.owed = math::settle(acc.owed, acc.snapshot, idx.index, old_w)?;
        acc.snapshot = idx.index;
    }
    member.weight = new_w;
    if member.is_empty() {
        MEMBERS.remove(deps.storage, (p, &account));
    } else {
        MEMBERS.save(deps.storage, (p, &account), &member)?;
    }
    if new_w != old_w {
        let total = POOL_WEIGHT.may_load(deps.storage, p)?.unwrap_or_default();
        let total = total.checked_sub(old_w)?.checked_add(new_w)?;
        POOL_WEIGHT.save(deps.storage, p, &total)?;
    }
    Ok(Response::new()
        .add_attribute("action", "weight_changed")
        .add_attribute("pool", &pool.id)
        .add_attribute("account", account)
        .add_attribute("raw_old", change.old)
        .add_attribute("raw_new", change.new)
        .add_attribute("weight", new_w))
}

pub fn add_pool(
    deps: DepsMut,
    info: MessageInfo,
    pool: PoolMsg,
) -> Result<Response, ContractError> {
    ensure_owner(deps.storage, &info.sender, "add a pool")?;
    no_funds(&info.funds)?;
    let mut pools = POOLS.load(deps.storage)?;
    add_pool_to(deps.api, &mut pools, &pool)?;
    // after a removal, slots come from the counter (never reused)
    if let Some(next) = NEXT_POOL_SLOT.may_load(deps.storage)? {
        let slot = u8::try_from(next).map_err(|_| ContractError::PoolSlotsExhausted {
            max: u32::from(u8::MAX) + 1,
        })?;
        if let Some(new) = pools.last_mut() {
            new.slot = Some(slot);
        }
        NEXT_POOL_SLOT.save(deps.storage, &(next + 1))?;
    }
    POOLS.save(deps.storage, &pools)?;
    Ok(Response::new()
        .add_attribute("action", "add_pool")
        .add_attribute("pool", pool.pool_id)
        .add_attribute("source", pool.source))
}

/// Changes a pool's source and/or curve in place (O(1)); stored member
/// weights follow on their next report (see `ExecuteMsg::UpdatePool`).
pub fn update_pool(
    deps: DepsMut,
    info: MessageInfo,
    pool_id: String,
    source: Option<String>,
    curve: Option<Curve>,
) -> Result<Response, ContractError> {
    ensure_owner(deps.storage, &info.sender, "update a pool")?;
    no_funds(&info.funds)?;
    let mut pools = POOLS.load(deps.storage)?;
    let pos = pool_position(&pools, &pool_id)?;
    let source = source.map(|s| deps.api.addr_validate(&s)).transpose()?;
    let new_source = source.filter(|s| *s != pools[pos].source);
    let new_curve = curve.filter(|c| *c != pools[pos].curve);
    if new_source.is_none() && new_curve.is_none() {
        return Err(ContractError::PoolUnchanged { pool_id });
    }
    let mut res = Response::new()
        .add_attribute("action", "update_pool")
        .add_attribute("pool", &pool_id);
    if let Some(src) = new_source {
        if let Some(other) = pools.iter().find(|p| p.source == src) {
            return Err(ContractError::DuplicateSource {
                source_addr: src.to_string(),
                pool_id: other.id.clone(),
            });
        }
        res = res.add_attribute("source", &src);
        pools[pos].source = src;
    }
    if let Some(c) = new_curve {
        res = res.add_attribute("curve", curve_name(c));
        pools[pos].curve = c;
    }
    POOLS.save(deps.storage, &pools)?;
    Ok(res)
}

/// The curve's name as in JSON (`linear`, `square_root`).
pub fn curve_name(c: Curve) -> &'static str {
    match c {
        Curve::Linear => "linear",
        Curve::SquareRoot => "square_root",
    }
}

/// Removes a pool no recipient names and that owes nothing in any known
/// asset (O(assets + pools)): its credited units move to the asset totals'
/// removed-pools credit (equal to what it paid), its payout entry, weight
/// and indexes are deleted, and every pool left gets its slot written, so
/// slots stay put and the removed one is never reused.
pub fn remove_pool(
    deps: DepsMut,
    info: MessageInfo,
    pool_id: String,
) -> Result<Response, ContractError> {
    ensure_owner(deps.storage, &info.sender, "remove a pool")?;
    no_funds(&info.funds)?;
    let mut pools = POOLS.load(deps.storage)?;
    let pos = pool_position(&pools, &pool_id)?;
    let p = pools[pos].slot(pos);
    ensure_not_recipient(deps.storage, &pool_id)?;
    let moves = check_owes_nothing(deps.storage, p, &pool_id)?;
    write_off(deps.storage, p, moves)?;
    let next = match NEXT_POOL_SLOT.may_load(deps.storage)? {
        Some(n) => n,
        None => pools.len() as u16,
    };
    for (i, pool) in pools.iter_mut().enumerate() {
        pool.slot = Some(pool.slot(i));
    }
    let removed = pools.remove(pos);
    POOLS.save(deps.storage, &pools)?;
    NEXT_POOL_SLOT.save(deps.storage, &next)?;
    Ok(Response::new()
        .add_attribute("action", "remove_pool")
        .add_attribute("pool", removed.id)
        .add_attribute("source", removed.source)
        .add_attribute("slot", p.to_string()))
}

/// `PoolIsRecipient` when the recipient set names the pool.
fn ensure_not_recipient(storage: &dyn Storage, pool_id: &str) -> Result<(), ContractError> {
    let named = RECIPIENTS
        .load(storage)?
        .list
        .iter()
        .any(|r| matches!(&r.target, RecipientTarget::Pool { pool_id: id } if *id == pool_id));
    if named {
        return Err(ContractError::PoolIsRecipient {
            pool_id: pool_id.to_string(),
        });
    }
    Ok(())
}

/// Checks that pool slot `p` owes nothing in any known asset; returns, per
/// asset slot it was ever credited in, `(asset slot, units credited, totals)`.
fn check_owes_nothing(
    storage: &dyn Storage,
    p: u8,
    pool_id: &str,
) -> Result<Vec<(u8, Uint128, Totals)>, ContractError> {
    let assets = ASSETS.load(storage)?;
    let mut moves = vec![];
    for (slot, a) in assets.iter().enumerate() {
        let key = slot as u8;
        let Some(idx) = POOL_INDEX.may_load(storage, (p, key))? else {
            continue;
        };
        let totals = TOTALS.may_load(storage, key)?.unwrap_or_default();
        let untracked = totals.untracked()?;
        if !idx.credited.is_zero() && !untracked.is_zero() {
            return Err(ContractError::PoolPaidUntracked {
                pool_id: pool_id.to_string(),
                asset: a.info.to_string(),
                untracked,
            });
        }
        let carried = math::carried_units(idx.remainder);
        let owed = idx
            .credited
            .checked_sub(totals.paid_by(p))?
            .checked_sub(carried)?;
        if !owed.is_zero() || !carried.is_zero() || !idx.remainder.is_zero() {
            return Err(ContractError::PoolStillOwes {
                pool_id: pool_id.to_string(),
                asset: a.info.to_string(),
                owed,
                carried,
            });
        }
        moves.push((key, idx.credited, totals));
    }
    Ok(moves)
}

/// Books the removed pool's credit in each asset's totals and deletes its
/// payout entries, indexes and weight.
fn write_off(
    storage: &mut dyn Storage,
    p: u8,
    moves: Vec<(u8, Uint128, Totals)>,
) -> Result<(), ContractError> {
    for (key, credited, mut totals) in moves {
        totals.removed_credited = totals.removed_credited.checked_add(credited)?;
        totals.pool_paid.retain(|(s, _)| *s != p);
        if totals != Totals::default() {
            TOTALS.save(storage, key, &totals)?;
        }
        POOL_INDEX.remove(storage, (p, key));
    }
    POOL_WEIGHT.remove(storage, p);
    Ok(())
}

/// Appends the pool `p` describes to `pools`: a valid new id (1-16
/// characters `[a-z0-9_-]`), a source no other pool has, at most `MAX_POOLS`.
pub fn add_pool_to(api: &dyn Api, pools: &mut Vec<Pool>, p: &PoolMsg) -> Result<(), ContractError> {
    let ok_id = check_text_len("pool_id", &p.pool_id, 1, 16).is_ok()
        && p.pool_id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !ok_id {
        return Err(ContractError::InvalidPoolId {
            pool_id: p.pool_id.clone(),
        });
    }
    if pools.iter().any(|x| x.id == p.pool_id) {
        return Err(ContractError::DuplicatePool {
            pool_id: p.pool_id.clone(),
        });
    }
    let source = api.addr_validate(&p.source)?;
    if let Some(x) = pools.iter().find(|x| x.source == source) {
        return Err(ContractError::DuplicateSource {
            source_addr: source.to_string(),
            pool_id: x.id.clone(),
        });
    }
    if pools.len() >= MAX_POOLS {
        return Err(ContractError::TooManyPools {
            count: (pools.len() + 1) as u32,
            max: MAX_POOLS as u32,
        });
    }
    pools.push(Pool {
        id: p.pool_id.clone(),
        source,
        curve: p.curve,
        slot: None,
    });
    Ok(())
}
