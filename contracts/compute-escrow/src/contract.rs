//! Entry points; each message goes to one short handler in `execute/`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    from_json, Binary, Deps, DepsMut, Env, MessageInfo, Order, Reply, Response, StdResult,
};
use cw20::Cw20ReceiveMsg;
use fairgrid::asset::{check_cw20_sender, no_funds};
use fairgrid::escrow::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg, ReceiveMsg};
use fairgrid::wire::{ReplyEnvelope, ReplyOutcome};
use fairgrid::AssetInfo;

use crate::error::ContractError;
use crate::execute::{admin, credits, disputes, fees, grants, leases, providers};
use crate::query;
use crate::state::{ACCEPTED, CONFIG, LAYOUT, LAYOUT_VERSION, OWED};

pub const CONTRACT_NAME: &str = "crates.io:fairgrid-compute-escrow";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    LAYOUT.save(deps.storage, &LAYOUT_VERSION)?;
    admin::instantiate(deps, env, info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    use ExecuteMsg::*;
    // Only the payable messages look at funds; every other one refuses them.
    match &msg {
        Deposit { .. }
        | RegisterProvider { .. }
        | AddCollateral {}
        | OpenLease { .. }
        | ExtendLease { .. } => {}
        _ => no_funds(&info.funds)?,
    }
    match msg {
        Receive(wrapper) => receive(deps, env, info, wrapper),
        Deposit { beneficiary } => {
            credits::deposit_native(deps, &env.contract.address, info, beneficiary)
        }
        Withdraw {
            asset,
            amount,
            recipient,
        } => credits::withdraw(deps, &env.contract.address, info, asset, amount, recipient),
        RegisterProvider { metadata } => {
            let paid = providers::native_collateral(deps.as_ref(), &info.funds)?;
            providers::register(deps, info.sender, metadata, paid)
        }
        UpdateProvider { metadata } => providers::update_metadata(deps, info.sender, metadata),
        AddCollateral {} => {
            let paid = providers::native_collateral(deps.as_ref(), &info.funds)?;
            providers::add_collateral(deps, info.sender, paid)
        }
        RequestCollateralWithdrawal { amount } => {
            providers::request_withdrawal(deps, env, info.sender, amount)
        }
        WithdrawCollateral {} => providers::withdraw_collateral(deps, env, info.sender),
        ResyncCollateralWeight { provider } => providers::resync_weight(deps.as_ref(), provider),
        CreateOffer { offer } => providers::create_offer(deps, info.sender, offer),
        UpdateOfferPrice {
            offer_id,
            price_per_hour,
        } => providers::update_offer_price(deps, info.sender, offer_id, price_per_hour),
        CloseOffer { offer_id } => providers::close_offer(deps, info.sender, offer_id),
        OpenLease {
            offer_id,
            duration,
            max_price_per_hour,
        } => {
            let paid = credits::native_payment(&info.funds)?;
            let terms = leases::Terms::new(duration, max_price_per_hour);
            leases::open(
                deps,
                env,
                info.sender,
                offer_id,
                terms,
                leases::Pay::Own(paid),
            )
        }
        OpenLeaseFromGrant {
            grant_id,
            offer_id,
            duration,
            max_price_per_hour,
        } => {
            let terms = leases::Terms::new(duration, max_price_per_hour);
            let pay = leases::Pay::Grant(grant_id);
            leases::open(deps, env, info.sender, offer_id, terms, pay)
        }
        CreateGrant {
            grantee,
            asset,
            limit,
            expires,
        } => grants::create(deps, env, info.sender, grantee, asset, limit, expires),
        RevokeGrant { grant_id } => grants::revoke(deps, info.sender, grant_id),
        ExtendLease {
            lease_id,
            extra,
            max_price_per_hour,
        } => {
            let paid = credits::native_payment(&info.funds)?;
            let terms = leases::Terms::new(extra, max_price_per_hour);
            leases::extend(deps, env, info.sender, lease_id, terms, paid)
        }
        CloseLease { lease_id } => leases::close(deps, env, info.sender, lease_id),
        Settle { lease_ids } => leases::settle_many(deps, env, lease_ids),
        ClaimEarnings { lease_ids } => leases::claim(deps, env, info.sender, lease_ids),
        ForwardFees { assets } => fees::forward(deps, assets),
        OpenDispute { lease_id, reason } => {
            disputes::open(deps, env, info.sender, lease_id, reason)
        }
        ResolveDispute {
            lease_id,
            provider_share,
            slash,
        } => disputes::resolve(deps, env, info.sender, lease_id, provider_share, slash),
        UpdateConfig(update) => admin::update_config(deps, info.sender, update),
        UpdateAssets { add, remove } => admin::update_assets(deps, info.sender, add, remove),
        SetPaused { paused } => admin::set_paused(deps, info.sender, paused),
    }
}

/// cw20 entry: honoured only from an accepted token or the collateral token.
fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let token = AssetInfo::Cw20(info.sender.clone());
    let cfg = CONFIG.load(deps.storage)?;
    let known = ACCEPTED.has(deps.storage, &token.key()) || cfg.collateral_asset == token;
    check_cw20_sender(&info.sender, known)?;
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    if wrapper.amount.is_zero() {
        return Err(ContractError::ZeroAmount {
            what: "cw20 amount".into(),
        });
    }
    let paid = token.with_amount(wrapper.amount);
    match from_json::<ReceiveMsg>(&wrapper.msg)? {
        ReceiveMsg::Deposit { beneficiary } => {
            credits::deposit(deps, &env.contract.address, sender, beneficiary, paid)
        }
        ReceiveMsg::RegisterProvider { metadata } => {
            providers::register(deps, sender, metadata, paid)
        }
        ReceiveMsg::AddCollateral {} => providers::add_collateral(deps, sender, paid),
        ReceiveMsg::OpenLease {
            offer_id,
            duration,
            max_price_per_hour,
        } => {
            let terms = leases::Terms::new(duration, max_price_per_hour);
            let pay = leases::Pay::Own(Some(paid));
            leases::open(deps, env, sender, offer_id, terms, pay)
        }
        ReceiveMsg::ExtendLease {
            lease_id,
            extra,
            max_price_per_hour,
        } => {
            let terms = leases::Terms::new(extra, max_price_per_hour);
            leases::extend(deps, env, sender, lease_id, terms, Some(paid))
        }
    }
}

/// Only the collateral hook is replied to, and only when it failed: the
/// message that sent it stands; the failure is reported.
///
/// The wasm `reply` export does not parse a whole `Reply` (events,
/// attributes, msg responses: about 10 KB of wasm for three fields read): it
/// reads the same JSON as a [`ReplyEnvelope`] and calls [`reply_envelope`].
/// This function, for hosts that pass a `Reply` (cw-multi-test), does the
/// same through the same conversion.
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    reply_envelope(deps, env, msg.into())
}

/// The `reply` entry point on what it reads of the reply: the id, the
/// outcome and the payload (the provider's address, set on the hook).
pub fn reply_envelope(
    _deps: DepsMut,
    _env: Env,
    msg: ReplyEnvelope,
) -> Result<Response, ContractError> {
    let id = msg.id;
    if id != crate::execute::HOOK_REPLY_ID {
        return Err(ContractError::UnexpectedReply {
            id,
            reason: "only the collateral hook is replied to".into(),
        });
    }
    let ReplyOutcome::Err(error) = msg.result else {
        return Err(ContractError::UnexpectedReply {
            id,
            reason: "only failures are replied to".into(),
        });
    };
    Ok(Response::new()
        .add_attribute("action", "collateral_hook_failed")
        .add_attribute("provider", String::from_utf8_lossy(msg.payload.as_slice()))
        .add_attribute("error", error))
}

/// The wasm `reply` export, as `#[entry_point]` would write it but with the
/// lean message type: `do_sudo` reads the env and the message the same way
/// `do_reply` does, for any message type.
#[cfg(all(target_arch = "wasm32", not(feature = "library")))]
mod __wasm_export_reply {
    #[no_mangle]
    extern "C" fn reply(ptr_0: u32, ptr_1: u32) -> u32 {
        cosmwasm_std::do_sudo(&super::reply_envelope, ptr_0, ptr_1)
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::dispatch(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
/// Checks the version (no downgrade, same contract), converts the stored
/// layout to `LAYOUT_VERSION` and checks the configuration.
///
/// Layout 1 (no `v` key: commit 920be6d, and the releases after it up to
/// the layout key) kept each asset's owed total as a bare amount and each
/// offer's slots as a bare count. The owed records (one per asset that ever
/// held value, a few dozen at most) are rewritten here; the slot records
/// (one per offer with unsettled leases, not bounded) read in either form
/// and take today's form at their next write, and settling a lease covers
/// its own dispute window, so the liability those records lacked comes back
/// as their leases settle. Records added since (the bond and liability
/// fields, track records, dispute bonds, grants, service weights) read as
/// absent = none. Layout 2 had no service asset: it becomes the sole
/// accepted asset, or stays unset (no service weight accrues) until
/// governance sets it when several are accepted.
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let res = fairgrid::migrate::upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let layout = LAYOUT.may_load(deps.storage)?.unwrap_or(1);
    if layout < 2 {
        let owed = OWED
            .range(deps.storage, None, None, Order::Ascending)
            .collect::<StdResult<Vec<_>>>()?;
        for (key, o) in owed {
            OWED.save(deps.storage, &key, &o)?;
        }
    }
    let mut cfg = CONFIG.load(deps.storage)?;
    if layout < 3 && cfg.service_asset.is_none() {
        // service weights start with the sole accepted asset; with several,
        // none is chosen here: governance sets `service_asset` (by
        // `update_config`, in the proposal that migrates). The pool keeps
        // each provider's old collateral weight until the provider's next
        // weight change or anyone's `resync_collateral_weight`.
        let keys = ACCEPTED
            .keys(deps.storage, None, None, Order::Ascending)
            .take(2)
            .collect::<StdResult<Vec<_>>>()?;
        if let [only] = keys.as_slice() {
            cfg.service_asset = Some(AssetInfo::from_key(only)?);
        }
    }
    // a stored configuration outside today's ranges must be fixed first
    admin::check_config(&cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    LAYOUT.save(deps.storage, &LAYOUT_VERSION)?;
    Ok(res
        .add_attribute("from_layout", layout.to_string())
        .add_attribute("to_layout", LAYOUT_VERSION.to_string()))
}
