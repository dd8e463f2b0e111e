//! Entry points and one short handler per message.
#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    from_json, to_json_binary, to_json_vec, Addr, Binary, BlockInfo, CosmosMsg, Deps, DepsMut, Env,
    MessageInfo, Reply, Response, StdResult, SubMsg, SubMsgResult, Timestamp, Uint128, WasmMsg,
};
use cw20::Cw20ReceiveMsg;
use cw_utils::{Duration, Expiration};
use fairgrid::asset::{check_cw20_sender, no_funds, AssetInfo};
use fairgrid::governance::{
    ExecuteMsg, IdentityConfigMsg, InstantiateMsg, MigrateMsg, Params, ParamsMsg, ProposalClass,
    ProposalStatus, QueryMsg, ReceiveMsg, RefundPolicy, Threshold, VoteOption, MAX_CLAIMS,
    MAX_DESCRIPTION_LEN, MAX_HOOKS, MAX_MSGS, MAX_MSGS_BYTES, MAX_PERIOD, MAX_TITLE_LEN,
    MIN_GUARDIAN_TIMELOCK,
};
use fairgrid::hook::WeightChange;
use fairgrid::identity::IdentityChange;
use fairgrid::migrate::ensure_upgrade;

use crate::error::ContractError;
use crate::identity::{self, unit_at};
use crate::math::{self, Clock};
use crate::query;
use crate::state::{
    load_kind, load_params, load_tally, option_code, option_from_code, params_from_v1, save_kind,
    save_params, BallotState, Body, Core, Kind, Link, Meta, Metrics, Stored, TallyState, Terms,
    BALLOTS, BODIES, CLAIMS, CORE, GUARDIAN, IDENTITY_VOTERS, LAYOUT, LAYOUT_VERSION, LINKS, META,
    METRICS, METRICS_KEY, PARAMS_V1, REGISTRY, RUNNING, STAKES, TALLIES, TERMS, TOTAL_CLAIMS,
};

pub const CONTRACT_NAME: &str = "crates.io:fairgrid-governance";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    no_funds(&info.funds)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let token = deps.api.addr_validate(&msg.token)?;
    let params = check_params(deps.as_ref(), msg.params, msg.guardian.is_some())?;
    let hooks = apply_hooks(deps.as_ref(), vec![], msg.hooks, vec![])?;
    CORE.save(
        deps.storage,
        &Core {
            token: token.clone(),
            curve: msg.curve,
            min_stake: msg.min_stake,
            hooks: hooks.clone(),
        },
    )?;
    save_params(deps.storage, &params)?;
    if let Some(g) = &msg.guardian {
        GUARDIAN.save(deps.storage, &deps.api.addr_validate(g)?)?;
    }
    let policy = set_registry(deps.branch(), &msg.identity)?;
    METRICS.save(
        deps.storage,
        &Metrics {
            policy,
            ..Default::default()
        },
        env.block.height,
    )?;
    TOTAL_CLAIMS.save(deps.storage, &Uint128::zero())?;
    META.save(deps.storage, &Meta::default())?;
    LAYOUT.save(deps.storage, &LAYOUT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("token", token)
        .add_attribute("hooks", hooks.len().to_string()))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    no_funds(&info.funds)?;
    match msg {
        ExecuteMsg::Receive(r) => receive(deps, env, info, r),
        ExecuteMsg::Unstake { amount } => unstake(deps, env, info, amount),
        ExecuteMsg::Claim {} => claim(deps, env, info),
        ExecuteMsg::Vote { proposal_id, vote } => cast_vote(deps, env, info, proposal_id, vote),
        ExecuteMsg::Execute { proposal_id } => execute_proposal(deps, env, proposal_id),
        ExecuteMsg::RunProposal { proposal_id } => run_proposal(deps, env, info, proposal_id),
        ExecuteMsg::CheckSolvency {} => check_solvency(deps, env, info),
        ExecuteMsg::CloseProposal { proposal_id } => close_proposal(deps, env, proposal_id),
        ExecuteMsg::GuardianVeto { proposal_id } => guardian_veto(deps, env, info, proposal_id),
        ExecuteMsg::UpdateConfig { params } => update_config(deps, env, info, params),
        ExecuteMsg::UpdateHooks { add, remove } => update_hooks(deps, env, info, add, remove),
        ExecuteMsg::UpdateGuardian { guardian } => update_guardian(deps, env, info, guardian),
        ExecuteMsg::ResyncWeight { account, receiver } => {
            resync_weight(deps.as_ref(), account, receiver)
        }
        ExecuteMsg::IdentityChanged(change) => identity_changed(deps, env, info, change),
        ExecuteMsg::UpdateIdentityConfig { identity } => {
            update_identity_config(deps, env, info, identity)
        }
        ExecuteMsg::ReportExpiry { address } => report_expiry(deps, env, address),
    }
}

fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let config = CORE.load(deps.storage)?;
    check_cw20_sender(&info.sender, info.sender == config.token)?;
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    match from_json(&wrapper.msg)? {
        ReceiveMsg::Stake {} => stake(deps, env, &config, sender, wrapper.amount),
        ReceiveMsg::Propose {
            title,
            description,
            msgs,
        } => propose(
            deps,
            env,
            &config,
            sender,
            wrapper.amount,
            title,
            description,
            msgs,
        ),
    }
}

/// Writes a stake change: snapshot, total power, metrics, and the hook
/// messages (weights by `math::pool_weight`: 0 below `min_stake`).
fn change_stake(
    deps: DepsMut,
    env: &Env,
    config: &Core,
    staker: &Addr,
    old: Uint128,
    new: Uint128,
) -> Result<Vec<CosmosMsg>, ContractError> {
    let h = env.block.height;
    if new.is_zero() {
        STAKES.remove(deps.storage, staker, h)?;
    } else {
        STAKES.save(deps.storage, staker, &new, h)?;
    }
    let old_p = math::power(old, config.curve, config.min_stake);
    let new_p = math::power(new, config.curve, config.min_stake);
    let mut m = METRICS.load(deps.storage)?;
    math::apply_metrics(&mut m, old, new, old_p, new_p)?;
    // The address's unit (its identity, or itself without one) moves from
    // the old stake to the new.
    let link = LINKS.may_load(deps.storage, staker)?;
    identity::restake(deps.storage, h, &mut m, old, new, link, config)?;
    math::refresh_total(&mut m, config.curve)?;
    METRICS.save(deps.storage, &m, h)?;
    let (old_w, new_w) = (
        math::pool_weight(old, config.min_stake),
        math::pool_weight(new, config.min_stake),
    );
    Ok(WeightChange::new(staker, old_w, new_w).into_msgs(&config.hooks)?)
}

/// Re-reports an account's current pool weight to one registered hook
/// (permissionless: it only ever reports the truth).
fn resync_weight(deps: Deps, account: String, receiver: String) -> Result<Response, ContractError> {
    let config = CORE.load(deps.storage)?;
    let account = deps.api.addr_validate(&account)?;
    let hook = config
        .hooks
        .iter()
        .find(|h| h.as_str() == receiver)
        .ok_or(ContractError::HookNotFound { hook: receiver })?;
    let stake = STAKES.may_load(deps.storage, &account)?.unwrap_or_default();
    let weight = math::pool_weight(stake, config.min_stake);
    let msg = WeightChange::new(&account, weight, weight).into_msg(hook)?;
    Ok(Response::new()
        .add_message(msg)
        .add_attribute("action", "resync_weight")
        .add_attribute("account", account)
        .add_attribute("receiver", hook)
        .add_attribute("weight", weight))
}

fn stake(
    deps: DepsMut,
    env: Env,
    config: &Core,
    staker: Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "stake".into(),
        });
    }
    let old = STAKES.may_load(deps.storage, &staker)?.unwrap_or_default();
    let new = old.checked_add(amount)?;
    let hooks = change_stake(deps, &env, config, &staker, old, new)?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "stake")
        .add_attribute("staker", staker)
        .add_attribute("amount", amount)
        .add_attribute("stake", new))
}

fn unstake(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "unstake amount".into(),
        });
    }
    let config = CORE.load(deps.storage)?;
    let unbonding = load_params(deps.storage)?.unbonding_period;
    let staker = info.sender;
    let old = STAKES.may_load(deps.storage, &staker)?.unwrap_or_default();
    let new = old
        .checked_sub(amount)
        .map_err(|_| ContractError::UnstakeTooMuch {
            requested: amount,
            staked: old,
        })?;
    let pending = CLAIMS.query_claims(deps.as_ref(), &staker)?.claims.len();
    if pending >= MAX_CLAIMS {
        return Err(ContractError::TooManyClaims {
            address: staker.to_string(),
            max: MAX_CLAIMS,
        });
    }
    let release_at = release_time(&env.block, unbonding)?;
    CLAIMS.create_claim(deps.storage, &staker, amount, release_at)?;
    TOTAL_CLAIMS.update(deps.storage, |t| -> Result<_, ContractError> {
        Ok(t.checked_add(amount)?)
    })?;
    let hooks = change_stake(deps, &env, &config, &staker, old, new)?;
    Ok(Response::new()
        .add_messages(hooks)
        .add_attribute("action", "unstake")
        .add_attribute("staker", staker)
        .add_attribute("amount", amount)
        .add_attribute("stake", new)
        .add_attributes([release_attr(&release_at)]))
}

/// The `unstake` event's release attribute: `release_at` = unix seconds for
/// a time (the first whole second at which the claim can be paid), `release_height` = a block
/// height for a height (only a layout-1 record can hold a height unbonding).
/// Plain integers, never cw-utils' `Display` text.
pub fn release_attr(e: &Expiration) -> cosmwasm_std::Attribute {
    match e {
        Expiration::AtTime(t) => {
            // the first whole second at or after the release (a claim is
            // paid once block time >= release time)
            let secs = t.seconds() + u64::from(t.subsec_nanos() > 0);
            cosmwasm_std::Attribute::new("release_at", secs.to_string())
        }
        Expiration::AtHeight(h) => cosmwasm_std::Attribute::new("release_height", h.to_string()),
        // `release_time` makes only the two above.
        Expiration::Never {} => cosmwasm_std::Attribute::new("release_at", "never"),
    }
}

fn claim(deps: DepsMut, env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    let amount = CLAIMS.claim_tokens(deps.storage, &info.sender, &env.block, None)?;
    if amount.is_zero() {
        let pending = CLAIMS
            .query_claims(deps.as_ref(), &info.sender)?
            .claims
            .iter()
            .map(|c| c.amount)
            .sum();
        return Err(ContractError::NothingToClaim {
            address: info.sender.to_string(),
            pending,
        });
    }
    TOTAL_CLAIMS.update(deps.storage, |t| -> Result<_, ContractError> {
        Ok(t.checked_sub(amount)?)
    })?;
    let token = CORE.load(deps.storage)?.token;
    let pay = AssetInfo::Cw20(token)
        .with_amount(amount)
        .transfer_msg(&info.sender)?;
    Ok(Response::new()
        .add_message(pay)
        .add_attribute("action", "claim")
        .add_attribute("staker", info.sender)
        .add_attribute("amount", amount))
}

/// When a claim made now is paid: `now + unbonding`, checked (never a panic,
/// whatever the block time). Heights are refused by `check_params`; a stored
/// height duration (layout 1) is added checked too.
fn release_time(block: &BlockInfo, unbonding: Duration) -> Result<Expiration, ContractError> {
    let overflow = || ContractError::TimeOverflow {
        what: "claim release".into(),
        now: block.time.seconds(),
        plus: match unbonding {
            Duration::Time(t) | Duration::Height(t) => t,
        },
    };
    match unbonding {
        Duration::Time(secs) => {
            let nanos = secs
                .checked_mul(1_000_000_000)
                .and_then(|n| n.checked_add(block.time.nanos()))
                .ok_or_else(overflow)?;
            Ok(Expiration::AtTime(Timestamp::from_nanos(nanos)))
        }
        Duration::Height(h) => Ok(Expiration::AtHeight(
            block.height.checked_add(h).ok_or_else(overflow)?,
        )),
    }
}

/// Unbonding in seconds, as the exit rule compares it with timelocks. A
/// height duration (refused by `check_params`, possible only in a layout-1
/// record) counts as the longest period.
fn unbonding_secs(d: Duration) -> u64 {
    match d {
        Duration::Time(t) => t,
        Duration::Height(_) => MAX_PERIOD,
    }
}

/// Whether `addr` names `target`; an address that does not validate is
/// treated as naming it (conservative: the class can only get stricter).
fn names(deps: Deps, addr: &str, target: &Addr) -> bool {
    deps.api.addr_validate(addr).map_or(true, |a| a == *target)
}

/// Classifies a proposal's messages (see `ProposalClass`).
pub fn classify(deps: Deps, env: &Env, token: &Addr, msgs: &[CosmosMsg]) -> ProposalClass {
    let me = &env.contract.address;
    let mut class = ProposalClass::default();
    // Only a proposal that does nothing but set or clear the guardian is
    // beyond its veto: a bundle stays vetoable, so removing the guardian
    // cannot shield anything else.
    let guardian_change = |m: &CosmosMsg| match m {
        CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr, msg, ..
        }) => {
            deps.api.addr_validate(contract_addr).ok().as_ref() == Some(me)
                && matches!(
                    from_json::<ExecuteMsg>(msg),
                    Ok(ExecuteMsg::UpdateGuardian { .. })
                )
        }
        _ => false,
    };
    class.guardian_change = !msgs.is_empty() && msgs.iter().all(guardian_change);
    for m in msgs {
        match m {
            CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr, msg, ..
            }) => {
                if names(deps, contract_addr, token) {
                    let surplus_transfer = matches!(
                        from_json::<cw20::Cw20ExecuteMsg>(msg),
                        Ok(cw20::Cw20ExecuteMsg::Transfer { .. })
                    );
                    class.custody |= !surplus_transfer;
                }
            }
            CosmosMsg::Wasm(
                WasmMsg::Migrate { contract_addr, .. }
                | WasmMsg::UpdateAdmin { contract_addr, .. }
                | WasmMsg::ClearAdmin { contract_addr },
            ) => {
                class.custody |=
                    names(deps, contract_addr, me) || names(deps, contract_addr, token);
            }
            CosmosMsg::Wasm(_) | CosmosMsg::Bank(_) | CosmosMsg::Custom(_) => {}
            // Native staking, distribution, gov and IBC messages cannot move
            // a cw20 (their variants exist only under chain features, so they
            // are recognised by their JSON key). Stargate / Any and anything
            // added later are opaque: custody.
            other => class.custody |= !native_kind(other),
        }
    }
    class
}

/// Whether a message is one of the native kinds that cannot touch FAIR.
fn native_kind(msg: &CosmosMsg) -> bool {
    let Ok(json) = to_json_vec(msg) else {
        return false;
    };
    ["staking", "distribution", "gov", "ibc"]
        .iter()
        .any(|k| json.starts_with(format!("{{\"{k}\":").as_bytes()))
}

fn check_text(title: &str, description: &str, msgs: usize) -> Result<(), ContractError> {
    if title.is_empty() || title.len() > MAX_TITLE_LEN {
        return Err(ContractError::BadTitle {
            len: title.len(),
            max: MAX_TITLE_LEN,
        });
    }
    if description.len() > MAX_DESCRIPTION_LEN {
        return Err(ContractError::DescriptionTooLong {
            len: description.len(),
            max: MAX_DESCRIPTION_LEN,
        });
    }
    if msgs > MAX_MSGS {
        return Err(ContractError::TooManyMsgs {
            count: msgs,
            max: MAX_MSGS,
        });
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn propose(
    deps: DepsMut,
    env: Env,
    config: &Core,
    proposer: Addr,
    deposit: Uint128,
    title: String,
    description: String,
    msgs: Vec<CosmosMsg>,
) -> Result<Response, ContractError> {
    let p = &load_params(deps.storage)?;
    if deposit < p.min_deposit {
        return Err(ContractError::DepositTooLow {
            got: deposit,
            min: p.min_deposit,
        });
    }
    check_text(&title, &description, msgs.len())?;
    let bytes = to_json_vec(&msgs)?.len();
    if bytes > MAX_MSGS_BYTES {
        return Err(ContractError::MsgsTooLarge {
            bytes,
            max: MAX_MSGS_BYTES,
        });
    }
    let h = env.block.height;
    // Power at the start of this block, like a vote: staking in this block does not help.
    if !p.min_propose_power.is_zero() {
        let unit = unit_at(
            deps.storage,
            &proposer,
            Some(h),
            h,
            config.curve,
            config.min_stake,
        )?;
        // An identity holding an expired link proposes with nothing.
        let power = if unit.expired.is_some() {
            Uint128::zero()
        } else {
            unit.power
        };
        if power < p.min_propose_power {
            return Err(ContractError::ProposePowerTooLow {
                proposer: proposer.to_string(),
                power,
                min: p.min_propose_power,
                height: h,
            });
        }
    }
    let total_power = METRICS
        .may_load_at_height(deps.storage, h)?
        .unwrap_or_default()
        .total_power;
    let mut meta = META.load(deps.storage)?;
    meta.count += 1;
    meta.deposits = meta.deposits.checked_add(deposit)?;
    META.save(deps.storage, &meta)?;
    let id = meta.count;
    let now = env.block.time.seconds();
    let voting_end = now
        .checked_add(p.voting_period)
        .ok_or(ContractError::TimeOverflow {
            what: "voting end".into(),
            now,
            plus: p.voting_period,
        })?;
    let class = classify(deps.as_ref(), &env, &config.token, &msgs);
    // Exit before custody changes: a holder who unstakes while the proposal
    // is open (before `voting_end`) is paid before `voting_end + unbonding`.
    let timelock = if class.custody {
        p.timelock.max(unbonding_secs(p.unbonding_period))
    } else {
        p.timelock
    };
    save_kind(
        deps.storage,
        id,
        Kind {
            class,
            refund: p.deposit_refund,
        },
    )?;
    let terms = Terms {
        start_height: h,
        voting_end,
        timelock,
        window: p.execution_window,
        total_power,
        deposit,
        curve: config.curve,
        min_stake: config.min_stake,
        cap: p.cap,
        quorum: p.quorum,
        threshold: p.threshold,
        veto_threshold: p.veto_threshold,
    };
    // No tally is written: an absent tally reads as empty.
    TERMS.save(deps.storage, id, &terms)?;
    BODIES.save(
        deps.storage,
        id,
        &Body {
            proposer: proposer.clone(),
            title,
            description,
            msgs,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "propose")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("proposer", proposer)
        .add_attribute("deposit", deposit)
        .add_attribute("start_height", h.to_string())
        .add_attribute("voting_end", voting_end.to_string())
        .add_attribute("custody", class.custody.to_string()))
}

fn load_proposal(deps: Deps, id: u64) -> Result<(Terms, TallyState), ContractError> {
    let terms = TERMS
        .may_load(deps.storage, id)?
        .ok_or(ContractError::ProposalNotFound { id })?;
    Ok((terms, load_tally(deps.storage, id)?))
}

pub fn status_of(terms: &Terms, tally: &TallyState, now: u64) -> ProposalStatus {
    math::effective_status(
        tally.stored,
        || {
            math::decide(
                &tally.tally(),
                terms.total_power,
                terms.quorum,
                terms.threshold,
                terms.veto_threshold,
            )
        },
        Clock {
            voting_end: terms.voting_end,
            executable_at: terms.executable_at(),
            expires_at: terms.expires_at(),
        },
        now,
    )
}

fn cast_vote(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    vote: VoteOption,
) -> Result<Response, ContractError> {
    let (terms, mut state) = load_proposal(deps.as_ref(), id)?;
    let now = env.block.time.seconds();
    if now >= terms.voting_end {
        return Err(ContractError::VotingClosed {
            id,
            voting_end: terms.voting_end,
            now,
        });
    }
    let voter = info.sender;
    let h = terms.start_height;
    let unit = unit_at(
        deps.storage,
        &voter,
        Some(h),
        h,
        terms.curve,
        terms.min_stake,
    )?;
    if let (Some(identity), Some(expired_at)) = (unit.identity, unit.expired) {
        return Err(ContractError::ExpiredAttestation {
            voter: voter.to_string(),
            identity,
            expired_at,
            height: h,
        });
    }
    let power = unit
        .power
        .min(math::cap_limit(terms.cap, terms.total_power));
    if power.is_zero() {
        return Err(ContractError::NoVotingPower {
            voter: voter.to_string(),
            id,
            height: h,
        });
    }
    let mut tally = state.tally();
    // One ballot per unit: an identity's ballot is held by the address that
    // cast it last; another address of the same identity replaces it.
    let mut replaced = None;
    if let Some(identity) = unit.identity {
        if let Some(prev) = IDENTITY_VOTERS.may_load(deps.storage, (id, identity))? {
            if prev != voter {
                if let Some(old) = BALLOTS.may_load(deps.storage, (id, &prev))? {
                    math::sub_vote(&mut tally, &option_from_code(old.option), old.power)?;
                }
                BALLOTS.remove(deps.storage, (id, &prev));
                replaced = Some(prev);
            }
        }
        IDENTITY_VOTERS.save(deps.storage, (id, identity), &voter)?;
    }
    if let Some(old) = BALLOTS.may_load(deps.storage, (id, &voter))? {
        math::sub_vote(&mut tally, &option_from_code(old.option), old.power)?;
    }
    math::add_vote(&mut tally, &vote, power)?;
    state.set_tally(&tally);
    TALLIES.save(deps.storage, id, &state)?;
    BALLOTS.save(
        deps.storage,
        (id, &voter),
        &BallotState {
            option: option_code(&vote),
            power,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "vote")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("voter", voter)
        .add_attribute("vote", format!("{vote:?}").to_lowercase())
        .add_attribute("power", power)
        .add_attribute(
            "voter_identity",
            unit.identity
                .map_or_else(|| "none".to_string(), |i| i.to_string()),
        )
        .add_attribute(
            "replaced",
            replaced.map_or_else(|| "none".to_string(), |a| a.to_string()),
        ))
}

/// The registry's hook: `change.address` moves to `change.new` (a link that
/// is already expired counts as none).
fn identity_changed(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    change: IdentityChange,
) -> Result<Response, ContractError> {
    let registry = REGISTRY.may_load(deps.storage)?;
    if registry.as_ref() != Some(&info.sender) {
        return Err(ContractError::NotRegistry {
            sender: info.sender.to_string(),
            registry: registry.map_or_else(|| "none".to_string(), |r| r.to_string()),
        });
    }
    let h = env.block.height;
    let addr = deps.api.addr_validate(&change.address)?;
    let new = change
        .new
        .map(|identity| Link {
            identity,
            expires_at: change.expires_at_height,
        })
        .filter(|l| !l.expired_at(h));
    let core = CORE.load(deps.storage)?;
    let old = identity::relink(deps.storage, h, &addr, new, core.curve, core.min_stake)?;
    let shown = |l: Option<Link>| l.map_or_else(|| "none".to_string(), |l| l.identity.to_string());
    Ok(Response::new()
        .add_attribute("action", "identity_changed")
        .add_attribute("address", addr)
        .add_attribute("old", shown(old))
        .add_attribute("new", shown(new)))
}

/// Removes a link governance recorded once its expiry height is reached.
fn report_expiry(deps: DepsMut, env: Env, address: String) -> Result<Response, ContractError> {
    let h = env.block.height;
    let addr = deps.api.addr_validate(&address)?;
    let link = LINKS.may_load(deps.storage, &addr)?;
    let Some(l) = link.filter(|l| l.expired_at(h)) else {
        return Err(ContractError::LinkNotExpired {
            address,
            identity: link.map(|l| l.identity),
            expires_at: link.and_then(|l| l.expires_at),
            height: h,
        });
    };
    let core = CORE.load(deps.storage)?;
    identity::relink(deps.storage, h, &addr, None, core.curve, core.min_stake)?;
    Ok(Response::new()
        .add_attribute("action", "report_expiry")
        .add_attribute("address", addr)
        .add_attribute("identity", l.identity.to_string())
        .add_attribute("expired_at", l.expires_at.unwrap_or_default().to_string()))
}

/// Validates and stores the registry; returns the policy (which the caller
/// writes into the metrics, where it is snapshotted with the total).
fn set_registry(
    deps: DepsMut,
    msg: &IdentityConfigMsg,
) -> Result<fairgrid::governance::UnidentifiedPolicy, ContractError> {
    match &msg.registry {
        Some(r) => REGISTRY.save(deps.storage, &deps.api.addr_validate(r)?)?,
        None => REGISTRY.remove(deps.storage),
    }
    Ok(msg.unidentified)
}

/// Sets the registry and the policy; the total power follows the policy
/// from the next height on (O(1)).
fn apply_identity_config(
    mut deps: DepsMut,
    h: u64,
    msg: &IdentityConfigMsg,
) -> Result<(), ContractError> {
    let policy = set_registry(deps.branch(), msg)?;
    let curve = CORE.load(deps.storage)?.curve;
    let mut m = METRICS.load(deps.storage)?;
    m.policy = policy;
    math::refresh_total(&mut m, curve)?;
    METRICS.save(deps.storage, &m, h)?;
    Ok(())
}

fn update_identity_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    identity: IdentityConfigMsg,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "update_identity_config")?;
    apply_identity_config(deps, env.block.height, &identity)?;
    Ok(Response::new()
        .add_attribute("action", "update_identity_config")
        .add_attribute(
            "registry",
            identity.registry.unwrap_or_else(|| "none".to_string()),
        )
        .add_attribute("unidentified", policy_name(identity.unidentified)))
}

pub fn policy_name(p: fairgrid::governance::UnidentifiedPolicy) -> &'static str {
    use fairgrid::governance::UnidentifiedPolicy as P;
    match p {
        P::PerAddress => "per_address",
        P::None => "none",
        P::LinearShare => "linear_share",
    }
}

fn execute_proposal(deps: DepsMut, env: Env, id: u64) -> Result<Response, ContractError> {
    let (terms, mut state) = load_proposal(deps.as_ref(), id)?;
    let now = env.block.time.seconds();
    match status_of(&terms, &state, now) {
        ProposalStatus::Executable => {}
        ProposalStatus::Passed => {
            return Err(ContractError::TimelockNotOver {
                id,
                executable_at: terms.executable_at(),
                now,
            })
        }
        status @ (ProposalStatus::Executed | ProposalStatus::ExecutionFailed) => {
            return Err(ContractError::AlreadyExecuted { id, status })
        }
        ProposalStatus::Expired => {
            return Err(ContractError::ProposalExpired {
                id,
                expires_at: terms.expires_at(),
                now,
            })
        }
        status => return Err(ContractError::NotPassed { id, status }),
    }
    // Custody proposals wait for the unbonding period as it is NOW, so a
    // longer unbonding voted meanwhile (or a layout-1 proposal) still leaves
    // every holder who unstaked while it was open paid first.
    if load_kind(deps.storage, id)?.class.custody {
        let unbonding = unbonding_secs(load_params(deps.storage)?.unbonding_period);
        let executable_at = terms.voting_end.saturating_add(unbonding);
        if now < executable_at {
            return Err(ContractError::TimelockNotOver {
                id,
                executable_at,
                now,
            });
        }
    }
    state.stored = Stored::Executed;
    state.settled = true;
    TALLIES.save(deps.storage, id, &state)?;
    RUNNING.save(deps.storage, &id)?;
    release_deposit(deps.storage, terms.deposit)?;
    let body = BODIES.load(deps.storage, id)?;
    let run = SubMsg::reply_on_error(
        WasmMsg::Execute {
            contract_addr: env.contract.address.to_string(),
            msg: to_json_binary(&ExecuteMsg::RunProposal { proposal_id: id })?,
            funds: vec![],
        },
        id,
    );
    let token = CORE.load(deps.storage)?.token;
    // The refund goes first, so the solvency check after the proposal's
    // messages sees the deposit already gone.
    let mut res = Response::new();
    if !terms.deposit.is_zero() {
        res = res.add_message(
            AssetInfo::Cw20(token)
                .with_amount(terms.deposit)
                .transfer_msg(&body.proposer)?,
        );
    }
    Ok(res
        .add_submessage(run)
        .add_attribute("action", "execute")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("deposit_refunded", terms.deposit)
        .add_attribute("proposer", body.proposer))
}

fn run_proposal(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "run_proposal")?;
    if RUNNING.may_load(deps.storage)? != Some(id) {
        return Err(ContractError::NotRunning { id });
    }
    RUNNING.remove(deps.storage);
    let body = BODIES.load(deps.storage, id)?;
    let check = WasmMsg::Execute {
        contract_addr: env.contract.address.to_string(),
        msg: to_json_binary(&ExecuteMsg::CheckSolvency {})?,
        funds: vec![],
    };
    Ok(Response::new()
        .add_messages(body.msgs)
        .add_message(check)
        .add_attribute("action", "run_proposal")
        .add_attribute("proposal_id", id.to_string()))
}

fn check_solvency(deps: DepsMut, env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    only_self(&env, &info, "check_solvency")?;
    let token = CORE.load(deps.storage)?.token;
    let m = METRICS.load(deps.storage)?;
    let owed = m
        .total_stake
        .checked_add(TOTAL_CLAIMS.load(deps.storage)?)?
        .checked_add(META.load(deps.storage)?.deposits)?;
    let held: cw20::BalanceResponse = deps.querier.query_wasm_smart(
        &token,
        &cw20::Cw20QueryMsg::Balance {
            address: env.contract.address.to_string(),
        },
    )?;
    if held.balance < owed {
        return Err(ContractError::Insolvent {
            held: held.balance,
            owed,
        });
    }
    // An allowance moves no balance but makes governance's FAIR spendable by
    // someone else: none may be outstanding after a proposal.
    let allowances: cw20::AllAllowancesResponse = deps.querier.query_wasm_smart(
        &token,
        &cw20::Cw20QueryMsg::AllAllowances {
            owner: env.contract.address.to_string(),
            start_after: None,
            limit: Some(1),
        },
    )?;
    if let Some(a) = allowances.allowances.first() {
        return Err(ContractError::AllowanceOutstanding {
            spender: a.spender.clone(),
            amount: a.allowance,
        });
    }
    Ok(Response::new()
        .add_attribute("action", "check_solvency")
        .add_attribute("held", held.balance)
        .add_attribute("owed", owed))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, _env: Env, msg: Reply) -> Result<Response, ContractError> {
    let id = msg.id;
    let SubMsgResult::Err(error) = msg.result else {
        return Err(ContractError::UnexpectedReply {
            id,
            reason: "only failures are replied to".into(),
        });
    };
    let mut state = load_tally(deps.storage, id)?;
    if state.stored != Stored::Executed {
        return Err(ContractError::UnexpectedReply {
            id,
            reason: "proposal is not being executed".into(),
        });
    }
    state.stored = Stored::ExecutionFailed;
    TALLIES.save(deps.storage, id, &state)?;
    RUNNING.remove(deps.storage);
    Ok(Response::new()
        .add_attribute("action", "execution_failed")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("error_code", crate::error_code::classify(&error))
        .add_attribute("error", error))
}

fn close_proposal(deps: DepsMut, env: Env, id: u64) -> Result<Response, ContractError> {
    let (terms, mut state) = load_proposal(deps.as_ref(), id)?;
    let status = status_of(&terms, &state, env.block.time.seconds());
    match status {
        ProposalStatus::Rejected
        | ProposalStatus::Vetoed
        | ProposalStatus::Expired
        | ProposalStatus::Executed
        | ProposalStatus::ExecutionFailed => {}
        _ => return Err(ContractError::NotFinished { id, status }),
    }
    if state.settled {
        return Err(ContractError::DepositAlreadySettled { id });
    }
    state.settled = true;
    TALLIES.save(deps.storage, id, &state)?;
    let refund = refunded(deps.as_ref(), id, status)?;
    let (res, to) = settle_deposit(deps, id, &terms, refund)?;
    Ok(res
        .add_attribute("action", "close_proposal")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("status", format!("{status:?}").to_lowercase())
        .add_attribute("deposit", terms.deposit)
        .add_attribute("deposit_to", to))
}

/// Whether a finished proposal's deposit goes back to its proposer, by the
/// refund policy copied into the proposal at creation.
fn refunded(deps: Deps, id: u64, status: ProposalStatus) -> Result<bool, ContractError> {
    let vetoed = status == ProposalStatus::Vetoed;
    let passed = matches!(
        status,
        ProposalStatus::Executed | ProposalStatus::ExecutionFailed | ProposalStatus::Expired
    );
    Ok(match load_kind(deps.storage, id)?.refund {
        RefundPolicy::Always => true,
        RefundPolicy::OnlyPassed => passed,
        RefundPolicy::NotVetoed => !vetoed,
    })
}

/// Sends the deposit back to the proposer when `refund`, else to the treasury.
fn settle_deposit(
    deps: DepsMut,
    id: u64,
    terms: &Terms,
    refund: bool,
) -> Result<(Response, Addr), ContractError> {
    let to = if refund {
        BODIES.load(deps.storage, id)?.proposer
    } else {
        load_params(deps.storage)?.treasury
    };
    release_deposit(deps.storage, terms.deposit)?;
    let mut res = Response::new();
    if !terms.deposit.is_zero() {
        res = res.add_message(
            AssetInfo::Cw20(CORE.load(deps.storage)?.token)
                .with_amount(terms.deposit)
                .transfer_msg(&to)?,
        );
    }
    Ok((res, to))
}

fn release_deposit(
    store: &mut dyn cosmwasm_std::Storage,
    amount: Uint128,
) -> Result<(), ContractError> {
    let mut meta = META.load(store)?;
    meta.deposits = meta.deposits.checked_sub(amount)?;
    META.save(store, &meta)?;
    Ok(())
}

fn guardian_veto(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let guardian = GUARDIAN
        .may_load(deps.storage)?
        .ok_or(ContractError::NoGuardian { id })?;
    if info.sender != guardian {
        return Err(ContractError::NotGuardian {
            sender: info.sender.to_string(),
            guardian: guardian.to_string(),
        });
    }
    let (terms, mut state) = load_proposal(deps.as_ref(), id)?;
    let status = status_of(&terms, &state, env.block.time.seconds());
    if status != ProposalStatus::Passed {
        return Err(ContractError::VetoOutsideTimelock { id, status });
    }
    // Classified again from the body, so layout-1 proposals are covered too.
    let body = BODIES.load(deps.storage, id)?;
    let token = CORE.load(deps.storage)?.token;
    if load_kind(deps.storage, id)?.class.guardian_change
        || classify(deps.as_ref(), &env, &token, &body.msgs).guardian_change
    {
        return Err(ContractError::GuardianChangeNotVetoable {
            id,
            guardian: guardian.to_string(),
        });
    }
    state.stored = Stored::GuardianVetoed;
    state.settled = true;
    TALLIES.save(deps.storage, id, &state)?;
    let refund = refunded(deps.as_ref(), id, ProposalStatus::Vetoed)?;
    let (res, to) = settle_deposit(deps, id, &terms, refund)?;
    Ok(res
        .add_attribute("action", "guardian_veto")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("guardian", guardian)
        .add_attribute("deposit", terms.deposit)
        .add_attribute("deposit_to", to))
}

fn only_self(env: &Env, info: &MessageInfo, action: &str) -> Result<(), ContractError> {
    if info.sender != env.contract.address {
        return Err(ContractError::NotSelf {
            action: action.to_string(),
            sender: info.sender.to_string(),
            expected: env.contract.address.to_string(),
        });
    }
    Ok(())
}

fn out_of_range(name: &str, got: impl std::fmt::Display, range: &str) -> ContractError {
    ContractError::InvalidParam {
        name: name.to_string(),
        reason: format!("must be {range}, got {got}"),
    }
}

fn check_period(name: &str, v: u64, min: u64) -> Result<(), ContractError> {
    if v < min || v > MAX_PERIOD {
        return Err(out_of_range(
            name,
            v,
            &format!("{min}..={MAX_PERIOD} seconds"),
        ));
    }
    Ok(())
}

/// Checks every parameter against its documented range (`ParamsMsg`).
/// `guardian` says whether a guardian is (or will be) set: then the
/// timelock must be at least `MIN_GUARDIAN_TIMELOCK`.
pub fn check_params(deps: Deps, p: ParamsMsg, guardian: bool) -> Result<Params, ContractError> {
    if p.cap.is_zero() {
        return Err(out_of_range("cap", 0, "1..=10000 bps"));
    }
    if let Threshold::Percent(b) = p.threshold {
        if b.is_zero() {
            return Err(out_of_range("threshold", 0, "1..=10000 bps or majority"));
        }
    }
    if p.veto_threshold.is_zero() {
        return Err(out_of_range("veto_threshold", 0, "1..=10000 bps"));
    }
    check_period("voting_period", p.voting_period, 1)?;
    let min_timelock = if guardian { MIN_GUARDIAN_TIMELOCK } else { 0 };
    if p.timelock < min_timelock || p.timelock > MAX_PERIOD {
        let range = if guardian {
            format!("{MIN_GUARDIAN_TIMELOCK}..={MAX_PERIOD} seconds while a guardian is set")
        } else {
            format!("0..={MAX_PERIOD} seconds")
        };
        return Err(out_of_range("timelock", p.timelock, &range));
    }
    check_period("execution_window", p.execution_window, 1)?;
    match p.unbonding_period {
        Duration::Time(t) => check_period("unbonding_period", t, 0)?,
        Duration::Height(h) => {
            return Err(out_of_range(
                "unbonding_period",
                format!("height {h}"),
                &format!("a time of 0..={MAX_PERIOD} seconds"),
            ))
        }
    }
    Ok(Params {
        cap: p.cap,
        quorum: p.quorum,
        threshold: p.threshold,
        veto_threshold: p.veto_threshold,
        voting_period: p.voting_period,
        timelock: p.timelock,
        execution_window: p.execution_window,
        min_deposit: p.min_deposit,
        min_propose_power: p.min_propose_power,
        unbonding_period: p.unbonding_period,
        treasury: deps.api.addr_validate(&p.treasury)?,
        deposit_refund: p.deposit_refund,
    })
}

/// `Params` back as the message that sets them (to re-check stored ones).
fn params_msg(p: Params) -> ParamsMsg {
    ParamsMsg {
        cap: p.cap,
        quorum: p.quorum,
        threshold: p.threshold,
        veto_threshold: p.veto_threshold,
        voting_period: p.voting_period,
        timelock: p.timelock,
        execution_window: p.execution_window,
        min_deposit: p.min_deposit,
        min_propose_power: p.min_propose_power,
        unbonding_period: p.unbonding_period,
        treasury: p.treasury.into_string(),
        deposit_refund: p.deposit_refund,
    }
}

fn update_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    params: ParamsMsg,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "update_config")?;
    let guardian = GUARDIAN.may_load(deps.storage)?.is_some();
    let params = check_params(deps.as_ref(), params, guardian)?;
    let old = load_params(deps.storage)?;
    save_params(deps.storage, &params)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attributes(changed_params(&old, &params)))
}

/// One attribute per parameter that differs between `old` and `new`, in
/// `ParamsMsg` field order, key = field name, value = the new value as plain
/// text: bps and seconds as integers, amounts as integers, `threshold` as
/// its bps or `majority`, `unbonding_period` as seconds (`height:<n>` for a
/// layout-1 height), `treasury` as the address, `deposit_refund` as its
/// snake-case name. Unchanged fields give nothing.
pub fn changed_params(old: &Params, new: &Params) -> Vec<cosmwasm_std::Attribute> {
    fn threshold(t: Threshold) -> String {
        match t {
            Threshold::Percent(b) => b.get().to_string(),
            Threshold::Majority {} => "majority".into(),
        }
    }
    fn duration(d: Duration) -> String {
        match d {
            Duration::Time(t) => t.to_string(),
            Duration::Height(h) => format!("height:{h}"),
        }
    }
    fn refund(r: RefundPolicy) -> &'static str {
        match r {
            RefundPolicy::Always => "always",
            RefundPolicy::OnlyPassed => "only_passed",
            RefundPolicy::NotVetoed => "not_vetoed",
        }
    }
    let mut out = vec![];
    let mut diff = |key: &str, changed: bool, value: String| {
        if changed {
            out.push(cosmwasm_std::Attribute::new(key, value));
        }
    };
    diff("cap", old.cap != new.cap, new.cap.get().to_string());
    diff(
        "quorum",
        old.quorum != new.quorum,
        new.quorum.get().to_string(),
    );
    diff(
        "threshold",
        old.threshold != new.threshold,
        threshold(new.threshold),
    );
    diff(
        "veto_threshold",
        old.veto_threshold != new.veto_threshold,
        new.veto_threshold.get().to_string(),
    );
    diff(
        "voting_period",
        old.voting_period != new.voting_period,
        new.voting_period.to_string(),
    );
    diff(
        "timelock",
        old.timelock != new.timelock,
        new.timelock.to_string(),
    );
    diff(
        "execution_window",
        old.execution_window != new.execution_window,
        new.execution_window.to_string(),
    );
    diff(
        "min_deposit",
        old.min_deposit != new.min_deposit,
        new.min_deposit.to_string(),
    );
    diff(
        "min_propose_power",
        old.min_propose_power != new.min_propose_power,
        new.min_propose_power.to_string(),
    );
    diff(
        "unbonding_period",
        old.unbonding_period != new.unbonding_period,
        duration(new.unbonding_period),
    );
    diff(
        "treasury",
        old.treasury != new.treasury,
        new.treasury.to_string(),
    );
    diff(
        "deposit_refund",
        old.deposit_refund != new.deposit_refund,
        refund(new.deposit_refund).to_string(),
    );
    out
}

fn apply_hooks(
    deps: Deps,
    mut hooks: Vec<Addr>,
    add: Vec<String>,
    remove: Vec<String>,
) -> Result<Vec<Addr>, ContractError> {
    for r in remove {
        let addr = deps.api.addr_validate(&r)?;
        let pos = hooks
            .iter()
            .position(|h| *h == addr)
            .ok_or(ContractError::HookNotFound { hook: r })?;
        hooks.remove(pos);
    }
    for a in add {
        let addr = deps.api.addr_validate(&a)?;
        if hooks.contains(&addr) {
            return Err(ContractError::HookExists { hook: a });
        }
        hooks.push(addr);
    }
    if hooks.len() > MAX_HOOKS {
        return Err(ContractError::TooManyHooks {
            count: hooks.len(),
            max: MAX_HOOKS,
        });
    }
    Ok(hooks)
}

fn update_hooks(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    add: Vec<String>,
    remove: Vec<String>,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "update_hooks")?;
    let (added, removed) = (add.join(","), remove.join(","));
    let mut core = CORE.load(deps.storage)?;
    let hooks = apply_hooks(deps.as_ref(), core.hooks, add, remove)?;
    core.hooks = hooks.clone();
    CORE.save(deps.storage, &core)?;
    Ok(Response::new()
        .add_attribute("action", "update_hooks")
        .add_attribute("added", added)
        .add_attribute("removed", removed)
        .add_attribute("hooks", hooks.len().to_string()))
}

fn update_guardian(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    guardian: Option<String>,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "update_guardian")?;
    let shown = match guardian {
        Some(g) => {
            let g = deps.api.addr_validate(&g)?;
            let timelock = load_params(deps.storage)?.timelock;
            if timelock < MIN_GUARDIAN_TIMELOCK {
                return Err(out_of_range(
                    "timelock",
                    timelock,
                    &format!(
                        "{MIN_GUARDIAN_TIMELOCK}..={MAX_PERIOD} seconds while a guardian is set"
                    ),
                ));
            }
            GUARDIAN.save(deps.storage, &g)?;
            g.to_string()
        }
        None => {
            GUARDIAN.remove(deps.storage);
            "none".to_string()
        }
    };
    Ok(Response::new()
        .add_attribute("action", "update_guardian")
        .add_attribute("guardian", shown))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::query(deps, env, msg)
}

/// Migrates the stored layout to `LAYOUT_VERSION` (O(1): only the params
/// record (layout 2) and the metrics record (layout 3) changed shape), sets
/// the identity configuration when `msg.identity` is given, and checks the parameters, `msg.params` when given
/// (the way to repair parameters an older version accepted), else the stored
/// ones, against today's ranges.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(mut deps: DepsMut, env: Env, msg: MigrateMsg) -> Result<Response, ContractError> {
    let from = ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let layout = LAYOUT.may_load(deps.storage)?.unwrap_or(1);
    let stored = match layout {
        1 => params_from_v1(PARAMS_V1.load(deps.storage)?),
        _ => load_params(deps.storage)?,
    };
    let guardian = GUARDIAN.may_load(deps.storage)?.is_some();
    let params = check_params(
        deps.as_ref(),
        msg.params.unwrap_or_else(|| params_msg(stored.clone())),
        guardian,
    )?;
    save_params(deps.storage, &params)?;
    let changed = changed_params(&stored, &params);
    if layout < 3 {
        // The layout-2 metrics record reads as every staker without identity
        // under `per_address`; written back in the layout-3 shape, in place
        // (same value: no changelog entry). Changelog entries of past heights
        // keep their layout-2 bytes, which still read.
        let m = METRICS.load(deps.storage)?;
        deps.storage.set(METRICS_KEY, &to_json_vec(&m)?);
    }
    if let Some(identity) = &msg.identity {
        apply_identity_config(deps.branch(), env.block.height, identity)?;
    }
    LAYOUT.save(deps.storage, &LAYOUT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from.to_string())
        .add_attribute("to_version", CONTRACT_VERSION)
        .add_attribute("from_layout", layout.to_string())
        .add_attribute("to_layout", LAYOUT_VERSION.to_string())
        .add_attributes(changed))
}
