#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    from_json, to_json_binary, Addr, Api, BankMsg, Binary, Coin, CosmosMsg, Deps, DepsMut, Env,
    MessageInfo, Response, StdResult, Storage, Uint128, WasmMsg,
};
use cw20::{Cw20ExecuteMsg, Cw20ReceiveMsg};
use fairgrid::asset::{
    check_cw20_sender, no_funds, one_coin, Asset, AssetInfo, AssetInfoUnchecked,
};
use fairgrid::bps::sum_is_whole;
use fairgrid::distributor::{
    AssetStatus, ExecuteMsg, InstantiateMsg, MigrateMsg, PoolMsg, QueryMsg, ReceiveMsg,
    RecipientMsg, RecipientTarget, RecipientTargetMsg,
};
use fairgrid::hook::WeightChange;
use fairgrid::migrate::ensure_upgrade;

use crate::error::ContractError;
use crate::math;
use crate::query;
use crate::state::{
    pool_slots, Carries, Config, Member, Pool, RecipientSet, StoredRecipient, Totals, ASSETS,
    CARRIES, CONFIG, MAX_ASSETS, MAX_POOLS, MAX_RECIPIENTS, MEMBERS, NEXT_POOL_SLOT, POOLS,
    POOL_INDEX, POOL_WEIGHT, RECIPIENTS, TOTALS,
};

pub const CONTRACT_NAME: &str = "crates.io:fairgrid-fee-distributor";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    no_funds(&info.funds)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
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

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Deposit {} => deposit_native(deps, info),
        ExecuteMsg::Receive(r) => receive_cw20(deps, info, r),
        ExecuteMsg::WeightChanged(change) => weight_changed(deps, info, change),
        ExecuteMsg::Claim { assets, recipient } => claim(deps, info, assets, recipient),
        ExecuteMsg::SetRecipients { recipients } => set_recipients(deps, info, recipients),
        ExecuteMsg::UpdateAssets { add, remove } => update_assets(deps, info, add, remove),
        ExecuteMsg::RetireAsset { asset } => retire_asset(deps, info, asset),
        ExecuteMsg::AddPool { pool } => add_pool(deps, info, pool),
        ExecuteMsg::UpdatePool {
            pool_id,
            source,
            curve,
        } => update_pool(deps, info, pool_id, source, curve),
        ExecuteMsg::RemovePool { pool_id } => remove_pool(deps, info, pool_id),
        ExecuteMsg::UpdateConfig { owner, fallback } => {
            update_config(deps, env, info, owner, fallback)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::dispatch(deps, env, msg)
}

/// Migrates from any earlier version. Asset totals written before payouts
/// were tracked per pool read with none tracked; where exactly one pool was
/// ever credited in an asset, every untracked payout was that pool's and is
/// attributed to it (O(assets × pools); a no-op once nothing is untracked).
/// Where several were, the split is unknown and stays untracked (see
/// `ContractError::PoolPaidUntracked`).
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let from = ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let pools = POOLS.load(deps.storage)?;
    let n_assets = ASSETS.load(deps.storage)?.len();
    for slot in 0..n_assets as u8 {
        let Some(mut totals) = TOTALS.may_load(deps.storage, slot)? else {
            continue;
        };
        let untracked = totals.untracked()?;
        if untracked.is_zero() {
            continue;
        }
        let mut credited = vec![];
        for (p, _) in pool_slots(&pools) {
            if let Some(idx) = POOL_INDEX.may_load(deps.storage, (p, slot))? {
                if !idx.credited.is_zero() {
                    credited.push(p);
                }
            }
        }
        if let [only] = credited[..] {
            totals.add_paid_by(only, untracked)?;
            TOTALS.save(deps.storage, slot, &totals)?;
        }
    }
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from.to_string())
        .add_attribute("to_version", CONTRACT_VERSION))
}

// ---------- deposits ----------

fn deposit_native(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let assets = ASSETS.load(deps.storage)?;
    let accepted: Vec<&str> = assets
        .iter()
        .filter(|a| a.accepted)
        .filter_map(|a| match &a.info {
            AssetInfo::Native(d) => Some(d.as_str()),
            AssetInfo::Cw20(_) => None,
        })
        .collect();
    let expected = format!("one coin of: {}", accepted.join(", "));
    let coin = one_coin(&info.funds, &expected, |d| accepted.contains(&d))?;
    let info_asset = AssetInfo::Native(coin.denom);
    let slot = slot_of(&assets, &info_asset).expect("accepted asset has a slot");
    distribute(deps, &info.sender, slot, info_asset, coin.amount)
}

fn receive_cw20(
    deps: DepsMut,
    info: MessageInfo,
    r: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    no_funds(&info.funds)?;
    let assets = ASSETS.load(deps.storage)?;
    let token = AssetInfo::Cw20(info.sender.clone());
    let slot = slot_of(&assets, &token).filter(|s| assets[*s].accepted);
    check_cw20_sender(&info.sender, slot.is_some())?;
    let ReceiveMsg::Deposit {} = from_json(&r.msg)?;
    if r.amount.is_zero() {
        return Err(ContractError::ZeroDeposit {
            asset: token.to_string(),
        });
    }
    let from = deps.api.addr_validate(&r.sender)?;
    distribute(deps, &from, slot.expect("checked"), token, r.amount)
}

/// Splits one deposit among the recipients: addresses and burn in this tx,
/// pools by their index, a zero-weight pool's share to the fallback.
fn distribute(
    deps: DepsMut,
    from: &Addr,
    slot: usize,
    asset: AssetInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let key = slot as u8;
    let set = RECIPIENTS.load(deps.storage)?;
    let weights: Vec<u16> = set.list.iter().map(|r| r.weight.get()).collect();
    let mut carries = CARRIES
        .may_load(deps.storage, key)?
        .filter(|k| k.version == set.version)
        .unwrap_or_else(|| Carries {
            version: set.version,
            carries: vec![0; weights.len()],
        });
    let parts = math::split(amount, &weights, &mut carries.carries, set.rest as usize);
    CARRIES.save(deps.storage, key, &carries)?;

    let mut totals = TOTALS.may_load(deps.storage, key)?.unwrap_or_default();
    totals.received = totals.received.checked_add(amount)?;
    let mut pools: Option<Vec<Pool>> = None;
    let mut fallback: Option<Addr> = None;
    let mut res = Response::new()
        .add_attribute("action", "deposit")
        .add_attribute("from", from)
        .add_attribute("asset", asset.to_string())
        .add_attribute("amount", amount);
    for (r, part) in set.list.iter().zip(parts) {
        if part.is_zero() {
            continue;
        }
        let out = asset.with_amount(part);
        match &r.target {
            RecipientTarget::Address { address } => {
                totals.sent = totals.sent.checked_add(part)?;
                res = res
                    .add_message(out.transfer_msg(address)?)
                    .add_attribute("sent", format!("{part}:{address}"));
            }
            RecipientTarget::Burn {} => {
                totals.burned = totals.burned.checked_add(part)?;
                res = res
                    .add_message(burn_msg(&out)?)
                    .add_attribute("burned", part);
            }
            RecipientTarget::Pool { pool_id } => {
                let pools = match &pools {
                    Some(p) => p,
                    None => pools.insert(POOLS.load(deps.storage)?),
                };
                let p = pool_slot(pools, pool_id)?;
                let weight = POOL_WEIGHT.may_load(deps.storage, p)?.unwrap_or_default();
                if weight.is_zero() {
                    let to = match &fallback {
                        Some(f) => f,
                        None => fallback.insert(CONFIG.load(deps.storage)?.fallback),
                    };
                    totals.sent = totals.sent.checked_add(part)?;
                    res = res
                        .add_message(out.transfer_msg(to)?)
                        .add_attribute("fallback", format!("{part}:{pool_id}:{to}"));
                } else {
                    let mut idx = POOL_INDEX
                        .may_load(deps.storage, (p, key))?
                        .unwrap_or_default();
                    (idx.index, idx.remainder) =
                        math::accrue_index(idx.index, idx.remainder, part, weight)?;
                    idx.credited = idx.credited.checked_add(part)?;
                    POOL_INDEX.save(deps.storage, (p, key), &idx)?;
                    res = res.add_attribute("pool", format!("{part}:{pool_id}"));
                }
            }
        }
    }
    TOTALS.save(deps.storage, key, &totals)?;
    Ok(res)
}

fn burn_msg(asset: &Asset) -> StdResult<CosmosMsg> {
    Ok(match &asset.info {
        AssetInfo::Native(denom) => BankMsg::Burn {
            amount: vec![Coin::new(asset.amount, denom)],
        }
        .into(),
        AssetInfo::Cw20(token) => WasmMsg::Execute {
            contract_addr: token.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Burn {
                amount: asset.amount,
            })?,
            funds: vec![],
        }
        .into(),
    })
}

// ---------- pools ----------

/// Hook from a pool's source: settle the member at its old weight in every
/// known asset, then apply the pool's curve to the new raw weight. `old` is
/// only reported: the stored weight is the truth (a source that started
/// before the pool existed reports a nonzero `old` for an unknown member).
fn weight_changed(
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

// ---------- claims ----------

fn claim(
    deps: DepsMut,
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
    let pools = POOLS.load(deps.storage)?;
    let mut pay = vec![Uint128::zero(); known.len()];
    // (asset slot, pool slot, units), for the per-pool payout totals
    let mut by_pool: Vec<(usize, u8, Uint128)> = vec![];
    for (p, _) in pool_slots(&pools) {
        let Some(mut member) = MEMBERS.may_load(deps.storage, (p, &info.sender))? else {
            continue;
        };
        let mut changed = false;
        for &slot in &slots {
            let idx = POOL_INDEX
                .may_load(deps.storage, (p, slot as u8))?
                .unwrap_or_default();
            let w = member.weight;
            let acc = member.account(slot);
            let owed = math::settle(acc.owed, acc.snapshot, idx.index, w)?;
            let (units, rest) = math::whole_units(owed);
            if units.is_zero() {
                continue;
            }
            acc.owed = rest;
            acc.snapshot = idx.index;
            pay[slot] = pay[slot].checked_add(units)?;
            by_pool.push((slot, p, units));
            changed = true;
        }
        if changed {
            if member.is_empty() {
                MEMBERS.remove(deps.storage, (p, &info.sender));
            } else {
                MEMBERS.save(deps.storage, (p, &info.sender), &member)?;
            }
        }
    }
    let mut res = Response::new()
        .add_attribute("action", "claim")
        .add_attribute("member", &info.sender)
        .add_attribute("recipient", &to);
    for (slot, amount) in pay.into_iter().enumerate() {
        if amount.is_zero() {
            continue;
        }
        let key = slot as u8;
        let mut totals = TOTALS.may_load(deps.storage, key)?.unwrap_or_default();
        totals.paid = totals.paid.checked_add(amount)?;
        for (_, p, units) in by_pool.iter().filter(|(s, _, _)| *s == slot) {
            totals.add_paid_by(*p, *units)?;
        }
        TOTALS.save(deps.storage, key, &totals)?;
        let out = known[slot].info.with_amount(amount);
        res = res
            .add_message(out.transfer_msg(&to)?)
            .add_attribute("paid", out.to_string());
    }
    if res.messages.is_empty() {
        return Err(ContractError::NothingToClaim {
            address: info.sender.to_string(),
        });
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

// ---------- owner ----------

fn ensure_owner(
    storage: &dyn Storage,
    sender: &Addr,
    action: &str,
) -> Result<Config, ContractError> {
    let cfg = CONFIG.load(storage)?;
    if cfg.owner != *sender {
        return Err(ContractError::NotOwner {
            sender: sender.to_string(),
            owner: cfg.owner.to_string(),
            action: action.to_string(),
        });
    }
    Ok(cfg)
}

fn set_recipients(
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

fn update_assets(
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
pub fn slot_owed(storage: &dyn Storage, slot: u8) -> StdResult<(Uint128, Uint128)> {
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
fn retire_asset(
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

fn add_pool(deps: DepsMut, info: MessageInfo, pool: PoolMsg) -> Result<Response, ContractError> {
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
fn update_pool(
    deps: DepsMut,
    info: MessageInfo,
    pool_id: String,
    source: Option<String>,
    curve: Option<fairgrid::curve::Curve>,
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
pub fn curve_name(c: fairgrid::curve::Curve) -> &'static str {
    use fairgrid::curve::Curve;
    match c {
        Curve::Linear => "linear",
        Curve::SquareRoot => "square_root",
    }
}

/// Removes a pool no recipient names and that owes nothing in any known
/// asset (O(assets + pools)): its credited units move to the asset totals'
/// removed-pools count `x` (equal to what it paid), its payout entry, weight
/// and indexes are deleted, and every pool left gets its slot written, so
/// slots stay put and the removed one is never reused.
fn remove_pool(
    deps: DepsMut,
    info: MessageInfo,
    pool_id: String,
) -> Result<Response, ContractError> {
    ensure_owner(deps.storage, &info.sender, "remove a pool")?;
    no_funds(&info.funds)?;
    let mut pools = POOLS.load(deps.storage)?;
    let pos = pool_position(&pools, &pool_id)?;
    let p = pools[pos].slot(pos);
    let named = RECIPIENTS
        .load(deps.storage)?
        .list
        .iter()
        .any(|r| matches!(&r.target, RecipientTarget::Pool { pool_id: id } if *id == pool_id));
    if named {
        return Err(ContractError::PoolIsRecipient { pool_id });
    }
    let assets = ASSETS.load(deps.storage)?;
    let mut moves = vec![];
    for (slot, a) in assets.iter().enumerate() {
        let key = slot as u8;
        let Some(idx) = POOL_INDEX.may_load(deps.storage, (p, key))? else {
            continue;
        };
        let totals = TOTALS.may_load(deps.storage, key)?.unwrap_or_default();
        let untracked = totals.untracked()?;
        if !idx.credited.is_zero() && !untracked.is_zero() {
            return Err(ContractError::PoolPaidUntracked {
                pool_id,
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
                pool_id,
                asset: a.info.to_string(),
                owed,
                carried,
            });
        }
        moves.push((key, idx.credited, totals));
    }
    for (key, credited, mut totals) in moves {
        totals.removed_credited = totals.removed_credited.checked_add(credited)?;
        totals.pool_paid.retain(|(s, _)| *s != p);
        if totals != Totals::default() {
            TOTALS.save(deps.storage, key, &totals)?;
        }
        POOL_INDEX.remove(deps.storage, (p, key));
    }
    POOL_WEIGHT.remove(deps.storage, p);
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

fn update_config(
    deps: DepsMut,
    _env: Env,
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

// ---------- validation helpers ----------

pub fn slot_of(assets: &[AssetStatus], info: &AssetInfo) -> Option<usize> {
    assets.iter().position(|a| a.info == *info)
}

/// The index of pool `pool_id` in the stored list.
fn pool_position(pools: &[Pool], pool_id: &str) -> Result<usize, ContractError> {
    pools
        .iter()
        .position(|p| p.id == pool_id)
        .ok_or_else(|| ContractError::UnknownPool {
            pool_id: pool_id.to_string(),
        })
}

/// The storage slot of pool `pool_id`.
pub fn pool_slot(pools: &[Pool], pool_id: &str) -> Result<u8, ContractError> {
    pool_slots(pools)
        .find(|(_, p)| p.id == pool_id)
        .map(|(slot, _)| slot)
        .ok_or_else(|| ContractError::UnknownPool {
            pool_id: pool_id.to_string(),
        })
}

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

fn add_pool_to(api: &dyn Api, pools: &mut Vec<Pool>, p: &PoolMsg) -> Result<(), ContractError> {
    let ok_id = (1..=16).contains(&p.pool_id.len())
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
        let target = match &r.target {
            RecipientTargetMsg::Pool { pool_id } => {
                pool_slot(pools, pool_id)?;
                if recipients[..i].iter().any(
                    |x| matches!(&x.target, RecipientTargetMsg::Pool { pool_id: other } if other == pool_id),
                ) {
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
        };
        list.push(StoredRecipient {
            target,
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

/// Member record loader for queries and tests.
pub fn load_member(storage: &dyn Storage, pool: u8, addr: &Addr) -> StdResult<Member> {
    Ok(MEMBERS.may_load(storage, (pool, addr))?.unwrap_or_default())
}
