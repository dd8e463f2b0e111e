//! Query handlers: the cw4 member queries and the registry's own.

use cosmwasm_std::{to_json_binary, Addr, Binary, Deps, Env, Order, StdResult};
use cw_storage_plus::Bound;
use fairgrid::identity::{
    AddressesResponse, AttestersResponse, ConfigResponse, IdentitiesResponse, IdentityInfo,
    IdentityResponse, LinkedAddress, QueryMsg,
};
use fairgrid::pagination::page_limit;

use crate::state::{
    Link, ATTESTERS, ATTESTER_COUNT, IDENTITIES, LINKS, MAX_ADDRESSES, MEMBERS, NEXT_IDENTITY,
    OWNER, SUBSCRIBERS, TOTAL,
};

pub fn dispatch(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    use QueryMsg::*;
    let now = env.block.height;
    match msg {
        Member { addr, at_height } => to_json_binary(&member(deps, now, addr, at_height)?),
        ListMembers { start_after, limit } => {
            to_json_binary(&list_members(deps, now, start_after, limit)?)
        }
        TotalWeight { at_height } => to_json_binary(&total_weight(deps, at_height)?),
        Admin {} => to_json_binary(&cw4::AdminResponse {
            admin: OWNER.get(deps)?.map(String::from),
        }),
        Hooks {} => to_json_binary(&cw4::HooksResponse {
            hooks: SUBSCRIBERS.query_hooks(deps)?.hooks,
        }),
        Config {} => to_json_binary(&config(deps)?),
        Attesters { start_after, limit } => to_json_binary(&attesters(deps, start_after, limit)?),
        Identity { address, at_height } => {
            to_json_binary(&identity(deps, now, address, at_height)?)
        }
        Addresses {
            identity,
            start_after,
            limit,
        } => to_json_binary(&addresses(deps, now, identity, start_after, limit)?),
        Identities { start_after, limit } => to_json_binary(&identities(deps, start_after, limit)?),
    }
}

/// The link of `address` at the start of `at_height` (now if none), and the
/// height its liveness is judged at.
fn link_at(
    deps: Deps,
    now: u64,
    address: &Addr,
    at_height: Option<u64>,
) -> StdResult<(Option<Link>, u64)> {
    match at_height {
        Some(h) => Ok((LINKS.may_load_at_height(deps.storage, address, h)?, h)),
        None => Ok((LINKS.may_load(deps.storage, address)?, now)),
    }
}

fn member(
    deps: Deps,
    now: u64,
    addr: String,
    at_height: Option<u64>,
) -> StdResult<cw4::MemberResponse> {
    let addr = deps.api.addr_validate(&addr)?;
    let (link, h) = link_at(deps, now, &addr, at_height)?;
    Ok(cw4::MemberResponse {
        weight: link.filter(|l| l.live_at(h)).map(|_| 1),
    })
}

fn list_members(
    deps: Deps,
    now: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<cw4::MemberListResponse> {
    let start = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let members = LINKS
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| {
            r.map(|(addr, link)| cw4::Member {
                addr: addr.into(),
                weight: u64::from(link.live_at(now)),
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(cw4::MemberListResponse { members })
}

fn total_weight(deps: Deps, at_height: Option<u64>) -> StdResult<cw4::TotalWeightResponse> {
    let weight = match at_height {
        Some(h) => TOTAL
            .may_load_at_height(deps.storage, h)?
            .unwrap_or_default(),
        None => TOTAL.load(deps.storage)?,
    };
    Ok(cw4::TotalWeightResponse { weight })
}

fn config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(ConfigResponse {
        owner: OWNER.get(deps)?.unwrap_or_else(|| Addr::unchecked("")),
        max_addresses: MAX_ADDRESSES.load(deps.storage)?,
        subscribers: SUBSCRIBERS
            .query_hooks(deps)?
            .hooks
            .into_iter()
            .map(Addr::unchecked)
            .collect(),
        attesters: ATTESTER_COUNT.load(deps.storage)?,
        next_identity: NEXT_IDENTITY.load(deps.storage)?,
    })
}

fn attesters(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<AttestersResponse> {
    let start = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let attesters = ATTESTERS
        .keys(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .collect::<StdResult<_>>()?;
    Ok(AttestersResponse { attesters })
}

fn identity(
    deps: Deps,
    now: u64,
    address: String,
    at_height: Option<u64>,
) -> StdResult<IdentityResponse> {
    let address = deps.api.addr_validate(&address)?;
    let (link, h) = link_at(deps, now, &address, at_height)?;
    Ok(match link {
        None => IdentityResponse {
            identity: None,
            expired: None,
            expires_at_height: None,
            attester: None,
        },
        Some(l) => {
            let live = l.live_at(h);
            IdentityResponse {
                identity: live.then_some(l.identity),
                expired: (!live).then_some(l.identity),
                expires_at_height: l.expires,
                attester: Some(l.attester),
            }
        }
    })
}

fn addresses(
    deps: Deps,
    now: u64,
    identity: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<AddressesResponse> {
    let start = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let addresses = MEMBERS
        .prefix(identity)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| {
            r.map(|(address, expires)| LinkedAddress {
                address,
                expires_at_height: expires,
                live: expires.is_none_or(|e| now < e),
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(AddressesResponse {
        identity,
        addresses,
    })
}

fn identities(
    deps: Deps,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<IdentitiesResponse> {
    let identities = IDENTITIES
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| {
            r.map(|(identity, addresses)| IdentityInfo {
                identity,
                addresses,
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(IdentitiesResponse { identities })
}
