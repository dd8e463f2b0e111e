use cosmwasm_std::{OverflowError, StdError, Uint128};
use fairgrid::governance::ProposalStatus;
use fairgrid::migrate::MigrateError;
use fairgrid::AssetError;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),

    #[error(transparent)]
    Asset(#[from] AssetError),

    #[error(transparent)]
    Migrate(#[from] MigrateError),

    #[error("arithmetic overflow: {0}")]
    Overflow(#[from] OverflowError),

    #[error("{action} may only be sent by the governance contract itself ({expected}) through an executed proposal, not by {sender}")]
    NotSelf {
        action: String,
        sender: String,
        expected: String,
    },

    #[error("only the guardian ({guardian}) may veto, not {sender}")]
    NotGuardian { sender: String, guardian: String },

    #[error("no guardian is set, so nobody may veto proposal {id}")]
    NoGuardian { id: u64 },

    #[error("{what} must be positive, got 0")]
    ZeroAmount { what: String },

    #[error("deposit {got} is below the minimum deposit {min}")]
    DepositTooLow { got: Uint128, min: Uint128 },

    #[error("{proposer} has power {power} at height {height}, proposing needs at least {min}")]
    ProposePowerTooLow {
        proposer: String,
        power: Uint128,
        min: Uint128,
        height: u64,
    },

    #[error("{voter} has no voting power on proposal {id}: stake at its start height {height} gives power 0")]
    NoVotingPower { voter: String, id: u64, height: u64 },

    #[error("proposal {id} does not exist")]
    ProposalNotFound { id: u64 },

    #[error("voting on proposal {id} ended at {voting_end}, now is {now}")]
    VotingClosed { id: u64, voting_end: u64, now: u64 },

    #[error("proposal {id} is in its timelock until {executable_at}, now is {now}")]
    TimelockNotOver {
        id: u64,
        executable_at: u64,
        now: u64,
    },

    #[error("proposal {id} was already executed (status {status:?})")]
    AlreadyExecuted { id: u64, status: ProposalStatus },

    #[error("proposal {id} expired at {expires_at} without being executed, now is {now}")]
    ProposalExpired { id: u64, expires_at: u64, now: u64 },

    #[error("proposal {id} is {status:?}, expected a passed proposal")]
    NotPassed { id: u64, status: ProposalStatus },

    #[error("the guardian may veto proposal {id} only during its timelock (status passed), it is {status:?}")]
    VetoOutsideTimelock { id: u64, status: ProposalStatus },

    #[error("proposal {id} is {status:?}; its deposit is settled only once it is finished")]
    NotFinished { id: u64, status: ProposalStatus },

    #[error("the deposit of proposal {id} was already settled")]
    DepositAlreadySettled { id: u64 },

    #[error("cannot unstake {requested}: only {staked} is staked")]
    UnstakeTooMuch { requested: Uint128, staked: Uint128 },

    #[error("{address} has no matured claim: {pending} pending, not yet released")]
    NothingToClaim { address: String, pending: Uint128 },

    #[error("{address} already has {max} pending claims, the maximum; claim matured ones first")]
    TooManyClaims { address: String, max: usize },

    #[error("run_proposal {id} refused: proposal {id} is not being executed")]
    NotRunning { id: u64 },

    #[error("proposal would leave {held} FAIR held, below the {owed} owed to stakers, claims and deposits")]
    Insolvent { held: Uint128, owed: Uint128 },

    #[error("proposal would leave {spender} an allowance of {amount} of governance's FAIR; no allowance may be outstanding")]
    AllowanceOutstanding { spender: String, amount: Uint128 },

    #[error(
        "the guardian ({guardian}) may not veto proposal {id}: it only sets or removes the guardian"
    )]
    GuardianChangeNotVetoable { id: u64, guardian: String },

    #[error("a proposal's messages may take at most {max} JSON bytes, got {bytes}")]
    MsgsTooLarge { bytes: usize, max: usize },

    #[error("{what} overflows: {now} + {plus}")]
    TimeOverflow { what: String, now: u64, plus: u64 },

    #[error("invalid parameter {name}: {reason}")]
    InvalidParam { name: String, reason: String },

    #[error("hook {hook} is already registered")]
    HookExists { hook: String },

    #[error("hook {hook} is not registered")]
    HookNotFound { hook: String },

    #[error("{count} hooks requested, at most {max} allowed")]
    TooManyHooks { count: usize, max: usize },

    #[error("title must be 1..={max} bytes, got {len}")]
    BadTitle { len: usize, max: usize },

    #[error("description must be at most {max} bytes, got {len}")]
    DescriptionTooLong { len: usize, max: usize },

    #[error("a proposal carries at most {max} messages, got {count}")]
    TooManyMsgs { count: usize, max: usize },

    #[error("unexpected reply id {id}: {reason}")]
    UnexpectedReply { id: u64, reason: String },

    #[error("identity hooks are accepted only from the identity registry ({registry}), not from {sender}")]
    NotRegistry { sender: String, registry: String },

    #[error("{voter} belongs to identity {identity}, whose record at the proposal's start height {height} holds a link that expired at height {expired_at}: an expired attestation is never counted (report it with the registry's expire or report_expiry; later proposals count the identity without it)")]
    ExpiredAttestation {
        voter: String,
        identity: u64,
        expired_at: u64,
        height: u64,
    },

    #[error("the link of {address} (identity {identity:?}, expiry {expires_at:?}) has not expired at height {height}")]
    LinkNotExpired {
        address: String,
        identity: Option<u64>,
        expires_at: Option<u64>,
        height: u64,
    },
}
