//! Fairgrid compute-escrow: renters pay GPU providers per second from
//! escrowed credits; providers post collateral; disputes go to an arbiter.

pub mod contract;
pub mod error;
pub(crate) mod execute;
pub mod math;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
