//! Storage layout. Hot records (pool weight, pool index, member, asset
//! totals) are small, under one- or two-byte keys, apart from the cold config.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, OverflowError, Uint128, Uint256};
use cw_storage_plus::{Item, Map};
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::distributor::{AssetStatus, RecipientTarget};

/// At most this many assets are known at once (accepted or not); a slot is
/// reused only after `retire_asset` freed it (nothing owed in it).
pub const MAX_ASSETS: usize = 10;
pub const MAX_POOLS: usize = 5;
pub const MAX_RECIPIENTS: usize = 10;

#[cw_serde]
pub struct Config {
    pub owner: Addr,
    pub fallback: Addr,
}

#[cw_serde]
pub struct Pool {
    pub id: String,
    pub source: Addr,
    pub curve: Curve,
    /// The pool's storage slot (key of its weight, indexes and members);
    /// absent: its position in `POOLS` (every pool until one is removed,
    /// which writes the slot of every pool left). See [`Pool::slot`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<u8>,
}

impl Pool {
    /// The storage slot of the pool at `position` in `POOLS`.
    pub fn slot(&self, position: usize) -> u8 {
        self.slot.unwrap_or(position as u8)
    }
}

/// `(slot, pool)` of every pool, in `POOLS` order (at most `MAX_POOLS`).
pub fn pool_slots(pools: &[Pool]) -> impl Iterator<Item = (u8, &Pool)> {
    pools.iter().enumerate().map(|(i, p)| (p.slot(i), p))
}

#[cw_serde]
pub struct StoredRecipient {
    pub target: RecipientTarget,
    pub weight: Bps,
}

#[cw_serde]
pub struct RecipientSet {
    /// Bumped on every change; carries of older versions are void.
    pub version: u32,
    pub list: Vec<StoredRecipient>,
    /// Index in `list` taking the rounding rest.
    pub rest: u32,
}

/// Per-asset split carries (1/10,000 units) of one recipient-set version.
#[cw_serde]
pub struct Carries {
    pub v: u32,
    pub c: Vec<u32>,
}

/// Per-asset running totals, for the reconciliation (O(1) upkeep).
#[cw_serde]
#[derive(Default)]
pub struct Totals {
    /// received
    pub r: Uint128,
    /// paid to members
    pub p: Uint128,
    /// sent to addresses and fallback
    pub s: Uint128,
    /// burned
    pub b: Uint128,
    /// paid to members, per live pool slot with a payout: `(slot, units)`
    /// (absent before per-pool tracking; `p` − Σ`q` − `x` is what was paid
    /// before it, by pools unknown)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub q: Vec<(u8, Uint128)>,
    /// credited to (and, since they owed nothing, paid by) removed pools
    #[serde(default, skip_serializing_if = "Uint128::is_zero")]
    pub x: Uint128,
}

impl Totals {
    /// Units paid out of pool `slot` (tracked payouts only).
    pub fn paid_by(&self, slot: u8) -> Uint128 {
        self.q
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, u)| *u)
            .unwrap_or_default()
    }

    /// Adds a payout of pool `slot`.
    pub fn add_paid_by(&mut self, slot: u8, units: Uint128) -> Result<(), OverflowError> {
        match self.q.iter_mut().find(|(s, _)| *s == slot) {
            Some((_, u)) => *u = u.checked_add(units)?,
            None => self.q.push((slot, units)),
        }
        Ok(())
    }

    /// Payouts that predate per-pool tracking: `p − Σq − x`.
    pub fn untracked(&self) -> Result<Uint128, OverflowError> {
        let mut rest = self.p.checked_sub(self.x)?;
        for (_, u) in &self.q {
            rest = rest.checked_sub(*u)?;
        }
        Ok(rest)
    }
}

/// Index of one (pool, asset).
#[cw_serde]
#[derive(Default)]
pub struct PoolIndex {
    /// reward per curved weight unit × SCALE
    pub i: Uint256,
    /// division remainder carried into the next deposit (< pool weight)
    pub r: Uint256,
    /// units credited to the pool so far
    pub n: Uint128,
}

/// One account's settlement point for one asset.
#[cw_serde]
#[derive(Default)]
pub struct Acc {
    /// index snapshot
    pub i: Uint256,
    /// owed, scaled by SCALE
    pub o: Uint256,
}

/// One member of one pool: curved weight and per-asset-slot accounts.
#[cw_serde]
#[derive(Default)]
pub struct Member {
    pub w: Uint128,
    pub a: Vec<Acc>,
}

impl Member {
    pub fn acc(&mut self, slot: usize) -> &mut Acc {
        if self.a.len() <= slot {
            self.a.resize(slot + 1, Acc::default());
        }
        &mut self.a[slot]
    }

    /// Nothing to remember: no weight and nothing owed.
    pub fn is_empty(&self) -> bool {
        self.w.is_zero() && self.a.iter().all(|a| a.o.is_zero())
    }
}

pub const CONFIG: Item<Config> = Item::new("c");
/// Every asset ever accepted, by slot.
pub const ASSETS: Item<Vec<AssetStatus>> = Item::new("a");
/// Pools by slot.
pub const POOLS: Item<Vec<Pool>> = Item::new("p");
pub const RECIPIENTS: Item<RecipientSet> = Item::new("r");
/// asset slot -> split carries
pub const CARRIES: Map<u8, Carries> = Map::new("k");
/// asset slot -> totals
pub const TOTALS: Map<u8, Totals> = Map::new("t");
/// pool slot -> total curved weight
pub const POOL_WEIGHT: Map<u8, Uint128> = Map::new("w");
/// (pool slot, asset slot) -> index
pub const POOL_INDEX: Map<(u8, u8), PoolIndex> = Map::new("i");
/// (pool slot, member) -> member
pub const MEMBERS: Map<(u8, &Addr), Member> = Map::new("m");
/// The slot the next added pool takes; absent until a pool is removed
/// (until then a pool's slot is its position). Slots are never reused.
pub const NEXT_POOL_SLOT: Item<u16> = Item::new("ns");
