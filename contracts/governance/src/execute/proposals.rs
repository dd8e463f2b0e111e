//! Proposals: propose (checks, proposer power, classification, records) and
//! vote (one ballot per voting unit).

use cosmwasm_std::{
    from_json, to_json_vec, Addr, CosmosMsg, Deps, DepsMut, Env, MessageInfo, Response, Storage,
    Uint128, WasmMsg,
};
use fairgrid::governance::{
    ExecuteMsg, Params, ProposalClass, VoteOption, MAX_DESCRIPTION_LEN, MAX_MSGS, MAX_MSGS_BYTES,
    MAX_TITLE_LEN,
};

use fairgrid::checks::check_text_len;

use super::unbonding_secs;
use crate::error::ContractError;
use crate::identity::{unit_at, Unit};
use crate::math;
use crate::state::{
    load_params, load_proposal, option_code, option_from_code, save_kind, BallotState, Body, Core,
    Kind, Meta, Terms, BALLOTS, BODIES, IDENTITY_VOTERS, META, METRICS, TALLIES, TERMS,
};

/// What a `propose` carries besides its deposit.
pub struct Proposal {
    pub title: String,
    pub description: String,
    pub msgs: Vec<CosmosMsg>,
}

/// Opens a proposal: deposit, text and message bounds, the proposer's power
/// at the start of this block, then the id, terms (copied parameters, total
/// power at this height, custody timelock), kind and body.
pub fn propose(
    deps: DepsMut,
    env: Env,
    config: &Core,
    proposer: Addr,
    deposit: Uint128,
    proposal: Proposal,
) -> Result<Response, ContractError> {
    let p = &load_params(deps.storage)?;
    check_proposal(p, deposit, &proposal)?;
    let h = env.block.height;
    check_propose_power(deps.storage, p, config, &proposer, h)?;
    let total_power = METRICS
        .may_load_at_height(deps.storage, h)?
        .unwrap_or_default()
        .total_power;
    let id = next_id(deps.storage, deposit)?;
    let now = env.block.time.seconds();
    let voting_end = now
        .checked_add(p.voting_period)
        .ok_or(ContractError::TimeOverflow {
            what: "voting end".into(),
            now,
            plus: p.voting_period,
        })?;
    let class = classify(deps.as_ref(), &env, &config.token, &proposal.msgs);
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
        timelock: custody_timelock(p, class),
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
    save_proposal(deps.storage, id, &terms, &proposer, proposal)?;
    Ok(Response::new()
        .add_attribute("action", "propose")
        .add_attribute("proposal_id", id.to_string())
        .add_attribute("proposer", proposer)
        .add_attribute("deposit", deposit)
        .add_attribute("start_height", h.to_string())
        .add_attribute("voting_end", voting_end.to_string())
        .add_attribute("custody", class.custody.to_string()))
}

/// The deposit, the text lengths, the message count and their JSON size.
fn check_proposal(p: &Params, deposit: Uint128, proposal: &Proposal) -> Result<(), ContractError> {
    if deposit < p.min_deposit {
        return Err(ContractError::DepositTooLow {
            got: deposit,
            min: p.min_deposit,
        });
    }
    check_text(&proposal.title, &proposal.description, proposal.msgs.len())?;
    let bytes = to_json_vec(&proposal.msgs)?.len();
    if bytes > MAX_MSGS_BYTES {
        return Err(ContractError::MsgsTooLarge {
            bytes,
            max: MAX_MSGS_BYTES,
        });
    }
    Ok(())
}

/// `ProposePowerTooLow` unless the proposer's unit held `min_propose_power`
/// at the start of block `h` (like a vote: staking in this block does not
/// help). Reads nothing when the minimum is 0.
fn check_propose_power(
    store: &dyn Storage,
    p: &Params,
    config: &Core,
    proposer: &Addr,
    h: u64,
) -> Result<(), ContractError> {
    if p.min_propose_power.is_zero() {
        return Ok(());
    }
    let unit = unit_at(store, proposer, Some(h), h, config.curve, config.min_stake)?;
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
    Ok(())
}

/// Counts the proposal and holds its deposit; returns the new id.
fn next_id(store: &mut dyn Storage, deposit: Uint128) -> Result<u64, ContractError> {
    let mut meta: Meta = META.load(store)?;
    meta.count += 1;
    meta.deposits = meta.deposits.checked_add(deposit)?;
    META.save(store, &meta)?;
    Ok(meta.count)
}

/// Exit before custody changes: a holder who unstakes while a custody
/// proposal is open (before `voting_end`) is paid before
/// `voting_end + unbonding`.
fn custody_timelock(p: &Params, class: ProposalClass) -> u64 {
    if class.custody {
        p.timelock.max(unbonding_secs(p.unbonding_period))
    } else {
        p.timelock
    }
}

/// Writes the terms and the body. No tally is written: an absent tally
/// reads as empty.
fn save_proposal(
    store: &mut dyn Storage,
    id: u64,
    terms: &Terms,
    proposer: &Addr,
    proposal: Proposal,
) -> Result<(), ContractError> {
    TERMS.save(store, id, terms)?;
    BODIES.save(
        store,
        id,
        &Body {
            proposer: proposer.clone(),
            title: proposal.title,
            description: proposal.description,
            msgs: proposal.msgs,
        },
    )?;
    Ok(())
}

fn check_text(title: &str, description: &str, msgs: usize) -> Result<(), ContractError> {
    check_text_len("title", title, 1, MAX_TITLE_LEN).map_err(|e| ContractError::BadTitle {
        len: e.len,
        max: e.max,
    })?;
    check_text_len("description", description, 0, MAX_DESCRIPTION_LEN).map_err(|e| {
        ContractError::DescriptionTooLong {
            len: e.len,
            max: e.max,
        }
    })?;
    if msgs > MAX_MSGS {
        return Err(ContractError::TooManyMsgs {
            count: msgs,
            max: MAX_MSGS,
        });
    }
    Ok(())
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
                    let surplus_transfer = fairgrid::wire::is_cw20_transfer(msg);
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

/// Whether `addr` names `target`; an address that does not validate is
/// treated as naming it (conservative: the class can only get stricter).
fn names(deps: Deps, addr: &str, target: &Addr) -> bool {
    deps.api.addr_validate(addr).map_or(true, |a| a == *target)
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

/// Casts or changes the sender's ballot on an open proposal, with its
/// unit's power at the proposal's start height, capped.
pub fn cast_vote(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    vote: VoteOption,
) -> Result<Response, ContractError> {
    let (terms, mut state) = load_proposal(deps.storage, id)?;
    let now = env.block.time.seconds();
    if now >= terms.voting_end {
        return Err(ContractError::VotingClosed {
            id,
            voting_end: terms.voting_end,
            now,
        });
    }
    let voter = info.sender;
    let (unit, power) = voting_power(deps.storage, &terms, id, &voter)?;
    let mut tally = state.tally();
    let replaced = match unit.identity {
        Some(identity) => take_unit_ballot(deps.storage, id, identity, &voter, &mut tally)?,
        None => None,
    };
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
        .add_attribute("vote", vote.event_value())
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

/// The voter's unit at the proposal's start height and its capped power:
/// `ExpiredAttestation` for an identity holding an expired link,
/// `NoVotingPower` for none.
fn voting_power(
    store: &dyn Storage,
    terms: &Terms,
    id: u64,
    voter: &Addr,
) -> Result<(Unit, Uint128), ContractError> {
    let h = terms.start_height;
    let unit = unit_at(store, voter, Some(h), h, terms.curve, terms.min_stake)?;
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
    Ok((unit, power))
}

/// One ballot per unit: an identity's ballot is held by the address that
/// cast it last; another address of the same identity replaces it (its
/// ballot leaves the tally and is removed). Records `voter` as the holder
/// and returns the replaced address.
fn take_unit_ballot(
    store: &mut dyn Storage,
    id: u64,
    identity: u64,
    voter: &Addr,
    tally: &mut fairgrid::governance::Tally,
) -> Result<Option<Addr>, ContractError> {
    let mut replaced = None;
    if let Some(prev) = IDENTITY_VOTERS.may_load(store, (id, identity))? {
        if prev != *voter {
            if let Some(old) = BALLOTS.may_load(store, (id, &prev))? {
                math::sub_vote(tally, &option_from_code(old.option), old.power)?;
            }
            BALLOTS.remove(store, (id, &prev));
            replaced = Some(prev);
        }
    }
    IDENTITY_VOTERS.save(store, (id, identity), voter)?;
    Ok(replaced)
}
