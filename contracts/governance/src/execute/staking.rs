//! Staking: stake (via cw20 `send`), unstake, claim, re-reporting a pool
//! weight, and the identity changes that move stake between voting units.

use cosmwasm_std::{
    Addr, Attribute, Binary, BlockInfo, Deps, DepsMut, Env, MessageInfo, Response, SubMsg,
    Timestamp, Uint128,
};
use cw_utils::{Duration, Expiration};
use fairgrid::asset::AssetInfo;
use fairgrid::governance::MAX_CLAIMS;
use fairgrid::hook::{WeightChange, HOOK_GAS_LIMIT};
use fairgrid::identity::IdentityChange;

/// Reply id of the stake hooks' submessages (proposal ids start at 1).
pub const HOOK_REPLY_ID: u64 = 0;

/// A pool that refuses a weight change never blocks a stake or an unstake:
/// the hooks go out as submessages replied to on error only, each with
/// `HOOK_GAS_LIMIT` (so a receiver that burns all its gas fails alone), the reply
/// reports it (`weight_hook_failed`), and anyone's `resync_weight` re-sends
/// the true weight once the receiver accepts again. The payload is the
/// staker's address.
pub fn weight_hook_failed(payload: &Binary, error: String) -> Response {
    Response::new()
        .add_attribute("action", "weight_hook_failed")
        .add_attribute("staker", String::from_utf8_lossy(payload.as_slice()))
        .add_attribute("error", error)
}

use crate::error::ContractError;
use crate::identity;
use crate::math;
use crate::state::{
    load_params, Core, Link, CLAIMS, CORE, LINKS, METRICS, REGISTRY, STAKES, TOTAL_CLAIMS,
};

/// Adds FAIR received via cw20 `send` to the sender's stake.
pub fn stake(
    deps: DepsMut,
    env: Env,
    config: &Core,
    staker: Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "stake".into(),
        });
    }
    let old = STAKES.may_load(deps.storage, &staker)?.unwrap_or_default();
    let new = old.checked_add(amount)?;
    let hooks = change_stake(deps, &env, config, &staker, old, new)?;
    Ok(Response::new()
        .add_submessages(hooks)
        .add_attribute("action", "stake")
        .add_attribute("staker", staker)
        .add_attribute("amount", amount)
        .add_attribute("stake", new))
}

/// Moves `amount` of the sender's stake into a claim released after the
/// unbonding period (at most `MAX_CLAIMS` pending).
pub fn unstake(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "unstake amount".into(),
        });
    }
    let config = CORE.load(deps.storage)?;
    let unbonding = load_params(deps.storage)?.unbonding_period;
    let staker = info.sender;
    let old = STAKES.may_load(deps.storage, &staker)?.unwrap_or_default();
    let new = old
        .checked_sub(amount)
        .map_err(|_| ContractError::UnstakeTooMuch {
            requested: amount,
            staked: old,
        })?;
    let pending = CLAIMS.query_claims(deps.as_ref(), &staker)?.claims.len();
    if pending >= MAX_CLAIMS {
        return Err(ContractError::TooManyClaims {
            address: staker.to_string(),
            max: MAX_CLAIMS,
        });
    }
    let release_at = release_time(&env.block, unbonding)?;
    CLAIMS.create_claim(deps.storage, &staker, amount, release_at)?;
    TOTAL_CLAIMS.update(deps.storage, |t| -> Result<_, ContractError> {
        Ok(t.checked_add(amount)?)
    })?;
    let hooks = change_stake(deps, &env, &config, &staker, old, new)?;
    Ok(Response::new()
        .add_submessages(hooks)
        .add_attribute("action", "unstake")
        .add_attribute("staker", staker)
        .add_attribute("amount", amount)
        .add_attribute("stake", new)
        .add_attributes([release_attr(&release_at)]))
}

/// The `unstake` event's release attribute: `release_at` = unix seconds for
/// a time (the first whole second at which the claim can be paid), `release_height` = a block
/// height for a height (only a layout-1 record can hold a height unbonding).
/// Plain integers, never cw-utils' `Display` text.
pub fn release_attr(e: &Expiration) -> Attribute {
    match e {
        Expiration::AtTime(t) => {
            // the first whole second at or after the release (a claim is
            // paid once block time >= release time)
            let secs = t.seconds() + u64::from(t.subsec_nanos() > 0);
            Attribute::new("release_at", secs.to_string())
        }
        Expiration::AtHeight(h) => Attribute::new("release_height", h.to_string()),
        // `release_time` makes only the two above.
        Expiration::Never {} => Attribute::new("release_at", "never"),
    }
}

/// When a claim made now is paid: `now + unbonding`, checked (never a panic,
/// whatever the block time). Heights are refused by `check_params`; a stored
/// height duration (layout 1) is added checked too.
fn release_time(block: &BlockInfo, unbonding: Duration) -> Result<Expiration, ContractError> {
    let overflow = || ContractError::TimeOverflow {
        what: "claim release".into(),
        now: block.time.seconds(),
        plus: match unbonding {
            Duration::Time(t) | Duration::Height(t) => t,
        },
    };
    match unbonding {
        Duration::Time(secs) => {
            let nanos = secs
                .checked_mul(1_000_000_000)
                .and_then(|n| n.checked_add(block.time.nanos()))
                .ok_or_else(overflow)?;
            Ok(Expiration::AtTime(Timestamp::from_nanos(nanos)))
        }
        Duration::Height(h) => Ok(Expiration::AtHeight(
            block.height.checked_add(h).ok_or_else(overflow)?,
        )),
    }
}

/// Pays the sender's released claims; `NothingToClaim` (with the amount
/// still pending) when none is released.
pub fn claim(deps: DepsMut, env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    let amount = CLAIMS.claim_tokens(deps.storage, &info.sender, &env.block, None)?;
    if amount.is_zero() {
        let pending = CLAIMS
            .query_claims(deps.as_ref(), &info.sender)?
            .claims
            .iter()
            .map(|c| c.amount)
            .sum();
        return Err(ContractError::NothingToClaim {
            address: info.sender.to_string(),
            pending,
        });
    }
    TOTAL_CLAIMS.update(deps.storage, |t| -> Result<_, ContractError> {
        Ok(t.checked_sub(amount)?)
    })?;
    let token = CORE.load(deps.storage)?.token;
    let pay = AssetInfo::Cw20(token)
        .with_amount(amount)
        .transfer_msg(&info.sender)?;
    Ok(Response::new()
        .add_message(pay)
        .add_attribute("action", "claim")
        .add_attribute("staker", info.sender)
        .add_attribute("amount", amount))
}

/// Writes a stake change: snapshot, total power, metrics, and the hook
/// messages (weights by `math::pool_weight`: 0 below `min_stake`).
fn change_stake(
    deps: DepsMut,
    env: &Env,
    config: &Core,
    staker: &Addr,
    old: Uint128,
    new: Uint128,
) -> Result<Vec<SubMsg>, ContractError> {
    let h = env.block.height;
    if new.is_zero() {
        STAKES.remove(deps.storage, staker, h)?;
    } else {
        STAKES.save(deps.storage, staker, &new, h)?;
    }
    let old_p = math::power(old, config.curve, config.min_stake);
    let new_p = math::power(new, config.curve, config.min_stake);
    let mut m = METRICS.load(deps.storage)?;
    math::apply_metrics(&mut m, old, new, old_p, new_p)?;
    // The address's unit (its identity, or itself without one) moves from
    // the old stake to the new.
    let link = LINKS.may_load(deps.storage, staker)?;
    identity::restake(deps.storage, h, &mut m, old, new, link, config)?;
    math::refresh_total(&mut m, config.curve)?;
    METRICS.save(deps.storage, &m, h)?;
    let (old_w, new_w) = (
        math::pool_weight(old, config.min_stake),
        math::pool_weight(new, config.min_stake),
    );
    let change = WeightChange::new(staker, old_w, new_w);
    let payload = Binary::from(staker.as_bytes());
    Ok(change
        .into_msgs(&config.hooks)?
        .into_iter()
        .map(|msg| {
            SubMsg::reply_on_error(msg, HOOK_REPLY_ID)
                .with_gas_limit(HOOK_GAS_LIMIT)
                .with_payload(payload.clone())
        })
        .collect())
}

/// Re-reports an account's current pool weight to one registered hook
/// (permissionless: it only ever reports the truth).
pub fn resync_weight(
    deps: Deps,
    account: String,
    receiver: String,
) -> Result<Response, ContractError> {
    let config = CORE.load(deps.storage)?;
    let account = deps.api.addr_validate(&account)?;
    let hook = config
        .hooks
        .iter()
        .find(|h| h.as_str() == receiver)
        .ok_or(ContractError::HookNotFound { hook: receiver })?;
    let stake = STAKES.may_load(deps.storage, &account)?.unwrap_or_default();
    let weight = math::pool_weight(stake, config.min_stake);
    let msg = WeightChange::new(&account, weight, weight).into_msg(hook)?;
    Ok(Response::new()
        .add_message(msg)
        .add_attribute("action", "resync_weight")
        .add_attribute("account", account)
        .add_attribute("receiver", hook)
        .add_attribute("weight", weight))
}

/// The registry's hook: `change.address` moves to `change.new` (a link that
/// is already expired counts as none).
pub fn identity_changed(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    change: IdentityChange,
) -> Result<Response, ContractError> {
    let registry = REGISTRY.may_load(deps.storage)?;
    if registry.as_ref() != Some(&info.sender) {
        return Err(ContractError::NotRegistry {
            sender: info.sender.to_string(),
            registry: registry.map_or_else(|| "none".to_string(), |r| r.to_string()),
        });
    }
    let h = env.block.height;
    let addr = deps.api.addr_validate(&change.address)?;
    let new = change
        .new
        .map(|identity| Link {
            identity,
            expires_at: change.expires_at_height,
        })
        .filter(|l| !l.expired_at(h));
    let core = CORE.load(deps.storage)?;
    let old = identity::relink(deps.storage, h, &addr, new, core.curve, core.min_stake)?;
    let shown = |l: Option<Link>| l.map_or_else(|| "none".to_string(), |l| l.identity.to_string());
    Ok(Response::new()
        .add_attribute("action", "identity_changed")
        .add_attribute("address", addr)
        .add_attribute("old", shown(old))
        .add_attribute("new", shown(new)))
}

/// Removes a link governance recorded once its expiry height is reached.
pub fn report_expiry(deps: DepsMut, env: Env, address: String) -> Result<Response, ContractError> {
    let h = env.block.height;
    let addr = deps.api.addr_validate(&address)?;
    let link = LINKS.may_load(deps.storage, &addr)?;
    let Some(l) = link.filter(|l| l.expired_at(h)) else {
        return Err(ContractError::LinkNotExpired {
            address,
            identity: link.map(|l| l.identity),
            expires_at: link.and_then(|l| l.expires_at),
            height: h,
        });
    };
    let core = CORE.load(deps.storage)?;
    identity::relink(deps.storage, h, &addr, None, core.curve, core.min_stake)?;
    Ok(Response::new()
        .add_attribute("action", "report_expiry")
        .add_attribute("address", addr)
        .add_attribute("identity", l.identity.to_string())
        .add_attribute("expired_at", l.expires_at.unwrap_or_default().to_string()))
}
