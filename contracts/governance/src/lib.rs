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
//! `execute` (anyone) marks the proposal executed, settles the deposit and
//! sends the contract `run_proposal` as a `reply_on_error` submessage; only a
//! `run_proposal` that `execute` armed in the same transaction runs (so a
//! proposal cannot re-run another). It dispatches the messages and then
//! `check_solvency`, which fails unless the FAIR held still covers what is
//! owed (stakes + pending claims + unsettled deposits) AND no allowance of
//! governance's FAIR is outstanding (cw20 `all_allowances`, limit 1). Any
//! failure reverts the whole sub-call; the reply records `execution_failed`,
//! a final state.
//!
//! # What a governance majority can and cannot do to a staker
//! It CAN: spend surplus FAIR (held beyond what is owed: the treasury share),
//! change parameters within their ranges for future proposals and future
//! unstakes, change hooks and the guardian, and — after the exit window below
//! — migrate governance or FAIR.
//! It CANNOT: spend, burn, lock or send away FAIR owed to stakers, claimants
//! or depositors, in any form: a `transfer`, `send` (to any contract, governance
//! included: a self-stake or self-deposit raises what is owed without raising
//! what is held), `burn`, or an allowance (`increase_allowance`, so no later
//! `transfer_from` / `send_from`) — each fails `check_solvency` and is rolled
//! back; alter the terms of an open proposal; trap stakes with an unbounded
//! parameter (every parameter has a range, checked at instantiate,
//! `update_config` and `migrate`; claim times are checked arithmetic).
//! Custody changes: code and admin changes are beyond what a balance check
//! can see, so the exit comes first. At `propose` every proposal is
//! classified from its messages; `custody` = wasm `migrate` / `update_admin`
//! / `clear_admin` of governance or FAIR, any FAIR message other than
//! `transfer`, or a `stargate` / `any` message. A custody proposal's
//! timelock is `max(timelock, unbonding period)` and `execute` checks again
//! against the unbonding period in force then. So a holder who unstakes at
//! any moment while the proposal is open (`now < voting_end`) has a claim
//! released at `now + unbonding < voting_end + unbonding <= executable_at`:
//! paid strictly before the proposal can run. The mechanism is a timelock
//! rather than a vault or an early exit for no-voters because it needs no
//! per-voter state and no second contract, and it protects abstainers and
//! those who did not notice the vote until it closed, as long as they act
//! before voting ends.
//!
//! # Guardian
//! An optional address that may veto a passed proposal during its timelock,
//! except a proposal whose messages only set or clear the guardian (it cannot
//! entrench itself; a bundle with anything else stays vetoable, so a guardian
//! change cannot shield other messages). While a guardian is set the timelock is at least
//! `MIN_GUARDIAN_TIMELOCK` (one hour), so it always has a window.
//!
//! # Query griefing
//! A proposal's messages are bounded (16 messages, `MAX_MSGS_BYTES` JSON
//! bytes together). Listings scan at most `MAX_SCAN` ids and decide the
//! status filter from the two small records (terms, tally); a body is read
//! only for a proposal that is returned.
//!
//! # Stored layout
//! `v` holds the layout version (2; absent = 1). Layout 2 changed only the
//! params record (threshold became `percent | majority`, refund policy
//! added); per-proposal `pk` (class and refund policy, one byte) is written
//! only when not 0, and is absent for layout-1 proposals (ordinary, refund
//! unless vetoed). `migrate` converts the params record in O(1) and checks
//! every parameter; a test migrates a layout-1 store and compares every byte
//! and every query.

//! # Hooks
//! Every stake change sends `weight_changed` (old and new weight: the stake,
//! or 0 while it is below `min_stake`, so dust accounts weigh nothing in any
//! pool) to each hook (at most 5) as a submessage replied to on error only:
//! a receiver that refuses never blocks a stake or an unstake (a majority
//! that breaks or re-points a pool cannot hold stakers' FAIR by it). The
//! reply reports `weight_hook_failed` with the staker; the pool keeps the
//! old weight until anyone's `resync_weight` re-sends the true one.
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
//! products in 256-bit integers (`yes × 10000 >= percent × (yes + no)`, or
//! for `majority` `yes × 2 > yes + no`: exactly half fails, as in DAO DAO).
pub mod contract;
pub mod error;
pub mod error_code;
pub(crate) mod execute;
pub mod identity;
pub mod math;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
