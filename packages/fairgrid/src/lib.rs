//! Shared types of the Fairgrid contracts.
//!
//! Every message a Fairgrid contract accepts or returns lives here, so contracts,
//! tests and frontends (through the generated schema) agree on one definition.
//! Beside the messages sit the small building blocks the contracts share: assets
//! and funds checks, held balances, basis points, weight curves, pagination
//! (with the bounded-scan pager), the pool hook, owner and text-length checks
//! and the migrate body. Everything here is unit-tested.

pub mod asset;
pub mod bps;
pub mod checks;
pub mod curve;
pub mod hook;
pub mod migrate;
pub mod pagination;
pub mod wire;

pub mod distributor;
pub mod escrow;
pub mod governance;
pub mod identity;

pub use asset::{Asset, AssetError, AssetInfo, AssetInfoUnchecked};
pub use bps::{Bps, BpsError};
pub use curve::Curve;
pub use hook::{WeightChange, WeightHookMsg};
