//! Messages of the governance contract: FAIR staking with per-height snapshots,
//! sub-linear capped voting power, proposals that execute `CosmosMsg`s.
//!
//! Units: "stake" is raw FAIR (base units); "power" is `curve(stake)` when
//! `stake >= min_stake`, else 0. With `square_root` the power of a stake `s` is
//! `floor(sqrt(s))` in units of sqrt(base unit) (1 FAIR = 10^6 base units has
//! power 1000); the floor loses < 1 power unit per staker. Times are block
//! seconds; heights are block heights.
//!
//! "At height h" means the value as it was at the START of block h, before any
//! change made in block h: a proposal created in block h reads every voter's
//! power and the total at h, so stake added in block h counts only from h + 1.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, CosmosMsg, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_utils::{Duration, Expiration};

use crate::bps::Bps;
use crate::curve::Curve;

#[cw_serde]
pub struct InstantiateMsg {
    /// The FAIR cw20 token: the only token staked and taken as deposit.
    pub token: String,
    /// Curve from stake to power. Fixed for the contract's life (changing it
    /// would require recomputing the total power over every staker).
    pub curve: Curve,
    /// Stakes below this give zero power. Fixed for the same reason as `curve`.
    pub min_stake: Uint128,
    /// The voting parameters; they may later change by proposal.
    pub params: ParamsMsg,
    /// Optional guardian that may veto a passed proposal during its timelock.
    pub guardian: Option<String>,
    /// Contracts told of every stake change (at most `MAX_HOOKS`), with the
    /// weight `stake`, or 0 while the stake is below `min_stake`.
    pub hooks: Vec<String>,
    /// Identity registry and the policy for stake without a live identity.
    /// Absent in JSON: no registry and `per_address` (the behaviour before
    /// identities existed).
    #[serde(default)]
    pub identity: IdentityConfigMsg,
}

/// Power of stake held by an address without a live identity (in the
/// registry, as governance was last told by its hooks). Identities always
/// get `curve(Σ stake of their addresses)` (0 below `min_stake`), capped per
/// identity.
///
/// Units: power units, the same as votes and the total (under `square_root`,
/// `floor(sqrt(base units))`). Over a proposal, `S` is the total stake (FAIR
/// base units, every address) at its start height, and `c = ceil(sqrt(S))`.
#[cw_serde]
#[derive(Copy, Eq, Default)]
pub enum UnidentifiedPolicy {
    /// `curve(s)` per address, 0 below `min_stake`: the behaviour before
    /// identities. Under `square_root` splitting over k addresses multiplies
    /// power by about √k; kept for deployments without a registry (and the
    /// default of contracts migrated from before identities).
    #[default]
    PerAddress,
    /// No power: only identities vote.
    None,
    /// Under `square_root`: `floor(s / (2 × c))` for an address holding
    /// `s >= min_stake`, 0 below. Linear in `s`, so splitting over addresses
    /// never gains (the floors and the minimum only lose); never above
    /// `sqrt(s) / 2`, so verifying always pays; and the factor 2 makes mixing
    /// never pay either: a holder of `t` with `a` in one identity and `t - a`
    /// without gets at most `sqrt(a) + (t - a) / (2 sqrt(t)) <= sqrt(t)`.
    /// The total counted for quorum is `floor(U / (2 × c))` over all stake
    /// without identity `U` (kept O(1); dust below `min_stake` is in it,
    /// like stake that does not vote). Under `linear` it equals `per_address`.
    LinearShare,
}

/// Where governance learns identities from, and what stake without one gets.
#[cw_serde]
#[derive(Default)]
pub struct IdentityConfigMsg {
    /// The identity registry whose `identity_changed` hooks governance
    /// accepts (and only from it). Null: no identity is learnt.
    pub registry: Option<String>,
    pub unidentified: UnidentifiedPolicy,
}

#[cw_serde]
pub struct IdentityConfig {
    pub registry: Option<Addr>,
    pub unidentified: UnidentifiedPolicy,
}

/// The parameters a proposal copies at creation, plus staking and deposit
/// settings. All of them change only by an executed proposal.
///
/// Every field has a range, checked at instantiate, at `update_config` and at
/// `migrate` (error `InvalidParam` naming the field, the value and the range):
///
/// | field | range |
/// |---|---|
/// | `cap` | 1..=10000 bps |
/// | `quorum` | 0..=10000 bps |
/// | `threshold` | `percent` 1..=10000 bps, or `majority` |
/// | `veto_threshold` | 1..=10000 bps |
/// | `voting_period` | 1..=`MAX_PERIOD` seconds |
/// | `timelock` | 0..=`MAX_PERIOD` seconds; at least `MIN_GUARDIAN_TIMELOCK` while a guardian is set |
/// | `execution_window` | 1..=`MAX_PERIOD` seconds |
/// | `min_deposit` | 0..=`Uint128::MAX` base units |
/// | `min_propose_power` | 0..=`Uint128::MAX` power units |
/// | `unbonding_period` | `time` 0..=`MAX_PERIOD` seconds (heights are refused: the exit rule compares it with timelocks in seconds) |
/// | `treasury` | a valid address |
/// | `deposit_refund` | any `RefundPolicy` |
#[cw_serde]
pub struct ParamsMsg {
    /// Per-voter cap, in bps of the total power at the proposal's start height.
    pub cap: Bps,
    /// Minimum turnout (yes + no + abstain + veto) in bps of the total power.
    pub quorum: Bps,
    /// How many of the yes + no votes must be yes.
    pub threshold: Threshold,
    /// Veto share of the turnout at or above which a proposal is vetoed (1..=10000).
    pub veto_threshold: Bps,
    /// Seconds a proposal is open for votes.
    pub voting_period: u64,
    /// Seconds a passed proposal waits after voting ends before it can execute.
    /// A custody proposal (see `ProposalClass`) waits at least the unbonding period.
    pub timelock: u64,
    /// Seconds after the timelock during which anyone may execute it; then it expires.
    pub execution_window: u64,
    /// Minimum FAIR deposit to propose.
    pub min_deposit: Uint128,
    /// Minimum (uncapped) power at the current height to propose.
    pub min_propose_power: Uint128,
    /// Delay between unstaking and claiming: `{"time": seconds}` only.
    pub unbonding_period: Duration,
    /// Receives the deposits that are not refunded.
    pub treasury: String,
    /// When a finished proposal's deposit goes back to the proposer (else to
    /// the treasury). Copied into each proposal at creation. Absent in JSON
    /// means `not_vetoed` (the behaviour before this field existed).
    #[serde(default)]
    pub deposit_refund: RefundPolicy,
}

/// Pass rule on yes against no (abstain and veto votes are not in the denominator).
#[cw_serde]
#[derive(Copy, Eq)]
pub enum Threshold {
    /// `yes × 10000 >= bps × (yes + no)`, bps in 1..=10000.
    Percent(Bps),
    /// Strictly more than half: `yes × 2 > yes + no` (DAO DAO's `majority`;
    /// exactly half fails).
    Majority {},
}

/// Deposit refund policy (DAO DAO's `DepositRefundPolicy` shape).
#[cw_serde]
#[derive(Copy, Eq, Default)]
pub enum RefundPolicy {
    /// Refund whatever the outcome, vetoed included.
    Always,
    /// Refund only proposals that passed the vote and were not vetoed by the
    /// guardian (executed, execution failed, or expired unexecuted).
    OnlyPassed,
    /// Refund unless vetoed (by vote or by the guardian).
    #[default]
    NotVetoed,
}

/// What a proposal's messages can touch, decided at `propose` from the
/// messages alone and stored with the proposal.
#[cw_serde]
#[derive(Copy, Eq, Default)]
pub struct ProposalClass {
    /// A message could change the custody of staked FAIR: wasm `migrate`,
    /// `update_admin` or `clear_admin` of governance or of FAIR, any message to
    /// the FAIR contract other than `transfer`, or a `stargate` / `any`
    /// message (opaque). Its timelock is at least the unbonding period, so a
    /// holder who unstakes while it is open is paid before it can execute.
    pub custody: bool,
    /// Every message sets or clears the guardian (and there is at least
    /// one): the guardian may not veto it. A bundle with any other message
    /// stays vetoable, so a guardian change cannot shield anything else.
    pub guardian_change: bool,
}

/// Hook message inside a FAIR `Send` (`Receive`).
#[cw_serde]
pub enum ReceiveMsg {
    /// Stake the sent FAIR for the `Send`'s sender.
    Stake {},
    /// Create a proposal; the sent FAIR is its deposit (at least `min_deposit`).
    /// The sender needs at least `min_propose_power` at the current height.
    Propose {
        /// 1..=`MAX_TITLE_LEN` bytes.
        title: String,
        /// At most `MAX_DESCRIPTION_LEN` bytes.
        description: String,
        /// Messages the contract sends when the proposal executes (at most `MAX_MSGS`).
        msgs: Vec<CosmosMsg>,
    },
}

#[cw_serde]
pub enum VoteOption {
    Yes,
    No,
    Abstain,
    Veto,
}

impl VoteOption {
    /// The `vote` attribute of the `vote` event: `yes`, `no`, `abstain` or
    /// `veto` (the variant name in lower case). A plain match instead of
    /// `format!("{vote:?}").to_lowercase()`, which links Unicode case tables.
    pub fn event_value(&self) -> &'static str {
        match self {
            VoteOption::Yes => "yes",
            VoteOption::No => "no",
            VoteOption::Abstain => "abstain",
            VoteOption::Veto => "veto",
        }
    }
}

#[cw_serde]
pub enum ExecuteMsg {
    /// FAIR `Send` entry: the hook message is a `ReceiveMsg`.
    Receive(Cw20ReceiveMsg),
    /// Move `amount` of the sender's stake into a claim paid after the unbonding period.
    Unstake { amount: Uint128 },
    /// Pay the sender's matured claims in FAIR.
    Claim {},
    /// Vote (or change one's vote) on an open proposal, with the power read at its start height.
    Vote { proposal_id: u64, vote: VoteOption },
    /// Execute a passed proposal after its timelock and before it expires. Anyone may call it.
    Execute { proposal_id: u64 },
    /// Internal: dispatches the proposal's messages, then `check_solvency`;
    /// only the contract itself, during `execute`.
    RunProposal { proposal_id: u64 },
    /// Internal, contract itself only: fails unless the FAIR held still covers
    /// stakes + pending claims + unsettled deposits AND governance has no
    /// outstanding FAIR allowance, so a proposal can spend surplus FAIR
    /// (treasury) but never what stakers, claimants and depositors are owed.
    CheckSolvency {},
    /// Settle the deposit of a finished proposal (refund or treasury, by the
    /// proposal's `RefundPolicy`). Anyone may call it.
    CloseProposal { proposal_id: u64 },
    /// Guardian only, during the timelock: veto a passed proposal (deposit by
    /// the proposal's `RefundPolicy`). Not a proposal that only changes the guardian.
    GuardianVeto { proposal_id: u64 },
    /// Contract itself only (an executed proposal): change parameters. Open proposals keep theirs.
    UpdateConfig { params: ParamsMsg },
    /// Contract itself only: add and remove stake hook receivers (at most `MAX_HOOKS`).
    UpdateHooks {
        add: Vec<String>,
        remove: Vec<String>,
    },
    /// Contract itself only: set or clear the guardian.
    UpdateGuardian { guardian: Option<String> },
    /// Anyone; no funds: re-report `account`'s current pool weight (its
    /// stake in FAIR base units, or 0 below `min_stake`) to `receiver`, one
    /// of the current hooks, as `weight_changed` with `old` = `new` = that
    /// weight. A pool that missed hooks (say, while its hook was removed)
    /// is corrected; on a pool in sync it changes nothing.
    /// JSON `{"resync_weight":{"account":"..","receiver":".."}}`.
    /// Errors: `HookNotFound` when `receiver` is not a current hook.
    ResyncWeight { account: String, receiver: String },
    /// The identity registry's hook (`crate::identity::IdentityHookMsg`):
    /// accepted only from the configured registry (`NotRegistry` otherwise).
    /// Moves `address`'s stake from its previous identity (or none) to `new`
    /// from the next height on; open proposals keep what they read at their
    /// start height. Governance trusts its own record of the address's
    /// identity, not `old`. A link with `expires_at_height` at or below the
    /// current height is taken as no identity.
    IdentityChanged(crate::identity::IdentityChange),
    /// Contract itself only (an executed proposal): set the registry and the
    /// policy for stake without identity. Takes effect from the next height;
    /// open proposals keep their start height's. Identities learnt from a
    /// previous registry stay until it (or `report_expiry`) removes them.
    UpdateIdentityConfig { identity: IdentityConfigMsg },
    /// Anyone; no funds: `address`'s link, as governance recorded it, has
    /// reached its expiry height: governance removes it (its stake counts as
    /// without identity from the next height). The registry's own `expire`
    /// does the same through its hook; this path works even when a hook
    /// was missed. Errors: `LinkNotExpired`.
    ReportExpiry { address: String },
}

/// Effective status, computed from the stored state and the block time.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum ProposalStatus {
    /// Voting is running (block time < `voting_end`).
    Open,
    /// Voting ended without quorum or threshold.
    Rejected,
    /// Vetoed by vote (quorum met and veto share ≥ veto threshold) or by the guardian.
    Vetoed,
    /// Passed, waiting for the timelock (time < `executable_at`).
    Passed,
    /// Passed and timelock over: anyone may execute until `expires_at`.
    Executable,
    /// Executed; every message succeeded.
    Executed,
    /// Executed, but a message failed: every effect was reverted. Final.
    ExecutionFailed,
    /// Passed but not executed before `expires_at`.
    Expired,
}

impl ProposalStatus {
    /// The `status` attribute of the `close_proposal` event: the variant
    /// name in lower case, as `format!("{status:?}").to_lowercase()` writes
    /// it (so `executionfailed`, without the underscore of the JSON name).
    pub fn event_value(&self) -> &'static str {
        match self {
            ProposalStatus::Open => "open",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Vetoed => "vetoed",
            ProposalStatus::Passed => "passed",
            ProposalStatus::Executable => "executable",
            ProposalStatus::Executed => "executed",
            ProposalStatus::ExecutionFailed => "executionfailed",
            ProposalStatus::Expired => "expired",
        }
    }
}

/// `{}` keeps the stored parameters (checked against today's ranges);
/// `params` replaces them (checked the same way).
#[cw_serde]
#[derive(Default)]
pub struct MigrateMsg {
    #[serde(default)]
    pub params: Option<ParamsMsg>,
    /// Sets the registry and unidentified-stake policy; `null` keeps them.
    #[serde(default)]
    pub identity: Option<IdentityConfigMsg>,
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// Parameters, fixed settings, guardian and hooks.
    #[returns(ConfigResponse)]
    Config {},
    /// One proposal with its effective status and tally.
    #[returns(ProposalResponse)]
    Proposal { proposal_id: u64 },
    /// Proposals by ascending id, optionally only those with `status`. Scans at
    /// most `MAX_SCAN` ids per call; continue from `next_start_after`.
    #[returns(ProposalsResponse)]
    Proposals {
        status: Option<ProposalStatus>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// A voter's ballot on a proposal (None if it has not voted).
    #[returns(BallotResponse)]
    Ballot { proposal_id: u64, voter: String },
    /// Ballots on a proposal by voter address.
    #[returns(BallotsResponse)]
    Ballots {
        proposal_id: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Stake and uncapped power of an address at a height (start of that
    /// block); current values when `height` is None.
    #[returns(VotingPowerResponse)]
    VotingPower {
        address: String,
        height: Option<u64>,
    },
    /// The power an address votes with on a proposal (capped, at its start height).
    #[returns(VotingPowerResponse)]
    ProposalVotingPower { proposal_id: u64, address: String },
    /// Total power at a height (start of that block); current when None.
    #[returns(TotalPowerResponse)]
    TotalPower { height: Option<u64> },
    /// Current stake and power of an address.
    #[returns(StakeResponse)]
    Stake { address: String },
    /// Pending claims of an address.
    #[returns(ClaimsResponse)]
    Claims { address: String },
    /// Concentration metrics, kept O(1) per stake change.
    #[returns(MetricsResponse)]
    Metrics {},
    /// An identity's summed stake and (uncapped) power at a height (start of
    /// that block; now if null), as governance counts it.
    #[returns(IdentityPowerResponse)]
    IdentityPower { identity: u64, height: Option<u64> },
}

#[cw_serde]
pub struct Params {
    pub cap: Bps,
    pub quorum: Bps,
    pub threshold: Threshold,
    pub veto_threshold: Bps,
    pub voting_period: u64,
    pub timelock: u64,
    pub execution_window: u64,
    pub min_deposit: Uint128,
    pub min_propose_power: Uint128,
    pub unbonding_period: Duration,
    pub treasury: Addr,
    pub deposit_refund: RefundPolicy,
}

#[cw_serde]
pub struct ConfigResponse {
    pub token: Addr,
    pub curve: Curve,
    pub min_stake: Uint128,
    pub params: Params,
    pub guardian: Option<Addr>,
    pub hooks: Vec<Addr>,
    pub identity: IdentityConfig,
}

#[cw_serde]
#[derive(Default)]
pub struct Tally {
    pub yes: Uint128,
    pub no: Uint128,
    pub abstain: Uint128,
    pub veto: Uint128,
}

/// The terms copied into a proposal at creation; later config changes never alter them.
#[cw_serde]
pub struct ProposalTerms {
    pub curve: Curve,
    pub min_stake: Uint128,
    pub cap: Bps,
    pub quorum: Bps,
    pub threshold: Threshold,
    pub veto_threshold: Bps,
    pub deposit_refund: RefundPolicy,
    /// The policy for stake without identity at the start height.
    #[serde(default)]
    pub unidentified: UnidentifiedPolicy,
}

#[cw_serde]
pub struct ProposalResponse {
    pub id: u64,
    pub proposer: Addr,
    pub title: String,
    pub description: String,
    pub msgs: Vec<CosmosMsg>,
    pub deposit: Uint128,
    /// True once the deposit was refunded or sent to the treasury.
    pub deposit_settled: bool,
    pub class: ProposalClass,
    pub status: ProposalStatus,
    pub start_height: u64,
    pub voting_end: u64,
    pub executable_at: u64,
    pub expires_at: u64,
    /// Total power at `start_height` (the quorum denominator, uncapped).
    pub total_power: Uint128,
    pub terms: ProposalTerms,
    pub tally: Tally,
}

#[cw_serde]
pub struct ProposalsResponse {
    pub proposals: Vec<ProposalResponse>,
    /// Last id scanned when more ids may follow; pass it as `start_after`.
    pub next_start_after: Option<u64>,
}

#[cw_serde]
pub struct Ballot {
    pub voter: Addr,
    pub vote: VoteOption,
    pub power: Uint128,
}

#[cw_serde]
pub struct BallotResponse {
    pub ballot: Option<Ballot>,
}

#[cw_serde]
pub struct BallotsResponse {
    pub ballots: Vec<Ballot>,
}

#[cw_serde]
pub struct VotingPowerResponse {
    pub address: Addr,
    /// The height read (start of that block), or the current height for current values.
    pub height: u64,
    /// The address's own stake (FAIR base units).
    pub stake: Uint128,
    /// The power the address votes with: its identity's power when it has
    /// one (shared by all the identity's addresses; one ballot counts it),
    /// else the unidentified policy's power of `stake`.
    pub power: Uint128,
    /// The address's identity at that height, as governance counts it.
    #[serde(default)]
    pub identity: Option<u64>,
}

#[cw_serde]
pub struct IdentityPowerResponse {
    pub identity: u64,
    pub height: u64,
    /// Σ stake of the identity's linked addresses (FAIR base units).
    pub stake: Uint128,
    /// `curve(stake)`, 0 below `min_stake` (uncapped; power units).
    pub power: Uint128,
    /// Linked addresses with a positive stake.
    pub stakers: u32,
    /// Linked addresses (as governance was told).
    pub addresses: u32,
    /// The earliest expiry height among its links, if any expires. From that
    /// height until the link is reported (registry `expire` or governance
    /// `report_expiry`), the identity cannot vote (`ExpiredAttestation`).
    pub earliest_expiry: Option<u64>,
}

#[cw_serde]
pub struct TotalPowerResponse {
    pub height: u64,
    pub total_power: Uint128,
}

#[cw_serde]
pub struct StakeResponse {
    pub address: Addr,
    pub stake: Uint128,
    pub power: Uint128,
}

#[cw_serde]
pub struct ClaimInfo {
    pub amount: Uint128,
    pub release_at: Expiration,
}

#[cw_serde]
pub struct ClaimsResponse {
    pub claims: Vec<ClaimInfo>,
}

/// Concentration of stake and power. The largest single share is not kept:
/// a maximum over a set with removals needs an ordered index (not O(1)); under
/// the cap no voter's counted power exceeds `cap` of the total anyway.
#[cw_serde]
pub struct MetricsResponse {
    /// Addresses with a positive stake.
    pub stakers: u64,
    pub total_stake: Uint128,
    pub total_power: Uint128,
    /// FAIR held for pending claims.
    pub total_claims: Uint128,
    /// FAIR held as deposits of proposals not yet settled.
    pub total_deposits: Uint128,
    /// Herfindahl index of raw stake: Σ stake² × 10000 / (Σ stake)², floored; 0 when empty.
    pub stake_hhi_bps: u64,
    /// Herfindahl index of (uncapped) power per voting unit, in bps (at most
    /// 10,000): each identity one unit, each address without identity one
    /// unit under the policy, same formula. Under `linear_share` the powers
    /// are taken unrounded, in units of `1/d` with `d = 2 ceil(√S)`
    /// (identity `p d`, address `s`): `(Σ (p d)² + Σ s²) × 10000 / (Σ p d + U)²`.
    /// Splitting inside an identity does not change it.
    pub power_hhi_bps: u64,
    /// Herfindahl index of `curve(stake)` per address, ignoring identities
    /// (what `power_hhi_bps` was before identities; splitting lowers it).
    #[serde(default)]
    pub address_power_hhi_bps: u64,
    /// Identities with a positive summed stake.
    #[serde(default)]
    pub identities: u64,
    /// Addresses with a positive stake and no identity.
    #[serde(default)]
    pub unidentified_stakers: u64,
    /// Stake of addresses with an identity (FAIR base units).
    #[serde(default)]
    pub identified_stake: Uint128,
    /// Share of `total_stake` held without identity, in bps (floored; 0 when
    /// nothing is staked).
    #[serde(default)]
    pub unidentified_stake_bps: u64,
}

/// Limits of what one message may carry.
pub const MAX_HOOKS: usize = 5;
pub const MAX_TITLE_LEN: usize = 256;
pub const MAX_DESCRIPTION_LEN: usize = 8_192;
pub const MAX_MSGS: usize = 16;
/// Bound on the JSON bytes of a proposal's messages together.
pub const MAX_MSGS_BYTES: usize = 16_384;
/// Longest period (voting, timelock, execution window, unbonding): ten years
/// of 366 days, in seconds. Block times plus these sums stay far from overflow.
pub const MAX_PERIOD: u64 = 10 * 366 * 24 * 3600;
/// Shortest timelock while a guardian is set, in seconds (one hour): the
/// guardian always has a window to veto.
pub const MIN_GUARDIAN_TIMELOCK: u64 = 3_600;
pub const MAX_CLAIMS: usize = 32;
pub const MAX_SCAN: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_values_are_the_lower_cased_debug_names_events_always_carried() {
        use ProposalStatus::*;
        for v in [
            VoteOption::Yes,
            VoteOption::No,
            VoteOption::Abstain,
            VoteOption::Veto,
        ] {
            assert_eq!(v.event_value(), format!("{v:?}").to_lowercase());
        }
        for s in [
            Open,
            Rejected,
            Vetoed,
            Passed,
            Executable,
            Executed,
            ExecutionFailed,
            Expired,
        ] {
            assert_eq!(s.event_value(), format!("{s:?}").to_lowercase());
        }
        assert_eq!(ExecutionFailed.event_value(), "executionfailed");
    }
}
