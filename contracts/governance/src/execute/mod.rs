//! Execute handlers, by concern, and the helpers they share:
//! - `staking`: stake (via cw20 `send`), unstake, claim, weight resync, and
//!   the registry's identity hook and expiry reports (they move stake
//!   between voting units);
//! - `proposals`: propose (with the custody classification) and vote;
//! - `execution`: execute, the armed `run_proposal` self-call, the
//!   solvency check and the failure reply;
//! - `closing`: close a finished proposal, guardian veto, deposit settlement;
//! - `admin`: instantiate, migrate and the self-only configuration messages.

pub mod admin;
pub mod closing;
pub mod execution;
pub mod proposals;
pub mod staking;

use cosmwasm_std::{Env, MessageInfo};
use cw_utils::Duration;
use fairgrid::checks::ensure_owner;
use fairgrid::governance::MAX_PERIOD;

use crate::error::ContractError;
use crate::state::CLAIMS_PENDING_UNTIL;

/// `NotSelf` unless governance itself sent the message (by proposal).
pub fn only_self(env: &Env, info: &MessageInfo, action: &str) -> Result<(), ContractError> {
    ensure_owner(&env.contract.address, &info.sender, action).map_err(|e| ContractError::NotSelf {
        action: e.action,
        sender: e.sender,
        expected: e.owner,
    })
}

/// Unbonding in seconds, as the exit rule compares it with timelocks. A
/// height duration (refused by `check_params`, possible only in a layout-1
/// record) counts as the longest period.
pub fn unbonding_secs(d: Duration) -> u64 {
    match d {
        Duration::Time(t) => t,
        Duration::Height(_) => MAX_PERIOD,
    }
}

/// When the unbonding period goes from `old` to a shorter `new` at `now`
/// (seconds), claims made under `old` may be pending until `now + old`:
/// raises `CLAIMS_PENDING_UNTIL` to it (one read, at most one write; nothing
/// when the period does not shrink). A layout-1 height period has no time
/// equivalent and records nothing (its claims release at a height).
pub fn note_unbonding_change(
    store: &mut dyn cosmwasm_std::Storage,
    now: u64,
    old: Duration,
    new: Duration,
) -> Result<(), ContractError> {
    let (Duration::Time(old), Duration::Time(new)) = (old, new) else {
        return Ok(());
    };
    if new >= old {
        return Ok(());
    }
    let until = now.saturating_add(old);
    if until > CLAIMS_PENDING_UNTIL.may_load(store)?.unwrap_or_default() {
        CLAIMS_PENDING_UNTIL.save(store, &until)?;
    }
    Ok(())
}
