//! Disputes: the renter raises one, the arbiter resolves it.

use cosmwasm_std::{Addr, DepsMut, Env, Response, Storage, Uint128};
use fairgrid::Bps;

use super::credits::spend_credits;
use super::grants;
use super::leases::{load_lease, settle_lease};
use super::{add_service_fee, check_text, report_weight};
use crate::error::ContractError;
use crate::math;
use crate::state::{
    add_credits, owed_pay, record, Config, Lease, Offer, CONFIG, DISPUTE_BOND, DISPUTE_NONE,
    DISPUTE_OPEN, DISPUTE_REASON, DISPUTE_RESOLVED, LEASES, OFFERS, PROVIDERS,
};

pub fn open(
    mut deps: DepsMut,
    env: Env,
    sender: Addr,
    lease_id: u64,
    reason: String,
) -> Result<Response, ContractError> {
    let mut lease = load_lease(deps.storage, lease_id)?;
    if lease.renter != sender {
        return Err(ContractError::NotRenter {
            lease_id,
            sender: sender.to_string(),
            renter: lease.renter.to_string(),
        });
    }
    if lease.dispute != DISPUTE_NONE {
        return Err(ContractError::DisputeAlreadyRaised { lease_id });
    }
    // at end + delay the last earnings become claimable: the window closes
    let now = env.block.time.seconds();
    let deadline = lease.end.saturating_add(lease.settlement_delay);
    if now >= deadline {
        return Err(ContractError::DisputeWindowClosed {
            lease_id,
            deadline,
            now,
        });
    }
    check_text("reason", &reason)?;
    let offer = OFFERS.load(deps.storage, lease.offer_id)?;
    let provider = offer.provider;
    // the bond moves from the renter's free credits; nothing leaves
    let bond = CONFIG
        .load(deps.storage)?
        .dispute_bond
        .mul_ceil(lease.reservation);
    if !bond.is_zero() {
        spend_credits(&mut deps, &sender, &offer.asset, bond)?;
        DISPUTE_BOND.save(deps.storage, lease_id, &bond)?;
    }
    lease.dispute = DISPUTE_OPEN;
    LEASES.save(deps.storage, lease_id, &lease)?;
    DISPUTE_REASON.save(deps.storage, lease_id, &reason)?;
    let mut p = PROVIDERS.load(deps.storage, &provider)?;
    p.open_disputes += 1;
    PROVIDERS.save(deps.storage, &provider, &p)?;
    record(deps.storage, &provider, |r| {
        r.disputes = r.disputes.saturating_add(1);
        Ok(())
    })?;
    Ok(Response::new()
        .add_attribute("action", "open_dispute")
        .add_attribute("lease_id", lease_id.to_string())
        .add_attribute("renter", sender)
        .add_attribute("provider", provider)
        .add_attribute("bond", bond))
}

/// The provider gets `floor(unclaimed * share)` gross (fee cut on the
/// cumulative amount as for claims, and left owed to the collector), the
/// renter's side the rest of the unclaimed amount plus any unused
/// reservation; `slash` moves collateral (bonded first, then unbonding) to
/// the renter's side in the collateral asset. The renter's side is whoever
/// paid for the lease: the renter, or the sponsor of its grant; the bond goes to the renter's credits
/// if the renter gets anything, else to the provider's. The only message
/// sent is the provider's own payout (and the collateral hook).
pub fn resolve(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    lease_id: u64,
    provider_share: Bps,
    slash: Uint128,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let (mut lease, offer) = disputed(deps.storage, &cfg, &sender, lease_id, slash)?;
    let provider = offer.provider.clone();
    let now = env.block.time.seconds();
    let mut refund = Uint128::zero();
    if !lease.settled {
        lease.end = lease.end.min(now);
        (refund, _) = settle_lease(deps.storage, &mut lease, &offer)?;
    }
    let (to_provider, to_renter, fee, net) = split_unclaimed(&mut lease, provider_share)?;
    LEASES.save(deps.storage, lease_id, &lease)?;
    // the renter's side returns to whoever paid: the renter, or the sponsor
    let payer = grants::refund(deps.storage, &lease, &offer.asset, to_renter)?;
    // the ruling closes the lease: served, and lost if the renter got anything
    let lost = !to_renter.is_zero() || !slash.is_zero();
    let bond_to = if lost { &lease.renter } else { &provider };
    let bond = release_bond(deps.storage, lease_id, bond_to, &offer.asset)?;
    let asset = super::asset_of(&offer.asset)?;
    // the fee stays in the contract, owed to the collector
    owed_pay(deps.storage, &offer.asset, net, fee)?;
    let ruling = Ruling {
        seconds: lease.end.saturating_sub(lease.start),
        asset: &offer.asset,
        net,
        fee,
        lost,
        slash,
    };
    let moved = rule_on_provider(deps.storage, &cfg, &provider, &ruling)?;
    let mut res = Response::new();
    if !net.is_zero() {
        res = res.add_message(asset.with_amount(net).transfer_msg(&provider)?);
    }

    add_credits(deps.storage, &payer, &cfg.collateral_asset.key(), slash)?;
    let (hook, weight_attr) = report_weight(cfg.collateral_hook.as_ref(), &provider, moved)?;
    res = res.add_submessages(hook);

    Ok(res
        .add_attribute("action", "resolve_dispute")
        .add_attribute("lease_id", lease_id.to_string())
        .add_attribute("provider_share_bps", provider_share.get().to_string())
        .add_attribute("to_provider", to_provider)
        .add_attribute("fee", fee)
        .add_attribute("to_renter", to_renter)
        .add_attribute("renter_side_to", payer.as_str())
        .add_attribute("refund", refund)
        .add_attribute("slash", slash)
        .add_attribute("bond", bond)
        .add_attribute("bond_to", bond_to.as_str())
        .add_attributes(weight_attr))
}

/// Splits what the provider has not claimed of a lease by the ruling's
/// share, and marks the lease resolved: `(to_provider, to_renter, fee,
/// net)`, with `fee + net = to_provider` and the fee cut on the cumulative
/// amount as for claims.
fn split_unclaimed(
    lease: &mut Lease,
    provider_share: Bps,
) -> Result<(Uint128, Uint128, Uint128, Uint128), ContractError> {
    let accrued = math::accrued(lease.price_per_hour, lease.start, lease.end, lease.end)?;
    let unclaimed = accrued.checked_sub(lease.claimed)?;
    let to_provider = provider_share.mul_floor(unclaimed);
    let to_renter = unclaimed - to_provider;
    let (gross, fee, net) =
        math::split_claim(lease.claimed + to_provider, lease.claimed, lease.fee)?;
    debug_assert_eq!(gross, fee + net);
    lease.claimed += to_provider;
    lease.dispute = DISPUTE_RESOLVED;
    Ok((to_provider, to_renter, fee, net))
}

/// The lease and its offer when `sender` may rule on it: the arbiter, an
/// open dispute, and a slash within the provider's bonded and unbonding
/// collateral.
fn disputed(
    storage: &dyn Storage,
    cfg: &Config,
    sender: &Addr,
    lease_id: u64,
    slash: Uint128,
) -> Result<(Lease, Offer), ContractError> {
    if *sender != cfg.arbiter {
        return Err(ContractError::NotArbiter {
            sender: sender.to_string(),
            arbiter: cfg.arbiter.to_string(),
        });
    }
    let lease = load_lease(storage, lease_id)?;
    if lease.dispute != DISPUTE_OPEN {
        return Err(ContractError::NoOpenDispute { lease_id });
    }
    let offer = OFFERS.load(storage, lease.offer_id)?;
    let p = PROVIDERS.load(storage, &offer.provider)?;
    let slashable = p.collateral + p.unbonding;
    if slash > slashable {
        return Err(ContractError::SlashAboveCollateral {
            slash,
            collateral: slashable,
        });
    }
    Ok((lease, offer))
}

/// Credits the dispute bond of `lease_id` (if any) to `to`, in the lease's
/// asset; returns the bond.
fn release_bond(
    storage: &mut dyn Storage,
    lease_id: u64,
    to: &Addr,
    asset: &str,
) -> Result<Uint128, ContractError> {
    let bond = DISPUTE_BOND
        .may_load(storage, lease_id)?
        .unwrap_or_default();
    if !bond.is_zero() {
        DISPUTE_BOND.remove(storage, lease_id);
        add_credits(storage, to, asset, bond)?;
    }
    Ok(bond)
}

/// What a ruling does to the provider's record.
struct Ruling<'a> {
    /// Seconds the lease ran.
    seconds: u64,
    asset: &'a str,
    net: Uint128,
    fee: Uint128,
    /// The renter's side got something.
    lost: bool,
    slash: Uint128,
}

/// Takes the slash from the provider's collateral (bonded first, then
/// unbonding), closes its dispute, and updates its track record: the fee
/// earns service weight, a slash that empties the bond forfeits it (the
/// configuration is loaded: no need to read `SERVICE`). Returns the weight
/// change, if any.
fn rule_on_provider(
    storage: &mut dyn Storage,
    cfg: &Config,
    provider: &Addr,
    ruling: &Ruling,
) -> Result<Option<(Uint128, Uint128)>, ContractError> {
    // loaded after settling, which may have released the offer
    let mut p = PROVIDERS.load(storage, provider)?;
    let from_bonded = ruling.slash.min(p.collateral);
    p.collateral -= from_bonded;
    p.unbonding -= ruling.slash - from_bonded;
    p.open_disputes -= 1;
    PROVIDERS.save(storage, provider, &p)?;
    let service = cfg.service();
    let mut moved = None;
    record(storage, provider, |r| {
        let before = r.weight;
        r.served(ruling.seconds);
        r.earn(ruling.asset, ruling.net)?;
        moved = add_service_fee(service.as_ref(), r, ruling.asset, ruling.fee)?;
        if p.collateral.is_zero() {
            moved = r.forfeit().map(|(_, none)| (before, none));
        }
        r.lost = r.lost.saturating_add(u32::from(ruling.lost));
        r.slashed = r.slashed.saturating_add(ruling.slash);
        Ok(())
    })?;
    Ok(moved)
}
