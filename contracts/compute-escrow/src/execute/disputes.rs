//! Disputes: the renter raises one, the arbiter resolves it.

use cosmwasm_std::{Addr, DepsMut, Env, Response, Uint128};
use fairgrid::Bps;

use super::leases::{load_lease, settle_lease};
use super::{asset_of, check_text, collateral_hook, fee_msg};
use crate::error::ContractError;
use crate::math;
use crate::state::{
    add_credits, owed_sub, CONFIG, DISPUTE_NONE, DISPUTE_OPEN, DISPUTE_REASON, DISPUTE_RESOLVED,
    LEASES, OFFERS, PROVIDERS,
};

pub fn open(
    deps: DepsMut,
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
    let provider = OFFERS.load(deps.storage, lease.offer_id)?.provider;
    lease.dispute = DISPUTE_OPEN;
    LEASES.save(deps.storage, lease_id, &lease)?;
    DISPUTE_REASON.save(deps.storage, lease_id, &reason)?;
    let mut p = PROVIDERS.load(deps.storage, &provider)?;
    p.open_disputes += 1;
    PROVIDERS.save(deps.storage, &provider, &p)?;
    Ok(Response::new()
        .add_attribute("action", "open_dispute")
        .add_attribute("lease_id", lease_id.to_string())
        .add_attribute("renter", sender)
        .add_attribute("provider", provider))
}

/// The provider gets `floor(unclaimed * share)` gross (fee cut on the
/// cumulative amount as for claims), the renter the rest of the unclaimed
/// amount plus any unused reservation; `slash` moves collateral (bonded
/// first, then unbonding) to the renter's credits in the collateral asset.
pub fn resolve(
    deps: DepsMut,
    env: Env,
    sender: Addr,
    lease_id: u64,
    provider_share: Bps,
    slash: Uint128,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if sender != cfg.arbiter {
        return Err(ContractError::NotArbiter {
            sender: sender.to_string(),
            arbiter: cfg.arbiter.to_string(),
        });
    }
    let mut lease = load_lease(deps.storage, lease_id)?;
    if lease.dispute != DISPUTE_OPEN {
        return Err(ContractError::NoOpenDispute { lease_id });
    }
    let offer = OFFERS.load(deps.storage, lease.offer_id)?;
    let provider = offer.provider.clone();
    let slashable = {
        let p = PROVIDERS.load(deps.storage, &provider)?;
        p.collateral + p.unbonding
    };
    if slash > slashable {
        return Err(ContractError::SlashAboveCollateral {
            slash,
            collateral: slashable,
        });
    }
    let now = env.block.time.seconds();
    let mut refund = Uint128::zero();
    if !lease.settled {
        lease.end = lease.end.min(now);
        refund = settle_lease(deps.storage, &mut lease, &offer)?;
    }
    let accrued = math::accrued(lease.price_per_hour, lease.start, lease.end, lease.end)?;
    let unclaimed = accrued.checked_sub(lease.claimed)?;
    let to_provider = provider_share.mul_floor(unclaimed);
    let to_renter = unclaimed - to_provider;
    let (gross, fee, net) =
        math::split_claim(lease.claimed + to_provider, lease.claimed, lease.fee)?;
    lease.claimed += to_provider;
    lease.dispute = DISPUTE_RESOLVED;
    LEASES.save(deps.storage, lease_id, &lease)?;
    add_credits(deps.storage, &lease.renter, &offer.asset, to_renter)?;

    let asset = asset_of(&offer.asset)?;
    owed_sub(deps.storage, &offer.asset, gross)?;
    let mut res = Response::new();
    if !net.is_zero() {
        res = res.add_message(asset.with_amount(net).transfer_msg(&provider)?);
    }
    if !fee.is_zero() {
        res = res.add_message(fee_msg(&cfg.fee_collector, &asset, fee)?);
    }

    let mut p = PROVIDERS.load(deps.storage, &provider)?;
    let old = p.collateral;
    let from_bonded = slash.min(p.collateral);
    p.collateral -= from_bonded;
    p.unbonding -= slash - from_bonded;
    p.open_disputes -= 1;
    PROVIDERS.save(deps.storage, &provider, &p)?;
    add_credits(
        deps.storage,
        &lease.renter,
        &cfg.collateral_asset.key(),
        slash,
    )?;
    res = res.add_messages(collateral_hook(&cfg, &provider, old, p.collateral)?);

    Ok(res
        .add_attribute("action", "resolve_dispute")
        .add_attribute("lease_id", lease_id.to_string())
        .add_attribute("provider_share_bps", provider_share.get().to_string())
        .add_attribute("to_provider", to_provider)
        .add_attribute("fee", fee)
        .add_attribute("to_renter", to_renter)
        .add_attribute("refund", refund)
        .add_attribute("slash", slash))
}
