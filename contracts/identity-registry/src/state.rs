//! Storage layout. Keys are short; a link is a few bytes (identity, expiry,
//! attester) and snapshotted by height for start-height reads.

use cosmwasm_std::Addr;
use cw_controllers::{Admin, Hooks};
use cw_storage_plus::{Item, Map, SnapshotItem, SnapshotMap, Strategy};
use serde::{Deserialize, Serialize};

/// The owner (governance).
pub const OWNER: Admin = Admin::new("o");
/// Subscribers: receivers of `identity_changed`, at most `MAX_SUBSCRIBERS`.
pub const SUBSCRIBERS: Hooks = Hooks::new("h");
/// Most addresses per identity.
pub const MAX_ADDRESSES: Item<u32> = Item::new("m");
/// The id the next new identity gets (ids count from 1, never reused).
pub const NEXT_IDENTITY: Item<u64> = Item::new("n");
pub const ATTESTERS: Map<&Addr, ()> = Map::new("t");
pub const ATTESTER_COUNT: Item<u32> = Item::new("tc");

/// One address's link, snapshotted at every height it changes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Link {
    #[serde(rename = "i")]
    pub identity: u64,
    /// Live below this height; none: until revoked or left.
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<u64>,
    #[serde(rename = "a")]
    pub attester: Addr,
}

impl Link {
    /// Whether the link counts at `height`.
    pub fn live_at(&self, height: u64) -> bool {
        self.expires.is_none_or(|e| height < e)
    }
}

pub const LINKS: SnapshotMap<&Addr, Link> =
    SnapshotMap::new("l", "l_c", "l_l", Strategy::EveryBlock);
/// Number of stored links (the cw4 total weight), snapshotted.
pub const TOTAL: SnapshotItem<u64> = SnapshotItem::new("w", "w_c", "w_l", Strategy::EveryBlock);
/// Stored links per identity; an identity with none is removed.
pub const IDENTITIES: Map<u64, u32> = Map::new("i");
/// (identity, address) → the link's expiry: the addresses of an identity.
pub const MEMBERS: Map<(u64, &Addr), Option<u64>> = Map::new("a");
