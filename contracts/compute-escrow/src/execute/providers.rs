//! Providers (registration, metadata, collateral) and their offers.

use cosmwasm_std::{Addr, Coin, Deps, DepsMut, Env, Response, Uint128};
use fairgrid::asset::one_coin;
use fairgrid::escrow::{OfferParams, ProviderMetadata};
use fairgrid::{Asset, AssetInfo, WeightChange};

use super::leases::release_offer;
use super::{check_text, ensure_accepted, ensure_not_paused, forfeit_if_unbonded};
use crate::error::ContractError;
use crate::math;
use crate::state::{
    owed_add, owed_sub, Offer, OfferSpecs, Provider, CONFIG, NEXT_OFFER, OFFERS,
    OFFERS_BY_PROVIDER, OFFER_SPECS, OFFER_USED, PROVIDERS, PROVIDER_META, RECORDS,
};

/// The native coin a collateral message carries: exactly one positive coin
/// of the collateral denom.
pub fn native_collateral(deps: Deps, funds: &[Coin]) -> Result<Asset, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let expected = format!("one coin of the collateral asset {}", cfg.collateral_asset);
    let coin = one_coin(funds, &expected, |d| {
        cfg.collateral_asset == AssetInfo::native(d)
    })?;
    Ok(AssetInfo::Native(coin.denom).with_amount(coin.amount))
}

fn check_metadata(m: &ProviderMetadata) -> Result<(), ContractError> {
    check_text("name", &m.name)?;
    if let Some(c) = &m.contact {
        check_text("contact", c)?;
    }
    Ok(())
}

fn load_provider(deps: &DepsMut, address: &Addr) -> Result<Provider, ContractError> {
    PROVIDERS
        .may_load(deps.storage, address)?
        .ok_or_else(|| ContractError::NotRegistered {
            address: address.to_string(),
        })
}

fn ensure_collateral_asset(expected: &AssetInfo, paid: &Asset) -> Result<(), ContractError> {
    if paid.info != *expected {
        return Err(ContractError::WrongPaymentAsset {
            expected: expected.to_string(),
            got: paid.info.to_string(),
        });
    }
    Ok(())
}

pub fn register(
    deps: DepsMut,
    sender: Addr,
    metadata: ProviderMetadata,
    paid: Asset,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_not_paused(&cfg)?;
    ensure_collateral_asset(&cfg.collateral_asset, &paid)?;
    check_metadata(&metadata)?;
    if PROVIDERS.has(deps.storage, &sender) {
        return Err(ContractError::AlreadyRegistered {
            address: sender.to_string(),
        });
    }
    if paid.amount < cfg.min_collateral {
        return Err(ContractError::CollateralBelowMin {
            collateral: paid.amount,
            min: cfg.min_collateral,
        });
    }
    let provider = Provider {
        collateral: paid.amount,
        ..Provider::default()
    };
    PROVIDERS.save(deps.storage, &sender, &provider)?;
    PROVIDER_META.save(deps.storage, &sender, &metadata)?;
    owed_add(deps.storage, &paid.info.key(), paid.amount)?;
    Ok(Response::new()
        .add_attribute("action", "register_provider")
        .add_attribute("provider", sender)
        .add_attribute("collateral", paid.amount))
}

pub fn update_metadata(
    deps: DepsMut,
    sender: Addr,
    metadata: ProviderMetadata,
) -> Result<Response, ContractError> {
    load_provider(&deps, &sender)?;
    check_metadata(&metadata)?;
    PROVIDER_META.save(deps.storage, &sender, &metadata)?;
    Ok(Response::new()
        .add_attribute("action", "update_provider")
        .add_attribute("provider", sender))
}

pub fn add_collateral(deps: DepsMut, sender: Addr, paid: Asset) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_not_paused(&cfg)?;
    ensure_collateral_asset(&cfg.collateral_asset, &paid)?;
    let mut p = load_provider(&deps, &sender)?;
    p.collateral = p.collateral.checked_add(paid.amount)?;
    PROVIDERS.save(deps.storage, &sender, &p)?;
    owed_add(deps.storage, &paid.info.key(), paid.amount)?;
    Ok(Response::new()
        .add_attribute("action", "add_collateral")
        .add_attribute("provider", sender)
        .add_attribute("amount", paid.amount)
        .add_attribute("collateral", p.collateral))
}

pub fn request_withdrawal(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut p = load_provider(&deps, &sender)?;
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "collateral withdrawal".into(),
        });
    }
    if p.live_offers > 0 {
        return Err(ContractError::LiveOffers {
            provider: sender.to_string(),
            live_offers: p.live_offers,
        });
    }
    if p.open_disputes > 0 {
        return Err(ContractError::OpenDisputes {
            provider: sender.to_string(),
            open_disputes: p.open_disputes,
        });
    }
    if amount > p.collateral {
        return Err(ContractError::InsufficientCollateral {
            requested: amount,
            bonded: p.collateral,
        });
    }
    p.collateral -= amount;
    p.unbonding = p.unbonding.checked_add(amount)?;
    // a new request restarts the clock for everything unbonding
    p.unbonding_release = env.block.time.seconds().saturating_add(cfg.unbonding_delay);
    PROVIDERS.save(deps.storage, &sender, &p)?;
    // leaving the bonded set forfeits the service weight
    let (hook, forfeited) = forfeit_if_unbonded(deps.storage, &cfg, &sender, p.collateral)?;
    Ok(Response::new()
        .add_submessages(hook)
        .add_attribute("action", "request_collateral_withdrawal")
        .add_attribute("provider", sender)
        .add_attribute("amount", amount)
        .add_attribute("release", p.unbonding_release.to_string())
        .add_attributes(forfeited))
}

pub fn withdraw_collateral(
    deps: DepsMut,
    env: Env,
    sender: Addr,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut p = load_provider(&deps, &sender)?;
    if p.unbonding.is_zero() {
        return Err(ContractError::NothingUnbonding {
            provider: sender.to_string(),
        });
    }
    let now = env.block.time.seconds();
    if now < p.unbonding_release {
        return Err(ContractError::UnbondingNotReady {
            release: p.unbonding_release,
            now,
        });
    }
    if p.open_disputes > 0 {
        return Err(ContractError::OpenDisputes {
            provider: sender.to_string(),
            open_disputes: p.open_disputes,
        });
    }
    // leases opened since the request are backed too
    if p.live_offers > 0 {
        return Err(ContractError::LiveOffers {
            provider: sender.to_string(),
            live_offers: p.live_offers,
        });
    }
    // every lease the collateral backed must be past its dispute window
    if now < p.liable_until {
        return Err(ContractError::CollateralLiable {
            liable_until: p.liable_until,
            now,
        });
    }
    let amount = p.unbonding;
    p.unbonding = Uint128::zero();
    p.unbonding_release = 0;
    PROVIDERS.save(deps.storage, &sender, &p)?;
    // weight earned by claims after the exit request is forfeited too
    let (hook, forfeited) = forfeit_if_unbonded(deps.storage, &cfg, &sender, p.collateral)?;
    owed_sub(deps.storage, &cfg.collateral_asset.key(), amount)?;
    let msg = cfg
        .collateral_asset
        .with_amount(amount)
        .transfer_msg(&sender)?;
    Ok(Response::new()
        .add_message(msg)
        .add_submessages(hook)
        .add_attribute("action", "withdraw_collateral")
        .add_attribute("provider", sender)
        .add_attribute("amount", amount)
        .add_attributes(forfeited))
}

/// Re-sends a provider's current service weight (its track record's weight:
/// protocol fees in the service asset paid on its leases since it last left
/// the bonded set) to the collateral hook with `old` = `new`:
/// permissionless, since it only ever reports the truth. The repair path for
/// a hook the pool refused on a claim, a ruling or an exit, so it goes as a
/// plain message: a pool that refuses again fails it.
pub fn resync_weight(deps: Deps, provider: String) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let provider = deps.api.addr_validate(&provider)?;
    let Some(hook) = &cfg.collateral_hook else {
        return Err(ContractError::NoCollateralHook {
            provider: provider.to_string(),
        });
    };
    if !PROVIDERS.has(deps.storage, &provider) {
        return Err(ContractError::NotRegistered {
            address: provider.to_string(),
        });
    }
    let weight = RECORDS
        .may_load(deps.storage, &provider)?
        .unwrap_or_default()
        .weight;
    let msg = WeightChange::new(&provider, weight, weight).into_msg(hook)?;
    Ok(Response::new()
        .add_message(msg)
        .add_attribute("action", "resync_collateral_weight")
        .add_attribute("provider", provider)
        .add_attribute("weight", weight))
}

fn invalid(reason: &str) -> ContractError {
    ContractError::InvalidOffer {
        reason: reason.to_string(),
    }
}

/// A price whose longest lease would overflow is refused up front, so lease
/// math can never fail later.
fn check_price(price: Uint128, max_duration: u64) -> Result<(), ContractError> {
    if price.is_zero() {
        return Err(invalid("price_per_hour must be positive"));
    }
    math::reservation(price, max_duration)
        .map_err(|_| invalid("price_per_hour * max_duration / 3600 overflows"))?;
    Ok(())
}

pub fn create_offer(
    deps: DepsMut,
    sender: Addr,
    o: OfferParams,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_not_paused(&cfg)?;
    let mut p = load_provider(&deps, &sender)?;
    if p.collateral < cfg.min_collateral {
        return Err(ContractError::CollateralBelowMin {
            collateral: p.collateral,
            min: cfg.min_collateral,
        });
    }
    let asset = o.asset.check(deps.api)?;
    ensure_accepted(deps.storage, &asset)?;
    check_offer(&o, cfg.max_lease_duration)?;
    let id = NEXT_OFFER.load(deps.storage)?;
    NEXT_OFFER.save(deps.storage, &(id + 1))?;
    let offer = Offer {
        provider: sender.clone(),
        asset: asset.key(),
        price_per_hour: o.price_per_hour,
        min_duration: o.min_duration,
        max_duration: o.max_duration,
        slots: o.slots,
        closed: false,
    };
    OFFERS.save(deps.storage, id, &offer)?;
    OFFER_SPECS.save(
        deps.storage,
        id,
        &OfferSpecs {
            gpu_model: o.gpu_model,
            gpu_count: o.gpu_count,
            memory_gib: o.memory_gib,
            region: o.region,
        },
    )?;
    OFFERS_BY_PROVIDER.save(deps.storage, (&sender, id), &())?;
    p.live_offers += 1;
    PROVIDERS.save(deps.storage, &sender, &p)?;
    Ok(Response::new()
        .add_attribute("action", "create_offer")
        .add_attribute("offer_id", id.to_string())
        .add_attribute("provider", sender)
        .add_attribute("asset", asset.to_string())
        .add_attribute("price_per_hour", o.price_per_hour))
}

/// An offer's own terms: named GPU model and region within the text limit,
/// at least one GPU and one slot, `1 <= min_duration <= max_duration <=
/// max_lease_duration` (seconds), and a price whose reservation fits.
fn check_offer(o: &OfferParams, max_lease_duration: u64) -> Result<(), ContractError> {
    check_text("gpu_model", &o.gpu_model)?;
    check_text("region", &o.region)?;
    if o.gpu_model.is_empty() || o.region.is_empty() {
        return Err(invalid("gpu_model and region must not be empty"));
    }
    if o.gpu_count == 0 || o.slots == 0 {
        return Err(invalid("gpu_count and slots must be at least 1"));
    }
    if o.min_duration == 0 || o.min_duration > o.max_duration {
        return Err(invalid(
            "durations must satisfy 1 <= min_duration <= max_duration",
        ));
    }
    if o.max_duration > max_lease_duration {
        return Err(ContractError::DurationOutOfBounds {
            duration: o.max_duration,
            min: 1,
            max: max_lease_duration,
        });
    }
    check_price(o.price_per_hour, o.max_duration)
}

fn load_own_offer(deps: &DepsMut, sender: &Addr, offer_id: u64) -> Result<Offer, ContractError> {
    let offer = OFFERS
        .may_load(deps.storage, offer_id)?
        .ok_or(ContractError::OfferNotFound { offer_id })?;
    if offer.provider != *sender {
        return Err(ContractError::NotOfferProvider {
            offer_id,
            sender: sender.to_string(),
            provider: offer.provider.to_string(),
        });
    }
    if offer.closed {
        return Err(ContractError::OfferClosed { offer_id });
    }
    Ok(offer)
}

pub fn update_offer_price(
    deps: DepsMut,
    sender: Addr,
    offer_id: u64,
    price_per_hour: Uint128,
) -> Result<Response, ContractError> {
    let mut offer = load_own_offer(&deps, &sender, offer_id)?;
    check_price(price_per_hour, offer.max_duration)?;
    offer.price_per_hour = price_per_hour;
    OFFERS.save(deps.storage, offer_id, &offer)?;
    Ok(Response::new()
        .add_attribute("action", "update_offer_price")
        .add_attribute("offer_id", offer_id.to_string())
        .add_attribute("price_per_hour", price_per_hour))
}

pub fn close_offer(deps: DepsMut, sender: Addr, offer_id: u64) -> Result<Response, ContractError> {
    let mut offer = load_own_offer(&deps, &sender, offer_id)?;
    offer.closed = true;
    OFFERS.save(deps.storage, offer_id, &offer)?;
    let slots = OFFER_USED
        .may_load(deps.storage, offer_id)?
        .unwrap_or_default();
    if slots.used == 0 {
        // otherwise the last lease to settle releases it
        release_offer(deps.storage, &sender, offer_id, slots)?;
    }
    Ok(Response::new()
        .add_attribute("action", "close_offer")
        .add_attribute("offer_id", offer_id.to_string())
        .add_attribute("used_slots", slots.used.to_string()))
}
