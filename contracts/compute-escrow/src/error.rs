use cosmwasm_std::{OverflowError, StdError, Uint128};
use fairgrid::checks::{NotOwner, OwnAddress, TextLen};
use fairgrid::migrate::MigrateError;
use fairgrid::AssetError;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error(transparent)]
    Asset(#[from] AssetError),

    #[error(transparent)]
    Migrate(#[from] MigrateError),

    #[error("arithmetic overflow: {0}")]
    Overflow(#[from] OverflowError),

    #[error("only the owner {owner} may {action}, not {sender}")]
    NotOwner {
        action: String,
        sender: String,
        owner: String,
    },

    #[error("only the arbiter {arbiter} may resolve disputes, not {sender}")]
    NotArbiter { sender: String, arbiter: String },

    #[error("only the renter {renter} of lease {lease_id} may do this, not {sender}")]
    NotRenter {
        lease_id: u64,
        sender: String,
        renter: String,
    },

    #[error("only the renter or the provider of lease {lease_id} may close it, not {sender}")]
    NotLeaseParty { lease_id: u64, sender: String },

    #[error(
        "only the provider {provider} of lease {lease_id} may claim its earnings, not {sender}"
    )]
    NotLeaseProvider {
        lease_id: u64,
        sender: String,
        provider: String,
    },

    #[error("only the provider {provider} of offer {offer_id} may change it, not {sender}")]
    NotOfferProvider {
        offer_id: u64,
        sender: String,
        provider: String,
    },

    #[error("{address} is not a registered provider; register with collateral first")]
    NotRegistered { address: String },

    #[error("{address} is already a registered provider; use add_collateral")]
    AlreadyRegistered { address: String },

    #[error("protocol fee {fee} bps is above the maximum of {max} bps")]
    FeeAboveMax { fee: u16, max: u16 },

    #[error("bonded collateral {collateral} is below the minimum {min}")]
    CollateralBelowMin { collateral: Uint128, min: Uint128 },

    #[error("the escrow is paused: no new offers, leases, extensions or deposits")]
    Paused {},

    #[error("{what} must be positive, got 0")]
    ZeroAmount { what: String },

    #[error("the escrow cannot be the {field}: what it sent or credited to itself would be owed to nobody")]
    OwnAddress { field: String },

    #[error("cannot withdraw {requested} of {asset}: only {available} free credits")]
    InsufficientCredits {
        asset: String,
        available: Uint128,
        requested: Uint128,
    },

    #[error("this payment must be in {expected}, got {got}")]
    WrongPaymentAsset { expected: String, got: String },

    #[error("sent {got} {asset}, expected exactly {expected}")]
    WrongPaymentAmount {
        asset: String,
        got: Uint128,
        expected: Uint128,
    },

    #[error("offer {offer_id} does not exist")]
    OfferNotFound { offer_id: u64 },

    #[error("lease {lease_id} does not exist")]
    LeaseNotFound { lease_id: u64 },

    #[error("offer {offer_id} is closed to new leases and extensions")]
    OfferClosed { offer_id: u64 },

    #[error("offer {offer_id} has no free slot: {used}/{slots} in use (ended leases free theirs on settle)")]
    OfferFull {
        offer_id: u64,
        used: u32,
        slots: u32,
    },

    #[error("duration {duration}s is out of bounds: expected {min}s to {max}s")]
    DurationOutOfBounds { duration: u64, min: u64, max: u64 },

    #[error("invalid offer: {reason}")]
    InvalidOffer { reason: String },

    #[error("invalid configuration: {reason}")]
    InvalidConfig { reason: String },

    #[error("{field} is {len} bytes long, at most {max} allowed")]
    TextTooLong {
        field: String,
        len: usize,
        max: usize,
    },

    #[error("lease {lease_id} ended at {end}; it can no longer be extended")]
    LeaseEnded { lease_id: u64, end: u64 },

    #[error("lease {lease_id} runs until {end}; it cannot be settled before")]
    LeaseStillRunning { lease_id: u64, end: u64 },

    #[error("lease {lease_id} is already closed and settled")]
    LeaseSettled { lease_id: u64 },

    #[error("lease {lease_id} is disputed: claims and extensions wait for the arbiter")]
    LeaseDisputed { lease_id: u64 },

    #[error("lease {lease_id} already had a dispute; its outcome is final")]
    DisputeAlreadyRaised { lease_id: u64 },

    #[error("lease {lease_id} can be disputed only before {deadline} (end + settlement delay), now {now}")]
    DisputeWindowClosed {
        lease_id: u64,
        deadline: u64,
        now: u64,
    },

    #[error("lease {lease_id} has no open dispute")]
    NoOpenDispute { lease_id: u64 },

    #[error(
        "cannot slash {slash}: the provider has only {collateral} collateral (bonded + unbonding)"
    )]
    SlashAboveCollateral { slash: Uint128, collateral: Uint128 },

    #[error("cannot unbond {requested}: only {bonded} collateral is bonded")]
    InsufficientCollateral { requested: Uint128, bonded: Uint128 },

    #[error("provider {provider} has {live_offers} offers open or with unsettled leases: close them and settle their leases first")]
    LiveOffers { provider: String, live_offers: u32 },

    #[error(
        "provider {provider} has {open_disputes} open disputes: collateral stays until they are resolved"
    )]
    OpenDisputes {
        provider: String,
        open_disputes: u32,
    },

    #[error("provider {provider} has no collateral unbonding")]
    NothingUnbonding { provider: String },

    #[error("collateral unbonds at {release}, now {now}")]
    UnbondingNotReady { release: u64, now: u64 },

    #[error("expected 1 to {max} lease ids, got {got}")]
    BadIdCount { got: usize, max: usize },

    #[error("lease id {lease_id} appears twice")]
    DuplicateId { lease_id: u64 },

    #[error("at most {max} accepted assets, would have {got}")]
    TooManyAssets { got: usize, max: usize },

    #[error(
        "offer {offer_id} asks {price} per hour, above the agreed maximum {max_price_per_hour}"
    )]
    PriceAboveAgreed {
        offer_id: u64,
        price: Uint128,
        max_price_per_hour: Uint128,
    },

    #[error(
        "collateral backs leases disputable until {liable_until}, now {now}: it stays until then"
    )]
    CollateralLiable { liable_until: u64, now: u64 },

    #[error("unbonding delay {unbonding_delay}s is shorter than the settlement delay {settlement_delay}s: collateral could leave before the dispute window closes")]
    UnbondingShorterThanSettlement {
        unbonding_delay: u64,
        settlement_delay: u64,
    },

    #[error("dispute bond {bond} bps is above the maximum of {max} bps")]
    DisputeBondAboveMax { bond: u16, max: u16 },

    #[error("expected 1 to {max} assets, got {got}")]
    BadAssetCount { got: usize, max: usize },

    #[error("asset {asset} appears twice")]
    DuplicateAsset { asset: String },

    #[error("no collateral hook is configured: there is no pool to re-sync the weight of provider {provider} with")]
    NoCollateralHook { provider: String },

    #[error("unexpected reply {id}: {reason}")]
    UnexpectedReply { id: u64, reason: String },

    #[error("grant {grant_id} does not exist")]
    GrantNotFound { grant_id: u64 },

    #[error("a sponsor cannot grant to itself ({sponsor}): deposit and rent directly")]
    GrantToSelf { sponsor: String },

    #[error("grant expiry {expires} is not after the current time {now}")]
    GrantExpiryPassed { expires: u64, now: u64 },

    #[error("only the sponsor {sponsor} of grant {grant_id} may revoke it, not {sender}")]
    NotSponsor {
        grant_id: u64,
        sender: String,
        sponsor: String,
    },

    #[error("only the grantee {grantee} of grant {grant_id} may spend it, not {sender}")]
    NotGrantee {
        grant_id: u64,
        sender: String,
        grantee: String,
    },

    #[error("grant {grant_id} was revoked by its sponsor")]
    GrantRevoked { grant_id: u64 },

    #[error("grant {grant_id} expired at {expires}, now {now}")]
    GrantExpired {
        grant_id: u64,
        expires: u64,
        now: u64,
    },

    #[error("grant {grant_id} is in {grant_asset}, the offer is priced in {offer_asset}")]
    GrantAssetMismatch {
        grant_id: u64,
        grant_asset: String,
        offer_asset: String,
    },

    #[error(
        "grant {grant_id} allows {limit}, {spent} is spent: {requested} more is above the limit"
    )]
    GrantLimitExceeded {
        grant_id: u64,
        limit: Uint128,
        spent: Uint128,
        requested: Uint128,
    },

    #[error("lease {lease_id} is paid from grant {grant_id}: its extensions draw on the grant, attach no funds")]
    GrantLeaseFunds { lease_id: u64, grant_id: u64 },
}

impl From<NotOwner> for ContractError {
    fn from(e: NotOwner) -> Self {
        ContractError::NotOwner {
            action: e.action,
            sender: e.sender,
            owner: e.owner,
        }
    }
}

/// The escrow's texts have no lower bound: only `max` is reported.
impl From<TextLen> for ContractError {
    fn from(e: TextLen) -> Self {
        ContractError::TextTooLong {
            field: e.field,
            len: e.len,
            max: e.max,
        }
    }
}

impl From<OwnAddress> for ContractError {
    fn from(e: OwnAddress) -> Self {
        ContractError::OwnAddress { field: e.field }
    }
}
