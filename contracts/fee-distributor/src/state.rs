//! Storage layout and record lookups. Hot records (pool weight, pool index,
//! member, asset totals) are small, under one- or two-byte keys, apart from
//! the cold config. Fields have readable names in Rust and short names in
//! the stored JSON (pinned by `tests/layout.rs`).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, OverflowError, StdResult, Storage, Uint128, Uint256};
use cw_storage_plus::{Item, Map};
use fairgrid::asset::AssetInfo;
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::distributor::{AssetStatus, RecipientTarget};

use crate::error::ContractError;

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
    /// The recipient-set version the carries belong to.
    #[serde(rename = "v")]
    pub version: u32,
    /// One carry per recipient, in the set's order.
    #[serde(rename = "c")]
    pub carries: Vec<u32>,
}

/// Per-asset running totals, for the reconciliation (O(1) upkeep).
#[cw_serde]
#[derive(Default)]
pub struct Totals {
    /// Received in deposits.
    #[serde(rename = "r")]
    pub received: Uint128,
    /// Paid to members.
    #[serde(rename = "p")]
    pub paid: Uint128,
    /// Sent to addresses and the fallback.
    #[serde(rename = "s")]
    pub sent: Uint128,
    /// Burned.
    #[serde(rename = "b")]
    pub burned: Uint128,
    /// Paid to members, per live pool slot with a payout: `(slot, units)`
    /// (absent before per-pool tracking; `paid` − Σ`pool_paid` −
    /// `removed_credited` is what was paid before it, by pools unknown).
    #[serde(rename = "q", default, skip_serializing_if = "Vec::is_empty")]
    pub pool_paid: Vec<(u8, Uint128)>,
    /// Credited to (and, since they owed nothing, paid by) removed pools.
    #[serde(rename = "x", default, skip_serializing_if = "Uint128::is_zero")]
    pub removed_credited: Uint128,
}

impl Totals {
    /// Units paid out of pool `slot` (tracked payouts only).
    pub fn paid_by(&self, slot: u8) -> Uint128 {
        self.pool_paid
            .iter()
            .find(|(s, _)| *s == slot)
            .map(|(_, u)| *u)
            .unwrap_or_default()
    }

    /// Adds a payout of pool `slot`.
    pub fn add_paid_by(&mut self, slot: u8, units: Uint128) -> Result<(), OverflowError> {
        match self.pool_paid.iter_mut().find(|(s, _)| *s == slot) {
            Some((_, u)) => *u = u.checked_add(units)?,
            None => self.pool_paid.push((slot, units)),
        }
        Ok(())
    }

    /// Payouts that predate per-pool tracking:
    /// `paid − Σ pool_paid − removed_credited`.
    pub fn untracked(&self) -> Result<Uint128, OverflowError> {
        let mut rest = self.paid.checked_sub(self.removed_credited)?;
        for (_, u) in &self.pool_paid {
            rest = rest.checked_sub(*u)?;
        }
        Ok(rest)
    }
}

/// Index of one (pool, asset).
#[cw_serde]
#[derive(Default)]
pub struct PoolIndex {
    /// Reward per curved weight unit × SCALE.
    #[serde(rename = "i")]
    pub index: Uint256,
    /// Division remainder carried into the next deposit (< pool weight).
    #[serde(rename = "r")]
    pub remainder: Uint256,
    /// Units credited to the pool so far.
    #[serde(rename = "n")]
    pub credited: Uint128,
}

/// One account's settlement point for one asset.
#[cw_serde]
#[derive(Default)]
pub struct Account {
    /// The pool index the account was last settled at.
    #[serde(rename = "i")]
    pub snapshot: Uint256,
    /// Owed, scaled by SCALE.
    #[serde(rename = "o")]
    pub owed: Uint256,
}

/// One member of one pool: curved weight and per-asset-slot accounts.
#[cw_serde]
#[derive(Default)]
pub struct Member {
    /// Curved weight.
    #[serde(rename = "w")]
    pub weight: Uint128,
    /// One account per asset slot (absent past the last one written: zero).
    #[serde(rename = "a")]
    pub accounts: Vec<Account>,
}

impl Member {
    /// The account of asset `slot`, created (zero) if missing.
    pub fn account(&mut self, slot: usize) -> &mut Account {
        if self.accounts.len() <= slot {
            self.accounts.resize(slot + 1, Account::default());
        }
        &mut self.accounts[slot]
    }

    /// Nothing to remember: no weight and nothing owed.
    pub fn is_empty(&self) -> bool {
        self.weight.is_zero() && self.accounts.iter().all(|a| a.owed.is_zero())
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

// ---------- lookups ----------

/// The slot of asset `info` in `assets` (`ASSETS`), if known.
pub fn slot_of(assets: &[AssetStatus], info: &AssetInfo) -> Option<usize> {
    assets.iter().position(|a| a.info == *info)
}

/// The index of pool `pool_id` in `pools` (`POOLS`). Errors: `UnknownPool`.
pub fn pool_position(pools: &[Pool], pool_id: &str) -> Result<usize, ContractError> {
    pools
        .iter()
        .position(|p| p.id == pool_id)
        .ok_or_else(|| ContractError::UnknownPool {
            pool_id: pool_id.to_string(),
        })
}

/// The storage slot of pool `pool_id`. Errors: `UnknownPool`.
pub fn pool_slot(pools: &[Pool], pool_id: &str) -> Result<u8, ContractError> {
    pool_slots(pools)
        .find(|(_, p)| p.id == pool_id)
        .map(|(slot, _)| slot)
        .ok_or_else(|| ContractError::UnknownPool {
            pool_id: pool_id.to_string(),
        })
}

/// The member record of `addr` in pool slot `pool` (none stored: no weight,
/// nothing owed).
pub fn load_member(storage: &dyn Storage, pool: u8, addr: &Addr) -> StdResult<Member> {
    Ok(MEMBERS.may_load(storage, (pool, addr))?.unwrap_or_default())
}
