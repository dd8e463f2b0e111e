//! Execute handlers, by concern, and the helpers they share.

pub mod admin;
pub mod credits;
pub mod disputes;
pub mod fees;
pub mod leases;
pub mod providers;

use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, StdResult, Storage, Uint128};
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

/// The collateral hook message, if a hook is set and the weight moved.
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

/// Forwards a protocol fee to the collector as `{"deposit":{}}`.
pub fn fee_msg(collector: &Addr, asset: &AssetInfo, amount: Uint128) -> StdResult<CosmosMsg> {
    asset
        .with_amount(amount)
        .send_to_contract_msg(collector, to_json_binary(&CollectorMsg::Deposit {})?)
}

pub fn asset_of(key: &str) -> StdResult<AssetInfo> {
    AssetInfo::from_key(key)
}
