//! Query handlers. Lists are paginated with `start_after` + clamped `limit`.
use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, Env, Order, StdError, StdResult, Uint128, Uint256,
};
use cw_storage_plus::Bound;
use fairgrid::governance::{
    Ballot, BallotResponse, BallotsResponse, ClaimInfo, ClaimsResponse, ConfigResponse,
    IdentityConfig, IdentityPowerResponse, MetricsResponse, ProposalResponse, ProposalStatus,
    ProposalTerms, ProposalsResponse, QueryMsg, StakeResponse, TotalPowerResponse,
    VotingPowerResponse, MAX_SCAN,
};
use fairgrid::pagination::{page_limit, scan_page};

use crate::identity::{unit_at, Unit};
use crate::math::{self, status_of};
use crate::state::{
    load_kind, load_params, load_tally, option_from_code, BallotState, TallyState, Terms, BALLOTS,
    BODIES, CLAIMS, CORE, GUARDIAN, IDENTITIES, META, METRICS, REGISTRY, TERMS, TOTAL_CLAIMS,
};

pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&config(deps)?),
        QueryMsg::Proposal { proposal_id } => to_json_binary(&proposal(deps, &env, proposal_id)?),
        QueryMsg::Proposals {
            status,
            start_after,
            limit,
        } => to_json_binary(&proposals(deps, &env, status, start_after, limit)?),
        QueryMsg::Ballot { proposal_id, voter } => {
            to_json_binary(&ballot_of(deps, proposal_id, voter)?)
        }
        QueryMsg::Ballots {
            proposal_id,
            start_after,
            limit,
        } => to_json_binary(&ballots(deps, proposal_id, start_after, limit)?),
        QueryMsg::VotingPower { address, height } => {
            to_json_binary(&voting_power(deps, &env, address, height)?)
        }
        QueryMsg::ProposalVotingPower {
            proposal_id,
            address,
        } => to_json_binary(&proposal_voting_power(deps, proposal_id, address)?),
        QueryMsg::TotalPower { height } => to_json_binary(&total_power(deps, &env, height)?),
        QueryMsg::Stake { address } => to_json_binary(&stake(deps, &env, address)?),
        QueryMsg::Claims { address } => to_json_binary(&claims(deps, address)?),
        QueryMsg::Metrics {} => to_json_binary(&metrics(deps)?),
        QueryMsg::IdentityPower { identity, height } => {
            to_json_binary(&identity_power(deps, &env, identity, height)?)
        }
    }
}

fn ballot_of(deps: Deps, proposal_id: u64, voter: String) -> StdResult<BallotResponse> {
    let voter = deps.api.addr_validate(&voter)?;
    let ballot = BALLOTS
        .may_load(deps.storage, (proposal_id, &voter))?
        .map(|b| ballot(voter, b));
    Ok(BallotResponse { ballot })
}

fn total_power(deps: Deps, env: &Env, height: Option<u64>) -> StdResult<TotalPowerResponse> {
    let total_power = match height {
        Some(h) => METRICS.may_load_at_height(deps.storage, h)?,
        None => METRICS.may_load(deps.storage)?,
    }
    .unwrap_or_default()
    .total_power;
    Ok(TotalPowerResponse {
        height: height.unwrap_or(env.block.height),
        total_power,
    })
}

fn stake(deps: Deps, env: &Env, address: String) -> StdResult<StakeResponse> {
    let address = deps.api.addr_validate(&address)?;
    let c = CORE.load(deps.storage)?;
    let now = env.block.height;
    let unit = unit_at(deps.storage, &address, None, now, c.curve, c.min_stake)?;
    Ok(StakeResponse {
        address,
        stake: unit.stake,
        power: counted(&unit),
    })
}

fn claims(deps: Deps, address: String) -> StdResult<ClaimsResponse> {
    let address = deps.api.addr_validate(&address)?;
    let claims = CLAIMS
        .query_claims(deps, &address)?
        .claims
        .into_iter()
        .map(|c| ClaimInfo {
            amount: c.amount,
            release_at: c.release_at,
        })
        .collect();
    Ok(ClaimsResponse { claims })
}

fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let c = CORE.load(deps.storage)?;
    Ok(ConfigResponse {
        token: c.token,
        curve: c.curve,
        min_stake: c.min_stake,
        params: load_params(deps.storage)?,
        guardian: GUARDIAN.may_load(deps.storage)?,
        hooks: c.hooks,
        identity: IdentityConfig {
            registry: REGISTRY.may_load(deps.storage)?,
            unidentified: METRICS.load(deps.storage)?.policy,
        },
    })
}

pub fn proposal(deps: Deps, env: &Env, id: u64) -> StdResult<ProposalResponse> {
    let terms = TERMS
        .may_load(deps.storage, id)?
        .ok_or_else(|| StdError::not_found(format!("proposal {id}")))?;
    let state = load_tally(deps.storage, id)?;
    let status = status_of(&terms, &state, env.block.time.seconds());
    respond(deps, id, terms, state, status)
}

/// The full response: loads the body (the only large record) and the kind.
fn respond(
    deps: Deps,
    id: u64,
    terms: Terms,
    state: TallyState,
    status: ProposalStatus,
) -> StdResult<ProposalResponse> {
    let body = BODIES.load(deps.storage, id)?;
    let kind = load_kind(deps.storage, id)?;
    Ok(ProposalResponse {
        id,
        proposer: body.proposer,
        title: body.title,
        description: body.description,
        msgs: body.msgs,
        deposit: terms.deposit,
        deposit_settled: state.settled,
        class: kind.class,
        status,
        start_height: terms.start_height,
        voting_end: terms.voting_end,
        executable_at: terms.executable_at(),
        expires_at: terms.expires_at(),
        total_power: terms.total_power,
        terms: ProposalTerms {
            curve: terms.curve,
            min_stake: terms.min_stake,
            cap: terms.cap,
            quorum: terms.quorum,
            threshold: terms.threshold,
            veto_threshold: terms.veto_threshold,
            deposit_refund: kind.refund,
            unidentified: METRICS
                .may_load_at_height(deps.storage, terms.start_height)?
                .unwrap_or_default()
                .policy,
        },
        tally: state.tally(),
    })
}

/// Status is lazy (depends on the clock), so it cannot be indexed: scan at most
/// `MAX_SCAN` ids per call and report where to continue. The filter reads only
/// the two small records (terms, tally); a body is loaded only for a proposal
/// that is returned, so bodies the filter drops cost nothing.
fn proposals(
    deps: Deps,
    env: &Env,
    status: Option<ProposalStatus>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ProposalsResponse> {
    let now = env.block.time.seconds();
    let records = TERMS.range(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    let (proposals, next) = scan_page(records, page_limit(limit), MAX_SCAN, |(id, terms)| {
        let state = load_tally(deps.storage, id)?;
        let st = status_of(&terms, &state, now);
        match status.is_none_or(|s| s == st) {
            true => Ok(Some(respond(deps, id, terms, state, st)?)),
            false => Ok(None),
        }
    })?;
    Ok(ProposalsResponse {
        proposals,
        next_start_after: next.map(|(id, _)| id),
    })
}

fn ballot(voter: Addr, b: BallotState) -> Ballot {
    Ballot {
        voter,
        vote: option_from_code(b.option),
        power: b.power,
    }
}

fn ballots(
    deps: Deps,
    id: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<BallotsResponse> {
    let limit = page_limit(limit);
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let ballots = BALLOTS
        .prefix(id)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(limit)
        .map(|r| r.map(|(voter, b)| ballot(voter, b)))
        .collect::<StdResult<_>>()?;
    Ok(BallotsResponse { ballots })
}

fn voting_power(
    deps: Deps,
    env: &Env,
    address: String,
    height: Option<u64>,
) -> StdResult<VotingPowerResponse> {
    let address = deps.api.addr_validate(&address)?;
    let c = CORE.load(deps.storage)?;
    let now = env.block.height;
    let unit = unit_at(deps.storage, &address, height, now, c.curve, c.min_stake)?;
    Ok(VotingPowerResponse {
        address,
        height: height.unwrap_or(now),
        stake: unit.stake,
        power: counted(&unit),
        identity: unit.identity,
    })
}

/// A unit holding an expired link counts nothing.
fn counted(unit: &Unit) -> Uint128 {
    if unit.expired.is_some() {
        Uint128::zero()
    } else {
        unit.power
    }
}

fn proposal_voting_power(deps: Deps, id: u64, address: String) -> StdResult<VotingPowerResponse> {
    let address = deps.api.addr_validate(&address)?;
    let t = TERMS
        .may_load(deps.storage, id)?
        .ok_or_else(|| StdError::not_found(format!("proposal {id}")))?;
    let h = t.start_height;
    let unit = unit_at(deps.storage, &address, Some(h), h, t.curve, t.min_stake)?;
    Ok(VotingPowerResponse {
        address,
        height: h,
        stake: unit.stake,
        power: counted(&unit).min(math::cap_limit(t.cap, t.total_power)),
        identity: unit.identity,
    })
}

fn identity_power(
    deps: Deps,
    env: &Env,
    identity: u64,
    height: Option<u64>,
) -> StdResult<IdentityPowerResponse> {
    let c = CORE.load(deps.storage)?;
    let rec = match height {
        Some(h) => IDENTITIES.may_load_at_height(deps.storage, identity, h)?,
        None => IDENTITIES.may_load(deps.storage, identity)?,
    }
    .unwrap_or_default();
    Ok(IdentityPowerResponse {
        identity,
        height: height.unwrap_or(env.block.height),
        stake: rec.stake,
        power: math::power(rec.stake, c.curve, c.min_stake),
        stakers: rec.stakers,
        addresses: rec.links,
        earliest_expiry: rec.earliest_expiry,
    })
}

fn metrics(deps: Deps) -> StdResult<MetricsResponse> {
    let m = METRICS.load(deps.storage)?;
    let curve = CORE.load(deps.storage)?.curve;
    let total_power = m.total_power;
    let unidentified = m.total_stake.saturating_sub(m.id_stake);
    let unidentified_stake_bps = if m.total_stake.is_zero() {
        0
    } else {
        let bps = unidentified.full_mul(10_000u128) / Uint256::from(m.total_stake);
        u64::try_from(Uint128::try_from(bps).unwrap_or(Uint128::MAX).u128()).unwrap_or(u64::MAX)
    };
    Ok(MetricsResponse {
        stakers: m.stakers,
        total_stake: m.total_stake,
        total_power,
        total_claims: TOTAL_CLAIMS.load(deps.storage)?,
        total_deposits: META.load(deps.storage)?.deposits,
        stake_hhi_bps: math::hhi_bps(m.sum_sq_stake, m.total_stake),
        power_hhi_bps: math::unit_hhi_bps(&m, curve),
        address_power_hhi_bps: math::hhi_bps(m.sum_sq_power, m.sum_power),
        identities: m.identities,
        unidentified_stakers: m.unid_stakers,
        identified_stake: m.id_stake,
        unidentified_stake_bps,
    })
}
