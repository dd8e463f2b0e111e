//! Fairgrid governance: FAIR staking with per-height snapshots, sub-linear and
//! capped voting power, proposals that execute after a timelock.
//!
//! Design in short (see the README of the crate's report for more):
//! - stakes in a `SnapshotMap` and the total power in a `SnapshotItem`, both
//!   `Strategy::EveryBlock`; a proposal reads them at its start height, i.e. as
//!   they were before any change in its creation block;
//! - the curve and the minimum stake are fixed at instantiate, so the total
//!   power stays Σ curve(stake) without ever recomputing it;
//! - a proposal is three records (body, terms, tally); a vote writes only the
//!   tally and the ballot;
//! - the status is lazy: computed from the stored state and the block time.
pub mod contract;
pub mod error;
pub mod math;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
