//! Execute handlers, by concern, and the checks they share.

pub mod admin;
pub mod links;

use cosmwasm_std::{Addr, Deps};

use crate::error::ContractError;
use crate::state::{ATTESTERS, OWNER};

/// The owner, if `sender` is it (`NotOwner` otherwise).
pub fn ensure_owner(deps: Deps, sender: &Addr) -> Result<Addr, ContractError> {
    let owner = OWNER.get(deps)?.unwrap_or_else(|| Addr::unchecked(""));
    fairgrid::checks::ensure_owner(&owner, sender, "do this")?;
    Ok(owner)
}

pub fn ensure_attester(deps: Deps, sender: &Addr) -> Result<(), ContractError> {
    if !ATTESTERS.has(deps.storage, sender) {
        return Err(ContractError::NotAttester {
            sender: sender.to_string(),
        });
    }
    Ok(())
}
