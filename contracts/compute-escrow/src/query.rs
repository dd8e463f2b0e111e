//! Query handlers. Lists are paginated by `start_after` + `limit` (clamped).

use cosmwasm_std::{to_json_binary, Addr, Binary, Deps, Env, Order, StdError, StdResult, Uint128};
use cw_storage_plus::Bound;
use fairgrid::escrow::{
    AssetSolvency, ConfigResponse, CreditsResponse, GrantResponse, GrantsResponse,
    LeaseAmountsResponse, LeaseResponse, LeaseState, LeasesResponse, OfferResponse, OffersResponse,
    ProviderResponse, ProvidersResponse, QueryMsg, SolvencyResponse, TrackRecord,
    MAX_ACCEPTED_ASSETS, MAX_SCAN,
};
use fairgrid::pagination::page_limit;
use fairgrid::{AssetInfo, AssetInfoUnchecked};

use crate::math;
use crate::state::{
    Lease, ACCEPTED, CONFIG, CREDITS, DISPUTE_OPEN, DISPUTE_RESOLVED, GRANTS, GRANTS_BY_GRANTEE,
    GRANTS_BY_SPONSOR, LEASES, LEASES_BY_PROVIDER, LEASES_BY_RENTER, OFFERS, OFFERS_BY_PROVIDER,
    OFFER_SPECS, OFFER_USED, OWED, PROVIDERS, PROVIDER_META, RECORDS,
};

pub fn dispatch(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&config(deps)?),
        QueryMsg::Provider { address } => {
            to_json_binary(&provider(deps, &deps.api.addr_validate(&address)?)?)
        }
        QueryMsg::Providers { start_after, limit } => {
            to_json_binary(&providers(deps, start_after, limit)?)
        }
        QueryMsg::Offer { offer_id } => to_json_binary(&offer(deps, offer_id)?),
        QueryMsg::Offers {
            provider,
            gpu_model,
            region,
            max_price,
            include_closed,
            start_after,
            limit,
        } => to_json_binary(&offers(
            deps,
            OfferFilter {
                provider,
                gpu_model,
                region,
                max_price,
                include_closed: include_closed.unwrap_or(false),
            },
            start_after,
            limit,
        )?),
        QueryMsg::Lease { lease_id } => to_json_binary(&lease_response(
            deps,
            &env,
            lease_id,
            load_lease(deps, lease_id)?,
        )?),
        QueryMsg::LeasesByRenter {
            renter,
            state,
            start_after,
            limit,
        } => {
            let renter = deps.api.addr_validate(&renter)?;
            let ids = LEASES_BY_RENTER.prefix(&renter);
            to_json_binary(&leases_by(deps, &env, ids, state, start_after, limit)?)
        }
        QueryMsg::LeasesByProvider {
            provider,
            state,
            start_after,
            limit,
        } => {
            let provider = deps.api.addr_validate(&provider)?;
            let ids = LEASES_BY_PROVIDER.prefix(&provider);
            to_json_binary(&leases_by(deps, &env, ids, state, start_after, limit)?)
        }
        QueryMsg::LeaseAmounts { lease_id } => {
            to_json_binary(&lease_amounts(deps, &env, lease_id)?)
        }
        QueryMsg::Credits {
            account,
            start_after,
            limit,
        } => to_json_binary(&credits(deps, account, start_after, limit)?),
        QueryMsg::Solvency { start_after, limit } => {
            to_json_binary(&solvency(deps, &env, start_after, limit)?)
        }
        QueryMsg::Grant { grant_id } => to_json_binary(&grant(deps, &env, grant_id)?),
        QueryMsg::GrantsBySponsor {
            sponsor,
            start_after,
            limit,
        } => {
            let sponsor = deps.api.addr_validate(&sponsor)?;
            let ids = GRANTS_BY_SPONSOR.prefix(&sponsor);
            to_json_binary(&grants_by(deps, &env, ids, start_after, limit)?)
        }
        QueryMsg::GrantsByGrantee {
            grantee,
            start_after,
            limit,
        } => {
            let grantee = deps.api.addr_validate(&grantee)?;
            let ids = GRANTS_BY_GRANTEE.prefix(&grantee);
            to_json_binary(&grants_by(deps, &env, ids, start_after, limit)?)
        }
    }
}

pub fn grant(deps: Deps, env: &Env, grant_id: u64) -> StdResult<GrantResponse> {
    let g = GRANTS.load(deps.storage, grant_id)?;
    let now = env.block.time.seconds();
    let expired = g.expires != 0 && now >= g.expires;
    let available = if g.revoked || expired {
        Uint128::zero()
    } else {
        g.limit.saturating_sub(g.spent)
    };
    Ok(GrantResponse {
        grant_id,
        asset: AssetInfo::from_key(&g.asset)?,
        sponsor: g.sponsor,
        grantee: g.grantee,
        limit: g.limit,
        spent: g.spent,
        available,
        expires: (g.expires != 0).then_some(g.expires),
        revoked: g.revoked,
        expired,
    })
}

fn grants_by(
    deps: Deps,
    env: &Env,
    ids: cw_storage_plus::Prefix<u64, (), u64>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<GrantsResponse> {
    let grants = ids
        .keys(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|id| grant(deps, env, id?))
        .collect::<StdResult<_>>()?;
    Ok(GrantsResponse { grants })
}

fn overflow(e: cosmwasm_std::OverflowError) -> StdError {
    StdError::generic_err(e.to_string())
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let c = CONFIG.load(deps.storage)?;
    let accepted_assets = ACCEPTED
        .keys(deps.storage, None, None, Order::Ascending)
        .take(MAX_ACCEPTED_ASSETS)
        .map(|k| AssetInfo::from_key(&k?))
        .collect::<StdResult<_>>()?;
    Ok(ConfigResponse {
        owner: c.owner,
        arbiter: c.arbiter,
        fee_collector: c.fee_collector,
        collateral_hook: c.collateral_hook,
        collateral_asset: c.collateral_asset,
        accepted_assets,
        protocol_fee: c.protocol_fee,
        min_collateral: c.min_collateral,
        settlement_delay: c.settlement_delay,
        unbonding_delay: c.unbonding_delay,
        max_lease_duration: c.max_lease_duration,
        dispute_bond: c.dispute_bond,
        paused: c.paused,
        service_asset: c.service_asset,
    })
}

pub fn provider(deps: Deps, address: &Addr) -> StdResult<ProviderResponse> {
    let p = PROVIDERS.load(deps.storage, address)?;
    Ok(ProviderResponse {
        address: address.clone(),
        metadata: PROVIDER_META.load(deps.storage, address)?,
        collateral: p.collateral,
        unbonding: p.unbonding,
        unbonding_release: p.unbonding_release,
        live_offers: p.live_offers,
        open_disputes: p.open_disputes,
        liable_until: p.liable_until,
        track_record: track_record(deps, address)?,
    })
}

/// A provider's track record: one record read.
pub fn track_record(deps: Deps, address: &Addr) -> StdResult<TrackRecord> {
    let r = RECORDS.may_load(deps.storage, address)?.unwrap_or_default();
    let earned = r
        .earned
        .iter()
        .map(|(key, amount)| Ok(AssetInfo::from_key(key)?.with_amount(*amount)))
        .collect::<StdResult<_>>()?;
    Ok(TrackRecord {
        leases_served: r.leases,
        seconds_delivered: r.seconds,
        earned,
        disputes_raised: r.disputes,
        disputes_lost: r.lost,
        slashed: r.slashed,
        service_weight: r.weight,
    })
}

fn providers(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ProvidersResponse> {
    let start = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let providers = PROVIDERS
        .keys(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|a| provider(deps, &a?))
        .collect::<StdResult<_>>()?;
    Ok(ProvidersResponse { providers })
}

pub fn offer(deps: Deps, offer_id: u64) -> StdResult<OfferResponse> {
    let o = OFFERS.load(deps.storage, offer_id)?;
    let s = OFFER_SPECS.load(deps.storage, offer_id)?;
    Ok(OfferResponse {
        offer_id,
        gpu_model: s.gpu_model,
        gpu_count: s.gpu_count,
        memory_gib: s.memory_gib,
        region: s.region,
        asset: AssetInfo::from_key(&o.asset)?,
        price_per_hour: o.price_per_hour,
        min_duration: o.min_duration,
        max_duration: o.max_duration,
        slots: o.slots,
        used_slots: OFFER_USED
            .may_load(deps.storage, offer_id)?
            .unwrap_or_default()
            .used,
        open: !o.closed,
        provider_record: track_record(deps, &o.provider)?,
        provider: o.provider,
    })
}

struct OfferFilter {
    provider: Option<String>,
    gpu_model: Option<String>,
    region: Option<String>,
    max_price: Option<Uint128>,
    include_closed: bool,
}

impl OfferFilter {
    fn matches(&self, o: &OfferResponse) -> bool {
        (self.include_closed || o.open)
            && self.gpu_model.as_ref().is_none_or(|m| *m == o.gpu_model)
            && self.region.as_ref().is_none_or(|r| *r == o.region)
            && self.max_price.is_none_or(|p| o.price_per_hour <= p)
    }
}

fn offers(
    deps: Deps,
    filter: OfferFilter,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<OffersResponse> {
    let start = start_after.map(Bound::exclusive);
    let ids: Box<dyn Iterator<Item = StdResult<u64>>> = match &filter.provider {
        Some(p) => {
            let p = deps.api.addr_validate(p)?;
            Box::new(OFFERS_BY_PROVIDER.prefix(&p).keys(
                deps.storage,
                start,
                None,
                Order::Ascending,
            ))
        }
        None => Box::new(OFFERS.keys(deps.storage, start, None, Order::Ascending)),
    };
    let (offers, next_start_after) = scan_page(ids, page_limit(limit), |id| {
        let o = offer(deps, id)?;
        Ok(filter.matches(&o).then_some(o))
    })?;
    Ok(OffersResponse {
        offers,
        next_start_after,
    })
}

/// Walks `ids` in order, keeping what `select` returns, until the page is full
/// or `MAX_SCAN` ids were examined, so a filter that matches little cannot make
/// a query walk an unbounded range. Returns the page and where to continue
/// (`None` once the range is exhausted).
fn scan_page<T>(
    ids: impl Iterator<Item = StdResult<u64>>,
    limit: usize,
    mut select: impl FnMut(u64) -> StdResult<Option<T>>,
) -> StdResult<(Vec<T>, Option<u64>)> {
    let mut ids = ids.peekable();
    let mut page = Vec::new();
    let mut last = None;
    for _ in 0..MAX_SCAN {
        if page.len() == limit {
            break;
        }
        let Some(id) = ids.next() else {
            return Ok((page, None));
        };
        let id = id?;
        last = Some(id);
        if let Some(item) = select(id)? {
            page.push(item);
        }
    }
    Ok((page, if ids.peek().is_some() { last } else { None }))
}

fn load_lease(deps: Deps, lease_id: u64) -> StdResult<Lease> {
    LEASES.load(deps.storage, lease_id)
}

pub fn lease_state(l: &Lease, now: u64) -> LeaseState {
    match l.dispute {
        DISPUTE_OPEN => LeaseState::Disputed,
        DISPUTE_RESOLVED => LeaseState::Resolved,
        _ if l.settled => LeaseState::Settled,
        _ if now >= l.end => LeaseState::Ended,
        _ => LeaseState::Active,
    }
}

fn lease_response(deps: Deps, env: &Env, lease_id: u64, l: Lease) -> StdResult<LeaseResponse> {
    let offer = OFFERS.load(deps.storage, l.offer_id)?;
    Ok(LeaseResponse {
        lease_id,
        offer_id: l.offer_id,
        state: lease_state(&l, env.block.time.seconds()),
        asset: AssetInfo::from_key(&offer.asset)?,
        renter: l.renter,
        provider: offer.provider,
        price_per_hour: l.price_per_hour,
        protocol_fee: l.fee,
        settlement_delay: l.settlement_delay,
        start: l.start,
        end: l.end,
        reservation: l.reservation,
        claimed_gross: l.claimed,
        grant_id: l.grant,
    })
}

fn leases_by(
    deps: Deps,
    env: &Env,
    ids: cw_storage_plus::Prefix<u64, (), u64>,
    state: Option<LeaseState>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<LeasesResponse> {
    let now = env.block.time.seconds();
    let ids = ids.keys(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    let (leases, next_start_after) = scan_page(ids, page_limit(limit), |id| {
        let l = load_lease(deps, id)?;
        if state.is_none_or(|s| s == lease_state(&l, now)) {
            lease_response(deps, env, id, l).map(Some)
        } else {
            Ok(None)
        }
    })?;
    Ok(LeasesResponse {
        leases,
        next_start_after,
    })
}

pub fn lease_amounts(deps: Deps, env: &Env, lease_id: u64) -> StdResult<LeaseAmountsResponse> {
    let l = load_lease(deps, lease_id)?;
    let now = env.block.time.seconds();
    let accrued = math::accrued(l.price_per_hour, l.start, l.end, now).map_err(overflow)?;
    let (mut gross, mut fee, mut net) = (Uint128::zero(), Uint128::zero(), Uint128::zero());
    if l.dispute == 0 {
        let total =
            math::claimable_total(l.price_per_hour, l.start, l.end, l.settlement_delay, now)
                .map_err(overflow)?;
        if total > l.claimed {
            (gross, fee, net) = math::split_claim(total, l.claimed, l.fee).map_err(overflow)?;
        }
    }
    let refundable = if l.settled {
        Uint128::zero()
    } else {
        l.reservation - accrued
    };
    Ok(LeaseAmountsResponse {
        lease_id,
        time: now,
        accrued,
        claimable_gross: gross,
        claimable_net: net,
        claimable_fee: fee,
        refundable,
    })
}

fn asset_bound(deps: Deps, start_after: Option<AssetInfoUnchecked>) -> StdResult<Option<String>> {
    start_after
        .map(|a| {
            a.check(deps.api)
                .map(|a| a.key())
                .map_err(|e| StdError::generic_err(e.to_string()))
        })
        .transpose()
}

fn credits(
    deps: Deps,
    account: String,
    start_after: Option<AssetInfoUnchecked>,
    limit: Option<u32>,
) -> StdResult<CreditsResponse> {
    let account = deps.api.addr_validate(&account)?;
    let start = asset_bound(deps, start_after)?;
    let credits = CREDITS
        .prefix(&account)
        .range(
            deps.storage,
            start.as_deref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| {
            let (k, amount) = r?;
            Ok(AssetInfo::from_key(&k)?.with_amount(amount))
        })
        .collect::<StdResult<_>>()?;
    Ok(CreditsResponse { credits })
}

/// What the contract holds of an asset: its bank or cw20 balance.
pub fn held(deps: Deps, env: &Env, asset: &AssetInfo) -> StdResult<Uint128> {
    match asset {
        AssetInfo::Native(denom) => Ok(deps
            .querier
            .query_balance(&env.contract.address, denom)?
            .amount),
        AssetInfo::Cw20(token) => {
            let b: cw20::BalanceResponse = deps.querier.query_wasm_smart(
                token,
                &fairgrid::wire::Cw20Query::Balance {
                    address: env.contract.address.as_str(),
                },
            )?;
            Ok(b.balance)
        }
    }
}

fn solvency(
    deps: Deps,
    env: &Env,
    start_after: Option<AssetInfoUnchecked>,
    limit: Option<u32>,
) -> StdResult<SolvencyResponse> {
    let start = asset_bound(deps, start_after)?;
    let assets = OWED
        .range(
            deps.storage,
            start.as_deref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| {
            let (k, owed) = r?;
            let asset = AssetInfo::from_key(&k)?;
            Ok(AssetSolvency {
                held: held(deps, env, &asset)?,
                fees_owed: owed.fees,
                asset,
                owed: owed.total,
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(SolvencyResponse { assets })
}
