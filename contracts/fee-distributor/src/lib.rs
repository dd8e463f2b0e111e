//! Fairgrid fee-distributor: splits protocol fees among pools (by an O(1)
//! reward index), plain addresses and burn, exactly.
//!
//! Design, for reviewers:
//! - Split (`math::split`): every recipient but one gets
//!   `floor((amount × bps + carry) / 10,000)` and keeps the remainder as a
//!   per-(recipient, asset) carry; the recipient with the largest weight (the
//!   "rest recipient", first among equals) takes what is left, so the parts of
//!   each deposit sum to the deposit exactly. A new recipient set starts with
//!   fresh carries (their old values are void; nothing held is lost since the
//!   carries are bookkeeping between recipients, not funds).
//! - Pools (`math::accrue_index`): per (pool, asset) an index
//!   `reward per curved weight × 10^36` in `Uint256` with the division
//!   remainder carried into the next deposit. Members are settled at their old
//!   weight before every change, lazily, in the same message. A pool with zero
//!   total weight sends its share to the fallback in the same transaction.
//! - Reconciliation per asset, kept in O(1) running totals: received, paid,
//!   sent (addresses and fallback), burned; pools credited (per pool and
//!   asset). `carried` = whole units of the pools' index remainders, `owed` =
//!   credited − paid − carried (includes members' sub-unit remainders and the
//!   sub-unit part of the index remainders), so
//!   `received = paid + sent + burned + owed + carried` and `held = owed + carried`.
//! - Storage (short keys): `c` config, `a` assets (≤ 10 at once, by slot; a slot
//!   retired with nothing owed in it is reused), `p`
//!   pools (≤ 5, by slot), `r` recipients, `k`/slot carries, `t`/slot totals,
//!   `w`/pool total weight, `i`/(pool, asset) index, `m`/(pool, member) the
//!   member's curved weight with one (snapshot, scaled owed) per asset slot.
//!   A claim or hook rewrites only the member record, plus the asset totals
//!   (claim) or the pool weight (hook). The asset totals also keep what each
//!   pool paid (`q`: (pool slot, units)) and what removed pools were credited
//!   (`x`), so a pool's debt is exact and `remove_pool` keeps the
//!   reconciliation. A pool's storage slot is its position until a pool is
//!   removed; from then on each pool stores its slot and `ns` hands out new
//!   ones, never reusing a removed pool's.
//! - Pool changes (`update_pool`): O(1); stored member weights follow on each
//!   member's next report from the source (see docs/design.md).

pub mod contract;
pub mod error;
pub(crate) mod execute;
pub mod math;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
