use cosmwasm_std::{OverflowError, StdError};
use fairgrid::checks::NotOwner;
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

    #[error("only the owner {owner} may do this, not {sender}")]
    NotOwner { sender: String, owner: String },

    #[error("{sender} is not an attester: only attesters appointed by the owner link addresses")]
    NotAttester { sender: String },

    #[error("only the attester {attester} that linked {address}, or the owner, may revoke it, not {sender}")]
    NotLinkAttester {
        address: String,
        sender: String,
        attester: String,
    },

    #[error("{address} is already linked to identity {identity}: revoke or leave first")]
    AlreadyLinked { address: String, identity: u64 },

    #[error("identity {identity} already holds {addresses} addresses, the maximum is {max}")]
    IdentityFull {
        identity: u64,
        addresses: u32,
        max: u32,
    },

    #[error("identity {identity} does not exist (or holds no address)")]
    IdentityNotFound { identity: u64 },

    #[error("{address} is not linked to any identity")]
    NotLinked { address: String },

    #[error("expiry height {expires_at_height} must be above the current height {height}")]
    ExpiryNotAhead { expires_at_height: u64, height: u64 },

    #[error("the link of {address} to identity {identity} never expires: revoke it instead")]
    NeverExpires { address: String, identity: u64 },

    #[error("the link of {address} is live until height {expires_at_height}, now {height}")]
    NotYetExpired {
        address: String,
        expires_at_height: u64,
        height: u64,
    },

    #[error("max_addresses must be 1 to {limit}, got {max_addresses}")]
    InvalidMaxAddresses { max_addresses: u32, limit: u32 },

    #[error("at most {max} {what} allowed, would have {count}")]
    TooMany { what: String, count: u32, max: u32 },

    #[error("{address} is already an attester")]
    AttesterExists { address: String },

    #[error("{address} is not an attester, so it cannot be removed")]
    UnknownAttester { address: String },

    #[error("{address} is already a subscriber")]
    SubscriberExists { address: String },

    #[error("{address} is not a subscriber, so it cannot be removed")]
    UnknownSubscriber { address: String },
}

/// The registry's text names no action ("may do this").
impl From<NotOwner> for ContractError {
    fn from(e: NotOwner) -> Self {
        ContractError::NotOwner {
            sender: e.sender,
            owner: e.owner,
        }
    }
}
