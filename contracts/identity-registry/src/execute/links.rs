//! Links: an attester links, the attester or the owner revokes, an address
//! leaves, anyone removes an expired link. Each change is sent to every
//! subscriber in the same transaction.

use cosmwasm_std::{Addr, DepsMut, Env, Response, StdResult, Storage, SubMsg};
use fairgrid::identity::IdentityChange;

use super::{ensure_attester, ensure_owner};
use crate::error::ContractError;
use crate::state::{
    Link, IDENTITIES, LINKS, MAX_ADDRESSES, MEMBERS, NEXT_IDENTITY, SUBSCRIBERS, TOTAL,
};

/// The hook messages announcing `change` to every subscriber.
fn hooks(storage: &dyn Storage, change: IdentityChange) -> StdResult<Vec<SubMsg>> {
    SUBSCRIBERS.prepare_hooks(storage, |s| Ok(SubMsg::new(change.clone().into_msg(&s)?)))
}

/// Adds `delta` (+1 or -1) to the number of stored links at `height`.
fn add_total(storage: &mut dyn Storage, height: u64, up: bool) -> Result<(), ContractError> {
    let total = TOTAL.load(storage)?;
    let total = if up {
        total.checked_add(1)
    } else {
        total.checked_sub(1)
    };
    let total = total
        .ok_or_else(|| cosmwasm_std::OverflowError::new(cosmwasm_std::OverflowOperation::Add))?;
    TOTAL.save(storage, &total, height)?;
    Ok(())
}

/// Removes `address` from `identity`; returns the links the identity keeps
/// (an identity left with none is removed).
fn remove_member(
    storage: &mut dyn Storage,
    identity: u64,
    address: &Addr,
) -> Result<u32, ContractError> {
    MEMBERS.remove(storage, (identity, address));
    let left = IDENTITIES
        .may_load(storage, identity)?
        .unwrap_or_default()
        .saturating_sub(1);
    if left == 0 {
        IDENTITIES.remove(storage, identity);
    } else {
        IDENTITIES.save(storage, identity, &left)?;
    }
    Ok(left)
}

pub fn link(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    address: String,
    identity: Option<u64>,
    expires: Option<u64>,
) -> Result<Response, ContractError> {
    ensure_attester(deps.as_ref(), &sender)?;
    let address = deps.api.addr_validate(&address)?;
    let height = env.block.height;
    let old = replaceable(deps.storage, &address, height, expires)?;
    let old_identity = old.as_ref().map(|l| l.identity);
    let (id, had) = target_identity(deps.storage, identity, old_identity)?;
    match old_identity {
        Some(prev) => {
            remove_member(deps.storage, prev, &address)?;
        }
        None => add_total(deps.storage, height, true)?,
    }
    let addresses = had + 1;
    IDENTITIES.save(deps.storage, id, &addresses)?;
    MEMBERS.save(deps.storage, (id, &address), &expires)?;
    let link = Link {
        identity: id,
        expires,
        attester: sender.clone(),
    };
    LINKS.save(deps.storage, &address, &link, height)?;
    let change = IdentityChange::new(&address, old_identity, Some(id), expires);
    let mut res = Response::new()
        .add_submessages(hooks(deps.storage, change)?)
        .add_attribute("action", "link")
        .add_attribute("attester", sender)
        .add_attribute("address", address)
        .add_attribute("identity", id.to_string())
        .add_attribute("created", identity.is_none().to_string())
        .add_attribute("addresses", addresses.to_string());
    if let Some(e) = expires {
        res = res.add_attribute("expires_at_height", e.to_string());
    }
    if let Some(prev) = old_identity {
        res = res.add_attribute("replaced_identity", prev.to_string());
    }
    Ok(res)
}

/// The address's current link, when a new link may replace it: the expiry
/// (a block height) is ahead and the address has no live link.
fn replaceable(
    storage: &dyn Storage,
    address: &Addr,
    height: u64,
    expires: Option<u64>,
) -> Result<Option<Link>, ContractError> {
    if let Some(e) = expires {
        if e <= height {
            return Err(ContractError::ExpiryNotAhead {
                expires_at_height: e,
                height,
            });
        }
    }
    let old = LINKS.may_load(storage, address)?;
    if let Some(l) = old.as_ref().filter(|l| l.live_at(height)) {
        return Err(ContractError::AlreadyLinked {
            address: address.to_string(),
            identity: l.identity,
        });
    }
    Ok(old)
}

/// The identity a link joins (`None`: a new one, numbered next) and its
/// addresses before this link; an expired link of this address to the same
/// identity is replaced, so it does not count. Refused when unknown or full.
fn target_identity(
    storage: &mut dyn Storage,
    identity: Option<u64>,
    old_identity: Option<u64>,
) -> Result<(u64, u32), ContractError> {
    let (id, had) = match identity {
        Some(id) => {
            let count = IDENTITIES
                .may_load(storage, id)?
                .ok_or(ContractError::IdentityNotFound { identity: id })?;
            let replaced = u32::from(old_identity == Some(id));
            (id, count.saturating_sub(replaced))
        }
        None => {
            let id = NEXT_IDENTITY.load(storage)?;
            let next = id.checked_add(1).ok_or_else(|| {
                cosmwasm_std::OverflowError::new(cosmwasm_std::OverflowOperation::Add)
            })?;
            NEXT_IDENTITY.save(storage, &next)?;
            (id, 0)
        }
    };
    let max = MAX_ADDRESSES.load(storage)?;
    if had >= max {
        return Err(ContractError::IdentityFull {
            identity: id,
            addresses: had,
            max,
        });
    }
    Ok((id, had))
}

/// Removes a stored link; the response carries the hook messages.
fn unlink(
    deps: DepsMut,
    height: u64,
    address: &Addr,
    link: &Link,
    action: &str,
) -> Result<Response, ContractError> {
    LINKS.remove(deps.storage, address, height)?;
    add_total(deps.storage, height, false)?;
    let left = remove_member(deps.storage, link.identity, address)?;
    let change = IdentityChange::new(address, Some(link.identity), None, None);
    Ok(Response::new()
        .add_submessages(hooks(deps.storage, change)?)
        .add_attribute("action", action)
        .add_attribute("address", address)
        .add_attribute("identity", link.identity.to_string())
        .add_attribute("addresses", left.to_string()))
}

fn load_link(storage: &dyn Storage, address: &Addr) -> Result<Link, ContractError> {
    LINKS
        .may_load(storage, address)?
        .ok_or_else(|| ContractError::NotLinked {
            address: address.to_string(),
        })
}

pub fn revoke(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    address: String,
) -> Result<Response, ContractError> {
    let address = deps.api.addr_validate(&address)?;
    let link = load_link(deps.storage, &address)?;
    if sender != link.attester && ensure_owner(deps.as_ref(), &sender).is_err() {
        return Err(ContractError::NotLinkAttester {
            address: address.to_string(),
            sender: sender.to_string(),
            attester: link.attester.to_string(),
        });
    }
    let res = unlink(deps, env.block.height, &address, &link, "revoke")?;
    Ok(res.add_attribute("sender", sender))
}

pub fn leave(deps: DepsMut, env: Env, sender: Addr) -> Result<Response, ContractError> {
    let link = load_link(deps.storage, &sender)?;
    unlink(deps, env.block.height, &sender, &link, "leave")
}

pub fn expire(deps: DepsMut, env: Env, address: String) -> Result<Response, ContractError> {
    let address = deps.api.addr_validate(&address)?;
    let link = load_link(deps.storage, &address)?;
    let height = env.block.height;
    let Some(e) = link.expires else {
        return Err(ContractError::NeverExpires {
            address: address.to_string(),
            identity: link.identity,
        });
    };
    if height < e {
        return Err(ContractError::NotYetExpired {
            address: address.to_string(),
            expires_at_height: e,
            height,
        });
    }
    let res = unlink(deps, height, &address, &link, "expire")?;
    Ok(res.add_attribute("expires_at_height", e.to_string()))
}
