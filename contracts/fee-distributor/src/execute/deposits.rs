//! Deposits: native funds or a cw20 `Send`, split among the recipients in
//! the same message (addresses and burn paid, pools credited by index).

use cosmwasm_std::{
    from_json, to_json_binary, Addr, BankMsg, Coin, CosmosMsg, DepsMut, MessageInfo, Response,
    StdResult, Storage, Uint128, WasmMsg,
};
use cw20::Cw20ReceiveMsg;
use fairgrid::asset::{check_cw20_sender, no_funds, one_coin, Asset, AssetInfo};
use fairgrid::distributor::{ReceiveMsg, RecipientTarget};

use crate::error::ContractError;
use crate::math;
use crate::state::{
    pool_slot, slot_of, Carries, Pool, RecipientSet, Totals, ASSETS, CARRIES, CONFIG, POOLS,
    POOL_INDEX, POOL_WEIGHT, RECIPIENTS, TOTALS,
};

/// `{"deposit":{}}` with exactly one coin of an accepted native asset.
pub fn deposit_native(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
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

/// cw20 entry: `{"deposit":{}}` sent by an accepted token, a positive amount.
pub fn receive_cw20(
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
    let parts = split(deps.storage, &set, key, amount)?;
    let mut totals = TOTALS.may_load(deps.storage, key)?.unwrap_or_default();
    totals.received = totals.received.checked_add(amount)?;
    let mut lazy = Lazy::default();
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
        res = match &r.target {
            RecipientTarget::Address { address } => {
                totals.sent = totals.sent.checked_add(part)?;
                res.add_message(out.transfer_msg(address)?)
                    .add_attribute("sent", format!("{part}:{address}"))
            }
            RecipientTarget::Burn {} => {
                totals.burned = totals.burned.checked_add(part)?;
                res.add_message(burn_msg(&out)?)
                    .add_attribute("burned", part)
            }
            RecipientTarget::Pool { pool_id } => {
                credit_pool(deps.storage, &mut lazy, &mut totals, key, pool_id, out, res)?
            }
        };
    }
    TOTALS.save(deps.storage, key, &totals)?;
    Ok(res)
}

/// The parts of `amount` per recipient of `set`, with the asset's split
/// carries of this set version (fresh ones for a new version), saved back.
fn split(
    storage: &mut dyn Storage,
    set: &RecipientSet,
    key: u8,
    amount: Uint128,
) -> StdResult<Vec<Uint128>> {
    let weights: Vec<u16> = set.list.iter().map(|r| r.weight.get()).collect();
    let mut carries = CARRIES
        .may_load(storage, key)?
        .filter(|k| k.version == set.version)
        .unwrap_or_else(|| Carries {
            version: set.version,
            carries: vec![0; weights.len()],
        });
    let parts = math::split(amount, &weights, &mut carries.carries, set.rest as usize);
    CARRIES.save(storage, key, &carries)?;
    Ok(parts)
}

/// What the parts of one deposit read only when a pool needs them, at most
/// once each: the pools and the fallback.
#[derive(Default)]
struct Lazy {
    pools: Option<Vec<Pool>>,
    fallback: Option<Addr>,
}

impl Lazy {
    fn pools(&mut self, storage: &dyn Storage) -> StdResult<&[Pool]> {
        let pools = match self.pools.take() {
            Some(p) => p,
            None => POOLS.load(storage)?,
        };
        Ok(self.pools.insert(pools))
    }

    fn fallback(&mut self, storage: &dyn Storage) -> StdResult<&Addr> {
        let fallback = match self.fallback.take() {
            Some(f) => f,
            None => CONFIG.load(storage)?.fallback,
        };
        Ok(self.fallback.insert(fallback))
    }
}

/// A pool's part: added to its index in asset slot `key`, or sent to the
/// fallback while the pool has no weight.
fn credit_pool(
    storage: &mut dyn Storage,
    lazy: &mut Lazy,
    totals: &mut Totals,
    key: u8,
    pool_id: &str,
    out: Asset,
    res: Response,
) -> Result<Response, ContractError> {
    let part = out.amount;
    let p = pool_slot(lazy.pools(storage)?, pool_id)?;
    let weight = POOL_WEIGHT.may_load(storage, p)?.unwrap_or_default();
    if weight.is_zero() {
        let to = lazy.fallback(storage)?;
        totals.sent = totals.sent.checked_add(part)?;
        return Ok(res
            .add_message(out.transfer_msg(to)?)
            .add_attribute("fallback", format!("{part}:{pool_id}:{to}")));
    }
    let mut idx = POOL_INDEX.may_load(storage, (p, key))?.unwrap_or_default();
    (idx.index, idx.remainder) = math::accrue_index(idx.index, idx.remainder, part, weight)?;
    idx.credited = idx.credited.checked_add(part)?;
    POOL_INDEX.save(storage, (p, key), &idx)?;
    Ok(res.add_attribute("pool", format!("{part}:{pool_id}")))
}

fn burn_msg(asset: &Asset) -> StdResult<CosmosMsg> {
    Ok(match &asset.info {
        AssetInfo::Native(denom) => BankMsg::Burn {
            amount: vec![Coin::new(asset.amount, denom)],
        }
        .into(),
        AssetInfo::Cw20(token) => WasmMsg::Execute {
            contract_addr: token.to_string(),
            msg: to_json_binary(&fairgrid::wire::Cw20Call::Burn {
                amount: asset.amount,
            })?,
            funds: vec![],
        }
        .into(),
    })
}
