//! Instantiation and owner-only configuration: attesters, subscribers,
//! owner and the per-identity bound.

use cosmwasm_std::{Addr, Api, DepsMut, Env, Response, StdResult};
use fairgrid::identity::{InstantiateMsg, MAX_ADDRESSES_LIMIT, MAX_ATTESTERS, MAX_SUBSCRIBERS};

use super::ensure_owner;
use crate::error::ContractError;
use crate::state::{
    ATTESTERS, ATTESTER_COUNT, MAX_ADDRESSES, NEXT_IDENTITY, OWNER, SUBSCRIBERS, TOTAL,
};

fn check_max_addresses(max_addresses: u32) -> Result<u32, ContractError> {
    if max_addresses == 0 || max_addresses > MAX_ADDRESSES_LIMIT {
        return Err(ContractError::InvalidMaxAddresses {
            max_addresses,
            limit: MAX_ADDRESSES_LIMIT,
        });
    }
    Ok(max_addresses)
}

fn validate(api: &dyn Api, list: &[String]) -> StdResult<Vec<Addr>> {
    list.iter().map(|a| api.addr_validate(a)).collect()
}

fn too_many(what: &str, count: u32, max: u32) -> Result<(), ContractError> {
    if count > max {
        return Err(ContractError::TooMany {
            what: what.into(),
            count,
            max,
        });
    }
    Ok(())
}

pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let owner = deps.api.addr_validate(&msg.owner)?;
    MAX_ADDRESSES.save(deps.storage, &check_max_addresses(msg.max_addresses)?)?;
    OWNER.set(deps.branch(), Some(owner.clone()))?;
    NEXT_IDENTITY.save(deps.storage, &1)?;
    TOTAL.save(deps.storage, &0, env.block.height)?;
    ATTESTER_COUNT.save(deps.storage, &0)?;
    let attesters = apply_attesters(deps.branch(), &msg.attesters, &[])?;
    let subscribers = apply_subscribers(deps, &msg.subscribers, &[])?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("max_addresses", msg.max_addresses.to_string())
        .add_attribute("attesters", attesters.to_string())
        .add_attribute("subscribers", subscribers.to_string()))
}

/// Removes then adds attesters; returns the count after.
fn apply_attesters(deps: DepsMut, add: &[String], remove: &[String]) -> Result<u32, ContractError> {
    let mut count = ATTESTER_COUNT.load(deps.storage)?;
    for a in validate(deps.api, remove)? {
        if !ATTESTERS.has(deps.storage, &a) {
            return Err(ContractError::UnknownAttester {
                address: a.to_string(),
            });
        }
        ATTESTERS.remove(deps.storage, &a);
        count = count.saturating_sub(1);
    }
    for a in validate(deps.api, add)? {
        if ATTESTERS.has(deps.storage, &a) {
            return Err(ContractError::AttesterExists {
                address: a.to_string(),
            });
        }
        ATTESTERS.save(deps.storage, &a, &())?;
        count = count.saturating_add(1);
    }
    too_many("attesters", count, MAX_ATTESTERS)?;
    ATTESTER_COUNT.save(deps.storage, &count)?;
    Ok(count)
}

/// Removes then adds subscribers; returns the count after.
fn apply_subscribers(
    deps: DepsMut,
    add: &[String],
    remove: &[String],
) -> Result<u32, ContractError> {
    for a in validate(deps.api, remove)? {
        SUBSCRIBERS
            .remove_hook(deps.storage, a.clone())
            .map_err(|_| ContractError::UnknownSubscriber {
                address: a.to_string(),
            })?;
    }
    for a in validate(deps.api, add)? {
        SUBSCRIBERS.add_hook(deps.storage, a.clone()).map_err(|_| {
            ContractError::SubscriberExists {
                address: a.to_string(),
            }
        })?;
    }
    let count = SUBSCRIBERS.query_hooks(deps.as_ref())?.hooks.len() as u32;
    too_many("subscribers", count, MAX_SUBSCRIBERS)?;
    Ok(count)
}

pub fn update_attesters(
    deps: DepsMut,
    sender: Addr,
    add: Vec<String>,
    remove: Vec<String>,
) -> Result<Response, ContractError> {
    ensure_owner(deps.as_ref(), &sender)?;
    let count = apply_attesters(deps, &add, &remove)?;
    Ok(Response::new()
        .add_attribute("action", "update_attesters")
        .add_attribute("added", add.len().to_string())
        .add_attribute("removed", remove.len().to_string())
        .add_attribute("attesters", count.to_string()))
}

pub fn update_subscribers(
    deps: DepsMut,
    sender: Addr,
    add: Vec<String>,
    remove: Vec<String>,
) -> Result<Response, ContractError> {
    ensure_owner(deps.as_ref(), &sender)?;
    let count = apply_subscribers(deps, &add, &remove)?;
    Ok(Response::new()
        .add_attribute("action", "update_subscribers")
        .add_attribute("added", add.len().to_string())
        .add_attribute("removed", remove.len().to_string())
        .add_attribute("subscribers", count.to_string()))
}

pub fn update_config(
    mut deps: DepsMut,
    sender: Addr,
    owner: Option<String>,
    max_addresses: Option<u32>,
) -> Result<Response, ContractError> {
    let mut new_owner = ensure_owner(deps.as_ref(), &sender)?;
    if let Some(o) = owner {
        new_owner = deps.api.addr_validate(&o)?;
        OWNER.set(deps.branch(), Some(new_owner.clone()))?;
    }
    let max = match max_addresses {
        Some(m) => {
            let m = check_max_addresses(m)?;
            MAX_ADDRESSES.save(deps.storage, &m)?;
            m
        }
        None => MAX_ADDRESSES.load(deps.storage)?,
    };
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute("owner", new_owner)
        .add_attribute("max_addresses", max.to_string()))
}
