//! Entry points; each message goes to one short handler in `execute/`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use fairgrid::asset::no_funds;
use fairgrid::identity::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::execute::{admin, links};
use crate::query;

pub const CONTRACT_NAME: &str = "crates.io:fairgrid-identity-registry";
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
    // No message takes funds.
    no_funds(&info.funds)?;
    let sender = info.sender;
    match msg {
        Link {
            address,
            identity,
            expires_at_height,
        } => links::link(deps, env, sender, address, identity, expires_at_height),
        Revoke { address } => links::revoke(deps, env, sender, address),
        Leave {} => links::leave(deps, env, sender),
        Expire { address } => links::expire(deps, env, address),
        UpdateAttesters { add, remove } => admin::update_attesters(deps, sender, add, remove),
        UpdateSubscribers { add, remove } => admin::update_subscribers(deps, sender, add, remove),
        UpdateConfig {
            owner,
            max_addresses,
        } => admin::update_config(deps, sender, owner, max_addresses),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::dispatch(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    Ok(fairgrid::migrate::upgrade(
        deps.storage,
        CONTRACT_NAME,
        CONTRACT_VERSION,
    )?)
}
