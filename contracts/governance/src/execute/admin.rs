//! Administration: instantiate and migrate bodies, parameter checks, and the
//! messages only governance itself may send (config, hooks, guardian,
//! identity configuration).

use cosmwasm_std::{
    to_json_vec, Addr, Attribute, Deps, DepsMut, Env, MessageInfo, Response, Uint128,
};
use cw_utils::Duration;
use fairgrid::governance::{
    IdentityConfigMsg, InstantiateMsg, MigrateMsg, Params, ParamsMsg, RefundPolicy, Threshold,
    UnidentifiedPolicy, MAX_HOOKS, MAX_PERIOD, MIN_GUARDIAN_TIMELOCK,
};

use super::{note_unbonding_change, only_self};
use crate::error::ContractError;
use crate::math;
use crate::state::{
    load_params, params_from_v1, save_params, Core, Meta, Metrics, CORE, GUARDIAN, LAYOUT,
    LAYOUT_VERSION, META, METRICS, METRICS_KEY, PARAMS_V1, REGISTRY, TOTAL_CLAIMS,
};

/// Instantiate after the cw2 record (`contract::instantiate`): checks the
/// parameters and hooks, writes core, params, guardian, registry, empty
/// metrics, totals and the layout version.
pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let token = deps.api.addr_validate(&msg.token)?;
    let params = check_params(deps.as_ref(), msg.params, msg.guardian.is_some())?;
    let hooks = apply_hooks(deps.as_ref(), vec![], msg.hooks, vec![])?;
    CORE.save(
        deps.storage,
        &Core {
            token: token.clone(),
            curve: msg.curve,
            min_stake: msg.min_stake,
            hooks: hooks.clone(),
        },
    )?;
    save_params(deps.storage, &params)?;
    if let Some(g) = &msg.guardian {
        GUARDIAN.save(deps.storage, &deps.api.addr_validate(g)?)?;
    }
    let policy = set_registry(deps.branch(), &msg.identity)?;
    METRICS.save(
        deps.storage,
        &Metrics {
            policy,
            ..Default::default()
        },
        env.block.height,
    )?;
    TOTAL_CLAIMS.save(deps.storage, &Uint128::zero())?;
    META.save(deps.storage, &Meta::default())?;
    LAYOUT.save(deps.storage, &LAYOUT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("token", token)
        .add_attribute("hooks", hooks.len().to_string()))
}

/// Migrates the stored layout to `LAYOUT_VERSION` (O(1): only the params
/// record (layout 2) and the metrics record (layout 3) changed shape), sets
/// the identity configuration when `msg.identity` is given, and checks the parameters, `msg.params` when given
/// (the way to repair parameters an older version accepted), else the stored
/// ones, against today's ranges.
/// `from` and `to` are the code versions (checked by the caller).
pub fn migrate(
    mut deps: DepsMut,
    env: Env,
    msg: MigrateMsg,
    res: Response,
) -> Result<Response, ContractError> {
    let layout = LAYOUT.may_load(deps.storage)?.unwrap_or(1);
    let stored = match layout {
        1 => params_from_v1(PARAMS_V1.load(deps.storage)?),
        _ => load_params(deps.storage)?,
    };
    let guardian = GUARDIAN.may_load(deps.storage)?.is_some();
    let params = check_params(
        deps.as_ref(),
        msg.params.unwrap_or_else(|| params_msg(stored.clone())),
        guardian,
    )?;
    let now = env.block.time.seconds();
    note_unbonding_change(
        deps.storage,
        now,
        stored.unbonding_period,
        params.unbonding_period,
    )?;
    save_params(deps.storage, &params)?;
    let changed = changed_params(&stored, &params);
    if layout < 3 {
        // The layout-2 metrics record reads as every staker without identity
        // under `per_address`; written back in the layout-3 shape, in place
        // (same value: no changelog entry). Changelog entries of past heights
        // keep their layout-2 bytes, which still read.
        let m = METRICS.load(deps.storage)?;
        deps.storage.set(METRICS_KEY, &to_json_vec(&m)?);
    }
    if let Some(identity) = &msg.identity {
        apply_identity_config(deps.branch(), env.block.height, identity)?;
    }
    LAYOUT.save(deps.storage, &LAYOUT_VERSION)?;
    Ok(res
        .add_attribute("from_layout", layout.to_string())
        .add_attribute("to_layout", LAYOUT_VERSION.to_string())
        .add_attributes(changed))
}

/// Sets the parameters (self only), checked against their ranges; the
/// event lists the fields that changed.
pub fn update_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    params: ParamsMsg,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "update_config")?;
    let guardian = GUARDIAN.may_load(deps.storage)?.is_some();
    let params = check_params(deps.as_ref(), params, guardian)?;
    let old = load_params(deps.storage)?;
    let now = env.block.time.seconds();
    note_unbonding_change(
        deps.storage,
        now,
        old.unbonding_period,
        params.unbonding_period,
    )?;
    save_params(deps.storage, &params)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attributes(changed_params(&old, &params)))
}

/// One attribute per parameter that differs between `old` and `new`, in
/// `ParamsMsg` field order, key = field name, value = the new value as plain
/// text: bps and seconds as integers, amounts as integers, `threshold` as
/// its bps or `majority`, `unbonding_period` as seconds (`height:<n>` for a
/// layout-1 height), `treasury` as the address, `deposit_refund` as its
/// snake-case name. Unchanged fields give nothing.
pub fn changed_params(old: &Params, new: &Params) -> Vec<Attribute> {
    param_values(old)
        .into_iter()
        .zip(param_values(new))
        .filter(|(o, n)| o.1 != n.1)
        .map(|(_, (key, value))| Attribute::new(key, value))
        .collect()
}

/// Every parameter as (field name, value as text), in `ParamsMsg` order;
/// each text is distinct per value, so texts differ exactly when values do.
fn param_values(p: &Params) -> [(&'static str, String); 12] {
    let threshold = match p.threshold {
        Threshold::Percent(b) => b.get().to_string(),
        Threshold::Majority {} => "majority".into(),
    };
    let unbonding = match p.unbonding_period {
        Duration::Time(t) => t.to_string(),
        Duration::Height(h) => format!("height:{h}"),
    };
    let refund = match p.deposit_refund {
        RefundPolicy::Always => "always",
        RefundPolicy::OnlyPassed => "only_passed",
        RefundPolicy::NotVetoed => "not_vetoed",
    };
    [
        ("cap", p.cap.get().to_string()),
        ("quorum", p.quorum.get().to_string()),
        ("threshold", threshold),
        ("veto_threshold", p.veto_threshold.get().to_string()),
        ("voting_period", p.voting_period.to_string()),
        ("timelock", p.timelock.to_string()),
        ("execution_window", p.execution_window.to_string()),
        ("min_deposit", p.min_deposit.to_string()),
        ("min_propose_power", p.min_propose_power.to_string()),
        ("unbonding_period", unbonding),
        ("treasury", p.treasury.to_string()),
        ("deposit_refund", refund.to_string()),
    ]
}

/// Checks every parameter against its documented range (`ParamsMsg`).
/// `guardian` says whether a guardian is (or will be) set: then the
/// timelock must be at least `MIN_GUARDIAN_TIMELOCK`.
pub fn check_params(deps: Deps, p: ParamsMsg, guardian: bool) -> Result<Params, ContractError> {
    if p.cap.is_zero() {
        return Err(out_of_range("cap", 0, "1..=10000 bps"));
    }
    if let Threshold::Percent(b) = p.threshold {
        if b.is_zero() {
            return Err(out_of_range("threshold", 0, "1..=10000 bps or majority"));
        }
    }
    if p.veto_threshold.is_zero() {
        return Err(out_of_range("veto_threshold", 0, "1..=10000 bps"));
    }
    check_period("voting_period", p.voting_period, 1)?;
    let min_timelock = if guardian { MIN_GUARDIAN_TIMELOCK } else { 0 };
    if p.timelock < min_timelock || p.timelock > MAX_PERIOD {
        let range = if guardian {
            format!("{MIN_GUARDIAN_TIMELOCK}..={MAX_PERIOD} seconds while a guardian is set")
        } else {
            format!("0..={MAX_PERIOD} seconds")
        };
        return Err(out_of_range("timelock", p.timelock, &range));
    }
    check_period("execution_window", p.execution_window, 1)?;
    match p.unbonding_period {
        Duration::Time(t) => check_period("unbonding_period", t, 0)?,
        Duration::Height(h) => {
            return Err(out_of_range(
                "unbonding_period",
                format!("height {h}"),
                &format!("a time of 0..={MAX_PERIOD} seconds"),
            ))
        }
    }
    Ok(Params {
        cap: p.cap,
        quorum: p.quorum,
        threshold: p.threshold,
        veto_threshold: p.veto_threshold,
        voting_period: p.voting_period,
        timelock: p.timelock,
        execution_window: p.execution_window,
        min_deposit: p.min_deposit,
        min_propose_power: p.min_propose_power,
        unbonding_period: p.unbonding_period,
        treasury: deps.api.addr_validate(&p.treasury)?,
        deposit_refund: p.deposit_refund,
    })
}

fn check_period(name: &str, v: u64, min: u64) -> Result<(), ContractError> {
    if v < min || v > MAX_PERIOD {
        return Err(out_of_range(
            name,
            v,
            &format!("{min}..={MAX_PERIOD} seconds"),
        ));
    }
    Ok(())
}

fn out_of_range(name: &str, got: impl std::fmt::Display, range: &str) -> ContractError {
    ContractError::InvalidParam {
        name: name.to_string(),
        reason: format!("must be {range}, got {got}"),
    }
}

/// `Params` back as the message that sets them (to re-check stored ones).
fn params_msg(p: Params) -> ParamsMsg {
    ParamsMsg {
        cap: p.cap,
        quorum: p.quorum,
        threshold: p.threshold,
        veto_threshold: p.veto_threshold,
        voting_period: p.voting_period,
        timelock: p.timelock,
        execution_window: p.execution_window,
        min_deposit: p.min_deposit,
        min_propose_power: p.min_propose_power,
        unbonding_period: p.unbonding_period,
        treasury: p.treasury.into_string(),
        deposit_refund: p.deposit_refund,
    }
}

/// Adds and removes stake hook receivers (self only; at most `MAX_HOOKS`).
pub fn update_hooks(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    add: Vec<String>,
    remove: Vec<String>,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "update_hooks")?;
    let (added, removed) = (add.join(","), remove.join(","));
    let mut core = CORE.load(deps.storage)?;
    let hooks = apply_hooks(deps.as_ref(), core.hooks, add, remove)?;
    core.hooks = hooks.clone();
    CORE.save(deps.storage, &core)?;
    Ok(Response::new()
        .add_attribute("action", "update_hooks")
        .add_attribute("added", added)
        .add_attribute("removed", removed)
        .add_attribute("hooks", hooks.len().to_string()))
}

fn apply_hooks(
    deps: Deps,
    mut hooks: Vec<Addr>,
    add: Vec<String>,
    remove: Vec<String>,
) -> Result<Vec<Addr>, ContractError> {
    for r in remove {
        let addr = deps.api.addr_validate(&r)?;
        let pos = hooks
            .iter()
            .position(|h| *h == addr)
            .ok_or(ContractError::HookNotFound { hook: r })?;
        hooks.remove(pos);
    }
    for a in add {
        let addr = deps.api.addr_validate(&a)?;
        if hooks.contains(&addr) {
            return Err(ContractError::HookExists { hook: a });
        }
        hooks.push(addr);
    }
    if hooks.len() > MAX_HOOKS {
        return Err(ContractError::TooManyHooks {
            count: hooks.len(),
            max: MAX_HOOKS,
        });
    }
    Ok(hooks)
}

/// Sets or clears the guardian (self only); setting one needs a timelock
/// of at least `MIN_GUARDIAN_TIMELOCK`.
pub fn update_guardian(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    guardian: Option<String>,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "update_guardian")?;
    let shown = match guardian {
        Some(g) => {
            let g = deps.api.addr_validate(&g)?;
            let timelock = load_params(deps.storage)?.timelock;
            if timelock < MIN_GUARDIAN_TIMELOCK {
                return Err(out_of_range(
                    "timelock",
                    timelock,
                    &format!(
                        "{MIN_GUARDIAN_TIMELOCK}..={MAX_PERIOD} seconds while a guardian is set"
                    ),
                ));
            }
            GUARDIAN.save(deps.storage, &g)?;
            g.to_string()
        }
        None => {
            GUARDIAN.remove(deps.storage);
            "none".to_string()
        }
    };
    Ok(Response::new()
        .add_attribute("action", "update_guardian")
        .add_attribute("guardian", shown))
}

/// Sets the registry and the policy for stake without identity (self only).
pub fn update_identity_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    identity: IdentityConfigMsg,
) -> Result<Response, ContractError> {
    only_self(&env, &info, "update_identity_config")?;
    apply_identity_config(deps, env.block.height, &identity)?;
    Ok(Response::new()
        .add_attribute("action", "update_identity_config")
        .add_attribute(
            "registry",
            identity.registry.unwrap_or_else(|| "none".to_string()),
        )
        .add_attribute("unidentified", policy_name(identity.unidentified)))
}

/// Sets the registry and the policy; the total power follows the policy
/// from the next height on (O(1)).
fn apply_identity_config(
    mut deps: DepsMut,
    h: u64,
    msg: &IdentityConfigMsg,
) -> Result<(), ContractError> {
    let policy = set_registry(deps.branch(), msg)?;
    let curve = CORE.load(deps.storage)?.curve;
    let mut m = METRICS.load(deps.storage)?;
    m.policy = policy;
    math::refresh_total(&mut m, curve)?;
    METRICS.save(deps.storage, &m, h)?;
    Ok(())
}

/// Validates and stores the registry; returns the policy (which the caller
/// writes into the metrics, where it is snapshotted with the total).
fn set_registry(
    deps: DepsMut,
    msg: &IdentityConfigMsg,
) -> Result<UnidentifiedPolicy, ContractError> {
    match &msg.registry {
        Some(r) => REGISTRY.save(deps.storage, &deps.api.addr_validate(r)?)?,
        None => REGISTRY.remove(deps.storage),
    }
    Ok(msg.unidentified)
}

/// The policy's snake-case name, as in events.
pub fn policy_name(p: UnidentifiedPolicy) -> &'static str {
    use UnidentifiedPolicy as P;
    match p {
        P::PerAddress => "per_address",
        P::None => "none",
        P::LinearShare => "linear_share",
    }
}
