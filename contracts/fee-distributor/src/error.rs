use cosmwasm_std::{OverflowError, StdError, Uint128};
use fairgrid::checks::{NotOwner, OwnAddress};
use fairgrid::migrate::MigrateError;
use fairgrid::AssetError;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("arithmetic overflow: {0}")]
    Overflow(#[from] OverflowError),

    #[error(transparent)]
    Asset(#[from] AssetError),

    #[error(transparent)]
    Migrate(#[from] MigrateError),

    #[error("{sender} may not {action}: only the owner {owner} may")]
    NotOwner {
        sender: String,
        owner: String,
        action: String,
    },

    #[error("weight hook from {sender}, which is not the source of any pool")]
    NotPoolSource { sender: String },

    #[error("recipient weights sum to {sum} bps, expected exactly 10000")]
    WeightsNotWhole { sum: u32 },

    #[error("recipient {index} has weight 0, expected a positive share")]
    ZeroWeight { index: u32 },

    #[error("{count} recipients, expected 1 to {max}")]
    RecipientCount { count: u32, max: u32 },

    #[error("{count} assets would be known, at most {max} are allowed")]
    TooManyAssets { count: u32, max: u32 },

    #[error("{count} pools would exist, at most {max} are allowed")]
    TooManyPools { count: u32, max: u32 },

    #[error("unknown pool {pool_id:?}, expected one of the configured pool ids")]
    UnknownPool { pool_id: String },

    #[error("pool {pool_id:?} already exists, expected a new id")]
    DuplicatePool { pool_id: String },

    #[error(
        "{source_addr} is already the source of pool {pool_id:?}, expected one pool per source"
    )]
    DuplicateSource {
        source_addr: String,
        pool_id: String,
    },

    #[error("invalid pool id {pool_id:?}: expected 1-16 characters [a-z0-9_-]")]
    InvalidPoolId { pool_id: String },

    #[error("pool {pool_id:?} appears twice among the recipients, expected once")]
    DuplicatePoolRecipient { pool_id: String },

    #[error("asset {asset} was never accepted here")]
    UnknownAsset { asset: String },

    #[error("{address} has nothing to claim in the requested assets")]
    NothingToClaim { address: String },

    #[error(
        "the distributor cannot be the {field}: what it sent to itself would be owed to nobody"
    )]
    OwnAddress { field: String },

    #[error("deposit of zero {asset}, expected a positive amount")]
    ZeroDeposit { asset: String },

    #[error("asset {asset} cannot be retired: {owed} owed to pool members and {carried} carried in pool remainders, expected 0 and 0")]
    AssetStillOwed {
        asset: String,
        owed: Uint128,
        carried: Uint128,
    },

    #[error("asset {asset} is already retired")]
    AssetAlreadyRetired { asset: String },

    #[error("pool {pool_id:?} already has this source and curve, expected a change")]
    PoolUnchanged { pool_id: String },

    #[error("pool {pool_id:?} is a recipient, expected a recipient set without it (set_recipients first)")]
    PoolIsRecipient { pool_id: String },

    #[error("pool {pool_id:?} cannot be removed: {owed} {asset} owed to its members and {carried} carried in its remainder, expected 0 and 0")]
    PoolStillOwes {
        pool_id: String,
        asset: String,
        owed: Uint128,
        carried: Uint128,
    },

    #[error("pool {pool_id:?} cannot be removed: {untracked} {asset} were claimed before payouts were tracked per pool, so what it owes is unknown; retire the asset first")]
    PoolPaidUntracked {
        pool_id: String,
        asset: String,
        untracked: Uint128,
    },

    #[error("no pool storage slot is left ({max} used), expected a free one")]
    PoolSlotsExhausted { max: u32 },
}

impl From<NotOwner> for ContractError {
    fn from(e: NotOwner) -> Self {
        ContractError::NotOwner {
            sender: e.sender,
            owner: e.owner,
            action: e.action,
        }
    }
}

impl From<OwnAddress> for ContractError {
    fn from(e: OwnAddress) -> Self {
        ContractError::OwnAddress { field: e.field }
    }
}
