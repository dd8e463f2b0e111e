//! Entry points; each message goes to one short handler in `execute/`.
#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    from_json, Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response, StdResult,
};
use cw20::Cw20ReceiveMsg;
use fairgrid::asset::{check_cw20_sender, no_funds};
use fairgrid::governance::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg, ReceiveMsg};
use fairgrid::migrate::upgrade;
use fairgrid::wire::{ReplyEnvelope, ReplyOutcome};

use crate::error::ContractError;
use crate::execute::{admin, closing, execution, proposals, staking};
use crate::query;
use crate::state::CORE;

pub const CONTRACT_NAME: &str = "crates.io:fairgrid-governance";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    no_funds(&info.funds)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    admin::instantiate(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    use ExecuteMsg::*;
    no_funds(&info.funds)?;
    match msg {
        Receive(r) => receive(deps, env, info, r),
        Unstake { amount } => staking::unstake(deps, env, info, amount),
        Claim {} => staking::claim(deps, env, info),
        Vote { proposal_id, vote } => proposals::cast_vote(deps, env, info, proposal_id, vote),
        Execute { proposal_id } => execution::execute_proposal(deps, env, proposal_id),
        RunProposal { proposal_id } => execution::run_proposal(deps, env, info, proposal_id),
        CheckSolvency {} => execution::check_solvency(deps, env, info),
        CloseProposal { proposal_id } => closing::close_proposal(deps, env, proposal_id),
        GuardianVeto { proposal_id } => closing::guardian_veto(deps, env, info, proposal_id),
        UpdateConfig { params } => admin::update_config(deps, env, info, params),
        UpdateHooks { add, remove } => admin::update_hooks(deps, env, info, add, remove),
        UpdateGuardian { guardian } => admin::update_guardian(deps, env, info, guardian),
        ResyncWeight { account, receiver } => {
            staking::resync_weight(deps.as_ref(), account, receiver)
        }
        IdentityChanged(change) => staking::identity_changed(deps, env, info, change),
        UpdateIdentityConfig { identity } => {
            admin::update_identity_config(deps, env, info, identity)
        }
        ReportExpiry { address } => staking::report_expiry(deps, env, address),
    }
}

/// FAIR sent with a `ReceiveMsg`: only the configured token is accepted.
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
        ReceiveMsg::Stake {} => staking::stake(deps, env, &config, sender, wrapper.amount),
        ReceiveMsg::Propose {
            title,
            description,
            msgs,
        } => proposals::propose(
            deps,
            env,
            &config,
            sender,
            wrapper.amount,
            proposals::Proposal {
                title,
                description,
                msgs,
            },
        ),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::query(deps, env, msg)
}

/// A failed submessage (both kinds are `reply_on_error`): a stake hook
/// refused by its receiver, or a failed `run_proposal`. On the
/// chain the wasm export below reads the same JSON as a [`ReplyEnvelope`]
/// (id and outcome only: the whole `Reply` parser stays out of the wasm);
/// this function serves hosts that pass a `Reply` (cw-multi-test).
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    reply_envelope(deps, env, msg.into())
}

/// The `reply` entry point on what it reads of the reply.
/// Both submessages are replied to on error only: a stake hook
/// (`staking::HOOK_REPLY_ID`) or a proposal's `run_proposal` (reply id =
/// proposal id).
pub fn reply_envelope(
    deps: DepsMut,
    _env: Env,
    msg: ReplyEnvelope,
) -> Result<Response, ContractError> {
    let id = msg.id;
    let ReplyOutcome::Err(error) = msg.result else {
        return Err(ContractError::UnexpectedReply {
            id,
            reason: "only failures are replied to".into(),
        });
    };
    match id {
        staking::HOOK_REPLY_ID => Ok(staking::weight_hook_failed(&msg.payload, error)),
        _ => execution::execution_failed(deps, id, error),
    }
}

// `do_sudo` has `do_reply`'s ABI (env and message regions): the export is
// `reply`, typed on the lean envelope.
#[cfg(all(target_arch = "wasm32", not(feature = "library")))]
mod __wasm_export_reply {
    #[no_mangle]
    extern "C" fn reply(ptr_0: u32, ptr_1: u32) -> u32 {
        cosmwasm_std::do_sudo(&super::reply_envelope, ptr_0, ptr_1)
    }
}

/// Checks the cw2 record (same contract, not a downgrade), then migrates the
/// stored layout (`admin::migrate`).
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, env: Env, msg: MigrateMsg) -> Result<Response, ContractError> {
    let res = upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    admin::migrate(deps, env, msg, res)
}
