//! Fairgrid fee-distributor: splits protocol fees among pools (by an O(1)
//! reward index), plain addresses and burn, exactly.

pub mod contract;
pub mod error;
pub mod math;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
