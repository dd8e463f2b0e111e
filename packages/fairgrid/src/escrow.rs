//! Messages of the compute-escrow contract: compute credits, GPU offers,
//! per-second leases, provider earnings and disputes.
//!
//! Amounts are in the asset's base units. Times are unix seconds (block
//! time); durations are seconds. Ids of offers and leases are assigned by the
//! contract, counting from 1.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Uint128};
use cw20::Cw20ReceiveMsg;

use crate::asset::{Asset, AssetInfo, AssetInfoUnchecked};
use crate::bps::Bps;

/// The hard ceiling of the protocol fee: 1,000 bps (10 %).
pub const MAX_PROTOCOL_FEE_BPS: u16 = 1_000;
/// Most lease ids one `claim_earnings` or `settle` message takes.
pub const MAX_LEASES_PER_MSG: usize = 30;
/// Most assets the owner may accept at once.
pub const MAX_ACCEPTED_ASSETS: usize = 30;
/// Most entries a filtered list query examines in one call; a page may come
/// back short with `next_start_after` set, to continue from.
pub const MAX_SCAN: usize = 300;
/// Longest text field (metadata, offer specs, dispute reason), in bytes.
pub const MAX_TEXT_LEN: usize = 256;
/// The hard ceiling of the dispute bond: 5,000 bps (50 %) of the disputed
/// lease's reservation.
pub const MAX_DISPUTE_BOND_BPS: u16 = 5_000;

#[cw_serde]
pub struct InstantiateMsg {
    /// Owner of the configuration (governance).
    pub owner: String,
    /// Who resolves disputes (governance or an address it names).
    pub arbiter: String,
    /// Contract that receives protocol fees as `{"deposit":{}}` (native
    /// funds attached, or a cw20 `Send` carrying that hook message).
    pub fee_collector: String,
    /// Optional pool contract (the providers pool) told of every change of a
    /// provider's service weight with `{"weight_changed":{..}}`. The name is
    /// historical: the weight is service, not collateral (see
    /// `service_asset`).
    pub collateral_hook: Option<String>,
    /// Assets accepted for credits, offers and lease payments.
    pub accepted_assets: Vec<AssetInfoUnchecked>,
    /// The asset whose protocol fees make a provider's service weight: every
    /// fee in it paid on the provider's leases (claims and rulings) adds to
    /// the weight, in base units; fees in other assets add nothing (no
    /// price oracle makes them comparable). Default: the first of
    /// `accepted_assets`; must be accepted (`AssetError::NotAccepted`).
    pub service_asset: Option<AssetInfoUnchecked>,
    /// The one asset providers post as collateral (fixed for the contract's
    /// life, since the hook reports raw amounts of it).
    pub collateral_asset: AssetInfoUnchecked,
    /// Protocol fee on provider earnings, at most 1,000 bps.
    pub protocol_fee: Bps,
    /// Bonded collateral a provider needs to publish offers and take leases.
    pub min_collateral: Uint128,
    /// Seconds after accrual before earnings become claimable (the renter's
    /// window to dispute).
    pub settlement_delay: u64,
    /// Seconds between a collateral withdrawal request and its payout.
    pub unbonding_delay: u64,
    /// Longest lease (and offer maximum duration), seconds.
    pub max_lease_duration: u64,
}

/// Provider self-description (cold data, never read by lease messages).
#[cw_serde]
pub struct ProviderMetadata {
    /// Display name.
    pub name: String,
    /// How renters reach the provider (URL, handle…), optional.
    pub contact: Option<String>,
}

/// Everything an offer publishes.
#[cw_serde]
pub struct OfferParams {
    /// GPU model, e.g. "H100-SXM".
    pub gpu_model: String,
    /// GPUs per lease.
    pub gpu_count: u32,
    /// Memory per GPU, GiB.
    pub memory_gib: u32,
    /// Region, e.g. "eu-west".
    pub region: String,
    /// The asset the offer is priced in (must be accepted).
    pub asset: AssetInfoUnchecked,
    /// Price per hour in base units of `asset`; accrual is per second.
    pub price_per_hour: Uint128,
    /// Shortest lease, seconds (≥ 1).
    pub min_duration: u64,
    /// Longest lease including extensions, seconds (≤ config maximum).
    pub max_duration: u64,
    /// How many leases may run on the offer at once (≥ 1).
    pub slots: u32,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// cw20 entry point: the token must be accepted; the hook message is a
    /// [`ReceiveMsg`].
    Receive(Cw20ReceiveMsg),
    /// Deposit the single attached native coin as credits of `beneficiary`
    /// (default: the sender). Sponsoring another account is allowed.
    Deposit { beneficiary: Option<String> },
    /// Withdraw free credits of the sender to `recipient` (default: sender).
    Withdraw {
        asset: AssetInfoUnchecked,
        amount: Uint128,
        recipient: Option<String>,
    },
    /// Register the sender as a provider; the attached native coin of the
    /// collateral asset (≥ the minimum) is the bonded collateral.
    RegisterProvider { metadata: ProviderMetadata },
    /// Replace the sender's provider metadata.
    UpdateProvider { metadata: ProviderMetadata },
    /// Add the attached native collateral coin to the sender's bond.
    AddCollateral {},
    /// Start unbonding `amount` of bonded collateral. Needs no offer open or
    /// with unsettled leases and no open dispute.
    RequestCollateralWithdrawal { amount: Uint128 },
    /// Pay out unbonded collateral once the unbonding delay has passed and no
    /// dispute is open.
    WithdrawCollateral {},
    /// Anyone; no funds: re-send `provider`'s current service weight (the
    /// protocol fees in the service asset, base units, paid on its leases
    /// since its bonded collateral last reached zero; the `service_weight`
    /// of its track record) to the configured collateral hook as
    /// `weight_changed` with `old` = `new` = that weight. A pool that missed
    /// a change (a hook it refused on a claim, a ruling or an exit,
    /// reported as `collateral_hook_failed`) is corrected; on a pool in sync
    /// it changes nothing. Sent as a plain message: if the pool refuses,
    /// this message fails. Allowed while paused.
    /// JSON `{"resync_collateral_weight":{"provider":".."}}`.
    /// Errors: `NoCollateralHook` when no collateral hook is configured,
    /// `NotRegistered` when `provider` is not a registered provider.
    ResyncCollateralWeight { provider: String },
    /// Publish an offer (registered provider with enough collateral).
    CreateOffer { offer: OfferParams },
    /// Change an offer's price; leases already open keep theirs.
    UpdateOfferPrice {
        offer_id: u64,
        price_per_hour: Uint128,
    },
    /// Close an offer to new leases and extensions; running leases go on.
    CloseOffer { offer_id: u64 },
    /// Open a lease of `duration` seconds. With native funds attached they
    /// must be exactly the reservation `ceil(price * duration / 3600)`;
    /// without funds the reservation comes from the sender's credits.
    /// `max_price_per_hour` is the price the renter agreed to (base units of
    /// the offer's asset per hour): refused with `PriceAboveAgreed` when the
    /// offer asks more in the block the lease opens.
    OpenLease {
        offer_id: u64,
        duration: u64,
        max_price_per_hour: Uint128,
    },
    /// Extend a running lease by `extra` seconds, paying the reservation
    /// difference from attached funds (exact) or from credits. The lease
    /// keeps its opening price; refused with `PriceAboveAgreed` when that
    /// price is above `max_price_per_hour`.
    ExtendLease {
        lease_id: u64,
        extra: u64,
        max_price_per_hour: Uint128,
    },
    /// Renter or provider ends the lease now; the unused reservation goes to
    /// the renter's credits (the sponsor's for a lease paid from a grant)
    /// and the slot is freed.
    CloseLease { lease_id: u64 },
    /// Permissionless: for leases past their end time, return the rounding
    /// remainder to the renter's credits (the sponsor's for a lease paid
    /// from a grant) and free the slots.
    Settle { lease_ids: Vec<u64> },
    /// Provider claims what has become claimable on these leases (at most
    /// 30): one transfer per asset to the provider; the protocol fee stays
    /// owed to the fee collector until `forward_fees`. Leases with an open
    /// dispute or a resolved one are skipped, not refused: the response
    /// carries a `skipped` attribute per such lease id and a `skip_reason`
    /// (`disputed` | `resolved`).
    ClaimEarnings { lease_ids: Vec<u64> },
    /// Permissionless: send the protocol fees owed to the fee collector in
    /// these assets (1 to 30 distinct assets) as `{"deposit":{}}`. Only this
    /// message depends on the collector accepting the asset; if it refuses,
    /// the fees stay owed and no claim, refund or ruling is affected.
    ForwardFees { assets: Vec<AssetInfoUnchecked> },
    /// Renter disputes a lease while it runs or within the settlement delay
    /// after its end; claims on it freeze until the arbiter resolves. When
    /// the configured `dispute_bond` is positive, the renter posts
    /// `ceil(reservation * dispute_bond / 10,000)` of the lease's asset from
    /// its free credits (`InsufficientCredits` otherwise).
    OpenDispute { lease_id: u64, reason: String },
    /// Arbiter ends a dispute: the provider gets `provider_share` of the
    /// unclaimed accrued amount (the renter the rest), and `slash` of the
    /// provider's collateral (≤ bonded + unbonding) goes to the renter's
    /// credits in the collateral asset. The lease is final afterwards. A
    /// dispute bond returns to the renter's credits when the ruling gives
    /// the renter anything (a share or a slash), otherwise it goes to the
    /// provider's credits. Nothing is sent to a third party.
    ResolveDispute {
        lease_id: u64,
        provider_share: Bps,
        slash: Uint128,
    },
    /// No funds. The sender (sponsor) lets `grantee` open and extend leases
    /// paid from the sponsor's own free credits in `asset` (accepted), up to
    /// `limit` base units held or paid out at any time, until `expires`
    /// (unix seconds, exclusive; `None` = no expiry). Credit a grant's lease
    /// does not use (refunds on close, settle, a ruling's renter side and a
    /// slash) returns to the sponsor's credits and frees the same amount of
    /// the allowance; the grantee never receives it. The grant reserves
    /// nothing: each draw needs the sponsor's free credits then.
    /// JSON `{"create_grant":{"grantee":"..","asset":{"native":"uusdc"},"limit":"1000000","expires":null}}`.
    /// Emits `create_grant` with the new `grant_id`.
    /// Errors: `GrantToSelf` (grantee = sender), `ZeroAmount` (limit 0),
    /// `GrantExpiryPassed` (expiry not after now), asset not accepted.
    CreateGrant {
        grantee: String,
        asset: AssetInfoUnchecked,
        limit: Uint128,
        expires: Option<u64>,
    },
    /// No funds; sponsor only. Ends a grant at once: no lease opens or
    /// extends on it again; its running leases go on (their reservations
    /// were taken) and still refund to the sponsor.
    /// Errors: `GrantNotFound`, `NotSponsor`, `GrantRevoked` (already).
    RevokeGrant { grant_id: u64 },
    /// No funds; the grantee of `grant_id` opens a lease as in `open_lease`
    /// (the grantee is its renter: it may extend, close and dispute it),
    /// with the reservation taken from the sponsor's free credits. Its
    /// extensions draw on the same grant (attached funds are refused).
    /// Errors: `GrantNotFound`, `NotGrantee`, `GrantRevoked`,
    /// `GrantExpired`, `GrantAssetMismatch` (the offer's asset is not the
    /// grant's), `GrantLimitExceeded`, `InsufficientCredits` (the sponsor's),
    /// and every refusal of `open_lease`.
    OpenLeaseFromGrant {
        grant_id: u64,
        offer_id: u64,
        duration: u64,
        max_price_per_hour: Uint128,
    },
    /// Owner: change configuration. Open leases keep the terms they began
    /// with (price, fee, settlement delay).
    UpdateConfig(ConfigUpdate),
    /// Owner: accept or stop accepting assets for new credits, offers and
    /// leases. Existing balances stay withdrawable.
    UpdateAssets {
        add: Vec<AssetInfoUnchecked>,
        remove: Vec<AssetInfoUnchecked>,
    },
    /// Owner: pause or unpause new offers, leases, extensions and deposits.
    SetPaused { paused: bool },
}

/// Fields left `None` keep their value.
#[cw_serde]
#[derive(Default)]
pub struct ConfigUpdate {
    /// New owner.
    pub owner: Option<String>,
    /// New arbiter.
    pub arbiter: Option<String>,
    /// New fee collector.
    pub fee_collector: Option<String>,
    /// Set the collateral hook contract.
    pub collateral_hook: Option<String>,
    /// Remove the collateral hook (applied before `collateral_hook`).
    pub remove_collateral_hook: Option<bool>,
    /// New service asset (must be accepted): fees in it add to service
    /// weights from now on; weights already earned stay as they are.
    pub service_asset: Option<AssetInfoUnchecked>,
    /// New protocol fee for new leases, at most 1,000 bps.
    pub protocol_fee: Option<Bps>,
    /// New minimum bonded collateral for new offers and leases.
    pub min_collateral: Option<Uint128>,
    /// New settlement delay for new leases.
    pub settlement_delay: Option<u64>,
    /// New unbonding delay for new withdrawal requests.
    pub unbonding_delay: Option<u64>,
    /// New maximum lease duration for new offers.
    pub max_lease_duration: Option<u64>,
    /// New dispute bond for new disputes, bps of the lease's reservation,
    /// 0 to 5,000 (0 = no bond).
    pub dispute_bond: Option<Bps>,
}

/// Hook messages of a cw20 `Send` to the escrow.
#[cw_serde]
pub enum ReceiveMsg {
    /// Credit the sent tokens to `beneficiary` (default: the cw20 sender).
    Deposit { beneficiary: Option<String> },
    /// Register the cw20 sender as a provider with the tokens as collateral.
    RegisterProvider { metadata: ProviderMetadata },
    /// Add the tokens to the cw20 sender's collateral.
    AddCollateral {},
    /// Open a lease paid with the tokens (exactly the reservation), at no
    /// more than `max_price_per_hour`.
    OpenLease {
        offer_id: u64,
        duration: u64,
        max_price_per_hour: Uint128,
    },
    /// Extend a lease paid with the tokens (exactly the difference), whose
    /// price is at most `max_price_per_hour`.
    ExtendLease {
        lease_id: u64,
        extra: u64,
        max_price_per_hour: Uint128,
    },
}

/// What the escrow sends the fee collector with the protocol fee.
#[cw_serde]
pub enum CollectorMsg {
    /// `{"deposit":{}}`, with native funds attached or as a cw20 hook message.
    Deposit {},
}

/// A lease's state as queries show it.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum LeaseState {
    /// Running: before its end time.
    Active,
    /// Past its end time, slot not yet freed (anyone may `settle`).
    Ended,
    /// Ended and settled; earnings may still be unclaimed.
    Settled,
    /// A dispute is open: claims are frozen.
    Disputed,
    /// The arbiter resolved a dispute; nothing more moves.
    Resolved,
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    /// The configuration.
    #[returns(ConfigResponse)]
    Config {},
    /// One provider.
    #[returns(ProviderResponse)]
    Provider { address: String },
    /// Providers by address.
    #[returns(ProvidersResponse)]
    Providers {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// One offer.
    #[returns(OfferResponse)]
    Offer { offer_id: u64 },
    /// Offers by id, optionally filtered (filters combine with AND; closed
    /// offers are included only with `include_closed`).
    #[returns(OffersResponse)]
    Offers {
        provider: Option<String>,
        gpu_model: Option<String>,
        region: Option<String>,
        max_price: Option<Uint128>,
        include_closed: Option<bool>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// One lease.
    #[returns(LeaseResponse)]
    Lease { lease_id: u64 },
    /// A renter's leases by id, optionally only those in `state`.
    #[returns(LeasesResponse)]
    LeasesByRenter {
        renter: String,
        state: Option<LeaseState>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// A provider's leases by id, optionally only those in `state`.
    #[returns(LeasesResponse)]
    LeasesByProvider {
        provider: String,
        state: Option<LeaseState>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// A lease's accrued, claimable and refundable amounts at the current
    /// block time.
    #[returns(LeaseAmountsResponse)]
    LeaseAmounts { lease_id: u64 },
    /// Free credits of an account, by asset.
    #[returns(CreditsResponse)]
    Credits {
        account: String,
        start_after: Option<AssetInfoUnchecked>,
        limit: Option<u32>,
    },
    /// Per asset: what the contract owes and what it holds.
    #[returns(SolvencyResponse)]
    Solvency {
        start_after: Option<AssetInfoUnchecked>,
        limit: Option<u32>,
    },
    /// One sponsor grant.
    #[returns(GrantResponse)]
    Grant { grant_id: u64 },
    /// A sponsor's grants by id (revoked and expired ones included).
    #[returns(GrantsResponse)]
    GrantsBySponsor {
        sponsor: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// A grantee's grants by id (revoked and expired ones included).
    #[returns(GrantsResponse)]
    GrantsByGrantee {
        grantee: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub owner: Addr,
    pub arbiter: Addr,
    pub fee_collector: Addr,
    pub collateral_hook: Option<Addr>,
    pub collateral_asset: AssetInfo,
    pub accepted_assets: Vec<AssetInfo>,
    pub protocol_fee: Bps,
    pub min_collateral: Uint128,
    pub settlement_delay: u64,
    pub unbonding_delay: u64,
    pub max_lease_duration: u64,
    /// Bond a renter posts to dispute, bps of the lease's reservation.
    pub dispute_bond: Bps,
    pub paused: bool,
    /// The asset whose protocol fees make service weight (`None` only in a
    /// store migrated with no accepted asset).
    pub service_asset: Option<AssetInfo>,
}

#[cw_serde]
pub struct ProviderResponse {
    pub address: Addr,
    pub metadata: ProviderMetadata,
    /// Bonded collateral (backs leases; earns no pool weight by itself).
    pub collateral: Uint128,
    /// Collateral waiting for its unbonding delay (still slashable).
    pub unbonding: Uint128,
    /// When the unbonding amount can be withdrawn.
    pub unbonding_release: u64,
    /// Offers open or with leases not yet settled.
    pub live_offers: u32,
    /// Disputes open against the provider.
    pub open_disputes: u32,
    /// Unbonding collateral cannot be withdrawn before this time: the
    /// latest scheduled `end + settlement delay` of the leases of the
    /// provider's released offers (closed, nothing unsettled), unix seconds,
    /// 0 = none. Withdrawal also needs no live offer, so every lease the
    /// collateral backed is covered.
    pub liable_until: u64,
    /// What the provider has delivered and how its disputes went.
    pub track_record: TrackRecord,
}

/// A provider's on-chain track record, kept O(1) per event.
#[cw_serde]
#[derive(Default)]
pub struct TrackRecord {
    /// Leases fully paid out: counted by the claim that pays a lease's last
    /// unit, or by the ruling that ends its dispute.
    pub leases_served: u64,
    /// Seconds those leases ran (start to end, or to the early close).
    pub seconds_delivered: u64,
    /// Net earnings paid to the provider (claims and rulings), per asset.
    pub earned: Vec<Asset>,
    /// Disputes renters opened against the provider.
    pub disputes_raised: u32,
    /// Disputes whose ruling gave the renter anything (a share or a slash).
    pub disputes_lost: u32,
    /// Collateral slashed by rulings, base units of the collateral asset.
    pub slashed: Uint128,
    /// Service weight reported to the providers pool: protocol fees in the
    /// service asset (base units) paid on the provider's leases since its
    /// bonded collateral last reached zero.
    pub service_weight: Uint128,
}

#[cw_serde]
pub struct ProvidersResponse {
    pub providers: Vec<ProviderResponse>,
}

#[cw_serde]
pub struct OfferResponse {
    pub offer_id: u64,
    pub provider: Addr,
    pub gpu_model: String,
    pub gpu_count: u32,
    pub memory_gib: u32,
    pub region: String,
    pub asset: AssetInfo,
    pub price_per_hour: Uint128,
    pub min_duration: u64,
    pub max_duration: u64,
    pub slots: u32,
    /// Leases on the offer not yet settled.
    pub used_slots: u32,
    pub open: bool,
    /// The provider's track record.
    pub provider_record: TrackRecord,
}

#[cw_serde]
pub struct OffersResponse {
    pub offers: Vec<OfferResponse>,
    /// Set when the scan stopped before the end of the range: pass it as
    /// `start_after` to continue. `None` means there is nothing more.
    pub next_start_after: Option<u64>,
}

#[cw_serde]
pub struct LeaseResponse {
    pub lease_id: u64,
    pub offer_id: u64,
    pub renter: Addr,
    pub provider: Addr,
    pub asset: AssetInfo,
    /// Fixed at opening.
    pub price_per_hour: Uint128,
    /// Fixed at opening.
    pub protocol_fee: Bps,
    /// Fixed at opening.
    pub settlement_delay: u64,
    pub start: u64,
    /// Scheduled end, or the close time if closed early.
    pub end: u64,
    /// Total taken in: `ceil(price * (scheduled end - start) / 3600)`.
    pub reservation: Uint128,
    /// Gross earnings (fee included) already paid out.
    pub claimed_gross: Uint128,
    pub state: LeaseState,
    /// The sponsor grant paying for the lease (its refunds go to the
    /// sponsor), if any.
    pub grant_id: Option<u64>,
}

#[cw_serde]
pub struct LeasesResponse {
    pub leases: Vec<LeaseResponse>,
    /// Set when the scan stopped before the end of the range: pass it as
    /// `start_after` to continue. `None` means there is nothing more.
    pub next_start_after: Option<u64>,
}

#[cw_serde]
pub struct LeaseAmountsResponse {
    pub lease_id: u64,
    /// Block time the amounts are computed at.
    pub time: u64,
    /// `floor(price * (min(now, end) - start) / 3600)`.
    pub accrued: Uint128,
    /// Gross earnings claimable now (accrued up to `now - settlement_delay`)
    /// minus what was claimed; zero while disputed or after resolution.
    pub claimable_gross: Uint128,
    /// Of that, the provider's part.
    pub claimable_net: Uint128,
    /// Of that, the protocol fee.
    pub claimable_fee: Uint128,
    /// What the renter's credits get if the lease closes now
    /// (reservation − accrued); zero once settled.
    pub refundable: Uint128,
}

#[cw_serde]
pub struct GrantResponse {
    pub grant_id: u64,
    pub sponsor: Addr,
    pub grantee: Addr,
    pub asset: AssetInfo,
    /// Most the grant's leases may hold or have paid out, base units.
    pub limit: Uint128,
    /// What the grant's leases took from the sponsor and did not return.
    pub spent: Uint128,
    /// `limit - spent` while the grant can be drawn on, else 0.
    pub available: Uint128,
    /// Unix seconds from which it no longer pays; `None` = no expiry.
    pub expires: Option<u64>,
    pub revoked: bool,
    /// Past its expiry at the query's block time.
    pub expired: bool,
}

#[cw_serde]
pub struct GrantsResponse {
    pub grants: Vec<GrantResponse>,
}

#[cw_serde]
pub struct CreditsResponse {
    pub credits: Vec<Asset>,
}

#[cw_serde]
pub struct AssetSolvency {
    pub asset: AssetInfo,
    /// Free credits + unspent reservations + unclaimed earnings + collateral
    /// (bonded and unbonding) + dispute bonds + fees owed to the collector.
    pub owed: Uint128,
    /// Of `owed`, the protocol fees not yet forwarded to the collector.
    pub fees_owed: Uint128,
    /// The contract's balance of the asset (bank or cw20 balance).
    pub held: Uint128,
}

#[cw_serde]
pub struct SolvencyResponse {
    pub assets: Vec<AssetSolvency>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::to_json_string;

    #[test]
    fn collector_message_is_deposit() {
        assert_eq!(
            to_json_string(&CollectorMsg::Deposit {}).unwrap(),
            r#"{"deposit":{}}"#
        );
    }

    #[test]
    fn open_lease_json_is_stable() {
        assert_eq!(
            to_json_string(&ExecuteMsg::OpenLease {
                offer_id: 1,
                duration: 3600,
                max_price_per_hour: Uint128::new(7)
            })
            .unwrap(),
            r#"{"open_lease":{"offer_id":1,"duration":3600,"max_price_per_hour":"7"}}"#
        );
    }

    #[test]
    fn resync_collateral_weight_json_is_stable() {
        assert_eq!(
            to_json_string(&ExecuteMsg::ResyncCollateralWeight {
                provider: "cosmwasm1carol".into()
            })
            .unwrap(),
            r#"{"resync_collateral_weight":{"provider":"cosmwasm1carol"}}"#
        );
    }
}
