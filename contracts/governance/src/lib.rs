//! Fairgrid governance: FAIR staking with per-height snapshots, sub-linear and
//! capped voting power, proposals that execute after a timelock.
//!
//! # Power
//! `power(stake) = curve(stake)` if `stake >= min_stake`, else 0 (`square_root`
//! is `floor(sqrt(stake))`, in units of sqrt(base unit)). A voter counts
//! `min(power, floor(cap × total_power))` on a proposal, where stake and total
//! are read at the proposal's start height: the value at the START of the
//! block it was created in (cw-storage-plus snapshot semantics), so stake
//! added in that block, or later, gives no power on it. The proposer's power
//! (for `min_propose_power`) is read the same way, at the current height.
//!
//! The total power is Σ power over all stakers, kept incrementally (old power
//! out, new power in) on every stake change. That is only exact while the curve
//! and the minimum stake never change, so both are fixed at instantiate and
//! are not part of `update_config`.
//!
//! Cap and quorum: the quorum denominator is the uncapped total. Power the cap
//! cuts away counts for nobody, so when one staker holds more than `cap` of the
//! total, a quorum above the remaining share cannot be met even if everyone
//! votes. Choose quorum below `1 - (excess above the cap)`; this is tested.
//!
//! # Storage (short keys, records as compact JSON arrays)
//! - `c` core: token, curve, min stake, hooks (read by every stake change);
//!   `p` params (changed by proposal); `g` guardian;
//! - `s` stakes (`SnapshotMap`, every block); `m` metrics (`SnapshotItem`, every
//!   block): total power, staker count, total stake, Σ stake², Σ power²;
//! - `tc` FAIR in pending claims; `cl` claims (cw-controllers);
//!   `n` proposal counter and FAIR in unsettled deposits;
//! - per proposal: `pb` body (proposer, title, description, msgs, written once),
//!   `pt` terms (heights, times, copied parameters, total power, deposit;
//!   written once, read by votes), `pv` tally (four sums, stored status,
//!   deposit flag: the only proposal record a vote writes; absent = empty),
//!   `b` ballots (option, power) by (proposal, voter).
//!
//! # Status
//! Stored: pending | executed | execution failed | guardian vetoed. Everything
//! else is computed from the tally and the clock: open while
//! `now < voting_end`, then rejected / vetoed / passed (timelock) /
//! executable (`executable_at <= now < expires_at`) / expired.
//!
//! # Execution
//! `execute` (anyone) marks the proposal executed, refunds the deposit and
//! sends the contract `run_proposal` as a `reply_on_error` submessage; only a
//! `run_proposal` that `execute` armed in the same transaction runs (so a
//! proposal cannot re-run another). It dispatches the messages and then
//! `check_solvency`, which fails unless the FAIR held still covers stakes,
//! pending claims and unsettled deposits: a proposal may spend surplus FAIR
//! (the treasury), never the stakers'. Any failure reverts the whole
//! sub-call; the reply records `execution_failed`, a final state.
//!
//! # Deposits
//! Taken by `Send` with the proposal; refunded on execute, or by the
//! permissionless `close_proposal` once rejected / expired / failed; sent to
//! the treasury when vetoed (by vote at close, by the guardian at once). O(1).
//!
//! # Hooks
//! Every stake change sends `weight_changed` (raw stakes, old and new) to each
//! hook (at most 5) as a plain message, so a failing receiver makes the stake
//! change fail: pool weights never silently diverge from stakes. Receivers are
//! set by proposal only, and a proposal can remove a broken one.
//!
//! # Concentration
//! Staker count, total stake, and Herfindahl indexes of stake and of power
//! (Σx² × 10000 / (Σx)², floored) are O(1) per change. The largest single
//! share is not kept: a maximum over a set with removals needs an ordered
//! index (O(log n) writes per change); under the cap no voter counts more than
//! `cap` of the total anyway.
//!
//! # Rounding
//! Power floors (square root), the cap floors, decisions compare exact
//! products in 256-bit integers (`yes × 10000 >= threshold × (yes + no)`).
pub mod contract;
pub mod error;
pub mod math;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
