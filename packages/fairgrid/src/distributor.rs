//! Messages of the fee-distributor: exact, O(1) distribution of protocol fees
//! to pools (stakers, providers), plain addresses (treasury) and burn.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Uint128, Uint256};
use cw20::Cw20ReceiveMsg;

use crate::asset::{AssetInfo, AssetInfoUnchecked};
use crate::bps::Bps;
use crate::curve::Curve;
use crate::hook::WeightChange;

/// A pool as configured at instantiation or by `add_pool`.
#[cw_serde]
pub struct PoolMsg {
    /// Short id, 1-16 characters `[a-z0-9_-]`, e.g. "stakers".
    pub pool_id: String,
    /// The only contract allowed to send this pool `weight_changed` hooks.
    pub source: String,
    /// Curve applied by the pool to the raw weights it receives.
    pub curve: Curve,
}

/// Where a share of every deposit goes (message form, unvalidated addresses).
#[cw_serde]
pub enum RecipientTargetMsg {
    /// A pool's members, by weight (see `PoolMsg`).
    Pool { pool_id: String },
    /// A plain transfer in the same transaction (e.g. the treasury).
    Address { address: String },
    /// Destroyed in the same transaction (bank burn or cw20 burn).
    Burn {},
}

/// A recipient and its share in basis points.
#[cw_serde]
pub struct RecipientMsg {
    /// Where the share goes.
    pub target: RecipientTargetMsg,
    /// Share in basis points (> 0); a set's weights sum to exactly 10,000.
    pub weight: Bps,
}

#[cw_serde]
pub struct InstantiateMsg {
    /// Owner (governance): may change recipients, assets, pools and fallback.
    pub owner: String,
    /// Receives a pool's share while the pool has zero total weight.
    pub fallback: String,
    /// Accepted assets (at most 10).
    pub assets: Vec<AssetInfoUnchecked>,
    /// Pools (at most 5).
    pub pools: Vec<PoolMsg>,
    /// Recipients (at most 10), weights summing to exactly 10,000 bps.
    pub recipients: Vec<RecipientMsg>,
}

/// The cw20 hook message, sent as `msg` of a cw20 `Send`: `{"deposit":{}}`.
#[cw_serde]
pub enum ReceiveMsg {
    /// Deposit the sent tokens as fees, split among the recipients.
    Deposit {},
}

#[cw_serde]
pub enum ExecuteMsg {
    /// Deposit fees in native funds: exactly one coin of an accepted denom.
    /// JSON `{"deposit":{}}`.
    Deposit {},
    /// cw20 entry: `Send` from an accepted cw20 with msg `{"deposit":{}}`.
    Receive(Cw20ReceiveMsg),
    /// Pool hook from the pool's source contract only, with RAW weights
    /// (collateral; governance: the stake, or 0 below its `min_stake`); the
    /// pool applies its own curve.
    /// JSON `{"weight_changed":{"account":"..","old":"..","new":".."}}`.
    WeightChanged(WeightChange),
    /// Pay the caller's owed rewards in all pools, for the named assets
    /// (all known assets if none), to `recipient` (the caller if none).
    Claim {
        assets: Option<Vec<AssetInfoUnchecked>>,
        recipient: Option<String>,
    },
    /// Owner only: replace the recipient set (applies to later deposits).
    SetRecipients { recipients: Vec<RecipientMsg> },
    /// Owner only: accept new assets or stop accepting some. A removed asset
    /// stays claimable and keeps its slot; at most 10 assets are known at
    /// once. A new asset takes a free slot, else the first retired one
    /// (`TooManyAssets` when there is neither); accepting a retired asset
    /// again takes back its own slot.
    UpdateAssets {
        add: Vec<AssetInfoUnchecked>,
        remove: Vec<AssetInfoUnchecked>,
    },
    /// Owner only; no funds. Retire a known asset's slot once nothing is
    /// owed in it: the asset's `reconciliation` shows `owed` 0 and
    /// `carried` 0 (every pool member's claim in it, whole units and
    /// sub-unit remainders, is exactly zero). The asset stops being
    /// accepted, its totals and split carries are cleared, and a later
    /// `update_assets` may give the slot to another asset. O(pools).
    /// JSON `{"retire_asset":{"asset":{"native":"uusdc"}}}`.
    /// Errors: `AssetStillOwed` (with the owed and carried units),
    /// `AssetAlreadyRetired`, `UnknownAsset`, `NotOwner`.
    RetireAsset { asset: AssetInfoUnchecked },
    /// Owner only: add a pool (at most 5). Its members join by hook.
    AddPool { pool: PoolMsg },
    /// Owner only; no funds. Change a pool's weight `source` and/or its
    /// `curve` (null: unchanged). O(1): stored member weights are not
    /// recomputed. Each member keeps the weight last reported until its
    /// source reports it again (its next stake or collateral change, or
    /// anyone's permissionless resync: governance `resync_weight`, escrow
    /// `resync_collateral_weight`), which settles it at the old weight and
    /// applies the current curve; every deposit meanwhile is split by the
    /// stored weights, so the books stay exact. A new source must not be
    /// another pool's; the old source's reports are refused from now on
    /// (`NotPoolSource`), so remove the distributor from its hooks in the
    /// same proposal. JSON
    /// `{"update_pool":{"pool_id":"stakers","source":null,"curve":"linear"}}`.
    /// Errors: `UnknownPool`, `DuplicateSource`, `PoolUnchanged` (nothing
    /// new), `NotOwner`.
    UpdatePool {
        pool_id: String,
        source: Option<String>,
        curve: Option<Curve>,
    },
    /// Owner only; no funds. Remove a pool that no recipient names and that
    /// owes nothing in any known asset: per asset, the units credited to it
    /// equal the units its members claimed (every member's claim in it,
    /// whole units and sub-unit remainders, and its index remainder are
    /// exactly zero). Its id and source are free again; its storage slot is
    /// never reused (a member record left with weight and nothing owed is
    /// inert). O(assets + pools). JSON `{"remove_pool":{"pool_id":"stakers"}}`.
    /// Errors: `UnknownPool`, `PoolIsRecipient`, `PoolStillOwes` (first
    /// asset with something owed, with the owed and carried units),
    /// `PoolPaidUntracked` (claims paid before per-pool tracking existed),
    /// `NotOwner`.
    RemovePool { pool_id: String },
    /// Owner only: change the owner and/or the fallback recipient.
    UpdateConfig {
        owner: Option<String>,
        fallback: Option<String>,
    },
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// Owner, fallback, assets and the current recipient set.
    #[returns(ConfigResponse)]
    Config {},
    /// Pools with their total (curved) weight, by pool id.
    #[returns(PoolsResponse)]
    Pools {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// One member of one pool: curved weight and pending rewards per asset.
    #[returns(MemberResponse)]
    Member { pool_id: String, address: String },
    /// Members of a pool with their curved weight, by address.
    #[returns(MembersResponse)]
    Members {
        pool_id: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// What `claim` would pay `address` now, per known asset, over all pools.
    #[returns(PendingResponse)]
    Pending { address: String },
    /// The accounting of one asset: received = paid + sent + burned + owed + carried.
    #[returns(ReconciliationResponse)]
    Reconciliation { asset: AssetInfoUnchecked },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub enum RecipientTarget {
    /// A pool's members.
    Pool { pool_id: String },
    /// A plain transfer.
    Address { address: Addr },
    /// Burned.
    Burn {},
}

#[cw_serde]
pub struct Recipient {
    /// Where the share goes.
    pub target: RecipientTarget,
    /// Share in basis points.
    pub weight: Bps,
}

#[cw_serde]
pub struct AssetStatus {
    /// The asset.
    pub info: AssetInfo,
    /// Whether deposits of it are accepted now (claims always are).
    pub accepted: bool,
    /// The slot was retired (nothing was owed in it): another asset may
    /// take it. Absent = false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
}

fn is_false(v: &bool) -> bool {
    !*v
}

#[cw_serde]
pub struct ConfigResponse {
    pub owner: Addr,
    pub fallback: Addr,
    /// Every asset ever accepted, in slot order.
    pub assets: Vec<AssetStatus>,
    /// The recipient set applied to new deposits.
    pub recipients: Vec<Recipient>,
    /// Index into `recipients` of the one that takes the rounding rest.
    pub rest_recipient: u32,
    /// Bumped on every `set_recipients`.
    pub recipients_version: u32,
}

#[cw_serde]
pub struct PoolResponse {
    pub pool_id: String,
    pub source: Addr,
    pub curve: Curve,
    /// Sum of the members' curved weights.
    pub total_weight: Uint128,
}

#[cw_serde]
pub struct PoolsResponse {
    pub pools: Vec<PoolResponse>,
}

#[cw_serde]
pub struct PendingAsset {
    pub info: AssetInfo,
    /// Whole units `claim` would pay now.
    pub amount: Uint128,
    /// Sub-unit remainder still owed, in units of 1/SCALE (10^36) of one unit.
    pub remainder_scaled: Uint256,
}

#[cw_serde]
pub struct MemberResponse {
    pub pool_id: String,
    pub address: Addr,
    /// Curved weight in the pool.
    pub weight: Uint128,
    /// Pending rewards from this pool per known asset.
    pub pending: Vec<PendingAsset>,
}

#[cw_serde]
pub struct MemberWeight {
    pub address: Addr,
    pub weight: Uint128,
}

#[cw_serde]
pub struct MembersResponse {
    pub members: Vec<MemberWeight>,
}

#[cw_serde]
pub struct PendingResponse {
    pub address: Addr,
    pub pending: Vec<PendingAsset>,
}

#[cw_serde]
pub struct ReconciliationResponse {
    pub asset: AssetInfo,
    /// All deposits ever received.
    pub received: Uint128,
    /// Claimed by pool members.
    pub paid: Uint128,
    /// Sent to address recipients and to the fallback.
    pub sent: Uint128,
    /// Burned.
    pub burned: Uint128,
    /// Credited to pools and not yet claimed, including members' sub-unit
    /// remainders and the sub-unit part of each pool's index remainder.
    pub owed: Uint128,
    /// Whole units of the pools' index remainders, carried into the next deposit.
    pub carried: Uint128,
    /// The pools' index remainders exactly, in 1/SCALE (10^36) of a unit:
    /// `(owed + carried) × SCALE = Σ members' scaled claims + carried_scaled`.
    pub carried_scaled: Uint256,
    /// The contract's actual balance of the asset.
    pub held: Uint128,
}
