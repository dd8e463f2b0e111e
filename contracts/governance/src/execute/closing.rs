//! Closing: settling a finished proposal's deposit (`close_proposal`) and the
//! guardian's veto of a passed proposal.

use cosmwasm_std::{Addr, Deps, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use fairgrid::asset::AssetInfo;
use fairgrid::governance::{ProposalStatus, RefundPolicy};

use super::proposals::classify;
use crate::error::ContractError;
use crate::math::status_of;
use crate::state::{
    load_kind, load_params, load_proposal, Stored, Terms, BODIES, CORE, GUARDIAN, META, TALLIES,
};

/// Settles a finished proposal's deposit (anyone may call), once.
pub fn close_proposal(deps: DepsMut, env: Env, id: u64) -> Result<Response, ContractError> {
    let (terms, mut state) = load_proposal(deps.storage, id)?;
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
        .add_attribute("status", status.event_value())
        .add_attribute("deposit", terms.deposit)
        .add_attribute("deposit_to", to))
}

/// The guardian vetoes a passed proposal during its timelock (not one that
/// only changes the guardian) and settles its deposit.
pub fn guardian_veto(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let guardian = GUARDIAN
        .may_load(deps.storage)?
        .ok_or(ContractError::NoGuardian { id })?;
    fairgrid::checks::ensure_owner(&guardian, &info.sender, "veto").map_err(|e| {
        ContractError::NotGuardian {
            sender: e.sender,
            guardian: e.owner,
        }
    })?;
    let (terms, mut state) = load_proposal(deps.storage, id)?;
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

/// Removes a settled deposit from the FAIR held for unsettled deposits.
pub fn release_deposit(store: &mut dyn Storage, amount: Uint128) -> Result<(), ContractError> {
    let mut meta = META.load(store)?;
    meta.deposits = meta.deposits.checked_sub(amount)?;
    META.save(store, &meta)?;
    Ok(())
}
