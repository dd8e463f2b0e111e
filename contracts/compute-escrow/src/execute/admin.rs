//! Instantiation and owner-only configuration.

use cosmwasm_std::{
    Addr, Api, Attribute, DepsMut, Env, MessageInfo, Order, Response, StdResult, Storage,
};
use fairgrid::escrow::{
    ConfigUpdate, InstantiateMsg, MAX_ACCEPTED_ASSETS, MAX_DISPUTE_BOND_BPS, MAX_PROTOCOL_FEE_BPS,
};
use fairgrid::{AssetInfo, AssetInfoUnchecked, Bps};

use fairgrid::checks::ensure_owner;

use super::ensure_accepted;
use crate::error::ContractError;
use crate::state::{Config, ACCEPTED, CONFIG, NEXT_LEASE, NEXT_OFFER};

fn check_fee(fee: Bps) -> Result<(), ContractError> {
    if fee.get() > MAX_PROTOCOL_FEE_BPS {
        return Err(ContractError::FeeAboveMax {
            fee: fee.get(),
            max: MAX_PROTOCOL_FEE_BPS,
        });
    }
    Ok(())
}

/// 100 years: keeps `start + duration` far from u64 overflow.
pub const MAX_LEASE_DURATION_CAP: u64 = 100 * 365 * 86_400;

fn check_max_duration(max: u64) -> Result<(), ContractError> {
    if max == 0 || max > MAX_LEASE_DURATION_CAP {
        return Err(ContractError::InvalidConfig {
            reason: format!(
                "max_lease_duration must be 1 to {MAX_LEASE_DURATION_CAP} seconds, got {max}"
            ),
        });
    }
    Ok(())
}

fn check_bond(bond: Bps) -> Result<(), ContractError> {
    if bond.get() > MAX_DISPUTE_BOND_BPS {
        return Err(ContractError::DisputeBondAboveMax {
            bond: bond.get(),
            max: MAX_DISPUTE_BOND_BPS,
        });
    }
    Ok(())
}

/// The rules over several fields, checked on the whole configuration after
/// every change (instantiate, update, migrate): unbonding must last at least
/// the settlement delay, so collateral requested out after a lease ends is
/// still there when its dispute window closes (the per-provider
/// `liable_until` covers leases whose delay was longer than today's).
pub fn check_config(cfg: &Config) -> Result<(), ContractError> {
    check_fee(cfg.protocol_fee)?;
    check_max_duration(cfg.max_lease_duration)?;
    check_bond(cfg.dispute_bond)?;
    if cfg.unbonding_delay < cfg.settlement_delay {
        return Err(ContractError::UnbondingShorterThanSettlement {
            unbonding_delay: cfg.unbonding_delay,
            settlement_delay: cfg.settlement_delay,
        });
    }
    Ok(())
}

/// The service asset must be accepted, so its fees can arise at all.
fn check_service_asset(storage: &dyn Storage, cfg: &Config) -> Result<(), ContractError> {
    match &cfg.service_asset {
        Some(a) => ensure_accepted(storage, a),
        None => Ok(()),
    }
}

fn addr(api: &dyn Api, a: &str) -> StdResult<Addr> {
    api.addr_validate(a)
}

pub fn instantiate(
    mut deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    fairgrid::asset::no_funds(&info.funds)?;
    check_fee(msg.protocol_fee)?;
    check_max_duration(msg.max_lease_duration)?;
    let api = deps.api;
    let cfg = Config {
        owner: addr(api, &msg.owner)?,
        arbiter: addr(api, &msg.arbiter)?,
        fee_collector: addr(api, &msg.fee_collector)?,
        collateral_hook: msg
            .collateral_hook
            .as_deref()
            .map(|h| addr(api, h))
            .transpose()?,
        collateral_asset: msg.collateral_asset.check(api)?,
        protocol_fee: msg.protocol_fee,
        min_collateral: msg.min_collateral,
        settlement_delay: msg.settlement_delay,
        unbonding_delay: msg.unbonding_delay,
        max_lease_duration: msg.max_lease_duration,
        dispute_bond: Bps::ZERO,
        paused: false,
        service_asset: msg
            .service_asset
            .or_else(|| msg.accepted_assets.first().cloned())
            .map(|a| a.check(api))
            .transpose()?,
    };
    check_config(&cfg)?;
    NEXT_OFFER.save(deps.storage, &1)?;
    NEXT_LEASE.save(deps.storage, &1)?;
    set_assets(deps.branch(), msg.accepted_assets, vec![])?;
    check_service_asset(deps.storage, &cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", cfg.owner)
        .add_attribute("protocol_fee_bps", cfg.protocol_fee.get().to_string()))
}

fn set_assets(
    deps: DepsMut,
    add: Vec<AssetInfoUnchecked>,
    remove: Vec<AssetInfoUnchecked>,
) -> Result<usize, ContractError> {
    for a in remove {
        ACCEPTED.remove(deps.storage, &a.check(deps.api)?.key());
    }
    for a in add {
        ACCEPTED.save(deps.storage, &a.check(deps.api)?.key(), &())?;
    }
    // bounded: at most MAX_ACCEPTED_ASSETS + 1 keys are read
    let count = ACCEPTED
        .keys(deps.storage, None, None, Order::Ascending)
        .take(MAX_ACCEPTED_ASSETS + 1)
        .count();
    if count > MAX_ACCEPTED_ASSETS {
        return Err(ContractError::TooManyAssets {
            got: count,
            max: MAX_ACCEPTED_ASSETS,
        });
    }
    Ok(count)
}

pub fn update_config(
    deps: DepsMut,
    sender: Addr,
    u: ConfigUpdate,
) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg.owner, &sender, "update_config")?;
    let before = cfg.clone();
    let api = deps.api;
    if let Some(o) = u.owner {
        cfg.owner = addr(api, &o)?;
    }
    if let Some(a) = u.arbiter {
        cfg.arbiter = addr(api, &a)?;
    }
    if let Some(c) = u.fee_collector {
        cfg.fee_collector = addr(api, &c)?;
    }
    if u.remove_collateral_hook == Some(true) {
        cfg.collateral_hook = None;
    }
    if let Some(h) = u.collateral_hook {
        cfg.collateral_hook = Some(addr(api, &h)?);
    }
    if let Some(f) = u.protocol_fee {
        check_fee(f)?;
        cfg.protocol_fee = f;
    }
    if let Some(m) = u.min_collateral {
        cfg.min_collateral = m;
    }
    if let Some(d) = u.settlement_delay {
        cfg.settlement_delay = d;
    }
    if let Some(d) = u.unbonding_delay {
        cfg.unbonding_delay = d;
    }
    if let Some(d) = u.max_lease_duration {
        check_max_duration(d)?;
        cfg.max_lease_duration = d;
    }
    if let Some(b) = u.dispute_bond {
        check_bond(b)?;
        cfg.dispute_bond = b;
    }
    if let Some(a) = u.service_asset {
        cfg.service_asset = Some(a.check(api)?);
        check_service_asset(deps.storage, &cfg)?;
    }
    // jointly, on the result: no combination may open a gap
    check_config(&cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attributes(changed(&before, &cfg)))
}

/// A configuration field as an event shows it.
type Shown = fn(&Config) -> String;

/// One attribute per configuration field whose value changed: the field's
/// name and its new value (addresses, base units, seconds, bps, assets as
/// `native:<denom>`/`cw20:<address>`, `none` for a removed hook).
fn changed(old: &Config, new: &Config) -> Vec<Attribute> {
    let fields: [(&str, Shown); 11] = [
        ("owner", |c| c.owner.to_string()),
        ("arbiter", |c| c.arbiter.to_string()),
        ("fee_collector", |c| c.fee_collector.to_string()),
        ("collateral_hook", |c| {
            c.collateral_hook
                .as_ref()
                .map_or("none".into(), Addr::to_string)
        }),
        ("protocol_fee", |c| c.protocol_fee.get().to_string()),
        ("min_collateral", |c| c.min_collateral.to_string()),
        ("settlement_delay", |c| c.settlement_delay.to_string()),
        ("unbonding_delay", |c| c.unbonding_delay.to_string()),
        ("max_lease_duration", |c| c.max_lease_duration.to_string()),
        ("dispute_bond", |c| c.dispute_bond.get().to_string()),
        ("service_asset", |c| {
            c.service_asset
                .as_ref()
                .map_or("none".into(), AssetInfo::to_string)
        }),
    ];
    fields
        .into_iter()
        .filter_map(|(key, value)| {
            let v = value(new);
            (value(old) != v).then(|| Attribute::new(key, v))
        })
        .collect()
}

pub fn update_assets(
    deps: DepsMut,
    sender: Addr,
    add: Vec<AssetInfoUnchecked>,
    remove: Vec<AssetInfoUnchecked>,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg.owner, &sender, "update_assets")?;
    let (added, removed) = (add.len(), remove.len());
    let count = set_assets(deps, add, remove)?;
    Ok(Response::new()
        .add_attribute("action", "update_assets")
        .add_attribute("added", added.to_string())
        .add_attribute("removed", removed.to_string())
        .add_attribute("accepted", count.to_string()))
}

pub fn set_paused(deps: DepsMut, sender: Addr, paused: bool) -> Result<Response, ContractError> {
    let mut cfg = CONFIG.load(deps.storage)?;
    ensure_owner(&cfg.owner, &sender, "set_paused")?;
    cfg.paused = paused;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new()
        .add_attribute("action", "set_paused")
        .add_attribute("paused", paused.to_string()))
}
