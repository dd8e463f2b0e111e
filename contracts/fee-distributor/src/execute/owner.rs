//! Instantiation and the owner's messages: recipients, assets (accept,
//! stop accepting, retire), owner and fallback.

use cosmwasm_std::{Api, DepsMut, MessageInfo, Response, StdResult, Storage, Uint128};
use fairgrid::asset::{no_funds, AssetInfoUnchecked};
use fairgrid::bps::sum_is_whole;
use fairgrid::distributor::{
    AssetStatus, InstantiateMsg, RecipientMsg, RecipientTarget, RecipientTargetMsg,
};

use super::ensure_owner;
use super::pools::add_pool_to;
use crate::error::ContractError;
use crate::math;
use crate::state::{
    pool_slot, pool_slots, slot_of, Config, Pool, RecipientSet, StoredRecipient, ASSETS, CARRIES,
    CONFIG, MAX_ASSETS, MAX_RECIPIENTS, POOLS, POOL_INDEX, RECIPIENTS, TOTALS,
};

/// Stores the configuration, the assets, the pools and the first recipient
/// set (version 1).
pub fn instantiate(deps: DepsMut, msg: InstantiateMsg) -> Result<Response, ContractError> {
    let owner = deps.api.addr_validate(&msg.owner)?;
    let fallback = deps.api.addr_validate(&msg.fallback)?;
    CONFIG.save(deps.storage, &Config { owner, fallback })?;

    let mut assets: Vec<AssetStatus> = vec![];
    add_assets(deps.api, &mut assets, &msg.assets)?;
    ASSETS.save(deps.storage, &assets)?;

    let mut pools: Vec<Pool> = vec![];
    for p in &msg.pools {
        add_pool_to(deps.api, &mut pools, p)?;
    }
    POOLS.save(deps.storage, &pools)?;

    let set = check_recipients(deps.api, &pools, &msg.recipients, 1)?;
    RECIPIENTS.save(deps.storage, &set)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("assets", assets.len().to_string())
        .add_attribute("pools", pools.len().to_string())
        .add_attribute("recipients", set.list.len().to_string()))
}

pub fn set_recipients(
    deps: DepsMut,
    info: MessageInfo,
    recipients: Vec<RecipientMsg>,
) -> Result<Response, ContractError> {
    ensure_owner(deps.storage, &info.sender, "set recipients")?;
    no_funds(&info.funds)?;
    let pools = POOLS.load(deps.storage)?;
    let version = RECIPIENTS.load(deps.storage)?.version + 1;
    let set = check_recipients(deps.api, &pools, &recipients, version)?;
    RECIPIENTS.save(deps.storage, &set)?;
    Ok(Response::new()
        .add_attribute("action", "set_recipients")
        .add_attribute("version", version.to_string())
        .add_attribute("recipients", set.list.len().to_string()))
}

pub fn update_assets(
    deps: DepsMut,
    info: MessageInfo,
    add: Vec<AssetInfoUnchecked>,
    remove: Vec<AssetInfoUnchecked>,
) -> Result<Response, ContractError> {
    ensure_owner(deps.storage, &info.sender, "update assets")?;
    no_funds(&info.funds)?;
    let mut assets = ASSETS.load(deps.storage)?;
    add_assets(deps.api, &mut assets, &add)?;
    for a in &remove {
        let info = a.check(deps.api)?;
        let slot = slot_of(&assets, &info).ok_or_else(|| ContractError::UnknownAsset {
            asset: info.to_string(),
        })?;
        assets[slot].accepted = false;
    }
    ASSETS.save(deps.storage, &assets)?;
    Ok(Response::new()
        .add_attribute("action", "update_assets")
        .add_attribute("added", add.len().to_string())
        .add_attribute("removed", remove.len().to_string())
        .add_attribute("known", assets.len().to_string()))
}

/// What one asset slot still owes: (owed, carried) whole units, as the
/// reconciliation computes them (O(pools)).
fn slot_owed(storage: &dyn Storage, slot: u8) -> StdResult<(Uint128, Uint128)> {
    let totals = TOTALS.may_load(storage, slot)?.unwrap_or_default();
    let paid = totals.paid;
    let pools = POOLS.load(storage)?;
    // removed pools were credited what they paid
    let (mut credited, mut carried) = (totals.removed_credited, Uint128::zero());
    for (p, _) in pool_slots(&pools) {
        if let Some(idx) = POOL_INDEX.may_load(storage, (p, slot))? {
            credited = credited.checked_add(idx.credited)?;
            carried = carried.checked_add(math::carried_units(idx.remainder))?;
        }
    }
    Ok((credited.checked_sub(paid)?.checked_sub(carried)?, carried))
}

/// Frees an asset slot once nothing is owed in it. `owed` 0 and `carried` 0
/// mean every member's scaled claim and every pool remainder in the slot is
/// exactly zero (`(owed + carried) × SCALE = Σ claims + Σ remainders`), so
/// every member's account in the slot is already settled at the pool index;
/// the indexes are kept (they only grow), so those accounts stay valid for
/// the asset that takes the slot next, and only the per-asset totals (the
/// credited amount, the reconciliation totals, the split carries) restart.
pub fn retire_asset(
    deps: DepsMut,
    info: MessageInfo,
    asset: AssetInfoUnchecked,
) -> Result<Response, ContractError> {
    ensure_owner(deps.storage, &info.sender, "retire an asset")?;
    no_funds(&info.funds)?;
    let asset = asset.check(deps.api)?;
    let mut assets = ASSETS.load(deps.storage)?;
    let slot = slot_of(&assets, &asset).ok_or_else(|| ContractError::UnknownAsset {
        asset: asset.to_string(),
    })?;
    if assets[slot].retired {
        return Err(ContractError::AssetAlreadyRetired {
            asset: asset.to_string(),
        });
    }
    let key = slot as u8;
    let (owed, carried) = slot_owed(deps.storage, key)?;
    if !owed.is_zero() || !carried.is_zero() {
        return Err(ContractError::AssetStillOwed {
            asset: asset.to_string(),
            owed,
            carried,
        });
    }
    let pools = POOLS.load(deps.storage)?;
    for (p, _) in pool_slots(&pools) {
        if let Some(mut idx) = POOL_INDEX.may_load(deps.storage, (p, key))? {
            idx.credited = Uint128::zero();
            POOL_INDEX.save(deps.storage, (p, key), &idx)?;
        }
    }
    TOTALS.remove(deps.storage, key);
    CARRIES.remove(deps.storage, key);
    assets[slot].accepted = false;
    assets[slot].retired = true;
    ASSETS.save(deps.storage, &assets)?;
    Ok(Response::new()
        .add_attribute("action", "retire_asset")
        .add_attribute("asset", asset.to_string())
        .add_attribute("slot", slot.to_string()))
}

pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    owner: Option<String>,
    fallback: Option<String>,
) -> Result<Response, ContractError> {
    let mut cfg = ensure_owner(deps.storage, &info.sender, "update config")?;
    no_funds(&info.funds)?;
    if let Some(o) = owner {
        cfg.owner = deps.api.addr_validate(&o)?;
    }
    if let Some(f) = fallback {
        cfg.fallback = deps.api.addr_validate(&f)?;
    }
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute("owner", cfg.owner)
        .add_attribute("fallback", cfg.fallback))
}

/// Accepts each asset of `add`: again in its own slot if known, else in a
/// new slot, else in the first retired slot (`TooManyAssets` if none).
fn add_assets(
    api: &dyn Api,
    assets: &mut Vec<AssetStatus>,
    add: &[AssetInfoUnchecked],
) -> Result<(), ContractError> {
    for a in add {
        let info = a.check(api)?;
        let fresh = AssetStatus {
            info: info.clone(),
            accepted: true,
            retired: false,
        };
        match slot_of(assets, &info) {
            Some(slot) => assets[slot] = fresh,
            None if assets.len() < MAX_ASSETS => assets.push(fresh),
            // a retired slot owes nothing and starts from zero totals
            None => match assets.iter().position(|a| a.retired) {
                Some(slot) => assets[slot] = fresh,
                None => {
                    return Err(ContractError::TooManyAssets {
                        count: (assets.len() + 1) as u32,
                        max: MAX_ASSETS as u32,
                    })
                }
            },
        }
    }
    Ok(())
}

/// The recipient set `recipients` describe, as version `version`: 1 to
/// `MAX_RECIPIENTS` positive weights summing to 10,000 bps, each pool known
/// and named once; the rest recipient is the largest weight (first among
/// equals).
fn check_recipients(
    api: &dyn Api,
    pools: &[Pool],
    recipients: &[RecipientMsg],
    version: u32,
) -> Result<RecipientSet, ContractError> {
    if recipients.is_empty() || recipients.len() > MAX_RECIPIENTS {
        return Err(ContractError::RecipientCount {
            count: recipients.len() as u32,
            max: MAX_RECIPIENTS as u32,
        });
    }
    sum_is_whole(recipients.iter().map(|r| r.weight))
        .map_err(|sum| ContractError::WeightsNotWhole { sum })?;
    let mut list = Vec::with_capacity(recipients.len());
    for (i, r) in recipients.iter().enumerate() {
        if r.weight.is_zero() {
            return Err(ContractError::ZeroWeight { index: i as u32 });
        }
        list.push(StoredRecipient {
            target: check_target(api, pools, &recipients[..i], &r.target)?,
            weight: r.weight,
        });
    }
    let weights: Vec<u16> = list.iter().map(|r| r.weight.get()).collect();
    Ok(RecipientSet {
        version,
        rest: math::rest_index(&weights) as u32,
        list,
    })
}

/// One recipient's target, checked: a known pool not named by an `earlier`
/// recipient, a valid address, or burn.
fn check_target(
    api: &dyn Api,
    pools: &[Pool],
    earlier: &[RecipientMsg],
    target: &RecipientTargetMsg,
) -> Result<RecipientTarget, ContractError> {
    Ok(match target {
        RecipientTargetMsg::Pool { pool_id } => {
            pool_slot(pools, pool_id)?;
            let named = |x: &RecipientMsg| matches!(&x.target, RecipientTargetMsg::Pool { pool_id: other } if other == pool_id);
            if earlier.iter().any(named) {
                return Err(ContractError::DuplicatePoolRecipient {
                    pool_id: pool_id.clone(),
                });
            }
            RecipientTarget::Pool {
                pool_id: pool_id.clone(),
            }
        }
        RecipientTargetMsg::Address { address } => RecipientTarget::Address {
            address: api.addr_validate(address)?,
        },
        RecipientTargetMsg::Burn {} => RecipientTarget::Burn {},
    })
}
