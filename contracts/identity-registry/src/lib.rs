//! Fairgrid identity registry: attesters appointed by governance link
//! addresses to identities, so that voting power and fee weights can be
//! computed per identity and splitting stake across addresses gains nothing.
//!
//! # Model
//! - An identity is a number the registry assigns (counting from 1, never
//!   reused), never chosen by users. It holds 1 to `max_addresses` links
//!   (at most [`fairgrid::identity::MAX_ADDRESSES_LIMIT`]); each address
//!   has at most one link.
//! - An attester links an address to a new or an existing identity, with
//!   an optional expiry height; it revokes the links it made. The owner
//!   (governance) appoints and removes attesters and subscribers and may
//!   revoke any link. An address may leave its identity on its own.
//! - A link is live below its expiry height. An expired link counts as no
//!   identity in every query (`identity`, cw4 `member`, `list_members`
//!   with weight 0) at once, without any transaction. Subscribers learn of
//!   it through the permissionless `expire { address }`, which removes the
//!   expired link and sends the hook; a consumer that must be exact at a
//!   height (governance's start height) reads `identity { address,
//!   at_height }` and compares the expiry with that height itself. Expired
//!   links still stored count toward `max_addresses` and the cw4 total
//!   weight until `expire` removes them; linking such an address again
//!   replaces the expired link.
//! - Every change (link, revoke, leave, expire) is sent to every subscriber
//!   (at most 5) as `{"identity_changed":{..}}` in the same transaction, as
//!   plain messages: a subscriber that fails makes the change fail and
//!   nothing is recorded. A subscriber that silently missed changes would
//!   keep wrong weights; a broken subscriber is removed by governance.
//! - Links are snapshotted per height (cw-storage-plus `SnapshotMap`): an
//!   at-height query returns the state at the start of that block, before
//!   its transactions, as cw4-group does, so changes after a proposal's
//!   start height change nothing read at it.
//!
//! # Trust model
//! An attester vouches that every address it links to one identity is
//! controlled by one person or organisation, and that an identity it
//! creates is not already known under another id (to the best of its
//! checks). The registry cannot verify either claim: it enforces only who
//! may attest, one identity per address and the per-identity bound.
//!
//! A corrupt or careless attester can:
//! - merge strangers' addresses into one identity (up to `max_addresses`),
//!   which lowers their combined power under a per-identity square root:
//!   a griefing attack, visible on chain (events, `addresses` query);
//! - split a holder into many identities only by linking addresses that
//!   holder controls, one new identity each: this restores per-address
//!   splitting for that holder, as if no registry existed, and is the
//!   main risk governance watches (many new identities from one attester);
//! - revoke the links it made, or refuse to link anyone.
//!
//! It cannot: move or lock anyone's stake or funds, link an address that
//! already has a live identity, grow an identity past `max_addresses`,
//! choose an identity's id, change links it did not make, or change what
//! was recorded at past heights. Governance removes it with
//! `update_attesters` and revokes its links (the owner may revoke any link);
//! links expire on their own if attesters set expiries.

pub mod contract;
pub mod error;
pub(crate) mod execute;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
