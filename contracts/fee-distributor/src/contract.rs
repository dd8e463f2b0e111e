//! Entry points; each message goes to one short handler in `execute/`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use fairgrid::asset::no_funds;
use fairgrid::distributor::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::execute::{claims, deposits, owner, pools};
use crate::query;

pub const CONTRACT_NAME: &str = "crates.io:fairgrid-fee-distributor";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    no_funds(&info.funds)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    owner::instantiate(deps, msg)
}

/// Each handler checks its own sender and funds, in its own order (the
/// owner first, then funds), so refusals name the same cause as ever.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    use ExecuteMsg::*;
    match msg {
        Deposit {} => deposits::deposit_native(deps, info),
        Receive(r) => deposits::receive_cw20(deps, info, r),
        WeightChanged(change) => pools::weight_changed(deps, info, change),
        Claim { assets, recipient } => {
            claims::claim(deps, &env.contract.address, info, assets, recipient)
        }
        SetRecipients { recipients } => owner::set_recipients(deps, info, recipients),
        UpdateAssets { add, remove } => owner::update_assets(deps, info, add, remove),
        RetireAsset { asset } => owner::retire_asset(deps, info, asset),
        AddPool { pool } => pools::add_pool(deps, info, pool),
        UpdatePool {
            pool_id,
            source,
            curve,
        } => pools::update_pool(deps, info, pool_id, source, curve),
        RemovePool { pool_id } => pools::remove_pool(deps, info, pool_id),
        UpdateConfig { owner, fallback } => owner::update_config(deps, info, owner, fallback),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::dispatch(deps, env, msg)
}

/// Migrates from any earlier version. Asset totals written before payouts
/// were tracked per pool read with none tracked; where exactly one pool was
/// ever credited in an asset, every untracked payout was that pool's and is
/// attributed to it (O(assets × pools); a no-op once nothing is untracked).
/// Where several were, the split is unknown and stays untracked (see
/// `ContractError::PoolPaidUntracked`).
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let res = fairgrid::migrate::upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    claims::attribute_untracked_payouts(deps.storage)?;
    Ok(res)
}
