use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, Env, Order, StdError, StdResult, Uint128, Uint256,
};
use cw20::BalanceResponse;
use cw_storage_plus::Bound;
use fairgrid::asset::{AssetInfo, AssetInfoUnchecked};
use fairgrid::distributor::{
    AssetStatus, ConfigResponse, MemberResponse, MemberWeight, MembersResponse, PendingAsset,
    PendingResponse, PoolResponse, PoolsResponse, QueryMsg, Recipient, ReconciliationResponse,
};
use fairgrid::pagination::page_limit;

use crate::contract::{load_member, pool_slot, slot_of};
use crate::math;
use crate::state::{
    pool_slots, Member, ASSETS, CONFIG, MEMBERS, POOLS, POOL_INDEX, POOL_WEIGHT, RECIPIENTS, TOTALS,
};

pub fn dispatch(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&config(deps)?),
        QueryMsg::Pools { start_after, limit } => to_json_binary(&pools(deps, start_after, limit)?),
        QueryMsg::Member { pool_id, address } => to_json_binary(&member(deps, pool_id, address)?),
        QueryMsg::Members {
            pool_id,
            start_after,
            limit,
        } => to_json_binary(&members(deps, pool_id, start_after, limit)?),
        QueryMsg::Pending { address } => to_json_binary(&pending(deps, address)?),
        QueryMsg::Reconciliation { asset } => to_json_binary(&reconciliation(deps, env, asset)?),
    }
}

fn std_err(e: impl ToString) -> StdError {
    StdError::generic_err(e.to_string())
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let cfg = CONFIG.load(deps.storage)?;
    let set = RECIPIENTS.load(deps.storage)?;
    Ok(ConfigResponse {
        owner: cfg.owner,
        fallback: cfg.fallback,
        assets: ASSETS.load(deps.storage)?,
        recipients: set
            .list
            .into_iter()
            .map(|r| Recipient {
                target: r.target,
                weight: r.weight,
            })
            .collect(),
        rest_recipient: set.rest,
        recipients_version: set.version,
    })
}

pub fn pools(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<PoolsResponse> {
    let mut all = POOLS
        .load(deps.storage)?
        .into_iter()
        .enumerate()
        .map(|(i, p)| (p.slot(i), p))
        .collect::<Vec<_>>();
    all.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    let mut out = vec![];
    for (slot, p) in all
        .into_iter()
        .filter(|(_, p)| start_after.as_ref().is_none_or(|s| p.id > *s))
        .take(page_limit(limit))
    {
        out.push(PoolResponse {
            total_weight: POOL_WEIGHT
                .may_load(deps.storage, slot)?
                .unwrap_or_default(),
            pool_id: p.id,
            source: p.source,
            curve: p.curve,
        });
    }
    Ok(PoolsResponse { pools: out })
}

/// Pending whole units and sub-unit remainder of a member, per known asset.
fn member_pending(
    deps: Deps,
    p: u8,
    m: &Member,
    assets: &[AssetStatus],
) -> StdResult<Vec<(Uint128, Uint256)>> {
    let mut out = vec![];
    for slot in 0..assets.len() {
        let idx = POOL_INDEX
            .may_load(deps.storage, (p, slot as u8))?
            .unwrap_or_default();
        let acc = m.a.get(slot).cloned().unwrap_or_default();
        let owed = math::settle(acc.o, acc.i, idx.i, m.w).map_err(std_err)?;
        out.push(math::whole_units(owed));
    }
    Ok(out)
}

fn to_pending(assets: &[AssetStatus], v: Vec<(Uint128, Uint256)>) -> Vec<PendingAsset> {
    assets
        .iter()
        .zip(v)
        .map(|(a, (amount, remainder_scaled))| PendingAsset {
            info: a.info.clone(),
            amount,
            remainder_scaled,
        })
        .collect()
}

pub fn member(deps: Deps, pool_id: String, address: String) -> StdResult<MemberResponse> {
    let pools = POOLS.load(deps.storage)?;
    let p = pool_slot(&pools, &pool_id).map_err(std_err)?;
    let address = deps.api.addr_validate(&address)?;
    let assets = ASSETS.load(deps.storage)?;
    let m = load_member(deps.storage, p, &address)?;
    let pending = member_pending(deps, p, &m, &assets)?;
    Ok(MemberResponse {
        pool_id,
        address,
        weight: m.w,
        pending: to_pending(&assets, pending),
    })
}

pub fn members(
    deps: Deps,
    pool_id: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<MembersResponse> {
    let pools = POOLS.load(deps.storage)?;
    let p = pool_slot(&pools, &pool_id).map_err(std_err)?;
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let members = MEMBERS
        .prefix(p)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| {
            r.map(|(address, m): (Addr, Member)| MemberWeight {
                address,
                weight: m.w,
            })
        })
        .collect::<StdResult<Vec<_>>>()?;
    Ok(MembersResponse { members })
}

pub fn pending(deps: Deps, address: String) -> StdResult<PendingResponse> {
    let address = deps.api.addr_validate(&address)?;
    let assets = ASSETS.load(deps.storage)?;
    let pools = POOLS.load(deps.storage)?;
    let mut sum = vec![(Uint128::zero(), Uint256::zero()); assets.len()];
    for (p, _) in pool_slots(&pools) {
        let Some(m) = MEMBERS.may_load(deps.storage, (p, &address))? else {
            continue;
        };
        for (s, v) in sum.iter_mut().zip(member_pending(deps, p, &m, &assets)?) {
            s.0 = s.0.checked_add(v.0)?;
            s.1 = s.1.checked_add(v.1)?;
        }
    }
    Ok(PendingResponse {
        address,
        pending: to_pending(&assets, sum),
    })
}

pub fn reconciliation(
    deps: Deps,
    env: Env,
    asset: AssetInfoUnchecked,
) -> StdResult<ReconciliationResponse> {
    let info = asset.check(deps.api).map_err(std_err)?;
    let assets = ASSETS.load(deps.storage)?;
    let slot = slot_of(&assets, &info)
        .ok_or_else(|| StdError::generic_err(format!("asset {info} was never accepted here")))?;
    let totals = TOTALS
        .may_load(deps.storage, slot as u8)?
        .unwrap_or_default();
    let pools = POOLS.load(deps.storage)?;
    // removed pools were credited exactly what they paid
    let mut credited = totals.x;
    let mut carried = Uint128::zero();
    let mut carried_scaled = Uint256::zero();
    for (p, _) in pool_slots(&pools) {
        if let Some(idx) = POOL_INDEX.may_load(deps.storage, (p, slot as u8))? {
            credited = credited.checked_add(idx.n)?;
            carried = carried.checked_add(math::carried_units(idx.r))?;
            carried_scaled = carried_scaled.checked_add(idx.r)?;
        }
    }
    // owed = what pools were credited, minus paid, minus the whole units
    // still sitting in index remainders
    let owed = credited.checked_sub(totals.p)?.checked_sub(carried)?;
    let held = match &info {
        AssetInfo::Native(denom) => {
            deps.querier
                .query_balance(&env.contract.address, denom)?
                .amount
        }
        AssetInfo::Cw20(token) => {
            let b: BalanceResponse = deps.querier.query_wasm_smart(
                token,
                &fairgrid::wire::Cw20Query::Balance {
                    address: env.contract.address.as_str(),
                },
            )?;
            b.balance
        }
    };
    Ok(ReconciliationResponse {
        asset: info,
        received: totals.r,
        paid: totals.p,
        sent: totals.s,
        burned: totals.b,
        owed,
        carried,
        carried_scaled,
        held,
    })
}
