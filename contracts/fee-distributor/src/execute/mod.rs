//! Execute handlers, by concern, and the owner check they share.

pub mod claims;
pub mod deposits;
pub mod owner;
pub mod pools;

use cosmwasm_std::{Addr, Storage};

use crate::error::ContractError;
use crate::state::{Config, CONFIG};

/// The configuration, if `sender` is its owner; `action` names the refused
/// message in the error (`NotOwner`). One read (the config).
pub fn ensure_owner(
    storage: &dyn Storage,
    sender: &Addr,
    action: &str,
) -> Result<Config, ContractError> {
    let cfg = CONFIG.load(storage)?;
    fairgrid::checks::ensure_owner(&cfg.owner, sender, action)?;
    Ok(cfg)
}
