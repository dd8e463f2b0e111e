//! Credit accounts: deposits (own or sponsored) and withdrawals.

use cosmwasm_std::{Addr, Coin, DepsMut, MessageInfo, Response, Uint128};
use fairgrid::asset::one_coin;
use fairgrid::{Asset, AssetInfo, AssetInfoUnchecked};

use super::{ensure_accepted, ensure_not_paused};
use crate::error::ContractError;
use crate::state::{add_credits, owed_add, owed_sub, CONFIG, CREDITS};

/// Funds attached to a lease message: none (pay from credits) or exactly one
/// positive coin, whose denom and amount the handler then checks.
pub fn native_payment(funds: &[Coin]) -> Result<Option<Asset>, ContractError> {
    if funds.is_empty() {
        return Ok(None);
    }
    let coin = one_coin(funds, "one coin of the offer's asset", |_| true)?;
    Ok(Some(AssetInfo::Native(coin.denom).with_amount(coin.amount)))
}

pub fn deposit_native(
    deps: DepsMut,
    escrow: &Addr,
    info: MessageInfo,
    beneficiary: Option<String>,
) -> Result<Response, ContractError> {
    let storage: &dyn cosmwasm_std::Storage = deps.storage;
    let coin = one_coin(&info.funds, "one coin of an accepted native denom", |d| {
        crate::state::ACCEPTED.has(storage, &AssetInfo::native(d).key())
    })?;
    let paid = AssetInfo::Native(coin.denom).with_amount(coin.amount);
    deposit(deps, escrow, info.sender, beneficiary, paid)
}

pub fn deposit(
    deps: DepsMut,
    escrow: &Addr,
    sender: Addr,
    beneficiary: Option<String>,
    paid: Asset,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    ensure_not_paused(&cfg)?;
    ensure_accepted(deps.storage, &paid.info)?;
    let account = match beneficiary {
        Some(b) => outside_address(deps.api, escrow, &b, "beneficiary")?,
        None => sender.clone(),
    };
    let key = paid.info.key();
    add_credits(deps.storage, &account, &key, paid.amount)?;
    owed_add(deps.storage, &key, paid.amount)?;
    Ok(Response::new()
        .add_attribute("action", "deposit")
        .add_attribute("sender", sender)
        .add_attribute("account", account)
        .add_attribute("asset", paid.info.to_string())
        .add_attribute("amount", paid.amount))
}

pub fn withdraw(
    deps: DepsMut,
    escrow: &Addr,
    info: MessageInfo,
    asset: AssetInfoUnchecked,
    amount: Uint128,
    recipient: Option<String>,
) -> Result<Response, ContractError> {
    let asset = asset.check(deps.api)?;
    let recipient = match recipient {
        Some(r) => outside_address(deps.api, escrow, &r, "recipient")?,
        None => info.sender.clone(),
    };
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "withdrawal".into(),
        });
    }
    let key = asset.key();
    let mut deps = deps;
    spend_credits(&mut deps, &info.sender, &key, amount)?;
    owed_sub(deps.storage, &key, amount)?;
    let msg = asset.with_amount(amount).transfer_msg(&recipient)?;
    Ok(Response::new()
        .add_message(msg)
        .add_attribute("action", "withdraw")
        .add_attribute("account", info.sender)
        .add_attribute("recipient", recipient)
        .add_attribute("asset", asset.to_string())
        .add_attribute("amount", amount))
}

/// Takes `amount` from the account's free credits.
pub fn spend_credits(
    deps: &mut DepsMut,
    account: &Addr,
    key: &str,
    amount: Uint128,
) -> Result<(), ContractError> {
    if amount.is_zero() {
        return Ok(());
    }
    let available = CREDITS
        .may_load(deps.storage, (account, key))?
        .unwrap_or_default();
    if amount > available {
        return Err(ContractError::InsufficientCredits {
            asset: AssetInfo::from_key(key)?.to_string(),
            available,
            requested: amount,
        });
    }
    let left = available - amount;
    if left.is_zero() {
        CREDITS.remove(deps.storage, (account, key));
    } else {
        CREDITS.save(deps.storage, (account, key), &left)?;
    }
    Ok(())
}

/// Settles a payment for a lease: exactly `due` of `key`, from the attached
/// funds (value enters) or from the payer's credits (internal move).
pub fn take_payment(
    deps: &mut DepsMut,
    payer: &Addr,
    key: &str,
    due: Uint128,
    paid: Option<Asset>,
) -> Result<&'static str, ContractError> {
    match paid {
        None => {
            spend_credits(deps, payer, key, due)?;
            Ok("credits")
        }
        Some(p) => {
            if p.info.key() != key {
                return Err(ContractError::WrongPaymentAsset {
                    expected: AssetInfo::from_key(key)?.to_string(),
                    got: p.info.to_string(),
                });
            }
            if p.amount != due {
                return Err(ContractError::WrongPaymentAmount {
                    asset: p.info.to_string(),
                    got: p.amount,
                    expected: due,
                });
            }
            owed_add(deps.storage, key, due)?;
            Ok("funds")
        }
    }
}

/// `address` validated; `OwnAddress` when it is the escrow itself (`escrow`):
/// coins it sent or credited to its own address would be owed to nobody.
fn outside_address(
    api: &dyn cosmwasm_std::Api,
    escrow: &Addr,
    address: &str,
    field: &str,
) -> Result<Addr, ContractError> {
    let address = api.addr_validate(address)?;
    fairgrid::checks::ensure_not_self(escrow, &address, field)?;
    Ok(address)
}
