//! Execute handlers, by concern, and the helpers they share.

pub mod admin;
pub mod credits;
pub mod disputes;
pub mod fees;
pub mod grants;
pub mod leases;
pub mod providers;

use cosmwasm_std::{to_json_binary, Addr, Binary, CosmosMsg, StdResult, Storage, SubMsg, Uint128};
use fairgrid::escrow::{CollectorMsg, MAX_TEXT_LEN};
use fairgrid::{AssetInfo, WeightChange};

use crate::error::ContractError;
use crate::state::{Config, ACCEPTED};

pub fn ensure_not_paused(cfg: &Config) -> Result<(), ContractError> {
    ensure_running(cfg.paused)
}

pub fn ensure_running(paused: bool) -> Result<(), ContractError> {
    if paused {
        return Err(ContractError::Paused {});
    }
    Ok(())
}

pub fn ensure_owner(cfg: &Config, sender: &Addr) -> Result<(), ContractError> {
    if *sender != cfg.owner {
        return Err(ContractError::NotOwner {
            sender: sender.to_string(),
            owner: cfg.owner.to_string(),
        });
    }
    Ok(())
}

pub fn ensure_accepted(storage: &dyn Storage, asset: &AssetInfo) -> Result<(), ContractError> {
    if !ACCEPTED.has(storage, &asset.key()) {
        return Err(fairgrid::AssetError::NotAccepted {
            asset: asset.to_string(),
        }
        .into());
    }
    Ok(())
}

pub fn check_text(field: &str, text: &str) -> Result<(), ContractError> {
    if text.len() > MAX_TEXT_LEN {
        return Err(ContractError::TextTooLong {
            field: field.to_string(),
            len: text.len(),
            max: MAX_TEXT_LEN,
        });
    }
    Ok(())
}

/// Reply id of the collateral hook submessage.
pub const HOOK_REPLY_ID: u64 = 1;

/// The collateral hook message, if a hook is set and the weight moved.
/// Collateral coming in (register, add) sends it plainly: a pool that
/// refuses blocks the deposit, so the pool never misses new weight.
pub fn collateral_hook(
    cfg: &Config,
    provider: &Addr,
    old: Uint128,
    new: Uint128,
) -> StdResult<Option<CosmosMsg>> {
    match &cfg.collateral_hook {
        Some(hook) if old != new => Ok(Some(WeightChange::new(provider, old, new).into_msg(hook)?)),
        _ => Ok(None),
    }
}

/// The collateral hook on an exit path (withdrawal request, slash in a
/// ruling): a submessage replied to on error only, so a pool that refuses
/// never reverts a provider's exit or a ruling. The reply reports it
/// (`collateral_hook_failed`); anyone's `resync_collateral_weight`
/// (`providers::resync_weight`) then re-sends the provider's current weight
/// and corrects the pool. The payload is the provider's address.
pub fn collateral_hook_on_exit(
    cfg: &Config,
    provider: &Addr,
    old: Uint128,
    new: Uint128,
) -> StdResult<Option<SubMsg>> {
    Ok(collateral_hook(cfg, provider, old, new)?.map(|msg| {
        SubMsg::reply_on_error(msg, HOOK_REPLY_ID).with_payload(Binary::from(provider.as_bytes()))
    }))
}

/// Forwards a protocol fee to the collector as `{"deposit":{}}`.
pub fn fee_msg(collector: &Addr, asset: &AssetInfo, amount: Uint128) -> StdResult<CosmosMsg> {
    asset
        .with_amount(amount)
        .send_to_contract_msg(collector, to_json_binary(&CollectorMsg::Deposit {})?)
}

pub fn asset_of(key: &str) -> StdResult<AssetInfo> {
    AssetInfo::from_key(key)
}
