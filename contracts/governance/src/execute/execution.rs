//! Execution: `execute` arms and sends `run_proposal`, which dispatches the
//! proposal's messages and then `check_solvency`; a failure comes back as a
//! reply and is recorded as `execution_failed`.

use cosmwasm_std::{to_json_binary, DepsMut, Env, MessageInfo, Response, Storage, SubMsg, WasmMsg};
use fairgrid::asset::AssetInfo;
use fairgrid::governance::{ExecuteMsg, ProposalStatus};

use super::closing::release_deposit;
use super::{only_self, unbonding_secs};
use crate::error::ContractError;
use crate::math::status_of;
use crate::state::{
    load_kind, load_params, load_proposal, load_tally, Stored, TallyState, Terms, BODIES,
    CLAIMS_PENDING_UNTIL, CORE, META, METRICS, RUNNING, TALLIES, TOTAL_CLAIMS,
};

/// Runs an executable proposal (anyone may call): marks it executed and its
/// deposit settled, refunds the deposit, and sends `run_proposal` to itself
/// as a `reply_on_error` submessage (reply id = proposal id).
pub fn execute_proposal(deps: DepsMut, env: Env, id: u64) -> Result<Response, ContractError> {
    let (terms, mut state) = load_proposal(deps.storage, id)?;
    let now = env.block.time.seconds();
    ensure_executable(&terms, &state, id, now)?;
    ensure_custody_exit(deps.storage, &terms, id, now)?;
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

/// Ok only for status `executable`; otherwise the error that says why not.
fn ensure_executable(
    terms: &Terms,
    state: &TallyState,
    id: u64,
    now: u64,
) -> Result<(), ContractError> {
    match status_of(terms, state, now) {
        ProposalStatus::Executable => Ok(()),
        ProposalStatus::Passed => Err(ContractError::TimelockNotOver {
            id,
            executable_at: terms.executable_at(),
            now,
        }),
        status @ (ProposalStatus::Executed | ProposalStatus::ExecutionFailed) => {
            Err(ContractError::AlreadyExecuted { id, status })
        }
        ProposalStatus::Expired => Err(ContractError::ProposalExpired {
            id,
            expires_at: terms.expires_at(),
            now,
        }),
        status => Err(ContractError::NotPassed { id, status }),
    }
}

/// Custody proposals wait for the unbonding period as it is NOW, so a
/// longer unbonding voted meanwhile (or a layout-1 proposal) still leaves
/// every holder who unstaked while it was open paid first; and until
/// `CLAIMS_PENDING_UNTIL`, so a shorter unbonding voted first cannot let
/// one run while claims made under the longer period are still held.
fn ensure_custody_exit(
    store: &dyn Storage,
    terms: &Terms,
    id: u64,
    now: u64,
) -> Result<(), ContractError> {
    if load_kind(store, id)?.class.custody {
        let unbonding = unbonding_secs(load_params(store)?.unbonding_period);
        let pending_until = CLAIMS_PENDING_UNTIL.may_load(store)?.unwrap_or_default();
        let executable_at = terms
            .voting_end
            .saturating_add(unbonding)
            .max(pending_until);
        if now < executable_at {
            return Err(ContractError::TimelockNotOver {
                id,
                executable_at,
                now,
            });
        }
    }
    Ok(())
}

/// The self-call `execute` armed: dispatches the proposal's messages, then
/// `check_solvency`.
pub fn run_proposal(
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

pub fn check_solvency(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "check_solvency")?;
    let token = CORE.load(deps.storage)?.token;
    let m = METRICS.load(deps.storage)?;
    let owed = m
        .total_stake
        .checked_add(TOTAL_CLAIMS.load(deps.storage)?)?
        .checked_add(META.load(deps.storage)?.deposits)?;
    let fair = AssetInfo::Cw20(token.clone());
    let held = fairgrid::asset::held(&deps.querier, &env.contract.address, &fair)?;
    if held < owed {
        return Err(ContractError::Insolvent { held, owed });
    }
    // An allowance moves no balance but makes governance's FAIR spendable by
    // someone else: none may be outstanding after a proposal.
    let allowances: cw20::AllAllowancesResponse = deps.querier.query_wasm_smart(
        &token,
        &fairgrid::wire::Cw20Query::AllAllowances {
            owner: env.contract.address.as_str(),
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
        .add_attribute("held", held)
        .add_attribute("owed", owed))
}

/// The reply to a failed `run_proposal` (reply id = the proposal id):
/// records `execution_failed` (a final status) with a stable error code
/// beside the raw error text.
pub fn execution_failed(deps: DepsMut, id: u64, error: String) -> Result<Response, ContractError> {
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
