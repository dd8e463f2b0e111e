//! Execute handlers, by concern, and the helpers they share.

pub mod admin;
pub mod credits;
pub mod disputes;
pub mod fees;
pub mod grants;
pub mod leases;
pub mod providers;

use cosmwasm_std::{
    to_json_binary, Addr, Attribute, Binary, CosmosMsg, StdResult, Storage, SubMsg, Uint128,
};
use fairgrid::escrow::{CollectorMsg, MAX_TEXT_LEN};
use fairgrid::{AssetInfo, WeightChange};

use crate::error::ContractError;
use crate::state::{Config, Record, ServiceWeight, ACCEPTED, RECORDS};

pub fn ensure_not_paused(cfg: &Config) -> Result<(), ContractError> {
    ensure_running(cfg.paused)
}

pub fn ensure_running(paused: bool) -> Result<(), ContractError> {
    if paused {
        return Err(ContractError::Paused {});
    }
    Ok(())
}

pub fn ensure_accepted(storage: &dyn Storage, asset: &AssetInfo) -> Result<(), ContractError> {
    if !ACCEPTED.has(storage, &asset.key()) {
        return Err(fairgrid::AssetError::NotAccepted {
            asset: asset.to_string(),
        }
        .into());
    }
    Ok(())
}

/// At most `MAX_TEXT_LEN` bytes (`TextTooLong` naming the field).
pub fn check_text(field: &str, text: &str) -> Result<(), ContractError> {
    Ok(fairgrid::checks::check_text_len(
        field,
        text,
        0,
        MAX_TEXT_LEN,
    )?)
}

/// Reply id of the collateral hook submessage.
pub const HOOK_REPLY_ID: u64 = 1;

/// The service weight hook: tells the providers pool (the configured
/// collateral hook) that `provider`'s weight moved from `old` to `new` (base
/// units of the service asset's protocol fees), if a hook is set and the
/// weight moved. A submessage replied to on error only, with
/// `fairgrid::hook::HOOK_GAS_LIMIT` (a pool that burns all its gas fails
/// alone), so a pool that refuses never reverts a claim, a ruling or an
/// exit: the reply reports it
/// (`collateral_hook_failed`), and anyone's `resync_collateral_weight`
/// (`providers::resync_weight`) re-sends the current weight. The payload is
/// the provider's address.
pub fn weight_hook(
    hook: Option<&Addr>,
    provider: &Addr,
    old: Uint128,
    new: Uint128,
) -> StdResult<Option<SubMsg>> {
    match hook {
        Some(hook) if old != new => {
            let msg = WeightChange::new(provider, old, new).into_msg(hook)?;
            Ok(Some(
                SubMsg::reply_on_error(msg, HOOK_REPLY_ID)
                    .with_gas_limit(fairgrid::hook::HOOK_GAS_LIMIT)
                    .with_payload(Binary::from(provider.as_bytes())),
            ))
        }
        _ => Ok(None),
    }
}

/// Adds `fee` paid in `asset_key` on one of `provider`'s leases to its
/// service weight, when `asset_key` is the service asset: returns the
/// weight `(old, new)` for the hook, or `None` when nothing moved.
pub fn add_service_fee(
    service: Option<&ServiceWeight>,
    r: &mut Record,
    asset_key: &str,
    fee: Uint128,
) -> StdResult<Option<(Uint128, Uint128)>> {
    match service {
        Some(s) if s.asset == asset_key && !fee.is_zero() => {
            let old = r.weight;
            r.weight = old.checked_add(fee)?;
            Ok(Some((old, r.weight)))
        }
        _ => Ok(None),
    }
}

/// A provider's service weight moved (`moved`, from `add_service_fee` or
/// `Record::forfeit`): the hook submessage and the `service_weight`
/// attribute (the new weight), both empty when nothing moved.
pub fn report_weight(
    hook: Option<&Addr>,
    provider: &Addr,
    moved: Option<(Uint128, Uint128)>,
) -> StdResult<(Option<SubMsg>, Option<Attribute>)> {
    let Some((old, new)) = moved else {
        return Ok((None, None));
    };
    Ok((
        weight_hook(hook, provider, old, new)?,
        Some(Attribute::new("service_weight", new.to_string())),
    ))
}

/// A provider whose bonded collateral is zero has left the bonded set and
/// forfeits its service weight: the record's weight becomes zero and the
/// hook hears `old` → 0 (nothing when it is still bonded or had none).
pub fn forfeit_if_unbonded(
    storage: &mut dyn Storage,
    cfg: &Config,
    provider: &Addr,
    bonded: Uint128,
) -> StdResult<(Option<SubMsg>, Option<Attribute>)> {
    if !bonded.is_zero() {
        return Ok((None, None));
    }
    let Some(mut r) = RECORDS.may_load(storage, provider)? else {
        return Ok((None, None));
    };
    let moved = r.forfeit();
    if moved.is_some() {
        RECORDS.save(storage, provider, &r)?;
    }
    report_weight(cfg.collateral_hook.as_ref(), provider, moved)
}

/// Forwards a protocol fee to the collector as `{"deposit":{}}`.
pub fn fee_msg(collector: &Addr, asset: &AssetInfo, amount: Uint128) -> StdResult<CosmosMsg> {
    asset
        .with_amount(amount)
        .send_to_contract_msg(collector, to_json_binary(&CollectorMsg::Deposit {})?)
}

pub fn asset_of(key: &str) -> StdResult<AssetInfo> {
    AssetInfo::from_key(key)
}
