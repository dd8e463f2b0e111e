//! Storage layout. Keys are short; hot records (lease, offer terms, provider
//! balances) are compact and kept apart from cold text (offer specs, provider
//! metadata, dispute reasons) so lease messages never read or write text.

use cosmwasm_std::{Addr, Uint128};
use cw_storage_plus::{Item, Map};
use fairgrid::escrow::ProviderMetadata;
use fairgrid::{AssetInfo, Bps};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Config {
    pub owner: Addr,
    pub arbiter: Addr,
    pub fee_collector: Addr,
    pub collateral_hook: Option<Addr>,
    pub collateral_asset: AssetInfo,
    pub protocol_fee: Bps,
    pub min_collateral: Uint128,
    pub settlement_delay: u64,
    pub unbonding_delay: u64,
    pub max_lease_duration: u64,
    pub dispute_bond: Bps,
    pub paused: bool,
    /// The asset whose protocol fees weigh the providers pool (`None`: no
    /// provider gains service weight).
    pub service_asset: Option<AssetInfo>,
}

/// The part of the configuration lease messages read: small, so opening a
/// lease or claiming reads a few dozen bytes, not every address.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HotConfig {
    #[serde(rename = "p", default, skip_serializing_if = "is_false")]
    pub paused: bool,
    #[serde(rename = "f")]
    pub protocol_fee: Bps,
    #[serde(rename = "d")]
    pub settlement_delay: u64,
    #[serde(rename = "m")]
    pub min_collateral: Uint128,
    #[serde(rename = "c")]
    pub fee_collector: Addr,
}

/// The rest of the configuration.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct ColdConfig {
    owner: Addr,
    arbiter: Addr,
    collateral_hook: Option<Addr>,
    collateral_asset: AssetInfo,
    unbonding_delay: u64,
    max_lease_duration: u64,
    /// Absent in records written before the bond existed: zero.
    #[serde(rename = "b", default, skip_serializing_if = "is_zero_bps")]
    dispute_bond: Bps,
    /// Absent in records written before service weights (layout < 3).
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    service_asset: Option<AssetInfo>,
}

/// What a claim or a ruling needs to report a provider's service weight: a
/// copy of the service asset (by key) and of the collateral hook, kept
/// apart from the configuration so claims read a few dozen bytes. Written
/// only by [`ConfigStore::save`]; absent when there is no service asset.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ServiceWeight {
    #[serde(rename = "a")]
    pub asset: String,
    #[serde(rename = "h", default, skip_serializing_if = "Option::is_none")]
    pub hook: Option<Addr>,
}

pub const SERVICE: Item<ServiceWeight> = Item::new("sw");

fn is_zero_bps(v: &Bps) -> bool {
    v.get() == 0
}

pub const HOT_CONFIG: Item<HotConfig> = Item::new("h");
const COLD_CONFIG: Item<ColdConfig> = Item::new("c");

/// The whole configuration, stored as a hot and a cold record.
pub struct ConfigStore;
pub const CONFIG: ConfigStore = ConfigStore;

impl ConfigStore {
    pub fn load(&self, storage: &dyn cosmwasm_std::Storage) -> cosmwasm_std::StdResult<Config> {
        let h = HOT_CONFIG.load(storage)?;
        let c = COLD_CONFIG.load(storage)?;
        Ok(Config {
            owner: c.owner,
            arbiter: c.arbiter,
            fee_collector: h.fee_collector,
            collateral_hook: c.collateral_hook,
            collateral_asset: c.collateral_asset,
            protocol_fee: h.protocol_fee,
            min_collateral: h.min_collateral,
            settlement_delay: h.settlement_delay,
            unbonding_delay: c.unbonding_delay,
            max_lease_duration: c.max_lease_duration,
            dispute_bond: c.dispute_bond,
            paused: h.paused,
            service_asset: c.service_asset,
        })
    }

    pub fn save(
        &self,
        storage: &mut dyn cosmwasm_std::Storage,
        cfg: &Config,
    ) -> cosmwasm_std::StdResult<()> {
        HOT_CONFIG.save(
            storage,
            &HotConfig {
                paused: cfg.paused,
                protocol_fee: cfg.protocol_fee,
                settlement_delay: cfg.settlement_delay,
                min_collateral: cfg.min_collateral,
                fee_collector: cfg.fee_collector.clone(),
            },
        )?;
        COLD_CONFIG.save(
            storage,
            &ColdConfig {
                owner: cfg.owner.clone(),
                arbiter: cfg.arbiter.clone(),
                collateral_hook: cfg.collateral_hook.clone(),
                collateral_asset: cfg.collateral_asset.clone(),
                unbonding_delay: cfg.unbonding_delay,
                max_lease_duration: cfg.max_lease_duration,
                dispute_bond: cfg.dispute_bond,
                service_asset: cfg.service_asset.clone(),
            },
        )?;
        match cfg.service() {
            Some(s) => SERVICE.save(storage, &s),
            None => {
                SERVICE.remove(storage);
                Ok(())
            }
        }
    }
}

impl Config {
    /// The service asset (by key) and the hook, as `SERVICE` keeps them.
    pub fn service(&self) -> Option<ServiceWeight> {
        self.service_asset.as_ref().map(|a| ServiceWeight {
            asset: a.key(),
            hook: self.collateral_hook.clone(),
        })
    }
}
/// Accepted assets, by `AssetInfo::key()`.
pub const ACCEPTED: Map<&str, ()> = Map::new("a");
/// Free credits by (account, asset key).
pub const CREDITS: Map<(&Addr, &str), Uint128> = Map::new("cr");
/// What the contract owes in one asset: the total (changes only when value
/// enters or leaves the contract; internal moves leave it alone), and of it
/// the protocol fees owed to the fee collector, not yet forwarded. One
/// record, so a claim that pays out and owes a fee writes it once.
///
/// Layout 1 (commit 920be6d) stored the bare total (`"1500"`); it still
/// reads (no fees owed then: they were sent with each claim), and `migrate`
/// rewrites every such record in today's form.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Default)]
pub struct Owed {
    #[serde(rename = "t")]
    pub total: Uint128,
    /// Claims and rulings add to it; only `forward_fees` sends it.
    #[serde(rename = "f", default, skip_serializing_if = "is_zero")]
    pub fees: Uint128,
}

/// Reads today's record (`{"t":..,"f":..}`) or layout 1's bare total
/// (`"1500"`, no fees owed). A hand-written visitor: no buffering of the
/// input, so the contract stays small.
impl<'de> Deserialize<'de> for Owed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Owed;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an owed record or a bare amount")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Owed, E> {
                let total = v.parse::<u128>().map_err(E::custom)?;
                Ok(Owed {
                    total: Uint128::new(total),
                    fees: Uint128::zero(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Owed, A::Error> {
                let (mut total, mut fees) = (None, Uint128::zero());
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "t" => total = Some(m.next_value()?),
                        "f" => fees = m.next_value()?,
                        _ => {
                            m.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                let total = total.ok_or_else(|| de::Error::missing_field("t"))?;
                Ok(Owed { total, fees })
            }
        }
        d.deserialize_any(V)
    }
}

/// What the contract owes per asset key.
pub const OWED: Map<&str, Owed> = Map::new("ow");
/// Dispute bond posted on a lease, by lease id (absent = no bond); removed
/// when the dispute is resolved.
pub const DISPUTE_BOND: Map<u64, Uint128> = Map::new("db");

pub const NEXT_OFFER: Item<u64> = Item::new("no");
pub const NEXT_LEASE: Item<u64> = Item::new("nl");

fn is_zero(v: &Uint128) -> bool {
    v.is_zero()
}
fn is_zero_u32(v: &u32) -> bool {
    *v == 0
}
fn is_zero_u64(v: &u64) -> bool {
    *v == 0
}
fn is_false(v: &bool) -> bool {
    !*v
}

/// A provider's balances and counters (hot).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Provider {
    #[serde(rename = "c")]
    pub collateral: Uint128,
    #[serde(rename = "u", default, skip_serializing_if = "is_zero")]
    pub unbonding: Uint128,
    #[serde(rename = "t", default, skip_serializing_if = "is_zero_u64")]
    pub unbonding_release: u64,
    /// Offers open, or closed with unsettled leases.
    #[serde(rename = "o", default, skip_serializing_if = "is_zero_u32")]
    pub live_offers: u32,
    #[serde(rename = "d", default, skip_serializing_if = "is_zero_u32")]
    pub open_disputes: u32,
    /// Latest `end + settlement delay` of the leases of the provider's
    /// released offers (closed, nothing unsettled): unbonding collateral
    /// stays until then.
    #[serde(rename = "l", default, skip_serializing_if = "is_zero_u64")]
    pub liable_until: u64,
}

pub const PROVIDERS: Map<&Addr, Provider> = Map::new("p");

/// A provider's track record (apart from the hot record, written only by
/// the events it counts: a claim, a dispute, a ruling; never by opening or
/// closing a lease).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Record {
    #[serde(rename = "l", default, skip_serializing_if = "is_zero_u64")]
    pub leases: u64,
    #[serde(rename = "s", default, skip_serializing_if = "is_zero_u64")]
    pub seconds: u64,
    #[serde(rename = "d", default, skip_serializing_if = "is_zero_u32")]
    pub disputes: u32,
    #[serde(rename = "x", default, skip_serializing_if = "is_zero_u32")]
    pub lost: u32,
    #[serde(rename = "k", default, skip_serializing_if = "is_zero")]
    pub slashed: Uint128,
    /// Net earnings paid, per asset key (one entry per asset ever earned).
    #[serde(rename = "e", default, skip_serializing_if = "Vec::is_empty")]
    pub earned: Vec<(String, Uint128)>,
    /// Service weight: protocol fees in the service asset paid on the
    /// provider's leases (claims and rulings) since it last left the bonded
    /// set; the weight reported to the providers pool.
    #[serde(rename = "w", default, skip_serializing_if = "is_zero")]
    pub weight: Uint128,
}

impl Record {
    /// Adds net earnings in one asset.
    pub fn earn(&mut self, asset: &str, net: Uint128) -> cosmwasm_std::StdResult<()> {
        if net.is_zero() {
            return Ok(());
        }
        match self.earned.iter_mut().find(|(k, _)| k == asset) {
            Some((_, e)) => *e = e.checked_add(net)?,
            None => self.earned.push((asset.to_string(), net)),
        }
        Ok(())
    }

    /// Sets the service weight to zero (the provider left the bonded set);
    /// returns the weight `(old, 0)`, or `None` when there was none.
    pub fn forfeit(&mut self) -> Option<(Uint128, Uint128)> {
        if self.weight.is_zero() {
            return None;
        }
        Some((std::mem::take(&mut self.weight), Uint128::zero()))
    }

    /// A lease fully paid out (by claims or a ruling) counts as served.
    pub fn served(&mut self, seconds: u64) {
        self.leases = self.leases.saturating_add(1);
        self.seconds = self.seconds.saturating_add(seconds);
    }
}

pub const RECORDS: Map<&Addr, Record> = Map::new("pr");

/// Applies `f` to a provider's track record (one read, one write).
pub fn record(
    storage: &mut dyn cosmwasm_std::Storage,
    provider: &Addr,
    f: impl FnOnce(&mut Record) -> cosmwasm_std::StdResult<()>,
) -> cosmwasm_std::StdResult<()> {
    let mut r = RECORDS.may_load(storage, provider)?.unwrap_or_default();
    f(&mut r)?;
    RECORDS.save(storage, provider, &r)
}
pub const PROVIDER_META: Map<&Addr, ProviderMetadata> = Map::new("pm");

/// The part of an offer a lease message reads (hot).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Offer {
    #[serde(rename = "p")]
    pub provider: Addr,
    /// `AssetInfo::key()` of the price asset.
    #[serde(rename = "a")]
    pub asset: String,
    #[serde(rename = "h")]
    pub price_per_hour: Uint128,
    #[serde(rename = "n")]
    pub min_duration: u64,
    #[serde(rename = "x")]
    pub max_duration: u64,
    #[serde(rename = "s")]
    pub slots: u32,
    #[serde(rename = "c", default, skip_serializing_if = "is_false")]
    pub closed: bool,
}

/// What an offer describes (cold; read by queries only).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OfferSpecs {
    pub gpu_model: String,
    pub gpu_count: u32,
    pub memory_gib: u32,
    pub region: String,
}

pub const OFFERS: Map<u64, Offer> = Map::new("o");
/// Slots of an offer: leases not yet settled, and the latest
/// `end + settlement delay` of any lease ever opened on it (the collateral's
/// liability, folded into the provider when the offer is released).
///
/// Layout 1 (commit 920be6d) stored the bare count (`2`); such a record
/// still reads, as that count with no liability recorded (settling a lease
/// covers its own window, so the liability of those leases is restored as
/// they settle), and is written in today's form at its next change.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Default)]
pub struct Slots {
    #[serde(rename = "n", default, skip_serializing_if = "is_zero_u32")]
    pub used: u32,
    #[serde(rename = "l", default, skip_serializing_if = "is_zero_u64")]
    pub liable_until: u64,
}

/// Reads today's record (`{"n":..,"l":..}`, both optional) or layout 1's
/// bare count (`2`, no liability recorded).
impl<'de> Deserialize<'de> for Slots {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Slots;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a slots record or a bare count")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Slots, E> {
                let used = u32::try_from(v).map_err(E::custom)?;
                Ok(Slots {
                    used,
                    liable_until: 0,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Slots, A::Error> {
                let mut slots = Slots::default();
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "n" => slots.used = m.next_value()?,
                        "l" => slots.liable_until = m.next_value()?,
                        _ => {
                            m.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(slots)
            }
        }
        d.deserialize_any(V)
    }
}

impl Slots {
    /// Raises the liability to `until` if later.
    pub fn cover(&mut self, until: u64) {
        self.liable_until = self.liable_until.max(until);
    }
}

/// Slots per offer (absent = none used, no liability). Apart from the offer
/// so opening and closing a lease rewrite a few bytes, not the offer.
pub const OFFER_USED: Map<u64, Slots> = Map::new("ou");
pub const OFFER_SPECS: Map<u64, OfferSpecs> = Map::new("os");
/// Offers by (provider, offer id).
pub const OFFERS_BY_PROVIDER: Map<(&Addr, u64), ()> = Map::new("op");

pub const DISPUTE_NONE: u8 = 0;
pub const DISPUTE_OPEN: u8 = 1;
pub const DISPUTE_RESOLVED: u8 = 2;

/// A lease: terms fixed at opening plus the few fields that move. The
/// provider and the asset are the offer's (never changed), not repeated here.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Lease {
    #[serde(rename = "o")]
    pub offer_id: u64,
    #[serde(rename = "r")]
    pub renter: Addr,
    #[serde(rename = "h")]
    pub price_per_hour: Uint128,
    #[serde(rename = "f")]
    pub fee: Bps,
    #[serde(rename = "d")]
    pub settlement_delay: u64,
    #[serde(rename = "s")]
    pub start: u64,
    /// Scheduled end; set to the close time when closed early.
    #[serde(rename = "e")]
    pub end: u64,
    /// Taken in so far: `reservation(price, scheduled end - start)`.
    #[serde(rename = "v")]
    pub reservation: Uint128,
    /// Gross (fee included) paid out to provider and collector.
    #[serde(rename = "c", default, skip_serializing_if = "is_zero")]
    pub claimed: Uint128,
    /// Unused reservation returned and slot freed.
    #[serde(rename = "x", default, skip_serializing_if = "is_false")]
    pub settled: bool,
    #[serde(rename = "q", default, skip_serializing_if = "is_zero_u8")]
    pub dispute: u8,
    /// The sponsor grant the lease is paid from (absent: the renter pays;
    /// records written before grants existed have none).
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<u64>,
}

fn is_zero_u8(v: &u8) -> bool {
    *v == 0
}

pub const LEASES: Map<u64, Lease> = Map::new("l");
/// Leases by (renter, lease id) and by (provider, lease id).
pub const LEASES_BY_RENTER: Map<(&Addr, u64), ()> = Map::new("lr");
pub const LEASES_BY_PROVIDER: Map<(&Addr, u64), ()> = Map::new("lp");
pub const DISPUTE_REASON: Map<u64, String> = Map::new("dr");

/// A sponsor's spending allowance for one grantee in one asset, drawn from
/// the sponsor's free credits when a lease opens or extends on the grant.
/// `spent` is what the grant's leases took from the sponsor and did not give
/// back: reservations in, refunds (close, settle, ruling) out, so it never
/// exceeds `limit` and whatever a lease paid out stays counted.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Grant {
    #[serde(rename = "s")]
    pub sponsor: Addr,
    #[serde(rename = "g")]
    pub grantee: Addr,
    /// `AssetInfo::key()` of the granted asset.
    #[serde(rename = "a")]
    pub asset: String,
    #[serde(rename = "l")]
    pub limit: Uint128,
    #[serde(rename = "u", default, skip_serializing_if = "is_zero")]
    pub spent: Uint128,
    /// Unix seconds from which the grant no longer pays; 0 = never expires.
    #[serde(rename = "e", default, skip_serializing_if = "is_zero_u64")]
    pub expires: u64,
    #[serde(rename = "r", default, skip_serializing_if = "is_false")]
    pub revoked: bool,
}

/// Grants by id (kept after revocation: the grant's leases still refund to
/// its sponsor, and a revoked id is refused as revoked, not as unknown).
pub const GRANTS: Map<u64, Grant> = Map::new("g");
/// Grants by (sponsor, grant id) and by (grantee, grant id).
pub const GRANTS_BY_SPONSOR: Map<(&Addr, u64), ()> = Map::new("gs");
pub const GRANTS_BY_GRANTEE: Map<(&Addr, u64), ()> = Map::new("gg");
/// Next grant id (absent = 1: stores older than grants have none).
pub const NEXT_GRANT: Item<u64> = Item::new("ng");

/// Layout version of the store (`v`; absent = 1, the layout of commit
/// 920be6d, whose owed totals were bare amounts and whose offer slots were a
/// bare count). `migrate` converts and writes `LAYOUT_VERSION`.
pub const LAYOUT: Item<u16> = Item::new("v");
pub const LAYOUT_VERSION: u16 = 3;

/// Adds to an account's free credits.
pub fn add_credits(
    storage: &mut dyn cosmwasm_std::Storage,
    account: &Addr,
    asset: &str,
    amount: Uint128,
) -> cosmwasm_std::StdResult<()> {
    if amount.is_zero() {
        return Ok(());
    }
    CREDITS.update(storage, (account, asset), |c| {
        Ok::<_, cosmwasm_std::StdError>(c.unwrap_or_default().checked_add(amount)?)
    })?;
    Ok(())
}

/// Value entering (`+`) or leaving (`-`) the contract.
pub fn owed_add(
    storage: &mut dyn cosmwasm_std::Storage,
    asset: &str,
    amount: Uint128,
) -> cosmwasm_std::StdResult<()> {
    if amount.is_zero() {
        return Ok(());
    }
    owed_update(storage, asset, |o| {
        o.total = o.total.checked_add(amount)?;
        Ok(())
    })
}

fn owed_update(
    storage: &mut dyn cosmwasm_std::Storage,
    asset: &str,
    f: impl FnOnce(&mut Owed) -> cosmwasm_std::StdResult<()>,
) -> cosmwasm_std::StdResult<()> {
    let mut o = OWED.may_load(storage, asset)?.unwrap_or_default();
    f(&mut o)?;
    OWED.save(storage, asset, &o)
}

/// A payout of `net` leaves the contract while its protocol `fee` stays,
/// owed to the collector: one write.
pub fn owed_pay(
    storage: &mut dyn cosmwasm_std::Storage,
    asset: &str,
    net: Uint128,
    fee: Uint128,
) -> cosmwasm_std::StdResult<()> {
    if net.is_zero() && fee.is_zero() {
        return Ok(());
    }
    owed_update(storage, asset, |o| {
        o.total = o.total.checked_sub(net)?;
        o.fees = o.fees.checked_add(fee)?;
        Ok(())
    })
}

/// The fees owed to the collector in `asset` leave: returns the amount.
pub fn owed_take_fees(
    storage: &mut dyn cosmwasm_std::Storage,
    asset: &str,
) -> cosmwasm_std::StdResult<Uint128> {
    let Some(mut o) = OWED.may_load(storage, asset)? else {
        return Ok(Uint128::zero());
    };
    let fees = o.fees;
    if !fees.is_zero() {
        o.total = o.total.checked_sub(fees)?;
        o.fees = Uint128::zero();
        OWED.save(storage, asset, &o)?;
    }
    Ok(fees)
}

pub fn owed_sub(
    storage: &mut dyn cosmwasm_std::Storage,
    asset: &str,
    amount: Uint128,
) -> cosmwasm_std::StdResult<()> {
    if amount.is_zero() {
        return Ok(());
    }
    owed_update(storage, asset, |o| {
        o.total = o.total.checked_sub(amount)?;
        Ok(())
    })
}
